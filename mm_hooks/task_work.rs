// SPDX-License-Identifier: GPL-2.0

//! The task_work of a synchronous error: memory_failure(MF_ACTION_REQUIRED) for the record's
//! pages in the task that consumed the error, before it returns to user space, so that this
//! task gets SIGBUS BUS_MCEERR_AR; and the plain SIGBUS for a synchronous error nothing
//! could act on, as `ghes_do_proc()` sends it.

use super::PageAction;
use crate::bindings::{self, GhesRsKick};
use crate::cper::Estatus;
use crate::driver;
use crate::recovery;

/// Has the current task run [`ghes_rs_kick_run`] for `kick` before it returns to user space.
/// Returns false if it cannot (no user space, exiting, or the module is going away).
///
/// Context: irq_work or process context, in the task that took the synchronous error.
///
/// # Safety
///
/// `kick` is the node header storage of a pool slot that stays allocated until
/// [`ghes_rs_kick_run`] frees it.
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

/// The task_work of a synchronous error, in the task that consumed it, before it returns to
/// user space: memory_failure(MF_ACTION_REQUIRED) for its pages, so that this task gets the
/// SIGBUS; then the record's slot is freed.
///
/// Context: process context (task_work), may sleep.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kick_run(kick: *mut GhesRsKick) {
    let Some(driver) = driver::get() else { return };
    let estatus = driver.estatus();
    let Some(slot) = estatus.slot_of_kick(kick) else {
        return;
    };
    if let Some((node, bytes)) = estatus.node(&slot) {
        let source = driver.source(node.source);
        let record = bytes.get(..node.len as usize);
        if let (Some(source), Some(Ok(record))) = (source, record.map(Estatus::parse)) {
            recovery::run(source.id, &record, PageAction::ActNow);
        }
    }
    let _ = estatus.pool().free(slot);
}
