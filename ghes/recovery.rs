// SPDX-License-Identifier: GPL-2.0

//! Recovery actions for a record's sections, as `ghes_do_proc()` takes them, section by
//! section: memory errors (UEFI 2.10 section N.2.5) and ARM processor errors (section
//! N.2.4.4) to memory recovery (`mm_hooks/`), PCIe errors with AER registers (section
//! N.2.7) to the PCI core's AER recovery (`aer_handoff`).

use crate::aer_handoff;
use crate::cper::{ghes_severity, AerForward, Estatus, SectionBody};
use crate::mm_hooks::{self, PageAction};

/// Applies `action` to the pages named by every section of `estatus` from source
/// `source_id`, and on the first pass hands its PCIe errors to AER recovery. Returns whether
/// any page was (or, for [`PageAction::Plan`], will be) handed to memory_failure().
///
/// Unlike Linux 6.12, which keeps only the last memory or ARM section's answer, any section
/// counts, so a record whose last section names no page cannot earn a synchronous task a
/// spurious SIGBUS.
///
/// Context: irq_work (hard IRQ) or process context; not NMI. [`PageAction::ActNow`]: process
/// context, may sleep.
pub(crate) fn run(source_id: u16, estatus: &Estatus<'_>, action: PageAction) -> bool {
    let sev = ghes_severity(estatus.error_severity());
    let mut acted = false;
    for section in estatus.sections() {
        let sec_sev = ghes_severity(section.error_severity());
        match section.body() {
            Ok(SectionBody::Memory(mem)) => {
                acted |= mm_hooks::memory_error(source_id, &section, &mem, sev, sec_sev, action);
            }
            Ok(SectionBody::Arm(arm)) => {
                acted |= mm_hooks::arm_error(source_id, &arm, sev, sec_sev, action);
            }
            Ok(SectionBody::Pcie(pcie)) if action.first_pass() => {
                if let Some(aer) = AerForward::of(&section, &pcie) {
                    aer_handoff::forward(source_id, &aer);
                }
            }
            _ => {}
        }
    }
    acted
}
