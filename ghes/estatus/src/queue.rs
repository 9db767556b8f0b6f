// SPDX-License-Identifier: GPL-2.0
//! The estatus queue: a lock-free list of slot indices from NMI-like producers to the consumer.
//!
//! The semantics of Linux's `llist` (`llist_add()` / `llist_del_all()` /
//! `llist_reverse_order()`), over slot indices with one caller-provided link word per slot:
//!
//! - `push` links the slot to the current head and publishes it with a compare-and-swap on the
//!   head. A producer interrupted between reading the head and its CAS (by an NMI-like
//!   exception whose handler pushes, or by another CPU) sees the CAS fail and retries with the
//!   new head; the interrupter never waits for it. Push needs no ABA protection: it only
//!   depends on the head's current value, and a slot is on the list at most once because its
//!   [`Slot`] token moves into the list.
//! - `drain` takes the whole list with one swap of the head to empty, then reverses the links
//!   so records come out in arrival order. The drained nodes belong to the drainer only, so
//!   several drainers (irq_work on two CPUs) never share a node.
//!
//! Orderings: the slot's link and the record bytes the producer wrote are published by the
//! `Release` CAS; `drain`'s swap is `Acquire`. Every write of the head is a read-modify-write,
//! so all earlier pushes are in the release sequence the swap reads from, and the drainer sees
//! every drained node's link and record. Links are then read and rewritten `Relaxed`: only the
//! drainer touches them until the slot is freed, and [`Pool::free`](super::Pool::free)'s
//! `Release` orders those accesses before the next owner's.

use super::counters::SourceCounters;
use super::layout::LayoutError;
use super::pool::{Slot, MAX_SLOTS};
use super::sync::{AtomicWord, Ordering};

/// The link value meaning "end of list" / "empty".
const NIL: usize = usize::MAX;

/// A multi-producer queue of slots over caller-provided link words.
#[derive(Debug)]
pub struct Queue<'a> {
    head: AtomicWord,
    links: &'a [AtomicWord],
}

impl<'a> Queue<'a> {
    /// Sets up an empty queue for a pool of `slots` slots, over `links` (at least `slots`
    /// words, any contents; extra words are ignored).
    pub fn new(links: &'a [AtomicWord], slots: u32) -> Result<Self, LayoutError> {
        if slots == 0 {
            return Err(LayoutError::ZeroSlots);
        }
        if slots > MAX_SLOTS {
            return Err(LayoutError::TooManySlots {
                slots,
                max: MAX_SLOTS,
            });
        }
        let links = links
            .get(..slots as usize)
            .ok_or(LayoutError::StorageTooShort {
                what: "links",
                words: links.len(),
                needed: slots as usize,
            })?;
        for link in links {
            link.store(NIL, Ordering::Relaxed);
        }
        Ok(Self {
            head: AtomicWord::new(NIL),
            links,
        })
    }

    /// Adds `slot` (whose record is fully written) to the queue. Returns whether the queue was
    /// empty before, like `llist_add()`.
    ///
    /// Lock-free: each failed CAS means another push or drain succeeded. Safe from NMI-like
    /// context, also when it interrupts another push or a drain on the same CPU.
    ///
    /// Gives the slot back if its index is beyond this queue's links (a token from a larger
    /// pool), so the caller can free it.
    pub fn push(&self, slot: Slot) -> Result<bool, Slot> {
        let index = slot.index() as usize;
        let Some(link) = self.links.get(index) else {
            return Err(slot);
        };
        let mut first = self.head.load(Ordering::Relaxed);
        loop {
            link.store(first, Ordering::Relaxed);
            match self.head.compare_exchange_weak(
                first,
                index,
                Ordering::Release,
                Ordering::Relaxed,
            ) {
                Ok(_) => return Ok(first == NIL),
                Err(now) => first = now,
            }
        }
    }

    /// Counts the record as queued in `counters`, then pushes it: see [`Queue::push`].
    ///
    /// Counting first means a snapshot never shows more records processed than queued.
    pub fn enqueue(&self, slot: Slot, counters: &SourceCounters) -> Result<bool, Slot> {
        if self.links.get(slot.index() as usize).is_none() {
            return Err(slot);
        }
        counters.record_queued();
        self.push(slot)
    }

    /// Whether the queue is empty now (a racy snapshot).
    pub fn is_empty(&self) -> bool {
        self.head.load(Ordering::Relaxed) == NIL
    }

    /// Takes every queued slot, oldest first.
    ///
    /// The consumer processes each slot's record, then frees it. Slots still in the iterator
    /// when it is dropped go back on the queue (in their order, after anything pushed
    /// meanwhile), so stopping early loses nothing.
    pub fn drain(&self) -> Drain<'_, 'a> {
        let mut node = self.head.swap(NIL, Ordering::Acquire);
        let mut reversed = NIL;
        let mut len = 0u32;
        // At most one visit per slot: a cycle cannot be built through `Slot` tokens, but the
        // bound keeps even a corrupted list from looping forever.
        while node != NIL && (len as usize) < self.links.len() {
            let Some(link) = self.links.get(node) else {
                break;
            };
            let next = link.load(Ordering::Relaxed);
            link.store(reversed, Ordering::Relaxed);
            reversed = node;
            node = next;
            len = len.saturating_add(1);
        }
        Drain {
            queue: self,
            next: reversed,
            len,
        }
    }
}

/// The slots taken by [`Queue::drain`], oldest first.
#[derive(Debug)]
#[must_use = "drained slots must be processed and freed"]
pub struct Drain<'q, 'a> {
    queue: &'q Queue<'a>,
    next: usize,
    len: u32,
}

impl Iterator for Drain<'_, '_> {
    type Item = Slot;

    fn next(&mut self) -> Option<Slot> {
        if self.len == 0 || self.next == NIL {
            return None;
        }
        let index = u32::try_from(self.next).ok()?;
        // Read the link before handing the slot out: once freed, the slot may be
        // reallocated and its link rewritten by a producer.
        self.next = self.queue.links.get(self.next)?.load(Ordering::Relaxed);
        self.len = self.len.saturating_sub(1);
        Some(Slot::from_index(index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.len as usize))
    }
}

impl Drop for Drain<'_, '_> {
    fn drop(&mut self) {
        while let Some(slot) = self.next() {
            // Cannot fail: the index came from this queue's links.
            let _ = self.queue.push(slot);
        }
    }
}

#[cfg(test)]
#[cfg(not(loom))]
mod tests {
    extern crate std;
    use super::super::pool::Pool;
    use super::*;
    use std::vec::Vec;

    fn words(n: usize) -> Vec<AtomicWord> {
        (0..n).map(|_| AtomicWord::new(0)).collect()
    }

    fn indices(drain: Drain<'_, '_>) -> Vec<u32> {
        drain.map(Slot::into_raw).collect()
    }

    #[test]
    fn drains_in_arrival_order() {
        let links = words(4);
        let queue = Queue::new(&links, 4).unwrap();
        assert!(queue.is_empty());
        assert_eq!(indices(queue.drain()), Vec::<u32>::new());
        assert_eq!(queue.push(Slot::from_index(2)), Ok(true));
        assert_eq!(queue.push(Slot::from_index(0)), Ok(false));
        assert_eq!(queue.push(Slot::from_index(3)), Ok(false));
        assert!(!queue.is_empty());
        assert_eq!(indices(queue.drain()), [2, 0, 3]);
        assert!(queue.is_empty());
        assert_eq!(queue.push(Slot::from_index(1)), Ok(true));
        assert_eq!(indices(queue.drain()), [1]);
    }

    #[test]
    fn dropping_a_drain_requeues_the_rest() {
        let links = words(4);
        let queue = Queue::new(&links, 4).unwrap();
        for i in 0..4 {
            queue.push(Slot::from_index(i)).unwrap();
        }
        let mut drain = queue.drain();
        assert_eq!(drain.next().map(Slot::into_raw), Some(0));
        assert_eq!(drain.size_hint(), (0, Some(3)));
        drop(drain);
        assert_eq!(indices(queue.drain()), [1, 2, 3]);
    }

    #[test]
    fn slot_out_of_range_is_given_back() {
        let links = words(2);
        let queue = Queue::new(&links, 2).unwrap();
        let counters = SourceCounters::new();
        assert_eq!(
            queue.enqueue(Slot::from_index(2), &counters),
            Err(Slot::from_index(2))
        );
        assert_eq!(counters.snapshot().queued, 0);
        assert_eq!(queue.enqueue(Slot::from_index(1), &counters), Ok(true));
        assert_eq!(counters.snapshot().queued, 1);
        assert_eq!(indices(queue.drain()), [1]);
    }

    #[test]
    fn setup_errors() {
        let links = words(2);
        assert_eq!(
            Queue::new(&links, 3).unwrap_err(),
            LayoutError::StorageTooShort {
                what: "links",
                words: 2,
                needed: 3
            }
        );
        assert_eq!(Queue::new(&links, 0).unwrap_err(), LayoutError::ZeroSlots);
    }

    #[test]
    fn slots_cycle_through_pool_and_queue() {
        let bitmap = words(1);
        let links = words(3);
        let pool = Pool::new(&bitmap, 3, 64).unwrap();
        let queue = Queue::new(&links, 3).unwrap();
        for round in 0..5u32 {
            for _ in 0..3 {
                queue.push(pool.alloc().unwrap()).unwrap();
            }
            assert_eq!(pool.alloc(), None, "round {round}");
            let got: Vec<u32> = queue
                .drain()
                .map(|slot| {
                    let index = slot.index();
                    pool.free(slot).unwrap();
                    index
                })
                .collect();
            assert_eq!(got, [0, 1, 2]);
            assert_eq!(pool.in_use(), 0);
        }
    }
}
