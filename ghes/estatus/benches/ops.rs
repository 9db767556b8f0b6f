// SPDX-License-Identifier: GPL-2.0
//! Host nanoseconds per pool/queue operation: `cargo bench -p estatus --bench ops`.
//!
//! Single thread, no contention: the cost of the atomics themselves. Each round allocates a
//! batch of slots, pushes them, drains them and frees them; every phase is timed on its own.

use estatus::{CacheKey, DuplicateCache, Pool, Queue, RateLimit};
use std::hint::black_box;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

const SLOTS: u32 = 64;
const BATCH: usize = 32;
const ROUNDS: usize = 100_000;

fn per_op(total: Duration, ops: usize) -> f64 {
    total.as_nanos() as f64 / ops as f64
}

fn main() {
    let bitmap: Vec<AtomicUsize> = (0..estatus::bitmap_words(SLOTS))
        .map(|_| AtomicUsize::new(0))
        .collect();
    let links: Vec<AtomicUsize> = (0..SLOTS).map(|_| AtomicUsize::new(0)).collect();
    let pool = Pool::new(&bitmap, SLOTS, 1024).unwrap();
    let queue = Queue::new(&links, SLOTS).unwrap();
    // Keep half the pool in use so `alloc` scans past taken bits, as under load.
    let held: Vec<_> = (0..BATCH / 2).map(|_| pool.alloc().unwrap()).collect();

    let (mut t_alloc, mut t_push, mut t_drain, mut t_free) = Default::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut drained = Vec::with_capacity(BATCH);
    let all = Instant::now();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        for _ in 0..BATCH {
            batch.push(pool.alloc().unwrap());
        }
        t_alloc += t.elapsed();
        let t = Instant::now();
        for slot in batch.drain(..) {
            black_box(queue.push(slot).unwrap());
        }
        t_push += t.elapsed();
        let t = Instant::now();
        drained.extend(queue.drain());
        t_drain += t.elapsed();
        let t = Instant::now();
        for slot in drained.drain(..) {
            pool.free(slot).unwrap();
        }
        t_free += t.elapsed();
    }
    let t_all = all.elapsed();
    for slot in held {
        pool.free(slot).unwrap();
    }

    let cache = DuplicateCache::new();
    let record = [0x5au8; 256];
    let key = CacheKey::of(&record);
    let _ = cache.insert(key, 0, |_| {});
    let t = Instant::now();
    for i in 0..ROUNDS {
        black_box(cache.lookup(black_box(key), i as u64, |_| true));
    }
    let t_lookup = t.elapsed();
    let t = Instant::now();
    for _ in 0..ROUNDS {
        black_box(CacheKey::of(black_box(&record)));
    }
    let t_key = t.elapsed();
    let limit = RateLimit::new(5_000_000_000, 2);
    let t = Instant::now();
    for i in 0..ROUNDS {
        black_box(limit.check(i as u64));
    }
    let t_limit = t.elapsed();

    let ops = ROUNDS * BATCH;
    println!("estatus host ns per op ({ops} records, batches of {BATCH}, 1 thread):");
    println!("  alloc          {:6.1} ns", per_op(t_alloc, ops));
    println!("  push           {:6.1} ns", per_op(t_push, ops));
    println!(
        "  drain          {:6.1} ns per record",
        per_op(t_drain, ops)
    );
    println!("  free           {:6.1} ns", per_op(t_free, ops));
    println!(
        "  whole cycle    {:6.1} ns per record (timers included)",
        per_op(t_all, ops)
    );
    println!(
        "  cache lookup   {:6.1} ns (hit, 1 entry)",
        per_op(t_lookup, ROUNDS)
    );
    println!(
        "  CacheKey::of   {:6.1} ns (256-byte record)",
        per_op(t_key, ROUNDS)
    );
    println!("  ratelimit      {:6.1} ns", per_op(t_limit, ROUNDS));
}
