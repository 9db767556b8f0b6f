// SPDX-License-Identifier: GPL-2.0
//! Memory Error Section 2 (UEFI 2.10 N.2.5.1). Linux 6.12 does not know this section type and
//! prints it as unknown (hex dump); it is decoded here for consumers of [`super::SectionBody`].

use super::bytes::{u16_at, u32_at, u64_at, u8_at};
use super::error::SectionError;

/// A Memory Error Section 2 body (96 bytes).
#[derive(Clone, Copy, Debug)]
pub struct MemError2<'a> {
    b: &'a [u8],
}

impl<'a> MemError2<'a> {
    /// Size of the structure.
    pub const SIZE: usize = 96;

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
    /// Bit 10: rank.
    pub const VALID_RANK: u64 = 1 << 10;
    /// Bit 11: bit position.
    pub const VALID_BIT_POSITION: u64 = 1 << 11;
    /// Bit 12: chip id.
    pub const VALID_CHIP_ID: u64 = 1 << 12;
    /// Bit 13: memory error type.
    pub const VALID_ERROR_TYPE: u64 = 1 << 13;
    /// Bit 14: status.
    pub const VALID_STATUS: u64 = 1 << 14;
    /// Bit 15: requestor id.
    pub const VALID_REQUESTOR_ID: u64 = 1 << 15;
    /// Bit 16: responder id.
    pub const VALID_RESPONDER_ID: u64 = 1 << 16;
    /// Bit 17: target id.
    pub const VALID_TARGET_ID: u64 = 1 << 17;
    /// Bit 18: card handle.
    pub const VALID_CARD_HANDLE: u64 = 1 << 18;
    /// Bit 19: module handle.
    pub const VALID_MODULE_HANDLE: u64 = 1 << 19;
    /// Bit 20: bank group.
    pub const VALID_BANK_GROUP: u64 = 1 << 20;
    /// Bit 21: bank address.
    pub const VALID_BANK_ADDRESS: u64 = 1 << 21;

    /// Decodes a body of at least 96 bytes.
    pub fn parse(b: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        if b.len() < Self::SIZE {
            return Err(SectionError::TooShort {
                offset,
                what: "memory error section 2",
                needed: Self::SIZE as u64,
                actual: b.len() as u64,
            });
        }
        Ok(MemError2 { b })
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
    /// Bank (offset 38).
    pub fn bank(&self) -> u16 {
        u16_at(self.b, 38)
    }
    /// Device (offset 40).
    pub fn device(&self) -> u32 {
        u32_at(self.b, 40)
    }
    /// Row (offset 44).
    pub fn row(&self) -> u32 {
        u32_at(self.b, 44)
    }
    /// Column (offset 48).
    pub fn column(&self) -> u32 {
        u32_at(self.b, 48)
    }
    /// Rank (offset 52).
    pub fn rank(&self) -> u32 {
        u32_at(self.b, 52)
    }
    /// Bit Position (offset 56).
    pub fn bit_pos(&self) -> u32 {
        u32_at(self.b, 56)
    }
    /// Chip Identification (offset 60).
    pub fn chip_id(&self) -> u8 {
        u8_at(self.b, 60)
    }
    /// Memory Error Type (offset 61).
    pub fn error_type(&self) -> u8 {
        u8_at(self.b, 61)
    }
    /// Status (offset 62).
    pub fn status(&self) -> u8 {
        u8_at(self.b, 62)
    }
    /// Requestor Id (offset 64).
    pub fn requestor_id(&self) -> u64 {
        u64_at(self.b, 64)
    }
    /// Responder Id (offset 72).
    pub fn responder_id(&self) -> u64 {
        u64_at(self.b, 72)
    }
    /// Target Id (offset 80).
    pub fn target_id(&self) -> u64 {
        u64_at(self.b, 80)
    }
    /// Card Handle (offset 88).
    pub fn card_handle(&self) -> u32 {
        u32_at(self.b, 88)
    }
    /// Module Handle (offset 92).
    pub fn module_handle(&self) -> u32 {
        u32_at(self.b, 92)
    }
}
