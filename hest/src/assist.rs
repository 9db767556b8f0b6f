// SPDX-License-Identifier: GPL-2.0
//! GHES_ASSIST (ACPI 6.5 section 18.3.2.7.2): a GHES whose Related Source Id names an
//! IA-32 machine check source with the GHES_ASSIST flag only carries extra information for
//! that source's banks, and is not an error source of its own. Linux's `apei_hest_parse()`
//! skips such entries for every purpose.
//!
//! Linux decides with the machine check sources it has met so far during its walk (the
//! last one of each type, remembered across walks); here every IA-32 machine check source
//! (types 0, 1, 11) of the whole table is considered, whatever its position.

use super::flags::GHES_ASSIST;
use super::ghes::Ghes;
use super::kind::SourceKind;
use super::source::ErrorSource;
use super::table::Hest;

impl<'a> Hest<'a> {
    /// The IA-32 machine check source (type 0, 1 or 11) with the GHES_ASSIST flag whose
    /// source id is `ghes.related_source_id`, if any: then `ghes` assists it and is not an
    /// error source of its own.
    pub fn assisted_source(&self, ghes: &Ghes) -> Option<ErrorSource<'a>> {
        self.sources().map_while(Result::ok).find(|s| {
            matches!(
                s.kind(),
                SourceKind::Ia32MachineCheck
                    | SourceKind::Ia32CorrectedMachineCheck
                    | SourceKind::Ia32DeferredMachineCheck
            ) && s.source_id() == ghes.related_source_id
                && s.subtable().flags().is_some_and(|f| f & GHES_ASSIST != 0)
        })
    }

    /// Whether `ghes` is a GHES_ASSIST entry (see [`Hest::assisted_source`]), which a
    /// driver should not register as an error source.
    pub fn is_ghes_assist(&self, ghes: &Ghes) -> bool {
        self.assisted_source(ghes).is_some()
    }
}
