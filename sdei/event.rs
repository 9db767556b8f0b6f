// SPDX-License-Identifier: GPL-2.0

//! An SDEI event registered and enabled for a NOTIFY_SDEI source
//! (`sdei_register_ghes_event()`), unregistered when dropped.

use kernel::error::to_result;
use kernel::prelude::*;

use crate::bindings;

/// A registered, enabled SDEI event.
///
/// # Invariants
///
/// `event` was registered by `ghes_rs_sdei_start()` and is unregistered once, in [`Drop`].
pub(crate) struct SdeiEvent {
    /// HEST id of the source, for messages.
    id: u16,
    /// The SDEI event number (the HEST notification's vector).
    event: u32,
}

impl SdeiEvent {
    /// Registers and enables SDEI event `event` for the driver's source `index` (HEST id
    /// `id`). Firmware says the event's priority, which picks the callback. Fails when there
    /// is no SDEI firmware or it refuses the event.
    ///
    /// Context: process context, after the driver is published (the callbacks look it up).
    pub(crate) fn register(index: u16, id: u16, event: u32) -> Result<Self> {
        // SAFETY: plain call; the callbacks find the published driver.
        to_result(unsafe { bindings::ghes_rs_sdei_start(index, event) })?;
        // INVARIANT: registered just above.
        Ok(Self { id, event })
    }
}

/// What a registration error `e` from [`SdeiEvent::register`] means, for the message: Linux's
/// SDEI driver says -EIO when there is no SDEI firmware to call, and -EINVAL when the
/// firmware's EVENT_GET_INFO or EVENT_REGISTER rejects the event number as invalid (Arm DEN0054
/// 5.1.2: INVALID_PARAMETERS, an event the platform does not define).
pub(crate) fn refusal(e: Error) -> &'static str {
    if e == EIO {
        "no SDEI firmware?"
    } else if e == EINVAL {
        "the firmware has no such event"
    } else {
        "the firmware refused it"
    }
}

impl Drop for SdeiEvent {
    fn drop(&mut self) {
        // SAFETY: by the type invariant.
        let err = unsafe { bindings::ghes_rs_sdei_stop(self.event) };
        if err != 0 {
            // Firmware kept the event bound to our callback, which may be running on another
            // CPU: the driver it uses must outlive this (leaked, as Linux's ghes_remove()
            // leaks its struct ghes). The callback's code itself goes with the module; only a
            // reboot makes the event safe again, hence the critical message.
            crate::driver::handler_stuck();
            pr_crit!(
                "source {}: SDEI event {} did not unregister (error {}): firmware may still call ghes_rs\n",
                self.id,
                self.event,
                err
            );
        }
    }
}
