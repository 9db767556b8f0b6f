// SPDX-License-Identifier: GPL-2.0

//! The per-notification fixmap slots error status blocks are read through, and their locks
//! (`enum apei_ghes_slot` in the kernel patch series, `include/acpi/ghes_hooks.h`).
//!
//! Each notification kind has its own slot and its own lock, so an NMI-like notification that
//! interrupts another kind's reader never waits for a lock the interrupted code holds.

use core::ffi::c_ulong;

use kernel::error::{to_result, Result};

use crate::bindings;
use crate::hest::NotifyKind;

/// A fixmap slot (`enum apei_ghes_slot`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FixmapSlot {
    /// Polled, external interrupt, GSIV, GPIO/SCI, and every read from process context:
    /// not NMI-like.
    Irq = 0,
    /// NOTIFY_SEA.
    Sea = 1,
    /// NOTIFY_SEI.
    Sei = 2,
    /// NOTIFY_SDEI events of normal priority.
    SdeiNormal = 3,
    /// NOTIFY_SDEI events of critical priority (chosen at SDEI registration, which firmware
    /// answers with the event's priority).
    SdeiCritical = 4,
}

impl FixmapSlot {
    /// The slot a source notified by `kind` reads through.
    pub(crate) fn for_notify(kind: NotifyKind) -> Self {
        match kind {
            NotifyKind::Sea => Self::Sea,
            NotifyKind::Sei => Self::Sei,
            NotifyKind::SoftwareDelegated => Self::SdeiNormal,
            _ => Self::Irq,
        }
    }

    /// Takes the slot's lock with interrupts masked.
    ///
    /// Context: any, including NMI. Spins only while another CPU reads through this slot.
    pub(crate) fn lock(self) -> SlotGuard {
        // SAFETY: `self as u32` is a valid `enum apei_ghes_slot` value.
        let flags = unsafe { bindings::ghes_rs_slot_lock(self as u32) };
        SlotGuard { slot: self, flags }
    }
}

/// Holds a slot's lock; physical memory is copied through the slot while it lives.
pub(crate) struct SlotGuard {
    slot: FixmapSlot,
    flags: c_ulong,
}

impl SlotGuard {
    /// Copies `buf.len()` bytes from physical address `paddr` (any alignment, any number of
    /// pages). Fails if the range wraps around the address space or is too long.
    pub(crate) fn read(&self, paddr: u64, buf: &mut [u8]) -> Result {
        let len = u32::try_from(buf.len()).map_err(|_| kernel::error::code::EINVAL)?;
        // SAFETY: `buf` is valid for writes of `len` bytes; the slot's lock is held (`self`).
        to_result(unsafe {
            bindings::ghes_rs_copy_phys(buf.as_mut_ptr().cast(), paddr, len, true, self.slot as u32)
        })
    }

    /// Copies `buf` to physical address `paddr`.
    pub(crate) fn write(&self, paddr: u64, buf: &[u8]) -> Result {
        let len = u32::try_from(buf.len()).map_err(|_| kernel::error::code::EINVAL)?;
        // SAFETY: the shim only reads `buf` (`from_phys` is false), valid for `len` bytes; the
        // slot's lock is held.
        to_result(unsafe {
            bindings::ghes_rs_copy_phys(
                buf.as_ptr().cast_mut().cast(),
                paddr,
                len,
                false,
                self.slot as u32,
            )
        })
    }
}

impl Drop for SlotGuard {
    fn drop(&mut self) {
        // SAFETY: the lock was taken by `FixmapSlot::lock` with these flags, released once.
        unsafe { bindings::ghes_rs_slot_unlock(self.slot as u32, self.flags) };
    }
}
