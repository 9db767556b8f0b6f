// SPDX-License-Identifier: GPL-2.0
//! ARM Processor Error Section (UEFI 2.10 N.2.4.4; `struct cper_sec_proc_arm`,
//! `cper_arm_err_info`, `cper_arm_ctx_info`): error information entries, processor context
//! information and vendor-specific data.

use super::bytes::{getters, sub, u16_at, u32_at};
use super::error::SectionError;

/// Size of the fixed part (`struct cper_sec_proc_arm`).
pub(crate) const ARM_LEN: usize = 40;
/// Size of one error information structure (`struct cper_arm_err_info`).
pub(crate) const ARM_ERR_INFO_LEN: usize = 32;
/// Size of a context information header (`struct cper_arm_ctx_info`).
pub(crate) const ARM_CTX_LEN: usize = 8;
/// The highest register context type Linux knows ("Misc. system register structure").
pub(crate) const ARM_MAX_CTX_TYPE: u16 = 8;

/// An ARM processor error section body, validated: `section_length` fits the body, the error
/// information entries fit `section_length`, and every context structure fits and has a known
/// type.
#[derive(Clone, Copy, Debug)]
pub struct ArmProcessor<'a> {
    /// The body, cut to `section_length`.
    b: &'a [u8],
    /// Offset of the body in the error status block.
    offset: usize,
    /// Offset, in `b`, of the vendor-specific data (after the last context).
    vendor_start: usize,
}

impl<'a> ArmProcessor<'a> {
    /// `sizeof(struct cper_sec_proc_arm)`.
    pub const SIZE: usize = ARM_LEN;

    /// Bit 0: MPIDR.
    pub const VALID_MPIDR: u32 = 1 << 0;
    /// Bit 1: error affinity level.
    pub const VALID_AFFINITY_LEVEL: u32 = 1 << 1;
    /// Bit 2: running state.
    pub const VALID_RUNNING_STATE: u32 = 1 << 2;
    /// Bit 3: vendor specific info.
    pub const VALID_VENDOR_INFO: u32 = 1 << 3;

    /// Decodes and validates a body (see the type's documentation).
    pub fn parse(body: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        if body.len() < ARM_LEN {
            return Err(SectionError::TooShort {
                offset,
                what: "ARM processor error section",
                needed: ARM_LEN as u64,
                actual: body.len() as u64,
            });
        }
        let section_length = u32_at(body, 8);
        if section_length as usize > body.len() {
            return Err(SectionError::BadLength {
                offset: offset.saturating_add(8),
                what: "ARM section_length",
                value: u64::from(section_length),
                limit: body.len() as u64,
            });
        }
        let b = sub(body, 0, section_length as usize);
        let infos = u64::from(u16_at(body, 4)).saturating_mul(ARM_ERR_INFO_LEN as u64);
        let ctx_start = (ARM_LEN as u64).saturating_add(infos);
        if ctx_start > u64::from(section_length) {
            return Err(SectionError::TooShort {
                offset,
                what: "ARM error information entries",
                needed: ctx_start,
                actual: u64::from(section_length),
            });
        }
        // ctx_start <= section_length <= body.len(): it fits in usize.
        let mut pos = ctx_start as usize;
        for _ in 0..u16_at(body, 6) {
            let at = offset.saturating_add(pos);
            let remaining = b.len().saturating_sub(pos);
            if remaining < ARM_CTX_LEN {
                return Err(SectionError::TooShort {
                    offset: at,
                    what: "ARM context information header",
                    needed: ARM_CTX_LEN as u64,
                    actual: remaining as u64,
                });
            }
            let ctx_type = u16_at(b, pos.saturating_add(2));
            let size =
                (ARM_CTX_LEN as u64).saturating_add(u64::from(u32_at(b, pos.saturating_add(4))));
            if size > remaining as u64 {
                return Err(SectionError::TooShort {
                    offset: at,
                    what: "ARM context information registers",
                    needed: size,
                    actual: remaining as u64,
                });
            }
            if ctx_type > ARM_MAX_CTX_TYPE {
                return Err(SectionError::ArmContextType {
                    offset: at,
                    ctx_type,
                });
            }
            pos = pos.saturating_add(size as usize);
        }
        Ok(ArmProcessor {
            b,
            offset,
            vendor_start: pos,
        })
    }

    /// The body up to `section_length`.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    /// The error information structures.
    pub fn err_infos(&self) -> ArmErrInfos<'a> {
        ArmErrInfos {
            b: self.b,
            pos: ARM_LEN,
            left: self.err_info_num(),
        }
    }

    /// The processor context information structures.
    pub fn contexts(&self) -> ArmContexts<'a> {
        let start = usize::from(self.err_info_num())
            .saturating_mul(ARM_ERR_INFO_LEN)
            .saturating_add(ARM_LEN);
        ArmContexts {
            b: self.b,
            pos: start,
            left: self.context_info_num(),
            offset: self.offset,
        }
    }

    /// Vendor-specific data: the bytes between the last context and `section_length`.
    pub fn vendor_data(&self) -> &'a [u8] {
        self.b.get(self.vendor_start..).unwrap_or(&[])
    }

    getters! {
        /// Validation Bits (offset 0).
        validation_bits: u32 = 0;
        /// ERR_INFO_NUM (offset 4).
        err_info_num: u16 = 4;
        /// CONTEXT_INFO_NUM (offset 6).
        context_info_num: u16 = 6;
        /// Section Length (offset 8).
        section_length: u32 = 8;
        /// Error Affinity Level (offset 12).
        affinity_level: u8 = 12;
        /// MPIDR_EL1 (offset 16).
        mpidr: u64 = 16;
        /// MIDR_EL1 (offset 24).
        midr: u64 = 24;
        /// Running State (offset 32): bit 0 set if the processor is running.
        running_state: u32 = 32;
        /// PSCI State (offset 36).
        psci_state: u32 = 36;
    }
}

/// One ARM error information structure (32 bytes).
#[derive(Clone, Copy, Debug)]
pub struct ArmErrInfo<'a> {
    b: &'a [u8],
}

impl<'a> ArmErrInfo<'a> {
    /// Validation bit 0: multiple error count.
    pub const VALID_MULTI_ERR: u16 = 1 << 0;
    /// Validation bit 1: flags.
    pub const VALID_FLAGS: u16 = 1 << 1;
    /// Validation bit 2: error information.
    pub const VALID_ERR_INFO: u16 = 1 << 2;
    /// Validation bit 3: virtual fault address.
    pub const VALID_VIRT_ADDR: u16 = 1 << 3;
    /// Validation bit 4: physical fault address.
    pub const VALID_PHYSICAL_ADDR: u16 = 1 << 4;

    /// Type bit 1: cache error.
    pub const TYPE_CACHE: u8 = 1 << 1;
    /// Type bit 2: TLB error.
    pub const TYPE_TLB: u8 = 1 << 2;
    /// Type bit 3: bus error.
    pub const TYPE_BUS: u8 = 1 << 3;
    /// Type bit 4: micro-architectural (vendor) error.
    pub const TYPE_VENDOR: u8 = 1 << 4;

    /// Flag bit 0: first error captured.
    pub const FLAG_FIRST: u8 = 1 << 0;
    /// Flag bit 1: last error captured.
    pub const FLAG_LAST: u8 = 1 << 1;
    /// Flag bit 2: propagated.
    pub const FLAG_PROPAGATED: u8 = 1 << 2;
    /// Flag bit 3: overflow.
    pub const FLAG_OVERFLOW: u8 = 1 << 3;

    pub(crate) fn view(b: &'a [u8]) -> Self {
        ArmErrInfo { b }
    }

    /// The structure's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    getters! {
        /// Version (offset 0).
        version: u8 = 0;
        /// Length (offset 1), 32.
        length: u8 = 1;
        /// Validation Bits (offset 2).
        validation_bits: u16 = 2;
        /// Type (offset 4): see the `TYPE_*` bits.
        error_type: u8 = 4;
        /// Multiple Error count (offset 5): the number of errors minus one.
        multiple_error: u16 = 5;
        /// Flags (offset 7).
        flags: u8 = 7;
        /// Error Information (offset 8).
        error_info: u64 = 8;
        /// Virtual Fault Address (offset 16).
        virt_fault_addr: u64 = 16;
        /// Physical Fault Address (offset 24).
        physical_fault_addr: u64 = 24;
    }
}

/// Iterator over [`ArmErrInfo`]s.
#[derive(Clone, Debug)]
pub struct ArmErrInfos<'a> {
    b: &'a [u8],
    pos: usize,
    left: u16,
}

impl<'a> Iterator for ArmErrInfos<'a> {
    type Item = ArmErrInfo<'a>;

    fn next(&mut self) -> Option<ArmErrInfo<'a>> {
        self.left = self.left.checked_sub(1)?;
        let end = self.pos.checked_add(ARM_ERR_INFO_LEN)?;
        let b = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(ArmErrInfo { b })
    }
}

/// One ARM processor context information structure: an 8-byte header and its registers.
#[derive(Clone, Copy, Debug)]
pub struct ArmContext<'a> {
    b: &'a [u8],
    offset: usize,
}

impl<'a> ArmContext<'a> {
    /// Version (offset 0).
    pub fn version(&self) -> u16 {
        u16_at(self.b, 0)
    }

    /// Register context type (offset 2), 0..=8.
    pub fn ctx_type(&self) -> u16 {
        u16_at(self.b, 2)
    }

    /// Register array size in bytes (offset 4).
    pub fn size(&self) -> u32 {
        u32_at(self.b, 4)
    }

    /// The register array.
    pub fn registers(&self) -> &'a [u8] {
        self.b.get(ARM_CTX_LEN..).unwrap_or(&[])
    }

    /// Offset of the structure in the error status block.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

/// Iterator over [`ArmContext`]s.
#[derive(Clone, Debug)]
pub struct ArmContexts<'a> {
    b: &'a [u8],
    pos: usize,
    left: u16,
    offset: usize,
}

impl<'a> Iterator for ArmContexts<'a> {
    type Item = ArmContext<'a>;

    fn next(&mut self) -> Option<ArmContext<'a>> {
        self.left = self.left.checked_sub(1)?;
        let size = usize::try_from(u32_at(self.b, self.pos.checked_add(4)?)).ok()?;
        let end = self.pos.checked_add(ARM_CTX_LEN)?.checked_add(size)?;
        let b = self.b.get(self.pos..end)?;
        let c = ArmContext {
            b,
            offset: self.offset.saturating_add(self.pos),
        };
        self.pos = end;
        Some(c)
    }
}
