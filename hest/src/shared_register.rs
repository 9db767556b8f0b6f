// SPDX-License-Identifier: GPL-2.0
//! GHES entries that share an Error Status Address register (ACPI 6.5 section 18.3.2.7:
//! each source has its own register pointing at its own Error Status Block). Two sources
//! reading one register read one block: each record would be seen by both, and
//! acknowledged by whichever came first. Linux accepts such tables; here the first enabled
//! GHES keeps the register and every later enabled one that names the same register (same
//! address space and address) is refused, the same first-wins rule as duplicate source ids
//! ([`Hest::duplicate_of`]).

use core::fmt;

use super::source::ErrorSource;
use super::table::Hest;

/// An enabled GHES whose Error Status Address register an earlier enabled GHES already uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SharedRegister {
    /// The register's address.
    pub address: u64,
    /// Source id of the earlier GHES, the one that keeps the register.
    pub first_source_id: u16,
    /// Byte offset of the earlier GHES.
    pub first_offset: usize,
    /// Byte offset of the later GHES, the one to refuse.
    pub offset: usize,
}

impl fmt::Display for SharedRegister {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "subtable at offset {}: its error status address register {:#x} is already \
             source {}'s (the enabled GHES at offset {}): both would read one error status \
             block; refusing the later one",
            self.offset, self.address, self.first_source_id, self.first_offset
        )
    }
}

impl Hest<'_> {
    /// If `source` is an enabled GHES whose Error Status Address register an enabled GHES
    /// earlier in the table also names, that sharing. Walks the table up to `source`.
    /// A register at address 0 is no register (no block to share): it is left to
    /// [`crate::Ghes::validate`], which refuses it as such.
    pub fn shared_status_register(&self, source: &ErrorSource<'_>) -> Option<SharedRegister> {
        let ghes = source
            .ghes()
            .filter(|g| g.enabled && g.error_status_address.address != 0)?;
        let register = (
            ghes.error_status_address.space_id,
            ghes.error_status_address.address,
        );
        self.sources()
            .map_while(Result::ok)
            .take_while(|earlier| earlier.offset() < source.offset())
            .find_map(|earlier| {
                let first = earlier.ghes().filter(|g| g.enabled)?;
                let same = (
                    first.error_status_address.space_id,
                    first.error_status_address.address,
                ) == register;
                same.then_some(SharedRegister {
                    address: register.1,
                    first_source_id: first.source_id,
                    first_offset: earlier.offset(),
                    offset: source.offset(),
                })
            })
    }
}
