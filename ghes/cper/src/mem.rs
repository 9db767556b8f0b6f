// SPDX-License-Identifier: GPL-2.0
//! Platform Memory Error Section (UEFI 2.10 N.2.5; `struct cper_sec_mem_err`).

use super::bytes::{u16_at, u64_at, u8_at};
use super::error::SectionError;

/// A platform memory error section body (80 bytes, or 73 in the UEFI 2.1/2.2 layout).
#[derive(Clone, Copy, Debug)]
pub struct MemError<'a> {
    b: &'a [u8],
}

impl<'a> MemError<'a> {
    /// `sizeof(struct cper_sec_mem_err)`.
    pub const SIZE: usize = 80;
    /// `sizeof(struct cper_sec_mem_err_old)`: the UEFI 2.1/2.2 layout, without the fields from
    /// `extended` on.
    pub const OLD_SIZE: usize = 73;

    /// Validation bits for fields the 73-byte layout lacks (`~(CPER_MEM_VALID_RANK_NUMBER - 1)`).
    pub const OLD_LAYOUT_INVALID: u64 = !0x7fff;

    /// Bit 0: error status.
    pub const VALID_ERROR_STATUS: u64 = 1 << 0;
    /// Bit 1: physical address.
    pub const VALID_PA: u64 = 1 << 1;
    /// Bit 2: physical address mask.
    pub const VALID_PA_MASK: u64 = 1 << 2;
    /// Bit 3: node.
    pub const VALID_NODE: u64 = 1 << 3;
    /// Bit 4: card.
    pub const VALID_CARD: u64 = 1 << 4;
    /// Bit 5: module.
    pub const VALID_MODULE: u64 = 1 << 5;
    /// Bit 6: bank.
    pub const VALID_BANK: u64 = 1 << 6;
    /// Bit 7: device.
    pub const VALID_DEVICE: u64 = 1 << 7;
    /// Bit 8: row.
    pub const VALID_ROW: u64 = 1 << 8;
    /// Bit 9: column.
    pub const VALID_COLUMN: u64 = 1 << 9;
    /// Bit 10: bit position.
    pub const VALID_BIT_POSITION: u64 = 1 << 10;
    /// Bit 11: requestor id.
    pub const VALID_REQUESTOR_ID: u64 = 1 << 11;
    /// Bit 12: responder id.
    pub const VALID_RESPONDER_ID: u64 = 1 << 12;
    /// Bit 13: target id.
    pub const VALID_TARGET_ID: u64 = 1 << 13;
    /// Bit 14: memory error type.
    pub const VALID_ERROR_TYPE: u64 = 1 << 14;
    /// Bit 15: rank number.
    pub const VALID_RANK_NUMBER: u64 = 1 << 15;
    /// Bit 16: card handle (`mem_array_handle`).
    pub const VALID_CARD_HANDLE: u64 = 1 << 16;
    /// Bit 17: module handle (`mem_dev_handle`).
    pub const VALID_MODULE_HANDLE: u64 = 1 << 17;
    /// Bit 18: extended row bits 16..17.
    pub const VALID_ROW_EXT: u64 = 1 << 18;
    /// Bit 19: bank group (bank bits 8..15).
    pub const VALID_BANK_GROUP: u64 = 1 << 19;
    /// Bit 20: bank address (bank bits 0..7).
    pub const VALID_BANK_ADDRESS: u64 = 1 << 20;
    /// Bit 21: chip identification (extended bits 5..7).
    pub const VALID_CHIP_ID: u64 = 1 << 21;

    /// Decodes a body: 80 bytes or more, or exactly 73 (the old layout) with no validation bit
    /// above bit 14 set (Linux: "valid bits set for fields beyond structure").
    pub fn parse(b: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        let m = MemError { b };
        let short = SectionError::TooShort {
            offset,
            what: "memory error section",
            needed: Self::SIZE as u64,
            actual: b.len() as u64,
        };
        let old_ok =
            b.len() == Self::OLD_SIZE && m.validation_bits() & Self::OLD_LAYOUT_INVALID == 0;
        if b.len() >= Self::SIZE || old_ok {
            Ok(m)
        } else {
            Err(short)
        }
    }

    /// A view without length checks: fields past the end of `b` read as zero.
    pub(crate) fn view(b: &'a [u8]) -> Self {
        MemError { b }
    }

    /// The body is the 73-byte UEFI 2.1/2.2 layout.
    pub fn is_old_layout(&self) -> bool {
        self.b.len() < Self::SIZE
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    /// Validation Bits (offset 0).
    pub fn validation_bits(&self) -> u64 {
        u64_at(self.b, 0)
    }
    /// Error Status (offset 8).
    pub fn error_status(&self) -> u64 {
        u64_at(self.b, 8)
    }
    /// Physical Address (offset 16).
    pub fn physical_addr(&self) -> u64 {
        u64_at(self.b, 16)
    }
    /// Physical Address Mask (offset 24).
    pub fn physical_addr_mask(&self) -> u64 {
        u64_at(self.b, 24)
    }
    /// Node (offset 32).
    pub fn node(&self) -> u16 {
        u16_at(self.b, 32)
    }
    /// Card (offset 34).
    pub fn card(&self) -> u16 {
        u16_at(self.b, 34)
    }
    /// Module (offset 36).
    pub fn module(&self) -> u16 {
        u16_at(self.b, 36)
    }
    /// Bank (offset 38): or bank group (bits 8..15) and bank address (bits 0..7).
    pub fn bank(&self) -> u16 {
        u16_at(self.b, 38)
    }
    /// Device (offset 40).
    pub fn device(&self) -> u16 {
        u16_at(self.b, 40)
    }
    /// Row bits 0..15 (offset 42).
    pub fn row(&self) -> u16 {
        u16_at(self.b, 42)
    }
    /// Column (offset 44).
    pub fn column(&self) -> u16 {
        u16_at(self.b, 44)
    }
    /// Bit Position (offset 46).
    pub fn bit_pos(&self) -> u16 {
        u16_at(self.b, 46)
    }
    /// Requestor Id (offset 48).
    pub fn requestor_id(&self) -> u64 {
        u64_at(self.b, 48)
    }
    /// Responder Id (offset 56).
    pub fn responder_id(&self) -> u64 {
        u64_at(self.b, 56)
    }
    /// Target Id (offset 64).
    pub fn target_id(&self) -> u64 {
        u64_at(self.b, 64)
    }
    /// Memory Error Type (offset 72).
    pub fn error_type(&self) -> u8 {
        u8_at(self.b, 72)
    }
    /// Extended (offset 73): row bits 16..17 in bits 0..1, chip id in bits 5..7.
    pub fn extended(&self) -> u8 {
        u8_at(self.b, 73)
    }
    /// Rank Number (offset 74).
    pub fn rank(&self) -> u16 {
        u16_at(self.b, 74)
    }
    /// Card Handle (offset 76; Linux's `mem_array_handle`).
    pub fn mem_array_handle(&self) -> u16 {
        u16_at(self.b, 76)
    }
    /// Module Handle (offset 78; Linux's `mem_dev_handle`), an SMBIOS type 17 handle.
    pub fn mem_dev_handle(&self) -> u16 {
        u16_at(self.b, 78)
    }

    /// Bank group: `bank >> 8`.
    pub fn bank_group(&self) -> u16 {
        self.bank() >> 8
    }
    /// Bank address: `bank & 0xff`.
    pub fn bank_address(&self) -> u16 {
        self.bank() & 0xff
    }
    /// The row with its extension bits, as Linux prints it: `row | cper_get_mem_extension()`.
    pub fn row_with_extension(&self) -> u32 {
        let ext = if self.validation_bits() & Self::VALID_ROW_EXT != 0 {
            u32::from(self.extended() & 0x3) << 16
        } else {
            0
        };
        u32::from(self.row()) | ext
    }
    /// Chip id: `extended >> 5`.
    pub fn chip_id(&self) -> u8 {
        self.extended() >> 5
    }
}
