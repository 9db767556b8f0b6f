// SPDX-License-Identifier: GPL-2.0

//! Declarations of the C shims in `rust/ghes_shim.c`.
//!
//! Linux 6.12's `kernel::bindings` has no ACPI, fixmap, SDEI, irq_work or task_work items,
//! so ghes_rs reaches them through small C functions compiled into the same module.
//! Only the safe wrappers next to each user call these.

use core::ffi::c_int;

extern "C" {
    /// Maps the ACPI HEST; see `ghes_rs_hest_get()` in `rust/ghes_shim.c`.
    pub(crate) fn ghes_rs_hest_get(table: *mut *const u8, len: *mut u32) -> c_int;
    /// Releases the mapping made by [`ghes_rs_hest_get`].
    pub(crate) fn ghes_rs_hest_put(table: *const u8);
}
