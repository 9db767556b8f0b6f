// SPDX-License-Identifier: GPL-2.0

//! The ras:* trace events rasdaemon reads, for the sections Linux's `ghes_do_proc()` traces:
//! ras:arm_event for ARM processor error sections (UEFI 2.10 section N.2.4.4) and
//! ras:non_standard_event for every section type it has no handler for (section N.2.2).
//! Memory errors are traced by memory_failure() itself (ras:memory_failure_event).

use core::ffi::c_char;

use crate::bindings;
use crate::cper::{ghes_severity, ArmProcessor, Estatus, GhesSeverity, Guid, Section, SectionBody};

/// Bytes of `struct cper_sec_proc_arm` before the error information entries.
const ARM_HEADER_LEN: usize = 40;
/// Bytes of one error information entry.
const ARM_ERR_INFO_LEN: usize = 32;

/// The trace events of every section of `estatus`, as `ghes_do_proc()` emits them.
/// Context: irq_work or process context.
pub(crate) fn trace_record(estatus: &Estatus<'_>) {
    for section in estatus.sections() {
        match section.body() {
            Ok(SectionBody::Arm(arm)) => {
                arm_event(&arm, ghes_severity(section.error_severity()));
            }
            // Known types Linux hands to a handler (memory, PCIe, CXL events), or a known
            // type too short to decode (its report says so).
            _ if is_standard(section.section_type()) => {}
            _ => non_standard_event(&section),
        }
    }
}

/// The section types `ghes_do_proc()` hands to a handler rather than to
/// ras:non_standard_event and the vendor record notifiers.
pub(crate) fn is_standard(section_type: Guid) -> bool {
    [
        Guid::PLATFORM_MEM,
        Guid::PCIE,
        Guid::PROC_ARM,
        Guid::CXL_GEN_MEDIA,
        Guid::CXL_DRAM,
        Guid::CXL_MEM_MODULE,
    ]
    .contains(&section_type)
}

/// ras:arm_event for a parsed ARM processor section, with `sec_sev` its GHES severity.
///
/// The error information, context and vendor lengths are those the parser validated, so
/// they add up to the section length (Linux's `log_arm_hw_error()` trusts the counts).
/// Context: irq_work or process context.
fn arm_event(arm: &ArmProcessor<'_>, sec_sev: GhesSeverity) {
    let body = arm.as_bytes();
    let pei_len = usize::from(arm.err_info_num()) * ARM_ERR_INFO_LEN;
    let vendor_len = arm.vendor_data().len();
    let Some(ctx_len) = body
        .len()
        .checked_sub(ARM_HEADER_LEN + pei_len + vendor_len)
    else {
        return;
    };
    // SAFETY: `body` holds the 40-byte header followed by exactly `pei_len + ctx_len +
    // vendor_len` bytes (checked above); the shim reads nothing beyond them.
    unsafe {
        bindings::ghes_rs_trace_arm_event(
            body.as_ptr().cast(),
            pei_len as u32,
            ctx_len as u32,
            vendor_len as u32,
            sec_sev.as_raw(),
        )
    };
}

/// ras:non_standard_event for `section`, with its own FRU id and text (Linux carries a
/// previous section's FRU over to later sections that have none).
/// Context: irq_work or process context.
fn non_standard_event(section: &Section<'_>) {
    let fru_id = section.fru_id().unwrap_or(Guid::new(0, 0, 0, [0; 8]));
    // At most 20 bytes of text, up to its first NUL; the 21st byte stays NUL.
    let mut fru_text = [0u8; 21];
    for (dst, src) in fru_text.iter_mut().zip(section.fru_text().unwrap_or(&[])) {
        *dst = *src;
    }
    let data = section.data();
    let section_type = section.section_type();
    // SAFETY: the GUIDs are 16 bytes each, `fru_text` is NUL-terminated, and `data` is
    // valid for `data.len()` bytes; the shim copies them into the trace buffer.
    unsafe {
        bindings::ghes_rs_trace_non_standard_event(
            section_type.as_bytes().as_ptr(),
            fru_id.as_bytes().as_ptr(),
            fru_text.as_ptr().cast::<c_char>(),
            ghes_severity(section.error_severity()).as_raw(),
            data.as_ptr(),
            data.len() as u32,
        )
    };
}
