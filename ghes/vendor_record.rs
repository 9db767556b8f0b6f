// SPDX-License-Identifier: GPL-2.0

//! Vendor records (UEFI 2.10 section N.2.2): every section type ghes_rs has no handler for is
//! handed to the modules registered with `ghes_rs_register_vendor_record_notifier()`
//! (`ghes/vendor_shim.c`), in process context, as Linux's
//! `ghes_defer_non_standard_event()` does for its vendor record notifiers.

use core::ffi::c_int;

use crate::bindings;
use crate::cper::{ghes_severity, Estatus};
use crate::problem_log;
use crate::ras_trace;

/// Defers every vendor section of `estatus` from source `source_id` to the notifiers.
///
/// Context: irq_work (hard IRQ) or process context; not NMI.
pub(crate) fn defer(source_id: u16, estatus: &Estatus<'_>) {
    for section in estatus.sections() {
        if ras_trace::is_standard(section.section_type()) {
            continue;
        }
        let entry = section.as_bytes();
        let severity = c_int::from(ghes_severity(section.error_severity()).as_raw());
        // SAFETY: `entry` is valid for `entry.len()` bytes (at most 64 KiB); the shim copies
        // them before returning.
        let err = unsafe {
            bindings::ghes_rs_vendor_defer(entry.as_ptr().cast(), entry.len() as u32, severity)
        };
        if err != 0 {
            problem_log::warn(
                source_id,
                format_args!("vendor section not handed to its notifiers: out of memory"),
            );
        }
    }
}
