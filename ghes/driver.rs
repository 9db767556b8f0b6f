// SPDX-License-Identifier: GPL-2.0

//! The running driver: the probed error sources, the estatus pool and the consumer,
//! published for the C entry points, which take no argument; started and stopped with the
//! module. Notifications find their source here and have its record queued
//! ([`Driver::queue_source`]); the irq_work and the task_work enter the consumer from here.

use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

use kernel::alloc::{flags::GFP_KERNEL, KBox, KVec};
use kernel::error::to_result;
use kernel::prelude::*;

use crate::bindings::{self, GhesRsKick};
use crate::consumer::{self, Consumer};
use crate::error_source::{Delivery, ErrorSource, Pending};
use crate::estatus::NmiSourceSizing;
use crate::estatus_pool::EstatusPool;
use crate::fixmap_slot::FixmapSlot;
use crate::hest::NotifyKind;
use crate::pinned_cpu::PinnedCpu;
use crate::provider::ProviderRegistration;

/// Everything the notification handlers use; immutable once published.
pub(crate) struct Driver {
    sources: KVec<ErrorSource>,
    estatus: EstatusPool,
    consumer: Consumer,
}

/// The published driver, for the C entry points, which take no argument.
static DRIVER: AtomicPtr<Driver> = AtomicPtr::new(ptr::null_mut());

/// What the sources of one notification kind held ([`Driver::queue_notified`]).
#[derive(Default)]
pub(crate) struct Notified {
    /// A record was queued for irq_work.
    pub(crate) queued: bool,
    /// A record firmware wrote since the last look was found, queued or dropped
    /// ([`Pending::is_fresh`]).
    pub(crate) fresh: bool,
}

/// Set when a handler firmware may still call could not be stopped (an SDEI event that did
/// not unregister): the driver is then never freed, as Linux's `ghes_remove()` leaks its
/// `struct ghes` in the same case.
static HANDLER_STUCK: AtomicBool = AtomicBool::new(false);

/// Records that a notification handler could not be stopped and may still run and use the
/// driver: [`Driver::stop`] then leaks the driver instead of freeing it. Process context.
pub(crate) fn handler_stuck() {
    HANDLER_STUCK.store(true, Ordering::Relaxed);
}

/// Whether a synchronous error may be finished by task_work in the task that took it: only
/// once the module's init has succeeded. A task_work holds a reference on the module, but a
/// module whose init fails is freed whatever its references, with the estatus pool the
/// task_work's storage lives in. Until then a synchronous error's memory_failure() is queued
/// to the kernel's worker instead (it copies what it needs).
static TASK_WORK_OPEN: AtomicBool = AtomicBool::new(false);

/// Lets synchronous errors use task_work from now on: the module's init has succeeded and
/// nothing after this can fail it. Process context.
pub(crate) fn open_task_work() {
    TASK_WORK_OPEN.store(true, Ordering::Release);
}

/// Whether [`open_task_work`] was called. Context: any.
pub(crate) fn task_work_open() -> bool {
    TASK_WORK_OPEN.load(Ordering::Acquire)
}

/// The published driver, if any. Context: any.
pub(crate) fn get() -> Option<&'static Driver> {
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
        // SAFETY: plain call.
        let cpus = unsafe { bindings::ghes_rs_nr_cpu_ids() };
        let estatus = EstatusPool::new(sizing, cpus)?;
        let layout = estatus.layout();
        pr_info!(
            "estatus pool: {} slots of {} bytes, {} bytes vmalloc'd\n",
            layout.slots,
            layout.slot_size,
            layout.vmalloc_bytes
        );
        // SAFETY: plain call; process context.
        unsafe { bindings::ghes_rs_trace_init() };
        // SAFETY: plain call, process context; nothing can queue a record before `DRIVER` is
        // published below.
        unsafe { bindings::ghes_rs_irq_works_init() };
        let driver = KBox::new(
            Driver {
                sources,
                estatus,
                consumer: Consumer::new(),
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
        if HANDLER_STUCK.load(Ordering::Relaxed) {
            // A handler that did not unregister may be running on another CPU with the
            // driver in hand: leak it rather than free it under that handler.
            pr_crit!("a notification handler could not be stopped: the driver's memory is leaked on purpose; reboot before loading ghes_rs again\n");
        } else if !driver.is_null() {
            // SAFETY: the pointer came from `KBox::into_raw` in `start`; nothing can reach it
            // any more (unpublished, handlers finished or, by `HANDLER_STUCK`, none stuck).
            drop(unsafe { KBox::from_raw(driver) });
        }
        // SAFETY: plain call, process context; no record is processed any more, so no AER
        // recovery is queued after it returns, and none queued before still needs us.
        unsafe { bindings::ghes_rs_aer_flush() };
    }

    /// The source at `index` in the driver's list.
    pub(crate) fn source(&self, index: u16) -> Option<&ErrorSource> {
        self.sources.get(usize::from(index))
    }

    /// The sources with their indices, in the driver's order.
    pub(crate) fn indexed_sources(&self) -> impl Iterator<Item = (u16, &ErrorSource)> + '_ {
        self.sources.iter().enumerate().map(|(i, s)| (i as u16, s))
    }

    /// The sources notified by `kind`, with their indices.
    fn sources_notified_by(
        &self,
        kind: NotifyKind,
    ) -> impl Iterator<Item = (u16, &ErrorSource)> + '_ {
        self.indexed_sources()
            .filter(move |(_, s)| s.notify == kind)
    }

    /// Queues the pending record of source `index`, if any, through `slot`, on this CPU's
    /// queue, and this CPU's irq_work that will process it (see
    /// [`ErrorSource::queue_pending`] for `delivery` and `slot`). A synchronous error's record
    /// is thus processed in the task that took it, before it returns to user space: arm64's
    /// SEA entry runs this CPU's irq_work before returning (patch 0002).
    ///
    /// Context: any, including NMI-like; lock-free apart from `slot`'s lock.
    #[inline]
    pub(crate) fn queue_source(
        &self,
        index: u16,
        source: &ErrorSource,
        delivery: Delivery,
        slot: FixmapSlot,
    ) -> Pending {
        let cpu = PinnedCpu::new();
        let pending = self.queue_source_on(&cpu, index, source, delivery, slot);
        if pending.is_queued() {
            cpu.raise_irq_work();
        }
        pending
    }

    /// [`Driver::queue_source`] on a CPU the caller pinned, without raising the irq_work:
    /// the caller raises it once for all the sources it queued.
    ///
    /// Context: any, including NMI-like; lock-free apart from `slot`'s lock.
    #[inline]
    fn queue_source_on(
        &self,
        cpu: &PinnedCpu,
        index: u16,
        source: &ErrorSource,
        delivery: Delivery,
        slot: FixmapSlot,
    ) -> Pending {
        source.queue_pending(index, delivery, &self.estatus, slot, cpu, || {
            consumer::print_queued(&self.estatus, &self.sources)
        })
    }

    /// Queues the pending records of every source notified by `kind`, pinning this CPU once
    /// for them all (not once per source: a SEA walks every SEA source) and raising its
    /// irq_work once if any record was queued.
    ///
    /// Context: any, including NMI-like; lock-free apart from the kind's own fixmap slot lock.
    pub(crate) fn queue_notified(&self, kind: NotifyKind, delivery: Delivery) -> Notified {
        let mut found = Notified::default();
        let cpu = PinnedCpu::new();
        for (index, source) in self.sources_notified_by(kind) {
            let pending = self.queue_source_on(&cpu, index, source, delivery, source.slot);
            found.queued |= pending.is_queued();
            found.fresh |= pending.is_fresh();
        }
        if found.queued {
            cpu.raise_irq_work();
        }
        found
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
            "source={} notify={} {}",
            source.id,
            source.notify,
            c.as_pairs()
        ));
    }
}

impl Driver {
    /// The estatus pool, for reports of its use. Context: any.
    pub(crate) fn estatus(&self) -> &EstatusPool {
        &self.estatus
    }
}

/// The published driver's sources (for starting their notifications).
pub(crate) fn sources() -> &'static [ErrorSource] {
    get().map_or(&[], |d| &d.sources[..])
}

/// CPU `cpu`'s irq_work: the consumer processes that CPU's queue. Context: hard IRQ on `cpu`
/// (or its irq_work thread on PREEMPT_RT), serialised by the shim.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_proc_in_irq(cpu: core::ffi::c_uint) {
    if let Some(driver) = get() {
        driver
            .consumer
            .process_queue(&driver.estatus, &driver.sources, cpu);
    }
}

/// The task_work of a synchronous error (`mm_hooks::act_on_return()`), in the task that
/// consumed it, before it returns to user space: see [`consumer::act_now`].
///
/// Context: process context (task_work), may sleep.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kick_run(kick: *mut GhesRsKick) {
    if let Some(driver) = get() {
        consumer::act_now(&driver.estatus, &driver.sources, kick);
    }
}
