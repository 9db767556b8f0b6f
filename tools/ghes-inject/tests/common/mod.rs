// SPDX-License-Identifier: GPL-2.0
//! QEMU 10.0's one-source HEST, built byte by byte, for the tests of `ghes-inject hest`, and
//! helpers to run the `ghes-inject` binary.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// An empty scratch directory `name` under cargo's test temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `ghes-inject ARGS`: (exit code, stdout, stderr).
pub fn ghes_inject(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ghes-inject"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The block address QEMU 10.0 (-m 1G) writes into its source's status register.
pub const QEMU_BLOCK: u64 = 0x7c41_0010;

/// A GHESv2 subtable (ACPI 6.5 table 18.13), field by field.
pub fn ghesv2(id: u16, notify: u8, status: u64, ack: u64, block_len: u32) -> Vec<u8> {
    let mut s = Vec::new();
    s.extend_from_slice(&10u16.to_le_bytes()); // type: GHESv2
    s.extend_from_slice(&id.to_le_bytes());
    s.extend_from_slice(&0xffffu16.to_le_bytes()); // related source id
    s.push(0); // flags
    s.push(1); // enabled
    s.extend_from_slice(&1u32.to_le_bytes()); // records to preallocate
    s.extend_from_slice(&1u32.to_le_bytes()); // max sections per record
    s.extend_from_slice(&block_len.to_le_bytes()); // max raw data length
    s.extend_from_slice(&[0, 64, 0, 4]); // GAS: system memory, 64 bits, offset 0, qword
    s.extend_from_slice(&status.to_le_bytes());
    s.push(notify); // notification type
    s.push(0x1c); // notification length
    s.extend_from_slice(&[0; 26]);
    s.extend_from_slice(&block_len.to_le_bytes()); // error status block length
    s.extend_from_slice(&[0, 64, 0, 4]);
    s.extend_from_slice(&ack.to_le_bytes());
    s.extend_from_slice(&0xffff_ffff_ffff_fffeu64.to_le_bytes()); // read ack preserve
    s.extend_from_slice(&1u64.to_le_bytes()); // read ack write
    assert_eq!(s.len(), 92);
    s
}

/// A HEST with QEMU's header fields, `oem_revision` and `subtables`, with a valid checksum.
pub fn table(oem_revision: u32, subtables: &[Vec<u8>]) -> Vec<u8> {
    let body: Vec<u8> = subtables.concat();
    let mut t = Vec::new();
    t.extend_from_slice(b"HEST");
    t.extend_from_slice(&(40 + body.len() as u32).to_le_bytes());
    t.push(1); // revision
    t.push(0); // checksum, set below
    t.extend_from_slice(b"BOCHS ");
    t.extend_from_slice(b"BXPC    ");
    t.extend_from_slice(&oem_revision.to_le_bytes());
    t.extend_from_slice(b"BXPC");
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&(subtables.len() as u32).to_le_bytes());
    t.extend_from_slice(&body);
    fix_checksum(&mut t);
    t
}

pub fn fix_checksum(t: &mut [u8]) {
    t[9] = 0;
    let sum = t.iter().fold(0u8, |s, b| s.wrapping_add(*b));
    t[9] = 0u8.wrapping_sub(sum);
}

/// The 132-byte HEST QEMU 10.0 builds for `-M virt,ras=on -m 1G`.
pub fn qemu_hest() -> Vec<u8> {
    let t = table(1, &[ghesv2(0, 8, 0x7c41_0000, 0x7c41_0008, 0x400)]);
    assert_eq!(t.len(), 132);
    t
}

/// Checks a corpus name is `NN-kebab-case` with NN its position `i`; returns the description.
pub fn corpus_name(i: usize, name: &str) -> &str {
    let (nn, desc) = name.split_at(2);
    assert_eq!(nn, format!("{i:02}"), "{name}");
    let desc = desc.strip_prefix('-').unwrap_or_else(|| panic!("{name}"));
    assert!(
        !desc.is_empty()
            && !desc.starts_with('-')
            && !desc.ends_with('-')
            && !desc.contains("--")
            && desc
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{name}"
    );
    desc
}
