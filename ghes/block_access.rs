// SPDX-License-Identifier: GPL-2.0

//! How a notification reaches the Generic Error Status Block its status register points at
//! (ACPI 6.5 table 18.14, UEFI 2.10 section N.2.1): through the block's pre-mapping when it
//! is the block mapped at probe (loads and stores only), else through the notification
//! kind's fixmap slot (a mapping, and an unmap that flushes the TLB, per page).

use kernel::error::Result;

use crate::fixmap_slot::SlotGuard;
use crate::idle_check::PremappedBlock;

/// The block at one physical address, for one look under the slot lock.
pub(crate) enum BlockAccess<'a> {
    /// The block mapped at probe.
    Premapped(&'a PremappedBlock),
    /// Any other block, through the held slot.
    Slot(&'a SlotGuard, u64),
}

impl<'a> BlockAccess<'a> {
    /// The way to the block at `paddr`: `premapped` if that is the block it maps, else
    /// `guard`'s slot.
    pub(crate) fn at(
        premapped: Option<&'a PremappedBlock>,
        guard: &'a SlotGuard,
        paddr: u64,
    ) -> Self {
        match premapped {
            Some(block) if block.paddr() == paddr => Self::Premapped(block),
            _ => Self::Slot(guard, paddr),
        }
    }

    /// Copies the block's first `buf.len()` bytes.
    pub(crate) fn read(&self, buf: &mut [u8]) -> Result {
        match self {
            Self::Premapped(block) => block.read(buf),
            Self::Slot(guard, paddr) => guard.read(*paddr, buf),
        }
    }

    /// Writes 0 to block_status.
    pub(crate) fn clear_status(&self) -> Result {
        match self {
            Self::Premapped(block) => {
                block.clear_status();
                Ok(())
            }
            Self::Slot(guard, paddr) => guard.write(*paddr, &0u32.to_le_bytes()),
        }
    }

    /// The block's physical address, for messages.
    pub(crate) fn paddr(&self) -> u64 {
        match self {
            Self::Premapped(block) => block.paddr(),
            Self::Slot(_, paddr) => *paddr,
        }
    }
}
