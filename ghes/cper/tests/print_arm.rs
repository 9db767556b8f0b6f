// SPDX-License-Identifier: GPL-2.0
//! cper_print_proc_arm() and cper_print_arm_err_info() (cper-arm.c): expected lines written
//! from the C code, plus the typed ARM decoding.

mod common;
use common::*;

use cper::{
    ArmContextSpec, ArmErrInfo as E, ArmErrInfoSpec, ArmProcessor, ArmSpec, BodySpec, Estatus,
    SectionBody, SectionError, SectionSpec,
};

fn arm(spec: ArmSpec<'_>) -> SectionSpec<'_> {
    SectionSpec::new(BodySpec::Arm(spec))
}

const CACHE_EI: u64 = 0x7f | 1 << 16 | 3 << 18 | 2 << 22 | 1 << 25 | 1 << 27 | 1 << 28;
const TLB_EI: u64 = 0x16 | 7 << 18 | 1 << 22 | 1 << 26;
const BUS_EI: u64 =
    0xFA7 | 2 << 16 | 5 << 18 | 3 << 22 | 1 << 29 | 1 << 31 | 3 << 32 | 0x1ab << 34 | 1 << 43;

fn infos() -> [ArmErrInfoSpec; 5] {
    [
        ArmErrInfoSpec {
            error_type: E::TYPE_CACHE,
            validation_bits: E::VALID_FLAGS
                | E::VALID_ERR_INFO
                | E::VALID_VIRT_ADDR
                | E::VALID_PHYSICAL_ADDR,
            flags: E::FLAG_FIRST | E::FLAG_LAST,
            error_info: CACHE_EI,
            virt_fault_addr: 0xffff_0000_1234_5678,
            physical_fault_addr: 0x1234_5678,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: E::TYPE_TLB,
            validation_bits: E::VALID_ERR_INFO | E::VALID_MULTI_ERR,
            multiple_error: 4,
            error_info: TLB_EI,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: E::TYPE_BUS,
            validation_bits: E::VALID_FLAGS | E::VALID_ERR_INFO,
            flags: E::FLAG_PROPAGATED | E::FLAG_OVERFLOW,
            error_info: BUS_EI,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: E::TYPE_VENDOR | 1,
            validation_bits: E::VALID_ERR_INFO,
            error_info: u64::MAX,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: E::TYPE_CACHE | E::TYPE_TLB,
            validation_bits: E::VALID_ERR_INFO,
            // operation 1 and level 6, and bus-only bits that must not print.
            error_info: 0x2 | 0x4 | 0x100 | 1 << 18 | 6 << 22 | 1 << 31,
            ..Default::default()
        },
    ]
}

#[test]
fn full_section() {
    let regs: Vec<u8> = (0u8..20).collect();
    let ctx = [ArmContextSpec {
        version: 0,
        ctx_type: 5,
        registers: &regs,
    }];
    let infos = infos();
    let spec = ArmSpec {
        validation_bits: ArmProcessor::VALID_MPIDR
            | ArmProcessor::VALID_AFFINITY_LEVEL
            | ArmProcessor::VALID_RUNNING_STATE,
        affinity_level: 2,
        mpidr: 0x8000_0100,
        midr: 0x410f_d0c1,
        running_state: 1,
        psci_state: 0xffff_fffe,
        err_infos: &infos,
        contexts: &ctx,
        vendor_data: &[0xaa, 0xbb, 0x43],
        section_length: None,
    };
    let lines = body_lines(&arm(spec));
    let mut want = pre(
        P3,
        &[
            "MIDR: 0x00000000410fd0c1",
            "Multiprocessor Affinity Register (MPIDR): 0x0000000080000100",
            "error affinity level: 2",
            "running state: 0x1",
            "Power State Coordination Interface state: -2",
            "Error info structure 0:",
            "num errors: 1",
        ],
    );
    want.extend(pre(
        P4,
        &[
            "first error captured",
            "last error captured",
            "error_type: 0x02: cache error",
            "error_info: 0x000000001a8d007f",
        ],
    ));
    want.extend(pre(
        P5,
        &[
            "transaction type: Data Access",
            "cache error, operation type: Data read",
            "cache level: 2",
            "processor context corrupted",
            "the error has not been corrected",
            "PC is precise",
            "Program execution can be restarted reliably at the PC associated with the error.",
        ],
    ));
    want.extend(pre(
        P4,
        &[
            "virtual fault address: 0xffff000012345678",
            "physical fault address: 0x0000000012345678",
        ],
    ));
    want.extend(pre(P3, &["Error info structure 1:", "num errors: 5"]));
    want.extend(pre(
        P4,
        &[
            "error_type: 0x04: TLB error",
            "error_info: 0x00000000045c0016",
        ],
    ));
    want.extend(pre(
        P5,
        &[
            "TLB error, operation type: Local management operation (processor initiated a TLB \
             management operation that resulted in an error)",
            "TLB level: 1",
            "the error has been corrected",
        ],
    ));
    want.extend(pre(P3, &["Error info structure 2:", "num errors: 1"]));
    want.extend(pre(
        P4,
        &[
            "propagated error captured",
            "overflow occurred, error info is incomplete",
            "error_type: 0x08: bus error",
            "error_info: 0x00000eafa0d60fa7",
        ],
    ));
    want.extend(pre(
        P5,
        &[
            "transaction type: Generic",
            "bus error, operation type: Instruction fetch",
            "affinity level at which the bus error occurred: 3",
            "PC is imprecise",
            "participation type: Local processor responded to request",
            "request timed out",
            "address space: Device Memory Access",
            "memory access attributes:0x1ab",
            "access mode: normal",
        ],
    ));
    want.extend(pre(P3, &["Error info structure 3:", "num errors: 1"]));
    want.extend(pre(
        P4,
        &[
            "error_type: 0x11: micro-architectural error with reserved bit(s)",
            "error_info: 0xffffffffffffffff",
        ],
    ));
    want.extend(pre(P3, &["Error info structure 4:", "num errors: 1"]));
    want.extend(pre(
        P4,
        &[
            "error_type: 0x06: cache error|TLB error",
            "error_info: 0x0000000081840106",
        ],
    ));
    want.extend(pre(
        P5,
        &[
            "cache error, operation type: Generic read (type of instruction or data request \
             cannot be determined)",
            "TLB error, operation type: Generic read (type of instruction or data request \
             cannot be determined)",
            "cache level: 6",
            "TLB level: 6",
        ],
    ));
    want.extend(pre(P3, &["Context info structure 0:"]));
    want.extend(pre(
        P4,
        &[
            "register context type: AArch64 EL1 context registers",
            "00000000: 03020100 07060504 0b0a0908 0f0e0d0c",
            "00000010: 13121110",
        ],
    ));
    want.extend(pre(P3, &["Vendor specific error info has 3 bytes:"]));
    want.push(format!("{P4}00000000: aa bb 43{}..C", " ".repeat(41)));
    assert_eq!(lines, want);
}

#[test]
fn decodes_entries_contexts_and_vendor_data() {
    let regs = [7u8; 12];
    let ctx = [
        ArmContextSpec {
            version: 1,
            ctx_type: 4,
            registers: &regs,
        },
        ArmContextSpec {
            version: 0,
            ctx_type: 8,
            registers: &[],
        },
    ];
    let infos = infos();
    let spec = ArmSpec {
        midr: 5,
        err_infos: &infos,
        contexts: &ctx,
        vendor_data: b"vendor",
        ..Default::default()
    };
    let bytes = one(&arm(spec));
    let e = Estatus::parse(&bytes).unwrap();
    let SectionBody::Arm(a) = e.sections().next().unwrap().body().unwrap() else {
        panic!("not ARM");
    };
    assert_eq!((a.err_info_num(), a.context_info_num()), (5, 2));
    assert_eq!(a.section_length() as usize, 40 + 5 * 32 + 20 + 8 + 6);
    let types: Vec<u8> = a.err_infos().map(|i| i.error_type()).collect();
    assert_eq!(types, [2, 4, 8, 0x11, 6]);
    let i0 = a.err_infos().next().unwrap();
    assert_eq!((i0.length(), i0.error_info()), (32, CACHE_EI));
    assert_eq!(i0.physical_fault_addr(), 0x1234_5678);
    let c: Vec<(u16, u16, u32, Vec<u8>)> = a
        .contexts()
        .map(|c| (c.version(), c.ctx_type(), c.size(), c.registers().to_vec()))
        .collect();
    assert_eq!(c, [(1, 4, 12, regs.to_vec()), (0, 8, 0, vec![])]);
    assert_eq!(a.contexts().next().unwrap().offset(), 92 + 40 + 160);
    assert_eq!(a.vendor_data(), b"vendor");
    assert_eq!(a.midr(), 5);
}

#[test]
fn section_length_too_small_or_too_big() {
    let spec = ArmSpec {
        midr: 1,
        section_length: Some(39),
        ..Default::default()
    };
    let lines = body_lines(&arm(spec));
    assert_eq!(
        lines,
        pre(
            P3,
            &[
                "MIDR: 0x0000000000000001",
                "section length: 39, CPER size: 40",
                "section length is too small",
                "firmware-generated error record is incorrect",
                "ERR_INFO_NUM is 0",
            ]
        )
    );
    let bytes = one(&arm(spec));
    let e = Estatus::parse(&bytes).unwrap();
    assert_eq!(
        e.sections().next().unwrap().body().unwrap_err(),
        SectionError::TooShort {
            offset: 92,
            what: "ARM error information entries",
            needed: 40,
            actual: 39
        }
    );
    let big = ArmSpec {
        section_length: Some(0x8000_0000),
        ..spec
    };
    assert_eq!(
        body_lines(&arm(big))[1..],
        pre(
            P3,
            &[
                "section length: -2147483648, CPER size: 40",
                "section length is too big",
                "firmware-generated error record is incorrect",
                "ERR_INFO_NUM is 0",
            ]
        )
    );
    let bytes = one(&arm(big));
    let e = Estatus::parse(&bytes).unwrap();
    assert!(matches!(
        e.sections().next().unwrap().body(),
        Err(SectionError::BadLength {
            offset: 100,
            value: 0x8000_0000,
            limit: 40,
            ..
        })
    ));
    // Error info entries that do not fit section_length: "too small".
    let infos = infos();
    let short = ArmSpec {
        err_infos: &infos[..2],
        section_length: Some(40 + 63),
        ..Default::default()
    };
    assert_eq!(
        body_lines(&arm(short))[2],
        format!("{P3}section length is too small")
    );
    assert_eq!(body_lines(&arm(short))[4], format!("{P3}ERR_INFO_NUM is 2"));
}

#[test]
fn bad_contexts() {
    let regs = [0u8; 8];
    // The context's registers run past section_length.
    let ctx = [ArmContextSpec {
        version: 0,
        ctx_type: 0,
        registers: &regs,
    }];
    let spec = ArmSpec {
        contexts: &ctx,
        section_length: Some(40 + 16 - 4),
        ..Default::default()
    };
    let lines = body_lines(&arm(spec));
    assert_eq!(
        lines[1..],
        [
            format!("{P3}Context info structure 0:"),
            format!("{P4}section length is too small"),
            format!("{P3}firmware-generated error record is incorrect"),
        ]
    );
    let bytes = one(&arm(spec));
    let e = Estatus::parse(&bytes).unwrap();
    assert_eq!(
        e.sections().next().unwrap().body().unwrap_err(),
        SectionError::TooShort {
            offset: 92 + 40,
            what: "ARM context information registers",
            needed: 16,
            actual: 12
        }
    );
    // An unknown register context type stops the walk.
    let ctx = [
        ArmContextSpec {
            version: 0,
            ctx_type: 9,
            registers: &regs,
        },
        ArmContextSpec::default(),
    ];
    let spec = ArmSpec {
        contexts: &ctx,
        ..Default::default()
    };
    assert_eq!(
        body_lines(&arm(spec))[1..],
        [
            format!("{P3}Context info structure 0:"),
            format!("{P4}Invalid context type: 9 (max: 8)"),
        ]
    );
    let bytes = one(&arm(spec));
    let e = Estatus::parse(&bytes).unwrap();
    assert_eq!(
        e.sections().next().unwrap().body().unwrap_err(),
        SectionError::ArmContextType {
            offset: 132,
            ctx_type: 9
        }
    );
    // A register size of 0xfffffff8: Linux's int arithmetic wraps it to 0 and dumps 4 GiB
    // past the section; here it is "too small".
    let ctx = [ArmContextSpec::default()];
    let spec = ArmSpec {
        contexts: &ctx,
        ..Default::default()
    };
    let mut bytes = one(&arm(spec));
    let size_at = 20 + 72 + 40 + 4;
    bytes[size_at..size_at + 4].copy_from_slice(&0xffff_fff8u32.to_le_bytes());
    let e = Estatus::parse(&bytes).unwrap();
    let mut s = VecSink::default();
    cper::print_ghes_estatus(&mut s, 1, 0, &e);
    assert_eq!(
        s.lines[5..],
        [
            format!("{P3}Context info structure 0:"),
            format!("{P4}section length is too small"),
            format!("{P3}firmware-generated error record is incorrect"),
        ]
    );
}

#[test]
fn short_arm_body() {
    let bytes = one(&arm(ArmSpec::default()).truncate_body(39));
    let e = Estatus::parse(&bytes).unwrap();
    let mut s = VecSink::default();
    cper::print_ghes_estatus(&mut s, 1, 0, &e);
    assert_eq!(
        s.lines[3..],
        [
            format!("{P3}section_type: ARM processor error"),
            "[Firmware Warn]: error section length is too small".to_string(),
        ]
    );
}

#[test]
fn unhandled_arm_error_names_the_types_as_ghes_c() {
    use cper::UnhandledArmError;
    assert_eq!(
        UnhandledArmError(0x04).to_string(),
        "Unhandled processor error type 0x04: TLB error"
    );
    assert_eq!(
        UnhandledArmError(0x0c).to_string(),
        "Unhandled processor error type 0x0c: TLB error|bus error"
    );
    assert_eq!(
        UnhandledArmError(0x31).to_string(),
        "Unhandled processor error type 0x31: micro-architectural error with reserved bit(s)"
    );
}
