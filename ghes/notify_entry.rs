// SPDX-License-Identifier: GPL-2.0

//! The entry points of the notifications the driver serves itself (ACPI 6.5 table 18.14):
//! the SEA and SEI provider hooks (NMI-like), the Hardware Error Device notifier (GPIO,
//! SCI), and the timer and interrupt handlers (polled, external, GSIV). Each has the
//! notified sources' records queued (`Driver::queue_source()`). SDEI's callback is `sdei/`'s.

use core::ffi::c_int;

use kernel::prelude::*;

use crate::driver;
use crate::error_source::{Delivery, Pending};
use crate::fixmap_slot::FixmapSlot;
use crate::hest::{NotifyKind, SerrorClass};

/// SEA hook (`struct apei_ghes_provider.notify_sea`): 0 if a record was queued.
///
/// Context: NMI (inside `apei_claim_sea()`'s `nmi_enter()`). No sleeping, no allocation; the
/// SEA fixmap slot lock is the only lock.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_sea() -> c_int {
    match driver::get() {
        Some(driver)
            if driver
                .queue_notified(NotifyKind::Sea, Delivery::Synchronous)
                .queued =>
        {
            0
        }
        _ => ENOENT.to_errno(),
    }
}

/// SError hook (`struct apei_ghes_provider.notify_sei`): 0 if the SError was claimed.
///
/// The architecture passes its own classification of the syndrome (`class`, an `enum
/// apei_ghes_serror_class`, see [`SerrorClass`]) and keeps the policy: the ESR itself is not
/// decoded here (without the RAS extension its fields are implementation defined). Records in
/// the NOTIFY_SEI blocks claim a contained or a not architected SError; after an uncontained
/// one any record found is reported at KERN_EMERG and acknowledged, never claimed, and
/// `do_serror()` panics. With no record the SError is left to the architecture.
///
/// Which records claim (the same rule as for an SDEI event): one firmware wrote since the
/// last look, whether it was queued or dropped (malformed, or no room in the pool: counted,
/// and in the latter case left un-acknowledged for the next look). A record an earlier look
/// already found and left un-acknowledged is read again and queued if there is room, but it
/// does not claim this SError: it is not what firmware just notified, and an unrelated
/// SError must keep the architecture's verdict.
///
/// Context: NMI (`do_serror()`, between `arm64_enter_nmi()` and `arm64_exit_nmi()`). No
/// sleeping, no allocation; the SEI fixmap slot lock is the only lock.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_sei(
    _regs: *mut kernel::bindings::pt_regs,
    _esr: core::ffi::c_ulong,
    class: core::ffi::c_uint,
) -> c_int {
    let Some(driver) = driver::get() else {
        return ENOENT.to_errno();
    };
    let class = SerrorClass::from_raw(class);
    // An SError is asynchronous: the interrupted task did not necessarily consume the error,
    // so it gets no SIGBUS and memory recovery is not MF_ACTION_REQUIRED (only SEA is a
    // synchronous notification, as in Linux's is_hest_sync_notify()).
    let delivery = if class.may_be_claimed() {
        Delivery::Asynchronous
    } else {
        Delivery::Uncontainable
    };
    if driver.queue_notified(NotifyKind::Sei, delivery).fresh && class.may_be_claimed() {
        0
    } else {
        ENOENT.to_errno()
    }
}

/// The Hardware Error Device was notified (ACPI 6.5 section 18.3.2.7.2, `PNP0C33`): look at
/// every NOTIFY_GPIO, NOTIFY_SCI and NOTIFY_GSIV source (Linux's `ghes_probe()` puts GSIV
/// sources on its HED list and never takes their vector: firmware that notifies them through
/// the HED, such as HiSilicon Hi1620's with vector 0, relies on that). Returns whether any
/// block held a record.
///
/// Context: process context (the HED notifier chain runs from the ACPI notify workqueue).
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_hed() -> bool {
    let Some(driver) = driver::get() else {
        return false;
    };
    let mut found = false;
    for (index, source) in driver.indexed_sources() {
        if matches!(
            source.notify,
            NotifyKind::Gpio | NotifyKind::Sci | NotifyKind::Gsiv
        ) {
            let pending =
                driver.queue_source(index, source, Delivery::Asynchronous, FixmapSlot::Irq);
            found |= !matches!(pending, Pending::Nothing);
        }
    }
    found
}

/// A polled, external-interrupt or GSIV source was notified: queue its record, if any.
/// Returns whether the block held one (handled or dropped), for IRQ_HANDLED.
///
/// Context: timer (softirq) or hard IRQ; the IRQ fixmap slot's lock masks interrupts.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_notify_source(index: u16) -> bool {
    let Some(driver) = driver::get() else {
        return false;
    };
    let Some(source) = driver.source(index) else {
        return false;
    };
    !matches!(
        driver.queue_source(index, source, Delivery::Asynchronous, source.slot),
        Pending::Nothing
    )
}
