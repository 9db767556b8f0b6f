// SPDX-License-Identifier: GPL-2.0
//! `HestBuilder` limits: buffers too small (and that a failed append leaves the table as it
//! was), the one-byte bank count, count overrides and raw subtables.

mod common;

use common::OEM;
use hest::{
    BuildError, Gas, Ghes, Hest, HestBuilder, Ia32ErrorBank, Ia32MachineCheck, Ia32Nmi, Notify,
    NotifyKind, SourceKind, SubtableError,
};

fn nmi() -> Ia32Nmi {
    Ia32Nmi {
        source_id: 9,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 0,
    }
}

fn mc() -> Ia32MachineCheck {
    Ia32MachineCheck {
        source_id: 1,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        global_capability_data: 0,
        global_control_data: 0,
    }
}

#[test]
fn the_buffer_must_hold_the_header() {
    let mut buf = [0u8; 39];
    let e = HestBuilder::new(&mut buf, &OEM).unwrap_err();
    assert_eq!(
        e,
        BuildError::BufferTooSmall {
            needed: 40,
            available: 39
        }
    );
    assert_eq!(
        e.to_string(),
        "buffer too small: the table needs 40 bytes, the buffer has 39"
    );
    let mut buf = [0u8; 40];
    let b = HestBuilder::new(&mut buf, &OEM).unwrap();
    assert_eq!(b.finish(), Ok(40));
    let hest = Hest::parse(&buf).unwrap();
    assert!(hest.checksum_ok());
    assert_eq!(hest.error_source_count(), 0);
    assert_eq!(hest.oem_revision(), 7);
}

#[test]
fn a_subtable_that_does_not_fit_is_not_appended() {
    let ghes = Ghes {
        source_id: 1,
        related_source_id: 0xffff,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 0,
        error_status_address: Gas::system_memory(0x1000, 64),
        notify: Notify::new(NotifyKind::Sea),
        error_block_length: 0x400,
        ack: None,
    };
    let mut buf = [0u8; 100];
    let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
    assert_eq!(
        b.ghes(&ghes).unwrap_err(),
        BuildError::BufferTooSmall {
            needed: 104,
            available: 100
        }
    );
    assert_eq!(b.len(), 40);
    b.ia32_nmi(&nmi()).unwrap();
    assert_eq!(b.len(), 60);
    assert_eq!(b.finish(), Ok(60));
    let hest = Hest::parse(&buf).unwrap();
    assert_eq!(hest.length(), 60);
    assert_eq!(hest.error_source_count(), 1);
    let kinds: Vec<_> = hest.sources().map(|s| s.unwrap().kind()).collect();
    assert_eq!(kinds, [SourceKind::Ia32Nmi]);
}

#[test]
fn at_most_255_banks() {
    let banks = vec![Ia32ErrorBank::default(); 256];
    let mut buf = vec![0u8; 40 + 40 + 256 * 28];
    let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
    let e = b.ia32_machine_check(&mc(), &banks).unwrap_err();
    assert_eq!(e, BuildError::TooManyBanks { count: 256 });
    assert_eq!(
        e.to_string(),
        "256 error banks given, a subtable holds at most 255"
    );
    b.ia32_machine_check(&mc(), &banks[..255]).unwrap();
    let len = b.finish().unwrap();
    assert_eq!(len, 40 + 40 + 255 * 28);
    let hest = Hest::parse(&buf[..len]).unwrap();
    let s = hest.sources().next().unwrap().unwrap();
    assert_eq!(s.banks().len(), 255);
}

#[test]
fn declared_count_and_raw_subtables_build_damaged_tables() {
    let mut buf = [0u8; 200];
    let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
    b.ia32_nmi(&nmi())
        .unwrap()
        .raw_subtable(&[0x34, 0x12, 1, 0, 0xee])
        .unwrap();
    b.declared_count(5);
    let len = b.finish().unwrap();
    assert_eq!(len, 65);
    let hest = Hest::parse(&buf[..len]).unwrap();
    assert!(hest.checksum_ok());
    assert_eq!(hest.error_source_count(), 5);
    let items: Vec<_> = hest.sources().collect();
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1],
        Err(SubtableError::UnknownType {
            offset: 60,
            raw_type: 0x1234,
            source_id: 1,
            remaining: 5
        })
    );
}

#[test]
fn build_error_messages() {
    assert_eq!(
        BuildError::TableTooLong.to_string(),
        "table longer than 4 GiB"
    );
}
