// SPDX-License-Identifier: GPL-2.0
//! Tests of `ghes-inject corpus -o DIR`: the command is run and every file it writes is
//! checked: valid, non-fatal, distinct records with all their addresses outside the lab
//! guest's RAM, one of each section type, and reports equal to what the lab makes of
//! `ghes-inject print`.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use cper::{
    ArmErrInfo, Estatus, GhesSeverity, Guid, MemError, MemError2, ProcGeneric, SectionBody,
};

/// The lab guest's RAM (QEMU virt, -m 1G).
const GUEST_RAM: std::ops::Range<u64> = 0x4000_0000..0x8000_0000;

fn tool() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ghes-inject"))
}

/// Runs `ghes-inject corpus -o` into a fresh directory called `name`.
fn generate(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let out = tool().arg("corpus").arg("-o").arg(&dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The index: (name, severity class) per line.
fn index(dir: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join("index"))
        .unwrap()
        .lines()
        .map(|l| {
            let (name, class) = l
                .split_once(' ')
                .unwrap_or_else(|| panic!("index line '{l}'"));
            (name.to_string(), class.to_string())
        })
        .collect()
}

/// Every physical address a section declares valid.
fn addresses(body: &SectionBody<'_>) -> Vec<u64> {
    match body {
        SectionBody::Memory(m) if m.validation_bits() & MemError::VALID_PA != 0 => {
            vec![m.physical_addr()]
        }
        SectionBody::Memory2(m) if m.validation_bits() & MemError2::VALID_PA != 0 => {
            vec![m.physical_addr()]
        }
        SectionBody::ProcGeneric(p)
            if p.validation_bits() & ProcGeneric::VALID_TARGET_ADDRESS != 0 =>
        {
            vec![p.target_addr()]
        }
        SectionBody::Arm(a) => a
            .err_infos()
            .filter(|e| e.validation_bits() & ArmErrInfo::VALID_PHYSICAL_ADDR != 0)
            .map(|e| e.physical_fault_addr())
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn corpus_records_are_valid_distinct_and_safe() {
    let dir = generate("corpus-valid");
    let index = index(&dir);
    assert!(index.len() >= 40, "only {} records", index.len());

    // Exactly the files the index names, plus the index.
    let files: HashSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let mut expected: HashSet<String> = ["index".to_string()].into();
    for (name, _) in &index {
        expected.insert(format!("{name}.cper"));
        expected.insert(format!("{name}.report"));
    }
    assert_eq!(files, expected);

    let mut names = HashSet::new();
    let mut records = HashSet::new();
    let mut types = HashSet::new();
    let mut large = 0;
    let (mut two_memory, mut memory_arm, mut three_types) = (false, false, false);
    for (i, (name, class)) in index.iter().enumerate() {
        // NN-kebab-case, numbered in order.
        common::corpus_name(i, name);
        assert!(names.insert(name.clone()), "{name} twice");

        let bytes = std::fs::read(dir.join(format!("{name}.cper"))).unwrap();
        let est = Estatus::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(est.len(), bytes.len(), "{name}: trailing bytes");
        assert!(est.anomalies().is_clean(), "{name}: {}", est.anomalies());
        assert_eq!(bytes.len() % 4, 0, "{name}: length {}", bytes.len());
        if bytes.len() > 4096 {
            large += 1;
            assert!(bytes.len() <= 8192, "{name}: length {}", bytes.len());
        }
        assert!(records.insert(bytes.clone()), "{name} repeats a record");

        // Never fatal, and the index classifies it as GHES does.
        let sev = est.error_severity();
        assert!(matches!(sev, 0 | 2 | 3), "{name}: severity {sev}");
        let corrected = cper::ghes_severity(sev) <= GhesSeverity::Corrected;
        assert_eq!(
            class,
            if corrected {
                "corrected"
            } else {
                "uncorrected"
            },
            "{name}"
        );

        let mut section_types = HashSet::new();
        let mut memory_sections = 0;
        for s in est.sections() {
            assert!(
                matches!(s.error_severity(), 0 | 2 | 3),
                "{name}: section severity {}",
                s.error_severity()
            );
            let body = s.body().unwrap_or_else(|e| panic!("{name}: {e}"));
            for pa in addresses(&body) {
                assert!(
                    pa >= 0x1_0000_0000 && !GUEST_RAM.contains(&pa),
                    "{name}: address {pa:#x} may be guest RAM"
                );
            }
            if s.section_type() == Guid::PLATFORM_MEM {
                memory_sections += 1;
            }
            section_types.insert(s.section_type());
            types.insert(s.section_type());
        }
        two_memory |= memory_sections >= 2;
        memory_arm |= memory_sections >= 1 && section_types.contains(&Guid::PROC_ARM);
        three_types |= section_types.len() >= 3;

        // The report: what Linux prints after the "Hardware error from APEI ..." line.
        let report = std::fs::read_to_string(dir.join(format!("{name}.report"))).unwrap();
        let first = report.lines().next().unwrap_or("");
        if sev == 2 {
            assert_eq!(
                first,
                "[Hardware Error]: It has been corrected by h/w and requires no further action",
                "{name}"
            );
        } else {
            assert!(
                first.starts_with("[Hardware Error]: event severity: "),
                "{name}: {first}"
            );
        }
        assert!(report.lines().count() >= 3, "{name}");
    }
    assert!(large <= 1, "{large} records exceed 4 KiB");
    assert!(two_memory && memory_arm && three_types);

    // Every type the printer decodes (the x86 processor section is printed as unknown).
    for t in KNOWN.iter().filter(|&&t| t != Guid::PROC_IA) {
        assert!(types.contains(t), "no section of type {t}");
    }
    assert!(
        types.iter().any(|t| !KNOWN.contains(t)),
        "no section of an unknown type"
    );

    // Both severity classes, about half each.
    let corrected = index.iter().filter(|(_, c)| c == "corrected").count();
    assert!(corrected * 3 >= index.len() && corrected * 3 <= index.len() * 2);
}

/// Section types Linux (or this crate) decodes.
const KNOWN: [Guid; 11] = [
    Guid::PLATFORM_MEM,
    Guid::PLATFORM_MEM2,
    Guid::PROC_GENERIC,
    Guid::PROC_ARM,
    Guid::PCIE,
    Guid::FW_ERR_REC_REF,
    Guid::CXL_PROT_ERR,
    Guid::CXL_GEN_MEDIA,
    Guid::CXL_DRAM,
    Guid::CXL_MEM_MODULE,
    Guid::PROC_IA,
];

/// Each NAME.report is what tools/lab makes of `ghes-inject print NAME.cper`: the output
/// without its first line and without each line's leading `{N}`.
#[test]
fn reports_equal_the_labs_view_of_print() {
    let dir = generate("corpus-print");
    for (name, _) in index(&dir) {
        let out = tool()
            .arg("print")
            .arg(dir.join(format!("{name}.cper")))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        let printed = String::from_utf8(out.stdout).unwrap();
        let mut lines = printed.lines();
        assert_eq!(
            lines.next(),
            Some("{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0"),
            "{name}"
        );
        let mut expected = String::new();
        for l in lines {
            let l = l.strip_prefix("{1}").unwrap_or(l);
            expected.push_str(l);
            expected.push('\n');
        }
        let report = std::fs::read_to_string(dir.join(format!("{name}.report"))).unwrap();
        assert_eq!(report, expected, "{name}");
    }
}

#[test]
fn corpus_needs_an_output_directory() {
    let out = tool().arg("corpus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the following required arguments were not provided:\n  -o <DIR>"),
        "{err}"
    );
    let out = tool()
        .args(["corpus", "-o", "x", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = tool().args(["corpus", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout)
        .contains("Usage: ghes-inject corpus [OPTIONS] -o <DIR>"));
}
