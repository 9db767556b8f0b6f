// SPDX-License-Identifier: GPL-2.0
//! The duplicate cache: decides whether a record was printed in the last 10 seconds.
//!
//! Linux's `ghes_estatus_cached()` / `ghes_estatus_cache_add()` semantics: 4 entries
//! (`GHES_ESTATUS_CACHES_SIZE`), a 10 s lifetime (`GHES_ESTATUS_IN_CACHE_MAX_NSEC`), a lookup
//! that counts a hit on the first matching entry and reports it cached only if it is younger
//! than the lifetime, and an insert that takes the first entry that is empty or expired, else
//! the one with the largest `age / (hits + 1)`. Unlike Linux's NMI path, the cache only decides
//! whether to *print*: the caller still runs recovery and tracing for duplicates.
//!
//! The record copies live in the caller's memory (one per entry, see
//! [`PoolLayout::cache_copy_range`](super::PoolLayout::cache_copy_range)); the cache keeps
//! each entry's key, insertion time and hit count, and a state word that replaces RCU:
//!
//! - bits 0..32 count readers, bit 32 is `WRITING`, bit 33 is `VALID`;
//! - a reader enters with `fetch_add(1)` (`Acquire`) and uses the entry only if it then was
//!   `VALID` and not `WRITING`; it leaves with `fetch_sub(1)` (`Release`);
//! - a writer claims an entry with one CAS from "no readers, not writing" to `WRITING`
//!   (`Acquire`), writes the key and the copy, and publishes with `fetch_xor` to `VALID`
//!   (`Release`).
//!
//! Nobody ever waits: a reader that finds an entry being written treats it as a miss (an extra
//! print at worst), and a writer that finds readers or another writer gives up (the record is
//! just not cached). So the caller's comparison callback never sees its entry's copy change,
//! and the copy callback never runs while anyone reads that copy: plain `memcmp`/`memcpy` on
//! the copies are race-free, from any number of CPUs and nested contexts.

use super::key::CacheKey;
use super::sync::{const_fn_unless_loom, AtomicU32, AtomicU64, Ordering};

/// Entries in the cache (`GHES_ESTATUS_CACHES_SIZE`).
pub const CACHE_SLOTS: usize = 4;

/// How long a cached record suppresses its duplicates (`GHES_ESTATUS_IN_CACHE_MAX_NSEC`).
pub const CACHE_LIFETIME_NS: u64 = 10_000_000_000;

const READER: u64 = 1;
const WRITING: u64 = 1 << 32;
const VALID: u64 = 1 << 33;

/// One cache entry's index, `0..CACHE_SLOTS`: names the caller's record copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheSlot(u8);

impl CacheSlot {
    /// The entry `index`, if it is below [`CACHE_SLOTS`].
    pub const fn new(index: usize) -> Option<Self> {
        if index < CACHE_SLOTS {
            Some(Self(index as u8))
        } else {
            None
        }
    }

    /// The entry's index.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// The result of [`DuplicateCache::lookup`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheLookup {
    /// No entry holds the record.
    Miss,
    /// The entry holds the record, inserted less than 10 s ago: do not print it.
    Fresh(CacheSlot),
    /// The entry holds the record, but it is older than 10 s: print it.
    Expired(CacheSlot),
}

impl CacheLookup {
    /// Whether the record should not be printed.
    pub fn suppresses_print(self) -> bool {
        matches!(self, Self::Fresh(_))
    }
}

/// The result of [`DuplicateCache::insert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheInsert {
    /// The record now occupies this entry.
    Inserted(CacheSlot),
    /// No entry is empty or expired and every `age / (hits + 1)` is 0 (Linux's `slot == -1`),
    /// or every entry is being written: nothing replaced.
    NoVictim,
    /// The chosen entry was being read or written by another context: nothing replaced.
    Busy,
}

#[derive(Debug)]
struct Entry {
    state: AtomicU64,
    len: AtomicU32,
    fingerprint: AtomicU64,
    time_in: AtomicU64,
    hits: AtomicU32,
}

/// A reader's hold on an entry; leaving is the `Release` decrement.
struct ReadGuard<'e> {
    entry: &'e Entry,
}

impl Drop for ReadGuard<'_> {
    fn drop(&mut self) {
        self.entry.state.fetch_sub(READER, Ordering::Release);
    }
}

impl Entry {
    const_fn_unless_loom! {
        fn new() -> Self {
            Self {
                state: AtomicU64::new(0),
                len: AtomicU32::new(0),
                fingerprint: AtomicU64::new(0),
                time_in: AtomicU64::new(0),
                hits: AtomicU32::new(0),
            }
        }
    }

    /// Enters as a reader; returns the guard and the state seen on entry.
    fn enter(&self) -> (ReadGuard<'_>, u64) {
        let state = self.state.fetch_add(READER, Ordering::Acquire);
        (ReadGuard { entry: self }, state)
    }
}

/// The cache of recently printed records.
#[derive(Debug)]
pub struct DuplicateCache {
    entries: [Entry; CACHE_SLOTS],
}

impl Default for DuplicateCache {
    fn default() -> Self {
        Self::new()
    }
}

impl DuplicateCache {
    const_fn_unless_loom! {
        /// An empty cache.
        pub fn new() -> Self {
            Self {
                entries: [Entry::new(), Entry::new(), Entry::new(), Entry::new()],
            }
        }
    }

    /// Looks for a record with `key` at time `now_ns` (the caller's clock, nanoseconds).
    ///
    /// `same(slot)` must compare the caller's record with its copy for `slot` in full; it is
    /// called only for entries whose length and fingerprint match, and the copy cannot change
    /// while it runs. Like Linux, the first matching entry counts a hit and decides; an entry
    /// being replaced right now is skipped.
    pub fn lookup<F>(&self, key: CacheKey, now_ns: u64, mut same: F) -> CacheLookup
    where
        F: FnMut(CacheSlot) -> bool,
    {
        for (index, entry) in self.entries.iter().enumerate() {
            let (_guard, state) = entry.enter();
            if state & (WRITING | VALID) != VALID
                || entry.len.load(Ordering::Relaxed) != key.len
                || entry.fingerprint.load(Ordering::Relaxed) != key.fingerprint
            {
                continue;
            }
            let Some(slot) = CacheSlot::new(index) else {
                break;
            };
            if !same(slot) {
                continue;
            }
            entry.hits.fetch_add(1, Ordering::Relaxed);
            let age = now_ns.wrapping_sub(entry.time_in.load(Ordering::Relaxed));
            return if age < CACHE_LIFETIME_NS {
                CacheLookup::Fresh(slot)
            } else {
                CacheLookup::Expired(slot)
            };
        }
        CacheLookup::Miss
    }

    /// Caches a record with `key` at time `now_ns`; `copy(slot)` must copy the record into the
    /// caller's copy for `slot` (nobody reads that copy while it runs).
    ///
    /// The victim is chosen as `ghes_estatus_cache_add()` does: the first entry (in index order)
    /// that is empty or expired, else the one with the largest `age / (hits + 1)` if that is
    /// above 0. An entry being written by another context is not a candidate.
    pub fn insert<F>(&self, key: CacheKey, now_ns: u64, copy: F) -> CacheInsert
    where
        F: FnOnce(CacheSlot),
    {
        let mut victim = None;
        let mut max_period = 0u64;
        for (index, entry) in self.entries.iter().enumerate() {
            let (guard, state) = entry.enter();
            if state & WRITING != 0 {
                // Being replaced by another context right now: not a candidate.
                continue;
            }
            if state & VALID == 0 {
                victim = Some((index, 0));
                break;
            }
            let time_in = entry.time_in.load(Ordering::Relaxed);
            let hits = entry.hits.load(Ordering::Relaxed);
            drop(guard);
            let duration = now_ns.wrapping_sub(time_in);
            if duration >= CACHE_LIFETIME_NS {
                victim = Some((index, VALID));
                break;
            }
            let period = duration
                .checked_div(u64::from(hits).saturating_add(1))
                .unwrap_or(0);
            if period > max_period {
                max_period = period;
                victim = Some((index, VALID));
            }
        }
        let Some((index, expected)) = victim else {
            return CacheInsert::NoVictim;
        };
        let (Some(entry), Some(slot)) = (self.entries.get(index), CacheSlot::new(index)) else {
            return CacheInsert::NoVictim;
        };
        // Like Linux's xchg, this may evict a record other than the one the choice was based
        // on if the entry was replaced meanwhile; that is only a possible later extra print.
        if entry
            .state
            .compare_exchange(expected, WRITING, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            return CacheInsert::Busy;
        }
        entry.len.store(key.len, Ordering::Relaxed);
        entry.fingerprint.store(key.fingerprint, Ordering::Relaxed);
        entry.time_in.store(now_ns, Ordering::Relaxed);
        entry.hits.store(0, Ordering::Relaxed);
        copy(slot);
        entry.state.fetch_xor(WRITING | VALID, Ordering::Release);
        CacheInsert::Inserted(slot)
    }
}

#[cfg(test)]
#[cfg(not(loom))]
mod tests {
    extern crate std;
    use super::*;
    use std::cell::RefCell;
    use std::vec::Vec;

    const SEC: u64 = 1_000_000_000;

    /// The caller's side: one copy per entry, compared in full.
    struct Copies(RefCell<[Vec<u8>; CACHE_SLOTS]>);

    impl Copies {
        fn new() -> Self {
            Self(RefCell::new(Default::default()))
        }
        fn lookup(&self, cache: &DuplicateCache, record: &[u8], now: u64) -> CacheLookup {
            cache.lookup(CacheKey::of(record), now, |slot| {
                self.0.borrow()[slot.index()] == record
            })
        }
        fn insert(&self, cache: &DuplicateCache, record: &[u8], now: u64) -> CacheInsert {
            cache.insert(CacheKey::of(record), now, |slot| {
                self.0.borrow_mut()[slot.index()] = record.to_vec();
            })
        }
    }

    fn slot(i: usize) -> CacheSlot {
        CacheSlot::new(i).unwrap()
    }

    #[test]
    fn duplicate_within_lifetime_is_fresh_then_expires() {
        let cache = DuplicateCache::new();
        let copies = Copies::new();
        let rec = [7u8; 40];
        assert_eq!(copies.lookup(&cache, &rec, 5 * SEC), CacheLookup::Miss);
        assert_eq!(
            copies.insert(&cache, &rec, 5 * SEC),
            CacheInsert::Inserted(slot(0))
        );
        assert_eq!(
            copies.lookup(&cache, &rec, 15 * SEC - 1),
            CacheLookup::Fresh(slot(0))
        );
        assert!(copies.lookup(&cache, &rec, 6 * SEC).suppresses_print());
        assert_eq!(
            copies.lookup(&cache, &rec, 15 * SEC),
            CacheLookup::Expired(slot(0))
        );
        assert!(!CacheLookup::Expired(slot(0)).suppresses_print());
        // A clock behind the insertion time wraps, as Linux's unsigned subtraction does.
        assert_eq!(
            copies.lookup(&cache, &rec, 5 * SEC - 1),
            CacheLookup::Expired(slot(0))
        );
    }

    #[test]
    fn fingerprint_collision_is_not_a_duplicate() {
        let cache = DuplicateCache::new();
        let copies = Copies::new();
        let cached = [1u8; 24];
        copies.insert(&cache, &cached, 0);
        let other = [2u8; 24];
        // Same length and a forged fingerprint equal to the cached one.
        let forged = CacheKey {
            len: 24,
            fingerprint: CacheKey::of(&cached).fingerprint,
        };
        let mut compared = 0;
        let result = cache.lookup(forged, 1, |s| {
            compared += 1;
            copies.0.borrow()[s.index()] == other
        });
        assert_eq!(result, CacheLookup::Miss);
        assert_eq!(compared, 1);
        // A different length or fingerprint never reaches the comparison.
        let result = cache.lookup(CacheKey::of(&[1u8; 25]), 1, |_| panic!("compared"));
        assert_eq!(result, CacheLookup::Miss);
    }

    #[test]
    fn fills_empty_entries_first_then_expired() {
        let cache = DuplicateCache::new();
        let copies = Copies::new();
        for i in 0..4u8 {
            assert_eq!(
                copies.insert(&cache, &[i; 30], u64::from(i) * SEC),
                CacheInsert::Inserted(slot(usize::from(i)))
            );
        }
        // At 11 s entry 0 (t=0) and 1 (t=1 s) are expired; the first expired one is taken.
        assert_eq!(
            copies.insert(&cache, &[9; 30], 11 * SEC),
            CacheInsert::Inserted(slot(0))
        );
        assert_eq!(copies.lookup(&cache, &[0; 30], 11 * SEC), CacheLookup::Miss);
        assert_eq!(
            copies.lookup(&cache, &[9; 30], 11 * SEC),
            CacheLookup::Fresh(slot(0))
        );
    }

    #[test]
    fn replaces_the_largest_age_per_hit() {
        let cache = DuplicateCache::new();
        let copies = Copies::new();
        // Entries inserted at 0, 1, 2, 3 s; at 4 s their ages are 4, 3, 2, 1 s.
        for i in 0..4u8 {
            copies.insert(&cache, &[i; 30], u64::from(i) * SEC);
        }
        // Entry 0: 4 s / (3 hits + 1) = 1 s; entry 1: 3 s / (0 + 1) = 3 s: the largest.
        for _ in 0..3 {
            assert!(copies.lookup(&cache, &[0; 30], 4 * SEC).suppresses_print());
        }
        assert_eq!(
            copies.insert(&cache, &[8; 30], 4 * SEC),
            CacheInsert::Inserted(slot(1))
        );
        assert_eq!(
            copies.lookup(&cache, &[0; 30], 4 * SEC),
            CacheLookup::Fresh(slot(0))
        );
        assert_eq!(copies.lookup(&cache, &[1; 30], 4 * SEC), CacheLookup::Miss);
    }

    #[test]
    fn no_victim_when_every_period_is_zero() {
        let cache = DuplicateCache::new();
        let copies = Copies::new();
        for i in 0..4u8 {
            copies.insert(&cache, &[i; 30], 100);
        }
        // Same instant: every age is 0, so Linux's `period > max_period` never holds.
        assert_eq!(copies.insert(&cache, &[5; 30], 100), CacheInsert::NoVictim);
    }

    #[test]
    fn first_match_decides_even_if_expired() {
        let cache = DuplicateCache::new();
        let copies = Copies::new();
        let rec = [3u8; 32];
        copies.insert(&cache, &rec, 0);
        // Linux can hold the same record twice (two CPUs missing at once).
        assert_eq!(
            copies.insert(&cache, &rec, SEC),
            CacheInsert::Inserted(slot(1))
        );
        // Entry 0 (10.5 s old) matches first, so the record is printed although entry 1 is
        // only 9.5 s old.
        assert_eq!(
            copies.lookup(&cache, &rec, 10 * SEC + SEC / 2),
            CacheLookup::Expired(slot(0))
        );
    }

    #[test]
    fn entry_being_written_is_skipped_and_not_claimed() {
        let cache = DuplicateCache::new();
        let copies = Copies::new();
        let rec = [4u8; 20];
        copies.insert(&cache, &rec, 0);
        // While entry 1 is being written, a nested lookup and insert run inside `copy`.
        cache.insert(CacheKey::of(&[5u8; 20]), 1, |s| {
            assert_eq!(s, slot(1));
            assert_eq!(copies.lookup(&cache, &rec, 2), CacheLookup::Fresh(slot(0)));
            // The nested insert takes entry 2, not the one being written.
            assert_eq!(
                cache.insert(CacheKey::of(&[6u8; 20]), 2, |_| {}),
                CacheInsert::Inserted(slot(2))
            );
        });
        // While a reader compares entry 0, a writer cannot claim entry 0.
        for i in 3..4u8 {
            copies.insert(&cache, &[i; 20], 3);
        }
        let result = cache.lookup(CacheKey::of(&rec), 20 * SEC, |s| {
            // All entries are expired at 20 s; entry 0 is the first, but it is being read.
            assert_eq!(
                cache.insert(CacheKey::of(&[9u8; 20]), 20 * SEC, |_| {}),
                CacheInsert::Busy
            );
            s == slot(0)
        });
        assert_eq!(result, CacheLookup::Expired(slot(0)));
    }
}
