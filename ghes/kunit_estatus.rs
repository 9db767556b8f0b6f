// SPDX-License-Identifier: GPL-2.0

//! Entry points for the KUnit suite `ghes_rs_estatus` (`ghes/estatus_kunit.c`): a private
//! estatus pool that the C test cases fill from hard-IRQ and NMI context on every CPU.
//!
//! Built only with `CONFIG_KUNIT`. Each function's pointer argument is the one
//! [`ghes_rs_kunit_pool_new`] returned, until [`ghes_rs_kunit_pool_free`].

use core::ffi::c_void;
use core::sync::atomic::{AtomicU32, Ordering};

use kernel::alloc::{flags::GFP_KERNEL, KBox};

use crate::estatus::{NmiSourceSizing, SourceCounters};
use crate::estatus_pool::EstatusPool;

/// Bytes of each synthetic record: a sequence number and padding.
const RECORD_LEN: u32 = 64;

/// A pool with its own counters and record numbering.
struct TestPool {
    estatus: EstatusPool,
    counters: SourceCounters,
    next_seq: AtomicU32,
}

/// # Safety
///
/// `pool` is a pointer [`ghes_rs_kunit_pool_new`] returned and not yet freed.
unsafe fn test_pool<'a>(pool: *mut c_void) -> &'a TestPool {
    // SAFETY: by the function's safety requirement.
    unsafe { &*pool.cast::<TestPool>() }
}

/// Creates a pool sized for one NMI-like source with 4 records to preallocate (8 slots);
/// stores the slot count in `*slots`. Returns NULL on allocation failure.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_pool_new(slots: *mut u32) -> *mut c_void {
    let sizing = [NmiSourceSizing {
        error_block_length: RECORD_LEN,
        records_to_preallocate: 4,
    }];
    // One queue that every CPU's producer shares: the suite tests the queue itself.
    let Ok(estatus) = EstatusPool::new(sizing, 1) else {
        return core::ptr::null_mut();
    };
    let count = estatus.layout().slots;
    let Ok(pool) = KBox::new(
        TestPool {
            estatus,
            counters: SourceCounters::new(),
            next_seq: AtomicU32::new(0),
        },
        GFP_KERNEL,
    ) else {
        return core::ptr::null_mut();
    };
    // SAFETY: the C caller passes a valid pointer to a `u32`.
    unsafe { *slots = count };
    KBox::into_raw(pool).cast()
}

/// Offers `offers` numbered records; returns how many were queued (the rest are counted as
/// dropped). Context: any, including NMI: the same lock-free path the SEA handler uses.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_fill(pool: *mut c_void, offers: u32) -> u32 {
    // SAFETY: the C caller passes the pointer `ghes_rs_kunit_pool_new` returned.
    let p = unsafe { test_pool(pool) };
    let mut queued = 0;
    for _ in 0..offers {
        let seq = p.next_seq.fetch_add(1, Ordering::Relaxed);
        let Ok(slot) = p.estatus.pool().reserve(RECORD_LEN, &p.counters) else {
            continue;
        };
        let Some((node, bytes)) = p.estatus.node(&slot) else {
            let _ = p.estatus.pool().free(slot);
            continue;
        };
        node.len = RECORD_LEN;
        if let Some(head) = bytes.get_mut(..4) {
            head.copy_from_slice(&seq.to_le_bytes());
        }
        let Some(queue) = p.estatus.queue_on(0) else {
            let _ = p.estatus.pool().free(slot);
            continue;
        };
        match queue.enqueue(slot, &p.counters) {
            Ok(_) => queued += 1,
            Err(slot) => {
                let _ = p.estatus.pool().free(slot);
            }
        }
    }
    queued
}

/// Drains the queue, counting each record processed and freeing its slot; returns how many.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_drain(pool: *mut c_void) -> u32 {
    // SAFETY: the C caller passes the pointer `ghes_rs_kunit_pool_new` returned.
    let p = unsafe { test_pool(pool) };
    let mut drained = 0;
    for slot in p.estatus.queue_on(0).into_iter().flat_map(|q| q.drain()) {
        p.counters.record_processed();
        let _ = p.estatus.pool().free(slot);
        drained += 1;
    }
    drained
}

/// Drains like [`ghes_rs_kunit_drain`] and checks the sequence numbers rise by one; returns
/// the count, or -1 at the first record out of order.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_drain_in_order(pool: *mut c_void) -> i32 {
    // SAFETY: the C caller passes the pointer `ghes_rs_kunit_pool_new` returned.
    let p = unsafe { test_pool(pool) };
    let mut expected: Option<u32> = None;
    let mut in_order = true;
    let mut drained = 0i32;
    for slot in p.estatus.queue_on(0).into_iter().flat_map(|q| q.drain()) {
        if let Some((_, bytes)) = p.estatus.node(&slot) {
            let mut seq = [0u8; 4];
            seq.copy_from_slice(bytes.get(..4).unwrap_or(&[0xff; 4]));
            let seq = u32::from_le_bytes(seq);
            in_order &= expected.map_or(true, |e| e == seq);
            expected = seq.checked_add(1);
        }
        p.counters.record_processed();
        let _ = p.estatus.pool().free(slot);
        drained += 1;
    }
    if in_order {
        drained
    } else {
        -1
    }
}

/// Writes queued, processed, dropped (pool exhausted) and slots in use to `out[0..4]`.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_counters(pool: *mut c_void, out: *mut u64) {
    // SAFETY: the C caller passes the pointer `ghes_rs_kunit_pool_new` returned.
    let p = unsafe { test_pool(pool) };
    let c = p.counters.snapshot();
    let values = [
        c.queued,
        c.processed,
        c.dropped_pool_exhausted,
        u64::from(p.estatus.pool().in_use()),
    ];
    for (i, v) in values.iter().enumerate() {
        // SAFETY: the C caller passes an array of `GHES_RS_KUNIT_COUNTERS` (4) `u64`s.
        unsafe { *out.add(i) = *v };
    }
}

/// Frees a pool made by [`ghes_rs_kunit_pool_new`]; nothing may use it afterwards.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_pool_free(pool: *mut c_void) {
    // SAFETY: `pool` came from `KBox::into_raw` in `ghes_rs_kunit_pool_new`, freed once.
    drop(unsafe { KBox::from_raw(pool.cast::<TestPool>()) });
}
