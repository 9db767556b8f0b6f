// SPDX-License-Identifier: GPL-2.0
//! One decoded HEST error source structure (ACPI 6.5 section 18.3.2.1 to 18.3.2.9) with
//! where it sits in the table, and the decoding of one subtable from the table's bytes.

use super::aer::{AerBridge, AerEndpoint, AerRootPort};
use super::bank::Banks;
use super::ghes::Ghes;
use super::ia32::{Ia32CorrectedCheck, Ia32MachineCheck, Ia32Nmi};
use super::kind::SourceKind;
use super::reader::Reader;
use super::sources::SubtableError;

/// The decoded fields of one subtable, by type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subtable {
    /// Type 0.
    Ia32MachineCheck(Ia32MachineCheck),
    /// Type 1.
    Ia32CorrectedMachineCheck(Ia32CorrectedCheck),
    /// Type 2.
    Ia32Nmi(Ia32Nmi),
    /// Type 6.
    AerRootPort(AerRootPort),
    /// Type 7.
    AerEndpoint(AerEndpoint),
    /// Type 8.
    AerBridge(AerBridge),
    /// Type 9 (`ack` is `None`) or type 10 (`ack` is `Some`).
    Ghes(Ghes),
    /// Type 11 (same layout as type 1).
    Ia32DeferredMachineCheck(Ia32CorrectedCheck),
}

impl Subtable {
    /// The subtable's type.
    pub const fn kind(&self) -> SourceKind {
        match self {
            Self::Ia32MachineCheck(_) => SourceKind::Ia32MachineCheck,
            Self::Ia32CorrectedMachineCheck(_) => SourceKind::Ia32CorrectedMachineCheck,
            Self::Ia32Nmi(_) => SourceKind::Ia32Nmi,
            Self::AerRootPort(_) => SourceKind::AerRootPort,
            Self::AerEndpoint(_) => SourceKind::AerEndpoint,
            Self::AerBridge(_) => SourceKind::AerBridge,
            Self::Ghes(g) => {
                if g.is_v2() {
                    SourceKind::GhesV2
                } else {
                    SourceKind::Ghes
                }
            }
            Self::Ia32DeferredMachineCheck(_) => SourceKind::Ia32DeferredMachineCheck,
        }
    }

    /// The Source Id field.
    pub const fn source_id(&self) -> u16 {
        match self {
            Self::Ia32MachineCheck(s) => s.source_id,
            Self::Ia32CorrectedMachineCheck(s) | Self::Ia32DeferredMachineCheck(s) => s.source_id,
            Self::Ia32Nmi(s) => s.source_id,
            Self::AerRootPort(s) => s.source_id,
            Self::AerEndpoint(s) => s.source_id,
            Self::AerBridge(s) => s.source_id,
            Self::Ghes(s) => s.source_id,
        }
    }

    /// The Enabled field, for the types that have one (all but type 2).
    pub const fn enabled(&self) -> Option<bool> {
        match self {
            Self::Ia32MachineCheck(s) => Some(s.enabled),
            Self::Ia32CorrectedMachineCheck(s) | Self::Ia32DeferredMachineCheck(s) => {
                Some(s.enabled)
            }
            Self::Ia32Nmi(_) => None,
            Self::AerRootPort(s) => Some(s.aer.enabled),
            Self::AerEndpoint(s) => Some(s.aer.enabled),
            Self::AerBridge(s) => Some(s.aer.enabled),
            Self::Ghes(s) => Some(s.enabled),
        }
    }

    /// The Flags field, for the types that define one (IA-32 0/1/11 and AER 6/7/8).
    pub const fn flags(&self) -> Option<u8> {
        match self {
            Self::Ia32MachineCheck(s) => Some(s.flags),
            Self::Ia32CorrectedMachineCheck(s) | Self::Ia32DeferredMachineCheck(s) => Some(s.flags),
            Self::AerRootPort(s) => Some(s.aer.flags),
            Self::AerEndpoint(s) => Some(s.aer.flags),
            Self::AerBridge(s) => Some(s.aer.flags),
            Self::Ia32Nmi(_) | Self::Ghes(_) => None,
        }
    }
}

/// One error source of the table: its decoded fields, its bank entries (types 0, 1, 11) and
/// where it lies in the table. Borrows the table's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorSource<'a> {
    offset: usize,
    index: u32,
    bytes: &'a [u8],
    subtable: Subtable,
    banks: Banks<'a>,
}

impl<'a> ErrorSource<'a> {
    /// Decodes the subtable at the start of `rest`, which lies at byte `offset` of the table
    /// and is the `index`-th (from 0) subtable. On success the source's length is
    /// `source.bytes().len()`.
    pub(crate) fn parse(rest: &'a [u8], offset: usize, index: u32) -> Result<Self, SubtableError> {
        let mut r = Reader::new(rest);
        let (Some(raw_type), Some(source_id)) = (r.u16(), r.u16()) else {
            return Err(SubtableError::Truncated {
                offset,
                remaining: rest.len(),
            });
        };
        let Some(kind) = SourceKind::from_raw(raw_type) else {
            return Err(SubtableError::UnknownType {
                offset,
                raw_type,
                source_id,
                remaining: rest.len(),
            });
        };
        let overrun = |needed: usize| SubtableError::Overrun {
            offset,
            kind,
            source_id,
            needed,
            remaining: rest.len(),
        };
        let fixed = kind.fixed_len();
        let fixed_bytes = rest.get(..fixed).ok_or_else(|| overrun(fixed))?;
        let bank_count = match kind.bank_count_offset() {
            Some(at) => fixed_bytes.get(at).copied().ok_or_else(|| overrun(fixed))?,
            None => 0,
        };
        // At most 40 + 255 * 28 bytes: no overflow, but stay checked all the same.
        let len = usize::from(bank_count)
            .checked_mul(SourceKind::BANK_SIZE)
            .and_then(|banks| banks.checked_add(fixed))
            .ok_or_else(|| overrun(usize::MAX))?;
        let bytes = rest.get(..len).ok_or_else(|| overrun(len))?;
        let banks = Banks::new(bytes.get(fixed..).ok_or_else(|| overrun(len))?);
        let subtable = match kind {
            SourceKind::Ia32MachineCheck => {
                Ia32MachineCheck::parse(bytes).map(|(s, _)| Subtable::Ia32MachineCheck(s))
            }
            SourceKind::Ia32CorrectedMachineCheck => Ia32CorrectedCheck::parse(bytes)
                .map(|(s, _)| Subtable::Ia32CorrectedMachineCheck(s)),
            SourceKind::Ia32DeferredMachineCheck => {
                Ia32CorrectedCheck::parse(bytes).map(|(s, _)| Subtable::Ia32DeferredMachineCheck(s))
            }
            SourceKind::Ia32Nmi => Ia32Nmi::parse(bytes).map(Subtable::Ia32Nmi),
            SourceKind::AerRootPort => AerRootPort::parse(bytes).map(Subtable::AerRootPort),
            SourceKind::AerEndpoint => AerEndpoint::parse(bytes).map(Subtable::AerEndpoint),
            SourceKind::AerBridge => AerBridge::parse(bytes).map(Subtable::AerBridge),
            SourceKind::Ghes => Ghes::parse(bytes, false).map(Subtable::Ghes),
            SourceKind::GhesV2 => Ghes::parse(bytes, true).map(Subtable::Ghes),
        }
        .ok_or_else(|| overrun(len))?;
        Ok(Self {
            offset,
            index,
            bytes,
            subtable,
            banks,
        })
    }

    /// Byte offset of the subtable from the start of the table (the first one is at 40).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Position of the subtable in the table, counting from 0. Compare it with
    /// [`super::Hest::error_source_count`] to tell the sources the header counts from the
    /// ones found past that count.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The Source Id field.
    pub fn source_id(&self) -> u16 {
        self.subtable.source_id()
    }

    /// The subtable's type.
    pub fn kind(&self) -> SourceKind {
        self.subtable.kind()
    }

    /// The decoded fields.
    pub fn subtable(&self) -> &Subtable {
        &self.subtable
    }

    /// The GHES or GHESv2 fields, if this is one.
    pub fn ghes(&self) -> Option<&Ghes> {
        match &self.subtable {
            Subtable::Ghes(g) => Some(g),
            _ => None,
        }
    }

    /// The Enabled field, for the types that have one (all but the IA-32 NMI, type 2).
    pub fn enabled(&self) -> Option<bool> {
        self.subtable.enabled()
    }

    /// The IA-32 error bank entries that follow a type 0, 1 or 11 subtable, decoded lazily;
    /// empty for the other types.
    pub fn banks(&self) -> Banks<'a> {
        self.banks.clone()
    }

    /// The subtable's bytes, bank entries included.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The subtable's length in bytes, bank entries included.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always `false`: no subtable is empty. Present because `len` is.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}
