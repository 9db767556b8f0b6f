// SPDX-License-Identifier: GPL-2.0
//! Processor Generic Error Section (UEFI 2.10 N.2.4.1; `struct cper_sec_proc_generic`).

use super::bytes::{getters, sub};
use super::error::SectionError;

/// A generic processor error section body (192 bytes).
#[derive(Clone, Copy, Debug)]
pub struct ProcGeneric<'a> {
    b: &'a [u8],
}

impl<'a> ProcGeneric<'a> {
    /// `sizeof(struct cper_sec_proc_generic)`.
    pub const SIZE: usize = 192;

    /// Bit 0: processor type.
    pub const VALID_TYPE: u64 = 1 << 0;
    /// Bit 1: processor ISA.
    pub const VALID_ISA: u64 = 1 << 1;
    /// Bit 2: processor error type.
    pub const VALID_ERROR_TYPE: u64 = 1 << 2;
    /// Bit 3: operation.
    pub const VALID_OPERATION: u64 = 1 << 3;
    /// Bit 4: flags.
    pub const VALID_FLAGS: u64 = 1 << 4;
    /// Bit 5: level.
    pub const VALID_LEVEL: u64 = 1 << 5;
    /// Bit 6: CPU version info.
    pub const VALID_VERSION: u64 = 1 << 6;
    /// Bit 7: CPU brand string.
    pub const VALID_BRAND_INFO: u64 = 1 << 7;
    /// Bit 8: processor id.
    pub const VALID_ID: u64 = 1 << 8;
    /// Bit 9: target address.
    pub const VALID_TARGET_ADDRESS: u64 = 1 << 9;
    /// Bit 10: requestor id.
    pub const VALID_REQUESTOR_ID: u64 = 1 << 10;
    /// Bit 11: responder id.
    pub const VALID_RESPONDER_ID: u64 = 1 << 11;
    /// Bit 12: instruction pointer.
    pub const VALID_IP: u64 = 1 << 12;

    /// Decodes a body of at least 192 bytes.
    pub fn parse(b: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        if b.len() < Self::SIZE {
            return Err(SectionError::TooShort {
                offset,
                what: "generic processor error section",
                needed: Self::SIZE as u64,
                actual: b.len() as u64,
            });
        }
        Ok(ProcGeneric { b })
    }

    /// A view without length checks: fields past the end read as zero.
    pub(crate) fn view(b: &'a [u8]) -> Self {
        ProcGeneric { b }
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    /// CPU Brand String (offset 24, 128 bytes, clamped to the body).
    pub fn cpu_brand(&self) -> &'a [u8] {
        sub(self.b, 24, 128)
    }

    getters! {
        /// Validation Bits (offset 0).
        validation_bits: u64 = 0;
        /// Processor Type (offset 8): 0 IA32/X64, 1 IA64, 2 ARM.
        proc_type: u8 = 8;
        /// Processor ISA (offset 9).
        proc_isa: u8 = 9;
        /// Processor Error Type (offset 10): bit 0 cache, 1 TLB, 2 bus, 3 micro-architectural.
        proc_error_type: u8 = 10;
        /// Operation (offset 11).
        operation: u8 = 11;
        /// Flags (offset 12): bit 0 restartable, 1 precise IP, 2 overflow, 3 corrected.
        flags: u8 = 12;
        /// Level (offset 13).
        level: u8 = 13;
        /// CPU Version Info (offset 16).
        cpu_version: u64 = 16;
        /// Processor Id (offset 152).
        proc_id: u64 = 152;
        /// Target Address (offset 160).
        target_addr: u64 = 160;
        /// Requestor Id (offset 168).
        requestor_id: u64 = 168;
        /// Responder Id (offset 176).
        responder_id: u64 = 176;
        /// Instruction IP (offset 184).
        ip: u64 = 184;
    }
}
