// SPDX-License-Identifier: GPL-2.0
//! Tests of `ghes-inject corpus --malformed -o DIR`: the command is run and every file it
//! writes is checked against ghes_rs's three checks, redone here with the cper crate: the
//! header (`Estatus::peek_len`), the 4096-byte block of the lab's polled source, and
//! `Estatus::parse` of the bytes ghes_rs copies. Each record must be refused by one of them,
//! and its .expect line must be what ghes_rs logs after `source N: ` at that check.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cper::Estatus;

use common::{ghes_inject, scratch};

/// The Error Status Block Length of the lab's polled source.
const BLOCK_LEN: usize = 4096;

/// Runs `ghes-inject ARGS` with `-o` a fresh directory called `name`.
fn generate(name: &str, args: &[&str]) -> PathBuf {
    let dir = scratch(name);
    let mut all = args.to_vec();
    let d = dir.to_str().unwrap();
    all.extend(["-o", d]);
    let (code, _, stderr) = ghes_inject(&all);
    assert_eq!(code, 0, "{stderr}");
    dir
}

fn index(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("index"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

/// The check of ghes_rs that refuses `bytes` at the start of its block, and what it logs
/// after `source N: `; None if the record would be accepted.
fn refusal(name: &str, bytes: &[u8]) -> Option<(&'static str, String)> {
    let len = match Estatus::peek_len(&bytes[..Estatus::HEADER_LEN]) {
        Err(e) => return Some(("header", format!("bad record header: {e}"))),
        Ok(len) if len > BLOCK_LEN => {
            return Some((
                "block",
                format!("record of {len} bytes overruns the {BLOCK_LEN}-byte block"),
            ))
        }
        Ok(len) => len,
    };
    // ghes_rs copies `len` bytes from the block: all of them must come from the file.
    assert!(
        bytes.len() >= len,
        "{name}: ghes_rs copies {len} bytes, the file has {}",
        bytes.len()
    );
    match Estatus::parse(&bytes[..len]) {
        Err(e) => Some(("parse", format!("record rejected: {e}"))),
        Ok(_) => None,
    }
}

#[test]
fn every_malformed_record_is_refused_with_the_expected_line() {
    let dir = generate("malformed-corpus", &["corpus", "--malformed"]);
    let index = index(&dir);
    assert!(index.len() >= 15, "only {} records", index.len());

    // Exactly the files the index names, plus the index.
    let files: HashSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let mut expected: HashSet<String> = ["index".to_string()].into();
    for name in &index {
        expected.insert(format!("{name}.cper"));
        expected.insert(format!("{name}.expect"));
    }
    assert_eq!(files, expected);

    let mut names = HashSet::new();
    let mut stages = HashSet::new();
    for (i, name) in index.iter().enumerate() {
        // NN-kebab-case, numbered in order, each once.
        let desc = common::corpus_name(i, name);
        assert!(names.insert(desc.to_string()), "{name}: name used twice");

        let bytes = std::fs::read(dir.join(format!("{name}.cper"))).unwrap();
        assert!(
            bytes.len() >= Estatus::HEADER_LEN && bytes.len() <= BLOCK_LEN,
            "{name}: {} bytes",
            bytes.len()
        );
        assert_eq!(bytes.len() % 4, 0, "{name}: {} bytes", bytes.len());
        assert_ne!(bytes[..4], [0; 4], "{name}: block_status 0");

        let (stage, line) =
            refusal(name, &bytes).unwrap_or_else(|| panic!("{name}: ghes_rs accepts it"));
        stages.insert(stage);
        let expect = std::fs::read_to_string(dir.join(format!("{name}.expect"))).unwrap();
        assert_eq!(expect, format!("{line}\n"), "{name} ({stage})");
        assert_eq!(expect.lines().count(), 1, "{name}");
    }
    assert_eq!(
        stages,
        ["header", "block", "parse"].into(),
        "stages covered"
    );
}

#[test]
fn malformed_flag_may_follow_the_directory_and_output_is_stable() {
    let a = generate("malformed-a", &["corpus", "--malformed"]);
    let b = scratch("malformed-b");
    let (code, _, stderr) = ghes_inject(&["corpus", "-o", b.to_str().unwrap(), "--malformed"]);
    assert_eq!(code, 0, "{stderr}");
    for name in index(&a) {
        for ext in ["cper", "expect"] {
            let file = format!("{name}.{ext}");
            assert_eq!(
                std::fs::read(a.join(&file)).unwrap(),
                std::fs::read(b.join(&file)).unwrap(),
                "{file}"
            );
        }
    }
    assert_eq!(index(&a), index(&b));
}

#[test]
fn malformed_corpus_needs_an_output_directory_and_is_in_the_help() {
    let (code, _, stderr) = ghes_inject(&["corpus", "--malformed"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the following required arguments were not provided:\n  -o <DIR>"),
        "{stderr}"
    );
    let (code, help, _) = ghes_inject(&["corpus", "--help"]);
    assert_eq!(code, 0);
    assert!(help.contains("--malformed"));
    assert!(help.contains("DIR/NN-name.expect"));
}
