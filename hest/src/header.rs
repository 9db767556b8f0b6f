// SPDX-License-Identifier: GPL-2.0
//! The 36-byte ACPI System Description Table Header (ACPI 6.5 section 5.2.6, table 5.4)
//! every ACPI table, the HEST included, starts with.

use super::builder::BuildError;
use super::reader::Reader;
use super::writer::Writer;

/// An ACPI table header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AcpiHeader {
    /// Signature, "HEST" for a HEST.
    pub signature: [u8; 4],
    /// Length of the whole table in bytes, header included.
    pub length: u32,
    /// Table revision.
    pub revision: u8,
    /// Checksum byte: makes all `length` bytes sum to 0 modulo 256.
    pub checksum: u8,
    /// OEM ID.
    pub oem_id: [u8; 6],
    /// OEM Table ID.
    pub oem_table_id: [u8; 8],
    /// OEM Revision.
    pub oem_revision: u32,
    /// Creator ID (the ASL compiler or table generator).
    pub creator_id: [u8; 4],
    /// Creator Revision.
    pub creator_revision: u32,
}

impl AcpiHeader {
    /// Size of the header.
    pub const SIZE: usize = 36;
    /// Byte offset of the checksum in the header.
    pub const CHECKSUM_OFFSET: usize = 9;

    /// Decodes the header at the start of `bytes`; `None` if fewer than 36 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes);
        Some(Self {
            signature: r.array()?,
            length: r.u32()?,
            revision: r.u8()?,
            checksum: r.u8()?,
            oem_id: r.array()?,
            oem_table_id: r.array()?,
            oem_revision: r.u32()?,
            creator_id: r.array()?,
            creator_revision: r.u32()?,
        })
    }

    /// Encodes the header.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.bytes(&self.signature)?;
        w.u32(self.length)?;
        w.u8(self.revision)?;
        w.u8(self.checksum)?;
        w.bytes(&self.oem_id)?;
        w.bytes(&self.oem_table_id)?;
        w.u32(self.oem_revision)?;
        w.bytes(&self.creator_id)?;
        w.u32(self.creator_revision)
    }
}

/// The 8-bit sum of `bytes`; an ACPI table is valid when the sum of all its bytes is 0.
pub fn checksum(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0u8, |sum, b| sum.wrapping_add(*b))
}
