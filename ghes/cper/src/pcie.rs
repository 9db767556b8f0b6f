// SPDX-License-Identifier: GPL-2.0
//! PCI Express Error Section (UEFI 2.10 N.2.7; `struct cper_sec_pcie`).

use super::bytes::{array, getters, sub, u32_at};
use super::error::SectionError;

/// A PCIe error section body (208 bytes).
#[derive(Clone, Copy, Debug)]
pub struct Pcie<'a> {
    b: &'a [u8],
}

impl<'a> Pcie<'a> {
    /// `sizeof(struct cper_sec_pcie)`.
    pub const SIZE: usize = 208;

    /// Bit 0: port type.
    pub const VALID_PORT_TYPE: u64 = 1 << 0;
    /// Bit 1: version.
    pub const VALID_VERSION: u64 = 1 << 1;
    /// Bit 2: command and status.
    pub const VALID_COMMAND_STATUS: u64 = 1 << 2;
    /// Bit 3: device id.
    pub const VALID_DEVICE_ID: u64 = 1 << 3;
    /// Bit 4: device serial number.
    pub const VALID_SERIAL_NUMBER: u64 = 1 << 4;
    /// Bit 5: bridge control and status.
    pub const VALID_BRIDGE_CONTROL_STATUS: u64 = 1 << 5;
    /// Bit 6: capability structure.
    pub const VALID_CAPABILITY: u64 = 1 << 6;
    /// Bit 7: AER info.
    pub const VALID_AER_INFO: u64 = 1 << 7;

    /// Decodes a body of at least 208 bytes.
    pub fn parse(b: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        if b.len() < Self::SIZE {
            return Err(SectionError::TooShort {
                offset,
                what: "PCIe error section",
                needed: Self::SIZE as u64,
                actual: b.len() as u64,
            });
        }
        Ok(Pcie { b })
    }

    /// A view without length checks: fields past the end read as zero.
    pub(crate) fn view(b: &'a [u8]) -> Self {
        Pcie { b }
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    /// Class Code (offset 28, 3 bytes, in memory order).
    pub fn class_code(&self) -> [u8; 3] {
        array(self.b, 28)
    }

    /// PCIe Capability Structure (offset 52, 60 bytes).
    pub fn capability(&self) -> &'a [u8] {
        sub(self.b, 52, 60)
    }

    /// AER Extended Capability Structure (offset 112, 96 bytes).
    pub fn aer_info(&self) -> &'a [u8] {
        sub(self.b, 112, 96)
    }

    /// AER TLP Header Log dword `i` (0..4), from the AER info.
    pub fn aer_header_log(&self, i: usize) -> u32 {
        u32_at(self.b, 140usize.saturating_add(i.saturating_mul(4)))
    }

    getters! {
        /// Validation Bits (offset 0).
        validation_bits: u64 = 0;
        /// Port Type (offset 8): the PCIe capability's device/port type.
        port_type: u32 = 8;
        /// Version minor (offset 12).
        version_minor: u8 = 12;
        /// Version major (offset 13).
        version_major: u8 = 13;
        /// Command register (offset 16).
        command: u16 = 16;
        /// Status register (offset 18).
        status: u16 = 18;
        /// Vendor Id (offset 24).
        vendor_id: u16 = 24;
        /// Device Id (offset 26).
        device_id: u16 = 26;
        /// Function number (offset 31).
        function: u8 = 31;
        /// Device number (offset 32).
        device: u8 = 32;
        /// Segment (offset 33).
        segment: u16 = 33;
        /// Primary or device bus number (offset 35).
        bus: u8 = 35;
        /// Secondary bus number (offset 36).
        secondary_bus: u8 = 36;
        /// Slot (offset 37): the slot number is in bits 3..15.
        slot: u16 = 37;
        /// Device serial number, lower dword (offset 40).
        serial_lower: u32 = 40;
        /// Device serial number, upper dword (offset 44).
        serial_upper: u32 = 44;
        /// Bridge secondary status (offset 48).
        bridge_secondary_status: u16 = 48;
        /// Bridge control (offset 50).
        bridge_control: u16 = 50;
        /// AER correctable error status (AER info + 16).
        aer_cor_status: u32 = 128;
        /// AER correctable error mask (AER info + 20).
        aer_cor_mask: u32 = 132;
        /// AER uncorrectable error status (AER info + 4).
        aer_uncor_status: u32 = 116;
        /// AER uncorrectable error mask (AER info + 8).
        aer_uncor_mask: u32 = 120;
        /// AER uncorrectable error severity (AER info + 12).
        aer_uncor_severity: u32 = 124;
    }
}
