// SPDX-License-Identifier: GPL-2.0

//! The running driver: the probed error sources, the estatus pool, and the entry points the
//! kernel calls: the SEA/SEI provider hooks (NMI-like) and the irq_work that finishes.
//! ACPI 6.5 section 18.3.2.9 (GHES notification types).

use core::ffi::c_int;
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use kernel::alloc::{flags::GFP_KERNEL, KBox, KVec};
use kernel::error::to_result;
use kernel::prelude::*;

use crate::bindings::{self, GhesRsKick};
use crate::cper::{ghes_severity, Estatus, GhesSeverity};
use crate::error_source::{Delivery, ErrorSource, Pending};
use crate::estatus::{
    print_gate, CacheKey, DropReason, DuplicateCache, NmiSourceSizing, PrintVerdict, RateLimit,
};
use crate::estatus_pool::EstatusPool;
use crate::fixmap_slot::FixmapSlot;
use crate::hest::{NotifyKind, SerrorSyndrome};
use crate::printk_sink::print_report;
use crate::problem_log;
use crate::provider::ProviderRegistration;
use crate::ras_trace;
use crate::recovery::{self, PageAction};
use crate::vendor_record;

/// Linux prints at most 2 reports every 5 s per class (corrected / uncorrected).
const PRINT_INTERVAL_NS: u64 = 5_000_000_000;
const PRINT_BURST: u32 = 2;

/// Everything the notification handlers use; immutable once published.
pub(crate) struct Driver {
    sources: KVec<ErrorSource>,
    estatus: EstatusPool,
    cache: DuplicateCache,
    print_corrected: RateLimit,
    print_uncorrected: RateLimit,
}

/// The published driver, for the C entry points, which take no argument.
static DRIVER: AtomicPtr<Driver> = AtomicPtr::new(ptr::null_mut());

/// The published driver, if any. Context: any.
fn get() -> Option<&'static Driver> {
    let driver = DRIVER.load(Ordering::Acquire);
    // SAFETY: a non-null pointer was published by `Driver::start` from a leaked `KBox` and is
    // freed only by `Driver::stop`, after unpublishing it and waiting for every handler
    // (the provider's unregistration for the hooks, `irq_work_sync` for the irq_work).
    unsafe { driver.as_ref() }
}

impl Driver {
    /// Builds the driver for `sources`, publishes it for the hooks of the registered
    /// provider (whose registration proves ghes_rs owns the sources) and the irq_work, and
    /// handles records already pending. Process context.
    pub(crate) fn start(
        _provider: &ProviderRegistration,
        sources: KVec<ErrorSource>,
    ) -> Result<()> {
        // Every record, from any notification, goes through the pool and the queue to the
        // irq_work, so every source sizes the pool.
        let sizing = sources.iter().map(|s| NmiSourceSizing {
            error_block_length: s.block_length,
            records_to_preallocate: s.records_to_preallocate,
        });
        let estatus = EstatusPool::new(sizing)?;
        let layout = estatus.layout();
        pr_info!(
            "estatus pool: {} slots of {} bytes, {} bytes vmalloc'd\n",
            layout.slots,
            layout.slot_size,
            layout.vmalloc_bytes
        );
        // SAFETY: plain call; process context.
        unsafe { bindings::ghes_rs_trace_init() };
        let driver = KBox::new(
            Driver {
                sources,
                estatus,
                cache: DuplicateCache::new(),
                print_corrected: RateLimit::new(PRINT_INTERVAL_NS, PRINT_BURST),
                print_uncorrected: RateLimit::new(PRINT_INTERVAL_NS, PRINT_BURST),
            },
            GFP_KERNEL,
        )?;
        // SAFETY: plain call; process context. On failure `driver`, never published, is dropped.
        to_result(unsafe { bindings::ghes_rs_vendor_start() })?;
        DRIVER.store(KBox::into_raw(driver), Ordering::Release);
        if let Some(driver) = get() {
            driver.poll_pending_at_probe();
        }
        // SAFETY: plain call; the file's reader finds the driver published above.
        unsafe { bindings::ghes_rs_debugfs_create() };
        Ok(())
    }

    /// Unregisters the provider (waiting for every hook), waits for the irq_work, and frees
    /// the driver. Taking the registration makes the order a matter of types: the driver is
    /// never freed while a hook may still find it. Process context.
    pub(crate) fn stop(provider: ProviderRegistration) {
        // SAFETY: plain call; returns once no reader of the counters file is left. Harmless
        // if the file was never created.
        unsafe { bindings::ghes_rs_debugfs_remove() };
        drop(provider);
        if get().is_none() {
            return;
        }
        // SAFETY: plain call; afterwards no irq_work of ours is running or pending.
        unsafe { bindings::ghes_rs_irq_work_sync() };
        // SAFETY: plain call; no record is processed any more, so nothing is deferred; the
        // notifiers run for what was.
        unsafe { bindings::ghes_rs_vendor_stop() };
        let driver = DRIVER.swap(ptr::null_mut(), Ordering::AcqRel);
        if !driver.is_null() {
            // SAFETY: the pointer came from `KBox::into_raw` in `start`; nothing can reach it
            // any more (unpublished, handlers finished).
            drop(unsafe { KBox::from_raw(driver) });
        }
        // SAFETY: plain call, process context; no record is processed any more, so no AER
        // recovery is queued after it returns, and none queued before still needs us.
        unsafe { bindings::ghes_rs_aer_flush() };
    }

    /// The sources notified by `kind`, with their indices.
    fn sources_notified_by(
        &self,
        kind: NotifyKind,
    ) -> impl Iterator<Item = (u16, &ErrorSource)> + '_ {
        self.sources
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.notify == kind)
            .map(|(i, s)| (i as u16, s))
    }

    /// Queues the pending record of source `index`, if any, through `slot`, and the irq_work
    /// that will process it (see [`ErrorSource::queue_pending`] for `delivery` and `slot`).
    ///
    /// Context: any, including NMI-like; lock-free apart from `slot`'s lock.
    fn queue_source(
        &self,
        index: u16,
        source: &ErrorSource,
        delivery: Delivery,
        slot: FixmapSlot,
    ) -> Pending {
        let pending = source.queue_pending(index, delivery, &self.estatus, slot);
        if let Pending::Queued = pending {
            // SAFETY: plain call, NMI-safe.
            unsafe { bindings::ghes_rs_irq_work_queue() };
        }
        pending
    }

    /// Queues the pending records of every source notified by `kind`; returns whether any
    /// was queued.
    ///
    /// Context: any, including NMI-like; lock-free apart from the kind's own fixmap slot lock.
    fn queue_notified(&self, kind: NotifyKind, delivery: Delivery) -> bool {
        let mut queued = false;
        for (index, source) in self.sources_notified_by(kind) {
            let pending = self.queue_source(index, source, delivery, source.slot);
            queued |= matches!(pending, Pending::Queued);
        }
        queued
    }

    /// Records firmware left in the blocks before the driver was loaded (`ghes_probe()`'s
    /// `ghes_proc()`): queued like any other, processed by the irq_work.
    fn poll_pending_at_probe(&self) {
        for (index, source) in self.sources.iter().enumerate() {
            self.queue_source(
                index as u16,
                source,
                Delivery::Asynchronous,
                FixmapSlot::Irq,
            );
        }
        // SAFETY: plain call; process context.
        unsafe { bindings::ghes_rs_irq_work_sync() };
    }

    /// Processes every queued record in arrival order: recovery, report, accounting.
    ///
    /// Context: irq_work (hard IRQ), serialised by the shim.
    fn process_queue(&self) {
        for slot in self.estatus.queue().drain() {
            let Some((node, bytes)) = self.estatus.node(&slot) else {
                let _ = self.estatus.pool().free(slot);
                continue;
            };
            let source = self.sources.get(usize::from(node.source));
            let record = bytes.get(..node.len as usize);
            let (Some(source), Some(record)) = (source, record) else {
                let _ = self.estatus.pool().free(slot);
                continue;
            };
            let sync = node.sync != 0;
            let estatus = match Estatus::parse(record) {
                Ok(estatus) => estatus,
                Err(e) => {
                    source.counters.record_dropped_queued(DropReason::Malformed);
                    problem_log::warn(source.id, format_args!("record rejected: {}", e));
                    let _ = self.estatus.pool().free(slot);
                    continue;
                }
            };
            if self.process_record(source, &estatus, record, sync) {
                // SAFETY: `node.kick` lives in the slot, which stays allocated until
                // `ghes_rs_kick_run` frees it when the task_work has run.
                if unsafe { bindings::ghes_rs_kick_on_return(&mut node.kick) } {
                    continue;
                }
                // No user task to return to: queue the work with MF_ACTION_REQUIRED.
                recovery::run(source.id, &estatus, PageAction::QueueActionRequired);
            }
            let _ = self.estatus.pool().free(slot);
        }
    }

    /// Traces, recovers and reports one record; returns whether pages need
    /// memory_failure(MF_ACTION_REQUIRED) in the current task before it returns to user space
    /// ([`PageAction::ActNow`] from the task_work).
    fn process_record(
        &self,
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
        if sync && !acted && sev >= GhesSeverity::Recoverable {
            // SAFETY: plain call, in the task that took the synchronous error.
            unsafe { bindings::ghes_rs_sigbus_current(source.id) };
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
            |slot| {
                self.estatus
                    .cache_copy(slot)
                    .and_then(|c| c.get(..record.len()))
                    == Some(record)
            },
            |slot| {
                if let Some(copy) = self
                    .estatus
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

/// Shows `/sys/kernel/debug/ghes_rs/counters`: one line for the pool, one per source, as
/// `key=value` pairs (stable names, for scripts).
///
/// Context: process context (seq_file show).
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_counters_show(m: *mut core::ffi::c_void) {
    let Some(driver) = get() else { return };
    let line = |args: core::fmt::Arguments<'_>| {
        // SAFETY: `m` is the seq_file being shown (valid for this call); `args` is a
        // `core::fmt::Arguments` alive for the call, which `%pA` expects.
        unsafe { bindings::ghes_rs_seq_line(m, ptr::from_ref(&args).cast()) };
    };
    let layout = driver.estatus.layout();
    line(format_args!(
        "pool slots={} slot_size={} in_use={} vmalloc_bytes={}",
        layout.slots,
        layout.slot_size,
        driver.estatus.pool().in_use(),
        layout.vmalloc_bytes
    ));
    for source in driver.sources.iter() {
        let c = source.counters.snapshot();
        line(format_args!(
            "source={} notify={} queued={} processed={} dropped_pool_exhausted={} \
             dropped_malformed={} dropped_too_large={} dropped_after_queue={} \
             print_suppressed_duplicate={} print_suppressed_ratelimit={}",
            source.id,
            source.notify,
            c.queued,
            c.processed,
            c.dropped_pool_exhausted,
            c.dropped_malformed,
            c.dropped_too_large,
            c.dropped_after_queue,
            c.print_suppressed_duplicate,
            c.print_suppressed_ratelimit
        ));
    }
}

/// SEA hook (`struct apei_ghes_provider.notify_sea`): 0 if a record was queued.
///
/// Context: NMI (inside `apei_claim_sea()`'s `nmi_enter()`). No sleeping, no allocation; the
/// SEA fixmap slot lock is the only lock.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_sea() -> c_int {
    match get() {
        Some(driver) if driver.queue_notified(NotifyKind::Sea, Delivery::Synchronous) => 0,
        _ => ENOENT.to_errno(),
    }
}

/// SError hook (`struct apei_ghes_provider.notify_sei`): 0 if the SError was claimed.
///
/// The syndrome is classified first ([`SerrorSyndrome`]): records in the NOTIFY_SEI blocks
/// claim the SError only if the CPU can continue after it; after one the CPU cannot contain,
/// any record found is reported at KERN_EMERG, acknowledged, and the system panics. With no
/// record the SError is left to `do_serror()`'s own classification.
///
/// Context: NMI (`do_serror()`, between `arm64_enter_nmi()` and `arm64_exit_nmi()`). No
/// sleeping, no allocation; the SEI fixmap slot lock is the only lock.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_sei(
    _regs: *mut kernel::bindings::pt_regs,
    esr: core::ffi::c_ulong,
) -> c_int {
    let Some(driver) = get() else {
        return ENOENT.to_errno();
    };
    let syndrome = SerrorSyndrome::of(esr);
    // An SError is asynchronous: the interrupted task did not necessarily consume the error,
    // so it gets no SIGBUS and memory recovery is not MF_ACTION_REQUIRED (only SEA is a
    // synchronous notification, as in Linux's is_hest_sync_notify()).
    let delivery = if syndrome.claimable() {
        Delivery::Asynchronous
    } else {
        Delivery::Uncontainable
    };
    if driver.queue_notified(NotifyKind::Sei, delivery) && syndrome.claimable() {
        0
    } else {
        ENOENT.to_errno()
    }
}

/// SDEI event callback of the NOTIFY_SDEI source `index` (`sdei_event_callback`, through
/// the shim): returns whether its block held a record (queued or dropped). `critical` says
/// which priority firmware gave the event, hence which fixmap slot is used.
///
/// Context: NMI (`__sdei_handler()`); a critical event may interrupt a normal one on the
/// same CPU, which is why each priority has its own slot and lock. No sleeping, no
/// allocation.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_sdei(index: u16, critical: bool) -> bool {
    let Some(driver) = get() else { return false };
    let Some(source) = driver.sources.get(usize::from(index)) else {
        return false;
    };
    if source.notify != NotifyKind::SoftwareDelegated {
        return false;
    }
    let slot = if critical {
        FixmapSlot::SdeiCritical
    } else {
        FixmapSlot::SdeiNormal
    };
    match driver.queue_source(index, source, Delivery::Asynchronous, slot) {
        Pending::Queued | Pending::Dropped => true,
        Pending::Nothing => false,
    }
}

/// The Hardware Error Device was notified (ACPI 6.5 section 18.3.2.7.2, `PNP0C33`): look at
/// every NOTIFY_GPIO, NOTIFY_SCI and NOTIFY_GSIV source (Linux's `ghes_probe()` puts GSIV
/// sources on its HED list and never takes their vector: firmware that notifies them through
/// the HED, such as HiSilicon Hi1620's with vector 0, relies on that). Returns whether any
/// block held a record.
///
/// Context: process context (the HED notifier chain runs from the ACPI notify workqueue).
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_hed() -> bool {
    let Some(driver) = get() else { return false };
    let mut found = false;
    for (index, source) in driver.sources.iter().enumerate() {
        if matches!(
            source.notify,
            NotifyKind::Gpio | NotifyKind::Sci | NotifyKind::Gsiv
        ) {
            let pending = driver.queue_source(
                index as u16,
                source,
                Delivery::Asynchronous,
                FixmapSlot::Irq,
            );
            found |= !matches!(pending, Pending::Nothing);
        }
    }
    found
}

/// A polled, external-interrupt or GSIV source was notified: queue its record, if any.
/// Returns whether the block held one (handled or dropped), for IRQ_HANDLED.
///
/// Context: timer (softirq) or hard IRQ; the IRQ fixmap slot's lock masks interrupts.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_source(index: u16) -> bool {
    let Some(driver) = get() else { return false };
    let Some(source) = driver.sources.get(usize::from(index)) else {
        return false;
    };
    match driver.queue_source(index, source, Delivery::Asynchronous, source.slot) {
        Pending::Queued | Pending::Dropped => true,
        Pending::Nothing => false,
    }
}

/// The published driver's sources (for starting their notifications).
pub(crate) fn sources() -> &'static [ErrorSource] {
    get().map_or(&[], |d| &d.sources[..])
}

/// The irq_work: processes the queue. Context: hard IRQ, serialised by the shim.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_proc_in_irq() {
    if let Some(driver) = get() {
        driver.process_queue();
    }
}

/// The task_work of a synchronous error, in the task that consumed it, before it returns to
/// user space: memory_failure(MF_ACTION_REQUIRED) for its pages, so that this task gets the
/// SIGBUS; then the record's slot is freed.
///
/// Context: process context (task_work), may sleep.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kick_run(kick: *mut GhesRsKick) {
    let Some(driver) = get() else { return };
    let Some(slot) = driver.estatus.slot_of_kick(kick) else {
        return;
    };
    if let Some((node, bytes)) = driver.estatus.node(&slot) {
        let source = driver.sources.get(usize::from(node.source));
        let record = bytes.get(..node.len as usize);
        if let (Some(source), Some(Ok(estatus))) = (source, record.map(Estatus::parse)) {
            recovery::run(source.id, &estatus, PageAction::ActNow);
        }
    }
    let _ = driver.estatus.pool().free(slot);
}
