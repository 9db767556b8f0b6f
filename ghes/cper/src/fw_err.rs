// SPDX-License-Identifier: GPL-2.0
//! Firmware Error Record Reference Section (UEFI 2.10 N.2.10; `struct cper_sec_fw_err_rec_ref`).

use super::bytes::{array, getters, sub};
use super::error::SectionError;
use super::guid::Guid;

/// A firmware error record reference body (16 bytes minimum, 32 with the GUID).
#[derive(Clone, Copy, Debug)]
pub struct FwErrRecRef<'a> {
    b: &'a [u8],
}

impl<'a> FwErrRecRef<'a> {
    /// `sizeof(struct cper_sec_fw_err_rec_ref)`.
    pub const SIZE: usize = 32;
    /// The minimal record Linux accepts (`SZ_16`): no Record Identifier GUID.
    pub const MIN_SIZE: usize = 16;

    /// Decodes a body: at least 16 bytes, and 32 when the revision (2 or more) defines the
    /// Record Identifier GUID.
    pub fn parse(b: &'a [u8], offset: usize) -> Result<Self, SectionError> {
        let f = FwErrRecRef { b };
        let needed = f.fixed_len().max(Self::MIN_SIZE);
        if b.len() < needed {
            return Err(SectionError::TooShort {
                offset,
                what: "firmware error record reference",
                needed: needed as u64,
                actual: b.len() as u64,
            });
        }
        Ok(f)
    }

    /// A view without length checks: fields past the end read as zero.
    pub(crate) fn view(b: &'a [u8]) -> Self {
        FwErrRecRef { b }
    }

    /// Where the trailing data starts for this revision (cper_print_fw_err()'s `offset`):
    /// 16 for revision 0, 8 for revision 1, 32 otherwise.
    pub fn fixed_len(&self) -> usize {
        match self.revision() {
            0 => 16,
            1 => 8,
            _ => Self::SIZE,
        }
    }

    /// The Record Identifier GUID (offset 16), defined from revision 2.
    pub fn record_identifier_guid(&self) -> Guid {
        Guid(array(self.b, 16))
    }

    /// Bytes after the revision's fixed fields.
    pub fn trailing_data(&self) -> &'a [u8] {
        sub(self.b, self.fixed_len(), usize::MAX)
    }

    /// The body's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.b
    }

    getters! {
        /// Record Type (offset 0): 0 IPF SAL, 1 SOC type 1, 2 SOC type 2.
        record_type: u8 = 0;
        /// Revision (offset 1).
        revision: u8 = 1;
        /// Record Identifier (offset 8), defined for revision 0 and 2.
        record_identifier: u64 = 8;
    }
}
