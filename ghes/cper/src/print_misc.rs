// SPDX-License-Identifier: GPL-2.0
//! `cper_print_bits()`, `cper_print_proc_generic()`, `cper_print_pcie()` and
//! `cper_print_fw_err()` (cper.c), with their string tables.

use super::fw_err::FwErrRecRef;
use super::hexdump::print_hex_dump;
use super::linebuf::{fmt_len, LineBuf};
use super::pcie::Pcie as P;
use super::prefix::{Pfx, LEVEL_LEN};
use super::proc_generic::ProcGeneric as G;
use super::sink::Sink;

/// `proc_type_strs[]`.
const PROC_TYPE_STRS: [&str; 3] = ["IA32/X64", "IA64", "ARM"];
/// `proc_isa_strs[]`.
const PROC_ISA_STRS: [&str; 5] = ["IA32", "IA64", "X64", "ARM A32/T32", "ARM A64"];
/// `cper_proc_error_type_strs[]`.
pub(crate) const PROC_ERROR_TYPE_STRS: [&str; 4] = [
    "cache error",
    "TLB error",
    "bus error",
    "micro-architectural error",
];
/// `proc_op_strs[]`.
const PROC_OP_STRS: [&str; 4] = [
    "unknown or generic",
    "data read",
    "data write",
    "instruction execution",
];
/// `proc_flag_strs[]`.
const PROC_FLAG_STRS: [&str; 4] = ["restartable", "precise IP", "overflow", "corrected"];
/// `pcie_port_type_strs[]`.
const PCIE_PORT_TYPE_STRS: [&str; 11] = [
    "PCIe end point",
    "legacy PCI end point",
    "unknown",
    "unknown",
    "root port",
    "upstream switch port",
    "downstream switch port",
    "PCIe to PCI/PCI-X bridge",
    "PCI/PCI-X to PCIe bridge",
    "root complex integrated endpoint device",
    "root complex event collector",
];
/// `fw_err_rec_type_strs[]`.
const FW_ERR_REC_TYPE_STRS: [&str; 3] = [
    "IPF SAL Error Record",
    "SOC Firmware Error Record Type1 (Legacy CrashLog Support)",
    "SOC Firmware Error Record Type2",
];

/// `idx < ARRAY_SIZE(strs) ? strs[idx] : "unknown"`.
pub(crate) fn str_or_unknown(strs: &[&'static str], idx: u64) -> &'static str {
    usize::try_from(idx)
        .ok()
        .and_then(|i| strs.get(i))
        .copied()
        .unwrap_or("unknown")
}

/// `cper_print_bits()`: the names of the set bits, comma-separated, as many per line as fit in
/// 80 bytes (the printk level counted), in an 84-byte buffer.
pub(crate) fn print_bits<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, bits: u32, strs: &[&str]) {
    // char buf[84] holds the 2 level bytes, the text and a NUL.
    let mut buf = LineBuf::<{ 84 - 1 - LEVEL_LEN }>::new();
    // C's `len`, level bytes included; after an overlong first entry it is snprintf()'s
    // untruncated return value.
    let mut len = 0usize;
    for (i, s) in strs.iter().enumerate() {
        if i >= 32 || bits & (1u32 << i) == 0 {
            continue;
        }
        if len != 0 && len.saturating_add(s.len()).saturating_add(2) > 80 {
            sink.line(format_args!("{buf}"));
            len = 0;
        }
        if len == 0 {
            buf.clear();
            buf.push_fmt(format_args!("{pfx}{s}"));
            len = LEVEL_LEN.saturating_add(fmt_len(format_args!("{pfx}{s}")));
        } else {
            len = len.saturating_add(buf.push_fmt(format_args!(", {s}")));
        }
    }
    if len != 0 {
        sink.line(format_args!("{buf}"));
    }
}

/// `cper_print_proc_generic()`.
pub(crate) fn print_proc_generic<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, data: &[u8]) {
    let p = G::view(data);
    let vb = p.validation_bits();
    if vb & G::VALID_TYPE != 0 {
        let t = p.proc_type();
        sink.line(format_args!(
            "{pfx}processor_type: {t}, {}",
            str_or_unknown(&PROC_TYPE_STRS, u64::from(t))
        ));
    }
    if vb & G::VALID_ISA != 0 {
        let t = p.proc_isa();
        sink.line(format_args!(
            "{pfx}processor_isa: {t}, {}",
            str_or_unknown(&PROC_ISA_STRS, u64::from(t))
        ));
    }
    if vb & G::VALID_ERROR_TYPE != 0 {
        let t = p.proc_error_type();
        sink.line(format_args!("{pfx}error_type: 0x{t:02x}"));
        print_bits(sink, pfx, u32::from(t), &PROC_ERROR_TYPE_STRS);
    }
    if vb & G::VALID_OPERATION != 0 {
        let t = p.operation();
        sink.line(format_args!(
            "{pfx}operation: {t}, {}",
            str_or_unknown(&PROC_OP_STRS, u64::from(t))
        ));
    }
    if vb & G::VALID_FLAGS != 0 {
        let t = p.flags();
        sink.line(format_args!("{pfx}flags: 0x{t:02x}"));
        print_bits(sink, pfx, u32::from(t), &PROC_FLAG_STRS);
    }
    if vb & G::VALID_LEVEL != 0 {
        sink.line(format_args!("{pfx}level: {}", p.level()));
    }
    if vb & G::VALID_VERSION != 0 {
        sink.line(format_args!(
            "{pfx}version_info: 0x{:016x}",
            p.cpu_version()
        ));
    }
    if vb & G::VALID_ID != 0 {
        sink.line(format_args!("{pfx}processor_id: 0x{:016x}", p.proc_id()));
    }
    if vb & G::VALID_TARGET_ADDRESS != 0 {
        sink.line(format_args!(
            "{pfx}target_address: 0x{:016x}",
            p.target_addr()
        ));
    }
    if vb & G::VALID_REQUESTOR_ID != 0 {
        sink.line(format_args!(
            "{pfx}requestor_id: 0x{:016x}",
            p.requestor_id()
        ));
    }
    if vb & G::VALID_RESPONDER_ID != 0 {
        sink.line(format_args!(
            "{pfx}responder_id: 0x{:016x}",
            p.responder_id()
        ));
    }
    if vb & G::VALID_IP != 0 {
        sink.line(format_args!("{pfx}IP: 0x{:016x}", p.ip()));
    }
}

/// `cper_print_pcie()`.
pub(crate) fn print_pcie<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, data: &[u8]) {
    let p = P::view(data);
    let vb = p.validation_bits();
    if vb & P::VALID_PORT_TYPE != 0 {
        let t = p.port_type();
        // "%d" of a u32.
        sink.line(format_args!(
            "{pfx}port_type: {}, {}",
            t as i32,
            str_or_unknown(&PCIE_PORT_TYPE_STRS, u64::from(t))
        ));
    }
    if vb & P::VALID_VERSION != 0 {
        sink.line(format_args!(
            "{pfx}version: {}.{}",
            p.version_major(),
            p.version_minor()
        ));
    }
    if vb & P::VALID_COMMAND_STATUS != 0 {
        sink.line(format_args!(
            "{pfx}command: 0x{:04x}, status: 0x{:04x}",
            p.command(),
            p.status()
        ));
    }
    if vb & P::VALID_DEVICE_ID != 0 {
        sink.line(format_args!(
            "{pfx}device_id: {:04x}:{:02x}:{:02x}.{:x}",
            p.segment(),
            p.bus(),
            p.device(),
            p.function()
        ));
        sink.line(format_args!("{pfx}slot: {}", p.slot() >> 3));
        sink.line(format_args!(
            "{pfx}secondary_bus: 0x{:02x}",
            p.secondary_bus()
        ));
        sink.line(format_args!(
            "{pfx}vendor_id: 0x{:04x}, device_id: 0x{:04x}",
            p.vendor_id(),
            p.device_id()
        ));
        let c = p.class_code();
        sink.line(format_args!(
            "{pfx}class_code: {:02x}{:02x}{:02x}",
            c[2], c[1], c[0]
        ));
    }
    if vb & P::VALID_SERIAL_NUMBER != 0 {
        sink.line(format_args!(
            "{pfx}serial number: 0x{:04x}, 0x{:04x}",
            p.serial_lower(),
            p.serial_upper()
        ));
    }
    if vb & P::VALID_BRIDGE_CONTROL_STATUS != 0 {
        sink.line(format_args!(
            "{pfx}bridge: secondary_status: 0x{:04x}, control: 0x{:04x}",
            p.bridge_secondary_status(),
            p.bridge_control()
        ));
    }
    if vb & P::VALID_AER_INFO != 0 {
        sink.line(format_args!(
            "{pfx}aer_cor_status: 0x{:08x}, aer_cor_mask: 0x{:08x}",
            p.aer_cor_status(),
            p.aer_cor_mask()
        ));
        sink.line(format_args!(
            "{pfx}aer_uncor_status: 0x{:08x}, aer_uncor_mask: 0x{:08x}",
            p.aer_uncor_status(),
            p.aer_uncor_mask()
        ));
        sink.line(format_args!(
            "{pfx}aer_uncor_severity: 0x{:08x}",
            p.aer_uncor_severity()
        ));
        sink.line(format_args!(
            "{pfx}TLP Header: {:08x} {:08x} {:08x} {:08x}",
            p.aer_header_log(0),
            p.aer_header_log(1),
            p.aer_header_log(2),
            p.aer_header_log(3)
        ));
    }
}

/// `cper_print_fw_err()`; `data` is the body (`error_data_length` bytes, at least 16).
pub(crate) fn print_fw_err<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, data: &[u8]) {
    let fw = FwErrRecRef::view(data);
    sink.line(format_args!(
        "{pfx}Firmware Error Record Type: {}",
        str_or_unknown(&FW_ERR_REC_TYPE_STRS, u64::from(fw.record_type()))
    ));
    sink.line(format_args!("{pfx}Revision: {}", fw.revision()));
    match fw.revision() {
        0 => sink.line(format_args!(
            "{pfx}Record Identifier: {:08x}",
            fw.record_identifier()
        )),
        2 => sink.line(format_args!(
            "{pfx}Record Identifier: {}",
            fw.record_identifier_guid()
        )),
        _ => {}
    }
    let offset = fw.fixed_len();
    let length = data.len();
    if offset > length {
        sink.line(format_args!(
            "{pfx}error section length is too small: offset={offset}, length={}",
            length as u32 as i32
        ));
        return;
    }
    print_hex_dump(sink, None, pfx, data.get(offset..).unwrap_or(&[]), true);
}
