// SPDX-License-Identifier: GPL-2.0
//! `cxl_cper_print_prot_err()` (cper_cxl.c). Its lines are `pr_info()` (level INFO whatever
//! the prefix says) except the hex dumps, which use the prefix's level.

use super::cxl::CxlProtErr as C;
use super::hexdump::{print_hex_dump, print_hex_dump_len};
use super::prefix::Pfx;
use super::print_misc::str_or_unknown;
use super::sink::{LogLevel, Sink};

/// `prot_err_agent_type_strs[]`.
const PROT_ERR_AGENT_TYPE_STRS: [&str; 8] = [
    "Restricted CXL Device",
    "Restricted CXL Host Downstream Port",
    "CXL Device",
    "CXL Logical Device",
    "CXL Fabric Manager managed Logical Device",
    "CXL Root Port",
    "CXL Downstream Switch Port",
    "CXL Upstream Switch Port",
];

// enum { RCD, RCH_DP, DEVICE, LD, FMLD, RP, DSP, USP }
const RCD: u8 = 0;
const RCH_DP: u8 = 1;
const DEVICE: u8 = 2;
const LD: u8 = 3;
const FMLD: u8 = 4;
const RP: u8 = 5;
const DSP: u8 = 6;
const USP: u8 = 7;

/// `cxl_cper_print_prot_err(pfx, prot_err)`; `data` is the body (at least 116 bytes). The DVSEC
/// and RAS capability are read where Linux reads them; bytes past the body read as zero.
pub(crate) fn print_prot_err<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, data: &[u8]) {
    let p = C::view(data);
    let vb = p.valid_bits();
    let at = p.agent_type();
    let info = LogLevel::Info;
    let pcie_agent = matches!(at, RCD | DEVICE | LD | FMLD | RP | DSP | USP);
    let device_agent = matches!(at, RCD | DEVICE | LD | FMLD);

    if vb & C::VALID_AGENT_TYPE != 0 {
        sink.line_at(
            info,
            format_args!(
                "{pfx} agent_type: {at}, {}",
                str_or_unknown(&PROT_ERR_AGENT_TYPE_STRS, u64::from(at))
            ),
        );
    }
    if vb & C::VALID_AGENT_ADDRESS != 0 {
        if pcie_agent {
            sink.line_at(
                info,
                format_args!(
                    "{pfx} agent_address: {:04x}:{:02x}:{:02x}.{:x}",
                    p.segment(),
                    p.bus(),
                    p.device(),
                    p.function()
                ),
            );
        } else if at == RCH_DP {
            sink.line_at(
                info,
                format_args!("{pfx} rcrb_base_address: 0x{:016x}", p.rcrb_base_addr()),
            );
        }
    }
    if vb & C::VALID_DEVICE_ID != 0 && pcie_agent {
        sink.line_at(info, format_args!("{pfx} slot: {}", p.slot() >> 3));
        sink.line_at(
            info,
            format_args!(
                "{pfx} vendor_id: 0x{:04x}, device_id: 0x{:04x}",
                p.vendor_id(),
                p.device_id()
            ),
        );
        sink.line_at(
            info,
            format_args!(
                "{pfx} sub_vendor_id: 0x{:04x}, sub_device_id: 0x{:04x}",
                p.subsystem_vendor_id(),
                p.subsystem_id()
            ),
        );
        let c = p.class_code();
        sink.line_at(
            info,
            format_args!("{pfx} class_code: {:02x}{:02x}", c[1], c[0]),
        );
    }
    if vb & C::VALID_SERIAL_NUMBER != 0 && device_agent {
        sink.line_at(
            info,
            format_args!(
                "{pfx} lower_dw: 0x{:08x}, upper_dw: 0x{:08x}",
                p.serial_lower(),
                p.serial_upper()
            ),
        );
    }
    if vb & C::VALID_CAPABILITY != 0 && pcie_agent {
        print_hex_dump(sink, None, pfx, p.capability(), false);
    }
    if vb & C::VALID_DVSEC != 0 {
        let n = p.dvsec_len();
        sink.line_at(info, format_args!("{pfx} DVSEC length: 0x{n:04x}"));
        sink.line_at(info, format_args!("{pfx} CXL DVSEC:"));
        print_hex_dump_len(sink, None, pfx, p.dvsec(), usize::from(n), false);
    }
    if vb & C::VALID_ERROR_LOG != 0 {
        sink.line_at(
            info,
            format_args!("{pfx} Error log length: 0x{:04x}", p.err_len()),
        );
        sink.line_at(info, format_args!("{pfx} CXL Error Log:"));
        sink.line_at(
            info,
            format_args!("{pfx} cxl_ras_uncor_status: 0x{:08x}", p.ras_reg(0)),
        );
        sink.line_at(
            info,
            format_args!("{pfx} cxl_ras_uncor_mask: 0x{:08x}", p.ras_reg(1)),
        );
        sink.line_at(
            info,
            format_args!("{pfx} cxl_ras_uncor_severity: 0x{:08x}", p.ras_reg(2)),
        );
        sink.line_at(
            info,
            format_args!("{pfx} cxl_ras_cor_status: 0x{:08x}", p.ras_reg(3)),
        );
        sink.line_at(
            info,
            format_args!("{pfx} cxl_ras_cor_mask: 0x{:08x}", p.ras_reg(4)),
        );
        sink.line_at(
            info,
            format_args!("{pfx} cap_control: 0x{:08x}", p.ras_reg(5)),
        );
        sink.line_at(info, format_args!("{pfx} Header Log Registers:"));
        print_hex_dump_len(sink, None, pfx, p.ras_header_log(), 64, false);
    }
}
