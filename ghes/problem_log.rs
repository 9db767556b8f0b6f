// SPDX-License-Identifier: GPL-2.0

//! Rate-limited warnings about bad firmware input, each naming the error source and tagged as
//! Linux tags firmware's faults (`FW_BUG`, `FW_WARN` in include/linux/printk.h), so that log
//! checkers (FWTS, scrapers) find them: "ghes_rs: [Firmware Warn]: source N: <why>".
//!
//! Callable from any context, including NMI-like ones: the limiter is lock-free and printk
//! defers console output from NMI context.

use core::fmt;

use kernel::prelude::*;

use crate::bindings;
use crate::estatus::RateLimit;

/// At most 10 messages every 5 s, like `printk_ratelimited()`'s defaults.
static LIMIT: RateLimit = RateLimit::new(5_000_000_000, 10);

/// Whose fault a message reports, as Linux's printk tags say it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// `FW_BUG`, "[Firmware Bug]: ": firmware's table cannot be right (Linux's HEST and GHES
    /// probe use it for an impossible length, a table overrunning itself).
    FirmwareBug,
    /// `FW_WARN`, "[Firmware Warn]: ": firmware gave something unusable or suspicious (Linux's
    /// GHES uses it for every record it cannot read or refuses).
    FirmwareWarn,
    /// No tag: not firmware's fault (out of memory, pool exhausted, recovery refused), or no
    /// fault at all (a source firmware disabled).
    None,
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tag::FirmwareBug => "[Firmware Bug]: ",
            Tag::FirmwareWarn => "[Firmware Warn]: ",
            Tag::None => "",
        })
    }
}

/// Nanoseconds from an NMI-safe clock.
pub(crate) fn now_ns() -> u64 {
    // SAFETY: `ktime_get_mono_fast_ns()` may be called from any context.
    unsafe { bindings::ghes_rs_now_ns() }
}

/// Warns about firmware's input to error source `source_id`:
/// "ghes_rs: [Firmware Warn]: source N: <why>". Context: any, including NMI.
pub(crate) fn firmware_warn(source_id: u16, why: fmt::Arguments<'_>) {
    report(Tag::FirmwareWarn, source_id, why);
}

/// Warns about a problem of the OS's own while serving error source `source_id`:
/// "ghes_rs: source N: <why>". Context: any, including NMI.
pub(crate) fn warn(source_id: u16, why: fmt::Arguments<'_>) {
    report(Tag::None, source_id, why);
}

fn report(tag: Tag, source_id: u16, why: fmt::Arguments<'_>) {
    let verdict = LIMIT.check(now_ns());
    if verdict.suppressed > 0 {
        pr_warn!(
            "{} firmware problem reports suppressed\n",
            verdict.suppressed
        );
    }
    if verdict.allowed {
        pr_warn!("{}source {}: {}\n", tag, source_id, why);
    }
}
