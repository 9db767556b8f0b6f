// SPDX-License-Identifier: GPL-2.0

//! The notifications that are not exceptions (ACPI 6.5 table 18.14): a timer for
//! NOTIFY_POLLED, an interrupt for NOTIFY_EXTERNAL and NOTIFY_GSIV. SEA arrives through the
//! GHES provider hook the driver registers; SEI and SDEI are not wired up yet.

use core::ffi::{c_int, c_void};

use kernel::alloc::{flags::GFP_KERNEL, KVec};
use kernel::prelude::*;

use crate::bindings;
use crate::error_source::ErrorSource;
use crate::hest::NotifyKind;

/// A running timer or requested interrupt; stopped when dropped.
///
/// # Invariants
///
/// `handle` came from the matching `ghes_rs_*_start()` and is stopped once, in [`Drop`].
pub(crate) enum Notification {
    /// `ghes_rs_poll_start()`.
    Timer { handle: *mut c_void },
    /// `ghes_rs_gsi_start()`.
    Interrupt { handle: *mut c_void },
}

// SAFETY: the handles are plain kernel objects that may be stopped from any process context.
unsafe impl Send for Notification {}
// SAFETY: `&Notification` gives no access to the handle.
unsafe impl Sync for Notification {}

impl Drop for Notification {
    fn drop(&mut self) {
        match *self {
            // SAFETY: by the type invariant; returns once the timer cannot run again.
            Self::Timer { handle } => unsafe { bindings::ghes_rs_poll_stop(handle) },
            // SAFETY: by the type invariant; returns once the handler cannot run again.
            Self::Interrupt { handle } => unsafe { bindings::ghes_rs_gsi_stop(handle) },
        }
    }
}

/// Starts the timer or interrupt of every polled, external and GSIV source. A source whose
/// interrupt cannot be had is reported and left idle; the others keep working.
///
/// Context: process context, after the driver is published (the handlers look it up).
pub(crate) fn start(sources: &[ErrorSource]) -> Result<KVec<Notification>> {
    let mut started = KVec::new();
    for (index, source) in sources.iter().enumerate() {
        let index = index as u16;
        match source.notify {
            NotifyKind::Polled => {
                // SAFETY: plain call; `poll_interval` is non-zero (`Ghes::validate`).
                let handle = unsafe { bindings::ghes_rs_poll_start(index, source.poll_interval) };
                if handle.is_null() {
                    return Err(ENOMEM);
                }
                // INVARIANT: started just above.
                started.push(Notification::Timer { handle }, GFP_KERNEL)?;
            }
            NotifyKind::External | NotifyKind::Gsiv => {
                let mut err: c_int = 0;
                // SAFETY: `err` is valid for writes.
                let handle = unsafe { bindings::ghes_rs_gsi_start(index, source.vector, &mut err) };
                if handle.is_null() {
                    pr_warn!(
                        "source {}: cannot take GSI {}: error {}; source left idle\n",
                        source.id,
                        source.vector,
                        err
                    );
                    continue;
                }
                // INVARIANT: started just above.
                started.push(Notification::Interrupt { handle }, GFP_KERNEL)?;
            }
            _ => {}
        }
    }
    Ok(started)
}
