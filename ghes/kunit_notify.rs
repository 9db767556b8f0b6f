// SPDX-License-Identifier: GPL-2.0

//! Entry points for the KUnit suite `ghes_rs_notify` (`ghes/notify_kunit.c`): the live
//! driver's sources, written to as firmware would, so that the C test cases can enter the
//! real NOTIFY_SEI and NOTIFY_SDEI handlers under `nmi_enter()`
//! (`apei_ghes_test_call_in_nmi()`) on a machine that cannot raise either (ACPI 6.5 section
//! 18.3.2.9; UEFI 2.10 section N.2.5, platform memory error).
//!
//! Built only with `make GHES_RS_KUNIT_TEST=m`. The records are corrected memory errors, so
//! processing them changes no page.

use core::ffi::{c_int, c_void};

use kernel::prelude::*;

use crate::cper::{BodySpec, EstatusBuilder, MemError, MemErrorSpec, SectionSpec};
use crate::driver;
use crate::error_source::ErrorSource;
use crate::hest::NotifyKind;
use crate::interruption_point::READ_INTERRUPTION;

/// CPER section and record severity "corrected".
const SEV_CORRECTED: u32 = 2;

/// `struct ghes_rs_kunit_source`: what a test case can check about a source.
#[repr(C)]
pub(crate) struct GhesRsKunitSource {
    block_status: u32,
    has_ack: bool,
    ack: u64,
    queued: u64,
    processed: u64,
    dropped: u64,
}

/// Has the next record read by a handler be interrupted by `func(arg)` while that handler
/// holds its fixmap slot's lock and a reserved pool slot (see `ErrorSource::queue_pending`),
/// unless the handler reads through slot `not_in` (an `enum apei_ghes_slot` value; any other
/// value means no exception): an event never interrupts its own kind (an SDEI critical event
/// cannot interrupt an SDEI critical handler; it would wait for the lock that handler holds).
/// `func` runs once, on the CPU and in the context of that handler. A null `func` disarms.
///
/// # Safety
///
/// `func` is null or an `extern "C" fn(*mut c_void)` that may run in NMI context, and `arg`
/// stays valid until it has run or is disarmed.
#[no_mangle]
pub(crate) unsafe extern "C" fn ghes_rs_kunit_interrupt_next(
    func: *mut c_void,
    arg: *mut c_void,
    not_in: u32,
) {
    // SAFETY: the caller's promise is `arm`'s.
    unsafe { READ_INTERRUPTION.arm(func, arg, not_in) };
}

fn source(index: u16) -> Option<&'static ErrorSource> {
    driver::sources().get(usize::from(index))
}

/// The driver's index of the `nth` (from 0) source notified by ACPI notification type
/// `notify_type`, or -ENOENT.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_find_source(notify_type: u8, nth: u32) -> c_int {
    let kind = NotifyKind::from_raw(notify_type);
    driver::sources()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.notify == kind)
        .nth(nth as usize)
        .map_or(ENOENT.to_errno(), |(i, _)| i as c_int)
}

/// Acting as firmware: writes a corrected memory-error record for physical address `pa`
/// into source `index`'s block. Returns 0, -EBUSY if the previous record is not consumed,
/// or another negative errno.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_firmware_write(index: u16, pa: u64) -> c_int {
    let Some(source) = source(index) else {
        return ENOENT.to_errno();
    };
    let mut buf = [0u8; 256];
    let len = {
        let Ok(mut b) = EstatusBuilder::new(&mut buf) else {
            return EINVAL.to_errno();
        };
        let mem = MemErrorSpec {
            validation_bits: MemError::VALID_PA,
            physical_addr: pa,
            ..Default::default()
        };
        let section = SectionSpec::new(BodySpec::Memory(mem)).severity(SEV_CORRECTED);
        b.severity(SEV_CORRECTED);
        if b.section(&section).is_err() {
            return EINVAL.to_errno();
        }
        match b.finish() {
            Ok(len) => len,
            Err(_) => return EINVAL.to_errno(),
        }
    };
    let Some(record) = buf.get(..len) else {
        return EINVAL.to_errno();
    };
    match source.firmware_write(record) {
        Ok(()) => 0,
        Err(e) => e.to_errno(),
    }
}

/// Fills `*out` with source `index`'s block_status, read-ack value and counters.
/// Returns 0 or a negative errno.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_source_state(
    index: u16,
    out: *mut GhesRsKunitSource,
) -> c_int {
    let Some(source) = source(index) else {
        return ENOENT.to_errno();
    };
    let (block_status, ack) = match source.firmware_view() {
        Ok(view) => view,
        Err(e) => return e.to_errno(),
    };
    let c = source.counters.snapshot();
    let state = GhesRsKunitSource {
        block_status,
        has_ack: ack.is_some(),
        ack: ack.unwrap_or(0),
        queued: c.queued,
        processed: c.processed,
        // Every drop has one reason; `dropped_after_queue` counts a subset of them again.
        dropped: c.dropped_pool_exhausted + c.dropped_malformed + c.dropped_too_large,
    };
    // SAFETY: the C caller passes a valid, writable `struct ghes_rs_kunit_source`.
    unsafe { out.write(state) };
    0
}

/// Acting as firmware that rewrites a block while the OS reads it: source `index`'s block
/// gets a data_length of 0xffff and a payload of 0xa5 bytes, block_status untouched.
/// Returns 0 or a negative errno. Context: any; takes the IRQ slot's lock.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_kunit_firmware_scribble(index: u16) -> c_int {
    let Some(source) = source(index) else {
        return ENOENT.to_errno();
    };
    match source.firmware_scribble() {
        Ok(()) => 0,
        Err(e) => e.to_errno(),
    }
}
