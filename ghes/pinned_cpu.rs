// SPDX-License-Identifier: GPL-2.0

//! The CPU a record is queued on: each CPU has its own estatus queue and irq_work, so a record
//! is processed on the CPU whose notification found it (for a synchronous error, in the task
//! that consumed it: ACPI 6.5 section 18.3.2.9, NOTIFY_SEA, is synchronous to the faulting
//! instruction).

use core::marker::PhantomData;

use crate::bindings;

/// This CPU, with preemption disabled while the value lives.
///
/// A producer holds one from the push onto this CPU's queue until this CPU's irq_work is
/// queued, so a record is never left on one CPU's queue with the work raised on another.
///
/// # Invariants
///
/// Preemption is disabled from [`PinnedCpu::new`] until the value is dropped, so `id` is the
/// CPU the holder runs on for the whole lifetime. The type is neither `Send` nor `Sync`.
pub(crate) struct PinnedCpu {
    id: u32,
    _not_send: PhantomData<*mut ()>,
}

impl PinnedCpu {
    /// Disables preemption and returns this CPU.
    ///
    /// Context: any, including NMI-like (the preemption count nests).
    pub(crate) fn new() -> Self {
        // SAFETY: plain call (`get_cpu()`); undone by `Drop`.
        let id = unsafe { bindings::ghes_rs_cpu_pin() };
        // INVARIANT: preemption is disabled until `drop`.
        Self {
            id,
            _not_send: PhantomData,
        }
    }

    /// This CPU's number.
    pub(crate) fn id(&self) -> u32 {
        self.id
    }

    /// Queues this CPU's irq_work, which drains this CPU's queue.
    ///
    /// Context: any, including NMI-like.
    pub(crate) fn raise_irq_work(&self) {
        // SAFETY: plain call, NMI-safe; preemption is disabled by the type invariant, as
        // `this_cpu_ptr()` in the shim requires.
        unsafe { bindings::ghes_rs_irq_work_queue() };
    }
}

impl Drop for PinnedCpu {
    fn drop(&mut self) {
        // SAFETY: plain call (`put_cpu()`), pairing with `new`.
        unsafe { bindings::ghes_rs_cpu_unpin() };
    }
}
