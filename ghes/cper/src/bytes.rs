// SPDX-License-Identifier: GPL-2.0
//! Bounds-checked little-endian field access on borrowed bytes.
//!
//! Two flavours: the `try_*` readers return `None` past the end (used where a short buffer is an
//! error), and the plain readers return zero past the end. The latter implement the crate's rule
//! for printing: a field that Linux would read past the end of a section reads as zero here.

/// `N` bytes at `off`, or `None` if they are not all inside `b`.
pub(crate) fn try_array<const N: usize>(b: &[u8], off: usize) -> Option<[u8; N]> {
    let end = off.checked_add(N)?;
    b.get(off..end)?.try_into().ok()
}

/// Little-endian `u16` at `off`, or `None`.
pub(crate) fn try_u16(b: &[u8], off: usize) -> Option<u16> {
    try_array(b, off).map(u16::from_le_bytes)
}

/// Little-endian `u32` at `off`, or `None`.
pub(crate) fn try_u32(b: &[u8], off: usize) -> Option<u32> {
    try_array(b, off).map(u32::from_le_bytes)
}

/// `N` bytes at `off`; bytes past the end of `b` read as zero.
pub(crate) fn array<const N: usize>(b: &[u8], off: usize) -> [u8; N] {
    let mut out = [0u8; N];
    let avail = b.get(off..).unwrap_or(&[]);
    for (dst, src) in out.iter_mut().zip(avail.iter()) {
        *dst = *src;
    }
    out
}

/// Byte at `off`, zero past the end.
pub(crate) fn u8_at(b: &[u8], off: usize) -> u8 {
    b.get(off).copied().unwrap_or(0)
}

/// Little-endian `u16` at `off`, zero-filled past the end.
pub(crate) fn u16_at(b: &[u8], off: usize) -> u16 {
    u16::from_le_bytes(array(b, off))
}

/// Little-endian `u32` at `off`, zero-filled past the end.
pub(crate) fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(array(b, off))
}

/// Little-endian `u64` at `off`, zero-filled past the end.
pub(crate) fn u64_at(b: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(array(b, off))
}

/// `b[start..start + len]` clamped to `b` (empty if `start` is past the end).
pub(crate) fn sub(b: &[u8], start: usize, len: usize) -> &[u8] {
    let tail = b.get(start..).unwrap_or(&[]);
    tail.get(..len).unwrap_or(tail)
}

/// Writes `v` at `off` of `out`; `false` if it does not fit.
pub(crate) fn put(out: &mut [u8], off: usize, v: &[u8]) -> bool {
    let Some(end) = off.checked_add(v.len()) else {
        return false;
    };
    match out.get_mut(off..end) {
        Some(dst) => {
            dst.copy_from_slice(v);
            true
        }
        None => false,
    }
}

/// Integer types readable little-endian with zero fill.
pub(crate) trait Le: Sized {
    /// Reads `Self` at `off` of `b`, zero-filled past the end.
    fn read(b: &[u8], off: usize) -> Self;
}

impl Le for u8 {
    fn read(b: &[u8], off: usize) -> Self {
        u8_at(b, off)
    }
}
impl Le for u16 {
    fn read(b: &[u8], off: usize) -> Self {
        u16_at(b, off)
    }
}
impl Le for u32 {
    fn read(b: &[u8], off: usize) -> Self {
        u32_at(b, off)
    }
}
impl Le for u64 {
    fn read(b: &[u8], off: usize) -> Self {
        u64_at(b, off)
    }
}

/// Generates documented field getters over `self.b` (zero-filled past the end). Must be used in
/// a direct child module of the crate root (the expansion names `super::bytes`).
macro_rules! getters {
    ($($(#[$m:meta])* $name:ident: $ty:ty = $off:expr;)*) => {
        $(
            $(#[$m])*
            pub fn $name(&self) -> $ty {
                <$ty as super::bytes::Le>::read(self.b, $off)
            }
        )*
    };
}
pub(crate) use getters;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_fill_past_end() {
        let b = [1u8, 2, 3];
        assert_eq!(u16_at(&b, 1), 0x0302);
        assert_eq!(u32_at(&b, 1), 0x0302);
        assert_eq!(u64_at(&b, usize::MAX), 0);
        assert_eq!(u8_at(&b, 3), 0);
        assert_eq!(try_u16(&b, 2), None);
        assert_eq!(try_u32(&b, 0), None);
        assert_eq!(try_array::<2>(&b, usize::MAX), None);
        assert_eq!(sub(&b, 1, 10), &[2, 3]);
        assert_eq!(sub(&b, 5, 1), &[] as &[u8]);
        let mut o = [0u8; 4];
        assert!(put(&mut o, 2, &[9, 9]));
        assert!(!put(&mut o, 3, &[9, 9]));
        assert!(!put(&mut o, usize::MAX, &[9]));
        assert_eq!(o, [0, 0, 9, 9]);
    }
}
