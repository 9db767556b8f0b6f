// SPDX-License-Identifier: GPL-2.0
//! CXL sections: the CXL Protocol Error Section (UEFI 2.10 N.2.13; `struct
//! cxl_cper_sec_prot_err`) and the CXL Component Event sections (N.2.14; `struct
//! cxl_cper_event_rec` for General Media, DRAM and Memory Module events).

use super::bytes::{array, getters, sub, u16_at};
use super::error::SectionError;
use super::guid::Guid;

/// Size of `struct cxl_ras_capability_regs`: six registers and a 64-byte header log.
pub(crate) const CXL_RAS_LEN: usize = 88;

/// A CXL protocol error section body (116 bytes, then the DVSEC and the RAS capability).
#[derive(Clone, Copy, Debug)]
pub struct CxlProtErr<'a> {
    b: &'a [u8],
}

impl<'a> CxlProtErr<'a> {
    /// `sizeof(struct cxl_cper_sec_prot_err)`.
    pub const SIZE: usize = 116;

    /// Bit 0: agent type.
    pub const VALID_AGENT_TYPE: u64 = 1 << 0;
    /// Bit 1: agent address.
    pub const VALID_AGENT_ADDRESS: u64 = 1 << 1;
    /// Bit 2: device id.
    pub const VALID_DEVICE_ID: u64 = 1 << 2;
    /// Bit 3: device serial number.
    pub const VALID_SERIAL_NUMBER: u64 = 1 << 3;
    /// Bit 4: capability structure.
    pub const VALID_CAPABILITY: u64 = 1 << 4;
    /// Bit 5: CXL DVSEC.
    pub const VALID_DVSEC: u64 = 1 << 5;
    /// Bit 6: CXL error log.
    pub const VALID_ERROR_LOG: u64 = 1 << 6;

    /// Decodes a body: 116 bytes, plus `dvsec_len` bytes when the DVSEC is valid, plus the
    /// 88-byte RAS capability (after `dvsec_len` bytes, as Linux places it) when the error log
    /// is valid.
    pub fn parse(b: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        let p = CxlProtErr { b };
        let mut needed = Self::SIZE as u64;
        let mut what = "CXL protocol error section";
        if b.len() >= Self::SIZE {
            if p.valid_bits() & Self::VALID_DVSEC != 0 {
                needed = needed.saturating_add(u64::from(p.dvsec_len()));
                what = "CXL protocol error DVSEC";
            }
            if p.valid_bits() & Self::VALID_ERROR_LOG != 0 {
                needed = (Self::SIZE as u64)
                    .saturating_add(u64::from(p.dvsec_len()))
                    .saturating_add(CXL_RAS_LEN as u64)
                    .max(needed);
                what = "CXL protocol error RAS capability";
            }
        }
        if (b.len() as u64) < needed {
            return Err(SectionError::TooShort {
                offset,
                what,
                needed,
                actual: b.len() as u64,
            });
        }
        Ok(p)
    }

    /// A view without length checks: fields past the end read as zero.
    pub(crate) fn view(b: &'a [u8]) -> Self {
        CxlProtErr { b }
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    /// Class code (offset 32, 2 bytes in memory order).
    pub fn class_code(&self) -> [u8; 2] {
        array(self.b, 32)
    }

    /// PCIe capability structure (offset 48, 60 bytes).
    pub fn capability(&self) -> &'a [u8] {
        sub(self.b, 48, 60)
    }

    /// The CXL DVSEC bytes after the structure (`dvsec_len` of them, clamped to the body).
    pub fn dvsec(&self) -> &'a [u8] {
        sub(self.b, Self::SIZE, usize::from(self.dvsec_len()))
    }

    /// Offset of the CXL RAS capability registers in the body: 116 + `dvsec_len`.
    pub fn ras_offset(&self) -> usize {
        Self::SIZE.saturating_add(usize::from(self.dvsec_len()))
    }

    /// CXL RAS capability register `i` (0 uncorrectable status, 1 mask, 2 severity,
    /// 3 correctable status, 4 mask, 5 capability control); zero past the body.
    pub fn ras_reg(&self, i: usize) -> u32 {
        super::bytes::u32_at(
            self.b,
            self.ras_offset().saturating_add(i.saturating_mul(4)),
        )
    }

    /// The RAS capability's 64-byte header log (clamped to the body).
    pub fn ras_header_log(&self) -> &'a [u8] {
        sub(self.b, self.ras_offset().saturating_add(24), 64)
    }

    getters! {
        /// Validation Bits (offset 0).
        valid_bits: u64 = 0;
        /// CXL Agent Type (offset 8).
        agent_type: u8 = 8;
        /// RCRB base address (offset 16), for an RCH downstream port.
        rcrb_base_addr: u64 = 16;
        /// Agent function (offset 16).
        function: u8 = 16;
        /// Agent device (offset 17).
        device: u8 = 17;
        /// Agent bus (offset 18).
        bus: u8 = 18;
        /// Agent segment (offset 19).
        segment: u16 = 19;
        /// Vendor Id (offset 24).
        vendor_id: u16 = 24;
        /// Device Id (offset 26).
        device_id: u16 = 26;
        /// Subsystem Vendor Id (offset 28).
        subsystem_vendor_id: u16 = 28;
        /// Subsystem Id (offset 30).
        subsystem_id: u16 = 30;
        /// Slot (offset 34): the slot number is in bits 3..15.
        slot: u16 = 34;
        /// Device serial number, lower dword (offset 40).
        serial_lower: u32 = 40;
        /// Device serial number, upper dword (offset 44).
        serial_upper: u32 = 44;
        /// CXL DVSEC Length (offset 108).
        dvsec_len: u16 = 108;
        /// CXL Error Log Length (offset 110).
        err_len: u16 = 110;
    }
}

/// Which CXL component event a [`CxlComponentEvent`] carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CxlEventKind {
    /// General Media Event Record.
    GeneralMedia,
    /// DRAM Event Record.
    Dram,
    /// Memory Module Event Record.
    MemoryModule,
}

impl CxlEventKind {
    /// The kind for a section type, if it is one of the three CXL component event GUIDs.
    pub fn from_guid(g: &Guid) -> Option<Self> {
        if *g == Guid::CXL_GEN_MEDIA {
            Some(Self::GeneralMedia)
        } else if *g == Guid::CXL_DRAM {
            Some(Self::Dram)
        } else if *g == Guid::CXL_MEM_MODULE {
            Some(Self::MemoryModule)
        } else {
            None
        }
    }

    /// The section type GUID.
    pub fn guid(self) -> Guid {
        match self {
            Self::GeneralMedia => Guid::CXL_GEN_MEDIA,
            Self::Dram => Guid::CXL_DRAM,
            Self::MemoryModule => Guid::CXL_MEM_MODULE,
        }
    }

    /// The name cper.c prints ("section_type: %s").
    pub fn name(self) -> &'static str {
        match self {
            Self::GeneralMedia => "CXL General Media Event",
            Self::Dram => "CXL DRAM Event",
            Self::MemoryModule => "CXL Memory Module Event",
        }
    }
}

/// A CXL component event section body: a 32-byte header (length, validation bits, device id,
/// serial number) then the CXL event record without its UUID (at most 112 bytes).
#[derive(Clone, Copy, Debug)]
pub struct CxlComponentEvent<'a> {
    kind: CxlEventKind,
    b: &'a [u8],
}

impl<'a> CxlComponentEvent<'a> {
    /// Size of the section header (`cxl_cper_event_rec.hdr`).
    pub const HEADER_SIZE: usize = 32;
    /// `sizeof(struct cxl_cper_event_rec)`: header plus the largest event record.
    pub const MAX_SIZE: usize = 144;

    /// Bit 0: device id.
    pub const VALID_DEVICE_ID: u64 = 1 << 0;
    /// Bit 1: device serial number.
    pub const VALID_SERIAL: u64 = 1 << 1;
    /// Bit 2: component event log.
    pub const VALID_EVENT_LOG: u64 = 1 << 2;

    /// Decodes a body: the 32-byte header, whose length field must be above 32 and at most 144
    /// (ghes.c's `cxl_cper_post_event()` check) and inside the body.
    pub fn parse(kind: CxlEventKind, b: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        if b.len() < Self::HEADER_SIZE {
            return Err(SectionError::TooShort {
                offset,
                what: "CXL component event header",
                needed: Self::HEADER_SIZE as u64,
                actual: b.len() as u64,
            });
        }
        let e = CxlComponentEvent { kind, b };
        let len = e.length();
        if len as usize <= Self::HEADER_SIZE || len as usize > Self::MAX_SIZE {
            return Err(SectionError::BadLength {
                offset,
                what: "CXL component event length",
                value: u64::from(len),
                limit: Self::MAX_SIZE as u64,
            });
        }
        if len as usize > b.len() {
            return Err(SectionError::TooShort {
                offset,
                what: "CXL component event record",
                needed: u64::from(len),
                actual: b.len() as u64,
            });
        }
        Ok(e)
    }

    /// Which event.
    pub fn kind(&self) -> CxlEventKind {
        self.kind
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    /// The CXL event record after the header (common record header from its length byte, then
    /// the event data), up to the section's length field.
    pub fn event_record(&self) -> &'a [u8] {
        let end = (self.length() as usize).min(self.b.len());
        self.b.get(Self::HEADER_SIZE..end).unwrap_or(&[])
    }

    /// The event record's handle (record offset 4).
    pub fn record_handle(&self) -> u16 {
        u16_at(self.event_record(), 4)
    }

    getters! {
        /// Section length (offset 0).
        length: u32 = 0;
        /// Validation Bits (offset 4).
        validation_bits: u64 = 4;
        /// Vendor Id (offset 12).
        vendor_id: u16 = 12;
        /// Device Id (offset 14).
        device_id: u16 = 14;
        /// Function number (offset 16).
        function: u8 = 16;
        /// Device number (offset 17).
        device: u8 = 17;
        /// Bus number (offset 18).
        bus: u8 = 18;
        /// Segment (offset 19).
        segment: u16 = 19;
        /// Slot (offset 21): bits 0..2 reserved.
        slot: u16 = 21;
        /// Device serial number, lower dword (offset 24).
        serial_lower: u32 = 24;
        /// Device serial number, upper dword (offset 28).
        serial_upper: u32 = 28;
        /// Event record length byte (offset 32).
        record_length: u8 = 32;
        /// Event record timestamp (offset 40).
        record_timestamp: u64 = 40;
    }
}
