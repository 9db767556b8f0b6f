// SPDX-License-Identifier: GPL-2.0
//! A lock-free rate limit with Linux's `___ratelimit()` semantics, usable from NMI-like context.
//!
//! At most `burst` events pass per window of `interval_ns`; a window starts with the first event
//! after the previous one ended (Linux: `time_is_before_jiffies(begin + interval)`), and the
//! number of events suppressed in earlier windows is handed to the first caller of a new
//! window, which prints Linux's "N callbacks suppressed" line.
//!
//! Linux protects its state with a raw spinlock taken by `trylock`: a caller that finds it
//! held (another CPU, or the context an NMI interrupted) is suppressed *without being counted*.
//! Here the window start and the count of passed events share one `AtomicU64` updated by CAS,
//! and the suppressed count is a separate counter: nobody waits, every suppressed event is
//! counted, and a CAS fails only when another caller passed an event or opened a window.
//! (One difference in attribution: an event suppressed concurrently with the opening of a new
//! window may be reported together with the previous windows' count rather than later.)
//! The window start is kept with its low 16 bits cleared (65.536 us granularity, finer than a
//! jiffy) to leave room for the count in the same word. All accesses are `Relaxed`: the state
//! guards no other data.

use super::sync::{const_fn_unless_loom, AtomicU32, AtomicU64, Ordering};

/// Bits of the state word holding the number of events passed in the current window.
const PRINTED_MASK: u64 = 0x7fff;
/// Set once the first window has started (Linux's `begin != 0`).
const STARTED: u64 = 0x8000;
/// Bits of the state word holding the window start (nanoseconds, low 16 bits cleared).
const BEGIN_MASK: u64 = !0xffff;

/// Largest usable burst (the count's field width).
pub const MAX_BURST: u32 = PRINTED_MASK as u32;

/// Linux's interval for GHES prints (`5 * HZ`), in nanoseconds.
pub const GHES_PRINT_INTERVAL_NS: u64 = 5_000_000_000;

/// Linux's burst for GHES prints.
pub const GHES_PRINT_BURST: u32 = 2;

/// The outcome of one [`RateLimit::check`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimitVerdict {
    /// Whether the event may go ahead.
    pub allowed: bool,
    /// Events suppressed before this call that nobody reported yet; non-zero only for the first
    /// caller of a new window. Linux prints `"%s: %d callbacks suppressed"` for it.
    pub suppressed: u32,
}

/// A rate limit state (Linux's `struct ratelimit_state`).
#[derive(Debug)]
pub struct RateLimit {
    interval_ns: u64,
    burst: u32,
    state: AtomicU64,
    missed: AtomicU32,
}

impl RateLimit {
    const_fn_unless_loom! {
        /// At most `burst` events (capped at [`MAX_BURST`]) per `interval_ns`; an interval of
        /// 0 lets everything through, a burst of 0 nothing.
        pub fn new(interval_ns: u64, burst: u32) -> Self {
            Self {
                interval_ns,
                burst: if burst > MAX_BURST { MAX_BURST } else { burst },
                state: AtomicU64::new(0),
                missed: AtomicU32::new(0),
            }
        }
    }

    /// Decides about one event at `now_ns` (the caller's clock, nanoseconds).
    pub fn check(&self, now_ns: u64) -> RateLimitVerdict {
        if self.interval_ns == 0 {
            return RateLimitVerdict {
                allowed: true,
                suppressed: 0,
            };
        }
        let burst = u64::from(self.burst);
        let mut current = self.state.load(Ordering::Relaxed);
        let (allowed, new_window) = loop {
            let begin = current & BEGIN_MASK;
            let (begin, printed, new_window) = if current & STARTED == 0 {
                (now_ns & BEGIN_MASK, 0, false)
            } else if now_ns > begin.saturating_add(self.interval_ns) {
                (now_ns & BEGIN_MASK, 0, true)
            } else {
                (begin, current & PRINTED_MASK, false)
            };
            let allowed = burst > printed;
            let printed = if allowed {
                printed.saturating_add(1)
            } else {
                printed
            };
            let next = begin | STARTED | printed;
            if next == current {
                break (allowed, new_window);
            }
            match self.state.compare_exchange_weak(
                current,
                next,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => break (allowed, new_window),
                Err(now) => current = now,
            }
        };
        let suppressed = if new_window {
            self.missed.swap(0, Ordering::Relaxed)
        } else {
            0
        };
        if !allowed {
            self.missed.fetch_add(1, Ordering::Relaxed);
        }
        RateLimitVerdict {
            allowed,
            suppressed,
        }
    }

    /// Events suppressed and not yet reported.
    pub fn missed(&self) -> u32 {
        self.missed.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
#[cfg(not(loom))]
mod tests {
    use super::*;

    const SEC: u64 = 1_000_000_000;

    fn allow(suppressed: u32) -> RateLimitVerdict {
        RateLimitVerdict {
            allowed: true,
            suppressed,
        }
    }

    const DENY: RateLimitVerdict = RateLimitVerdict {
        allowed: false,
        suppressed: 0,
    };

    static GHES_LIMIT: RateLimit = RateLimit::new(GHES_PRINT_INTERVAL_NS, GHES_PRINT_BURST);

    #[test]
    fn ghes_burst_of_two_per_five_seconds() {
        let t0 = 0x20_0000_0000; // a multiple of 65536 ns, about 137 s
        assert_eq!(GHES_LIMIT.check(t0), allow(0));
        assert_eq!(GHES_LIMIT.check(t0 + 1), allow(0));
        assert_eq!(GHES_LIMIT.check(t0 + 2), DENY);
        assert_eq!(GHES_LIMIT.check(t0 + 5 * SEC), DENY);
        assert_eq!(GHES_LIMIT.missed(), 2);
        // Strictly after begin + interval, a new window reports the 2 suppressed events.
        assert_eq!(GHES_LIMIT.check(t0 + 5 * SEC + 1), allow(2));
        assert_eq!(GHES_LIMIT.missed(), 0);
        assert_eq!(GHES_LIMIT.check(t0 + 6 * SEC), allow(0));
        assert_eq!(GHES_LIMIT.check(t0 + 7 * SEC), DENY);
    }

    #[test]
    fn window_start_has_65us_granularity() {
        let limit = RateLimit::new(SEC, 1);
        let begin = 0x2_0000_0000;
        // The window opened at begin + 65535 ns is kept as starting at `begin`.
        assert_eq!(limit.check(begin + 0xffff), allow(0));
        assert_eq!(limit.check(begin + SEC), DENY);
        assert_eq!(limit.check(begin + SEC + 1), allow(1));
    }

    #[test]
    fn window_without_misses_reports_nothing() {
        let limit = RateLimit::new(SEC, 3);
        assert_eq!(limit.check(0), allow(0));
        assert_eq!(limit.check(2 * SEC), allow(0));
        assert_eq!(limit.check(2 * SEC + 1), allow(0));
    }

    #[test]
    fn zero_interval_and_zero_burst() {
        let open = RateLimit::new(0, 0);
        for t in 0..10 {
            assert_eq!(open.check(t), allow(0));
        }
        let closed = RateLimit::new(SEC, 0);
        assert_eq!(closed.check(0), DENY);
        assert_eq!(closed.check(1), DENY);
        // A new window reports the misses even though the event itself is suppressed.
        assert_eq!(
            closed.check(2 * SEC),
            RateLimitVerdict {
                allowed: false,
                suppressed: 2
            }
        );
        assert_eq!(closed.missed(), 1);
    }

    #[test]
    fn burst_is_capped() {
        let limit = RateLimit::new(SEC, u32::MAX);
        for _ in 0..MAX_BURST {
            assert!(limit.check(5).allowed);
        }
        assert_eq!(limit.check(5), DENY);
    }

    #[test]
    fn huge_interval_does_not_overflow() {
        let limit = RateLimit::new(u64::MAX, 1);
        assert_eq!(limit.check(u64::MAX), allow(0));
        assert_eq!(limit.check(u64::MAX), DENY);
    }
}
