// SPDX-License-Identifier: GPL-2.0

//! The hand-off of PCIe errors (UEFI 2.10 section N.2.7) to the PCI core's AER recovery, as
//! `ghes_handle_aer()` does; the C glue is `aer_shim.c`.

use crate::bindings;
use crate::cper::AerForward;
use crate::problem_log;

/// `ghes_handle_aer()`: queues the PCI core's AER recovery (reporting, ras:aer_event and,
/// for non-fatal and fatal errors, device recovery) with a copy of the AER registers.
///
/// Context: irq_work or process context; not NMI.
pub(crate) fn forward(source_id: u16, aer: &AerForward<'_>) {
    // SAFETY: `aer.regs` holds `AER_REGS_LEN` bytes, `sizeof(struct aer_capability_regs)`,
    // which the shim copies before returning; not NMI context (irq_work or process).
    let err = unsafe {
        bindings::ghes_rs_aer_forward(
            aer.segment,
            aer.bus,
            aer.devfn,
            aer.severity as i32,
            aer.regs.as_ptr().cast(),
        )
    };
    if err != 0 {
        problem_log::warn(
            source_id,
            format_args!(
                "PCIe error at {:04x}:{:02x}:{:02x}.{:x} not passed to AER recovery (error {})",
                aer.segment,
                aer.bus,
                aer.devfn >> 3,
                aer.devfn & 7,
                err
            ),
        );
    }
}
