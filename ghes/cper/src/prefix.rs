// SPDX-License-Identifier: GPL-2.0
//! Line prefixes as cper.c builds them: `snprintf(newpfx, sizeof(newpfx), "%s ", pfx)` into
//! fixed `char[64]` (or `[65]`) buffers, truncation included.

use core::fmt;

/// Bytes of the printk level (`KERN_SOH` and a digit) that every in-tree caller of
/// `cper_estatus_print()` puts at the start of its prefix. They are not part of our text, but
/// they count against cper.c's buffer sizes, so we count them too.
pub(crate) const LEVEL_LEN: usize = 2;

/// A prefix: the first `kept` bytes of a base string, then `spaces` spaces.
#[derive(Clone, Copy)]
pub(crate) struct Pfx<'p> {
    base: &'p str,
    kept: usize,
    spaces: usize,
}

impl<'p> Pfx<'p> {
    /// The caller's prefix, used as is.
    pub(crate) fn new(base: &'p str) -> Self {
        Pfx {
            base,
            kept: base.len(),
            spaces: 0,
        }
    }

    /// Visible length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.kept.saturating_add(self.spaces)
    }

    /// `snprintf(buf, cap, "%s ", self)`: one more space, the whole (level included) cut to
    /// `cap - 1` bytes.
    pub(crate) fn child(&self, cap: usize) -> Self {
        let limit = cap.saturating_sub(1).saturating_sub(LEVEL_LEN);
        let want = self.len().saturating_add(1);
        if want <= limit {
            return Pfx {
                spaces: self.spaces.saturating_add(1),
                ..*self
            };
        }
        if limit <= self.kept {
            let mut kept = limit;
            while kept > 0 && !self.base.is_char_boundary(kept) {
                kept = kept.saturating_sub(1);
            }
            Pfx {
                base: self.base,
                kept,
                spaces: 0,
            }
        } else {
            Pfx {
                spaces: limit.saturating_sub(self.kept),
                ..*self
            }
        }
    }
}

impl fmt::Display for Pfx<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base.get(..self.kept).unwrap_or(""))?;
        for _ in 0..self.spaces {
            f.write_str(" ")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::Pfx;
    use std::{format, string::String};

    #[test]
    fn nesting_and_truncation() {
        let p = Pfx::new("{1}[Hardware Error]: ");
        assert_eq!(
            format!("{}|", p.child(64).child(64)),
            "{1}[Hardware Error]:   |"
        );
        // 70 visible bytes: the child keeps 64 - 1 - 2 = 61 of them and no space.
        let long: String = "x".repeat(70);
        let c = Pfx::new(&long).child(64);
        assert_eq!(c.len(), 61);
        assert_eq!(c.child(64).len(), 61);
        // A [65] buffer takes one more byte: the space.
        let d = c.child(64).child(65);
        assert_eq!(format!("{d}"), format!("{} ", "x".repeat(61)));
        // 60 visible: the child gets its space, the grandchild is cut at 61.
        let base: String = "y".repeat(60);
        let c = Pfx::new(&base).child(64);
        assert_eq!(format!("{c}"), format!("{base} "));
        assert_eq!(c.child(64).len(), 61);
        // Truncation never splits a character.
        let wide: String = "\u{e9}".repeat(40);
        assert_eq!(
            format!("{}", Pfx::new(&wide).child(64)),
            "\u{e9}".repeat(30)
        );
    }
}
