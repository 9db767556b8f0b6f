// SPDX-License-Identifier: GPL-2.0

//! The firmware's ACPI Hardware Error Source Table (ACPI 6.5, section 18.3.2), borrowed
//! from ACPICA for as long as the driver needs it.

use kernel::error::{to_result, Result};

use crate::bindings;

/// The mapped HEST.
///
/// # Invariants
///
/// `ptr` is the start of the ACPI table ACPICA mapped for us with `acpi_get_table()`; it is
/// valid for reads of `len` bytes and is not written to until [`Drop`] releases it.
pub(crate) struct HestTable {
    ptr: *const u8,
    len: usize,
}

impl HestTable {
    /// Maps the HEST. Fails with `ENODEV` when the firmware has none.
    pub(crate) fn get() -> Result<Self> {
        let mut ptr: *const u8 = core::ptr::null();
        let mut len: u32 = 0;
        // SAFETY: both out-pointers are valid for writes; the shim only writes them on success.
        to_result(unsafe { bindings::ghes_rs_hest_get(&mut ptr, &mut len) })?;
        // INVARIANT: on success the shim returned ACPICA's mapping of the table and the length
        // from its header; ACPICA validated that the whole table is mapped.
        Ok(Self {
            ptr,
            len: len as usize,
        })
    }

    /// The table's bytes, header included.
    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: by the type invariant `ptr` is valid for reads of `len` bytes for the life
        // of `self`, and nothing writes the table meanwhile.
        unsafe { core::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl Drop for HestTable {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from `ghes_rs_hest_get()` and is released exactly once, here.
        unsafe { bindings::ghes_rs_hest_put(self.ptr) };
    }
}
