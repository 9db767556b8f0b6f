// SPDX-License-Identifier: GPL-2.0
//! The estatus pool, queue and duplicate cache: moving Generic Error Status Blocks (ACPI 6.5
//! section 18.3.2.7, Generic Hardware Error Source, and 18.3.2.8, GHESv2) from NMI-like
//! notifications (arm64 SEA, SEI, SDEI normal and critical) to the irq_work that handles them.
//!
//! Linux does this with a `gen_pool`, an `llist` and an RCU-protected cache in
//! `drivers/acpi/apei/ghes.c`. This crate keeps the algorithms portable and testable: it
//! manages slot *indices* and counters over caller-provided atomics, and never touches record
//! bytes. Everything is lock-free and allocation-free, and no operation ever waits for another
//! context, so an NMI-like handler that interrupts any of them on the same CPU can run its own
//! to completion:
//!
//! - [`Pool`]: fixed-size slots, allocated wait-free through an atomic bitmap;
//!   [`size_for`] sizes it from the HEST's NMI-like sources.
//! - [`Queue`]: `llist`-style multi-producer queue of slots; [`Queue::drain`] yields them in
//!   arrival order.
//! - [`DuplicateCache`]: Linux's 4-entry, 10-second duplicate suppression, which here only
//!   decides whether to print; [`print_gate`] combines it with a [`RateLimit`].
//! - [`SourceCounters`]: every record offered is queued then processed, or dropped with a
//!   [`DropReason`].
//!
//! Memory orderings are documented per module; `Documentation/estatus.md` has the design and
//! what the kernel glue must do.
#![cfg_attr(not(CONFIG_RUST), no_std)]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo
    )
)]

mod sync;

mod cache;
mod counters;
mod key;
mod layout;
mod pool;
mod print_gate;
mod queue;
mod ratelimit;

#[cfg(all(test, loom))]
mod loom_models;

pub use cache::{
    CacheInsert, CacheLookup, CacheSlot, DuplicateCache, CACHE_LIFETIME_NS, CACHE_SLOTS,
};
pub use counters::{CountersSnapshot, DropReason, PrintSuppression, SourceCounters};
pub use key::{fingerprint, CacheKey};
pub use layout::{
    bitmap_words, size_for, LayoutError, NmiSourceSizing, PoolLayout, BASE_POOL_SLOTS,
    ESTATUS_HEADER_LEN, MAX_NODE_HEADER, MAX_POOL_BYTES, MAX_POOL_SLOTS,
    MAX_PREALLOCATE_PER_SOURCE, MAX_RECORD_LEN, MAX_SLOT_BYTES, SLOTS_PER_PREALLOCATED_RECORD,
    SLOT_ALIGN,
};
pub use pool::{Pool, PoolError, ReserveError, Slot, MAX_SLOTS};
pub use print_gate::{print_gate, PrintDecision, PrintVerdict};
pub use queue::{Drain, Queue};
pub use ratelimit::{
    RateLimit, RateLimitVerdict, GHES_PRINT_BURST, GHES_PRINT_INTERVAL_NS, MAX_BURST,
};
pub use sync::AtomicWord;
