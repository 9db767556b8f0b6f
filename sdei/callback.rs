// SPDX-License-Identifier: GPL-2.0

//! The SDEI event callback of NOTIFY_SDEI sources (`sdei_event_callback`, through
//! `sdei_shim.c`): the source's block is read through the fixmap slot of the event's
//! priority, normal or critical.

use crate::driver;
use crate::error_source::Delivery;
use crate::fixmap_slot::FixmapSlot;
use crate::hest::NotifyKind;

/// SDEI event callback of the NOTIFY_SDEI source `index`: returns whether its block held a
/// record firmware wrote since the last look (queued or dropped; not one left un-acknowledged
/// by an earlier look). `critical` says which priority firmware gave the event, hence
/// which fixmap slot is used.
///
/// Context: NMI (`__sdei_handler()`); a critical event may interrupt a normal one on the
/// same CPU, which is why each priority has its own slot and lock. No sleeping, no
/// allocation.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_sdei(index: u16, critical: bool) -> bool {
    let Some(driver) = driver::get() else {
        return false;
    };
    let Some(source) = driver.source(index) else {
        return false;
    };
    if source.notify != NotifyKind::SoftwareDelegated {
        return false;
    }
    let slot = if critical {
        FixmapSlot::SdeiCritical
    } else {
        FixmapSlot::SdeiNormal
    };
    // The same rule as for an SError (ghes/notify_entry.rs): only a record firmware wrote
    // since the last look answers the event.
    driver
        .queue_source(index, source, Delivery::Asynchronous, slot)
        .is_fresh()
}
