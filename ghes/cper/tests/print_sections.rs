// SPDX-License-Identifier: GPL-2.0
//! cper_print_proc_generic() (with cper_print_bits()), cper_print_pcie(), cper_print_fw_err(),
//! cxl_cper_print_prot_err(), unknown sections, and cper_estatus_print_section()'s header
//! lines (timestamp, severity, FRU): expected lines written from the C code.

mod common;
use common::*;

use cper::{
    ghes_log_level, print_estatus, print_ghes_estatus, BodySpec, Estatus, FwErrRecRefSpec, Guid,
    LogLevel, Pcie as P, PcieSpec, ProcGeneric as G, ProcGenericSpec, SectionBody, SectionSpec,
    Timestamp,
};

const ALL_PROC: u64 = 0x1fff;

#[test]
fn generic_processor_all_fields() {
    let s = SectionSpec::new(BodySpec::ProcGeneric(ProcGenericSpec {
        validation_bits: ALL_PROC,
        proc_type: 2,
        proc_isa: 4,
        proc_error_type: 0x0f,
        operation: 3,
        flags: 0x0f,
        level: 1,
        cpu_version: 0x410f_d0c1,
        proc_id: 3,
        target_addr: 0x1000,
        requestor_id: 0x10,
        responder_id: 0x20,
        ip: 0xffff_8000_1000_0000,
    }));
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                "processor_type: 2, ARM",
                "processor_isa: 4, ARM A64",
                "error_type: 0x0f",
                "cache error, TLB error, bus error",
                "micro-architectural error",
                "operation: 3, instruction execution",
                "flags: 0x0f",
                "restartable, precise IP, overflow, corrected",
                "level: 1",
                "version_info: 0x00000000410fd0c1",
                "processor_id: 0x0000000000000003",
                "target_address: 0x0000000000001000",
                "requestor_id: 0x0000000000000010",
                "responder_id: 0x0000000000000020",
                "IP: 0xffff800010000000",
            ]
        )
    );
}

#[test]
fn generic_processor_unknown_values_and_partial_bits() {
    let s = SectionSpec::new(BodySpec::ProcGeneric(ProcGenericSpec {
        validation_bits: G::VALID_TYPE
            | G::VALID_ISA
            | G::VALID_OPERATION
            | G::VALID_FLAGS
            | G::VALID_ERROR_TYPE,
        proc_type: 3,
        proc_isa: 5,
        operation: 4,
        flags: 0xf2,
        proc_error_type: 0x04,
        ..Default::default()
    }));
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                "processor_type: 3, unknown",
                "processor_isa: 5, unknown",
                "error_type: 0x04",
                "bus error",
                "operation: 4, unknown",
                "flags: 0xf2",
                "precise IP",
            ]
        )
    );
    // No bit set in range: no bits line at all.
    let s = SectionSpec::new(BodySpec::ProcGeneric(ProcGenericSpec {
        validation_bits: G::VALID_FLAGS,
        flags: 0xf0,
        ..Default::default()
    }));
    assert_eq!(body_lines(&s), pre(P3, &["flags: 0xf0"]));
}

#[test]
fn print_bits_counts_the_log_level_and_truncates_at_84() {
    let s = SectionSpec::new(BodySpec::ProcGeneric(ProcGenericSpec {
        validation_bits: G::VALID_FLAGS | G::VALID_ERROR_TYPE,
        flags: 0x0f,
        proc_error_type: 0x08,
        ..Default::default()
    }));
    let bytes = one(&s);
    let e = Estatus::parse(&bytes).unwrap();
    // A 33-byte prefix: section lines get 35 visible bytes, 37 with the level. The four flag
    // names take 44 more: 81 > 80, so "corrected" moves to its own line.
    let pfx = "x".repeat(33);
    let mut sink = VecSink::default();
    print_estatus(&mut sink, &pfx, &e);
    let p = format!("{pfx}  ");
    assert_eq!(
        sink.lines[3..],
        [
            format!("{p}error_type: 0x08"),
            format!("{p}micro-architectural error"),
            format!("{p}flags: 0x0f"),
            format!("{p}restartable, precise IP, overflow"),
            format!("{p}corrected"),
        ]
    );
    // One byte shorter fits on one line.
    let pfx = "x".repeat(32);
    let mut sink = VecSink::default();
    print_estatus(&mut sink, &pfx, &e);
    assert_eq!(
        sink.lines[6],
        format!("{pfx}  restartable, precise IP, overflow, corrected")
    );
    // A 59-byte prefix: nested prefixes stop at 61 visible bytes (char newpfx[64] with the
    // level), and cper_print_bits()'s buf[84] cuts "micro-architectural error" after 81.
    let pfx = "y".repeat(59);
    let mut sink = VecSink::default();
    print_estatus(&mut sink, &pfx, &e);
    let p61 = format!("{pfx}  ");
    assert_eq!(sink.lines[1], format!("{pfx} Error 0, type: recoverable"));
    assert_eq!(
        sink.lines[2],
        format!("{p61}section_type: general processor error")
    );
    assert_eq!(sink.lines[4], format!("{p61}micro-architectural "));
    let pfx = "z".repeat(70);
    let mut sink = VecSink::default();
    print_estatus(&mut sink, &pfx, &e);
    assert_eq!(sink.lines[0], format!("{pfx}event severity: recoverable"));
    assert_eq!(
        sink.lines[1],
        format!("{}Error 0, type: recoverable", "z".repeat(61))
    );
    assert_eq!(sink.lines[3], format!("{}error_type: 0x08", "z".repeat(61)));
}

fn pcie_all() -> PcieSpec {
    let mut p = PcieSpec {
        validation_bits: 0xff,
        port_type: 4,
        version_major: 3,
        version_minor: 1,
        command: 0x0547,
        status: 0x0010,
        vendor_id: 0x8086,
        device_id: 0x1234,
        class_code: [0x00, 0x04, 0x06],
        function: 1,
        device: 2,
        segment: 1,
        bus: 0x3a,
        secondary_bus: 0x3b,
        slot: 0x28,
        serial_lower: 0xdead_beef,
        serial_upper: 0x12,
        bridge_secondary_status: 0x2000,
        bridge_control: 0x0003,
        ..Default::default()
    };
    p.set_aer(
        0x4000,
        0x0040_0000,
        0x0046_2030,
        0x1,
        0x2000,
        [0x4a00_0001, 0x0100_000f, 0xfe00_0000, 0],
    );
    p
}

#[test]
fn pcie_all_fields() {
    let s = SectionSpec::new(BodySpec::Pcie(pcie_all()));
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                "port_type: 4, root port",
                "version: 3.1",
                "command: 0x0547, status: 0x0010",
                "device_id: 0001:3a:02.1",
                "slot: 5",
                "secondary_bus: 0x3b",
                "vendor_id: 0x8086, device_id: 0x1234",
                "class_code: 060400",
                "serial number: 0xdeadbeef, 0x0012",
                "bridge: secondary_status: 0x2000, control: 0x0003",
                "aer_cor_status: 0x00000001, aer_cor_mask: 0x00002000",
                "aer_uncor_status: 0x00004000, aer_uncor_mask: 0x00400000",
                "aer_uncor_severity: 0x00462030",
                "TLP Header: 4a000001 0100000f fe000000 00000000",
            ]
        )
    );
    let bytes = one(&s);
    let e = Estatus::parse(&bytes).unwrap();
    let SectionBody::Pcie(p) = e.sections().next().unwrap().body().unwrap() else {
        panic!()
    };
    assert_eq!(
        (p.segment(), p.bus(), p.device(), p.function()),
        (1, 0x3a, 2, 1)
    );
    assert_eq!(p.aer_header_log(1), 0x0100_000f);
    assert_eq!(p.aer_info().len(), 96);
    assert_eq!(p.capability().len(), 60);
}

#[test]
fn pcie_device_id_only_and_odd_port_types() {
    let s = SectionSpec::new(BodySpec::Pcie(PcieSpec {
        validation_bits: P::VALID_DEVICE_ID | P::VALID_PORT_TYPE,
        port_type: 0xffff_ffff,
        ..pcie_all()
    }));
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                "port_type: -1, unknown",
                "device_id: 0001:3a:02.1",
                "slot: 5",
                "secondary_bus: 0x3b",
                "vendor_id: 0x8086, device_id: 0x1234",
                "class_code: 060400",
            ]
        )
    );
    let s = SectionSpec::new(BodySpec::Pcie(PcieSpec {
        validation_bits: P::VALID_PORT_TYPE,
        port_type: 3,
        ..Default::default()
    }));
    assert_eq!(body_lines(&s), pre(P3, &["port_type: 3, unknown"]));
    // 207 bytes: too small.
    let bytes = one(&s.truncate_body(207));
    let e = Estatus::parse(&bytes).unwrap();
    let mut sink = VecSink::default();
    print_ghes_estatus(&mut sink, 1, 0, &e);
    assert_eq!(sink.lines[3], format!("{P3}section_type: PCIe error"));
    assert_eq!(
        sink.lines[4],
        "[Firmware Warn]: error section length is too small"
    );
}

fn fw(spec: FwErrRecRefSpec<'_>) -> SectionSpec<'_> {
    SectionSpec::new(BodySpec::FwErrRecRef(spec))
}

#[test]
fn firmware_error_record_reference() {
    let s = fw(FwErrRecRefSpec {
        record_type: 1,
        revision: 0,
        record_identifier: 0x1234,
        trailing: b"ABCD\x01",
        ..Default::default()
    });
    assert_eq!(
        body_lines(&s),
        [
            format!(
                "{P3}Firmware Error Record Type: SOC Firmware Error Record Type1 (Legacy CrashLog Support)"
            ),
            format!("{P3}Revision: 0"),
            format!("{P3}Record Identifier: 00001234"),
            format!("{P3}00000000: 41 42 43 44 01{}ABCD.", " ".repeat(35)),
        ]
    );
    let g = Guid::new(0x01020304, 0x0506, 0x0708, [9, 10, 11, 12, 13, 14, 15, 16]);
    let s = fw(FwErrRecRefSpec {
        record_type: 2,
        revision: 2,
        record_identifier_guid: g,
        ..Default::default()
    });
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                "Firmware Error Record Type: SOC Firmware Error Record Type2",
                "Revision: 2",
                "Record Identifier: 01020304-0506-0708-090a-0b0c0d0e0f10",
            ]
        )
    );
    // Revision 2 in 20 bytes: the GUID Linux reads past the section is zero past byte 20.
    assert_eq!(
        body_lines(&s.truncate_body(20)),
        pre(
            P3,
            &[
                "Firmware Error Record Type: SOC Firmware Error Record Type2",
                "Revision: 2",
                "Record Identifier: 01020304-0000-0000-0000-000000000000",
                "error section length is too small: offset=32, length=20",
            ]
        )
    );
    // Revision 1: no identifier; the dump starts at byte 8. Record type 7: unknown.
    let s = fw(FwErrRecRefSpec {
        record_type: 7,
        revision: 1,
        record_identifier: 0x4847_4645_4443_4241,
        ..Default::default()
    });
    assert_eq!(
        body_lines(&s),
        pre(
            P3,
            &[
                "Firmware Error Record Type: unknown",
                "Revision: 1",
                "00000000: 44434241 48474645                    ABCDEFGH",
            ]
        )
    );
    let bytes = one(&s.truncate_body(15));
    let e = Estatus::parse(&bytes).unwrap();
    let mut sink = VecSink::default();
    print_ghes_estatus(&mut sink, 1, 0, &e);
    assert_eq!(
        sink.lines[3..],
        [
            format!("{P3}section_type: Firmware Error Record Reference"),
            "[Firmware Warn]: error section length is too small".to_string(),
        ]
    );
}

#[test]
fn unknown_sections_are_dumped() {
    let g = Guid::new(0xdeadbeef, 0x1111, 0x2222, [0x33, 0x44, 1, 2, 3, 4, 5, 6]);
    let data: Vec<u8> = (0u8..20).collect();
    let s = raw(g, &data);
    let lines = ghes_lines(&one(&s));
    assert_eq!(
        lines[3..],
        [
            format!("{P3}section type: unknown, deadbeef-1111-2222-3344-010203040506"),
            format!("{P3}section length: 0x14"),
            format!("{P3}00000000: 03020100 07060504 0b0a0908 0f0e0d0c  ................"),
            format!("{P3}00000010: 13121110{}....", " ".repeat(29)),
        ]
    );
    // Empty body: "%#x" of 0 is "0", and no dump.
    let lines = ghes_lines(&one(&raw(g, &[])));
    assert_eq!(lines[4..], [format!("{P3}section length: 0x0")]);
    // IA32/X64 (no CONFIG_UEFI_CPER_X86 on arm64) and memory error 2 are unknown to Linux.
    for g in [Guid::PROC_IA, Guid::PLATFORM_MEM2] {
        let lines = ghes_lines(&one(&raw(g, &[0x41; 96])));
        assert_eq!(lines[3], format!("{P3}section type: unknown, {g}"));
        assert_eq!(lines[4], format!("{P3}section length: 0x60"));
        assert_eq!(lines.len(), 5 + 6);
    }
}

#[test]
fn memory_error_2_decodes() {
    let mut b = [0u8; 96];
    b[0..8].copy_from_slice(&0x3fffffu64.to_le_bytes());
    b[16..24].copy_from_slice(&0x1234_5678_9000u64.to_le_bytes());
    b[40..44].copy_from_slice(&0x10001u32.to_le_bytes());
    b[44..48].copy_from_slice(&0x20002u32.to_le_bytes());
    b[61] = 3;
    b[92..96].copy_from_slice(&0x55u32.to_le_bytes());
    let bytes = one(&raw(Guid::PLATFORM_MEM2, &b));
    let e = Estatus::parse(&bytes).unwrap();
    let SectionBody::Memory2(m) = e.sections().next().unwrap().body().unwrap() else {
        panic!()
    };
    assert_eq!(m.validation_bits(), 0x3fffff);
    assert_eq!(m.physical_addr(), 0x1234_5678_9000);
    assert_eq!((m.device(), m.row(), m.error_type()), (0x10001, 0x20002, 3));
    assert_eq!(m.module_handle(), 0x55);
}

#[test]
fn cxl_component_events_print_their_name_only() {
    let mut body = vec![0u8; 144];
    body[0..4].copy_from_slice(&144u32.to_le_bytes());
    body[4..12].copy_from_slice(&7u64.to_le_bytes());
    body[12..14].copy_from_slice(&0x1e98u16.to_le_bytes());
    body[32] = 112;
    body[36..38].copy_from_slice(&0x0abcu16.to_le_bytes());
    for (g, name) in [
        (Guid::CXL_GEN_MEDIA, "CXL General Media Event"),
        (Guid::CXL_DRAM, "CXL DRAM Event"),
        (Guid::CXL_MEM_MODULE, "CXL Memory Module Event"),
    ] {
        let bytes = one(&raw(g, &body));
        let lines = ghes_lines(&bytes);
        assert_eq!(lines[3..], [format!("{P3}section_type: {name}")]);
        let e = Estatus::parse(&bytes).unwrap();
        let SectionBody::CxlEvent(c) = e.sections().next().unwrap().body().unwrap() else {
            panic!()
        };
        assert_eq!(c.kind().name(), name);
        assert_eq!(c.kind().guid(), g);
        assert_eq!(
            (c.length(), c.validation_bits(), c.vendor_id()),
            (144, 7, 0x1e98)
        );
        assert_eq!((c.event_record().len(), c.record_length()), (112, 112));
        assert_eq!(c.record_handle(), 0x0abc);
    }
    // cxl_cper_post_event()'s length rule: above 32, at most 144.
    for bad in [32u32, 145] {
        body[0..4].copy_from_slice(&bad.to_le_bytes());
        let bytes = one(&raw(Guid::CXL_DRAM, &body));
        let e = Estatus::parse(&bytes).unwrap();
        assert!(e.sections().next().unwrap().body().is_err(), "{bad}");
    }
}

/// A CXL protocol error body: agent type `at`, every validation bit, an 8-byte DVSEC and the
/// RAS capability.
fn prot_err(at: u8, dvsec_len: u16, with_tail: bool) -> Vec<u8> {
    let mut b = vec![0u8; 116];
    b[0..8].copy_from_slice(&0x7fu64.to_le_bytes());
    b[8] = at;
    b[16] = 4; // function
    b[17] = 3; // device
    b[18] = 2; // bus
    b[19..21].copy_from_slice(&1u16.to_le_bytes());
    b[24..26].copy_from_slice(&0x1e98u16.to_le_bytes());
    b[26..28].copy_from_slice(&0x0001u16.to_le_bytes());
    b[28..30].copy_from_slice(&0x1e99u16.to_le_bytes());
    b[30..32].copy_from_slice(&0x0002u16.to_le_bytes());
    b[32] = 0x02;
    b[33] = 0x05;
    b[34..36].copy_from_slice(&0x10u16.to_le_bytes());
    b[40..44].copy_from_slice(&0x1122_3344u32.to_le_bytes());
    b[44..48].copy_from_slice(&0x5566_7788u32.to_le_bytes());
    for (i, c) in b[48..108].iter_mut().enumerate() {
        *c = i as u8;
    }
    b[108..110].copy_from_slice(&dvsec_len.to_le_bytes());
    b[110..112].copy_from_slice(&0x58u16.to_le_bytes());
    if with_tail {
        b.extend([0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);
        for r in [0x10u32, 0x20, 0x30, 0x40, 0x50, 0x60] {
            b.extend(r.to_le_bytes());
        }
        b.extend([0xee; 64]);
    }
    b
}

#[test]
fn cxl_protocol_error_device() {
    let bytes = one(&raw(Guid::CXL_PROT_ERR, &prot_err(2, 8, true)));
    let e = Estatus::parse(&bytes).unwrap();
    assert!(e.anomalies().is_clean());
    let mut sink = VecSink::default();
    print_ghes_estatus(&mut sink, 1, 0, &e);
    let info = Some(LogLevel::Info);
    let body: Vec<(String, Option<LogLevel>)> =
        sink.lines.into_iter().zip(sink.levels).skip(4).collect();
    let q = |s: &str| (format!("{P3} {s}"), info);
    let d = |s: &str| (format!("{P3}{s}"), None);
    let ee = "eeeeeeee eeeeeeee eeeeeeee eeeeeeee";
    assert_eq!(
        body,
        [
            q("agent_type: 2, CXL Device"),
            q("agent_address: 0001:02:03.4"),
            q("slot: 2"),
            q("vendor_id: 0x1e98, device_id: 0x0001"),
            q("sub_vendor_id: 0x1e99, sub_device_id: 0x0002"),
            q("class_code: 0502"),
            q("lower_dw: 0x11223344, upper_dw: 0x55667788"),
            d("00000000: 03020100 07060504 0b0a0908 0f0e0d0c"),
            d("00000010: 13121110 17161514 1b1a1918 1f1e1d1c"),
            d("00000020: 23222120 27262524 2b2a2928 2f2e2d2c"),
            d("00000030: 33323130 37363534 3b3a3938"),
            q("DVSEC length: 0x0008"),
            q("CXL DVSEC:"),
            d("00000000: d3d2d1d0 d7d6d5d4"),
            q("Error log length: 0x0058"),
            q("CXL Error Log:"),
            q("cxl_ras_uncor_status: 0x00000010"),
            q("cxl_ras_uncor_mask: 0x00000020"),
            q("cxl_ras_uncor_severity: 0x00000030"),
            q("cxl_ras_cor_status: 0x00000040"),
            q("cxl_ras_cor_mask: 0x00000050"),
            q("cap_control: 0x00000060"),
            q("Header Log Registers:"),
            d(&format!("00000000: {ee}")),
            d(&format!("00000010: {ee}")),
            d(&format!("00000020: {ee}")),
            d(&format!("00000030: {ee}")),
        ]
    );
    let SectionBody::CxlProtErr(p) = e.sections().next().unwrap().body().unwrap() else {
        panic!()
    };
    assert_eq!(
        (p.agent_type(), p.dvsec(), p.ras_reg(5)),
        (
            2,
            &[0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7][..],
            0x60
        )
    );
}

#[test]
fn cxl_protocol_error_agent_types() {
    // RCH downstream port: the RCRB address, no device id, serial or capability.
    let b = prot_err(1, 0, false);
    let mut b2 = b.clone();
    b2[0..8].copy_from_slice(&0x1fu64.to_le_bytes());
    let lines = body_lines(&raw(Guid::CXL_PROT_ERR, &b2));
    assert_eq!(
        lines,
        [
            format!("{P3} agent_type: 1, Restricted CXL Host Downstream Port"),
            format!("{P3} rcrb_base_address: 0x0000000001020304"),
        ]
    );
    // Root port: no serial number. Unknown agent type 9: just the type line.
    b2[8] = 5;
    let lines = body_lines(&raw(Guid::CXL_PROT_ERR, &b2));
    assert_eq!(lines.len(), 1 + 1 + 4 + 4);
    assert!(!lines.iter().any(|l| l.contains("lower_dw")));
    b2[8] = 9;
    assert_eq!(
        body_lines(&raw(Guid::CXL_PROT_ERR, &b2)),
        [format!("{P3} agent_type: 9, unknown")]
    );
    // DVSEC and error log past the section: Linux reads beyond it, here zeros; the typed
    // decoding reports the short body.
    let b = prot_err(2, 0x20, false);
    let lines = body_lines(&raw(Guid::CXL_PROT_ERR, &b));
    let at = lines
        .iter()
        .position(|l| l.ends_with("CXL DVSEC:"))
        .unwrap();
    assert_eq!(
        lines[at + 1..at + 3],
        [
            format!("{P3}00000000: 00000000 00000000 00000000 00000000"),
            format!("{P3}00000010: 00000000 00000000 00000000 00000000"),
        ]
    );
    assert_eq!(
        lines[at + 5],
        format!("{P3} cxl_ras_uncor_status: 0x00000000")
    );
    let bytes = one(&raw(Guid::CXL_PROT_ERR, &b));
    let e = Estatus::parse(&bytes).unwrap();
    assert_eq!(
        e.sections().next().unwrap().body().unwrap_err(),
        cper::SectionError::TooShort {
            offset: 92,
            what: "CXL protocol error RAS capability",
            needed: 116 + 0x20 + 88,
            actual: 116
        }
    );
    // 115 bytes: too small.
    let bytes = one(&raw(Guid::CXL_PROT_ERR, &b[..115]));
    let lines = ghes_lines(&bytes);
    assert_eq!(
        lines[3..],
        [
            format!("{P3}section_type: CXL Protocol Error"),
            "[Firmware Warn]: error section length is too small".into()
        ]
    );
}

#[test]
fn timestamps_fru_and_severities() {
    let g = Guid::new(
        0x11223344,
        0x5566,
        0x7788,
        [0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0],
    );
    let s = raw(Guid::PROC_IA, &[])
        .severity(7)
        .fru_id(g)
        .fru_text(b"DIMM_A1")
        .timestamp(Timestamp::new(2024, 12, 31, 23, 59, 58, true));
    let lines = ghes_lines(&many(2, &[s]));
    assert_eq!(
        lines[..7],
        [
            "{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0",
            "{1}[Hardware Error]: It has been corrected by h/w and requires no further action",
            "{1}[Hardware Error]: event severity: corrected",
            "{1}[Hardware Error]:  precise tstamp: 2024-12-31 23:59:58",
            "{1}[Hardware Error]:  Error 0, type: unknown",
            "{1}[Hardware Error]:  fru_id: 11223344-5566-7788-99aa-bbccddeeff00",
            "{1}[Hardware Error]:  fru_text: DIMM_A1",
        ]
    );
    // Imprecise, non-BCD bytes (bcd2bin(0xff) = 165), 20 FRU bytes without a NUL, a
    // non-ASCII byte, severity truncated to 16 bits (0x10002 -> corrected).
    let s = raw(Guid::PROC_IA, &[])
        .severity(0x1_0000)
        .timestamp(Timestamp([0xff, 0x59, 0x07, 0xfe, 0x01, 0x02, 0x03, 0x19]))
        .fru_text(b"ABCDEFGHIJKLMNOPQR\xe9T");
    let lines = ghes_lines(&many(0x1_0002, &[s]));
    assert_eq!(
        lines[1..5],
        [
            "{1}[Hardware Error]: It has been corrected by h/w and requires no further action",
            "{1}[Hardware Error]: event severity: corrected",
            "{1}[Hardware Error]:  imprecise tstamp: 1903-02-01 07:59:165",
            "{1}[Hardware Error]:  Error 0, type: recoverable",
        ]
    );
    assert_eq!(
        lines[5],
        "{1}[Hardware Error]:  fru_text: ABCDEFGHIJKLMNOPQR\\xe9T"
    );
    // A revision 2 header has no timestamp even with the bit set; without the bit, none.
    let s = raw(Guid::PROC_IA, &[])
        .revision(SectionSpec::REVISION_2)
        .validation_bits(4);
    assert_eq!(
        ghes_lines(&one(&s))[2],
        "{1}[Hardware Error]:  Error 0, type: recoverable"
    );
    let s = raw(Guid::PROC_IA, &[])
        .timestamp(Timestamp::new(2024, 1, 1, 0, 0, 0, true))
        .validation_bits(0);
    assert_eq!(
        ghes_lines(&one(&s))[2],
        "{1}[Hardware Error]:  Error 0, type: recoverable"
    );
}

#[test]
fn log_levels() {
    for (sev, level, text) in [
        (0u32, LogLevel::Err, "recoverable"),
        (1, LogLevel::Emerg, "fatal"),
        (2, LogLevel::Warning, "corrected"),
        (3, LogLevel::Warning, "info"),
        (4, LogLevel::Emerg, "unknown"),
        (0x1_0002, LogLevel::Emerg, "corrected"),
    ] {
        let bytes = many(sev, &[]);
        let e = Estatus::parse(&bytes).unwrap();
        assert_eq!(ghes_log_level(&e), level, "{sev:#x}");
        let mut sink = VecSink::default();
        print_ghes_estatus(&mut sink, 9, 3, &e);
        assert_eq!(
            sink.lines.last().unwrap(),
            &format!("{{9}}[Hardware Error]: event severity: {text}")
        );
    }
    assert_eq!(LogLevel::Err.digit(), b'3');
}

#[test]
fn several_sections_number_from_zero() {
    let specs = [
        raw(Guid::PROC_IA, &[]).severity(1),
        raw(Guid::CXL_DRAM, &[])
            .severity(3)
            .revision(SectionSpec::REVISION_2),
    ];
    let lines = ghes_lines(&many(1, &specs));
    assert_eq!(
        lines,
        [
            "{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0",
            "{1}[Hardware Error]: event severity: fatal",
            "{1}[Hardware Error]:  Error 0, type: fatal",
            "{1}[Hardware Error]:   section type: unknown, dc3ea0b0-a144-4797-b95b-53fa242b6e1d",
            "{1}[Hardware Error]:   section length: 0x0",
            "{1}[Hardware Error]:  Error 1, type: info",
            "{1}[Hardware Error]:   section_type: CXL DRAM Event",
        ]
    );
}
