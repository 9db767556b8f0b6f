// SPDX-License-Identifier: GPL-2.0
//! The lazy walk over a HEST's error source structures (ACPI 6.5 section 18.3.2) and the
//! problems it reports.

use core::fmt;

use super::kind::SourceKind;
use super::source::ErrorSource;

/// A problem found while walking the subtables. All but [`SubtableError::CountMismatch`]
/// end the walk, since the next subtable's position is unknown after them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SubtableError {
    /// Fewer than the 4 bytes of a subtable header (type and source id) remain.
    Truncated {
        /// Byte offset of the leftover bytes in the table.
        offset: usize,
        /// How many bytes are left.
        remaining: usize,
    },
    /// The type is 3, 4, 5 (unused) or 12 and above (reserved). Subtables have no length
    /// field, so the length of this one, and so the position of the next, cannot be known.
    UnknownType {
        /// Byte offset of the subtable in the table.
        offset: usize,
        /// The type value.
        raw_type: u16,
        /// The source id the subtable claims.
        source_id: u16,
        /// Bytes from this subtable to the end of the table, none of which are parsed.
        remaining: usize,
    },
    /// The subtable (with its bank entries) would run past the end of the table.
    Overrun {
        /// Byte offset of the subtable in the table.
        offset: usize,
        /// Its type.
        kind: SourceKind,
        /// The source id the subtable claims.
        source_id: u16,
        /// The bytes the subtable needs.
        needed: usize,
        /// The bytes left in the table from its offset on.
        remaining: usize,
    },
    /// The whole table was walked without a problem but the header's Error Source Count
    /// differs from the number of subtables found. Reported last; every subtable found was
    /// already yielded.
    CountMismatch {
        /// The header's Error Source Count.
        declared: u32,
        /// The number of subtables in the table.
        found: u32,
    },
}

impl SubtableError {
    /// Byte offset in the table of the problem, if it is about one subtable.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Self::Truncated { offset, .. }
            | Self::UnknownType { offset, .. }
            | Self::Overrun { offset, .. } => Some(*offset),
            Self::CountMismatch { .. } => None,
        }
    }
}

impl fmt::Display for SubtableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated { offset, remaining } => write!(
                f,
                "subtable at offset {offset}: only {remaining} byte(s) left, too few for a \
                 subtable header; ignored"
            ),
            Self::UnknownType {
                offset,
                raw_type,
                source_id,
                remaining,
            } => write!(
                f,
                "subtable at offset {offset}: unknown type {raw_type} (source id {source_id}); \
                 its length cannot be known, so the last {remaining} byte(s) of the table are \
                 not parsed"
            ),
            Self::Overrun {
                offset,
                kind,
                source_id,
                needed,
                remaining,
            } => write!(
                f,
                "subtable at offset {offset}: {kind} source {source_id} needs {needed} bytes \
                 but only {remaining} are left in the table; it and anything after it are not \
                 parsed"
            ),
            Self::CountMismatch { declared, found } => write!(
                f,
                "header declares {declared} error source(s) but the table holds {found}; all \
                 {found} are kept"
            ),
        }
    }
}

/// The lazy walk over a table's subtables, from [`super::Hest::sources`].
///
/// Yields `Ok` for each subtable of a known type that fits in the table, in table order.
/// A [`SubtableError`] other than `CountMismatch` is the last item; after a clean walk to
/// the exact end of the table a `CountMismatch` is yielded if the header's count differs.
#[derive(Clone, Debug)]
pub struct Sources<'a> {
    table: &'a [u8],
    pos: usize,
    found: u32,
    declared: u32,
    done: bool,
}

impl<'a> Sources<'a> {
    /// A walk over `table` (the whole HEST, `length` bytes) from byte `start`.
    pub(crate) fn new(table: &'a [u8], start: usize, declared: u32) -> Self {
        Self {
            table,
            pos: start,
            found: 0,
            declared,
            done: false,
        }
    }

    /// Byte offset in the table where the next subtable would start.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// How many subtables have been yielded so far.
    pub fn found(&self) -> u32 {
        self.found
    }
}

impl<'a> Iterator for Sources<'a> {
    type Item = Result<ErrorSource<'a>, SubtableError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let rest = self.table.get(self.pos..).unwrap_or(&[]);
        if rest.is_empty() {
            self.done = true;
            return (self.found != self.declared).then_some(Err(SubtableError::CountMismatch {
                declared: self.declared,
                found: self.found,
            }));
        }
        match ErrorSource::parse(rest, self.pos, self.found) {
            Ok(source) => {
                self.pos = self.pos.saturating_add(source.len());
                self.found = self.found.saturating_add(1);
                Some(Ok(source))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

impl core::iter::FusedIterator for Sources<'_> {}
