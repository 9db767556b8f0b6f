// SPDX-License-Identifier: GPL-2.0
//! A little-endian field writer into a caller's buffer that cannot panic: a write that does
//! not fit fails with [`BuildError::BufferTooSmall`] instead.

use super::builder::BuildError;

/// Appends fixed-width little-endian fields to `buf` from `pos` on.
#[derive(Debug)]
pub(crate) struct Writer<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl<'b> Writer<'b> {
    /// A writer that appends at `pos` in `buf`.
    pub(crate) fn new(buf: &'b mut [u8], pos: usize) -> Self {
        Self { buf, pos }
    }

    /// The offset of the next byte to be written.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Appends `bytes`.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> Result<(), BuildError> {
        let end = self
            .pos
            .checked_add(bytes.len())
            .ok_or(BuildError::TableTooLong)?;
        let available = self.buf.len();
        let dst = self
            .buf
            .get_mut(self.pos..end)
            .ok_or(BuildError::BufferTooSmall {
                needed: end,
                available,
            })?;
        dst.copy_from_slice(bytes);
        self.pos = end;
        Ok(())
    }

    /// Appends `n` zero bytes (reserved fields).
    pub(crate) fn zeros(&mut self, n: usize) -> Result<(), BuildError> {
        for _ in 0..n {
            self.bytes(&[0])?;
        }
        Ok(())
    }

    /// Appends one byte.
    pub(crate) fn u8(&mut self, v: u8) -> Result<(), BuildError> {
        self.bytes(&[v])
    }

    /// Appends a little-endian `u16`.
    pub(crate) fn u16(&mut self, v: u16) -> Result<(), BuildError> {
        self.bytes(&v.to_le_bytes())
    }

    /// Appends a little-endian `u32`.
    pub(crate) fn u32(&mut self, v: u32) -> Result<(), BuildError> {
        self.bytes(&v.to_le_bytes())
    }

    /// Appends a little-endian `u64`.
    pub(crate) fn u64(&mut self, v: u64) -> Result<(), BuildError> {
        self.bytes(&v.to_le_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::{BuildError, Writer};

    #[test]
    fn writes_little_endian_and_refuses_to_overflow() {
        let mut buf = [0xffu8; 8];
        let mut w = Writer::new(&mut buf, 1);
        w.u16(0x1234).unwrap();
        w.u32(0xa1b2_c3d4).unwrap();
        assert_eq!(w.pos(), 7);
        assert_eq!(
            w.u16(1),
            Err(BuildError::BufferTooSmall {
                needed: 9,
                available: 8
            })
        );
        w.zeros(1).unwrap();
        assert_eq!(buf, [0xff, 0x34, 0x12, 0xd4, 0xc3, 0xb2, 0xa1, 0]);
    }
}
