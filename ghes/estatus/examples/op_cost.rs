// SPDX-License-Identifier: GPL-2.0
//! Host cost of one estatus operation, single-threaded, uncontended (a measurement, not a
//! test): `cargo run -p estatus --release --example op_cost`. The paths an NMI-like handler
//! takes per record are reserve + enqueue; the irq_work takes drain + free.

use std::hint::black_box;
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

use estatus::{Pool, Queue, SourceCounters};

const ROUNDS: u32 = 5_000_000;

fn per_op(label: &str, ops_per_round: u32, mut f: impl FnMut()) {
    for _ in 0..ROUNDS / 10 {
        f(); // warm up
    }
    let start = Instant::now();
    for _ in 0..ROUNDS {
        f();
    }
    let ns = start.elapsed().as_nanos() as f64 / f64::from(ROUNDS * ops_per_round);
    println!("{label:40} {ns:6.1} ns/op");
}

fn main() {
    let slots = 64;
    let bitmap: Vec<AtomicUsize> = (0..estatus::bitmap_words(slots))
        .map(|_| AtomicUsize::new(0))
        .collect();
    let links: Vec<AtomicUsize> = (0..slots).map(|_| AtomicUsize::new(0)).collect();
    let pool = Pool::new(&bitmap, slots, 4096).unwrap();
    let queue = Queue::new(&links, slots).unwrap();
    let counters = SourceCounters::new();

    per_op("reserve + free (pool)", 2, || {
        let slot = pool.reserve(black_box(1024), &counters).unwrap();
        pool.free(slot).unwrap();
    });
    per_op("reserve + enqueue + drain + free (record)", 4, || {
        let slot = pool.reserve(black_box(1024), &counters).unwrap();
        queue.enqueue(slot, &counters).unwrap();
        for slot in queue.drain() {
            pool.free(slot).unwrap();
        }
    });
    // The pool full: what a storm costs per refused record.
    let held: Vec<_> = (0..slots).map(|_| pool.alloc().unwrap()).collect();
    per_op("reserve on an exhausted pool", 1, || {
        black_box(pool.reserve(black_box(1024), &counters)).unwrap_err();
    });
    for slot in held {
        pool.free(slot).unwrap();
    }
}
