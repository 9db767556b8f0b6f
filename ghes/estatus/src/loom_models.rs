// SPDX-License-Identifier: GPL-2.0
//! Loom models of the pool, queue, duplicate cache and rate limit.
//!
//! Run with `RUSTFLAGS="--cfg loom" cargo test -p estatus --release -j1 loom`.
//!
//! An NMI-like handler that interrupts a producer runs its whole operation between two of the
//! producer's atomic accesses, and the producer then continues. A second loom thread doing
//! the same operation covers that: loom explores every interleaving of the two threads'
//! atomic accesses (up to the preemption bound), and "all of B between two steps of A" is one
//! of them. Nothing here ever waits for another context, so the interleavings that a
//! same-CPU interrupter cannot produce (A running while B is half-way) only add cases.

#[cfg(test)]
extern crate std;

use super::counters::SourceCounters;
use super::sync::{AtomicU64, AtomicWord, Ordering};
use super::{CacheKey, CacheLookup, DuplicateCache, Pool, Queue, RateLimit, Slot};
use loom::thread;
use std::boxed::Box;
use std::vec::Vec;

/// Loom threads must be `'static`: the shared state of one execution is leaked (a few words).
fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn words(n: usize, init: usize) -> &'static [AtomicWord] {
    Box::leak(
        (0..n)
            .map(|_| AtomicWord::new(init))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    )
}

fn values(n: usize) -> &'static [AtomicU64] {
    Box::leak(
        (0..n)
            .map(|_| AtomicU64::new(0))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    )
}

fn model<F: Fn() + Sync + Send + 'static>(f: F) {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(3);
    }
    builder.check(f);
}

const FREE: usize = 0;

/// Two slots, three contexts allocating and freeing one slot each. Each owner checks the slot
/// is not owned by anyone else, and that the previous owner's last write to it (through a
/// `Relaxed` payload word) is visible: that needs `free`'s `Release` and `alloc`'s `Acquire`.
#[test]
fn loom_pool_alloc_free_is_exclusive() {
    model(|| {
        let pool = leak(Pool::new(words(1, usize::MAX), 2, 64).unwrap());
        let owner = words(2, FREE);
        let payload = words(2, FREE);
        let work = move |tag: usize| {
            if let Some(slot) = pool.alloc() {
                let i = slot.index() as usize;
                assert_eq!(owner[i].swap(tag, Ordering::Relaxed), FREE);
                assert_eq!(payload[i].load(Ordering::Relaxed), FREE);
                payload[i].store(tag, Ordering::Relaxed);
                payload[i].store(FREE, Ordering::Relaxed);
                assert_eq!(owner[i].swap(FREE, Ordering::Relaxed), tag);
                pool.free(slot).unwrap();
                true
            } else {
                false
            }
        };
        let a = thread::spawn(move || work(1));
        let b = thread::spawn(move || work(2));
        let c = work(3);
        let got = [a.join().unwrap(), b.join().unwrap(), c];
        // With two slots, at least two of three allocations succeed.
        assert!(got.iter().filter(|ok| **ok).count() >= 2);
        assert_eq!(pool.in_use(), 0);
    });
}

/// One slot, two contexts: exactly one gets it.
#[test]
fn loom_pool_last_slot_goes_to_one() {
    model(|| {
        let pool = leak(Pool::new(words(1, 0), 1, 64).unwrap());
        let a = thread::spawn(move || pool.alloc().map(Slot::into_raw));
        let b = pool.alloc().map(Slot::into_raw);
        let a = a.join().unwrap();
        assert!(a.is_some() != b.is_some(), "{a:?} {b:?}");
        assert_eq!(pool.alloc(), None);
    });
}

/// Two producers push three records while the consumer drains once; the rest is drained after.
/// Every record comes out exactly once, with its payload, and producer 1's two records in
/// order.
#[test]
fn loom_queue_push_drain() {
    model(|| {
        let queue = leak(Queue::new(words(3, 0), 3).unwrap());
        let payload = values(3);
        let p1 = thread::spawn(move || {
            payload[0].store(100, Ordering::Relaxed);
            queue.push(Slot::from_index(0)).unwrap();
            payload[1].store(101, Ordering::Relaxed);
            queue.push(Slot::from_index(1)).unwrap();
        });
        let p2 = thread::spawn(move || {
            payload[2].store(102, Ordering::Relaxed);
            queue.push(Slot::from_index(2)).unwrap();
        });
        let mut seen = Vec::new();
        let take = |seen: &mut Vec<u32>| {
            for slot in queue.drain() {
                let i = slot.into_raw();
                assert_eq!(
                    payload[i as usize].load(Ordering::Relaxed),
                    100 + u64::from(i)
                );
                seen.push(i);
            }
        };
        take(&mut seen);
        p1.join().unwrap();
        p2.join().unwrap();
        take(&mut seen);
        assert_eq!(seen.len(), 3, "{seen:?}");
        let pos = |i| seen.iter().position(|&x| x == i).unwrap();
        assert!(pos(0) < pos(1), "{seen:?}");
        assert!(seen.contains(&2));
    });
}

/// A producer and an interrupting "NMI" producer each allocate, fill and enqueue a record
/// while the consumer drains, checks and frees; accounting must be exact.
#[test]
fn loom_nested_producer_alloc_push_drain_free() {
    model(|| {
        let pool = leak(Pool::new(words(1, 0), 2, 64).unwrap());
        let queue = leak(Queue::new(words(2, 0), 2).unwrap());
        let counters = leak(SourceCounters::new());
        let payload = values(2);
        let produce = move |tag: u64| {
            if let Ok(slot) = pool.reserve(64, counters) {
                payload[slot.index() as usize].store(tag, Ordering::Relaxed);
                queue.enqueue(slot, counters).unwrap();
            }
        };
        let task = thread::spawn(move || produce(1));
        let nmi = thread::spawn(move || produce(2));
        let mut seen = Vec::new();
        let consume = |seen: &mut Vec<u64>| {
            for slot in queue.drain() {
                let i = slot.index() as usize;
                seen.push(payload[i].swap(0, Ordering::Relaxed));
                counters.record_processed();
                pool.free(slot).unwrap();
            }
        };
        consume(&mut seen);
        task.join().unwrap();
        nmi.join().unwrap();
        consume(&mut seen);
        seen.sort_unstable();
        assert_eq!(seen, [1, 2]);
        let s = counters.snapshot();
        assert_eq!((s.queued, s.processed, s.dropped()), (2, 2, 0));
        assert_eq!(pool.in_use(), 0);
    });
}

/// One slot reused: the producer's second record can only get the slot after the consumer
/// freed it, and the freed slot's link and payload are rewritten safely.
#[test]
fn loom_slot_reuse_after_free() {
    model(|| {
        let pool = leak(Pool::new(words(1, 0), 1, 64).unwrap());
        let queue = leak(Queue::new(words(1, 0), 1).unwrap());
        let counters = leak(SourceCounters::new());
        let payload = values(1);
        let producer = thread::spawn(move || {
            for tag in [1u64, 2] {
                if let Ok(slot) = pool.reserve(64, counters) {
                    payload[0].store(tag, Ordering::Relaxed);
                    queue.enqueue(slot, counters).unwrap();
                }
            }
        });
        let mut seen = Vec::new();
        let consume = |seen: &mut Vec<u64>| {
            for slot in queue.drain() {
                seen.push(payload[0].load(Ordering::Relaxed));
                counters.record_processed();
                pool.free(slot).unwrap();
            }
        };
        consume(&mut seen);
        producer.join().unwrap();
        consume(&mut seen);
        let s = counters.snapshot();
        assert_eq!(s.offered(), 2);
        assert_eq!(s.processed, s.queued);
        assert_eq!(s.dropped(), s.dropped_pool_exhausted);
        assert_eq!(seen.len() as u64, s.queued);
        assert_eq!(seen[0], 1);
        if seen.len() == 2 {
            assert_eq!(seen[1], 2);
        }
    });
}

/// The caller's copies: two halves per entry, written in order; a reader that saw halves
/// from different writes would have compared against a copy being rewritten.
fn copies() -> &'static [AtomicU64] {
    values(2 * super::CACHE_SLOTS)
}

fn write_copy(copies: &[AtomicU64], slot: usize, value: u64) {
    copies[2 * slot].store(value, Ordering::Relaxed);
    copies[2 * slot + 1].store(value, Ordering::Relaxed);
}

fn same_copy(copies: &[AtomicU64], slot: usize, value: u64) -> bool {
    let first = copies[2 * slot].load(Ordering::Relaxed);
    let second = copies[2 * slot + 1].load(Ordering::Relaxed);
    assert_eq!(first, second, "copy {slot} changed during the comparison");
    assert_ne!(first, 0, "copy {slot} compared before it was published");
    first == value
}

fn key(value: u64) -> CacheKey {
    CacheKey {
        len: 32,
        fingerprint: value,
    }
}

/// Two writers insert different records while a reader looks one of them up: the reader only
/// ever compares complete copies, and a hit names the right copy.
#[test]
fn loom_cache_concurrent_insert_and_lookup() {
    model(|| {
        let cache = leak(DuplicateCache::new());
        let copies = copies();
        let w1 =
            thread::spawn(move || cache.insert(key(7), 1, |s| write_copy(copies, s.index(), 7)));
        let w2 =
            thread::spawn(move || cache.insert(key(9), 1, |s| write_copy(copies, s.index(), 9)));
        let found = cache.lookup(key(7), 2, |s| same_copy(copies, s.index(), 7));
        w1.join().unwrap();
        w2.join().unwrap();
        if let CacheLookup::Fresh(slot) = found {
            assert!(same_copy(copies, slot.index(), 7));
        } else {
            assert_eq!(found, CacheLookup::Miss);
        }
    });
}

/// A writer replaces the entry a reader is comparing (every entry expired): it must not
/// rewrite the copy under the reader; either the reader finds the old record or misses.
#[test]
fn loom_cache_replace_while_reading() {
    model(|| {
        let cache = leak(DuplicateCache::new());
        let copies = copies();
        for v in 1..=super::CACHE_SLOTS as u64 {
            let _ = cache.insert(key(v), 0, |s| write_copy(copies, s.index(), v));
        }
        let writer = thread::spawn(move || {
            cache.insert(key(99), 20_000_000_000, |s| {
                write_copy(copies, s.index(), 99)
            })
        });
        let found = cache.lookup(key(1), 20_000_000_000, |s| same_copy(copies, s.index(), 1));
        let _ = writer.join().unwrap();
        assert!(
            matches!(found, CacheLookup::Expired(_) | CacheLookup::Miss),
            "{found:?}"
        );
    });
}

/// Three contexts at the same instant with a burst of 1: exactly one passes, two are counted.
#[test]
fn loom_ratelimit_burst() {
    model(|| {
        let limit = leak(RateLimit::new(1_000_000_000, 1));
        let a = thread::spawn(move || limit.check(5).allowed);
        let b = thread::spawn(move || limit.check(5).allowed);
        let c = limit.check(5).allowed;
        let passed = [a.join().unwrap(), b.join().unwrap(), c];
        assert_eq!(passed.iter().filter(|p| **p).count(), 1);
        assert_eq!(limit.missed(), 2);
    });
}

/// Two contexts open the next window together: only one reports misses, and every suppressed
/// event is reported exactly once or still pending. (A suppression racing with the window's
/// opening may be reported together with the earlier ones.)
#[test]
fn loom_ratelimit_new_window() {
    model(|| {
        let limit = leak(RateLimit::new(1_000_000_000, 1));
        assert!(limit.check(0).allowed);
        assert!(!limit.check(1).allowed);
        let later = 3_000_000_000;
        let a = thread::spawn(move || limit.check(later));
        let b = limit.check(later);
        let a = a.join().unwrap();
        assert_eq!(u32::from(a.allowed) + u32::from(b.allowed), 1);
        assert!(a.suppressed == 0 || b.suppressed == 0, "{a:?} {b:?}");
        assert!(a.suppressed + b.suppressed >= 1, "{a:?} {b:?}");
        assert_eq!(a.suppressed + b.suppressed + limit.missed(), 2);
    });
}
