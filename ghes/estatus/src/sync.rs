// SPDX-License-Identifier: GPL-2.0
//! The atomic types every algorithm of this crate uses.
//!
//! `core::sync::atomic` in the kernel and in host builds; loom's model-checked atomics when the
//! crate's own unit tests are built with `RUSTFLAGS="--cfg loom"`. Only `cfg(all(loom, test))`
//! switches, because loom is a dev-dependency: integration tests and the kernel always see
//! `core`'s types.

#[cfg(not(all(loom, test)))]
pub(super) use core::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize};
#[cfg(all(loom, test))]
pub(super) use loom::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize};

pub(super) use core::sync::atomic::Ordering;

/// One word of caller-provided pool state (allocation bitmap or queue links).
///
/// `usize` is the native compare-and-swap width on every Linux architecture (64 bits on arm64).
pub type AtomicWord = AtomicUsize;

/// Defines a constructor that is a `const fn` except under loom, whose atomics have no `const`
/// constructor. Statics in the kernel need the `const` form.
macro_rules! const_fn_unless_loom {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(not(all(loom, test)))]
        $(#[$meta])*
        $vis const fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(all(loom, test))]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(super) use const_fn_unless_loom;
