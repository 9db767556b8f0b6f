// SPDX-License-Identifier: GPL-2.0

//! The pre-mapped idle check: an error status block (ACPI 6.5 table 18.14) mapped once at
//! probe, so a notification that finds no record (block_status 0) costs one register read and
//! one load, with no lock and no fixmap update (whose unmap flushes the TLB). Newer mainline
//! Linux does the same for its NMI-like paths.

use core::ffi::c_void;

use crate::bindings;

/// A block mapped at probe at the address its status register held then.
///
/// # Invariants
///
/// `vaddr` maps the `len` bytes of the block at `paddr` (`len` >= 20), until [`Drop`].
pub(crate) struct PremappedBlock {
    paddr: u64,
    vaddr: *mut c_void,
    len: u32,
}

// SAFETY: the mapping is a plain kernel virtual address, valid on every CPU.
unsafe impl Send for PremappedBlock {}
// SAFETY: `&PremappedBlock` only reads block_status through the mapping.
unsafe impl Sync for PremappedBlock {}

impl PremappedBlock {
    /// Maps `len` bytes at `paddr`; `None` if the address is 0 or cannot be mapped (the
    /// source then always takes the fixmap path). Context: process context.
    pub(crate) fn map(paddr: u64, len: u32) -> Option<Self> {
        if paddr == 0 {
            return None;
        }
        // SAFETY: plain call; the shim maps with the attributes firmware gave the range.
        let vaddr = unsafe { bindings::ghes_rs_block_premap(paddr, len) };
        if vaddr.is_null() {
            // Not `then_some(Self { .. })`: that builds the value, and drops (unmaps) it,
            // even when the mapping failed.
            return None;
        }
        // INVARIANT: non-null means mapped.
        Some(Self { paddr, vaddr, len })
    }

    /// Whether the block at `paddr`, the status register's current value, certainly holds
    /// no record: it is the pre-mapped block and its block_status is 0. `false` means "look
    /// properly" (another block, or a record). Context: any, including NMI; lock-free.
    pub(crate) fn is_idle(&self, paddr: u64) -> bool {
        // SAFETY: by the type invariant the first word of the block is mapped.
        paddr == self.paddr && unsafe { bindings::ghes_rs_block_status(self.vaddr) } == 0
    }
}

impl Drop for PremappedBlock {
    fn drop(&mut self) {
        // SAFETY: mapped in `map`, unmapped once, here.
        unsafe { bindings::ghes_rs_block_unmap(self.vaddr, self.len) };
    }
}
