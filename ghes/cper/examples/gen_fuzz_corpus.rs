// SPDX-License-Identifier: GPL-2.0
//! Regenerates the seed corpus of the `cper_parse_print` fuzz target
//! (tools/fuzz-targets/corpus/cper_parse_print/) from the builder: one record per section kind and a few
//! layouts. Run: `cargo run -p cper --example gen_fuzz_corpus`.

use std::path::PathBuf;

use cper::{
    ArmContextSpec, ArmErrInfoSpec, ArmSpec, BodySpec, EstatusBuilder, FwErrRecRefSpec, Guid,
    MemErrorSpec, PcieSpec, ProcGenericSpec, SectionSpec, Timestamp,
};

fn record(severity: u32, specs: &[SectionSpec<'_>], raw: &[u8]) -> Vec<u8> {
    let mut buf = vec![0u8; 8192];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).expect("buffer");
        b.severity(severity);
        for s in specs {
            b.section(s).expect("section");
        }
        if !raw.is_empty() {
            b.raw_data(raw).expect("raw data");
        }
        b.finish().expect("finish")
    };
    buf.truncate(len);
    buf
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tools/fuzz-targets/corpus/cper_parse_print");
    std::fs::create_dir_all(&dir).expect("corpus directory");

    let qemu_mem = MemErrorSpec {
        validation_bits: (1 << 14) | (1 << 1),
        physical_addr: 0x40a0_8000,
        error_type: 3,
        ..Default::default()
    };
    let all_mem = MemErrorSpec {
        validation_bits: 0x3f_ffff,
        error_status: 0x0400,
        physical_addr: 0x8000_1000,
        physical_addr_mask: !0xfff,
        node: 1,
        card: 2,
        module: 3,
        bank: 0x0304,
        device: 5,
        row: 6,
        column: 7,
        bit_pos: 8,
        requestor_id: 9,
        responder_id: 10,
        target_id: 11,
        error_type: 2,
        extended: 0xa1,
        rank: 12,
        mem_array_handle: 13,
        mem_dev_handle: 14,
        old_layout: false,
    };
    let infos = [
        ArmErrInfoSpec {
            error_type: 2,
            validation_bits: 0x1f,
            flags: 3,
            error_info: 0x1a8d_007f,
            virt_fault_addr: 0xffff_0000_1234_5678,
            physical_fault_addr: 0x1234_5678,
            ..Default::default()
        },
        ArmErrInfoSpec {
            error_type: 8,
            validation_bits: 0x6,
            flags: 0xc,
            error_info: 0xeaf_a0d6_0fa7,
            ..Default::default()
        },
    ];
    let regs: Vec<u8> = (0u8..40).collect();
    let ctx = [ArmContextSpec {
        version: 0,
        ctx_type: 5,
        registers: &regs,
    }];
    let arm = ArmSpec {
        validation_bits: 7,
        affinity_level: 1,
        mpidr: 0x8000_0001,
        midr: 0x410f_d0c1,
        running_state: 1,
        psci_state: 0,
        err_infos: &infos,
        contexts: &ctx,
        vendor_data: b"vendor",
        section_length: None,
    };
    let mut pcie = PcieSpec {
        validation_bits: 0xff,
        port_type: 4,
        version_major: 3,
        vendor_id: 0x8086,
        class_code: [0, 4, 6],
        slot: 0x28,
        ..Default::default()
    };
    pcie.set_aer(
        0x4000,
        0,
        0x0046_2030,
        1,
        0x2000,
        [0x4a00_0001, 0x0100_000f, 0, 0],
    );
    let proc = ProcGenericSpec {
        validation_bits: 0x1fff,
        proc_type: 2,
        proc_isa: 4,
        proc_error_type: 0xf,
        operation: 1,
        flags: 0xf,
        level: 2,
        ..Default::default()
    };
    let fw0 = FwErrRecRefSpec {
        record_type: 1,
        revision: 0,
        record_identifier: 0x1234,
        trailing: b"trailing data",
        ..Default::default()
    };
    let fw2 = FwErrRecRefSpec {
        revision: 2,
        record_identifier_guid: Guid::PROC_ARM,
        ..fw0
    };
    let mut prot = vec![0u8; 116 + 8 + 88];
    prot[0] = 0x7f;
    prot[8] = 2;
    prot[108] = 8;
    prot[110] = 88;
    let mut event = vec![0u8; 144];
    event[0] = 144;
    event[4] = 7;
    event[32] = 112;
    let ts = Timestamp::new(2026, 11, 21, 12, 0, 0, true);

    let seeds: Vec<(&str, Vec<u8>)> = vec![
        ("empty", record(2, &[], &[])),
        (
            "qemu_mem",
            record(0, &[SectionSpec::new(BodySpec::Memory(qemu_mem))], &[]),
        ),
        (
            "mem_all_fields",
            record(
                2,
                &[SectionSpec::new(BodySpec::Memory(all_mem))
                    .severity(2)
                    .fru_id(Guid::PCIE)
                    .fru_text(b"DIMM_A1")
                    .timestamp(ts)],
                &[],
            ),
        ),
        (
            "mem_old_layout_rev2",
            record(
                0,
                &[SectionSpec::new(BodySpec::Memory(MemErrorSpec {
                    old_layout: true,
                    ..qemu_mem
                }))
                .revision(SectionSpec::REVISION_2)],
                &[],
            ),
        ),
        (
            "arm",
            record(0, &[SectionSpec::new(BodySpec::Arm(arm))], &[]),
        ),
        (
            "pcie",
            record(1, &[SectionSpec::new(BodySpec::Pcie(pcie))], &[]),
        ),
        (
            "proc_generic",
            record(2, &[SectionSpec::new(BodySpec::ProcGeneric(proc))], &[]),
        ),
        (
            "fw_err_rev0",
            record(0, &[SectionSpec::new(BodySpec::FwErrRecRef(fw0))], &[]),
        ),
        (
            "fw_err_rev2",
            record(0, &[SectionSpec::new(BodySpec::FwErrRecRef(fw2))], &[]),
        ),
        (
            "cxl_prot_err",
            record(
                0,
                &[SectionSpec::new(BodySpec::Raw {
                    section_type: Guid::CXL_PROT_ERR,
                    data: &prot,
                })],
                &[],
            ),
        ),
        (
            "cxl_event",
            record(
                2,
                &[SectionSpec::new(BodySpec::Raw {
                    section_type: Guid::CXL_GEN_MEDIA,
                    data: &event,
                })],
                &[],
            ),
        ),
        (
            "multi_raw",
            record(
                1,
                &[
                    SectionSpec::new(BodySpec::Memory(qemu_mem)),
                    SectionSpec::new(BodySpec::Raw {
                        section_type: Guid::PROC_IA,
                        data: b"unknown to arm64",
                    })
                    .revision(SectionSpec::REVISION_2),
                    SectionSpec::new(BodySpec::Arm(arm)).truncate_body(30),
                ],
                b"raw error data",
            ),
        ),
    ];
    for (name, bytes) in seeds {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).expect("write seed");
        println!("{} ({} bytes)", path.display(), bytes.len());
    }
}
