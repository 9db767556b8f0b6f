// SPDX-License-Identifier: GPL-2.0

//! The task_work of a synchronous error: the task that consumed the error runs
//! memory_failure(MF_ACTION_REQUIRED) for the record's pages before it returns to user
//! space, so that this task gets SIGBUS BUS_MCEERR_AR (the callback,
//! `ghes_rs_kick_run()`, is the driver's, which owns the record); and the plain SIGBUS for a
//! synchronous error nothing could act on, as `ghes_do_proc()` sends it.

use crate::bindings::{self, GhesRsKick};

/// Has the current task run `ghes_rs_kick_run()` for `kick` before it returns to user space.
/// Returns false if it cannot (no user space, exiting, or the module is going away).
///
/// Context: irq_work or process context, in the task that took the synchronous error.
///
/// # Safety
///
/// `kick` is the node header storage of a pool slot that stays allocated until
/// `ghes_rs_kick_run()` frees it.
pub(crate) unsafe fn act_on_return(kick: *mut GhesRsKick) -> bool {
    // SAFETY: by the function's safety requirement `kick` outlives the task_work.
    unsafe { bindings::ghes_rs_kick_on_return(kick) }
}

/// SIGBUS for the current task: a synchronous uncorrected error with no page to act on.
///
/// Context: irq_work run in the task that took the error, or process context.
pub(crate) fn sigbus_current(source_id: u16) {
    // SAFETY: plain call; the shim checks the task has user space.
    unsafe { bindings::ghes_rs_sigbus_current(source_id) };
}
