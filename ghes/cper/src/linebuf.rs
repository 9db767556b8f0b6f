// SPDX-License-Identifier: GPL-2.0
//! A fixed-capacity text buffer with C `snprintf()` truncation: what does not fit is dropped.

use core::fmt;

/// Up to `N` bytes of text. Writes past the capacity are cut (never an error), like
/// `snprintf()`/`scnprintf()` into a `char buf[N + 1]`.
pub(crate) struct LineBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> LineBuf<N> {
    pub(crate) const fn new() -> Self {
        LineBuf {
            buf: [0; N],
            len: 0,
        }
    }

    /// Bytes stored.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }

    /// Appends as much of `s` as fits; returns the number of bytes stored (`scnprintf()`).
    pub(crate) fn push_str(&mut self, s: &str) -> usize {
        let room = N.saturating_sub(self.len);
        let n = s.len().min(room);
        if let (Some(dst), Some(src)) = (
            self.buf.get_mut(self.len..self.len.saturating_add(n)),
            s.as_bytes().get(..n),
        ) {
            dst.copy_from_slice(src);
            self.len = self.len.saturating_add(n);
            n
        } else {
            0
        }
    }

    /// Appends one byte if it fits.
    pub(crate) fn push_byte(&mut self, c: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = c;
            self.len = self.len.saturating_add(1);
        }
    }

    /// Appends formatted text (truncated); returns the bytes stored.
    pub(crate) fn push_fmt(&mut self, args: fmt::Arguments<'_>) -> usize {
        let before = self.len;
        let _ = fmt::write(self, args);
        self.len.saturating_sub(before)
    }

    /// The stored text. A multi-byte character cut by truncation is dropped.
    pub(crate) fn as_str(&self) -> &str {
        let b = self.buf.get(..self.len).unwrap_or(&[]);
        match core::str::from_utf8(b) {
            Ok(s) => s,
            Err(e) => core::str::from_utf8(b.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
        }
    }
}

impl<const N: usize> fmt::Write for LineBuf<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

impl<const N: usize> fmt::Display for LineBuf<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Counts the bytes formatting would produce (`snprintf()`'s return value).
pub(crate) fn fmt_len(args: fmt::Arguments<'_>) -> usize {
    struct Count(usize);
    impl fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 = self.0.saturating_add(s.len());
            Ok(())
        }
    }
    let mut c = Count(0);
    let _ = fmt::write(&mut c, args);
    c.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates() {
        let mut b = LineBuf::<5>::new();
        assert_eq!(b.push_str("abc"), 3);
        assert_eq!(b.push_fmt(format_args!("{}", 1234)), 2);
        assert_eq!(b.as_str(), "abc12");
        b.push_byte(b'x');
        assert_eq!(b.len(), 5);
        b.clear();
        b.push_str("ab\u{e9}\u{e9}");
        assert_eq!(b.as_str(), "ab\u{e9}");
        assert_eq!(fmt_len(format_args!("{}-{}", 10, "xy")), 5);
    }
}
