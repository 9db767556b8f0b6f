// SPDX-License-Identifier: GPL-2.0
//! Sizing the estatus pool from the NMI-like error sources of the HEST.
//!
//! Linux sizes one `gen_pool` for all sources as
//! `PAGE_ALIGN(GHES_ESTATUS_CACHE_AVG_SIZE * GHES_ESTATUS_CACHE_ALLOCED_MAX + num_ghes * 64 KiB)`
//! (`ghes_estatus_pool_init()`). This crate uses fixed-size slots instead; [`size_for`] computes
//! how many and how large, and where each slot and each duplicate-cache copy lives in the one
//! region the kernel glue allocates. The formula is documented on [`size_for`].

use core::fmt;
use core::ops::Range;

use super::cache::{CacheSlot, CACHE_SLOTS};

/// Size of the Generic Error Status Block header (`struct acpi_hest_generic_status`), the
/// smallest possible record.
pub const ESTATUS_HEADER_LEN: u32 = 20;

/// Largest record Linux accepts from one error source (`GHES_ESTATUS_MAX_SIZE`): larger
/// `error_block_length` values are capped to this.
pub const MAX_RECORD_LEN: u32 = 65536;

/// Alignment of slots, copies and record capacities (Linux's pool granule,
/// `1 << GHES_ESTATUS_POOL_MIN_ALLOC_ORDER`).
pub const SLOT_ALIGN: u32 = 8;

/// Slots reserved per record a source asks to preallocate: one copy may still be held by the
/// consumer (irq_work) while the acknowledged source delivers the next record.
pub const SLOTS_PER_PREALLOCATED_RECORD: u32 = 2;

/// Cap on one source's `records_to_preallocate` (the HEST is firmware input).
pub const MAX_PREALLOCATE_PER_SOURCE: u32 = 16;

/// Slots a pool may have whatever its sources declare; a HEST with more NMI-like sources
/// than this raises the cap to one slot per source (up to [`MAX_POOL_SLOTS`]).
pub const BASE_POOL_SLOTS: u32 = 256;

/// Absolute cap on the number of slots of one pool (the HEST is firmware input).
pub const MAX_POOL_SLOTS: u32 = 4096;

/// Bytes all slots together may take whatever the sources declare (before the cache copies
/// are added); more only to give each source one slot (up to [`MAX_POOL_BYTES`]).
pub const MAX_SLOT_BYTES: usize = 4 << 20;

/// Absolute cap on the bytes of all slots together: Linux's pool for 1024 sources of 64 KiB.
pub const MAX_POOL_BYTES: usize = 64 << 20;

/// Largest node header the glue may put in front of each record.
pub const MAX_NODE_HEADER: u32 = 4096;

/// What sizing needs to know about one NMI-like (SEA, SEI, SDEI) error source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NmiSourceSizing {
    /// The source's Error Status Block Length from the HEST (bytes).
    pub error_block_length: u32,
    /// The source's Number of Records To Pre-allocate from the HEST.
    pub records_to_preallocate: u32,
}

/// The result of [`size_for`]: slot count and size, and the map of the region the glue
/// allocates (`vmalloc(vmalloc_bytes)`): the slots from offset 0, then the cache copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolLayout {
    /// Bytes the glue keeps in front of each record in a slot (its own node header).
    pub node_header_bytes: u32,
    /// Largest record a slot can hold (pass to [`Pool::new`](super::Pool::new)).
    pub record_capacity: u32,
    /// Bytes per slot: `node_header_bytes + record_capacity`, rounded up to [`SLOT_ALIGN`].
    pub slot_size: u32,
    /// Number of slots (pass to [`Pool::new`](super::Pool::new) and
    /// [`Queue::new`](super::Queue::new)).
    pub slots: u32,
    /// Words the allocation bitmap needs.
    pub bitmap_words: usize,
    /// Words the queue links need (one per slot).
    pub link_words: usize,
    /// Bytes of all slots: `slots * slot_size`.
    pub slot_bytes: usize,
    /// Bytes of one duplicate-cache record copy (`record_capacity`).
    pub cache_copy_size: u32,
    /// Bytes of all cache copies: `CACHE_SLOTS * cache_copy_size`, right after the slots.
    pub cache_bytes: usize,
    /// Bytes to allocate: `slot_bytes + cache_bytes` rounded up to the page size.
    pub vmalloc_bytes: usize,
}

/// Why a pool cannot be laid out or set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutError {
    /// No NMI-like source was given: no pool is needed.
    NoSources,
    /// The page size is zero or not a power of two.
    BadPageSize {
        /// The page size given.
        page_size: usize,
    },
    /// The glue's node header is larger than [`MAX_NODE_HEADER`].
    HeaderTooLarge {
        /// The header size given.
        bytes: u32,
    },
    /// A pool needs at least one slot.
    ZeroSlots,
    /// More slots than the queue's links can name.
    TooManySlots {
        /// Slots asked for.
        slots: u32,
        /// The limit.
        max: u32,
    },
    /// The caller's bitmap or link storage is too short.
    StorageTooShort {
        /// Which storage: "bitmap" or "links".
        what: &'static str,
        /// Words given.
        words: usize,
        /// Words needed.
        needed: usize,
    },
    /// A slot must hold at least the 20-byte status block header.
    CapacityTooSmall {
        /// Capacity given.
        capacity: u32,
    },
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoSources => f.write_str("estatus pool: no NMI-like error source"),
            Self::BadPageSize { page_size } => {
                write!(f, "estatus pool: page size {page_size} is not a power of two")
            }
            Self::HeaderTooLarge { bytes } => write!(
                f,
                "estatus pool: node header of {bytes} bytes exceeds {MAX_NODE_HEADER}"
            ),
            Self::ZeroSlots => f.write_str("estatus pool: zero slots"),
            Self::TooManySlots { slots, max } => {
                write!(f, "estatus pool: {slots} slots exceed the limit of {max}")
            }
            Self::StorageTooShort {
                what,
                words,
                needed,
            } => write!(
                f,
                "estatus pool: {what} storage has {words} words, {needed} needed"
            ),
            Self::CapacityTooSmall { capacity } => write!(
                f,
                "estatus pool: record capacity {capacity} is below the {ESTATUS_HEADER_LEN}-byte header"
            ),
        }
    }
}

/// Words of a bitmap with one bit per slot.
pub const fn bitmap_words(slots: u32) -> usize {
    (slots as usize).div_ceil(usize::BITS as usize)
}

/// Rounds `value` up to a multiple of `align` (a power of two); `None` on overflow.
fn align_up(value: usize, align: usize) -> Option<usize> {
    let mask = align.checked_sub(1)?;
    Some(value.checked_add(mask)? & !mask)
}

/// Sizes the pool for `sources` (the enabled NMI-like ones) with `node_header_bytes` of glue
/// header per slot and the kernel's `page_size`.
///
/// The formula:
/// - `block(s) = clamp(error_block_length(s), 20, 65536)`: a record never exceeds its source's
///   error status block, and Linux caps blocks at 64 KiB;
/// - `record_capacity = align8(max over s of block(s))`;
///   `slot_size = align8(node_header_bytes + record_capacity)`;
/// - `slots = sum over s of 2 * clamp(records_to_preallocate(s), 1, 16)`, then capped at
///   `max(256, n)` slots and `max(4 MiB, n * slot_size)` bytes, for `n` sources, so that each
///   source has at least one slot however many a big server declares (one SEA source per
///   CPU is common), within absolute caps of 4096 slots and 64 MiB (never below 1 slot).
///   At the cap a source whose record finds no free slot leaves it un-acknowledged:
///   firmware keeps it, the next notification reads it again, and the drop is counted.
/// - the region is `slots * slot_size` bytes of slots followed by 4 cache copies of
///   `record_capacity` bytes, page-aligned.
pub fn size_for<I>(
    sources: I,
    node_header_bytes: u32,
    page_size: usize,
) -> Result<PoolLayout, LayoutError>
where
    I: IntoIterator<Item = NmiSourceSizing>,
{
    if page_size == 0 || !page_size.is_power_of_two() {
        return Err(LayoutError::BadPageSize { page_size });
    }
    if node_header_bytes > MAX_NODE_HEADER {
        return Err(LayoutError::HeaderTooLarge {
            bytes: node_header_bytes,
        });
    }
    let mut largest_block = 0u32;
    let mut slots = 0u32;
    let mut count = 0u32;
    for source in sources {
        count = count.saturating_add(1);
        let block = source
            .error_block_length
            .clamp(ESTATUS_HEADER_LEN, MAX_RECORD_LEN);
        largest_block = largest_block.max(block);
        let records = source
            .records_to_preallocate
            .clamp(1, MAX_PREALLOCATE_PER_SOURCE);
        slots = slots.saturating_add(records.saturating_mul(SLOTS_PER_PREALLOCATED_RECORD));
    }
    if count == 0 {
        return Err(LayoutError::NoSources);
    }
    // All values below are bounded by the caps above: 64 KiB + 4 KiB per slot, 4096 slots.
    let align = SLOT_ALIGN as usize;
    let overflow = LayoutError::TooManySlots {
        slots,
        max: MAX_POOL_SLOTS,
    };
    let record_capacity = align_up(largest_block as usize, align).ok_or(overflow)?;
    let slot_size = align_up(
        record_capacity
            .checked_add(node_header_bytes as usize)
            .ok_or(overflow)?,
        align,
    )
    .ok_or(overflow)?;
    let slot_cap = count.clamp(BASE_POOL_SLOTS, MAX_POOL_SLOTS);
    let byte_cap = (count as usize)
        .saturating_mul(slot_size)
        .clamp(MAX_SLOT_BYTES, MAX_POOL_BYTES);
    let by_bytes = byte_cap.checked_div(slot_size).unwrap_or(1).max(1);
    let slots = slots
        .min(slot_cap)
        .min(u32::try_from(by_bytes).unwrap_or(u32::MAX))
        .max(1);
    let slot_bytes = (slots as usize).checked_mul(slot_size).ok_or(overflow)?;
    let cache_bytes = CACHE_SLOTS.checked_mul(record_capacity).ok_or(overflow)?;
    let total = slot_bytes.checked_add(cache_bytes).ok_or(overflow)?;
    let vmalloc_bytes = align_up(total, page_size).ok_or(overflow)?;
    Ok(PoolLayout {
        node_header_bytes,
        record_capacity: u32::try_from(record_capacity).map_err(|_| overflow)?,
        slot_size: u32::try_from(slot_size).map_err(|_| overflow)?,
        slots,
        bitmap_words: bitmap_words(slots),
        link_words: slots as usize,
        slot_bytes,
        cache_copy_size: u32::try_from(record_capacity).map_err(|_| overflow)?,
        cache_bytes,
        vmalloc_bytes,
    })
}

impl PoolLayout {
    /// Byte range of slot `index` in the region, or `None` if there is no such slot.
    pub fn slot_range(&self, index: u32) -> Option<Range<usize>> {
        if index >= self.slots {
            return None;
        }
        let start = (index as usize).checked_mul(self.slot_size as usize)?;
        Some(start..start.checked_add(self.slot_size as usize)?)
    }

    /// Byte range of the record part of slot `index` (after the node header).
    pub fn record_range(&self, index: u32) -> Option<Range<usize>> {
        let slot = self.slot_range(index)?;
        let start = slot.start.checked_add(self.node_header_bytes as usize)?;
        Some(start..start.checked_add(self.record_capacity as usize)?)
    }

    /// Byte range of the duplicate cache's copy for `slot`, after all slots.
    pub fn cache_copy_range(&self, slot: CacheSlot) -> Option<Range<usize>> {
        let size = self.cache_copy_size as usize;
        let start = self
            .slot_bytes
            .checked_add(slot.index().checked_mul(size)?)?;
        Some(start..start.checked_add(size)?)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::ToString;

    const QEMU_SEA: NmiSourceSizing = NmiSourceSizing {
        error_block_length: 0x400,
        records_to_preallocate: 1,
    };

    #[test]
    fn qemu_hest_figure() {
        let layout = size_for([QEMU_SEA], 48, 4096).unwrap();
        assert_eq!(
            layout,
            PoolLayout {
                node_header_bytes: 48,
                record_capacity: 1024,
                slot_size: 1072,
                slots: 2,
                bitmap_words: 1,
                link_words: 2,
                slot_bytes: 2144,
                cache_copy_size: 1024,
                cache_bytes: 4096,
                vmalloc_bytes: 8192,
            }
        );
        // Linux: PAGE_ALIGN(512 * 6 + 1 * 65536) = 69632 bytes for the same HEST.
        // With the module's 32-byte node header: 2 slots of 1056 bytes, the same 2 pages.
        let glue = size_for([QEMU_SEA], 32, 4096).unwrap();
        assert_eq!(
            (
                glue.slot_size,
                glue.slots,
                glue.slot_bytes,
                glue.vmalloc_bytes
            ),
            (1056, 2, 2112, 8192)
        );
        assert_eq!(layout.slot_range(1), Some(1072..2144));
        assert_eq!(layout.record_range(1), Some(1120..2144));
        assert_eq!(layout.slot_range(2), None);
        assert_eq!(
            layout.cache_copy_range(CacheSlot::new(3).unwrap()),
            Some(5216..6240)
        );
    }

    #[test]
    fn several_sources_take_the_largest_block_and_sum_records() {
        let layout = size_for(
            [
                NmiSourceSizing {
                    error_block_length: 0x1001,
                    records_to_preallocate: 3,
                },
                NmiSourceSizing {
                    error_block_length: 0x200,
                    records_to_preallocate: 0,
                },
            ],
            0,
            65536,
        )
        .unwrap();
        assert_eq!(layout.record_capacity, 0x1008);
        assert_eq!(layout.slot_size, 0x1008);
        assert_eq!(layout.slots, 8);
        assert_eq!(layout.vmalloc_bytes, 65536);
    }

    #[test]
    fn hostile_values_are_capped() {
        let huge = NmiSourceSizing {
            error_block_length: u32::MAX,
            records_to_preallocate: u32::MAX,
        };
        let layout = size_for([huge; 40], 4096, 4096).unwrap();
        assert_eq!(layout.record_capacity, 65536);
        assert_eq!(layout.slot_size, 69632);
        assert_eq!(layout.slots, 60); // 4 MiB / 68 KiB
        assert_eq!(layout.bitmap_words, 1);
        let tiny = NmiSourceSizing {
            error_block_length: 0,
            records_to_preallocate: 1,
        };
        assert_eq!(size_for([tiny], 0, 4096).unwrap().record_capacity, 24);
        let many = [QEMU_SEA; 200];
        assert_eq!(size_for(many, 0, 4096).unwrap().slots, 256);
        // Thousands of sources: the absolute caps hold.
        let layout = size_for([huge; 5000], 4096, 4096).unwrap();
        assert_eq!(layout.slots, 963); // 64 MiB / 68 KiB
        let small = NmiSourceSizing {
            error_block_length: 256,
            records_to_preallocate: 1,
        };
        assert_eq!(size_for([small; 5000], 0, 4096).unwrap().slots, 4096);
    }

    #[test]
    fn a_big_server_gets_a_slot_per_source() {
        // One SEA source per CPU on a 128-core server, 64 KiB blocks: Linux's pool holds
        // 128 * 64 KiB. Each source must be able to have a record in flight at once.
        let per_cpu = NmiSourceSizing {
            error_block_length: 65536,
            records_to_preallocate: 1,
        };
        let layout = size_for([per_cpu; 128], 64, 4096).unwrap();
        assert!(
            layout.slots >= 128,
            "{} slots for 128 sources",
            layout.slots
        );
        assert_eq!(layout.slots, 128);
        assert!(layout.slot_bytes <= 128 * (65536 + 4096));
        let layout = size_for([per_cpu; 256], 64, 4096).unwrap();
        assert_eq!(layout.slots, 256);
    }

    #[test]
    fn errors_have_one_line_messages() {
        assert_eq!(
            size_for([], 0, 4096).unwrap_err().to_string(),
            "estatus pool: no NMI-like error source"
        );
        assert_eq!(
            size_for([QEMU_SEA], 0, 3000).unwrap_err().to_string(),
            "estatus pool: page size 3000 is not a power of two"
        );
        assert_eq!(
            size_for([QEMU_SEA], 5000, 4096).unwrap_err().to_string(),
            "estatus pool: node header of 5000 bytes exceeds 4096"
        );
        let short = LayoutError::StorageTooShort {
            what: "bitmap",
            words: 0,
            needed: 1,
        };
        assert_eq!(
            short.to_string(),
            "estatus pool: bitmap storage has 0 words, 1 needed"
        );
    }
}
