// SPDX-License-Identifier: GPL-2.0
//! Byte-exact fixtures for every HEST subtable type (ACPI 6.5 section 18.3.2), written out by
//! hand field by field: each one must parse to the expected values and the builder must
//! produce exactly the same bytes from those values.

mod common;

use common::{wrap, OEM};
use hest::{
    flags, AerBridge, AerCommon, AerEndpoint, AerRootPort, ErrorSource, Gas, Ghes, Hest,
    HestBuilder, Ia32CorrectedCheck, Ia32ErrorBank, Ia32MachineCheck, Ia32Nmi, Notify, NotifyKind,
    ReadAck, SourceKind, Subtable,
};

#[rustfmt::skip]
const MCE: [u8; 96] = [
    0, 0,                                   // type 0
    0x34, 0x12,                             // source id 0x1234
    0, 0,                                   // reserved
    0x05,                                   // flags: FIRMWARE_FIRST | GHES_ASSIST
    1,                                      // enabled
    0x10, 0, 0, 0,                          // records to pre-allocate 16
    0x20, 0, 0, 0,                          // max sections per record 32
    1, 2, 3, 4, 5, 6, 7, 8,                 // global capability init data
    0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, // global control init data
    2,                                      // number of hardware banks
    0, 0, 0, 0, 0, 0, 0,                    // reserved
    // bank 0
    0, 1, 1, 0,                             // bank 0, clear on init, Intel 64 format, rsvd
    0x00, 0x04, 0, 0,                       // control register MSR 0x400
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // control init data
    0x01, 0x04, 0, 0,                       // status register 0x401
    0x02, 0x04, 0, 0,                       // address register 0x402
    0x03, 0x04, 0, 0,                       // misc register 0x403
    // bank 1
    1, 0, 2, 0,
    0x04, 0x04, 0, 0,
    0x01, 0, 0, 0, 0, 0, 0, 0,
    0x05, 0x04, 0, 0,
    0x06, 0x04, 0, 0,
    0x07, 0x04, 0, 0,
];

#[rustfmt::skip]
const CMC: [u8; 76] = [
    1, 0,                                   // type 1
    2, 0,                                   // source id 2
    0, 0,                                   // reserved
    0x01,                                   // flags: FIRMWARE_FIRST
    1,                                      // enabled
    4, 0, 0, 0,                             // records to pre-allocate
    1, 0, 0, 0,                             // max sections per record
    // notification: CMCI
    5, 28, 0x3f, 0,                         // type, length, all CWE bits
    0xe8, 0x03, 0, 0,                       // poll interval 1000
    0x12, 0, 0, 0,                          // vector
    10, 0, 0, 0, 20, 0, 0, 0,               // polling threshold value, window
    30, 0, 0, 0, 40, 0, 0, 0,               // error threshold value, window
    1,                                      // number of hardware banks
    0, 0, 0,                                // reserved
    // bank
    3, 1, 1, 0,
    0x0c, 0x04, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0x0d, 0x04, 0, 0,
    0x0e, 0x04, 0, 0,
    0x0f, 0x04, 0, 0,
];

#[rustfmt::skip]
const NMI: [u8; 20] = [
    2, 0,                                   // type 2
    3, 0,                                   // source id 3
    0, 0, 0, 0,                             // reserved
    2, 0, 0, 0,                             // records to pre-allocate
    1, 0, 0, 0,                             // max sections per record
    0x00, 0x10, 0, 0,                       // max raw data length 0x1000
];

#[rustfmt::skip]
const AER_ROOT: [u8; 48] = [
    6, 0,                                   // type 6
    4, 0,                                   // source id 4
    0, 0,                                   // reserved
    0x02,                                   // flags: GLOBAL
    1,                                      // enabled
    1, 0, 0, 0,                             // records to pre-allocate
    1, 0, 0, 0,                             // max sections per record
    0x03, 0x02, 0x01, 0,                    // bus 3, segment 0x0102
    0x1f, 0,                                // device 31
    7, 0,                                   // function 7
    0x10, 0x28,                             // device control 0x2810
    0, 0,                                   // reserved
    0, 0, 0x10, 0,                          // uncorrectable mask 0x100000
    0x30, 0x20, 0x06, 0,                    // uncorrectable severity 0x62030
    0, 0x20, 0, 0,                          // correctable mask 0x2000
    0xa0, 0, 0, 0,                          // advanced capabilities 0xa0
    7, 0, 0, 0,                             // root error command
];

#[rustfmt::skip]
const AER_DEVICE: [u8; 44] = [
    7, 0,                                   // type 7
    5, 0,                                   // source id 5
    0, 0,
    0x00,                                   // flags
    0,                                      // disabled
    2, 0, 0, 0,
    3, 0, 0, 0,
    0x40, 0, 0, 0,                          // bus 0x40, segment 0
    0, 0,                                   // device 0
    1, 0,                                   // function 1
    0x0f, 0,                                // device control
    0, 0,
    1, 0, 0, 0,
    2, 0, 0, 0,
    3, 0, 0, 0,
    4, 0, 0, 0,
];

#[rustfmt::skip]
const AER_BRIDGE: [u8; 56] = [
    8, 0,                                   // type 8
    6, 0,                                   // source id 6
    0, 0,
    0x01,                                   // flags: FIRMWARE_FIRST
    1,
    1, 0, 0, 0,
    1, 0, 0, 0,
    0x80, 0xff, 0xff, 0,                    // bus 0x80, segment 0xffff
    2, 0,
    0, 0,
    0, 0,
    0, 0,
    0x11, 0, 0, 0,
    0x22, 0, 0, 0,
    0x33, 0, 0, 0,
    0x44, 0, 0, 0,
    0x55, 0, 0, 0,                          // secondary uncorrectable mask
    0x66, 0, 0, 0,                          // secondary uncorrectable severity
    0x77, 0, 0, 0,                          // secondary advanced capabilities
];

#[rustfmt::skip]
const GHES: [u8; 64] = [
    9, 0,                                   // type 9
    7, 0,                                   // source id 7
    0xff, 0xff,                             // related source id: none
    0,                                      // flags
    1,                                      // enabled
    1, 0, 0, 0,
    2, 0, 0, 0,
    0x00, 0x10, 0, 0,                       // max raw data length 0x1000
    // error status address: memory, 32 bits at 0, dword access, 0x80000000
    0, 32, 0, 3, 0, 0, 0, 0x80, 0, 0, 0, 0,
    // notification: polled every 5000 ms
    0, 28, 0x02, 0,
    0x88, 0x13, 0, 0,
    0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0x00, 0x10, 0, 0,                       // error status block length 0x1000
];

#[rustfmt::skip]
const GHES_V2: [u8; 92] = [
    10, 0,                                  // type 10
    8, 0,                                   // source id 8
    0x34, 0x12,                             // related source id 0x1234
    0,
    1,
    1, 0, 0, 0,
    1, 0, 0, 0,
    0x00, 0x04, 0, 0,
    // error status address: memory, 64 bits, qword access, 0x1_0000_1000
    0, 64, 0, 4, 0x00, 0x10, 0, 0, 1, 0, 0, 0,
    // notification: GSIV, vector 0x30
    10, 28, 0, 0,
    0, 0, 0, 0,
    0x30, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0x00, 0x20, 0, 0,                       // error status block length 0x2000
    // read ack: memory, 32 bits at bit 0, dword access, 0x1_0000_1008
    0, 32, 0, 3, 0x08, 0x10, 0, 0, 1, 0, 0, 0,
    0xfd, 0xff, 0xff, 0xff, 0, 0, 0, 0,     // preserve 0xfffffffd
    0x02, 0, 0, 0, 0, 0, 0, 0,              // write 0x2
];

#[rustfmt::skip]
const DMC: [u8; 48] = [
    11, 0,                                  // type 11
    9, 0,                                   // source id 9
    0, 0,
    0x04,                                   // flags: GHES_ASSIST
    1,
    1, 0, 0, 0,
    1, 0, 0, 0,
    // notification: MCE
    6, 28, 0, 0,
    0, 0, 0, 0,
    0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0,
    0,                                      // no banks
    0, 0, 0,
];

fn mce() -> (Ia32MachineCheck, [Ia32ErrorBank; 2]) {
    (
        Ia32MachineCheck {
            source_id: 0x1234,
            flags: flags::FIRMWARE_FIRST | flags::GHES_ASSIST,
            enabled: true,
            records_to_preallocate: 16,
            max_sections_per_record: 32,
            global_capability_data: 0x0807_0605_0403_0201,
            global_control_data: 0x1817_1615_1413_1211,
        },
        [
            Ia32ErrorBank {
                bank_number: 0,
                clear_status_on_init: 1,
                status_format: 1,
                control_register: 0x400,
                control_data: u64::MAX,
                status_register: 0x401,
                address_register: 0x402,
                misc_register: 0x403,
            },
            Ia32ErrorBank {
                bank_number: 1,
                clear_status_on_init: 0,
                status_format: 2,
                control_register: 0x404,
                control_data: 1,
                status_register: 0x405,
                address_register: 0x406,
                misc_register: 0x407,
            },
        ],
    )
}

fn cmc() -> (Ia32CorrectedCheck, [Ia32ErrorBank; 1]) {
    (
        Ia32CorrectedCheck {
            source_id: 2,
            flags: flags::FIRMWARE_FIRST,
            enabled: true,
            records_to_preallocate: 4,
            max_sections_per_record: 1,
            notify: Notify {
                kind: NotifyKind::Cmci,
                length: 28,
                config_write_enable: 0x3f,
                poll_interval: 1000,
                vector: 0x12,
                polling_threshold_value: 10,
                polling_threshold_window: 20,
                error_threshold_value: 30,
                error_threshold_window: 40,
            },
        },
        [Ia32ErrorBank {
            bank_number: 3,
            clear_status_on_init: 1,
            status_format: 1,
            control_register: 0x40c,
            control_data: 0,
            status_register: 0x40d,
            address_register: 0x40e,
            misc_register: 0x40f,
        }],
    )
}

fn nmi() -> Ia32Nmi {
    Ia32Nmi {
        source_id: 3,
        records_to_preallocate: 2,
        max_sections_per_record: 1,
        max_raw_data_length: 0x1000,
    }
}

fn aer_root() -> AerRootPort {
    AerRootPort {
        source_id: 4,
        aer: AerCommon {
            flags: flags::GLOBAL,
            enabled: true,
            records_to_preallocate: 1,
            max_sections_per_record: 1,
            bus: 0x0001_0203,
            device: 31,
            function: 7,
            device_control: 0x2810,
            uncorrectable_mask: 0x10_0000,
            uncorrectable_severity: 0x6_2030,
            correctable_mask: 0x2000,
            advanced_capabilities: 0xa0,
        },
        root_error_command: 7,
    }
}

fn aer_device() -> AerEndpoint {
    AerEndpoint {
        source_id: 5,
        aer: AerCommon {
            flags: 0,
            enabled: false,
            records_to_preallocate: 2,
            max_sections_per_record: 3,
            bus: 0x40,
            device: 0,
            function: 1,
            device_control: 0x0f,
            uncorrectable_mask: 1,
            uncorrectable_severity: 2,
            correctable_mask: 3,
            advanced_capabilities: 4,
        },
    }
}

fn aer_bridge() -> AerBridge {
    AerBridge {
        source_id: 6,
        aer: AerCommon {
            flags: flags::FIRMWARE_FIRST,
            enabled: true,
            records_to_preallocate: 1,
            max_sections_per_record: 1,
            bus: 0x00ff_ff80,
            device: 2,
            function: 0,
            device_control: 0,
            uncorrectable_mask: 0x11,
            uncorrectable_severity: 0x22,
            correctable_mask: 0x33,
            advanced_capabilities: 0x44,
        },
        uncorrectable_mask2: 0x55,
        uncorrectable_severity2: 0x66,
        advanced_capabilities2: 0x77,
    }
}

fn ghes() -> Ghes {
    Ghes {
        source_id: 7,
        related_source_id: 0xffff,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 2,
        max_raw_data_length: 0x1000,
        error_status_address: Gas {
            space_id: 0,
            bit_width: 32,
            bit_offset: 0,
            access_width: 3,
            address: 0x8000_0000,
        },
        notify: Notify {
            config_write_enable: Notify::CWE_POLL_INTERVAL,
            poll_interval: 5000,
            ..Notify::new(NotifyKind::Polled)
        },
        error_block_length: 0x1000,
        ack: None,
    }
}

fn ghes_v2() -> Ghes {
    Ghes {
        source_id: 8,
        related_source_id: 0x1234,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 0x400,
        error_status_address: Gas::system_memory(0x1_0000_1000, 64),
        notify: Notify {
            vector: 0x30,
            ..Notify::new(NotifyKind::Gsiv)
        },
        error_block_length: 0x2000,
        ack: Some(ReadAck {
            register: Gas::system_memory(0x1_0000_1008, 32),
            preserve: 0xffff_fffd,
            write: 2,
        }),
    }
}

fn dmc() -> Ia32CorrectedCheck {
    Ia32CorrectedCheck {
        source_id: 9,
        flags: flags::GHES_ASSIST,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        notify: Notify::new(NotifyKind::Mce),
    }
}

/// Parses a table holding only `fixture` and returns its single source, checking that the
/// walk ends cleanly after it.
fn only_source(table: &[u8]) -> ErrorSource<'_> {
    let hest = Hest::parse(table).unwrap();
    assert!(hest.checksum_ok());
    let mut sources = hest.sources();
    let source = sources.next().unwrap().unwrap();
    assert_eq!(sources.next(), None);
    assert_eq!(source.offset(), 40);
    source
}

/// Builds a table with `add`, compares it with `expected` byte for byte.
fn assert_builds(expected: &[u8], add: impl FnOnce(&mut HestBuilder<'_>)) {
    let mut buf = vec![0xa5u8; expected.len() + 64];
    let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
    add(&mut b);
    let len = b.finish().unwrap();
    assert_eq!(&buf[..len], expected);
}

#[test]
fn type_0_ia32_machine_check_with_banks() {
    let table = wrap(&[&MCE]);
    let s = only_source(&table);
    let (mc, banks) = mce();
    assert_eq!(s.kind(), SourceKind::Ia32MachineCheck);
    assert_eq!(s.source_id(), 0x1234);
    assert_eq!(s.len(), 40 + 2 * 28);
    assert_eq!(s.subtable(), &Subtable::Ia32MachineCheck(mc));
    assert_eq!(s.subtable().flags(), Some(0x05));
    assert_eq!(s.banks().len(), 2);
    assert_eq!(s.banks().collect::<Vec<_>>(), banks);
    assert_eq!(s.banks().as_bytes(), &MCE[40..]);
    assert_builds(&table, |b| {
        b.ia32_machine_check(&mc, &banks).unwrap();
    });
}

#[test]
fn type_1_ia32_corrected_machine_check_with_a_bank() {
    let table = wrap(&[&CMC]);
    let s = only_source(&table);
    let (c, banks) = cmc();
    assert_eq!(s.kind(), SourceKind::Ia32CorrectedMachineCheck);
    assert_eq!(s.len(), 48 + 28);
    assert_eq!(s.subtable(), &Subtable::Ia32CorrectedMachineCheck(c));
    assert_eq!(s.banks().collect::<Vec<_>>(), banks);
    assert_builds(&table, |b| {
        b.ia32_corrected(&c, &banks).unwrap();
    });
}

#[test]
fn type_2_ia32_nmi() {
    let table = wrap(&[&NMI]);
    let s = only_source(&table);
    assert_eq!(s.kind(), SourceKind::Ia32Nmi);
    assert_eq!(s.subtable(), &Subtable::Ia32Nmi(nmi()));
    assert_eq!(s.enabled(), None);
    assert_eq!(s.banks().len(), 0);
    assert_builds(&table, |b| {
        b.ia32_nmi(&nmi()).unwrap();
    });
}

#[test]
fn type_6_pcie_root_port_aer() {
    let table = wrap(&[&AER_ROOT]);
    let s = only_source(&table);
    assert_eq!(s.kind(), SourceKind::AerRootPort);
    assert_eq!(s.subtable(), &Subtable::AerRootPort(aer_root()));
    assert_eq!(aer_root().aer.bus_number(), 3);
    assert_eq!(aer_root().aer.segment(), 0x0102);
    assert_builds(&table, |b| {
        b.aer_root_port(&aer_root()).unwrap();
    });
}

#[test]
fn type_7_pcie_device_aer() {
    let table = wrap(&[&AER_DEVICE]);
    let s = only_source(&table);
    assert_eq!(s.kind(), SourceKind::AerEndpoint);
    assert_eq!(s.subtable(), &Subtable::AerEndpoint(aer_device()));
    assert_eq!(s.enabled(), Some(false));
    assert_builds(&table, |b| {
        b.aer_endpoint(&aer_device()).unwrap();
    });
}

#[test]
fn type_8_pcie_bridge_aer() {
    let table = wrap(&[&AER_BRIDGE]);
    let s = only_source(&table);
    assert_eq!(s.kind(), SourceKind::AerBridge);
    assert_eq!(s.subtable(), &Subtable::AerBridge(aer_bridge()));
    assert_eq!(aer_bridge().aer.segment(), 0xffff);
    assert_eq!(aer_bridge().aer.bus_number(), 0x80);
    assert_builds(&table, |b| {
        b.aer_bridge(&aer_bridge()).unwrap();
    });
}

#[test]
fn type_9_ghes() {
    let table = wrap(&[&GHES]);
    let s = only_source(&table);
    assert_eq!(s.kind(), SourceKind::Ghes);
    assert_eq!(s.ghes(), Some(&ghes()));
    assert!(!ghes().is_v2());
    assert_eq!(ghes().validate().unwrap().block_length, 0x1000);
    assert_builds(&table, |b| {
        b.ghes(&ghes()).unwrap();
    });
}

#[test]
fn type_10_ghes_v2() {
    let table = wrap(&[&GHES_V2]);
    let s = only_source(&table);
    assert_eq!(s.kind(), SourceKind::GhesV2);
    assert_eq!(s.ghes(), Some(&ghes_v2()));
    assert!(ghes_v2().is_v2());
    assert!(ghes_v2().validate().is_ok());
    assert_builds(&table, |b| {
        b.ghes(&ghes_v2()).unwrap();
    });
}

#[test]
fn type_11_ia32_deferred_machine_check_without_banks() {
    let table = wrap(&[&DMC]);
    let s = only_source(&table);
    assert_eq!(s.kind(), SourceKind::Ia32DeferredMachineCheck);
    assert_eq!(s.subtable(), &Subtable::Ia32DeferredMachineCheck(dmc()));
    assert_eq!(s.banks().len(), 0);
    assert_builds(&table, |b| {
        b.ia32_deferred(&dmc(), &[]).unwrap();
    });
}

#[test]
fn all_types_in_one_table_at_the_right_offsets() {
    let fixtures: [&[u8]; 9] = [
        &MCE,
        &CMC,
        &NMI,
        &AER_ROOT,
        &AER_DEVICE,
        &AER_BRIDGE,
        &GHES,
        &GHES_V2,
        &DMC,
    ];
    let table = wrap(&fixtures);
    let hest = Hest::parse(&table).unwrap();
    assert_eq!(hest.error_source_count(), 9);
    let sources: Vec<_> = hest.sources().map(Result::unwrap).collect();
    let kinds: Vec<_> = sources.iter().map(|s| s.kind().raw()).collect();
    assert_eq!(kinds, [0, 1, 2, 6, 7, 8, 9, 10, 11]);
    let mut offset = 40;
    for (i, (s, f)) in sources.iter().zip(fixtures).enumerate() {
        assert_eq!(s.offset(), offset);
        assert_eq!(s.index(), i as u32);
        assert_eq!(s.bytes(), f);
        offset += f.len();
    }
    assert_eq!(offset, table.len());

    // The GHESv2 names the GHES_ASSIST machine check 0x1234 as related source.
    assert_eq!(
        hest.assisted_source(&ghes_v2()).map(|s| s.offset()),
        Some(40)
    );
    assert!(hest.is_ghes_assist(&ghes_v2()));
    assert!(!hest.is_ghes_assist(&ghes()));

    // Rebuilding through the generic `subtable` and `source` entry points gives the same
    // bytes.
    assert_builds(&table, |b| {
        for s in &sources {
            let banks: Vec<_> = s.banks().collect();
            b.subtable(s.subtable(), &banks).unwrap();
        }
    });
    assert_builds(&table, |b| {
        for s in &sources {
            b.source(s).unwrap();
        }
    });
}

/// The fields ACPICA's disassembler prints, as (offset, label, value).
fn iasl_fields(table: &[u8]) -> Option<Vec<(usize, String, String)>> {
    let dir = std::env::temp_dir().join(format!("hest-iasl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dat = dir.join("hest.dat");
    std::fs::write(&dat, table).unwrap();
    let run = std::process::Command::new("iasl")
        .arg("-d")
        .arg(&dat)
        .current_dir(&dir)
        .output();
    let Ok(out) = run else {
        eprintln!("iasl (acpica-tools) not installed: cross-check skipped");
        let _ = std::fs::remove_dir_all(&dir);
        return None;
    };
    assert!(out.status.success(), "iasl failed: {out:?}");
    let dsl = std::fs::read_to_string(dir.join("hest.dsl")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!dsl.contains("****"), "iasl complained:\n{dsl}");
    let fields = dsl
        .lines()
        .filter_map(|l| {
            // "[028h 0040   2]                Subtable Type : 0000 [IA-32 ...]"
            let rest = l.strip_prefix('[')?;
            let (pos, rest) = rest.split_once(']')?;
            let offset: usize = pos.split_whitespace().nth(1)?.parse().ok()?;
            let (label, value) = rest.split_once(" : ")?;
            Some((offset, label.trim().to_string(), value.trim().to_string()))
        })
        .collect();
    Some(fields)
}

#[test]
fn acpica_iasl_reads_the_fixtures_the_same_way() {
    let table = wrap(&[
        &MCE,
        &CMC,
        &NMI,
        &AER_ROOT,
        &AER_DEVICE,
        &AER_BRIDGE,
        &GHES,
        &GHES_V2,
        &DMC,
    ]);
    let Some(fields) = iasl_fields(&table) else {
        return;
    };
    let expect: &[(usize, &str, &str)] = &[
        (36, "Error Source Count", "00000009"),
        (40, "Subtable Type", "0000 [IA-32 Machine Check Exception]"),
        (42, "Source Id", "1234"),
        (46, "Flags (decoded below)", "05"),
        (56, "Global Capability Data", "0807060504030201"),
        (72, "Num Hardware Banks", "02"),
        (108, "Bank Number", "01"),
        (132, "Misc Register", "00000407"),
        (136, "Subtable Type", "0001 [IA-32 Corrected Machine Check]"),
        (152, "Notify Type", "05 [CMCI]"),
        (154, "Configuration Write Enable", "003F"),
        (156, "PollInterval", "000003E8"),
        (176, "Error Threshold Window", "00000028"),
        (180, "Num Hardware Banks", "01"),
        (208, "Misc Register", "0000040F"),
        (212, "Subtable Type", "0002 [IA-32 Non-Maskable Interrupt]"),
        (228, "Max Raw Data Length", "00001000"),
        (232, "Subtable Type", "0006 [PCI Express Root Port AER]"),
        (248, "Bus", "00010203"),
        (252, "Device", "001F"),
        (256, "DeviceControl", "2810"),
        (276, "Root Error Command", "00000007"),
        (
            280,
            "Subtable Type",
            "0007 [PCI Express AER (AER Endpoint)]",
        ),
        (320, "Advanced Capabilities", "00000004"),
        (324, "Subtable Type", "0008 [PCI Express/PCI-X Bridge AER]"),
        (376, "2nd Advanced Capabilities", "00000077"),
        (380, "Subtable Type", "0009 [Generic Hardware Error Source]"),
        (384, "Related Source Id", "FFFF"),
        (404, "Address", "0000000080000000"),
        (412, "Notify Type", "00 [Polled]"),
        (416, "PollInterval", "00001388"),
        (440, "Error Status Block Length", "00001000"),
        (
            444,
            "Subtable Type",
            "000A [Generic Hardware Error Source V2]",
        ),
        (448, "Related Source Id", "1234"),
        (476, "Notify Type", "0A [GSIV]"),
        (484, "Vector", "00000030"),
        (504, "Error Status Block Length", "00002000"),
        (512, "Address", "0000000100001008"),
        (520, "Read Ack Preserve", "00000000FFFFFFFD"),
        (528, "Read Ack Write", "0000000000000002"),
        (536, "Subtable Type", "000B [IA-32 Deferred Machine Check]"),
        (552, "Notify Type", "06 [MCE]"),
        (580, "Num Hardware Banks", "00"),
    ];
    for (offset, label, value) in expect {
        assert!(
            fields
                .iter()
                .any(|(o, l, v)| o == offset && l == label && v == value),
            "iasl shows no `{label} : {value}` at offset {offset}; it has {:?}",
            fields
                .iter()
                .filter(|(o, ..)| o == offset)
                .collect::<Vec<_>>()
        );
    }
}
