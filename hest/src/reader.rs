// SPDX-License-Identifier: GPL-2.0
//! A little-endian field reader over borrowed table bytes that cannot panic: every read is
//! bounds-checked and returns `None` past the end.

/// Reads fixed-width little-endian fields one after the other, the way the C structures in
/// ACPICA's `actbl1.h` lay them out (packed, no padding).
#[derive(Clone, Debug)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader positioned at the first byte of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    /// The next `N` bytes, or `None` if fewer remain.
    pub(crate) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let head: [u8; N] = self.rest.get(..N)?.try_into().ok()?;
        self.rest = self.rest.get(N..)?;
        Some(head)
    }

    /// Skips `n` bytes (reserved fields).
    pub(crate) fn skip(&mut self, n: usize) -> Option<()> {
        self.rest = self.rest.get(n..)?;
        Some(())
    }

    /// The next byte.
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|[b]| b)
    }

    /// The next little-endian `u16`.
    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }

    /// The next little-endian `u32`.
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    /// The next little-endian `u64`.
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::Reader;

    #[test]
    fn reads_little_endian_fields_in_order_and_stops_at_the_end() {
        let bytes = [
            1, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 9, 8, 7, 6, 5, 4, 3, 2, 0xaa,
        ];
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u8(), Some(1));
        assert_eq!(r.u16(), Some(0x1234));
        assert_eq!(r.u32(), Some(0x1234_5678));
        assert_eq!(r.u64(), Some(0x0203_0405_0607_0809));
        assert_eq!(r.u16(), None);
        assert_eq!(r.u8(), Some(0xaa));
        assert_eq!(r.u8(), None);
        assert_eq!(r.skip(1), None);
    }
}
