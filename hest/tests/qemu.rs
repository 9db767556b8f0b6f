// SPDX-License-Identifier: GPL-2.0
//! The HEST QEMU 10.0 builds for `-M virt,ras=on` (132 bytes, one GHESv2 notified by SEA),
//! written out by hand from ACPI 6.5 tables 5.4, 18.2, 18.13, 18.14 and 5.1 (GAS): parsed
//! field by field, validated, and rebuilt byte for byte by the builder.

use hest::{
    Gas, Ghes, Hest, HestBuilder, Notify, NotifyKind, OemInfo, ReadAck, SourceKind, Subtable,
};

#[rustfmt::skip]
const QEMU_HEST: [u8; 132] = [
    // ACPI header (table 5.4)
    b'H', b'E', b'S', b'T',                         // 0  signature
    132, 0, 0, 0,                                   // 4  length
    1,                                              // 8  revision
    0xa2,                                           // 9  checksum
    b'B', b'O', b'C', b'H', b'S', b' ',             // 10 OEM ID
    b'B', b'X', b'P', b'C', b' ', b' ', b' ', b' ', // 16 OEM table ID
    1, 0, 0, 0,                                     // 24 OEM revision
    b'B', b'X', b'P', b'C',                         // 28 creator ID
    1, 0, 0, 0,                                     // 32 creator revision
    // HEST (table 18.2)
    1, 0, 0, 0,                                     // 36 error source count
    // GHESv2 (table 18.13), at offset 40
    10, 0,                                          // +0  type 10
    0, 0,                                           // +2  source id 0
    0xff, 0xff,                                     // +4  related source id: none
    0,                                              // +6  flags
    1,                                              // +7  enabled
    1, 0, 0, 0,                                     // +8  records to pre-allocate
    1, 0, 0, 0,                                     // +12 max sections per record
    0x00, 0x04, 0, 0,                               // +16 max raw data length 0x400
    // +20 error status address GAS: system memory, 64 bits at bit 0, qword access
    0, 64, 0, 4, 0x00, 0x00, 0x41, 0x7c, 0, 0, 0, 0,
    // +32 notification structure (table 18.14): SEA, length 0x1c, all else 0
    8, 0x1c, 0, 0,
    0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,
    0x00, 0x04, 0, 0,                               // +60 error status block length 0x400
    // +64 read ack register GAS: system memory, 64 bits at bit 0, qword access
    0, 64, 0, 4, 0x08, 0x00, 0x41, 0x7c, 0, 0, 0, 0,
    0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // +76 read ack preserve
    0x01, 0, 0, 0, 0, 0, 0, 0,                      // +84 read ack write
];

fn expected_ghes() -> Ghes {
    Ghes {
        source_id: 0,
        related_source_id: 0xffff,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 0x400,
        error_status_address: Gas {
            space_id: 0,
            bit_width: 64,
            bit_offset: 0,
            access_width: 4,
            address: 0x7c41_0000,
        },
        notify: Notify {
            kind: NotifyKind::Sea,
            length: 0x1c,
            config_write_enable: 0,
            poll_interval: 0,
            vector: 0,
            polling_threshold_value: 0,
            polling_threshold_window: 0,
            error_threshold_value: 0,
            error_threshold_window: 0,
        },
        error_block_length: 0x400,
        ack: Some(ReadAck {
            register: Gas {
                space_id: 0,
                bit_width: 64,
                bit_offset: 0,
                access_width: 4,
                address: 0x7c41_0008,
            },
            preserve: 0xffff_ffff_ffff_fffe,
            write: 1,
        }),
    }
}

#[test]
fn header_fields() {
    let hest = Hest::parse(&QEMU_HEST).unwrap();
    assert!(hest.checksum_ok());
    assert_eq!(hest.length(), 132);
    assert_eq!(hest.bytes().len(), 132);
    assert_eq!(hest.revision(), 1);
    assert_eq!(hest.header().checksum, 0xa2);
    assert_eq!(hest.oem_id(), b"BOCHS ");
    assert_eq!(hest.oem_table_id(), b"BXPC    ");
    assert_eq!(hest.oem_revision(), 1);
    assert_eq!(hest.creator_id(), b"BXPC");
    assert_eq!(hest.creator_revision(), 1);
    assert_eq!(hest.error_source_count(), 1);
}

#[test]
fn one_ghesv2_sea_source_and_nothing_else() {
    let hest = Hest::parse(&QEMU_HEST).unwrap();
    let mut sources = hest.sources();
    let source = sources.next().unwrap().unwrap();
    assert_eq!(
        sources.next(),
        None,
        "no error and no count mismatch after the source"
    );
    assert_eq!(source.offset(), 40);
    assert_eq!(source.index(), 0);
    assert_eq!(source.len(), 92);
    assert_eq!(source.kind(), SourceKind::GhesV2);
    assert_eq!(source.kind().to_string(), "GHESv2");
    assert_eq!(source.source_id(), 0);
    assert_eq!(source.enabled(), Some(true));
    assert_eq!(source.banks().len(), 0);
    let ghes = source.ghes().unwrap();
    assert_eq!(*ghes, expected_ghes());
    assert_eq!(source.subtable(), &Subtable::Ghes(expected_ghes()));
    assert!(ghes.is_v2());
    assert_eq!(ghes.notify.kind.to_string(), "SEA");
    assert!(ghes.error_status_address.is_system_memory());
    assert_eq!(hest.duplicate_source_ids().count(), 0);
    assert!(!hest.is_ghes_assist(ghes));
}

#[test]
fn passes_validation_without_warning() {
    let valid = expected_ghes().validate().unwrap();
    assert_eq!(valid.block_length, 0x400);
    assert_eq!(valid.warning, None);
}

#[test]
fn the_driver_log_lines_match_what_the_lab_test_expects() {
    // tools/lab-tests/hest_sources.sh greps for exactly these lines, built from the raw bytes.
    let hest = Hest::parse(&QEMU_HEST).unwrap();
    let source = hest.sources().next().unwrap().unwrap();
    let g = source.ghes().unwrap();
    let line1 = format!(
        "source {}: {} notify={} {} block_length={} status={:#x} (space {} width {})",
        g.source_id,
        if g.is_v2() { "GHESv2" } else { "GHES" },
        g.notify.kind,
        if g.enabled { "enabled" } else { "disabled" },
        g.error_block_length,
        g.error_status_address.address,
        g.error_status_address.space_id,
        g.error_status_address.bit_width,
    );
    assert_eq!(
        line1,
        "source 0: GHESv2 notify=SEA enabled block_length=1024 status=0x7c410000 (space 0 width 64)"
    );
    let ack = g.ack.unwrap();
    let line2 = format!(
        "read_ack={:#x} (space {} width {}) preserve={:#x} write={:#x}",
        ack.register.address,
        ack.register.space_id,
        ack.register.bit_width,
        ack.preserve,
        ack.write
    );
    assert_eq!(
        line2,
        "read_ack=0x7c410008 (space 0 width 64) preserve=0xfffffffffffffffe write=0x1"
    );
}

#[test]
fn builder_reproduces_the_table_byte_for_byte() {
    let oem = OemInfo {
        revision: 1,
        oem_id: *b"BOCHS ",
        oem_table_id: *b"BXPC    ",
        oem_revision: 1,
        creator_id: *b"BXPC",
        creator_revision: 1,
    };
    let mut buf = [0x5au8; 200];
    let mut b = HestBuilder::new(&mut buf, &oem).unwrap();
    b.ghes(&expected_ghes()).unwrap();
    assert_eq!(b.len(), 132);
    let len = b.finish().unwrap();
    assert_eq!(len, 132);
    assert_eq!(buf[..len], QEMU_HEST[..]);

    // ghes_v2() with the ack given apart gives the same table.
    let mut buf2 = [0u8; 132];
    let v1 = Ghes {
        ack: None,
        ..expected_ghes()
    };
    let mut b = HestBuilder::new(&mut buf2, &oem).unwrap();
    b.ghes_v2(&v1, expected_ghes().ack.unwrap()).unwrap();
    assert_eq!(b.finish(), Ok(132));
    assert_eq!(buf2, QEMU_HEST);
}

#[test]
fn bytes_after_the_length_are_ignored() {
    let mut longer = [0xffu8; 140];
    longer[..132].copy_from_slice(&QEMU_HEST);
    let hest = Hest::parse(&longer).unwrap();
    assert_eq!(hest.bytes(), &QEMU_HEST[..]);
    assert!(hest.checksum_ok());
    let all: Vec<_> = hest.sources().collect();
    assert_eq!(all.len(), 1);
    assert!(all[0].is_ok());
}
