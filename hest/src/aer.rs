// SPDX-License-Identifier: GPL-2.0
//! The PCI Express AER subtables: root port (type 6, ACPI 6.5 table 18.8), device (type 7,
//! table 18.9) and PCIe/PCI-X bridge (type 8, table 18.10), with the fields they share.

use super::builder::BuildError;
use super::reader::Reader;
use super::writer::Writer;

/// The 40 bytes that follow the type and source id in all three AER subtables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AerCommon {
    /// Flags (see [`super::flags`]); with GLOBAL set, bus/device/function are ignored.
    pub flags: u8,
    /// Whether the source is enabled (non-zero Enabled byte).
    pub enabled: bool,
    /// Number of Records To Pre-allocate.
    pub records_to_preallocate: u32,
    /// Max Sections Per Record.
    pub max_sections_per_record: u32,
    /// Bus: bits 7:0 bus number, bits 23:8 PCI segment (see [`AerCommon::bus_number`]).
    pub bus: u32,
    /// Device number.
    pub device: u16,
    /// Function number.
    pub function: u16,
    /// Device Control register value to program.
    pub device_control: u16,
    /// Uncorrectable Error Mask register value.
    pub uncorrectable_mask: u32,
    /// Uncorrectable Error Severity register value.
    pub uncorrectable_severity: u32,
    /// Correctable Error Mask register value.
    pub correctable_mask: u32,
    /// Advanced Error Capabilities and Control register value.
    pub advanced_capabilities: u32,
}

impl AerCommon {
    /// The bus number (bits 7:0 of [`AerCommon::bus`]).
    pub const fn bus_number(&self) -> u8 {
        (self.bus & 0xff) as u8
    }

    /// The PCI segment (bits 23:8 of [`AerCommon::bus`]).
    pub const fn segment(&self) -> u16 {
        ((self.bus >> 8) & 0xffff) as u16
    }

    fn read(r: &mut Reader<'_>) -> Option<Self> {
        r.skip(2)?;
        let flags = r.u8()?;
        let enabled = r.u8()? != 0;
        let records_to_preallocate = r.u32()?;
        let max_sections_per_record = r.u32()?;
        let bus = r.u32()?;
        let device = r.u16()?;
        let function = r.u16()?;
        let device_control = r.u16()?;
        r.skip(2)?;
        Some(Self {
            flags,
            enabled,
            records_to_preallocate,
            max_sections_per_record,
            bus,
            device,
            function,
            device_control,
            uncorrectable_mask: r.u32()?,
            uncorrectable_severity: r.u32()?,
            correctable_mask: r.u32()?,
            advanced_capabilities: r.u32()?,
        })
    }

    fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.zeros(2)?;
        w.u8(self.flags)?;
        w.u8(u8::from(self.enabled))?;
        w.u32(self.records_to_preallocate)?;
        w.u32(self.max_sections_per_record)?;
        w.u32(self.bus)?;
        w.u16(self.device)?;
        w.u16(self.function)?;
        w.u16(self.device_control)?;
        w.zeros(2)?;
        w.u32(self.uncorrectable_mask)?;
        w.u32(self.uncorrectable_severity)?;
        w.u32(self.correctable_mask)?;
        w.u32(self.advanced_capabilities)
    }
}

/// Type 6: PCI Express Root Port AER (48 bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AerRootPort {
    /// Source Id.
    pub source_id: u16,
    /// The fields shared by all AER subtables.
    pub aer: AerCommon,
    /// Root Error Command register value.
    pub root_error_command: u32,
}

/// Type 7: PCI Express Device AER (44 bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AerEndpoint {
    /// Source Id.
    pub source_id: u16,
    /// The fields shared by all AER subtables.
    pub aer: AerCommon,
}

/// Type 8: PCI Express/PCI-X Bridge AER (56 bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AerBridge {
    /// Source Id.
    pub source_id: u16,
    /// The fields shared by all AER subtables.
    pub aer: AerCommon,
    /// Secondary Uncorrectable Error Mask register value.
    pub uncorrectable_mask2: u32,
    /// Secondary Uncorrectable Error Severity register value.
    pub uncorrectable_severity2: u32,
    /// Secondary Advanced Capabilities register value.
    pub advanced_capabilities2: u32,
}

/// Reads the type and source id, returning the source id.
fn read_header(r: &mut Reader<'_>) -> Option<u16> {
    r.skip(2)?;
    r.u16()
}

impl AerRootPort {
    /// Decodes a type 6 subtable.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes);
        Some(Self {
            source_id: read_header(&mut r)?,
            aer: AerCommon::read(&mut r)?,
            root_error_command: r.u32()?,
        })
    }

    /// Encodes a type 6 subtable.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.u16(6)?;
        w.u16(self.source_id)?;
        self.aer.write(w)?;
        w.u32(self.root_error_command)
    }
}

impl AerEndpoint {
    /// Decodes a type 7 subtable.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes);
        Some(Self {
            source_id: read_header(&mut r)?,
            aer: AerCommon::read(&mut r)?,
        })
    }

    /// Encodes a type 7 subtable.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.u16(7)?;
        w.u16(self.source_id)?;
        self.aer.write(w)
    }
}

impl AerBridge {
    /// Decodes a type 8 subtable.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes);
        Some(Self {
            source_id: read_header(&mut r)?,
            aer: AerCommon::read(&mut r)?,
            uncorrectable_mask2: r.u32()?,
            uncorrectable_severity2: r.u32()?,
            advanced_capabilities2: r.u32()?,
        })
    }

    /// Encodes a type 8 subtable.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.u16(8)?;
        w.u16(self.source_id)?;
        self.aer.write(w)?;
        w.u32(self.uncorrectable_mask2)?;
        w.u32(self.uncorrectable_severity2)?;
        w.u32(self.advanced_capabilities2)
    }
}
