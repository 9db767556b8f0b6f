// SPDX-License-Identifier: GPL-2.0

//! The irq_work consumer, as `ghes_do_proc()`: every queued record, in arrival order, parsed
//! in full, traced, handed to vendor modules, recovered, printed through the duplicate cache
//! and rate limits, counted, and its slot freed; a synchronous error's slot is kept for its
//! task_work ([`act_now`]).

use crate::bindings::GhesRsKick;
use crate::cper::{ghes_severity, Estatus, GhesSeverity};
use crate::driver;
use crate::error_source::ErrorSource;
use crate::estatus::{print_gate, CacheKey, DropReason, DuplicateCache, PrintVerdict, RateLimit};
use crate::estatus_pool::EstatusPool;
use crate::mm_hooks::{self, PageAction};
use crate::printk_sink::print_report;
use crate::problem_log;
use crate::ras_trace;
use crate::recovery;
use crate::vendor_record;

/// Linux prints at most 2 reports every 5 s per class (corrected / uncorrected).
const PRINT_INTERVAL_NS: u64 = 5_000_000_000;
const PRINT_BURST: u32 = 2;

/// What the consumer keeps between records: the duplicate cache and the print rate limits.
pub(crate) struct Consumer {
    cache: DuplicateCache,
    print_corrected: RateLimit,
    print_uncorrected: RateLimit,
}

impl Consumer {
    /// An empty cache and full rate-limit budgets.
    pub(crate) fn new() -> Self {
        Self {
            cache: DuplicateCache::new(),
            print_corrected: RateLimit::new(PRINT_INTERVAL_NS, PRINT_BURST),
            print_uncorrected: RateLimit::new(PRINT_INTERVAL_NS, PRINT_BURST),
        }
    }

    /// Processes every record queued on CPU `cpu`'s queue in `estatus` by `sources`, in
    /// arrival order: recovery, report, accounting.
    ///
    /// Context: irq_work (hard IRQ) on `cpu`, serialised by the shim.
    pub(crate) fn process_queue(&self, estatus: &EstatusPool, sources: &[ErrorSource], cpu: u32) {
        let Some(queue) = estatus.queue_on(cpu) else {
            return;
        };
        for slot in queue.drain() {
            let Some((node, bytes)) = estatus.node(&slot) else {
                let _ = estatus.pool().free(slot);
                continue;
            };
            let source = sources.get(usize::from(node.source));
            let record = bytes.get(..node.len as usize);
            let (Some(source), Some(record)) = (source, record) else {
                let _ = estatus.pool().free(slot);
                continue;
            };
            let sync = node.sync != 0;
            let parsed = match Estatus::parse(record) {
                Ok(parsed) => parsed,
                Err(e) => {
                    source.counters.record_dropped_queued(DropReason::Malformed);
                    problem_log::warn(source.id, format_args!("record rejected: {}", e));
                    let _ = estatus.pool().free(slot);
                    continue;
                }
            };
            if self.process_record(estatus, source, &parsed, record, sync) {
                // SAFETY: `node.kick` lives in the slot, which stays allocated until
                // `ghes_rs_kick_run` frees it when the task_work has run; the task_work is
                // used only once init succeeded (`driver::task_work_open`), so no failed
                // init frees the slot or the module under it.
                if driver::task_work_open() && unsafe { mm_hooks::act_on_return(&mut node.kick) } {
                    continue;
                }
                // No user task to return to, or init not done: queue the work with
                // MF_ACTION_REQUIRED.
                recovery::run(source.id, &parsed, PageAction::QueueActionRequired);
            }
            let _ = estatus.pool().free(slot);
        }
    }

    /// Traces, recovers and reports one record; returns whether pages need
    /// memory_failure(MF_ACTION_REQUIRED) in the current task before it returns to user space
    /// ([`PageAction::ActNow`] from the task_work).
    fn process_record(
        &self,
        pool: &EstatusPool,
        source: &ErrorSource,
        estatus: &Estatus<'_>,
        record: &[u8],
        sync: bool,
    ) -> bool {
        // Fatal records never get here: `ErrorSource::queue_pending` reports them and panics
        // before queueing (`__ghes_panic()`).
        let sev = ghes_severity(estatus.error_severity());
        ras_trace::trace_record(estatus);
        vendor_record::defer(source.id, estatus);
        let action = if sync {
            PageAction::Plan
        } else {
            PageAction::Queue
        };
        let acted = recovery::run(source.id, estatus, action);
        if sync && !acted {
            // Whatever the severity: a task whose synchronous error queued no recovery would
            // re-execute the aborting instruction, and firmware that re-reports the error
            // would keep it there forever (Linux's ghes_do_proc() does the same). In the task
            // that took the synchronous error.
            mm_hooks::sigbus_current(source.id);
        }
        let ratelimit = if sev <= GhesSeverity::Corrected {
            &self.print_corrected
        } else {
            &self.print_uncorrected
        };
        let decision = print_gate(
            &self.cache,
            ratelimit,
            &source.counters,
            CacheKey::of(record),
            problem_log::now_ns(),
            |slot| pool.cache_copy(slot).and_then(|c| c.get(..record.len())) == Some(record),
            |slot| {
                if let Some(copy) = pool
                    .cache_copy(slot)
                    .and_then(|c| c.get_mut(..record.len()))
                {
                    copy.copy_from_slice(record);
                }
            },
        );
        if decision.verdict == PrintVerdict::Print {
            print_report(source.id, estatus, None);
        }
        source.counters.record_processed();
        acted && sync
    }
}

/// Prints the records queued in `estatus` but not yet processed, CPU by CPU, oldest first
/// on each: a fatal error
/// is about to panic, and they may hold its root cause (Linux's
/// `ghes_print_queued_estatus()`). Their pool slots are not freed: the system is going down.
///
/// Context: any, including NMI-like, on the way to `panic()`. The queue is taken with one
/// atomic swap; nothing else is locked or allocated.
pub(crate) fn print_queued(estatus: &EstatusPool, sources: &[ErrorSource]) {
    for slot in estatus.queues().flat_map(|queue| queue.drain()) {
        let Some((node, bytes)) = estatus.node(&slot) else {
            continue;
        };
        let source = sources.get(usize::from(node.source));
        let record = bytes.get(..node.len as usize).map(Estatus::parse);
        if let (Some(source), Some(Ok(parsed))) = (source, record) {
            print_report(source.id, &parsed, None);
        }
    }
}

/// The task_work of a synchronous error, in the task that consumed it, before it returns to
/// user space: memory_failure(MF_ACTION_REQUIRED) for the pages of the record `kick` belongs
/// to, so that this task gets the SIGBUS; then the record's slot is freed.
///
/// Context: process context (task_work), may sleep.
pub(crate) fn act_now(estatus: &EstatusPool, sources: &[ErrorSource], kick: *mut GhesRsKick) {
    let Some(slot) = estatus.slot_of_kick(kick) else {
        return;
    };
    if let Some((node, bytes)) = estatus.node(&slot) {
        let source = sources.get(usize::from(node.source));
        let record = bytes.get(..node.len as usize);
        if let (Some(source), Some(Ok(parsed))) = (source, record.map(Estatus::parse)) {
            recovery::run(source.id, &parsed, PageAction::ActNow);
        }
    }
    let _ = estatus.pool().free(slot);
}
