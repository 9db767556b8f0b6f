// SPDX-License-Identifier: GPL-2.0

//! One Generic Hardware Error Source (ACPI 6.5 section 18.3.2.7-8) as the driver runs it:
//! its registers, its fixmap slot, its counters, and the read of its Generic Error Status
//! Block (UEFI 2.10 section N.2.1 via ACPI table 18.14).

use core::sync::atomic::{AtomicBool, Ordering};

use kernel::prelude::*;

use crate::block_access::BlockAccess;
use crate::cper::{ghes_severity, Estatus, GhesSeverity, LogLevel};
use crate::estatus::{DropReason, SourceCounters};
use crate::estatus_pool::EstatusPool;
use crate::fixmap_slot::FixmapSlot;
use crate::gas_register::{ReadAckRegister, Register};
use crate::hest::{Ghes, NotifyKind};
use crate::idle_check::PremappedBlock;
use crate::printk_sink::print_report;
use crate::problem_log;

/// Length of the Generic Error Status Block header (`struct acpi_hest_generic_status`).
const HEADER_LEN: usize = 20;

/// A probed error source.
pub(crate) struct ErrorSource {
    /// HEST source id.
    pub(crate) id: u16,
    /// How firmware notifies this source.
    pub(crate) notify: NotifyKind,
    /// The slot its block is read through.
    pub(crate) slot: FixmapSlot,
    /// Usable block length: the HEST's, capped at 64 KiB as Linux does.
    pub(crate) block_length: u32,
    /// Records to preallocate, from the HEST (sizes the estatus pool).
    pub(crate) records_to_preallocate: u32,
    /// NOTIFY_POLLED: milliseconds between polls.
    pub(crate) poll_interval: u32,
    /// NOTIFY_EXTERNAL / NOTIFY_GSIV: the GSI; NOTIFY_SDEI: the event.
    pub(crate) vector: u32,
    status: Register,
    ack: Option<ReadAckRegister>,
    idle: Option<PremappedBlock>,
    /// The block holds a record already found by an earlier look and left un-acknowledged
    /// because the pool was full: the next look finds the same record, not a new one (firmware
    /// writes no new record before the acknowledgement).
    left_unacked: AtomicBool,
    /// Per-source accounting (debugfs, reports).
    pub(crate) counters: SourceCounters,
}

/// How the notification that makes a source's block be read relates to the error.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// Polled, interrupts, SDEI, and SEI the CPU can continue after: the error is not tied
    /// to the interrupted instruction.
    Asynchronous,
    /// SEA: the interrupted task consumed the error, so memory recovery is
    /// MF_ACTION_REQUIRED and finishes before it returns to user.
    Synchronous,
    /// An SError the CPU reports as uncontainable: any record is fatal whatever its severity.
    Uncontainable,
}

/// What a look at a source's block found.
pub(crate) enum Pending {
    /// No record (address 0 or block_status 0).
    Nothing,
    /// A record was queued for irq_work.
    Queued,
    /// The record an earlier look found and left un-acknowledged (the pool was full): queued
    /// now if `queued`, else left again. Not a new notification from firmware.
    Stale {
        /// Whether it was queued for irq_work this time.
        queued: bool,
    },
    /// A record was found and dropped (counted and reported, acknowledged where possible).
    Dropped,
}

impl Pending {
    /// Whether this look found a record firmware wrote since the last look, queued or
    /// dropped: what claims an SError (NOTIFY_SEI) or an SDEI event. A stale record does not:
    /// it cannot be what firmware just notified.
    pub(crate) fn is_fresh(&self) -> bool {
        matches!(self, Pending::Queued | Pending::Dropped)
    }

    /// Whether a record went to the queue (the irq_work must run).
    pub(crate) fn is_queued(&self) -> bool {
        matches!(self, Pending::Queued | Pending::Stale { queued: true })
    }

    /// A record was found and not queued: `Dropped`, or `Stale` if it was `stale`.
    fn not_queued(stale: bool) -> Self {
        if stale {
            Pending::Stale { queued: false }
        } else {
            Pending::Dropped
        }
    }
}

impl ErrorSource {
    /// Maps the registers of `ghes`, which passed `Ghes::validate()`. Process context.
    pub(crate) fn new(ghes: &Ghes, block_length: u32) -> Result<Self> {
        let status = Register::map(&ghes.error_status_address)?;
        let ack = match &ghes.ack {
            Some(ack) => Some(ReadAckRegister::map(ack)?),
            None => None,
        };
        // Firmware normally keeps the block where the status register points at boot.
        let idle = status.read().ok().and_then(|paddr| {
            PremappedBlock::map(
                ghes.error_status_address.address,
                ghes.error_status_address.bit_width,
                paddr,
                block_length,
            )
        });
        Ok(Self {
            id: ghes.source_id,
            notify: ghes.notify.kind,
            slot: FixmapSlot::for_notify(ghes.notify.kind),
            block_length,
            records_to_preallocate: ghes.records_to_preallocate,
            poll_interval: ghes.notify.poll_interval,
            vector: ghes.notify.vector,
            status,
            ack,
            idle,
            left_unacked: AtomicBool::new(false),
            counters: SourceCounters::new(),
        })
    }

    /// Clears block_status and, for GHESv2, writes the Read Ack register: the record in
    /// `block` is consumed and firmware may write the next one (`ghes_clear_estatus()`).
    fn clear_and_ack(&self, block: &BlockAccess<'_>) {
        self.left_unacked.store(false, Ordering::Relaxed);
        if block.clear_status().is_err() {
            problem_log::warn(self.id, format_args!("cannot clear block_status"));
        }
        if let Some(ack) = &self.ack {
            if ack.ack().is_err() {
                problem_log::warn(self.id, format_args!("cannot write the read-ack register"));
            }
        }
    }

    /// Copies this source's pending record, if any, into the estatus pool and queues it for
    /// irq_work; acknowledges it to firmware once it is safely queued.
    ///
    /// `index` is this source's position in the driver's list; `delivery` says how the
    /// notification relates to the interrupted instruction (a fatal record, or any record
    /// delivered [`Delivery::Uncontainable`], is reported, acknowledged and panics, after
    /// `before_panic` printed what was queued before it, so the root cause reaches the log
    /// as with Linux's `ghes_print_queued_estatus()`). `slot` is
    /// the fixmap slot to read through: the source's own from its notification, and
    /// [`FixmapSlot::Irq`] from process context (probe), as Linux's `ghes_probe()` does, so an
    /// NMI-like kind's lock is never taken outside its NMI-like context (lockdep checks this).
    ///
    /// Context: any, including NMI-like (SEA, SEI, SDEI) contexts nested in each other. It
    /// does not sleep or allocate; the only lock is `slot`'s lock, which no context it can
    /// interrupt holds (one slot per notification kind).
    #[inline]
    pub(crate) fn queue_pending(
        &self,
        index: u16,
        delivery: Delivery,
        estatus: &EstatusPool,
        slot: FixmapSlot,
        before_panic: impl FnOnce(),
    ) -> Pending {
        // The idle check: no lock, no fixmap, when the pre-mapped block holds nothing. Inlined
        // into the caller, apart from the read below, so that a look that finds nothing runs
        // none of the read's set-up (its stack frame saves a dozen registers).
        if self.idle.as_ref().is_some_and(PremappedBlock::is_idle) {
            return Pending::Nothing;
        }
        self.read_pending(index, delivery, estatus, slot, before_panic)
    }

    /// [`ErrorSource::queue_pending`] after the idle check said "look properly".
    #[inline(never)]
    fn read_pending(
        &self,
        index: u16,
        delivery: Delivery,
        estatus: &EstatusPool,
        slot: FixmapSlot,
        before_panic: impl FnOnce(),
    ) -> Pending {
        let fixmap_slot = slot;
        let guard = slot.lock();
        let Ok(paddr) = self.status.read() else {
            self.drop_record(
                DropReason::Malformed,
                format_args!("cannot read the error status address"),
            );
            return Pending::Dropped;
        };
        if paddr == 0 {
            return Pending::Nothing;
        }
        let block = BlockAccess::at(self.idle.as_ref(), &guard, paddr);
        let mut header = [0u8; HEADER_LEN];
        if block.read(&mut header).is_err() {
            self.drop_record(
                DropReason::Malformed,
                format_args!("error status block address {:#x} is unreadable", paddr),
            );
            return Pending::Dropped;
        }
        if header.get(..4) == Some(&[0u8; 4][..]) {
            return Pending::Nothing;
        }
        let stale = self.left_unacked.load(Ordering::Relaxed);
        let len = match Estatus::peek_len(&header) {
            Ok(len) if len <= self.block_length as usize => len,
            Ok(len) => {
                self.drop_record(
                    DropReason::Malformed,
                    format_args!(
                        "record of {} bytes overruns the {}-byte block",
                        len, self.block_length
                    ),
                );
                self.clear_and_ack(&block);
                return Pending::not_queued(stale);
            }
            Err(e) => {
                self.drop_record(
                    DropReason::Malformed,
                    format_args!("bad record header: {}", e),
                );
                self.clear_and_ack(&block);
                return Pending::not_queued(stale);
            }
        };
        // `len` <= block_length <= 64 KiB.
        let len32 = len as u32;
        let slot = match estatus.pool().reserve(len32, &self.counters) {
            Ok(slot) => slot,
            Err(e) => {
                // Like Linux, leave the record un-acknowledged so it is not lost: firmware keeps
                // it and it is read again at the next notification. Counted by `reserve`.
                self.left_unacked.store(true, Ordering::Relaxed);
                problem_log::warn(
                    self.id,
                    format_args!("record of {} bytes not queued: {}", len, e),
                );
                return Pending::not_queued(stale);
            }
        };
        // The worst moment for another NMI-like notification to arrive: this kind's slot lock
        // is held and a pool slot is reserved but not queued. KUnit arranges one here.
        #[cfg(CONFIG_KUNIT)]
        crate::interruption_point::READ_INTERRUPTION.reach(fixmap_slot);
        let Some((node, record)) = estatus.node(&slot) else {
            let _ = estatus.pool().free(slot);
            return Pending::not_queued(stale);
        };
        let Some(record) = record.get_mut(..len) else {
            let _ = estatus.pool().free(slot);
            return Pending::not_queued(stale);
        };
        if block.read(record).is_err() {
            let _ = estatus.pool().free(slot);
            self.drop_record(
                DropReason::Malformed,
                format_args!("record at {:#x} is unreadable", block.paddr()),
            );
            self.clear_and_ack(&block);
            return Pending::not_queued(stale);
        }
        // Only a record that will panic here is parsed here: the copy's header severity says
        // which (a fatal one panics only if its sections are sound too, as in Linux's
        // `ghes_in_nmi_queue_one_entry()`); every other record is parsed in full by the
        // irq_work, which reports and drops a malformed one.
        if delivery == Delivery::Uncontainable
            || ghes_severity(Estatus::peek_severity(record)) == GhesSeverity::Panic
        {
            if let Ok(record) = Estatus::parse(record) {
                let fatal = ghes_severity(record.error_severity()) == GhesSeverity::Panic;
                if fatal || delivery == Delivery::Uncontainable {
                    // `__ghes_panic()`: report at KERN_EMERG, acknowledge, panic, right here.
                    before_panic();
                    print_report(self.id, &record, Some(LogLevel::Emerg));
                    self.clear_and_ack(&block);
                    // SAFETY: plain call; it does not return.
                    unsafe { crate::bindings::ghes_rs_panic(self.id) };
                }
            }
        }
        node.source = index;
        node.sync = u16::from(delivery == Delivery::Synchronous);
        node.len = len32;
        self.clear_and_ack(&block);
        drop(guard);
        if let Err(slot) = estatus.queue().enqueue(slot, &self.counters) {
            let _ = estatus.pool().free(slot);
            return Pending::not_queued(stale);
        }
        if stale {
            return Pending::Stale { queued: true };
        }
        Pending::Queued
    }

    /// Counts a dropped record and reports why, rate-limited.
    fn drop_record(&self, reason: DropReason, why: core::fmt::Arguments<'_>) {
        self.counters.record_dropped(reason);
        problem_log::warn(self.id, why);
    }
}

/// Acting as firmware, for the KUnit suites.
#[cfg(CONFIG_KUNIT)]
impl ErrorSource {
    /// Writes `record` into this source's block as firmware does: refused with `EBUSY` while
    /// the previous record is not consumed (block_status non-zero); otherwise the read-ack
    /// register (GHESv2) is cleared, then the record written. Context: process or IRQ
    /// context; takes the IRQ slot's lock.
    pub(crate) fn firmware_write(&self, record: &[u8]) -> Result {
        let paddr = self.status.read()?;
        let guard = FixmapSlot::Irq.lock();
        let mut status = [0u8; 4];
        guard.read(paddr, &mut status)?;
        if status != [0u8; 4] {
            return Err(EBUSY);
        }
        if let Some(ack) = &self.ack {
            ack.clear()?;
        }
        guard.write(paddr, record)
    }

    /// Firmware rewriting the block under the OS's feet: data_length (offset 12) becomes
    /// 0xffff and 100 payload bytes 0xa5; block_status stays. Written through the block's
    /// pre-mapping, with no lock, so that a test may do it from inside an NMI-like handler.
    pub(crate) fn firmware_scribble(&self) -> Result {
        self.idle.as_ref().ok_or(ENODEV)?.scribble();
        Ok(())
    }

    /// What firmware sees: block_status and, for GHESv2, the read-ack register's value.
    pub(crate) fn firmware_view(&self) -> Result<(u32, Option<u64>)> {
        let paddr = self.status.read()?;
        let mut status = [0u8; 4];
        FixmapSlot::Irq.lock().read(paddr, &mut status)?;
        let ack = match &self.ack {
            Some(ack) => Some(ack.read()?),
            None => None,
        };
        Ok((u32::from_le_bytes(status), ack))
    }
}
