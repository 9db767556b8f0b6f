// SPDX-License-Identifier: GPL-2.0
//! The estatus pool: a fixed number of equal slots, allocated through an atomic bitmap.
//!
//! The pool hands out slot *indices*; the kernel glue maps an index to bytes of its own
//! vmalloc'd region (see [`PoolLayout`](super::PoolLayout)). Allocation and free are single
//! atomic read-modify-writes on one bitmap word each, so they are safe from any context,
//! including NMI-like exceptions that interrupt another allocation or free on the same CPU:
//!
//! - `alloc` scans the words once, lowest slot first. For a word with a clear bit it does
//!   `fetch_or(bit)`: if the returned old value had the bit clear, the slot is ours; if not,
//!   someone else took it after our load, and the scan goes on with the *higher* clear bits of
//!   the fresh value. Each bit is tried at most once, so `alloc` finishes in at most
//!   `slots + words` atomic operations whatever other CPUs do (wait-free). The state is the
//!   bitmap value itself, with no pointers or counters, so there is no ABA problem.
//! - `free` is one `fetch_and(!bit)`; its old value tells a double free apart.
//!
//! Orderings: `free` is `Release` and `alloc`'s `fetch_or` is `Acquire`, so everything the
//! previous owner did with the slot's bytes (the consumer reading the record) happens before
//! everything the next owner does with them (a producer copying a new record in).

use core::fmt;

use super::counters::{DropReason, SourceCounters};
use super::layout::{bitmap_words, LayoutError, ESTATUS_HEADER_LEN};
use super::sync::{AtomicWord, Ordering};

/// Most slots one pool may have (the queue names slots by `u32`, and the bitmap scan is linear).
pub const MAX_SLOTS: u32 = 1 << 16;

const WORD_BITS: u32 = usize::BITS;

/// Ownership of one allocated slot.
///
/// Not `Clone` or `Copy`: a slot is freed by giving the value back to [`Pool::free`] (or by
/// passing it through [`Queue::push`](super::Queue::push) to the consumer, who frees it), so
/// safe code cannot free or queue the same allocation twice.
#[must_use = "a slot that is neither queued nor freed is leaked"]
#[derive(Debug, PartialEq, Eq)]
pub struct Slot {
    index: u32,
}

impl Slot {
    /// Creates the token for `index`; only the pool and the queue mint tokens.
    pub(super) const fn from_index(index: u32) -> Self {
        Self { index }
    }

    /// The slot's index, `0..slots`: the glue's region offset is `index * slot_size`.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Gives up the token, returning the index for code that must carry it through C (a
    /// `callback_head`, for instance). Get the token back with [`Pool::slot_from_raw`].
    pub fn into_raw(self) -> u32 {
        self.index
    }
}

/// A misuse of [`Pool::free`] or [`Pool::slot_from_raw`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolError {
    /// The index names no slot of this pool.
    SlotOutOfRange {
        /// The index given.
        slot: u32,
        /// Slots in the pool.
        slots: u32,
    },
    /// The slot is not allocated (a double free, or a token from another pool).
    NotAllocated {
        /// The index given.
        slot: u32,
    },
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SlotOutOfRange { slot, slots } => write!(
                f,
                "estatus pool: slot {slot} out of range (pool has {slots} slots)"
            ),
            Self::NotAllocated { slot } => {
                write!(f, "estatus pool: slot {slot} is not allocated")
            }
        }
    }
}

/// Why [`Pool::reserve`] refused a record; each is counted as a drop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReserveError {
    /// The record is longer than a slot's record capacity.
    TooLarge {
        /// The record's length.
        len: u32,
        /// What a slot holds.
        capacity: u32,
    },
    /// Every slot is in use.
    PoolExhausted {
        /// Slots in the pool.
        slots: u32,
    },
}

impl ReserveError {
    /// The counter this refusal was accounted under.
    pub fn reason(&self) -> DropReason {
        match self {
            Self::TooLarge { .. } => DropReason::TooLarge,
            Self::PoolExhausted { .. } => DropReason::PoolExhausted,
        }
    }
}

impl fmt::Display for ReserveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { len, capacity } => write!(
                f,
                "record of {len} bytes dropped: larger than the {capacity}-byte estatus slot"
            ),
            Self::PoolExhausted { slots } => {
                write!(f, "record dropped: all {slots} estatus pool slots in use")
            }
        }
    }
}

/// A pool of `slots` slots over a caller-provided allocation bitmap.
#[derive(Debug)]
pub struct Pool<'a> {
    bitmap: &'a [AtomicWord],
    slots: u32,
    record_capacity: u32,
}

/// Splits a slot index into its bitmap word and bit mask.
fn locate(index: u32) -> (usize, usize) {
    let word = index.checked_div(WORD_BITS).unwrap_or(0) as usize;
    let bit = index.checked_rem(WORD_BITS).unwrap_or(0);
    (word, 1usize.checked_shl(bit).unwrap_or(0))
}

impl<'a> Pool<'a> {
    /// Sets up a pool of `slots` slots each holding a record of up to `record_capacity` bytes,
    /// over `bitmap` (at least [`PoolLayout::bitmap_words`](super::PoolLayout::bitmap_words)
    /// words; any contents, extra words are ignored).
    ///
    /// Marks every slot free; call it before any other context can use the pool.
    pub fn new(
        bitmap: &'a [AtomicWord],
        slots: u32,
        record_capacity: u32,
    ) -> Result<Self, LayoutError> {
        if slots == 0 {
            return Err(LayoutError::ZeroSlots);
        }
        if slots > MAX_SLOTS {
            return Err(LayoutError::TooManySlots {
                slots,
                max: MAX_SLOTS,
            });
        }
        if record_capacity < ESTATUS_HEADER_LEN {
            return Err(LayoutError::CapacityTooSmall {
                capacity: record_capacity,
            });
        }
        let needed = bitmap_words(slots);
        let bitmap = bitmap.get(..needed).ok_or(LayoutError::StorageTooShort {
            what: "bitmap",
            words: bitmap.len(),
            needed,
        })?;
        let (last_word, last_mask) = locate(slots);
        for (w, word) in bitmap.iter().enumerate() {
            // Bits at and above `slots` in the last word are permanently "allocated", so the
            // scan never returns them.
            let init = if w == last_word {
                !last_mask.wrapping_sub(1)
            } else {
                0
            };
            word.store(init, Ordering::Relaxed);
        }
        Ok(Self {
            bitmap,
            slots,
            record_capacity,
        })
    }

    /// Number of slots.
    pub fn slots(&self) -> u32 {
        self.slots
    }

    /// Largest record a slot holds.
    pub fn record_capacity(&self) -> u32 {
        self.record_capacity
    }

    /// Allocates a free slot, or `None` if every slot was seen in use during the call.
    ///
    /// Wait-free: at most one `fetch_or` per slot. Safe to call from NMI-like context,
    /// also when it interrupts another `alloc` or `free` on the same CPU.
    pub fn alloc(&self) -> Option<Slot> {
        let mut base = 0u32;
        for word in self.bitmap {
            let mut candidates = !word.load(Ordering::Relaxed);
            while candidates != 0 {
                let bit = candidates.trailing_zeros();
                let mask = 1usize.checked_shl(bit).unwrap_or(0);
                let old = word.fetch_or(mask, Ordering::Acquire);
                if old & mask == 0 {
                    return Some(Slot::from_index(base.checked_add(bit)?));
                }
                // Taken since our load: try only the higher bits still clear now.
                let above = usize::MAX.checked_shl(bit.checked_add(1)?).unwrap_or(0);
                candidates = !old & above;
            }
            base = base.checked_add(WORD_BITS)?;
        }
        None
    }

    /// Allocates a slot for a record of `len` bytes, counting a refusal in `counters`
    /// ([`DropReason::TooLarge`] or [`DropReason::PoolExhausted`]).
    pub fn reserve(&self, len: u32, counters: &SourceCounters) -> Result<Slot, ReserveError> {
        let refused = if len > self.record_capacity {
            ReserveError::TooLarge {
                len,
                capacity: self.record_capacity,
            }
        } else if let Some(slot) = self.alloc() {
            return Ok(slot);
        } else {
            ReserveError::PoolExhausted { slots: self.slots }
        };
        counters.record_dropped(refused.reason());
        Err(refused)
    }

    /// Returns `slot` to the pool.
    ///
    /// Fails only for a token that is not from this pool (or was rebuilt with
    /// [`Pool::slot_from_raw`] and freed twice); the bitmap is then unchanged.
    pub fn free(&self, slot: Slot) -> Result<(), PoolError> {
        let index = slot.index;
        let word = self.word_of(index)?;
        let (_, mask) = locate(index);
        let old = word.fetch_and(!mask, Ordering::Release);
        if old & mask == 0 {
            return Err(PoolError::NotAllocated { slot: index });
        }
        Ok(())
    }

    /// Rebuilds the token of an allocated slot from [`Slot::into_raw`].
    ///
    /// Checks that `raw` is in range and currently allocated; it cannot check that the caller
    /// owns it, so each `into_raw` must be matched by exactly one `slot_from_raw`.
    pub fn slot_from_raw(&self, raw: u32) -> Result<Slot, PoolError> {
        let word = self.word_of(raw)?;
        let (_, mask) = locate(raw);
        if word.load(Ordering::Acquire) & mask == 0 {
            return Err(PoolError::NotAllocated { slot: raw });
        }
        Ok(Slot::from_index(raw))
    }

    /// Number of slots in use now (a racy snapshot, for diagnostics).
    pub fn in_use(&self) -> u32 {
        let set: u32 = self
            .bitmap
            .iter()
            .map(|w| w.load(Ordering::Relaxed).count_ones())
            .fold(0, u32::saturating_add);
        let padding = (self.bitmap.len() as u32)
            .saturating_mul(WORD_BITS)
            .saturating_sub(self.slots);
        set.saturating_sub(padding)
    }

    fn word_of(&self, index: u32) -> Result<&AtomicWord, PoolError> {
        let out_of_range = PoolError::SlotOutOfRange {
            slot: index,
            slots: self.slots,
        };
        if index >= self.slots {
            return Err(out_of_range);
        }
        self.bitmap.get(locate(index).0).ok_or(out_of_range)
    }
}

#[cfg(test)]
#[cfg(not(loom))]
mod tests {
    extern crate std;
    use super::*;
    use std::string::ToString;
    use std::vec::Vec;

    fn storage(words: usize) -> Vec<AtomicWord> {
        (0..words).map(|_| AtomicWord::new(usize::MAX)).collect()
    }

    #[test]
    fn allocates_every_slot_once_lowest_first_then_exhausts() {
        let bitmap = storage(2);
        let pool = Pool::new(&bitmap, 70, 1024).unwrap();
        let slots: Vec<Slot> = (0..70).map(|_| pool.alloc().unwrap()).collect();
        let indices: Vec<u32> = slots.iter().map(Slot::index).collect();
        assert_eq!(indices, (0..70).collect::<Vec<u32>>());
        assert_eq!(pool.alloc(), None);
        assert_eq!(pool.in_use(), 70);
        for slot in slots {
            pool.free(slot).unwrap();
        }
        assert_eq!(pool.in_use(), 0);
    }

    #[test]
    fn freed_slot_is_reused() {
        let bitmap = storage(1);
        let pool = Pool::new(&bitmap, 3, 64).unwrap();
        let a = pool.alloc().unwrap();
        let b = pool.alloc().unwrap();
        assert_eq!(b.index(), 1);
        pool.free(a).unwrap();
        assert_eq!(pool.alloc().unwrap().index(), 0);
        assert_eq!(pool.alloc().unwrap().index(), 2);
        assert_eq!(pool.alloc(), None);
    }

    #[test]
    fn full_word_boundary() {
        let bitmap = storage(1);
        let pool = Pool::new(&bitmap, usize::BITS, 64).unwrap();
        for i in 0..usize::BITS {
            assert_eq!(pool.alloc().unwrap().into_raw(), i);
        }
        assert_eq!(pool.alloc(), None);
    }

    #[test]
    fn double_free_and_foreign_tokens_are_reported() {
        let bitmap = storage(1);
        let pool = Pool::new(&bitmap, 4, 64).unwrap();
        let raw = pool.alloc().unwrap().into_raw();
        let slot = pool.slot_from_raw(raw).unwrap();
        pool.free(slot).unwrap();
        assert_eq!(
            pool.slot_from_raw(raw),
            Err(PoolError::NotAllocated { slot: 0 })
        );
        assert_eq!(
            pool.free(Slot::from_index(0)).unwrap_err().to_string(),
            "estatus pool: slot 0 is not allocated"
        );
        assert_eq!(
            pool.free(Slot::from_index(4)).unwrap_err().to_string(),
            "estatus pool: slot 4 out of range (pool has 4 slots)"
        );
        assert_eq!(pool.in_use(), 0);
    }

    #[test]
    fn setup_errors() {
        let bitmap = storage(1);
        assert_eq!(
            Pool::new(&bitmap, 0, 64).unwrap_err(),
            LayoutError::ZeroSlots
        );
        assert_eq!(
            Pool::new(&bitmap, 65, 64).unwrap_err(),
            LayoutError::StorageTooShort {
                what: "bitmap",
                words: 1,
                needed: 2
            }
        );
        assert_eq!(
            Pool::new(&bitmap, MAX_SLOTS + 1, 64).unwrap_err(),
            LayoutError::TooManySlots {
                slots: MAX_SLOTS + 1,
                max: MAX_SLOTS
            }
        );
        assert_eq!(
            Pool::new(&bitmap, 1, 19).unwrap_err().to_string(),
            "estatus pool: record capacity 19 is below the 20-byte header"
        );
    }

    #[test]
    fn reserve_counts_refusals() {
        let bitmap = storage(1);
        let pool = Pool::new(&bitmap, 1, 1024).unwrap();
        let counters = SourceCounters::new();
        let err = pool.reserve(1025, &counters).unwrap_err();
        assert_eq!(
            err.to_string(),
            "record of 1025 bytes dropped: larger than the 1024-byte estatus slot"
        );
        let slot = pool.reserve(1024, &counters).unwrap();
        let err = pool.reserve(20, &counters).unwrap_err();
        assert_eq!(
            err.to_string(),
            "record dropped: all 1 estatus pool slots in use"
        );
        pool.free(slot).unwrap();
        let snap = counters.snapshot();
        assert_eq!(snap.dropped_too_large, 1);
        assert_eq!(snap.dropped_pool_exhausted, 1);
        assert_eq!(snap.queued, 0);
    }
}
