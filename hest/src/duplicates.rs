// SPDX-License-Identifier: GPL-2.0
//! Duplicate GHES source ids. Linux's `hest_parse_ghes()` fails the registration of every
//! GHES when two enabled GHES entries share a source id; here the first one wins and only
//! the later ones are refused.
//!
//! The rule: among the enabled GHES and GHESv2 subtables, in table order, the first with a
//! given source id is kept; every later enabled one with that id is a duplicate. Disabled
//! entries and other types are never duplicates and never make one (as in Linux, whose
//! platform devices are named after GHES source ids only). Finding duplicates walks the
//! table once per source asked about: quadratic, with no allocation.

use core::fmt;

use super::source::ErrorSource;
use super::sources::Sources;
use super::table::Hest;

/// An enabled GHES whose source id an earlier enabled GHES already uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Duplicate {
    /// The shared source id.
    pub source_id: u16,
    /// Byte offset of the first enabled GHES with this id, the one that is kept.
    pub first_offset: usize,
    /// Byte offset of the duplicate, the one to refuse.
    pub offset: usize,
}

impl fmt::Display for Duplicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "subtable at offset {}: GHES source id {} is already used by the enabled GHES at \
             offset {}; refusing the later one",
            self.offset, self.source_id, self.first_offset
        )
    }
}

/// Whether `source` takes part in the duplicate rule: an enabled GHES or GHESv2.
fn enabled_ghes_id(source: &ErrorSource<'_>) -> Option<u16> {
    source.ghes().filter(|g| g.enabled).map(|g| g.source_id)
}

impl<'a> Hest<'a> {
    /// If `source` (from this table's [`Hest::sources`]) is an enabled GHES whose source
    /// id an earlier enabled GHES already uses, the duplicate to refuse; else `None`.
    pub fn duplicate_of(&self, source: &ErrorSource<'_>) -> Option<Duplicate> {
        let source_id = enabled_ghes_id(source)?;
        self.sources()
            .map_while(Result::ok)
            .take_while(|earlier| earlier.offset() < source.offset())
            .find(|earlier| enabled_ghes_id(earlier) == Some(source_id))
            .map(|first| Duplicate {
                source_id,
                first_offset: first.offset(),
                offset: source.offset(),
            })
    }

    /// Every duplicate in the table, in table order (see the rule in this module's doc).
    pub fn duplicate_source_ids(&self) -> Duplicates<'a> {
        Duplicates {
            hest: *self,
            walk: self.sources(),
        }
    }
}

/// The iterator [`Hest::duplicate_source_ids`] returns.
#[derive(Clone, Debug)]
pub struct Duplicates<'a> {
    hest: Hest<'a>,
    walk: Sources<'a>,
}

impl Iterator for Duplicates<'_> {
    type Item = Duplicate;

    fn next(&mut self) -> Option<Duplicate> {
        loop {
            let source = self.walk.next()?.ok()?;
            if let Some(dup) = self.hest.duplicate_of(&source) {
                return Some(dup);
            }
        }
    }
}

impl core::iter::FusedIterator for Duplicates<'_> {}
