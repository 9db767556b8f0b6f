// SPDX-License-Identifier: GPL-2.0
//! Property tests: builder -> parser round-trips for arbitrary sources of every type;
//! arbitrary bytes never panic any entry point; and a valid table whose length is cut
//! anywhere never panics and never yields a source past the cut.

use hest::{
    AerBridge, AerCommon, AerEndpoint, AerRootPort, Gas, Ghes, Hest, HestBuilder,
    Ia32CorrectedCheck, Ia32ErrorBank, Ia32MachineCheck, Ia32Nmi, Notify, NotifyKind, OemInfo,
    ReadAck, Subtable, SubtableError,
};
use proptest::collection::vec;
use proptest::prelude::*;

fn gas() -> impl Strategy<Value = Gas> {
    (any::<[u8; 4]>(), any::<u64>()).prop_map(|([s, w, o, a], address)| Gas {
        space_id: s,
        bit_width: w,
        bit_offset: o,
        access_width: a,
        address,
    })
}

fn notify() -> impl Strategy<Value = Notify> {
    (any::<(u8, u8, u16)>(), any::<[u32; 6]>()).prop_map(|((k, length, cwe), v)| Notify {
        kind: NotifyKind::from_raw(k),
        length,
        config_write_enable: cwe,
        poll_interval: v[0],
        vector: v[1],
        polling_threshold_value: v[2],
        polling_threshold_window: v[3],
        error_threshold_value: v[4],
        error_threshold_window: v[5],
    })
}

fn ghes() -> impl Strategy<Value = Ghes> {
    (
        any::<(u16, u16, u8, bool)>(),
        any::<[u32; 4]>(),
        gas(),
        notify(),
        proptest::option::of((gas(), any::<u64>(), any::<u64>())),
    )
        .prop_map(|((id, rel, flags, enabled), n, status, notify, ack)| Ghes {
            source_id: id,
            related_source_id: rel,
            flags,
            enabled,
            records_to_preallocate: n[0],
            max_sections_per_record: n[1],
            max_raw_data_length: n[2],
            error_status_address: status,
            notify,
            error_block_length: n[3],
            ack: ack.map(|(register, preserve, write)| ReadAck {
                register,
                preserve,
                write,
            }),
        })
}

fn bank() -> impl Strategy<Value = Ia32ErrorBank> {
    (any::<[u8; 3]>(), any::<[u32; 4]>(), any::<u64>()).prop_map(|(b, r, control_data)| {
        Ia32ErrorBank {
            bank_number: b[0],
            clear_status_on_init: b[1],
            status_format: b[2],
            control_register: r[0],
            control_data,
            status_register: r[1],
            address_register: r[2],
            misc_register: r[3],
        }
    })
}

fn aer() -> impl Strategy<Value = AerCommon> {
    (any::<(u8, bool)>(), any::<[u32; 7]>(), any::<[u16; 3]>()).prop_map(|((flags, e), v, d)| {
        AerCommon {
            flags,
            enabled: e,
            records_to_preallocate: v[0],
            max_sections_per_record: v[1],
            bus: v[2],
            device: d[0],
            function: d[1],
            device_control: d[2],
            uncorrectable_mask: v[3],
            uncorrectable_severity: v[4],
            correctable_mask: v[5],
            advanced_capabilities: v[6],
        }
    })
}

fn corrected() -> impl Strategy<Value = Ia32CorrectedCheck> {
    (any::<(u16, u8, bool, u32, u32)>(), notify()).prop_map(|((id, flags, e, r, m), notify)| {
        Ia32CorrectedCheck {
            source_id: id,
            flags,
            enabled: e,
            records_to_preallocate: r,
            max_sections_per_record: m,
            notify,
        }
    })
}

/// Any subtable, with banks for the types that have them (none for the others).
fn subtable() -> impl Strategy<Value = (Subtable, Vec<Ia32ErrorBank>)> {
    let banks = || vec(bank(), 0..4);
    prop_oneof![
        (any::<(u16, u8, bool, u32, u32, u64, u64)>(), banks()).prop_map(
            |((id, flags, e, r, m, cap, ctl), b)| (
                Subtable::Ia32MachineCheck(Ia32MachineCheck {
                    source_id: id,
                    flags,
                    enabled: e,
                    records_to_preallocate: r,
                    max_sections_per_record: m,
                    global_capability_data: cap,
                    global_control_data: ctl,
                }),
                b
            )
        ),
        (corrected(), banks()).prop_map(|(c, b)| (Subtable::Ia32CorrectedMachineCheck(c), b)),
        (corrected(), banks()).prop_map(|(c, b)| (Subtable::Ia32DeferredMachineCheck(c), b)),
        any::<(u16, u32, u32, u32)>().prop_map(|(id, r, m, raw)| (
            Subtable::Ia32Nmi(Ia32Nmi {
                source_id: id,
                records_to_preallocate: r,
                max_sections_per_record: m,
                max_raw_data_length: raw,
            }),
            vec![]
        )),
        (any::<(u16, u32)>(), aer()).prop_map(|((id, cmd), aer)| (
            Subtable::AerRootPort(AerRootPort {
                source_id: id,
                aer,
                root_error_command: cmd,
            }),
            vec![]
        )),
        (any::<u16>(), aer()).prop_map(|(id, aer)| (
            Subtable::AerEndpoint(AerEndpoint { source_id: id, aer }),
            vec![]
        )),
        (any::<(u16, u32, u32, u32)>(), aer()).prop_map(|((id, a, b, c), aer)| (
            Subtable::AerBridge(AerBridge {
                source_id: id,
                aer,
                uncorrectable_mask2: a,
                uncorrectable_severity2: b,
                advanced_capabilities2: c,
            }),
            vec![]
        )),
        ghes().prop_map(|g| (Subtable::Ghes(g), vec![])),
    ]
}

fn oem() -> impl Strategy<Value = OemInfo> {
    (any::<(u8, [u8; 6], [u8; 8], u32, [u8; 4], u32)>(),).prop_map(
        |((revision, oem_id, oem_table_id, oem_revision, creator_id, cr),)| OemInfo {
            revision,
            oem_id,
            oem_table_id,
            oem_revision,
            creator_id,
            creator_revision: cr,
        },
    )
}

fn build(oem: &OemInfo, subtables: &[(Subtable, Vec<Ia32ErrorBank>)]) -> Vec<u8> {
    let mut buf = vec![0u8; 40 + subtables.len() * (92 + 4 * 28)];
    let mut b = HestBuilder::new(&mut buf, oem).unwrap();
    for (s, banks) in subtables {
        b.subtable(s, banks).unwrap();
    }
    let len = b.finish().unwrap();
    buf.truncate(len);
    buf
}

/// Runs every entry point over the table and formats every error and warning: none may
/// panic (overflow checks are on in test builds). Returns the sources' (offset, len).
fn exercise(table: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let Ok(hest) = Hest::parse(table) else {
        let _ = Hest::parse(table).unwrap_err().to_string();
        return spans;
    };
    let _ = hest.checksum_ok();
    for item in hest.sources() {
        match item {
            Ok(s) => {
                spans.push((s.offset(), s.len()));
                let _ = (s.kind().to_string(), s.enabled(), s.subtable().flags());
                assert_eq!(s.banks().count(), s.banks().len());
                if let Some(g) = s.ghes() {
                    match g.validate() {
                        Ok(v) => {
                            let _ = v.warning.map(|w| w.to_string());
                        }
                        Err(e) => {
                            let _ = e.to_string();
                        }
                    }
                    let _ = (g.notify.kind.to_string(), hest.is_ghes_assist(g));
                    let _ = hest.duplicate_of(&s);
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
    for d in hest.duplicate_source_ids() {
        let _ = d.to_string();
    }
    spans
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn build_then_parse_gives_back_the_same_values(
        oem in oem(),
        subtables in vec(subtable(), 0..6),
    ) {
        let table = build(&oem, &subtables);
        let hest = Hest::parse(&table).unwrap();
        prop_assert!(hest.checksum_ok());
        prop_assert_eq!(hest.length() as usize, table.len());
        prop_assert_eq!(hest.error_source_count() as usize, subtables.len());
        prop_assert_eq!(hest.revision(), oem.revision);
        prop_assert_eq!(hest.oem_id(), &oem.oem_id);
        prop_assert_eq!(hest.oem_table_id(), &oem.oem_table_id);
        prop_assert_eq!(hest.oem_revision(), oem.oem_revision);
        prop_assert_eq!(hest.creator_id(), &oem.creator_id);
        prop_assert_eq!(hest.creator_revision(), oem.creator_revision);
        let parsed: Vec<_> = hest.sources().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(parsed.len(), subtables.len());
        let mut offset = 40;
        for (p, (s, banks)) in parsed.iter().zip(&subtables) {
            prop_assert_eq!(p.subtable(), s);
            prop_assert_eq!(&p.banks().collect::<Vec<_>>(), banks);
            prop_assert_eq!(p.offset(), offset);
            offset += p.len();
        }
        prop_assert_eq!(offset, table.len());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..700)) {
        exercise(&bytes);
    }

    #[test]
    fn arbitrary_bodies_behind_a_valid_header_never_panic(
        body in vec(any::<u8>(), 0..700),
        count in any::<u32>(),
        slack in 0usize..8,
    ) {
        // A plausible header gets the walk past Hest::parse, so the subtable code sees
        // the random bytes; the length field may also claim fewer bytes than given.
        let mut table = b"HEST".to_vec();
        let len = 40 + body.len() - slack.min(body.len());
        table.extend_from_slice(&(len as u32).to_le_bytes());
        table.extend_from_slice(&[0u8; 28]);
        table.extend_from_slice(&count.to_le_bytes());
        table.extend_from_slice(&body);
        for (offset, n) in exercise(&table) {
            prop_assert!(offset + n <= len);
        }
    }

    #[test]
    fn cutting_a_valid_table_never_yields_a_source_past_the_cut(
        subtables in vec(subtable(), 1..5),
        cut_seed in any::<usize>(),
    ) {
        let table = build(&OemInfo::new(*b"CUTCUT", *b"CUTTABLE"), &subtables);
        let whole: Vec<_> = exercise(&table);
        let cut = 40 + cut_seed % (table.len() - 40 + 1);

        // The slice cut, the length field unchanged: refused as truncated.
        if cut < table.len() {
            prop_assert_eq!(
                Hest::parse(&table[..cut]).unwrap_err(),
                hest::HestError::Truncated { length: table.len() as u32, available: cut }
            );
        }

        // The length field cut too (a firmware that got it wrong): the sources yielded are
        // the original ones that end before the cut, and the walk then reports why it
        // stopped.
        let mut short = table[..cut].to_vec();
        short[4..8].copy_from_slice(&(cut as u32).to_le_bytes());
        let spans = exercise(&short);
        let kept: Vec<_> = whole.iter().copied().filter(|(o, n)| o + n <= cut).collect();
        prop_assert_eq!(&spans, &kept);
        let hest = Hest::parse(&short).unwrap();
        let last = hest.sources().last();
        if kept.len() == subtables.len() {
            prop_assert!(last.unwrap().is_ok());
        } else if kept.last().map_or(40, |(o, n)| o + n) == cut {
            prop_assert_eq!(
                last.unwrap().unwrap_err(),
                SubtableError::CountMismatch {
                    declared: subtables.len() as u32,
                    found: kept.len() as u32
                }
            );
        } else {
            let err = last.unwrap().unwrap_err();
            let stopped = matches!(
                err,
                SubtableError::Overrun { .. } | SubtableError::Truncated { .. }
            );
            prop_assert!(stopped, "unexpected last item {:?}", err);
        }
    }
}

#[test]
fn every_cut_of_a_table_with_all_types() {
    // The exhaustive version of the property above on one table holding all nine types.
    let g = Ghes {
        source_id: 1,
        related_source_id: 0xffff,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: 1,
        error_status_address: Gas::system_memory(0x1000, 64),
        notify: Notify::new(NotifyKind::Sea),
        error_block_length: 0x400,
        ack: None,
    };
    let c = Ia32CorrectedCheck {
        source_id: 2,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        notify: Notify::new(NotifyKind::Cmci),
    };
    let subtables = vec![
        (
            Subtable::Ia32MachineCheck(Ia32MachineCheck {
                source_id: 0,
                flags: 0,
                enabled: true,
                records_to_preallocate: 1,
                max_sections_per_record: 1,
                global_capability_data: 0,
                global_control_data: 0,
            }),
            vec![Ia32ErrorBank::default(); 2],
        ),
        (
            Subtable::Ia32CorrectedMachineCheck(c),
            vec![Ia32ErrorBank::default()],
        ),
        (
            Subtable::Ia32Nmi(Ia32Nmi {
                source_id: 3,
                records_to_preallocate: 1,
                max_sections_per_record: 1,
                max_raw_data_length: 0,
            }),
            vec![],
        ),
        (Subtable::AerRootPort(AerRootPort::default()), vec![]),
        (Subtable::AerEndpoint(AerEndpoint::default()), vec![]),
        (Subtable::AerBridge(AerBridge::default()), vec![]),
        (Subtable::Ghes(g), vec![]),
        (
            Subtable::Ghes(Ghes {
                ack: Some(ReadAck {
                    register: Gas::system_memory(0x1008, 64),
                    preserve: 0,
                    write: 1,
                }),
                ..g
            }),
            vec![],
        ),
        (Subtable::Ia32DeferredMachineCheck(c), vec![]),
    ];
    let table = build(&OemInfo::new(*b"ALLALL", *b"ALLTYPES"), &subtables);
    let whole = exercise(&table);
    assert_eq!(whole.len(), 9);
    for cut in 0..=table.len() {
        let mut short = table[..cut].to_vec();
        if cut >= 8 {
            short[4..8].copy_from_slice(&(cut as u32).to_le_bytes());
        }
        let spans = exercise(&short);
        let kept: Vec<_> = whole
            .iter()
            .copied()
            .filter(|(o, n)| o + n <= cut)
            .collect();
        if cut >= 40 {
            assert_eq!(spans, kept, "cut at {cut}");
        } else {
            assert!(spans.is_empty());
        }
    }
}
