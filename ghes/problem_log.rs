// SPDX-License-Identifier: GPL-2.0

//! Rate-limited warnings about bad firmware input, each naming the error source.
//!
//! Callable from any context, including NMI-like ones: the limiter is lock-free and printk
//! defers console output from NMI context.

use core::fmt;

use kernel::prelude::*;

use crate::bindings;
use crate::estatus::RateLimit;

/// At most 10 messages every 5 s, like `printk_ratelimited()`'s defaults.
static LIMIT: RateLimit = RateLimit::new(5_000_000_000, 10);

/// Nanoseconds from an NMI-safe clock.
pub(crate) fn now_ns() -> u64 {
    // SAFETY: `ktime_get_mono_fast_ns()` may be called from any context.
    unsafe { bindings::ghes_rs_now_ns() }
}

/// Warns about error source `source_id`: "ghes_rs: source N: <why>".
pub(crate) fn warn(source_id: u16, why: fmt::Arguments<'_>) {
    let verdict = LIMIT.check(now_ns());
    if verdict.suppressed > 0 {
        pr_warn!(
            "{} firmware problem reports suppressed\n",
            verdict.suppressed
        );
    }
    if verdict.allowed {
        pr_warn!("source {}: {}\n", source_id, why);
    }
}
