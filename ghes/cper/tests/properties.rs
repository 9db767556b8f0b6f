// SPDX-License-Identifier: GPL-2.0
//! Property tests: arbitrary bytes never make parsing or printing panic; truncating or
//! corrupting valid records never does either; build -> parse gives back the same values.

mod common;
use common::*;

use cper::{
    print_estatus, print_ghes_estatus, ArmContextSpec, ArmErrInfoSpec, ArmSpec, BodySpec, Estatus,
    EstatusBuilder, FwErrRecRefSpec, Guid, LogLevel, MemErrorSpec, PcieSpec, ProcGenericSpec,
    SectionBody, SectionSpec, Sink, Timestamp,
};
use proptest::prelude::*;

/// Formats every line (so formatting code runs) and throws it away.
struct Null(usize);

impl Sink for Null {
    fn line(&mut self, line: core::fmt::Arguments<'_>) {
        struct W;
        impl core::fmt::Write for W {
            fn write_str(&mut self, _: &str) -> core::fmt::Result {
                Ok(())
            }
        }
        let _ = core::fmt::write(&mut W, line);
        self.0 += 1;
    }
    fn line_at(&mut self, _: LogLevel, line: core::fmt::Arguments<'_>) {
        self.line(line);
    }
    fn dmi_memdev_name(&self, _: u16) -> Option<(&str, &str)> {
        Some(("B", "D"))
    }
}

/// Parses, prints and decodes everything; returns whether the block was valid.
fn exercise(bytes: &[u8]) -> bool {
    let _ = Estatus::peek_len(bytes);
    let Ok(e) = Estatus::parse(bytes) else {
        return false;
    };
    let mut n = Null(0);
    print_ghes_estatus(&mut n, 1, 0, &e);
    print_estatus(&mut n, &"p".repeat(80), &e);
    let _ = e.anomalies().to_string();
    let _ = (
        e.raw_data(),
        e.block_status().entry_count(),
        format!("{e:?}"),
    );
    for s in e.sections() {
        let _ = (s.fru_id(), s.fru_text(), s.timestamp(), format!("{s:?}"));
        match s.body() {
            Ok(SectionBody::Arm(a)) => {
                for i in a.err_infos() {
                    let _ = (i.error_info(), i.physical_fault_addr());
                }
                for c in a.contexts() {
                    let _ = (c.registers(), c.ctx_type());
                }
                let _ = a.vendor_data();
            }
            Ok(SectionBody::CxlProtErr(p)) => {
                let _ = (p.dvsec(), p.ras_reg(5), p.ras_header_log());
            }
            Ok(SectionBody::CxlEvent(c)) => {
                let _ = (c.event_record(), c.record_handle());
            }
            Ok(SectionBody::FwErrRecRef(f)) => {
                let _ = (f.trailing_data(), f.record_identifier_guid());
            }
            Ok(_) => {}
            Err(err) => {
                let _ = err.to_string();
            }
        }
    }
    true
}

fn known_guid() -> impl Strategy<Value = Guid> {
    prop_oneof![
        Just(Guid::PLATFORM_MEM),
        Just(Guid::PLATFORM_MEM2),
        Just(Guid::PROC_GENERIC),
        Just(Guid::PROC_ARM),
        Just(Guid::PCIE),
        Just(Guid::FW_ERR_REC_REF),
        Just(Guid::CXL_PROT_ERR),
        Just(Guid::CXL_GEN_MEDIA),
        Just(Guid::PROC_IA),
        any::<[u8; 16]>().prop_map(Guid),
    ]
}

/// (section type, revision, header bits, body) for well-formed blocks with hostile bodies.
fn raw_section() -> impl Strategy<Value = (Guid, u16, u8, Vec<u8>)> {
    (
        known_guid(),
        prop_oneof![Just(0x0200u16), Just(0x0300), any::<u16>()],
        any::<u8>(),
        prop::collection::vec(any::<u8>(), 0..300),
    )
}

fn build_raw(sev: u32, secs: &[(Guid, u16, u8, Vec<u8>)]) -> Vec<u8> {
    let specs: Vec<SectionSpec<'_>> = secs
        .iter()
        .map(|(g, rev, vb, body)| raw(*g, body).revision(*rev).validation_bits(*vb))
        .collect();
    many(sev, &specs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        exercise(&bytes);
    }

    #[test]
    fn arbitrary_header_over_arbitrary_data(
        hdr in any::<[u32; 5]>(),
        small in 0u32..400,
        rest in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        // Keep data_length plausible so the section walk is reached.
        let mut b: Vec<u8> = hdr.iter().flat_map(|v| v.to_le_bytes()).collect();
        b[12..16].copy_from_slice(&small.to_le_bytes());
        b.extend(rest);
        exercise(&b);
    }

    #[test]
    fn well_formed_blocks_with_hostile_bodies(
        sev in any::<u32>(),
        secs in prop::collection::vec(raw_section(), 0..4),
        flip in any::<(usize, u8)>(),
    ) {
        let b = build_raw(sev, &secs);
        prop_assert!(exercise(&b));
        let e = Estatus::parse(&b).unwrap();
        prop_assert_eq!(e.section_count(), secs.len());
        for (s, (g, _, vb, body)) in e.sections().zip(&secs) {
            prop_assert_eq!(s.section_type(), *g);
            prop_assert_eq!(s.validation_bits(), *vb);
            prop_assert_eq!(s.data(), &body[..]);
        }
        // Corrupt one byte: still no panic, whatever parse decides.
        let mut c = b.clone();
        let i = flip.0 % c.len();
        c[i] ^= flip.1 | 1;
        exercise(&c);
    }

    #[test]
    fn memory_error_roundtrip(
        vb in any::<u64>(), st in any::<u64>(), pa in any::<u64>(), mask in any::<u64>(),
        w in any::<[u16; 8]>(), ids in any::<[u64; 3]>(), t in any::<u8>(), ext in any::<u8>(),
        h in any::<[u16; 3]>(), sev in 0u32..4, ts in any::<[u8; 8]>(),
        text in prop::collection::vec(1u8..=255, 0..=20),
    ) {
        let m = MemErrorSpec {
            validation_bits: vb, error_status: st, physical_addr: pa, physical_addr_mask: mask,
            node: w[0], card: w[1], module: w[2], bank: w[3], device: w[4], row: w[5],
            column: w[6], bit_pos: w[7], requestor_id: ids[0], responder_id: ids[1],
            target_id: ids[2], error_type: t, extended: ext, rank: h[0],
            mem_array_handle: h[1], mem_dev_handle: h[2], old_layout: false,
        };
        let spec = SectionSpec::new(BodySpec::Memory(m))
            .severity(sev)
            .timestamp(Timestamp(ts))
            .fru_text(&text);
        let b = one(&spec);
        let e = Estatus::parse(&b).unwrap();
        prop_assert!(e.anomalies().is_clean());
        let s = e.sections().next().unwrap();
        prop_assert_eq!(s.error_severity(), sev);
        prop_assert_eq!(s.timestamp(), Some(Timestamp(ts)));
        prop_assert_eq!(s.fru_text(), Some(&text[..]));
        let SectionBody::Memory(p) = s.body().unwrap() else { panic!() };
        prop_assert_eq!(
            (p.validation_bits(), p.error_status(), p.physical_addr(), p.physical_addr_mask()),
            (vb, st, pa, mask)
        );
        prop_assert_eq!(
            [p.node(), p.card(), p.module(), p.bank(), p.device(), p.row(), p.column(), p.bit_pos()],
            w
        );
        prop_assert_eq!([p.requestor_id(), p.responder_id(), p.target_id()], ids);
        prop_assert_eq!((p.error_type(), p.extended()), (t, ext));
        prop_assert_eq!([p.rank(), p.mem_array_handle(), p.mem_dev_handle()], h);
        exercise(&b);
    }

    #[test]
    fn arm_roundtrip(
        vb in any::<u32>(), aff in any::<u8>(), regs in any::<[u64; 2]>(), st in any::<[u32; 2]>(),
        infos in prop::collection::vec(any::<(u16, u8, u16, u8, [u64; 3])>(), 0..5),
        ctxs in prop::collection::vec((0u16..9, prop::collection::vec(any::<u8>(), 0..40)), 0..3),
        vendor in prop::collection::vec(any::<u8>(), 0..20),
    ) {
        let infos: Vec<ArmErrInfoSpec> = infos.iter().map(|&(v, t, m, f, a)| ArmErrInfoSpec {
            validation_bits: v, error_type: t, multiple_error: m, flags: f,
            error_info: a[0], virt_fault_addr: a[1], physical_fault_addr: a[2],
            ..Default::default()
        }).collect();
        let contexts: Vec<ArmContextSpec<'_>> = ctxs.iter()
            .map(|(t, r)| ArmContextSpec { version: 0, ctx_type: *t, registers: r })
            .collect();
        let spec = ArmSpec {
            validation_bits: vb, affinity_level: aff, mpidr: regs[0], midr: regs[1],
            running_state: st[0], psci_state: st[1], err_infos: &infos, contexts: &contexts,
            vendor_data: &vendor, section_length: None,
        };
        let b = one(&SectionSpec::new(BodySpec::Arm(spec)));
        let e = Estatus::parse(&b).unwrap();
        let SectionBody::Arm(a) = e.sections().next().unwrap().body().unwrap() else { panic!() };
        prop_assert_eq!((a.validation_bits(), a.affinity_level(), a.mpidr(), a.midr()), (vb, aff, regs[0], regs[1]));
        prop_assert_eq!((a.running_state(), a.psci_state()), (st[0], st[1]));
        let got: Vec<_> = a.err_infos().map(|i| (i.validation_bits(), i.error_type(),
            i.multiple_error(), i.flags(), [i.error_info(), i.virt_fault_addr(), i.physical_fault_addr()])).collect();
        let want: Vec<_> = infos.iter().map(|i| (i.validation_bits, i.error_type,
            i.multiple_error, i.flags, [i.error_info, i.virt_fault_addr, i.physical_fault_addr])).collect();
        prop_assert_eq!(got, want);
        let got: Vec<_> = a.contexts().map(|c| (c.ctx_type(), c.registers().to_vec())).collect();
        prop_assert_eq!(got, ctxs);
        prop_assert_eq!(a.vendor_data(), &vendor[..]);
        exercise(&b);
    }

    #[test]
    fn pcie_generic_and_fw_roundtrip(
        vb in any::<u64>(), w in any::<[u16; 8]>(), d in any::<[u32; 3]>(), c in any::<[u8; 8]>(),
        q in any::<[u64; 6]>(), fw_rev in 0u8..4, trailing in prop::collection::vec(any::<u8>(), 0..40),
    ) {
        let pcie = PcieSpec {
            validation_bits: vb, port_type: d[0], version_major: c[0], version_minor: c[1],
            command: w[0], status: w[1], vendor_id: w[2], device_id: w[3],
            class_code: [c[2], c[3], c[4]], function: c[5], device: c[6], segment: w[4],
            bus: c[7], secondary_bus: c[0], slot: w[5], serial_lower: d[1], serial_upper: d[2],
            bridge_secondary_status: w[6], bridge_control: w[7], ..Default::default()
        };
        let gen = ProcGenericSpec {
            validation_bits: vb, proc_type: c[0], proc_isa: c[1], proc_error_type: c[2],
            operation: c[3], flags: c[4], level: c[5], cpu_version: q[0], proc_id: q[1],
            target_addr: q[2], requestor_id: q[3], responder_id: q[4], ip: q[5],
        };
        let fw = FwErrRecRefSpec {
            record_type: c[0], revision: fw_rev, record_identifier: q[0],
            record_identifier_guid: Guid([c[1]; 16]), trailing: &trailing,
        };
        let specs = [
            SectionSpec::new(BodySpec::Pcie(pcie)),
            SectionSpec::new(BodySpec::ProcGeneric(gen)).revision(SectionSpec::REVISION_2),
            SectionSpec::new(BodySpec::FwErrRecRef(fw)),
        ];
        let b = many(2, &specs);
        let e = Estatus::parse(&b).unwrap();
        prop_assert!(e.anomalies().is_clean());
        let mut it = e.sections();
        let SectionBody::Pcie(p) = it.next().unwrap().body().unwrap() else { panic!() };
        prop_assert_eq!((p.validation_bits(), p.port_type(), p.version_major(), p.version_minor()), (vb, d[0], c[0], c[1]));
        prop_assert_eq!([p.command(), p.status(), p.vendor_id(), p.device_id(), p.segment(), p.slot(),
            p.bridge_secondary_status(), p.bridge_control()], [w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        prop_assert_eq!(p.class_code(), [c[2], c[3], c[4]]);
        prop_assert_eq!((p.function(), p.device(), p.bus(), p.secondary_bus()), (c[5], c[6], c[7], c[0]));
        prop_assert_eq!((p.serial_lower(), p.serial_upper()), (d[1], d[2]));
        let SectionBody::ProcGeneric(g) = it.next().unwrap().body().unwrap() else { panic!() };
        prop_assert_eq!((g.validation_bits(), g.proc_type(), g.proc_isa(), g.proc_error_type()), (vb, c[0], c[1], c[2]));
        prop_assert_eq!((g.operation(), g.flags(), g.level()), (c[3], c[4], c[5]));
        prop_assert_eq!([g.cpu_version(), g.proc_id(), g.target_addr(), g.requestor_id(), g.responder_id(), g.ip()], q);
        let SectionBody::FwErrRecRef(f) = it.next().unwrap().body().unwrap() else { panic!() };
        prop_assert_eq!((f.record_type(), f.revision()), (c[0], fw_rev));
        if fw_rev != 1 {
            prop_assert_eq!(f.record_identifier(), q[0]);
            prop_assert_eq!(f.trailing_data(), &trailing[..]);
        }
        if fw_rev >= 2 {
            prop_assert_eq!(f.record_identifier_guid(), Guid([c[1]; 16]));
        }
        exercise(&b);
    }
}

/// Every truncation of a rich, valid record: never a panic, and every cut shorter than the
/// record is rejected.
#[test]
fn truncation_at_every_length() {
    let regs = [0x5au8; 24];
    let ctx = [ArmContextSpec {
        version: 0,
        ctx_type: 4,
        registers: &regs,
    }];
    let infos = [ArmErrInfoSpec {
        validation_bits: 0x1f,
        error_type: 2,
        error_info: u64::MAX,
        ..Default::default()
    }];
    let specs = [
        SectionSpec::new(BodySpec::Memory(MemErrorSpec {
            validation_bits: u64::MAX,
            ..Default::default()
        })),
        SectionSpec::new(BodySpec::Arm(ArmSpec {
            validation_bits: 7,
            err_infos: &infos,
            contexts: &ctx,
            vendor_data: b"xyz",
            ..Default::default()
        }))
        .fru_text(b"CPU0")
        .timestamp(Timestamp::new(2026, 11, 21, 1, 2, 3, false)),
        SectionSpec::new(BodySpec::Pcie(PcieSpec {
            validation_bits: u64::MAX,
            ..Default::default()
        }))
        .revision(SectionSpec::REVISION_2),
        raw(Guid::CXL_PROT_ERR, &[0xff; 300]),
    ];
    let mut buf = vec![0u8; 4096];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).unwrap();
        for s in &specs {
            b.section(s).unwrap();
        }
        b.raw_data(&[1, 2, 3, 4]).unwrap();
        b.finish().unwrap()
    };
    let rec = &buf[..len];
    assert!(exercise(rec));
    for cut in 0..len {
        assert!(!exercise(&rec[..cut]), "cut {cut}");
    }
    // And the record's own lengths shrunk: data_length at every value.
    for dl in 0..(len as u32) {
        let mut c = rec.to_vec();
        c[8..12].copy_from_slice(&0u32.to_le_bytes());
        c[12..16].copy_from_slice(&dl.to_le_bytes());
        exercise(&c);
    }
}
