// SPDX-License-Identifier: GPL-2.0

//! Recovery actions for a record's sections, as `ghes_do_proc()` takes them: memory errors
//! (UEFI 2.10 section N.2.5) go to memory_failure().

use crate::bindings;
use crate::cper::{ghes_severity, Estatus, GhesSeverity, SectionBody};
use crate::problem_log;

/// `CPER_SEC_ERROR_THRESHOLD_EXCEEDED` in a section's flags.
const THRESHOLD_EXCEEDED: u8 = 0x04;
/// `CPER_MEM_VALID_PA` in a memory error section's validation bits.
const MEM_VALID_PA: u64 = 0x0000_0000_0000_0002;
/// log2 of the page size memory_failure() works on.
const PAGE_SHIFT: u32 = kernel::page::PAGE_SHIFT as u32;

/// Runs the recovery actions for every section of `estatus` from source `source_id`.
///
/// Returns whether any memory_failure() work was queued. Unlike Linux 6.12, which keeps
/// only the last section's answer, any queued section counts, so a record whose last section
/// queues nothing cannot earn a synchronous task a spurious SIGBUS.
///
/// Context: irq_work (hard IRQ) or process context; not NMI.
pub(crate) fn run(source_id: u16, estatus: &Estatus<'_>, sync: bool) -> bool {
    let sev = ghes_severity(estatus.error_severity());
    let mut queued = false;
    for section in estatus.sections() {
        let sec_sev = ghes_severity(section.error_severity());
        if let Ok(SectionBody::Memory(mem)) = section.body() {
            if mem.validation_bits() & MEM_VALID_PA == 0 {
                continue;
            }
            let soft_offline =
                sec_sev == GhesSeverity::Corrected && section.flags() & THRESHOLD_EXCEEDED != 0;
            let recoverable =
                sev == GhesSeverity::Recoverable && sec_sev == GhesSeverity::Recoverable;
            if !soft_offline && !recoverable {
                continue;
            }
            let pa = mem.physical_addr();
            // SAFETY: plain call; the shim checks `pfn_valid()` before queueing.
            let ok = unsafe {
                bindings::ghes_rs_memory_failure_queue(
                    pa >> PAGE_SHIFT,
                    recoverable && sync,
                    soft_offline && !recoverable,
                )
            };
            if ok {
                queued = true;
            } else {
                problem_log::warn(
                    source_id,
                    format_args!("invalid address in generic error data: {:#x}", pa),
                );
            }
        }
    }
    queued
}
