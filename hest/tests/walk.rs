// SPDX-License-Identifier: GPL-2.0
//! How the parser treats damaged tables: header errors, unknown types, overruns, leftover
//! bytes, wrong source counts, bad checksums, duplicate GHES source ids and shared status
//! registers, with the exact
//! messages the driver prints.

mod common;

use common::{wrap, wrap_with_count, OEM};
use hest::{
    Duplicate, Gas, Ghes, Hest, HestBuilder, HestError, Ia32MachineCheck, Notify, NotifyKind,
    SharedRegister, SourceKind, SubtableError,
};

fn ghes(source_id: u16, enabled: bool) -> Ghes {
    Ghes {
        source_id,
        related_source_id: 0xffff,
        flags: 0,
        enabled,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 0x400,
        error_status_address: Gas::system_memory(0x1000, 64),
        notify: Notify::new(NotifyKind::Sea),
        error_block_length: 0x400,
        ack: None,
    }
}

fn ghes_bytes(source_id: u16, enabled: bool) -> Vec<u8> {
    let mut buf = [0u8; 104];
    let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
    b.ghes(&ghes(source_id, enabled)).unwrap();
    let len = b.finish().unwrap();
    buf[40..len].to_vec()
}

fn items(table: &[u8]) -> Vec<Result<(usize, u16, SourceKind), SubtableError>> {
    Hest::parse(table)
        .unwrap()
        .sources()
        .map(|r| r.map(|s| (s.offset(), s.source_id(), s.kind())))
        .collect()
}

#[test]
fn header_errors_and_their_messages() {
    let good = wrap(&[]);
    assert_eq!(good.len(), 40);
    assert!(Hest::parse(&good).is_ok());

    let e = Hest::parse(&good[..35]).unwrap_err();
    assert_eq!(e, HestError::TooShort { len: 35 });
    assert_eq!(
        e.to_string(),
        "table is 35 byte(s), shorter than the 36-byte ACPI header"
    );

    let mut apic = good.clone();
    apic[..4].copy_from_slice(b"AP\nC");
    let e = Hest::parse(&apic).unwrap_err();
    assert_eq!(e, HestError::BadSignature { found: *b"AP\nC" });
    assert_eq!(
        e.to_string(),
        "signature \"AP\\nC\" at offset 0 is not \"HEST\""
    );

    let mut short = good.clone();
    short[4] = 39;
    let e = Hest::parse(&short).unwrap_err();
    assert_eq!(e, HestError::LengthTooSmall { length: 39 });
    assert_eq!(
        e.to_string(),
        "length field (offset 4) is 39, less than the 40 bytes of header and error source count"
    );

    // 36..39 bytes with a length of 40: the count is missing.
    let e = Hest::parse(&good[..38]).unwrap_err();
    assert_eq!(
        e,
        HestError::Truncated {
            length: 40,
            available: 38
        }
    );

    let mut long = good.clone();
    long[4..8].copy_from_slice(&200u32.to_le_bytes());
    let e = Hest::parse(&long).unwrap_err();
    assert_eq!(
        e.to_string(),
        "length field (offset 4) is 200 but only 40 byte(s) are present"
    );
}

#[test]
fn a_bad_checksum_is_reported_not_refused() {
    let mut t = wrap(&[&ghes_bytes(1, true)]);
    t[100] ^= 1;
    let hest = Hest::parse(&t).unwrap();
    assert!(!hest.checksum_ok());
    assert_eq!(hest.sources().count(), 1);
}

#[test]
fn empty_table() {
    assert_eq!(items(&wrap(&[])), []);
    // The header claims one source but there is none.
    assert_eq!(
        items(&wrap_with_count(&[], 1)),
        [Err(SubtableError::CountMismatch {
            declared: 1,
            found: 0
        })]
    );
}

#[test]
fn unknown_type_ends_the_walk_after_keeping_what_precedes_it() {
    for raw_type in [3u16, 4, 5, 12, 0x8000, 0xffff] {
        let mut unknown = vec![0u8; 30];
        unknown[..2].copy_from_slice(&raw_type.to_le_bytes());
        unknown[2..4].copy_from_slice(&77u16.to_le_bytes());
        let t = wrap(&[&ghes_bytes(1, true), &unknown, &ghes_bytes(2, true)]);
        let got = items(&t);
        let e = SubtableError::UnknownType {
            offset: 104,
            raw_type,
            source_id: 77,
            remaining: 30 + 64,
        };
        assert_eq!(got, [Ok((40, 1, SourceKind::Ghes)), Err(e)]);
        assert_eq!(e.offset(), Some(104));
    }
    let e = SubtableError::UnknownType {
        offset: 104,
        raw_type: 12,
        source_id: 77,
        remaining: 94,
    };
    assert_eq!(
        e.to_string(),
        "subtable at offset 104: unknown type 12 (source id 77); its length cannot be known, \
         so the last 94 byte(s) of the table are not parsed"
    );
}

#[test]
fn overrun_ends_the_walk() {
    // A GHESv2 header with only 64 bytes left: it needs 92.
    let mut v2 = ghes_bytes(5, true);
    v2[0] = 10;
    let t = wrap(&[&ghes_bytes(1, true), &v2]);
    let e = SubtableError::Overrun {
        offset: 104,
        kind: SourceKind::GhesV2,
        source_id: 5,
        needed: 92,
        remaining: 64,
    };
    assert_eq!(items(&t), [Ok((40, 1, SourceKind::Ghes)), Err(e)]);
    assert_eq!(
        e.to_string(),
        "subtable at offset 104: GHESv2 source 5 needs 92 bytes but only 64 are left in the \
         table; it and anything after it are not parsed"
    );
}

#[test]
fn bank_entries_that_overrun_end_the_walk() {
    let mc = Ia32MachineCheck {
        source_id: 3,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        global_capability_data: 0,
        global_control_data: 0,
    };
    let mut buf = [0u8; 200];
    let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
    b.ia32_machine_check(&mc, &[Default::default()]).unwrap();
    let len = b.finish().unwrap();
    let mut sub = buf[40..len].to_vec();
    sub[32] = 3; // claims 3 banks, holds 1
    let t = wrap(&[&sub]);
    assert_eq!(
        items(&t),
        [Err(SubtableError::Overrun {
            offset: 40,
            kind: SourceKind::Ia32MachineCheck,
            source_id: 3,
            needed: 40 + 3 * 28,
            remaining: 68,
        })]
    );
    // A fixed part that is itself cut short.
    let t = wrap(&[&sub[..30]]);
    assert_eq!(
        items(&t),
        [Err(SubtableError::Overrun {
            offset: 40,
            kind: SourceKind::Ia32MachineCheck,
            source_id: 3,
            needed: 40,
            remaining: 30,
        })]
    );
}

#[test]
fn leftover_bytes_too_short_for_a_header() {
    let t = wrap(&[&ghes_bytes(1, true), &[9, 0, 1]]);
    let e = SubtableError::Truncated {
        offset: 104,
        remaining: 3,
    };
    assert_eq!(items(&t), [Ok((40, 1, SourceKind::Ghes)), Err(e)]);
    assert_eq!(
        e.to_string(),
        "subtable at offset 104: only 3 byte(s) left, too few for a subtable header; ignored"
    );
}

#[test]
fn count_mismatch_is_reported_last_and_everything_is_kept() {
    let a = ghes_bytes(1, true);
    let b = ghes_bytes(2, true);
    // Fewer declared than present: both kept.
    let t = wrap_with_count(&[&a, &b], 1);
    let e = SubtableError::CountMismatch {
        declared: 1,
        found: 2,
    };
    assert_eq!(
        items(&t),
        [
            Ok((40, 1, SourceKind::Ghes)),
            Ok((104, 2, SourceKind::Ghes)),
            Err(e)
        ]
    );
    assert_eq!(e.offset(), None);
    assert_eq!(
        e.to_string(),
        "header declares 1 error source(s) but the table holds 2; all 2 are kept"
    );
    // The second source is past the declared count, which its index tells.
    let hest = Hest::parse(&t).unwrap();
    let second = hest.sources().nth(1).unwrap().unwrap();
    assert!(second.index() >= hest.error_source_count());

    // More declared than present.
    let t = wrap_with_count(&[&a], 4);
    assert_eq!(
        items(&t),
        [
            Ok((40, 1, SourceKind::Ghes)),
            Err(SubtableError::CountMismatch {
                declared: 4,
                found: 1
            })
        ]
    );

    // No mismatch is claimed after a walk that stopped early: the real count is unknown.
    let t = wrap_with_count(&[&a, &[0xff, 0, 0, 0]], 9);
    assert!(matches!(
        items(&t).as_slice(),
        [Ok(_), Err(SubtableError::UnknownType { .. })]
    ));
}

#[test]
fn the_walk_is_fused() {
    let t = wrap(&[&[0xff, 0xff, 0, 0]]);
    let hest = Hest::parse(&t).unwrap();
    let mut walk = hest.sources();
    assert!(walk.next().unwrap().is_err());
    for _ in 0..3 {
        assert!(walk.next().is_none());
    }
}

#[test]
fn duplicate_enabled_ghes_ids_refuse_only_the_later_ones() {
    let t = wrap(&[
        &ghes_bytes(1, false), // 40: disabled, not part of the rule
        &ghes_bytes(1, true),  // 104: the first enabled id 1, kept
        &ghes_bytes(2, true),  // 168
        &ghes_bytes(1, false), // 232: disabled, not a duplicate
        &ghes_bytes(1, true),  // 296: duplicate of 104
        &ghes_bytes(2, true),  // 360: duplicate of 168
        &ghes_bytes(1, true),  // 424: duplicate of 104
    ]);
    let hest = Hest::parse(&t).unwrap();
    let dups: Vec<_> = hest.duplicate_source_ids().collect();
    let expected = [
        Duplicate {
            source_id: 1,
            first_offset: 104,
            offset: 296,
        },
        Duplicate {
            source_id: 2,
            first_offset: 168,
            offset: 360,
        },
        Duplicate {
            source_id: 1,
            first_offset: 104,
            offset: 424,
        },
    ];
    assert_eq!(dups, expected);
    assert_eq!(
        expected[0].to_string(),
        "subtable at offset 296: GHES source id 1 is already used by the enabled GHES at \
         offset 104; refusing the later one"
    );
    let verdicts: Vec<_> = hest
        .sources()
        .map(|s| hest.duplicate_of(&s.unwrap()).map(|d| d.first_offset))
        .collect();
    assert_eq!(
        verdicts,
        [None, None, None, None, Some(104), Some(168), Some(104)]
    );
}

#[test]
fn non_ghes_sources_never_count_as_duplicates() {
    let mut buf = [0u8; 300];
    let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
    b.ia32_nmi(&hest::Ia32Nmi {
        source_id: 1,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 0,
    })
    .unwrap()
    .ghes(&ghes(1, true))
    .unwrap();
    let len = b.finish().unwrap();
    let hest = Hest::parse(&buf[..len]).unwrap();
    assert_eq!(hest.duplicate_source_ids().count(), 0);
}

#[test]
fn a_shared_status_register_refuses_only_the_later_enabled_ghes() {
    let at = |id: u16, enabled: bool, address: u64| {
        let mut g = ghes(id, enabled);
        g.error_status_address = Gas::system_memory(address, 64);
        let mut buf = [0u8; 104];
        let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
        b.ghes(&g).unwrap();
        let len = b.finish().unwrap();
        buf[40..len].to_vec()
    };
    let t = wrap(&[
        &at(1, true, 0x1000),  // 40: keeps 0x1000
        &at(2, true, 0x2000),  // 104
        &at(3, false, 0x1000), // 168: disabled, not part of the rule
        &at(4, true, 0x1000),  // 232: shares source 1's register
        &at(5, true, 0x3000),  // 296
    ]);
    let hest = Hest::parse(&t).unwrap();
    let verdicts: Vec<_> = hest
        .sources()
        .map(|s| hest.shared_status_register(&s.unwrap()))
        .collect();
    let shared = SharedRegister {
        address: 0x1000,
        first_source_id: 1,
        first_offset: 40,
        offset: 232,
    };
    assert_eq!(verdicts, [None, None, None, Some(shared), None]);
    assert_eq!(
        shared.to_string(),
        "subtable at offset 232: its error status address register 0x1000 is already source \
         1's (the enabled GHES at offset 40): both would read one error status block; \
         refusing the later one"
    );
}

#[test]
fn registers_at_address_zero_are_not_shared_they_are_invalid() {
    // ACPICA's HEST template: a GHES and a GHESv2 whose error status address is 0. No
    // block is shared: each is refused by Ghes::validate ("address is 0"), not as sharing.
    let at = |id: u16, address: u64| {
        let mut g = ghes(id, true);
        g.error_status_address = Gas::system_memory(address, 64);
        let mut buf = [0u8; 104];
        let mut b = HestBuilder::new(&mut buf, &OEM).unwrap();
        b.ghes(&g).unwrap();
        let len = b.finish().unwrap();
        buf[40..len].to_vec()
    };
    let t = wrap(&[&at(2, 0), &at(3, 0)]);
    let hest = Hest::parse(&t).unwrap();
    for s in hest.sources() {
        let s = s.unwrap();
        assert_eq!(hest.shared_status_register(&s), None);
        assert!(s.ghes().unwrap().validate().is_err());
    }
}
