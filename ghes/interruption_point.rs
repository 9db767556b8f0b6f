// SPDX-License-Identifier: GPL-2.0

//! A point in the NMI-safe read of a record where a test may have another notification
//! arrive: the moment a handler holds its fixmap slot's lock and a reserved pool slot not yet
//! queued (`ErrorSource::queue_pending`). The read owns the hook; the KUnit suites arm it.
//!
//! Built only with `GHES_RS_KUNIT_TEST=m`.

use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicU32, Ordering};

use crate::fixmap_slot::FixmapSlot;

/// A C function and its argument, run once at the next [`InterruptionPoint::reach`] that is
/// not in the handler of one fixmap slot.
pub(crate) struct InterruptionPoint {
    func: AtomicPtr<c_void>,
    arg: AtomicPtr<c_void>,
    not_in: AtomicU32,
}

/// The interruption point of `ErrorSource::queue_pending`.
pub(crate) static READ_INTERRUPTION: InterruptionPoint = InterruptionPoint {
    func: AtomicPtr::new(ptr::null_mut()),
    arg: AtomicPtr::new(ptr::null_mut()),
    not_in: AtomicU32::new(u32::MAX),
};

impl InterruptionPoint {
    /// Has the next handler to reach this point run `func(arg)`, unless that handler reads
    /// through slot `not_in` (an `enum apei_ghes_slot` value; any other value means no
    /// exception): an event never interrupts its own kind. A null `func` disarms.
    ///
    /// # Safety
    ///
    /// `func` is null or an `extern "C" fn(*mut c_void)` that may run in NMI context, and
    /// `arg` stays valid until it has run or is disarmed.
    pub(crate) unsafe fn arm(&self, func: *mut c_void, arg: *mut c_void, not_in: u32) {
        self.arg.store(arg, Ordering::Relaxed);
        self.not_in.store(not_in, Ordering::Relaxed);
        self.func.store(func, Ordering::Release);
    }

    /// Runs the armed function, once, unless the handler reading through `slot` is the one
    /// it must not interrupt. Context: any, including NMI.
    pub(crate) fn reach(&self, slot: FixmapSlot) {
        let func = self.func.load(Ordering::Acquire);
        if func.is_null() || self.not_in.load(Ordering::Relaxed) == slot as u32 {
            return;
        }
        // Claim it: another CPU may be at its own interruption point.
        if self
            .func
            .compare_exchange(func, ptr::null_mut(), Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            return;
        }
        let arg = self.arg.load(Ordering::Relaxed);
        // SAFETY: `func` is the non-null `extern "C" fn(*mut c_void)` the caller of `arm`
        // promised, with `arg` still valid.
        unsafe {
            let func: extern "C" fn(*mut c_void) = core::mem::transmute(func);
            func(arg);
        }
    }
}
