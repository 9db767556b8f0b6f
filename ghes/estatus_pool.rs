// SPDX-License-Identifier: GPL-2.0

//! The vmalloc-backed estatus pool and queue that hand records from NMI-like notifications
//! (SEA, SEI, SDEI) to irq_work: the kernel half of `ghes/estatus/` (the algorithms).
//!
//! Memory map of the vmalloc region (`estatus::PoolLayout`): `slots` slots of `slot_size`
//! bytes, each a [`NodeHeader`] then the record, followed by the duplicate cache's copies.
//! A slot's bytes belong to whoever holds its `estatus::Slot` token, so producers on any CPU
//! or nesting level and the consumer never touch the same bytes at the same time.
//!
//! One pool, one queue per CPU: a record goes onto the queue of the CPU whose notification
//! found it, and that CPU's irq_work drains it ([`crate::pinned_cpu`]). The queues share one
//! link word per slot: a slot is on at most one queue at a time.

use core::mem::size_of;
use core::sync::atomic::AtomicUsize;

use kernel::alloc::{flags::GFP_KERNEL, KBox};
use kernel::prelude::*;

use crate::bindings::{self, GhesRsKick};
use crate::estatus::{size_for, CacheSlot, NmiSourceSizing, Pool, PoolLayout, Queue, Slot};

/// What the glue keeps in front of each queued record.
#[repr(C)]
pub(crate) struct NodeHeader {
    /// task_work storage for a synchronous error's memory_failure kick.
    pub(crate) kick: GhesRsKick,
    /// Index of the source in the driver's source list.
    pub(crate) source: u16,
    /// Non-zero if the notification was synchronous (SEA, SEI).
    pub(crate) sync: u16,
    /// Length of the record after the header.
    pub(crate) len: u32,
}

/// The pool's bookkeeping words, exactly as many as the layout needs (up to 4096 slots for
/// a HEST with that many NMI-like sources), with a `'static` home for the module's lifetime.
struct Storage {
    bitmap: KVec<AtomicUsize>,
    links: KVec<AtomicUsize>,
}

/// `len` zeroed atomic words. Process context, may sleep.
fn zeroed_words(len: usize) -> Result<KVec<AtomicUsize>> {
    let mut words = KVec::with_capacity(len, GFP_KERNEL)?;
    for _ in 0..len {
        words.push(AtomicUsize::new(0), GFP_KERNEL)?;
    }
    Ok(words)
}

/// `cpus` empty queues over the same `links` (a slot is on at most one queue at a time).
/// Context: process context, may sleep.
fn per_cpu_queues(
    links: &'static [AtomicUsize],
    slots: u32,
    cpus: u32,
) -> Result<KVec<Queue<'static>>> {
    let mut queues = KVec::with_capacity(cpus as usize, GFP_KERNEL)?;
    for _ in 0..cpus {
        let queue = Queue::new(links, slots).map_err(|e| {
            pr_err!("cannot set up the estatus queues: {}\n", e);
            EINVAL
        })?;
        queues.push(queue, GFP_KERNEL)?;
    }
    Ok(queues)
}

/// The pool, its per-CPU queues and its memory.
///
/// # Invariants
///
/// `mem` is a vmalloc allocation of `layout.vmalloc_bytes` bytes, page aligned, owned by this
/// object; `storage` points to a leaked `KBox<Storage>` owned by this object, which `pool`
/// and `queues` borrow for `'static` (they never outlive `self`: [`Drop`] frees both last).
pub(crate) struct EstatusPool {
    layout: PoolLayout,
    mem: *mut u8,
    storage: *mut Storage,
    pool: Pool<'static>,
    queues: KVec<Queue<'static>>,
}

// SAFETY: the bookkeeping is atomics; slot bytes are accessed only by the holder of the slot's
// token (see the module documentation), from any CPU.
unsafe impl Send for EstatusPool {}
// SAFETY: as above; every `&self` method is safe to call concurrently from any context.
unsafe impl Sync for EstatusPool {}

impl EstatusPool {
    /// Sizes and allocates the pool for `sources`, with a queue for each of `cpus` CPUs.
    /// Context: process context, may sleep.
    pub(crate) fn new(
        sources: impl IntoIterator<Item = NmiSourceSizing>,
        cpus: u32,
    ) -> Result<Self> {
        let layout = size_for(
            sources,
            size_of::<NodeHeader>() as u32,
            kernel::page::PAGE_SIZE,
        )
        .map_err(|e| {
            pr_err!("cannot size the estatus pool: {}\n", e);
            EINVAL
        })?;
        let storage = KBox::new(
            Storage {
                bitmap: zeroed_words(layout.bitmap_words)?,
                links: zeroed_words(layout.link_words)?,
            },
            GFP_KERNEL,
        )?;
        let storage = KBox::into_raw(storage);
        // SAFETY: just leaked; freed only in `Drop` (or below on error), after `pool` and
        // `queue` are gone.
        let words: &'static Storage = unsafe { &*storage };
        let free_storage = || {
            // SAFETY: `storage` came from `KBox::into_raw` and nothing borrows it any more.
            drop(unsafe { KBox::from_raw(storage) });
        };
        let pool = match Pool::new(&words.bitmap, layout.slots, layout.record_capacity) {
            Ok(pool) => pool,
            Err(e) => {
                free_storage();
                pr_err!("cannot set up the estatus pool: {}\n", e);
                return Err(EINVAL);
            }
        };
        let queues = match per_cpu_queues(&words.links, layout.slots, cpus) {
            Ok(queues) => queues,
            Err(e) => {
                free_storage();
                return Err(e);
            }
        };
        // SAFETY: plain allocation call.
        let mem = unsafe { bindings::ghes_rs_vmalloc(layout.vmalloc_bytes as _) }.cast::<u8>();
        if mem.is_null() {
            free_storage();
            return Err(ENOMEM);
        }
        // INVARIANT: `mem` and `storage` are owned from here on.
        Ok(Self {
            layout,
            mem,
            storage,
            pool,
            queues,
        })
    }

    /// The layout (sizes) chosen at probe.
    pub(crate) fn layout(&self) -> &PoolLayout {
        &self.layout
    }

    /// The allocator. Lock-free; safe from NMI-like context.
    pub(crate) fn pool(&self) -> &Pool<'static> {
        &self.pool
    }

    /// CPU `cpu`'s queue to its irq_work. Lock-free; safe from NMI-like context.
    pub(crate) fn queue_on(&self, cpu: u32) -> Option<&Queue<'static>> {
        self.queues.get(cpu as usize)
    }

    /// Every CPU's queue (to print what is queued before a fatal panic).
    pub(crate) fn queues(&self) -> impl Iterator<Item = &Queue<'static>> {
        self.queues.iter()
    }

    /// The node header and record bytes of the slot `slot` stands for.
    ///
    /// The returned references must not outlive the caller's ownership of `slot` (the token
    /// is exclusive, so no other context can reach these bytes meanwhile).
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn node(&self, slot: &Slot) -> Option<(&mut NodeHeader, &mut [u8])> {
        let range = self.layout.slot_range(slot.index())?;
        let record = self.layout.record_range(slot.index())?;
        // SAFETY: `range` lies inside the `vmalloc_bytes` allocation (the layout guarantees
        // it); slots start at multiples of `slot_size`, a multiple of 8, from a page-aligned
        // base, so the header is aligned; the slot token grants exclusive access.
        let header = unsafe { &mut *self.mem.add(range.start).cast::<NodeHeader>() };
        // SAFETY: `record` lies inside the same slot, after the header, and is exclusive to
        // the token holder like the header.
        let bytes =
            unsafe { core::slice::from_raw_parts_mut(self.mem.add(record.start), record.len()) };
        Some((header, bytes))
    }

    /// The duplicate cache's copy area for cache slot `slot`.
    ///
    /// Only the record consumer uses these copies, and the shim serialises it, so no two
    /// references to the same copy are alive at once.
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn cache_copy(&self, slot: CacheSlot) -> Option<&mut [u8]> {
        let range = self.layout.cache_copy_range(slot)?;
        // SAFETY: `range` lies inside the allocation, after the slots; the consumer, the only
        // user, is serialised (see above).
        Some(unsafe { core::slice::from_raw_parts_mut(self.mem.add(range.start), range.len()) })
    }

    /// The slot whose node header holds `kick` (for the task_work completion).
    pub(crate) fn slot_of_kick(&self, kick: *const GhesRsKick) -> Option<Slot> {
        let offset = (kick as usize).checked_sub(self.mem as usize)?;
        let index = offset.checked_div(self.layout.slot_size as usize)?;
        self.pool.slot_from_raw(u32::try_from(index).ok()?).ok()
    }
}

impl Drop for EstatusPool {
    fn drop(&mut self) {
        // SAFETY: by the type invariant `mem` is our vmalloc allocation; nothing uses it now
        // (the driver stops every producer and consumer before dropping the pool).
        unsafe { bindings::ghes_rs_vfree(self.mem.cast()) };
        // SAFETY: `storage` came from `KBox::into_raw`; `pool` and `queues`, which borrow it,
        // are dropped right after this function without being used again.
        drop(unsafe { KBox::from_raw(self.storage) });
    }
}
