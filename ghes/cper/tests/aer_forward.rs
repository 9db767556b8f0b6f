// SPDX-License-Identifier: GPL-2.0
//! Which PCIe sections go to AER recovery and with what severity (ghes_handle_aer()).

use cper::{
    AerForward, AerSeverity, BodySpec, Estatus, EstatusBuilder, Pcie, PcieSpec, Section,
    SectionBody, SectionSpec, AER_REGS_LEN,
};

/// A record with one PCIe section at 0000:03:1d.5, built with `valid` bits, `severity`
/// and `flags`; returns the forward decision.
fn forward(valid: u64, severity: u32, flags: u8) -> Option<(u16, u8, u8, AerSeverity, Vec<u8>)> {
    let mut p = PcieSpec {
        validation_bits: valid,
        segment: 0,
        bus: 3,
        device: 0x1d,
        function: 5,
        ..Default::default()
    };
    p.set_aer(0x1000, 0x2, 0x62030, 0x40, 0x1, [1, 2, 3, 4]);
    let mut buf = vec![0u8; 1024];
    let len = {
        let mut b = EstatusBuilder::new(&mut buf).unwrap();
        b.severity(severity);
        b.section(
            &SectionSpec::new(BodySpec::Pcie(p))
                .severity(severity)
                .flags(flags),
        )
        .unwrap();
        b.finish().unwrap()
    };
    let e = Estatus::parse(&buf[..len]).unwrap();
    let section = e.sections().next().unwrap();
    let Ok(SectionBody::Pcie(pcie)) = section.body() else {
        panic!("not a PCIe section")
    };
    AerForward::of(&section, &pcie)
        .map(|f| (f.segment, f.bus, f.devfn, f.severity, f.regs.to_vec()))
}

const BOTH: u64 = Pcie::VALID_DEVICE_ID | Pcie::VALID_AER_INFO;

#[test]
fn device_and_aer_info_are_both_needed() {
    assert!(forward(Pcie::VALID_DEVICE_ID, 0, 0).is_none());
    assert!(forward(Pcie::VALID_AER_INFO, 0, 0).is_none());
    let (segment, bus, devfn, _, regs) = forward(BOTH, 0, 0).unwrap();
    assert_eq!((segment, bus, devfn), (0, 3, (0x1d << 3) | 5));
    assert_eq!(regs.len(), AER_REGS_LEN);
    // uncor_status at AER info + 4, as struct aer_capability_regs has it.
    assert_eq!(regs[4..8], 0x1000u32.to_le_bytes());
}

#[test]
fn severity_follows_cper_severity_to_aer_and_reset_is_fatal() {
    let sev = |s, f| forward(BOTH, s, f).unwrap().3;
    assert_eq!(sev(0, 0), AerSeverity::NonFatal);
    assert_eq!(sev(1, 0), AerSeverity::Fatal);
    assert_eq!(sev(2, 0), AerSeverity::Correctable);
    assert_eq!(sev(3, 0), AerSeverity::Correctable);
    assert_eq!(sev(2, Section::FLAG_RESET), AerSeverity::Fatal);
    assert_eq!(sev(0, Section::FLAG_RESET), AerSeverity::Fatal);
}
