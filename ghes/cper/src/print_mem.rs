// SPDX-License-Identifier: GPL-2.0
//! `cper_print_mem()`, `cper_mem_err_location()`, `cper_dimm_err_location()` and their string
//! tables (cper.c).

use super::linebuf::LineBuf;
use super::mem::MemError as M;
use super::prefix::Pfx;
use super::print::FW_WARN;
use super::sink::{LogLevel, Sink};

/// `mem_err_type_strs[]`.
const MEM_ERR_TYPE_STRS: [&str; 16] = [
    "unknown",
    "no error",
    "single-bit ECC",
    "multi-bit ECC",
    "single-symbol chipkill ECC",
    "multi-symbol chipkill ECC",
    "master abort",
    "target abort",
    "parity error",
    "watchdog timeout",
    "invalid address",
    "mirror Broken",
    "memory sparing",
    "scrub corrected error",
    "scrub uncorrected error",
    "physical memory map-out event",
];

/// `cper_mem_err_type_str()`.
pub(crate) fn mem_err_type_str(etype: u32) -> &'static str {
    MEM_ERR_TYPE_STRS
        .get(etype as usize)
        .copied()
        .unwrap_or("unknown")
}

/// `cper_mem_err_status_str()`: bits 8..15 of the error status.
pub(crate) fn mem_err_status_str(status: u64) -> &'static str {
    match (status >> 8) & 0xff {
        1 => "Error detected internal to the component",
        4 => "Storage error in DRAM memory",
        5 => "Storage error in TLB",
        6 => "Storage error in cache",
        7 => "Error in one or more functional units",
        8 => "Component failed self test",
        9 => "Overflow or undervalue of internal queue",
        16 => "Error detected in the bus",
        17 => "Virtual address not found on IO-TLB or IO-PDIR",
        18 => "Improper access error",
        19 => "Access to a memory address which is not mapped to any component",
        20 => "Loss of Lockstep",
        21 => "Response not associated with a request",
        22 => "Bus parity error - must also set the A, C, or D Bits",
        23 => "Detection of a protocol error",
        24 => "Detection of a PATH_ERROR",
        25 => "Bus operation timeout",
        26 => "A read was issued to data that has been poisoned",
        _ => "Reserved",
    }
}

/// `CPER_REC_LEN - 1`: the text `cper_mem_err_location()` can put in its 256-byte buffer.
type RecBuf = LineBuf<255>;

/// `cper_mem_err_location()`: "node:%d card:%d ..." for every valid location field.
fn mem_err_location(mem: &M<'_>, msg: &mut RecBuf) -> usize {
    let vb = mem.validation_bits();
    let on = |bit: u64| vb & bit != 0;
    let mut n = 0usize;
    if on(M::VALID_NODE) {
        n = n.saturating_add(msg.push_fmt(format_args!("node:{} ", mem.node())));
    }
    if on(M::VALID_CARD) {
        n = n.saturating_add(msg.push_fmt(format_args!("card:{} ", mem.card())));
    }
    if on(M::VALID_MODULE) {
        n = n.saturating_add(msg.push_fmt(format_args!("module:{} ", mem.module())));
    }
    if on(M::VALID_RANK_NUMBER) {
        n = n.saturating_add(msg.push_fmt(format_args!("rank:{} ", mem.rank())));
    }
    if on(M::VALID_BANK) {
        n = n.saturating_add(msg.push_fmt(format_args!("bank:{} ", mem.bank())));
    }
    if on(M::VALID_BANK_GROUP) {
        n = n.saturating_add(msg.push_fmt(format_args!("bank_group:{} ", mem.bank_group())));
    }
    if on(M::VALID_BANK_ADDRESS) {
        n = n.saturating_add(msg.push_fmt(format_args!("bank_address:{} ", mem.bank_address())));
    }
    if on(M::VALID_DEVICE) {
        n = n.saturating_add(msg.push_fmt(format_args!("device:{} ", mem.device())));
    }
    if on(M::VALID_ROW | M::VALID_ROW_EXT) {
        n = n.saturating_add(msg.push_fmt(format_args!("row:{} ", mem.row_with_extension())));
    }
    if on(M::VALID_COLUMN) {
        n = n.saturating_add(msg.push_fmt(format_args!("column:{} ", mem.column())));
    }
    if on(M::VALID_BIT_POSITION) {
        n = n.saturating_add(msg.push_fmt(format_args!("bit_position:{} ", mem.bit_pos())));
    }
    if on(M::VALID_REQUESTOR_ID) {
        n = n.saturating_add(
            msg.push_fmt(format_args!("requestor_id:0x{:016x} ", mem.requestor_id())),
        );
    }
    if on(M::VALID_RESPONDER_ID) {
        n = n.saturating_add(
            msg.push_fmt(format_args!("responder_id:0x{:016x} ", mem.responder_id())),
        );
    }
    if on(M::VALID_TARGET_ID) {
        n = n.saturating_add(msg.push_fmt(format_args!("target_id:0x{:016x} ", mem.target_id())));
    }
    if on(M::VALID_CHIP_ID) {
        n = n.saturating_add(msg.push_fmt(format_args!("chip_id:{} ", mem.chip_id())));
    }
    n
}

/// `cper_dimm_err_location()`: "DIMM location: ..." when the module handle is valid.
fn dimm_err_location<S: Sink + ?Sized>(sink: &S, mem: &M<'_>, msg: &mut RecBuf) -> usize {
    if mem.validation_bits() & M::VALID_MODULE_HANDLE == 0 {
        return 0;
    }
    let handle = mem.mem_dev_handle();
    match sink.dmi_memdev_name(handle) {
        Some((bank, device)) => msg.push_fmt(format_args!("DIMM location: {bank} {device} ")),
        None => msg.push_fmt(format_args!(
            "DIMM location: not present. DMI handle: 0x{handle:04x} "
        )),
    }
}

/// `cper_print_mem(pfx, mem, len)` with `len` the body's length (at least 73).
pub(crate) fn print_mem<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, data: &[u8]) {
    let mem = M::view(data);
    let vb = mem.validation_bits();
    // Don't trust UEFI 2.1/2.2 structure with bad validation bits.
    if data.len() == M::OLD_SIZE && vb & M::OLD_LAYOUT_INVALID != 0 {
        sink.line_at(
            LogLevel::Err,
            format_args!("{FW_WARN}valid bits set for fields beyond structure"),
        );
        return;
    }
    if vb & M::VALID_ERROR_STATUS != 0 {
        let st = mem.error_status();
        sink.line(format_args!(
            "{pfx} error_status: {} (0x{st:016x})",
            mem_err_status_str(st)
        ));
    }
    if vb & M::VALID_PA != 0 {
        sink.line(format_args!(
            "{pfx}physical_address: 0x{:016x}",
            mem.physical_addr()
        ));
    }
    if vb & M::VALID_PA_MASK != 0 {
        sink.line(format_args!(
            "{pfx}physical_address_mask: 0x{:016x}",
            mem.physical_addr_mask()
        ));
    }
    let mut msg = RecBuf::new();
    if mem_err_location(&mem, &mut msg) != 0 {
        sink.line(format_args!("{pfx}{msg}"));
    }
    if vb & M::VALID_ERROR_TYPE != 0 {
        let etype = mem.error_type();
        sink.line(format_args!(
            "{pfx}error_type: {etype}, {}",
            mem_err_type_str(u32::from(etype))
        ));
    }
    msg.clear();
    if dimm_err_location(sink, &mem, &mut msg) != 0 {
        sink.line(format_args!("{pfx}{msg}"));
    }
}
