// SPDX-License-Identifier: GPL-2.0
//! Generic Hardware Error Source, type 9 (ACPI 6.5 section 18.3.2.7, table 18.11, 64 bytes)
//! and version 2, type 10 (section 18.3.2.8, table 18.13, 92 bytes), as one structure.

use super::builder::BuildError;
use super::gas::Gas;
use super::notify::Notify;
use super::reader::Reader;
use super::writer::Writer;

/// A GHES (type 9) or GHESv2 (type 10) error source. GHESv2 is GHES plus a read-ack
/// register, so both share this structure: [`Ghes::ack`] is `Some` exactly for GHESv2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ghes {
    /// Source Id: the identifier firmware and OS use for this source.
    pub source_id: u16,
    /// Related Source Id: the source this one is an alternate for (for example the IA-32
    /// machine check source it assists), or 0xffff for none.
    pub related_source_id: u16,
    /// Flags byte (reserved for GHES in ACPI 6.5; kept as read).
    pub flags: u8,
    /// Whether the source is enabled (the Enabled byte is non-zero, as Linux reads it).
    pub enabled: bool,
    /// Number of Records To Pre-allocate.
    pub records_to_preallocate: u32,
    /// Max Sections Per Record.
    pub max_sections_per_record: u32,
    /// Max Raw Data Length.
    pub max_raw_data_length: u32,
    /// Error Status Address: the register holding the physical address of the error
    /// status block.
    pub error_status_address: Gas,
    /// How the source signals an error.
    pub notify: Notify,
    /// Error Status Block Length: size in bytes of the error status block.
    pub error_block_length: u32,
    /// The read-ack register and its protocol, `Some` for GHESv2 only.
    pub ack: Option<ReadAck>,
}

/// The GHESv2 read-ack register: after consuming a record the OS writes
/// `(read & (preserve << bit_offset)) | (write << bit_offset)` to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReadAck {
    /// Read Ack Register.
    pub register: Gas,
    /// Read Ack Preserve: bits of the register to keep.
    pub preserve: u64,
    /// Read Ack Write: bits to set.
    pub write: u64,
}

impl Ghes {
    /// Size of a type 9 (GHES) subtable.
    pub const SIZE_V1: usize = 64;
    /// Size of a type 10 (GHESv2) subtable.
    pub const SIZE_V2: usize = 92;

    /// Whether this is a GHESv2 (type 10) source.
    pub const fn is_v2(&self) -> bool {
        self.ack.is_some()
    }

    /// The HEST subtable type this source is encoded as: 10 for GHESv2, 9 otherwise.
    pub const fn subtable_type(&self) -> u16 {
        if self.is_v2() {
            10
        } else {
            9
        }
    }

    /// The subtable's size: [`Ghes::SIZE_V2`] or [`Ghes::SIZE_V1`].
    pub const fn encoded_len(&self) -> usize {
        if self.is_v2() {
            Self::SIZE_V2
        } else {
            Self::SIZE_V1
        }
    }

    /// Decodes a type 9 or 10 subtable, `bytes` starting at its type field. `v2` says which
    /// layout to read. `None` if `bytes` is shorter than that layout.
    pub(crate) fn parse(bytes: &[u8], v2: bool) -> Option<Self> {
        let mut r = Reader::new(bytes);
        r.skip(2)?; // type
        let source_id = r.u16()?;
        let related_source_id = r.u16()?;
        let flags = r.u8()?;
        let enabled = r.u8()? != 0;
        let records_to_preallocate = r.u32()?;
        let max_sections_per_record = r.u32()?;
        let max_raw_data_length = r.u32()?;
        let error_status_address = Gas::read(&mut r)?;
        let notify = Notify::read(&mut r)?;
        let error_block_length = r.u32()?;
        let ack = if v2 {
            Some(ReadAck {
                register: Gas::read(&mut r)?,
                preserve: r.u64()?,
                write: r.u64()?,
            })
        } else {
            None
        };
        Some(Self {
            source_id,
            related_source_id,
            flags,
            enabled,
            records_to_preallocate,
            max_sections_per_record,
            max_raw_data_length,
            error_status_address,
            notify,
            error_block_length,
            ack,
        })
    }

    /// Encodes the subtable (type 10 if [`Ghes::ack`] is `Some`, else type 9).
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.u16(self.subtable_type())?;
        w.u16(self.source_id)?;
        w.u16(self.related_source_id)?;
        w.u8(self.flags)?;
        w.u8(u8::from(self.enabled))?;
        w.u32(self.records_to_preallocate)?;
        w.u32(self.max_sections_per_record)?;
        w.u32(self.max_raw_data_length)?;
        w.bytes(&self.error_status_address.to_bytes())?;
        w.bytes(&self.notify.to_bytes())?;
        w.u32(self.error_block_length)?;
        if let Some(ack) = &self.ack {
            w.bytes(&ack.register.to_bytes())?;
            w.u64(ack.preserve)?;
            w.u64(ack.write)?;
        }
        Ok(())
    }
}
