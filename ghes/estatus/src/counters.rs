// SPDX-License-Identifier: GPL-2.0
//! Per-source accounting: every record a source offers ends up either processed or dropped
//! with a reason; duplicate and rate-limited prints are counted too.
//!
//! A record is dropped before it is queued (pool exhausted, too large, malformed status block:
//! [`SourceCounters::record_dropped`]), or queued and then either processed
//! ([`SourceCounters::record_processed`]) or rejected by the consumer
//! ([`SourceCounters::record_dropped_queued`]). So, once the source is quiet,
//! `offered == processed + dropped` and `queued == processed + dropped_after_queue`.
//!
//! Counters are independent atomics updated with single read-modify-writes (usable from any
//! context). The two consumer-side counters are incremented with `Release` and
//! [`SourceCounters::snapshot`] reads them first with `Acquire`: a record is counted as queued
//! before it is pushed, so a snapshot never shows more records settled than queued.

use core::fmt;

use super::sync::{const_fn_unless_loom, AtomicU64, Ordering};

/// Why a record offered by a source was not queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// Every pool slot was in use.
    PoolExhausted,
    /// The caller found the record (or its status block) malformed.
    Malformed,
    /// The record is longer than a pool slot.
    TooLarge,
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::PoolExhausted => "pool exhausted",
            Self::Malformed => "malformed",
            Self::TooLarge => "too large",
        })
    }
}

/// Why a processed record was not printed (it was still recovered and traced).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintSuppression {
    /// The duplicate cache holds the same record from the last 10 seconds.
    Duplicate,
    /// The rate limit for the record's severity class was exceeded.
    RateLimited,
}

/// The counters of one error source.
#[derive(Debug)]
pub struct SourceCounters {
    queued: AtomicU64,
    processed: AtomicU64,
    dropped_pool_exhausted: AtomicU64,
    dropped_malformed: AtomicU64,
    dropped_too_large: AtomicU64,
    dropped_after_queue: AtomicU64,
    print_suppressed_duplicate: AtomicU64,
    print_suppressed_ratelimit: AtomicU64,
}

/// A copy of a source's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CountersSnapshot {
    /// Records put on the queue.
    pub queued: u64,
    /// Queued records the consumer has processed.
    pub processed: u64,
    /// Records dropped because every pool slot was in use.
    pub dropped_pool_exhausted: u64,
    /// Records dropped as malformed.
    pub dropped_malformed: u64,
    /// Records dropped as larger than a slot.
    pub dropped_too_large: u64,
    /// Of all dropped records, those the consumer rejected after they were queued.
    pub dropped_after_queue: u64,
    /// Processed records not printed because the duplicate cache held them.
    pub print_suppressed_duplicate: u64,
    /// Processed records not printed because of the rate limit.
    pub print_suppressed_ratelimit: u64,
}

impl Default for SourceCounters {
    fn default() -> Self {
        Self::new()
    }
}

impl SourceCounters {
    const_fn_unless_loom! {
        /// All counters at zero.
        pub fn new() -> Self {
            Self {
                queued: AtomicU64::new(0),
                processed: AtomicU64::new(0),
                dropped_pool_exhausted: AtomicU64::new(0),
                dropped_malformed: AtomicU64::new(0),
                dropped_too_large: AtomicU64::new(0),
                dropped_after_queue: AtomicU64::new(0),
                print_suppressed_duplicate: AtomicU64::new(0),
                print_suppressed_ratelimit: AtomicU64::new(0),
            }
        }
    }

    /// Counts a record about to be pushed on the queue (see
    /// [`Queue::enqueue`](super::Queue::enqueue)).
    pub fn record_queued(&self) {
        self.queued.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a queued record the consumer has finished with.
    pub fn record_processed(&self) {
        self.processed.fetch_add(1, Ordering::Release);
    }

    /// Counts a record that was not queued.
    pub fn record_dropped(&self, reason: DropReason) {
        self.reason_counter(reason).fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a queued record that the consumer rejected instead of processing (found
    /// malformed when parsed, for instance).
    pub fn record_dropped_queued(&self, reason: DropReason) {
        self.reason_counter(reason).fetch_add(1, Ordering::Relaxed);
        self.dropped_after_queue.fetch_add(1, Ordering::Release);
    }

    fn reason_counter(&self, reason: DropReason) -> &AtomicU64 {
        match reason {
            DropReason::PoolExhausted => &self.dropped_pool_exhausted,
            DropReason::Malformed => &self.dropped_malformed,
            DropReason::TooLarge => &self.dropped_too_large,
        }
    }

    /// Counts a processed record that was not printed.
    pub fn record_print_suppressed(&self, why: PrintSuppression) {
        let counter = match why {
            PrintSuppression::Duplicate => &self.print_suppressed_duplicate,
            PrintSuppression::RateLimited => &self.print_suppressed_ratelimit,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Reads every counter. Each value is exact; together they are consistent once the source
    /// is quiet, and `processed + dropped_after_queue <= queued` always holds.
    pub fn snapshot(&self) -> CountersSnapshot {
        let processed = self.processed.load(Ordering::Acquire);
        let dropped_after_queue = self.dropped_after_queue.load(Ordering::Acquire);
        CountersSnapshot {
            processed,
            dropped_after_queue,
            queued: self.queued.load(Ordering::Relaxed),
            dropped_pool_exhausted: self.dropped_pool_exhausted.load(Ordering::Relaxed),
            dropped_malformed: self.dropped_malformed.load(Ordering::Relaxed),
            dropped_too_large: self.dropped_too_large.load(Ordering::Relaxed),
            print_suppressed_duplicate: self.print_suppressed_duplicate.load(Ordering::Relaxed),
            print_suppressed_ratelimit: self.print_suppressed_ratelimit.load(Ordering::Relaxed),
        }
    }
}

impl CountersSnapshot {
    /// Records dropped for any reason.
    pub fn dropped(&self) -> u64 {
        self.dropped_pool_exhausted
            .saturating_add(self.dropped_malformed)
            .saturating_add(self.dropped_too_large)
    }

    /// Records the source offered: queued, plus dropped before queueing.
    pub fn offered(&self) -> u64 {
        self.queued
            .saturating_add(self.dropped())
            .saturating_sub(self.dropped_after_queue)
    }

    /// Queued records the consumer has not settled (processed or rejected) yet.
    pub fn in_flight(&self) -> u64 {
        self.queued
            .saturating_sub(self.processed)
            .saturating_sub(self.dropped_after_queue)
    }
}

impl CountersSnapshot {
    /// Every counter with its name, in the order the driver's `counters` and `counters.json`
    /// files show them.
    pub fn named(&self) -> [(&'static str, u64); 8] {
        [
            ("queued", self.queued),
            ("processed", self.processed),
            ("dropped_pool_exhausted", self.dropped_pool_exhausted),
            ("dropped_malformed", self.dropped_malformed),
            ("dropped_too_large", self.dropped_too_large),
            ("dropped_after_queue", self.dropped_after_queue),
            (
                "print_suppressed_duplicate",
                self.print_suppressed_duplicate,
            ),
            (
                "print_suppressed_ratelimit",
                self.print_suppressed_ratelimit,
            ),
        ]
    }

    /// The counters as `name=value` pairs separated by spaces (the `counters` file's line).
    pub fn as_pairs(&self) -> impl fmt::Display + '_ {
        NamedCounters {
            snapshot: self,
            json: false,
        }
    }

    /// The counters as JSON object members, `"name": value` separated by `, ` (RFC 8259).
    pub fn as_json_members(&self) -> impl fmt::Display + '_ {
        NamedCounters {
            snapshot: self,
            json: true,
        }
    }
}

/// [`CountersSnapshot::named`] written as pairs or as JSON members.
struct NamedCounters<'a> {
    snapshot: &'a CountersSnapshot,
    json: bool,
}

impl fmt::Display for NamedCounters<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, value)) in self.snapshot.named().into_iter().enumerate() {
            match (self.json, i) {
                (false, 0) => write!(f, "{name}={value}")?,
                (false, _) => write!(f, " {name}={value}")?,
                (true, 0) => write!(f, "\"{name}\": {value}")?,
                (true, _) => write!(f, ", \"{name}\": {value}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for CountersSnapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "queued {} processed {} dropped {} (pool exhausted {}, malformed {}, too large {}; \
             {} after queueing) prints suppressed: duplicate {}, rate limit {}",
            self.queued,
            self.processed,
            self.dropped(),
            self.dropped_pool_exhausted,
            self.dropped_malformed,
            self.dropped_too_large,
            self.dropped_after_queue,
            self.print_suppressed_duplicate,
            self.print_suppressed_ratelimit,
        )
    }
}

#[cfg(test)]
#[cfg(not(loom))]
mod tests {
    extern crate std;
    use super::*;
    use std::string::ToString;

    static STATIC_COUNTERS: SourceCounters = SourceCounters::new();

    #[test]
    fn pairs_and_json_members_name_every_counter_in_order() {
        let c = CountersSnapshot {
            queued: 8,
            processed: 7,
            dropped_pool_exhausted: 6,
            dropped_malformed: 5,
            dropped_too_large: 4,
            dropped_after_queue: 3,
            print_suppressed_duplicate: 2,
            print_suppressed_ratelimit: 1,
        };
        assert_eq!(
            c.as_pairs().to_string(),
            "queued=8 processed=7 dropped_pool_exhausted=6 dropped_malformed=5 \
             dropped_too_large=4 dropped_after_queue=3 print_suppressed_duplicate=2 \
             print_suppressed_ratelimit=1"
        );
        assert_eq!(
            c.as_json_members().to_string(),
            "\"queued\": 8, \"processed\": 7, \"dropped_pool_exhausted\": 6, \
             \"dropped_malformed\": 5, \"dropped_too_large\": 4, \"dropped_after_queue\": 3, \
             \"print_suppressed_duplicate\": 2, \"print_suppressed_ratelimit\": 1"
        );
    }

    #[test]
    fn every_reason_has_its_counter() {
        let c = SourceCounters::default();
        for _ in 0..3 {
            c.record_queued();
        }
        c.record_processed();
        c.record_processed();
        c.record_dropped(DropReason::PoolExhausted);
        c.record_dropped(DropReason::Malformed);
        c.record_dropped_queued(DropReason::Malformed);
        c.record_dropped(DropReason::TooLarge);
        c.record_print_suppressed(PrintSuppression::Duplicate);
        c.record_print_suppressed(PrintSuppression::RateLimited);
        c.record_print_suppressed(PrintSuppression::RateLimited);
        let s = c.snapshot();
        assert_eq!(
            s,
            CountersSnapshot {
                queued: 3,
                processed: 2,
                dropped_pool_exhausted: 1,
                dropped_malformed: 2,
                dropped_too_large: 1,
                dropped_after_queue: 1,
                print_suppressed_duplicate: 1,
                print_suppressed_ratelimit: 2,
            }
        );
        // 6 offered: 3 queued (2 processed, 1 rejected by the consumer), 3 dropped before.
        assert_eq!(s.dropped(), 4);
        assert_eq!(s.offered(), 6);
        assert_eq!(s.in_flight(), 0);
        assert_eq!(s.offered(), s.processed + s.dropped() + s.in_flight());
        assert_eq!(
            s.to_string(),
            "queued 3 processed 2 dropped 4 (pool exhausted 1, malformed 2, too large 1; \
             1 after queueing) prints suppressed: duplicate 1, rate limit 2"
        );
        c.record_queued();
        assert_eq!(c.snapshot().in_flight(), 1);
        assert_eq!(c.snapshot().offered(), 7);
    }

    #[test]
    fn usable_as_a_static() {
        STATIC_COUNTERS.record_dropped(DropReason::TooLarge);
        assert_eq!(STATIC_COUNTERS.snapshot().dropped_too_large, 1);
        assert_eq!(DropReason::PoolExhausted.to_string(), "pool exhausted");
        assert_eq!(DropReason::Malformed.to_string(), "malformed");
        assert_eq!(DropReason::TooLarge.to_string(), "too large");
    }
}
