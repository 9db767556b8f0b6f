// SPDX-License-Identifier: GPL-2.0
//! The IA-32 architecture subtables: machine check exception (type 0, ACPI 6.5 table 18.3),
//! corrected machine check (type 1, table 18.5), NMI (type 2, table 18.7) and deferred
//! machine check (type 11, table 18.15, same layout as type 1). The bank entries that follow
//! types 0, 1 and 11 are not part of these structures: see [`super::ErrorSource::banks`].

use super::builder::BuildError;
use super::notify::Notify;
use super::reader::Reader;
use super::writer::Writer;

/// Type 0: IA-32 Architecture Machine Check Exception (40 bytes, then the banks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ia32MachineCheck {
    /// Source Id.
    pub source_id: u16,
    /// Flags (see [`super::flags`]).
    pub flags: u8,
    /// Whether the source is enabled (non-zero Enabled byte).
    pub enabled: bool,
    /// Number of Records To Pre-allocate.
    pub records_to_preallocate: u32,
    /// Max Sections Per Record.
    pub max_sections_per_record: u32,
    /// Global Capability Init Data (IA32_MCG_CAP).
    pub global_capability_data: u64,
    /// Global Control Init Data (IA32_MCG_CTL).
    pub global_control_data: u64,
}

/// Types 1 (IA-32 Corrected Machine Check) and 11 (IA-32 Deferred Machine Check), which
/// share one 48-byte layout, then the banks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ia32CorrectedCheck {
    /// Source Id.
    pub source_id: u16,
    /// Flags (see [`super::flags`]).
    pub flags: u8,
    /// Whether the source is enabled (non-zero Enabled byte).
    pub enabled: bool,
    /// Number of Records To Pre-allocate.
    pub records_to_preallocate: u32,
    /// Max Sections Per Record.
    pub max_sections_per_record: u32,
    /// How the source signals an error.
    pub notify: Notify,
}

/// Type 2: IA-32 Architecture Non-Maskable Interrupt (20 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ia32Nmi {
    /// Source Id.
    pub source_id: u16,
    /// Number of Records To Pre-allocate.
    pub records_to_preallocate: u32,
    /// Max Sections Per Record.
    pub max_sections_per_record: u32,
    /// Max Raw Data Length.
    pub max_raw_data_length: u32,
}

impl Ia32MachineCheck {
    /// Decodes the fixed part; returns it with its bank count.
    pub(crate) fn parse(bytes: &[u8]) -> Option<(Self, u8)> {
        let mut r = Reader::new(bytes);
        r.skip(2)?;
        let source_id = r.u16()?;
        r.skip(2)?;
        let flags = r.u8()?;
        let enabled = r.u8()? != 0;
        let s = Self {
            source_id,
            flags,
            enabled,
            records_to_preallocate: r.u32()?,
            max_sections_per_record: r.u32()?,
            global_capability_data: r.u64()?,
            global_control_data: r.u64()?,
        };
        Some((s, r.u8()?))
    }

    /// Encodes the fixed part with `banks` as its bank count.
    pub(crate) fn write(&self, w: &mut Writer<'_>, banks: u8) -> Result<(), BuildError> {
        w.u16(0)?;
        w.u16(self.source_id)?;
        w.zeros(2)?;
        w.u8(self.flags)?;
        w.u8(u8::from(self.enabled))?;
        w.u32(self.records_to_preallocate)?;
        w.u32(self.max_sections_per_record)?;
        w.u64(self.global_capability_data)?;
        w.u64(self.global_control_data)?;
        w.u8(banks)?;
        w.zeros(7)
    }
}

impl Ia32CorrectedCheck {
    /// Decodes the fixed part of a type 1 or 11 subtable; returns it with its bank count.
    pub(crate) fn parse(bytes: &[u8]) -> Option<(Self, u8)> {
        let mut r = Reader::new(bytes);
        r.skip(2)?;
        let source_id = r.u16()?;
        r.skip(2)?;
        let flags = r.u8()?;
        let enabled = r.u8()? != 0;
        let s = Self {
            source_id,
            flags,
            enabled,
            records_to_preallocate: r.u32()?,
            max_sections_per_record: r.u32()?,
            notify: Notify::read(&mut r)?,
        };
        Some((s, r.u8()?))
    }

    /// Encodes the fixed part as subtable type `kind` (1 or 11) with `banks` banks.
    pub(crate) fn write(&self, w: &mut Writer<'_>, kind: u16, banks: u8) -> Result<(), BuildError> {
        w.u16(kind)?;
        w.u16(self.source_id)?;
        w.zeros(2)?;
        w.u8(self.flags)?;
        w.u8(u8::from(self.enabled))?;
        w.u32(self.records_to_preallocate)?;
        w.u32(self.max_sections_per_record)?;
        w.bytes(&self.notify.to_bytes())?;
        w.u8(banks)?;
        w.zeros(3)
    }
}

impl Ia32Nmi {
    /// Decodes a type 2 subtable.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes);
        r.skip(2)?;
        let source_id = r.u16()?;
        r.skip(4)?;
        Some(Self {
            source_id,
            records_to_preallocate: r.u32()?,
            max_sections_per_record: r.u32()?,
            max_raw_data_length: r.u32()?,
        })
    }

    /// Encodes a type 2 subtable.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.u16(2)?;
        w.u16(self.source_id)?;
        w.zeros(4)?;
        w.u32(self.records_to_preallocate)?;
        w.u32(self.max_sections_per_record)?;
        w.u32(self.max_raw_data_length)
    }
}
