// SPDX-License-Identifier: GPL-2.0
//! `cper_print_proc_arm()` and `cper_print_arm_err_info()` (cper-arm.c), with
//! `cper_bits_to_str()` (cper.c) and the string tables.

use core::fmt;

use super::arm::{ArmErrInfo as E, ARM_CTX_LEN, ARM_ERR_INFO_LEN, ARM_LEN, ARM_MAX_CTX_TYPE};
use super::bytes::{sub, u16_at, u32_at, u64_at, u8_at};
use super::hexdump::print_hex_dump;
use super::linebuf::LineBuf;
use super::prefix::Pfx;
use super::print_misc::PROC_ERROR_TYPE_STRS;
use super::sink::Sink;

/// `arm_reg_ctx_strs[]`.
const ARM_REG_CTX_STRS: [&str; 9] = [
    "AArch32 general purpose registers",
    "AArch32 EL1 context registers",
    "AArch32 EL2 context registers",
    "AArch32 secure context registers",
    "AArch64 general purpose registers",
    "AArch64 EL1 context registers",
    "AArch64 EL2 context registers",
    "AArch64 EL3 context registers",
    "Misc. system register structure",
];
/// `arm_err_trans_type_strs[]`.
const ARM_ERR_TRANS_TYPE_STRS: [&str; 3] = ["Instruction", "Data Access", "Generic"];
/// `arm_bus_err_op_strs[]`.
const ARM_BUS_ERR_OP_STRS: [&str; 7] = [
    "Generic error (type cannot be determined)",
    "Generic read (type of instruction or data request cannot be determined)",
    "Generic write (type of instruction of data request cannot be determined)",
    "Data read",
    "Data write",
    "Instruction fetch",
    "Prefetch",
];
/// `arm_cache_err_op_strs[]`.
const ARM_CACHE_ERR_OP_STRS: [&str; 11] = [
    "Generic error (type cannot be determined)",
    "Generic read (type of instruction or data request cannot be determined)",
    "Generic write (type of instruction of data request cannot be determined)",
    "Data read",
    "Data write",
    "Instruction fetch",
    "Prefetch",
    "Eviction",
    "Snooping (processor initiated a cache snoop that resulted in an error)",
    "Snooped (processor raised a cache error caused by another processor or device snooping its cache)",
    "Management",
];
/// `arm_tlb_err_op_strs[]`.
const ARM_TLB_ERR_OP_STRS: [&str; 9] = [
    "Generic error (type cannot be determined)",
    "Generic read (type of instruction or data request cannot be determined)",
    "Generic write (type of instruction of data request cannot be determined)",
    "Data read",
    "Data write",
    "Instruction fetch",
    "Prefetch",
    "Local management operation (processor initiated a TLB management operation that resulted in an error)",
    "External management operation (processor raised a TLB error caused by another processor or device broadcasting TLB operations)",
];
/// `arm_bus_err_part_type_strs[]`.
const ARM_BUS_ERR_PART_TYPE_STRS: [&str; 4] = [
    "Local processor originated request",
    "Local processor responded to request",
    "Local processor observed",
    "Generic",
];
/// `arm_bus_err_addr_space_strs[]`.
const ARM_BUS_ERR_ADDR_SPACE_STRS: [&str; 4] = [
    "External Memory Access",
    "Internal Memory Access",
    "Unknown",
    "Device Memory Access",
];

/// `strs[idx]` if `idx` is in range.
fn pick(strs: &[&'static str], idx: u64) -> Option<&'static str> {
    usize::try_from(idx).ok().and_then(|i| strs.get(i)).copied()
}

/// `cper_bits_to_str(buf, 120, bits, strs, n)`: the names of the set bits joined by '|'.
fn bits_to_str(buf: &mut LineBuf<119>, bits: u64, strs: &[&str]) {
    for (i, s) in strs.iter().enumerate() {
        if i >= 64 || bits & (1u64 << i) == 0 {
            continue;
        }
        if buf.len() != 0 {
            buf.push_byte(b'|');
        }
        buf.push_str(s);
    }
}

/// What `ghes_handle_arm_hw_error()` says of an ARM error information entry of type `0`
/// that it cannot recover: "Unhandled processor error type 0x{type:02x}: {names}", with
/// " with reserved bit(s)" when bits outside CPER_ARM_ERR_TYPE_MASK are set.
#[derive(Clone, Copy, Debug)]
pub struct UnhandledArmError(pub u8);

impl fmt::Display for UnhandledArmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names = LineBuf::<119>::new();
        bits_to_str(
            &mut names,
            u64::from((self.0 & ARM_ERR_TYPE_MASK) >> 1),
            &PROC_ERROR_TYPE_STRS,
        );
        let reserved = if self.0 & !ARM_ERR_TYPE_MASK != 0 {
            " with reserved bit(s)"
        } else {
            ""
        };
        write!(
            f,
            "Unhandled processor error type 0x{:02x}: {}{}",
            self.0,
            names.as_str(),
            reserved
        )
    }
}

/// `CPER_ARM_ERR_TYPE_MASK`: GENMASK(4, 1).
const ARM_ERR_TYPE_MASK: u8 = 0x1e;

/// `cper_print_arm_err_info(pfx, type, error_info)`.
fn print_arm_err_info<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, ty: u8, ei: u64) {
    // Vendor type errors have error information values that are vendor specific.
    if ty & E::TYPE_VENDOR != 0 {
        return;
    }
    let field = |shift: u32, mask: u64| (ei >> shift) & mask;
    if ei & (1 << 0) != 0 {
        if let Some(s) = pick(&ARM_ERR_TRANS_TYPE_STRS, field(16, 0x3)) {
            sink.line(format_args!("{pfx}transaction type: {s}"));
        }
    }
    if ei & (1 << 1) != 0 {
        let op = field(18, 0xf);
        if ty & E::TYPE_CACHE != 0 {
            if let Some(s) = pick(&ARM_CACHE_ERR_OP_STRS, op) {
                sink.line(format_args!("{pfx}cache error, operation type: {s}"));
            }
        }
        if ty & E::TYPE_TLB != 0 {
            if let Some(s) = pick(&ARM_TLB_ERR_OP_STRS, op) {
                sink.line(format_args!("{pfx}TLB error, operation type: {s}"));
            }
        }
        if ty & E::TYPE_BUS != 0 {
            if let Some(s) = pick(&ARM_BUS_ERR_OP_STRS, op) {
                sink.line(format_args!("{pfx}bus error, operation type: {s}"));
            }
        }
    }
    if ei & (1 << 2) != 0 {
        let level = field(22, 0x7);
        if ty & E::TYPE_CACHE != 0 {
            sink.line(format_args!("{pfx}cache level: {level}"));
        }
        if ty & E::TYPE_TLB != 0 {
            sink.line(format_args!("{pfx}TLB level: {level}"));
        }
        if ty & E::TYPE_BUS != 0 {
            sink.line(format_args!(
                "{pfx}affinity level at which the bus error occurred: {level}"
            ));
        }
    }
    if ei & (1 << 3) != 0 {
        if field(25, 1) != 0 {
            sink.line(format_args!("{pfx}processor context corrupted"));
        } else {
            sink.line(format_args!("{pfx}processor context not corrupted"));
        }
    }
    if ei & (1 << 4) != 0 {
        if field(26, 1) != 0 {
            sink.line(format_args!("{pfx}the error has been corrected"));
        } else {
            sink.line(format_args!("{pfx}the error has not been corrected"));
        }
    }
    if ei & (1 << 5) != 0 {
        if field(27, 1) != 0 {
            sink.line(format_args!("{pfx}PC is precise"));
        } else {
            sink.line(format_args!("{pfx}PC is imprecise"));
        }
    }
    if ei & (1 << 6) != 0 && field(28, 1) != 0 {
        sink.line(format_args!(
            "{pfx}Program execution can be restarted reliably at the PC associated with the error."
        ));
    }
    // The rest of the fields are specific to bus errors.
    if ty != E::TYPE_BUS {
        return;
    }
    if ei & (1 << 7) != 0 {
        if let Some(s) = pick(&ARM_BUS_ERR_PART_TYPE_STRS, field(29, 0x3)) {
            sink.line(format_args!("{pfx}participation type: {s}"));
        }
    }
    if ei & (1 << 8) != 0 && field(31, 1) != 0 {
        sink.line(format_args!("{pfx}request timed out"));
    }
    if ei & (1 << 9) != 0 {
        if let Some(s) = pick(&ARM_BUS_ERR_ADDR_SPACE_STRS, field(32, 0x3)) {
            sink.line(format_args!("{pfx}address space: {s}"));
        }
    }
    if ei & (1 << 10) != 0 {
        sink.line(format_args!(
            "{pfx}memory access attributes:0x{:x}",
            field(34, 0x1ff)
        ));
    }
    if ei & (1 << 11) != 0 {
        if field(43, 1) != 0 {
            sink.line(format_args!("{pfx}access mode: normal"));
        } else {
            sink.line(format_args!("{pfx}access mode: secure"));
        }
    }
}

/// `cper_print_proc_arm(pfx, proc, length)`; `data` is the body (`length` bytes, at least 40).
/// Structures are read from the body wherever they lie; bytes past its end read as zero.
pub(crate) fn print_proc_arm<S: Sink + ?Sized>(sink: &mut S, pfx: &Pfx<'_>, data: &[u8]) {
    let length = data.len() as u32;
    let validation_bits = u32_at(data, 0);
    let err_info_num = u16_at(data, 4);
    let context_info_num = u16_at(data, 6);
    let section_length = u32_at(data, 8);

    sink.line(format_args!("{pfx}MIDR: 0x{:016x}", u64_at(data, 24)));

    // len = section_length - (sizeof(*proc) + err_info_num * sizeof(*err_info)): size_t
    // arithmetic, stored in an int.
    let fixed = (ARM_LEN as u64)
        .wrapping_add(u64::from(err_info_num).wrapping_mul(ARM_ERR_INFO_LEN as u64));
    let mut len = u64::from(section_length).wrapping_sub(fixed) as u32 as i32;
    if len < 0 || section_length > length {
        sink.line(format_args!(
            "{pfx}section length: {}, CPER size: {}",
            section_length as i32, length as i32
        ));
        sink.line(format_args!(
            "{pfx}section length is too {}",
            if len < 0 { "small" } else { "big" }
        ));
        sink.line(format_args!(
            "{pfx}firmware-generated error record is incorrect"
        ));
        sink.line(format_args!("{pfx}ERR_INFO_NUM is {err_info_num}"));
        return;
    }
    if validation_bits & (1 << 0) != 0 {
        sink.line(format_args!(
            "{pfx}Multiprocessor Affinity Register (MPIDR): 0x{:016x}",
            u64_at(data, 16)
        ));
    }
    if validation_bits & (1 << 1) != 0 {
        sink.line(format_args!(
            "{pfx}error affinity level: {}",
            u8_at(data, 12)
        ));
    }
    if validation_bits & (1 << 2) != 0 {
        sink.line(format_args!("{pfx}running state: 0x{:x}", u32_at(data, 32)));
        sink.line(format_args!(
            "{pfx}Power State Coordination Interface state: {}",
            u32_at(data, 36) as i32
        ));
    }
    let newpfx = pfx.child(64);

    let mut pos = ARM_LEN;
    for i in 0..err_info_num {
        let info = E::view(sub(data, pos, ARM_ERR_INFO_LEN));
        sink.line(format_args!("{pfx}Error info structure {i}:"));
        sink.line(format_args!(
            "{pfx}num errors: {}",
            u32::from(info.multiple_error()).saturating_add(1)
        ));
        let ivb = info.validation_bits();
        if ivb & E::VALID_FLAGS != 0 {
            let flags = info.flags();
            if flags & E::FLAG_FIRST != 0 {
                sink.line(format_args!("{newpfx}first error captured"));
            }
            if flags & E::FLAG_LAST != 0 {
                sink.line(format_args!("{newpfx}last error captured"));
            }
            if flags & E::FLAG_PROPAGATED != 0 {
                sink.line(format_args!("{newpfx}propagated error captured"));
            }
            if flags & E::FLAG_OVERFLOW != 0 {
                sink.line(format_args!(
                    "{newpfx}overflow occurred, error info is incomplete"
                ));
            }
        }
        let ty = info.error_type();
        let mut error_type = LineBuf::<119>::new();
        // FIELD_GET(CPER_ARM_ERR_TYPE_MASK, type): bits 1..4.
        bits_to_str(
            &mut error_type,
            u64::from((ty & 0x1e) >> 1),
            &PROC_ERROR_TYPE_STRS,
        );
        sink.line(format_args!(
            "{newpfx}error_type: 0x{ty:02x}: {error_type}{}",
            if ty & !0x1e != 0 {
                " with reserved bit(s)"
            } else {
                ""
            }
        ));
        if ivb & E::VALID_ERR_INFO != 0 {
            let ei = info.error_info();
            sink.line(format_args!("{newpfx}error_info: 0x{ei:016x}"));
            let infopfx = newpfx.child(65);
            print_arm_err_info(sink, &infopfx, ty, ei);
        }
        if ivb & E::VALID_VIRT_ADDR != 0 {
            sink.line(format_args!(
                "{newpfx}virtual fault address: 0x{:016x}",
                info.virt_fault_addr()
            ));
        }
        if ivb & E::VALID_PHYSICAL_ADDR != 0 {
            sink.line(format_args!(
                "{newpfx}physical fault address: 0x{:016x}",
                info.physical_fault_addr()
            ));
        }
        pos = pos.saturating_add(ARM_ERR_INFO_LEN);
    }

    for i in 0..context_info_num {
        let ctx_type = u16_at(data, pos.saturating_add(2));
        let ctx_size = u32_at(data, pos.saturating_add(4));
        // Linux: int size = sizeof(*ctx_info) + ctx_info->size (wraps for huge sizes; exact
        // here, so a huge size is "too small" instead of a dump past the section).
        let size = (ARM_CTX_LEN as u64).saturating_add(u64::from(ctx_size));
        sink.line(format_args!("{pfx}Context info structure {i}:"));
        if i64::from(len) < size as i64 {
            sink.line(format_args!("{newpfx}section length is too small"));
            sink.line(format_args!(
                "{pfx}firmware-generated error record is incorrect"
            ));
            return;
        }
        if ctx_type > ARM_MAX_CTX_TYPE {
            sink.line(format_args!(
                "{newpfx}Invalid context type: {ctx_type} (max: {ARM_MAX_CTX_TYPE})"
            ));
            return;
        }
        let name = pick(&ARM_REG_CTX_STRS, u64::from(ctx_type)).unwrap_or("");
        sink.line(format_args!("{newpfx}register context type: {name}"));
        // size <= len < 2^31: it fits everywhere.
        let regs = sub(data, pos.saturating_add(ARM_CTX_LEN), ctx_size as usize);
        print_hex_dump(sink, None, &newpfx, regs, false);
        len = len.saturating_sub(size as i32);
        pos = pos.saturating_add(size as usize);
    }

    if len > 0 {
        sink.line(format_args!(
            "{pfx}Vendor specific error info has {} bytes:",
            len as u32
        ));
        print_hex_dump(sink, None, &newpfx, sub(data, pos, len as usize), true);
    }
}
