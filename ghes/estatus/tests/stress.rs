// SPDX-License-Identifier: GPL-2.0
//! Host stress tests: producer threads and one consumer thread move 1,000,000 records per test
//! (release build) through alloc -> push -> drain -> free, checking exclusive slot ownership
//! (an owner tag per slot), per-producer arrival order, no loss, and exact per-source
//! accounting (queued + dropped == offered, with every drop reason exercised).
//!
//! Two shapes: a small pool that is exhausted all the time (drop path, fast slot reuse), and a
//! large pool where producers rarely wait, so their pushes collide on the queue head.

use estatus::{DropReason, Pool, Queue, SourceCounters};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

const CAPACITY: u32 = 256;
/// Records queued per test: 1,000,000 in release; fewer in debug builds so
/// `cargo test --workspace` stays quick.
const RECORDS: u64 = if cfg!(debug_assertions) {
    40_000
} else {
    1_000_000
};
/// Every 1000th offer is too large for a slot, every 777th is malformed; the consumer rejects
/// every 4999th queued record (as a record found malformed only when parsed).
const TOO_LARGE_EVERY: u64 = 1000;
const MALFORMED_EVERY: u64 = 777;
const REJECTED_EVERY: u64 = 4999;

const FREE: u64 = 0;

/// Runs a closure when dropped, also while unwinding: a panicking thread still signals the
/// others, so a failure ends the test instead of hanging it.
struct OnDrop<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

fn tag(producer: usize, seq: u64) -> u64 {
    ((producer as u64 + 1) << 40) | seq
}

#[test]
fn stress_small_pool_four_producers() {
    run(64, 4);
}

#[test]
fn stress_large_pool_eight_producers() {
    run(1024, 8);
}

fn run(slots: u32, producers: usize) {
    let per_producer = RECORDS / producers as u64;
    let bitmap: Vec<AtomicUsize> = (0..estatus::bitmap_words(slots))
        .map(|_| AtomicUsize::new(0))
        .collect();
    let links: Vec<AtomicUsize> = (0..slots).map(|_| AtomicUsize::new(0)).collect();
    let pool = Pool::new(&bitmap, slots, CAPACITY).unwrap();
    let queue = Queue::new(&links, slots).unwrap();
    let counters: Vec<SourceCounters> = (0..producers).map(|_| SourceCounters::new()).collect();
    // Per slot: who owns it now (checked on every hand-over) and the record's "bytes".
    let owner: Vec<AtomicU64> = (0..slots).map(|_| AtomicU64::new(FREE)).collect();
    let payload: Vec<AtomicU64> = (0..slots).map(|_| AtomicU64::new(0)).collect();
    let offered: Vec<AtomicU64> = (0..producers).map(|_| AtomicU64::new(0)).collect();
    let producers_done = AtomicUsize::new(0);
    let consumer_done = AtomicBool::new(false);
    let abort = AtomicBool::new(false);
    let start = Instant::now();

    let received = std::thread::scope(|s| {
        for p in 0..producers {
            let (pool, queue, counters, owner, payload, offered) =
                (&pool, &queue, &counters[p], &owner, &payload, &offered[p]);
            let (producers_done, abort) = (&producers_done, &abort);
            s.spawn(move || {
                let _done = OnDrop(|| {
                    producers_done.fetch_add(1, Ordering::Release);
                });
                let mut seq = 0u64;
                let mut offers = 0u64;
                while seq < per_producer && !abort.load(Ordering::Relaxed) {
                    offers += 1;
                    if offers.is_multiple_of(MALFORMED_EVERY) {
                        counters.record_dropped(DropReason::Malformed);
                        continue;
                    }
                    let len = if offers.is_multiple_of(TOO_LARGE_EVERY) {
                        CAPACITY + 1
                    } else {
                        CAPACITY
                    };
                    match pool.reserve(len, counters) {
                        Ok(slot) => {
                            let i = slot.index() as usize;
                            let me = tag(p, seq);
                            let was = owner[i].swap(me, Ordering::Relaxed);
                            assert_eq!(was, FREE, "slot {i} allocated twice");
                            payload[i].store(me, Ordering::Relaxed);
                            queue.enqueue(slot, counters).unwrap();
                            seq += 1;
                        }
                        Err(e) if e.reason() == DropReason::PoolExhausted => {
                            std::thread::yield_now();
                        }
                        Err(e) => assert_eq!(e.reason(), DropReason::TooLarge),
                    }
                }
                offered.store(offers, Ordering::Relaxed);
            });
        }
        let consumer = s.spawn(|| {
            let _abort = OnDrop(|| {
                if std::thread::panicking() {
                    abort.store(true, Ordering::Relaxed);
                }
            });
            let mut next_seq = vec![0u64; producers];
            let mut drains = 0u64;
            loop {
                let finished = producers_done.load(Ordering::Acquire) == producers;
                let mut got = 0;
                for slot in queue.drain() {
                    let i = slot.index() as usize;
                    let v = payload[i].load(Ordering::Relaxed);
                    let p = ((v >> 40) - 1) as usize;
                    let seq = v & ((1 << 40) - 1);
                    assert!(p < producers, "slot {i}: bad payload {v:#x}");
                    assert_eq!(seq, next_seq[p], "producer {p}: out of order or lost");
                    next_seq[p] += 1;
                    let was = owner[i].swap(FREE, Ordering::Relaxed);
                    assert_eq!(was, v, "slot {i}: owner tag does not match its record");
                    if (seq + 1).is_multiple_of(REJECTED_EVERY) {
                        counters[p].record_dropped_queued(DropReason::Malformed);
                    } else {
                        counters[p].record_processed();
                    }
                    pool.free(slot).unwrap();
                    got += 1;
                }
                drains += 1;
                if finished && got == 0 {
                    break;
                }
                if got == 0 {
                    assert!(
                        start.elapsed().as_secs() < 120,
                        "stuck: producers never finished"
                    );
                    std::thread::yield_now();
                }
            }
            consumer_done.store(true, Ordering::Release);
            (next_seq, drains)
        });
        consumer.join().unwrap()
    });
    let elapsed = start.elapsed();
    let (next_seq, drains) = received;

    assert!(consumer_done.load(Ordering::Acquire));
    assert!(queue.is_empty());
    assert_eq!(pool.in_use(), 0);
    assert!(owner.iter().all(|o| o.load(Ordering::Relaxed) == FREE));
    let mut total = 0;
    for p in 0..producers {
        let s = counters[p].snapshot();
        let offers = offered[p].load(Ordering::Relaxed);
        assert_eq!(next_seq[p], per_producer, "producer {p}: records lost");
        let rejected = per_producer / REJECTED_EVERY;
        assert_eq!(s.queued, per_producer);
        assert_eq!(s.processed, per_producer - rejected);
        assert_eq!(s.dropped_after_queue, rejected);
        assert_eq!(s.in_flight(), 0);
        assert_eq!(s.offered(), offers, "producer {p}: {s}");
        // Every offer settled exactly once: processed, or dropped with a reason.
        assert_eq!(s.processed + s.dropped(), offers);
        assert_eq!(s.queued + s.dropped() - s.dropped_after_queue, offers);
        assert_eq!(s.dropped_malformed, offers / MALFORMED_EVERY + rejected);
        // Too-large offers are those divisible by 1000 but not by 777.
        let too_large = offers / TOO_LARGE_EVERY - offers / (TOO_LARGE_EVERY * MALFORMED_EVERY);
        assert_eq!(s.dropped_too_large, too_large, "producer {p}");
        total += s.queued;
    }
    if !cfg!(debug_assertions) {
        assert!(total >= 1_000_000);
    }
    eprintln!(
        "stress ({slots} slots, {producers} producers): {total} records through \
         alloc/push/drain/free in {elapsed:?} ({drains} drains)"
    );
}
