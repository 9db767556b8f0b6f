// SPDX-License-Identifier: GPL-2.0

//! The notifications that are not exceptions (ACPI 6.5 table 18.14): a timer for
//! NOTIFY_POLLED, an interrupt for NOTIFY_EXTERNAL and NOTIFY_GSIV, the Hardware Error Device
//! notifier for NOTIFY_GPIO and NOTIFY_SCI, and an SDEI event for NOTIFY_SDEI (`sdei/`). SEA
//! and SEI arrive through the GHES provider hooks the driver registers.

use core::ffi::{c_int, c_void};

use kernel::alloc::{flags::GFP_KERNEL, KVec};
use kernel::prelude::*;

use crate::bindings;
use crate::error_source::ErrorSource;
use crate::hest::NotifyKind;
use crate::sdei::{sdei_refusal, SdeiEvent};

/// A running timer, requested interrupt, HED notifier or SDEI event; stopped when dropped.
///
/// # Invariants
///
/// Each was started by the matching `ghes_rs_*_start()` and is stopped once, in [`Drop`].
pub(crate) enum Notification {
    /// `ghes_rs_poll_start()` returned `handle`.
    Timer { handle: *mut c_void },
    /// `ghes_rs_gsi_start()` returned `handle`.
    Interrupt { handle: *mut c_void },
    /// `ghes_rs_hed_start()` succeeded.
    HedNotifier,
    /// A registered SDEI event.
    Sdei {
        /// Held to be dropped: the event unregisters itself.
        _event: SdeiEvent,
    },
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
            // SAFETY: by the type invariant; returns once the notifier cannot run again.
            Self::HedNotifier => unsafe { bindings::ghes_rs_hed_stop() },
            // `SdeiEvent` unregisters itself when dropped, right after this.
            Self::Sdei { .. } => {}
        }
    }
}

/// Starts the timer, interrupt or SDEI event of every polled, external, GSIV and SDEI source,
/// and the HED notifier if there are GPIO, SCI or GSIV sources (GSIV ones are read on HED
/// notifications too, as Linux reads them; one whose GSI another driver owns, or that cannot
/// be taken, is served that way only). An interrupt line another driver mapped keeps its
/// trigger, polarity and mapping (ghes/notify_shim.c). A source whose notification cannot
/// be had is reported and left idle (its block is still read at probe); the others keep
/// working. Running out of memory fails the load (as may `fail_notification_start=`, the
/// kernel's fault injection, see ghes/module_params.c).
///
/// Context: process context, after the driver is published (the handlers look it up).
pub(crate) fn start(sources: &[ErrorSource]) -> Result<KVec<Notification>> {
    let mut started = KVec::new();
    for (index, source) in sources.iter().enumerate() {
        let index = index as u16;
        // SAFETY: plain call.
        if unsafe { bindings::ghes_rs_should_fail_notification_start() } {
            return Err(ENOMEM);
        }
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
                let gsiv = matches!(source.notify, NotifyKind::Gsiv);
                let mut err: c_int = 0;
                // SAFETY: `err` is valid for writes.
                let handle =
                    unsafe { bindings::ghes_rs_gsi_start(index, source.vector, gsiv, &mut err) };
                if handle.is_null() {
                    if gsiv && err == EBUSY.to_errno() {
                        // Another driver owns the line (often the Generic Event Device that
                        // notifies the HED): leave it alone.
                        pr_info!(
                            "source {}: GSI {} belongs to another driver; served through the \
                             Hardware Error Device\n",
                            source.id,
                            source.vector
                        );
                        continue;
                    }
                    // A GSIV source is read on HED notifications too, as Linux reads it.
                    let then = if gsiv {
                        "served through the Hardware Error Device only"
                    } else {
                        "source left idle"
                    };
                    pr_warn!(
                        "source {}: cannot take GSI {}: error {}; {}\n",
                        source.id,
                        source.vector,
                        err,
                        then
                    );
                    continue;
                }
                // INVARIANT: started just above.
                started.push(Notification::Interrupt { handle }, GFP_KERNEL)?;
            }
            NotifyKind::SoftwareDelegated => {
                match SdeiEvent::register(index, source.id, source.vector) {
                    Ok(event) => started.push(Notification::Sdei { _event: event }, GFP_KERNEL)?,
                    Err(e) => pr_warn!(
                        "source {}: cannot register SDEI event {}: error {} ({}); \
                         source left idle\n",
                        source.id,
                        source.vector,
                        e.to_errno(),
                        sdei_refusal(e)
                    ),
                }
            }
            _ => {}
        }
    }
    if sources.iter().any(|s| {
        matches!(
            s.notify,
            NotifyKind::Gpio | NotifyKind::Sci | NotifyKind::Gsiv
        )
    }) {
        // SAFETY: plain call; the notifier finds the published driver.
        let err = unsafe { bindings::ghes_rs_hed_start() };
        if err != 0 {
            pr_warn!("cannot register with the Hardware Error Device: error {}; GPIO, SCI and GSIV sources get no HED notification\n", err);
        } else {
            // INVARIANT: registered just above.
            started.push(Notification::HedNotifier, GFP_KERNEL)?;
        }
    }
    Ok(started)
}
