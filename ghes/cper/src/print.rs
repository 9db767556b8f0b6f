// SPDX-License-Identifier: GPL-2.0
//! `cper_estatus_print()`, `cper_estatus_print_section()`, `cper_print_tstamp()` (cper.c) and
//! `__ghes_print_estatus()`'s text (ghes.c), line by line.

use super::cxl::CxlEventKind;
use super::estatus::Estatus;
use super::guid::Guid;
use super::hexdump::print_hex_dump;
use super::linebuf::LineBuf;
use super::prefix::{Pfx, LEVEL_LEN};
use super::print_arm::print_proc_arm;
use super::print_cxl::print_prot_err;
use super::print_mem::print_mem;
use super::print_misc::{print_fw_err, print_pcie, print_proc_generic};
use super::section::Section;
use super::severity::severity_str;
use super::sink::{LogLevel, Sink};
use super::timestamp::bcd2bin;

/// Linux's `HW_ERR`.
const HW_ERR: &str = "[Hardware Error]: ";
/// Linux's `FW_WARN`.
pub(crate) const FW_WARN: &str = "[Firmware Warn]: ";

/// Prints `estatus` exactly as Linux's `cper_estatus_print(pfx, estatus)`.
///
/// `pfx` is the prefix text after the printk level, e.g. `"[Hardware Error]: "` for BERT's
/// `KERN_INFO HW_ERR`. cper.c sizes its nested prefixes and `cper_print_bits()` lines in bytes
/// that include the 2-byte level, so this function assumes one was there, as with every
/// in-tree caller.
pub fn print_estatus<S: Sink + ?Sized>(sink: &mut S, pfx: &str, estatus: &Estatus<'_>) {
    let pfx = Pfx::new(pfx);
    // __u16 severity = estatus->error_severity;  (truncated to 16 bits)
    let severity = u32::from(estatus.error_severity() as u16);
    if severity == 2 {
        sink.line(format_args!(
            "{pfx}It has been corrected by h/w and requires no further action"
        ));
    }
    sink.line(format_args!(
        "{pfx}event severity: {}",
        severity_str(severity)
    ));
    let newpfx = pfx.child(64);
    for (sec_no, gdata) in estatus.sections().enumerate() {
        print_section(sink, &newpfx, &gdata, sec_no);
    }
}

/// Prints `estatus` as Linux's `__ghes_print_estatus()`: the prefix `"{seq}[Hardware Error]: "`,
/// the line "Hardware error from APEI Generic Hardware Error Source: N", then
/// [`print_estatus`]. The log level to print at is [`ghes_log_level`](super::ghes_log_level).
pub fn print_ghes_estatus<S: Sink + ?Sized>(
    sink: &mut S,
    seq: u32,
    source_id: u16,
    estatus: &Estatus<'_>,
) {
    // snprintf(pfx_seq, 64, "%s{%u}" HW_ERR, pfx, curr_seqno): at most 32 bytes, never cut.
    let mut pfx_seq = LineBuf::<{ 64 - 1 - LEVEL_LEN }>::new();
    pfx_seq.push_fmt(format_args!("{{{seq}}}{HW_ERR}"));
    let pfx = pfx_seq.as_str();
    sink.line(format_args!(
        "{pfx}Hardware error from APEI Generic Hardware Error Source: {source_id}"
    ));
    print_estatus(sink, pfx, estatus);
}

/// `pr_err(FW_WARN "error section length is too small\n")`.
fn too_small<S: Sink + ?Sized>(sink: &mut S) {
    sink.line_at(
        LogLevel::Err,
        format_args!("{FW_WARN}error section length is too small"),
    );
}

/// `cper_print_tstamp()`.
fn print_tstamp<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, gdata: &Section<'_>) {
    if gdata.validation_bits() & Section::VALID_TIMESTAMP == 0 {
        return;
    }
    let Some(ts) = gdata.timestamp_raw() else {
        return;
    };
    let t = ts.0;
    let b = |i: usize| bcd2bin(t.get(i).copied().unwrap_or(0));
    sink.line(format_args!(
        "{pfx}{}tstamp: {:02}{:02}-{:02}-{:02} {:02}:{:02}:{:02}",
        if ts.precise() {
            "precise "
        } else {
            "imprecise "
        },
        b(7),
        b(6),
        b(5),
        b(4),
        b(2),
        b(1),
        b(0)
    ));
}

/// `%.20s` of the FRU text: up to 20 bytes, stopping at NUL. Printable ASCII is printed as is;
/// other bytes (which printk would pass through raw) as `\xNN`, the form /dev/kmsg shows.
struct FruText<'a>(&'a [u8]);

impl core::fmt::Display for FruText<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for &c in self.0 {
            if (0x20..0x7f).contains(&c) {
                core::fmt::Write::write_char(f, char::from(c))?;
            } else {
                write!(f, "\\x{c:02x}")?;
            }
        }
        Ok(())
    }
}

/// `cper_estatus_print_section()`.
fn print_section<S: Sink + ?Sized>(
    sink: &mut S,
    pfx: &Pfx<'_>,
    gdata: &Section<'_>,
    sec_no: usize,
) {
    let sec_type = gdata.section_type();
    if gdata.version() >= 3 {
        print_tstamp(sink, pfx, gdata);
    }
    let severity = u32::from(gdata.error_severity() as u16);
    sink.line(format_args!(
        "{pfx}Error {sec_no}, type: {}",
        severity_str(severity)
    ));
    if gdata.validation_bits() & Section::VALID_FRU_ID != 0 {
        sink.line(format_args!("{pfx}fru_id: {}", gdata.fru_id_raw()));
    }
    if gdata.validation_bits() & Section::VALID_FRU_TEXT != 0 {
        let raw = gdata.fru_text_raw();
        let n = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
        sink.line(format_args!(
            "{pfx}fru_text: {}",
            FruText(raw.get(..n).unwrap_or(&[]))
        ));
    }
    let newpfx = pfx.child(64);
    if let Some(kind) = CxlEventKind::from_guid(&sec_type) {
        sink.line(format_args!("{newpfx}section_type: {}", kind.name()));
        return;
    }
    let data = gdata.data();
    let edl = gdata.error_data_length();
    let len = data.len();
    if sec_type == Guid::PROC_GENERIC {
        sink.line(format_args!(
            "{newpfx}section_type: general processor error"
        ));
        if len >= 192 {
            print_proc_generic(sink, &newpfx, data);
        } else {
            too_small(sink);
        }
    } else if sec_type == Guid::PLATFORM_MEM {
        sink.line(format_args!("{newpfx}section_type: memory error"));
        if len >= 73 {
            print_mem(sink, &newpfx, data);
        } else {
            too_small(sink);
        }
    } else if sec_type == Guid::PCIE {
        sink.line(format_args!("{newpfx}section_type: PCIe error"));
        if len >= 208 {
            print_pcie(sink, &newpfx, data);
        } else {
            too_small(sink);
        }
    } else if sec_type == Guid::PROC_ARM {
        sink.line(format_args!("{newpfx}section_type: ARM processor error"));
        if len >= 40 {
            print_proc_arm(sink, &newpfx, data);
        } else {
            too_small(sink);
        }
    } else if sec_type == Guid::FW_ERR_REC_REF {
        sink.line(format_args!(
            "{newpfx}section_type: Firmware Error Record Reference"
        ));
        if len >= 16 {
            print_fw_err(sink, &newpfx, data);
        } else {
            too_small(sink);
        }
    } else if sec_type == Guid::CXL_PROT_ERR {
        sink.line(format_args!("{newpfx}section_type: CXL Protocol Error"));
        if len >= 116 {
            print_prot_err(sink, &newpfx, data);
        } else {
            too_small(sink);
        }
    } else {
        sink.line(format_args!("{newpfx}section type: unknown, {sec_type}"));
        // The kernel's "%#x" prints "0x0" for zero (C's printf would print "0"): seen on the
        // reference kernel in tools/lab-tests/differential.sh.
        sink.line(format_args!("{newpfx}section length: {edl:#x}"));
        print_hex_dump(sink, None, &newpfx, data, true);
    }
}
