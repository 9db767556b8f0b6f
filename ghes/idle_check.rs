// SPDX-License-Identifier: GPL-2.0

//! The pre-mapped idle check: an error status block (ACPI 6.5 table 18.14) and its Error
//! Status Address register mapped once at probe, so a notification that finds no record
//! (block_status 0) costs two loads, with no lock, no fixmap update (whose unmap flushes the
//! TLB) and no walk of ACPICA's mapping list (`apei_read()` looks the register up on every
//! read). Newer mainline Linux pre-maps the block for its NMI-like paths too. A record in
//! that block is copied and cleared through the same mapping ([`PremappedBlock::read`]).

use core::ffi::c_void;

use kernel::error::{code::EINVAL, Result};

use crate::bindings;

/// A block mapped at probe at the address its status register held then, and that register.
///
/// # Invariants
///
/// `vaddr` maps the `len` bytes of the block at `paddr` (`len` >= 20), and `status` the
/// `status_bytes` (4 or 8) of the Error Status Address register, until [`Drop`].
pub(crate) struct PremappedBlock {
    paddr: u64,
    vaddr: *mut c_void,
    len: u32,
    status: *mut c_void,
    status_bytes: u32,
}

// SAFETY: the mapping is a plain kernel virtual address, valid on every CPU.
unsafe impl Send for PremappedBlock {}
// SAFETY: `&PremappedBlock` only reads block_status through the mapping.
unsafe impl Sync for PremappedBlock {}

impl PremappedBlock {
    /// Maps the status register at `status_paddr` (`status_bits` 32 or 64 wide, bit offset
    /// 0, system memory: `Ghes::validate` checked) and the `len` bytes at `paddr`, the block
    /// it points at; `None` if `paddr` is 0 or either cannot be mapped (the source then
    /// always takes the locked path). Context: process context.
    pub(crate) fn map(status_paddr: u64, status_bits: u8, paddr: u64, len: u32) -> Option<Self> {
        let status_bytes = match status_bits {
            32 => 4,
            64 => 8,
            _ => return None,
        };
        if paddr == 0 {
            return None;
        }
        // SAFETY: plain call; the shim maps with the attributes firmware gave the range.
        let status = unsafe { bindings::ghes_rs_block_premap(status_paddr, status_bytes) };
        if status.is_null() {
            return None;
        }
        // SAFETY: as above.
        let vaddr = unsafe { bindings::ghes_rs_block_premap(paddr, len) };
        if vaddr.is_null() {
            // SAFETY: mapped just above, unmapped once, here.
            unsafe { bindings::ghes_rs_block_unmap(status, status_bytes) };
            // Not `then_some(Self { .. })`: that builds the value, and drops (unmaps) it,
            // even when the mapping failed.
            return None;
        }
        // INVARIANT: both mappings succeeded.
        Some(Self {
            paddr,
            vaddr,
            len,
            status,
            status_bytes,
        })
    }

    /// The block's physical address.
    pub(crate) fn paddr(&self) -> u64 {
        self.paddr
    }

    /// Copies the block's first `buf.len()` bytes; fails if they are not all mapped.
    /// Context: any, including NMI; the caller serialises readers of the block (the slot
    /// lock), as for a fixmap read.
    pub(crate) fn read(&self, buf: &mut [u8]) -> Result {
        let len = u32::try_from(buf.len()).map_err(|_| EINVAL)?;
        if len > self.len {
            return Err(EINVAL);
        }
        // SAFETY: by the type invariant `len` <= `self.len` bytes at `vaddr` are mapped;
        // `buf` is valid for writes of `len` bytes.
        unsafe { bindings::ghes_rs_copy_from_io(buf.as_mut_ptr().cast(), self.vaddr, len) };
        Ok(())
    }

    /// Writes 0 to block_status: the record is consumed. Context: any, including NMI.
    pub(crate) fn clear_status(&self) {
        // SAFETY: by the type invariant the block's first word is mapped.
        unsafe { bindings::ghes_rs_block_clear(self.vaddr) };
    }

    /// Whether the source certainly holds no record: its status register still points at the
    /// pre-mapped block and that block's block_status is 0. `false` means "look properly"
    /// (another block, or a record). Context: any, including NMI; lock-free.
    #[inline]
    pub(crate) fn is_idle(&self) -> bool {
        // SAFETY: by the type invariant the register and the block's first word are mapped.
        unsafe {
            bindings::ghes_rs_reg_read(self.status, self.status_bytes == 8) == self.paddr
                && bindings::ghes_rs_block_status(self.vaddr) == 0
        }
    }
}

impl Drop for PremappedBlock {
    fn drop(&mut self) {
        // SAFETY: mapped in `map`, unmapped once, here.
        unsafe {
            bindings::ghes_rs_block_unmap(self.vaddr, self.len);
            bindings::ghes_rs_block_unmap(self.status, self.status_bytes);
        }
    }
}

/// Firmware's side, for the KUnit suites.
#[cfg(CONFIG_GHES_RS_KUNIT_TEST)]
impl PremappedBlock {
    /// Rewrites the block's data_length to 0xffff and its first 100 payload bytes to 0xa5,
    /// through the mapping: no lock, so any context, including NMI.
    pub(crate) fn scribble(&self) {
        // SAFETY: by the type invariant the `len` (>= 20) bytes of the block are mapped.
        unsafe { bindings::ghes_rs_block_scribble(self.vaddr, self.len) };
    }
}
