// SPDX-License-Identifier: GPL-2.0
//! Generic Error Data Entries (ACPI 6.5 Table 18.12; `struct acpi_hest_generic_data` and
//! `acpi_hest_generic_data_v300`) and the typed section bodies they carry.

use core::fmt;

use super::arm::ArmProcessor;
use super::bytes::{array, sub, u16_at, u32_at, u8_at};
use super::cxl::{CxlComponentEvent, CxlEventKind, CxlProtErr};
use super::error::SectionError;
use super::fw_err::FwErrRecRef;
use super::guid::Guid;
use super::mem::MemError;
use super::mem2::MemError2;
use super::pcie::Pcie;
use super::proc_generic::ProcGeneric;
use super::severity::Severity;
use super::timestamp::Timestamp;

/// Size of a Generic Error Data Entry header before revision 3 (`acpi_hest_generic_data`).
pub(crate) const GDATA_LEN: usize = 64;
/// Size of a revision-3 header, with its timestamp (`acpi_hest_generic_data_v300`).
pub(crate) const GDATA_V300_LEN: usize = 72;

/// One Generic Error Data Entry: a header and `error_data_length` bytes of section body.
#[derive(Clone, Copy)]
pub struct Section<'a> {
    /// Header and body.
    entry: &'a [u8],
    /// 64 or 72.
    header_len: usize,
    /// Offset of the entry in the error status block.
    offset: usize,
    /// Position in the block (Linux's `sec_no`).
    index: usize,
}

/// A section body decoded by its section type.
#[derive(Clone, Copy, Debug)]
pub enum SectionBody<'a> {
    /// Platform memory error (CPER_SEC_PLATFORM_MEM).
    Memory(MemError<'a>),
    /// Memory error section 2 (UEFI 2.10 N.2.5.1).
    Memory2(MemError2<'a>),
    /// Generic processor error (CPER_SEC_PROC_GENERIC).
    ProcGeneric(ProcGeneric<'a>),
    /// ARM processor error (CPER_SEC_PROC_ARM).
    Arm(ArmProcessor<'a>),
    /// PCI Express error (CPER_SEC_PCIE).
    Pcie(Pcie<'a>),
    /// Firmware error record reference (CPER_SEC_FW_ERR_REC_REF).
    FwErrRecRef(FwErrRecRef<'a>),
    /// CXL protocol error (CPER_SEC_CXL_PROT_ERR).
    CxlProtErr(CxlProtErr<'a>),
    /// CXL component event record (General Media, DRAM, Memory Module).
    CxlEvent(CxlComponentEvent<'a>),
    /// Any other section type: its GUID and raw body.
    Unknown {
        /// The section type.
        section_type: Guid,
        /// The body.
        data: &'a [u8],
    },
}

impl<'a> Section<'a> {
    /// Validation bit 0: the FRU Id is valid.
    pub const VALID_FRU_ID: u8 = 1 << 0;
    /// Validation bit 1: the FRU Text is valid.
    pub const VALID_FRU_TEXT: u8 = 1 << 1;
    /// Validation bit 2: the Timestamp is valid (revision 3 and later).
    pub const VALID_TIMESTAMP: u8 = 1 << 2;

    /// Flag bit 0: primary section.
    pub const FLAG_PRIMARY: u8 = 1 << 0;
    /// Flag bit 1: containment warning.
    pub const FLAG_CONTAINMENT_WARNING: u8 = 1 << 1;
    /// Flag bit 2: reset.
    pub const FLAG_RESET: u8 = 1 << 2;
    /// Flag bit 3: error threshold exceeded.
    pub const FLAG_THRESHOLD_EXCEEDED: u8 = 1 << 3;
    /// Flag bit 4: resource not accessible.
    pub const FLAG_RESOURCE_NOT_ACCESSIBLE: u8 = 1 << 4;
    /// Flag bit 5: latent error.
    pub const FLAG_LATENT_ERROR: u8 = 1 << 5;

    pub(crate) fn new(entry: &'a [u8], header_len: usize, offset: usize, index: usize) -> Self {
        Section {
            entry,
            header_len,
            offset,
            index,
        }
    }

    /// Position of this entry in the block, from 0 (Linux's "Error %d").
    pub fn index(&self) -> usize {
        self.index
    }

    /// Byte offset of the entry from the start of the error status block.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Byte offset of the body from the start of the error status block.
    pub fn body_offset(&self) -> usize {
        self.offset.saturating_add(self.header_len)
    }

    /// Header size: 64, or 72 when [`Section::version`] is 3 or more.
    pub fn header_len(&self) -> usize {
        self.header_len
    }

    /// Section Type (offset 0).
    pub fn section_type(&self) -> Guid {
        Guid(array(self.entry, 0))
    }

    /// Error Severity (offset 16), raw.
    pub fn error_severity(&self) -> u32 {
        u32_at(self.entry, 16)
    }

    /// Error Severity, decoded.
    pub fn severity(&self) -> Severity {
        Severity::from_raw(self.error_severity())
    }

    /// Revision (offset 20), e.g. 0x0300.
    pub fn revision(&self) -> u16 {
        u16_at(self.entry, 20)
    }

    /// Major revision (`acpi_hest_get_version()`: revision >> 8).
    pub fn version(&self) -> u8 {
        (self.revision() >> 8) as u8
    }

    /// Validation Bits (offset 22).
    pub fn validation_bits(&self) -> u8 {
        u8_at(self.entry, 22)
    }

    /// Flags (offset 23).
    pub fn flags(&self) -> u8 {
        u8_at(self.entry, 23)
    }

    /// Error Data Length (offset 24): the body's size.
    pub fn error_data_length(&self) -> u32 {
        u32_at(self.entry, 24)
    }

    /// FRU Id (offset 28), whatever the validation bits say.
    pub fn fru_id_raw(&self) -> Guid {
        Guid(array(self.entry, 28))
    }

    /// FRU Id, if its validation bit is set.
    pub fn fru_id(&self) -> Option<Guid> {
        (self.validation_bits() & Self::VALID_FRU_ID != 0).then(|| self.fru_id_raw())
    }

    /// FRU Text (offset 44, 20 bytes), whatever the validation bits say.
    pub fn fru_text_raw(&self) -> [u8; 20] {
        array(self.entry, 44)
    }

    /// FRU Text up to its first NUL (at most 20 bytes, as `%.20s`), if its validation bit is set.
    pub fn fru_text(&self) -> Option<&'a [u8]> {
        if self.validation_bits() & Self::VALID_FRU_TEXT == 0 {
            return None;
        }
        let t = sub(self.entry, 44, 20);
        let n = t.iter().position(|&c| c == 0).unwrap_or(t.len());
        Some(sub(t, 0, n))
    }

    /// The timestamp field of a revision-3 header, whatever the validation bits say.
    pub fn timestamp_raw(&self) -> Option<Timestamp> {
        (self.header_len >= GDATA_V300_LEN).then(|| Timestamp(array(self.entry, 64)))
    }

    /// The timestamp, if the header is revision 3 or later and its validation bit is set.
    pub fn timestamp(&self) -> Option<Timestamp> {
        if self.validation_bits() & Self::VALID_TIMESTAMP == 0 {
            return None;
        }
        self.timestamp_raw()
    }

    /// The whole Generic Error Data Entry: header then body (`struct acpi_hest_generic_data`
    /// and its payload, as Linux hands vendor records to their notifiers).
    pub fn as_bytes(&self) -> &'a [u8] {
        self.entry
    }

    /// The header bytes.
    pub fn header(&self) -> &'a [u8] {
        sub(self.entry, 0, self.header_len)
    }

    /// The body: exactly `error_data_length` bytes.
    pub fn data(&self) -> &'a [u8] {
        self.entry.get(self.header_len..).unwrap_or(&[])
    }

    /// Decodes the body by section type. A known type whose body is shorter than its structure
    /// (or whose inner lengths do not fit) is an error; unknown types always decode.
    pub fn body(&self) -> Result<SectionBody<'a>, SectionError> {
        let data = self.data();
        let off = self.body_offset();
        let ty = self.section_type();
        Ok(match ty {
            t if t == Guid::PLATFORM_MEM => SectionBody::Memory(MemError::parse(data, off)?),
            t if t == Guid::PLATFORM_MEM2 => SectionBody::Memory2(MemError2::parse(data, off)?),
            t if t == Guid::PROC_GENERIC => {
                SectionBody::ProcGeneric(ProcGeneric::parse(data, off)?)
            }
            t if t == Guid::PROC_ARM => SectionBody::Arm(ArmProcessor::parse(data, off)?),
            t if t == Guid::PCIE => SectionBody::Pcie(Pcie::parse(data, off)?),
            t if t == Guid::FW_ERR_REC_REF => {
                SectionBody::FwErrRecRef(FwErrRecRef::parse(data, off)?)
            }
            t if t == Guid::CXL_PROT_ERR => SectionBody::CxlProtErr(CxlProtErr::parse(data, off)?),
            t => match CxlEventKind::from_guid(&t) {
                Some(kind) => SectionBody::CxlEvent(CxlComponentEvent::parse(kind, data, off)?),
                None => SectionBody::Unknown {
                    section_type: t,
                    data,
                },
            },
        })
    }
}

impl fmt::Debug for Section<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Section")
            .field("index", &self.index)
            .field("offset", &self.offset)
            .field("section_type", &self.section_type())
            .field("error_severity", &self.error_severity())
            .field("revision", &self.revision())
            .field("validation_bits", &self.validation_bits())
            .field("flags", &self.flags())
            .field("error_data_length", &self.error_data_length())
            .finish()
    }
}
