// SPDX-License-Identifier: GPL-2.0
//! cper_print_mem(), cper_mem_err_location() and cper_dimm_err_location(): expected lines
//! written from cper.c.

mod common;
use common::*;

use cper::{
    print_ghes_estatus, BodySpec, Estatus, LogLevel, MemError as M, MemErrorSpec, SectionSpec,
};

fn mem(spec: MemErrorSpec) -> SectionSpec<'static> {
    SectionSpec::new(BodySpec::Memory(spec))
}

#[test]
fn only_physical_address_corrected() {
    let s = mem(MemErrorSpec {
        validation_bits: M::VALID_PA,
        physical_addr: 0x1234_5000,
        error_type: 3, // not valid: not printed
        ..Default::default()
    })
    .severity(2)
    .revision(SectionSpec::REVISION_2);
    assert_eq!(
        ghes_lines(&many(2, &[s])),
        [
            "{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0",
            "{1}[Hardware Error]: It has been corrected by h/w and requires no further action",
            "{1}[Hardware Error]: event severity: corrected",
            "{1}[Hardware Error]:  Error 0, type: corrected",
            "{1}[Hardware Error]:   section_type: memory error",
            "{1}[Hardware Error]:   physical_address: 0x0000000012345000",
        ]
    );
}

#[test]
fn every_location_field() {
    let s = mem(MemErrorSpec {
        validation_bits: M::VALID_ERROR_STATUS
            | M::VALID_PA
            | M::VALID_PA_MASK
            | M::VALID_NODE
            | M::VALID_CARD
            | M::VALID_MODULE
            | M::VALID_BANK
            | M::VALID_DEVICE
            | M::VALID_ROW
            | M::VALID_COLUMN
            | M::VALID_BIT_POSITION
            | M::VALID_REQUESTOR_ID
            | M::VALID_RESPONDER_ID
            | M::VALID_TARGET_ID
            | M::VALID_ERROR_TYPE
            | M::VALID_RANK_NUMBER
            | M::VALID_ROW_EXT
            | M::VALID_CHIP_ID,
        error_status: 0x0400,
        physical_addr: 0x8000_1000,
        physical_addr_mask: 0xffff_ffff_ffff_f000,
        node: 1,
        card: 2,
        module: 3,
        bank: 4,
        device: 5,
        row: 6,
        column: 7,
        bit_pos: 8,
        requestor_id: 10,
        responder_id: 11,
        target_id: 12,
        error_type: 2,
        extended: (5 << 5) | 1,
        rank: 9,
        ..Default::default()
    });
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                " error_status: Storage error in DRAM memory (0x0000000000000400)",
                "physical_address: 0x0000000080001000",
                "physical_address_mask: 0xfffffffffffff000",
                "node:1 card:2 module:3 rank:9 bank:4 device:5 row:65542 column:7 bit_position:8 \
                 requestor_id:0x000000000000000a responder_id:0x000000000000000b \
                 target_id:0x000000000000000c chip_id:5 ",
                "error_type: 2, single-bit ECC",
            ]
        )
    );
}

#[test]
fn bank_group_address_and_row_extension() {
    let s = mem(MemErrorSpec {
        validation_bits: M::VALID_BANK_GROUP | M::VALID_BANK_ADDRESS | M::VALID_ROW_EXT,
        bank: 0x0312,
        row: 0x10,
        extended: 2,
        ..Default::default()
    });
    assert_eq!(
        body_lines(&s),
        pre(P3, &["bank_group:3 bank_address:18 row:131088 "])
    );
    // ROW without ROW_EXT ignores the extension bits; chip id is extended >> 5.
    let s = mem(MemErrorSpec {
        validation_bits: M::VALID_ROW | M::VALID_CHIP_ID,
        row: 0xffff,
        extended: 0xff,
        ..Default::default()
    });
    assert_eq!(body_lines(&s), pre(P3, &["row:65535 chip_id:7 "]));
}

#[test]
fn error_type_names() {
    for (t, name) in [
        (0u8, "unknown"),
        (1, "no error"),
        (4, "single-symbol chipkill ECC"),
        (11, "mirror Broken"),
        (15, "physical memory map-out event"),
        (16, "unknown"),
        (255, "unknown"),
    ] {
        let s = mem(MemErrorSpec {
            validation_bits: M::VALID_ERROR_TYPE,
            error_type: t,
            ..Default::default()
        });
        assert_eq!(body_lines(&s), [format!("{P3}error_type: {t}, {name}")]);
    }
}

#[test]
fn error_status_names() {
    for (st, name) in [
        (0x0000u64, "Reserved"),
        (0x0100, "Error detected internal to the component"),
        (0x0200, "Reserved"),
        (0x1000, "Error detected in the bus"),
        (0x1a00, "A read was issued to data that has been poisoned"),
        (0xff_1b00, "Reserved"),
    ] {
        let s = mem(MemErrorSpec {
            validation_bits: M::VALID_ERROR_STATUS,
            error_status: st,
            ..Default::default()
        });
        assert_eq!(
            body_lines(&s),
            [format!("{P3} error_status: {name} (0x{st:016x})")]
        );
    }
}

#[test]
fn dimm_location() {
    let s = mem(MemErrorSpec {
        validation_bits: M::VALID_MODULE_HANDLE | M::VALID_ERROR_TYPE | M::VALID_NODE,
        mem_dev_handle: 0x2a,
        error_type: 14,
        node: 3,
        ..Default::default()
    });
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                "node:3 ",
                "error_type: 14, scrub uncorrected error",
                "DIMM location: not present. DMI handle: 0x002a ",
            ]
        )
    );
    // With an SMBIOS type 17 entry for the handle (dmi_memdev_name()).
    let bytes = one(&s);
    let e = Estatus::parse(&bytes).unwrap();
    let mut sink = VecSink {
        dmi: Some((0x2a, "Bank 1".into(), "DIMM_A1".into())),
        ..Default::default()
    };
    print_ghes_estatus(&mut sink, 1, 0, &e);
    assert_eq!(
        sink.lines.last().unwrap(),
        "{1}[Hardware Error]:   DIMM location: Bank 1 DIMM_A1 "
    );
}

#[test]
fn old_layout_with_bits_beyond_it() {
    let s = mem(MemErrorSpec {
        validation_bits: M::VALID_PA | M::VALID_RANK_NUMBER,
        old_layout: true,
        ..Default::default()
    });
    let bytes = one(&s);
    let e = Estatus::parse(&bytes).unwrap();
    let mut sink = VecSink::default();
    print_ghes_estatus(&mut sink, 1, 0, &e);
    assert_eq!(
        &sink.lines[3..],
        [
            "{1}[Hardware Error]:   section_type: memory error",
            "[Firmware Warn]: valid bits set for fields beyond structure",
        ]
    );
    assert_eq!(sink.levels[4], Some(LogLevel::Err));
    // Within the old layout's bits it prints normally.
    let s = mem(MemErrorSpec {
        validation_bits: M::VALID_PA,
        physical_addr: 0x42,
        old_layout: true,
        ..Default::default()
    });
    assert_eq!(
        body_lines(&s),
        pre(P3, &["physical_address: 0x0000000000000042"])
    );
}

#[test]
fn short_sections() {
    let full = mem(MemErrorSpec {
        validation_bits: M::VALID_PA | M::VALID_RANK_NUMBER | M::VALID_MODULE_HANDLE,
        physical_addr: 0x1000,
        rank: 7,
        mem_dev_handle: 0x1234,
        ..Default::default()
    });
    // Below the old layout: Linux's "error section length is too small".
    let bytes = one(&full.truncate_body(72));
    let e = Estatus::parse(&bytes).unwrap();
    let mut sink = VecSink::default();
    print_ghes_estatus(&mut sink, 1, 0, &e);
    assert_eq!(
        &sink.lines[3..],
        [
            "{1}[Hardware Error]:   section_type: memory error",
            "[Firmware Warn]: error section length is too small",
        ]
    );
    assert_eq!(sink.levels[4], Some(LogLevel::Err));
    // 76 bytes: Linux reads mem_dev_handle past the section; here it reads as zero.
    assert_eq!(
        body_lines(&full.truncate_body(76)),
        pre(
            P3,
            &[
                "physical_address: 0x0000000000001000",
                "rank:7 ",
                "DIMM location: not present. DMI handle: 0x0000 ",
            ]
        )
    );
}
