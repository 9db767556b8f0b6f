// SPDX-License-Identifier: GPL-2.0

//! memory_failure() for the pages a record names, as `ghes_handle_memory_failure()` and
//! `ghes_handle_arm_hw_error()` decide: memory errors (UEFI 2.10 section N.2.5) and ARM
//! cache errors with a physical address (section N.2.4.4); soft offline for corrected
//! errors over threshold; now, queued, or planned for the consuming task's task_work.

use crate::bindings;
use crate::cper::{ArmErrInfo, ArmProcessor, GhesSeverity, MemError, Section, UnhandledArmError};
use crate::problem_log;

/// log2 of the page size memory_failure() works on.
const PAGE_SHIFT: u32 = kernel::page::PAGE_SHIFT as u32;

/// What to do with the pages a record's errors name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageAction {
    /// An asynchronous error: queue memory_failure() for recoverable errors, soft offline
    /// for corrected ones over threshold.
    Queue,
    /// A synchronous error, in irq_work: queue the soft offlines; only count (and check) the
    /// pages that need MF_ACTION_REQUIRED, which the task that consumed the error handles
    /// with [`PageAction::ActNow`] before it returns to user space.
    Plan,
    /// A synchronous error, in the task that consumed it (task_work): memory_failure() with
    /// MF_ACTION_REQUIRED now, so the SIGBUS is this task's. Linux queues this work and
    /// kicks the queue from task_work, but the queue's own worker may run it first, from
    /// another task, and the consuming task is then not signalled.
    ActNow,
    /// A synchronous error with no user task to run in: queue with MF_ACTION_REQUIRED.
    QueueActionRequired,
}

impl PageAction {
    /// Whether this is the first pass over the record (which reports bad addresses and
    /// handles soft offlines); the later passes handle only MF_ACTION_REQUIRED pages.
    pub(crate) fn first_pass(self) -> bool {
        matches!(self, Self::Queue | Self::Plan)
    }
}

/// `ghes_handle_memory_failure()`: a recoverable error in a recoverable record, or a
/// corrected one over threshold (soft offline), with a valid physical address. Returns
/// whether a page was (or, for [`PageAction::Plan`], will be) handed to memory_failure().
pub(crate) fn memory_error(
    source_id: u16,
    section: &Section<'_>,
    mem: &MemError<'_>,
    sev: GhesSeverity,
    sec_sev: GhesSeverity,
    action: PageAction,
) -> bool {
    if mem.validation_bits() & MemError::VALID_PA == 0 {
        return false;
    }
    let recoverable = sev == GhesSeverity::Recoverable && sec_sev == GhesSeverity::Recoverable;
    let soft_offline = sec_sev == GhesSeverity::Corrected
        && section.flags() & Section::FLAG_THRESHOLD_EXCEEDED != 0;
    let pa = mem.physical_addr();
    if recoverable {
        page_action(source_id, pa, action)
    } else if soft_offline && action.first_pass() {
        queue(source_id, pa, false, true)
    } else {
        false
    }
}

/// `ghes_handle_arm_hw_error()`: in a recoverable section of a recoverable record, each
/// cache error with a physical address goes to memory_failure(); any other error
/// information entry is reported as unhandled (on the first pass). Returns whether a page was
/// (or will be) handed to memory_failure().
pub(crate) fn arm_error(
    source_id: u16,
    arm: &ArmProcessor<'_>,
    sev: GhesSeverity,
    sec_sev: GhesSeverity,
    action: PageAction,
) -> bool {
    if sev != GhesSeverity::Recoverable || sec_sev != GhesSeverity::Recoverable {
        return false;
    }
    let mut acted = false;
    for info in arm.err_infos() {
        let is_cache = info.error_type() & ArmErrInfo::TYPE_CACHE != 0;
        let has_pa = info.validation_bits() & ArmErrInfo::VALID_PHYSICAL_ADDR != 0;
        if is_cache && has_pa {
            acted |= page_action(source_id, info.physical_fault_addr(), action);
        } else if action.first_pass() {
            problem_log::firmware_warn(
                source_id,
                format_args!("{}", UnhandledArmError(info.error_type())),
            );
        }
    }
    acted
}

/// `action` for the page holding `pa`, which a recoverable error names.
fn page_action(source_id: u16, pa: u64, action: PageAction) -> bool {
    let pfn = pa >> PAGE_SHIFT;
    match action {
        PageAction::Queue => queue(source_id, pa, false, false),
        PageAction::QueueActionRequired => queue(source_id, pa, true, false),
        PageAction::Plan => {
            // SAFETY: plain call.
            let valid = unsafe { bindings::ghes_rs_pfn_valid(pfn) };
            if !valid {
                invalid_address(source_id, pa);
            }
            valid
        }
        // SAFETY: plain call, in process context (task_work).
        PageAction::ActNow => unsafe { bindings::ghes_rs_memory_failure_now(pfn) },
    }
}

/// Queues memory_failure() for the page holding `pa`; false (with a warning) if `pa` is not
/// in a valid page frame.
fn queue(source_id: u16, pa: u64, action_required: bool, soft_offline: bool) -> bool {
    // SAFETY: plain call; the shim checks `pfn_valid()` before queueing.
    let ok = unsafe {
        bindings::ghes_rs_memory_failure_queue(pa >> PAGE_SHIFT, action_required, soft_offline)
    };
    if !ok {
        invalid_address(source_id, pa);
    }
    ok
}

/// Reports `pa`, named by a record, as no page memory_failure() can take.
fn invalid_address(source_id: u16, pa: u64) {
    problem_log::firmware_warn(
        source_id,
        format_args!("Invalid address in generic error data: {:#x}", pa),
    );
}
