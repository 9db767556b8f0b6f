// SPDX-License-Identifier: GPL-2.0
//! The print decision for one processed record: duplicate cache, then rate limit.
//!
//! Linux's consumer (`ghes_proc_in_irq()`, `ghes_proc()`) does
//! `if (!ghes_estatus_cached(e)) { if (ghes_print_estatus(...)) ghes_estatus_cache_add(e); }`,
//! where `ghes_print_estatus()` passes the severity class's rate limit. [`print_gate`] is the
//! same sequence, with the outcome counted. It decides printing only: the caller runs recovery
//! and tracing for every record, whatever the verdict.

use super::cache::{CacheSlot, DuplicateCache};
use super::counters::{PrintSuppression, SourceCounters};
use super::key::CacheKey;
use super::ratelimit::RateLimit;

/// Whether to print a processed record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintVerdict {
    /// Print it (it is now in the duplicate cache, if an entry could be had).
    Print,
    /// The same record was printed less than 10 s ago.
    Duplicate,
    /// The severity class's rate limit suppressed it.
    RateLimited,
}

/// The outcome of [`print_gate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintDecision {
    /// Whether to print the record.
    pub verdict: PrintVerdict,
    /// Prints the rate limit suppressed in earlier windows, reported once: when non-zero,
    /// print Linux's `"ghes_print_estatus: N callbacks suppressed"` warning first.
    pub callbacks_suppressed: u32,
}

/// Decides whether to print the record with `key` at `now_ns`, counting suppressions in
/// `counters`.
///
/// `ratelimit` is the record's severity class's limit (Linux has one for corrected and one for
/// all other severities). `same` and `copy` are the duplicate cache's callbacks (see
/// [`DuplicateCache::lookup`] and [`DuplicateCache::insert`]).
pub fn print_gate<S, C>(
    cache: &DuplicateCache,
    ratelimit: &RateLimit,
    counters: &SourceCounters,
    key: CacheKey,
    now_ns: u64,
    same: S,
    copy: C,
) -> PrintDecision
where
    S: FnMut(CacheSlot) -> bool,
    C: FnOnce(CacheSlot),
{
    if cache.lookup(key, now_ns, same).suppresses_print() {
        counters.record_print_suppressed(PrintSuppression::Duplicate);
        return PrintDecision {
            verdict: PrintVerdict::Duplicate,
            callbacks_suppressed: 0,
        };
    }
    let limit = ratelimit.check(now_ns);
    let verdict = if limit.allowed {
        // Like Linux, only a printed record enters the cache; if no entry can be had it is
        // simply not cached.
        let _ = cache.insert(key, now_ns, copy);
        PrintVerdict::Print
    } else {
        counters.record_print_suppressed(PrintSuppression::RateLimited);
        PrintVerdict::RateLimited
    };
    PrintDecision {
        verdict,
        callbacks_suppressed: limit.suppressed,
    }
}

#[cfg(test)]
#[cfg(not(loom))]
mod tests {
    extern crate std;
    use super::super::ratelimit::{GHES_PRINT_BURST, GHES_PRINT_INTERVAL_NS};
    use super::*;
    use std::cell::RefCell;
    use std::vec::Vec;

    const SEC: u64 = 1_000_000_000;

    struct Gate {
        cache: DuplicateCache,
        limit: RateLimit,
        counters: SourceCounters,
        copies: RefCell<[Vec<u8>; 4]>,
    }

    impl Gate {
        fn new() -> Self {
            Self {
                cache: DuplicateCache::new(),
                limit: RateLimit::new(GHES_PRINT_INTERVAL_NS, GHES_PRINT_BURST),
                counters: SourceCounters::new(),
                copies: RefCell::new(Default::default()),
            }
        }

        fn offer(&self, record: &[u8], now: u64) -> PrintDecision {
            print_gate(
                &self.cache,
                &self.limit,
                &self.counters,
                CacheKey::of(record),
                now,
                |s| self.copies.borrow()[s.index()] == record,
                |s| self.copies.borrow_mut()[s.index()] = record.to_vec(),
            )
        }
    }

    fn decision(verdict: PrintVerdict, callbacks_suppressed: u32) -> PrintDecision {
        PrintDecision {
            verdict,
            callbacks_suppressed,
        }
    }

    #[test]
    fn duplicates_then_rate_limit_then_report() {
        let gate = Gate::new();
        let (a, b, c) = ([1u8; 30], [2u8; 30], [3u8; 30]);
        assert_eq!(gate.offer(&a, SEC), decision(PrintVerdict::Print, 0));
        // A duplicate is not printed and does not use up the rate limit.
        assert_eq!(
            gate.offer(&a, SEC + 1),
            decision(PrintVerdict::Duplicate, 0)
        );
        assert_eq!(gate.offer(&b, SEC + 2), decision(PrintVerdict::Print, 0));
        assert_eq!(
            gate.offer(&c, SEC + 3),
            decision(PrintVerdict::RateLimited, 0)
        );
        // `c` was not printed, so it was not cached: it is rate limited again, not a duplicate.
        assert_eq!(
            gate.offer(&c, SEC + 4),
            decision(PrintVerdict::RateLimited, 0)
        );
        // A new window prints `c` and reports the two suppressed prints.
        assert_eq!(gate.offer(&c, 7 * SEC), decision(PrintVerdict::Print, 2));
        assert_eq!(
            gate.offer(&c, 8 * SEC),
            decision(PrintVerdict::Duplicate, 0)
        );
        // After 10 s the cached `a` is printed again.
        assert_eq!(gate.offer(&a, 11 * SEC), decision(PrintVerdict::Print, 0));
        let s = gate.counters.snapshot();
        assert_eq!(s.print_suppressed_duplicate, 2);
        assert_eq!(s.print_suppressed_ratelimit, 2);
    }
}
