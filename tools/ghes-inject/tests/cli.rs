// SPDX-License-Identifier: GPL-2.0
//! The command line as a user meets it: `--help` and `--version` on every subcommand, shell
//! completions and man pages, and one test per kind of bad input, each with its exit status
//! (2 for a usage error, 1 for a bad input file) and a message naming what is wrong.

mod common;

use common::{ghes_inject, scratch};

const SUBCOMMANDS: [&str; 9] = [
    "record",
    "print",
    "corpus",
    "hest",
    "inject",
    "notify",
    "status",
    "completions",
    "man",
];

#[test]
fn every_subcommand_has_help_and_version() {
    let version = format!("ghes-inject {}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(ghes_inject(&["--version"]), (0, version, String::new()));
    for sub in SUBCOMMANDS {
        let (code, out, err) = ghes_inject(&[sub, "--help"]);
        assert_eq!(code, 0, "{sub} --help: {err}");
        assert!(
            out.contains(&format!("Usage: ghes-inject {sub}")),
            "{sub}: {out}"
        );
        let (code, out, _) = ghes_inject(&[sub, "--version"]);
        let want = format!("ghes-inject-{sub} {}\n", env!("CARGO_PKG_VERSION"));
        assert_eq!((code, out), (0, want), "{sub} --version");
    }
    for kind in ["memory", "raw", "header", "json"] {
        let (code, out, _) = ghes_inject(&["record", kind, "--help"]);
        assert_eq!(code, 0);
        assert!(
            out.contains(&format!("Usage: ghes-inject record {kind}")),
            "{out}"
        );
    }
}

#[test]
fn completions_and_man_pages() {
    let (code, out, _) = ghes_inject(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(out.contains("complete -F _ghes__inject"), "{out}");
    let (code, out, _) = ghes_inject(&["completions", "zsh"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("#compdef ghes-inject"));
    let dir = scratch("cli_man");
    let (code, _, err) = ghes_inject(&["man", "-o", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for page in [
        "ghes-inject.1",
        "ghes-inject-record.1",
        "ghes-inject-inject.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.starts_with(".ie \\n(.g .ds Aq"), "{page} is not roff");
        assert!(text.contains(".TH ghes-inject"), "{page}");
    }
}

/// Runs a command that must fail; returns stderr after checking the exit status.
fn refused(args: &[&str], code: i32) -> String {
    let (got, out, err) = ghes_inject(args);
    assert_eq!(got, code, "{args:?}: {err}");
    assert_eq!(out, "", "{args:?}");
    err
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let err = refused(&["record", "memory", "--colour", "red", "-o", "x"], 2);
    assert!(err.contains("unexpected argument '--colour'"), "{err}");
    let err = refused(&["frobnicate"], 2);
    assert!(
        err.contains("unrecognized subcommand 'frobnicate'"),
        "{err}"
    );
}

#[test]
fn a_missing_value_or_argument_is_a_usage_error() {
    let err = refused(&["record", "memory", "--pa"], 2);
    assert!(
        err.contains("a value is required for '--pa <ADDR>'"),
        "{err}"
    );
    let err = refused(&["record", "memory", "--pa", "0x1000"], 2);
    assert!(err.contains("record needs -o FILE"), "{err}");
}

#[test]
fn a_malformed_number_is_a_usage_error() {
    let err = refused(&["record", "memory", "--pa", "0xZZ", "-o", "x"], 2);
    assert!(
        err.contains("invalid value '0xZZ' for '--pa <ADDR>': not a number"),
        "{err}"
    );
}

#[test]
fn an_out_of_range_value_is_refused_as_out_of_range() {
    for (args, want) in [
        (
            &["record", "memory", "--error-type", "256", "-o", "x"][..],
            "out of range: 256 > 255",
        ),
        (
            &["record", "raw", "--size", "65537", "-o", "x"],
            "out of range: 65537 > 65536",
        ),
        (
            &["print", "x", "--source", "65536"],
            "out of range: 65536 > 65535",
        ),
        (
            &["record", "memory", "--pa", "0x10000000000000000", "-o", "x"],
            "out of range: more than 64 bits",
        ),
    ] {
        let err = refused(args, 2);
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn an_unknown_word_is_refused_with_the_known_ones() {
    let err = refused(
        &["record", "memory", "--severity", "sometimes", "-o", "x"],
        2,
    );
    assert!(
        err.contains("[possible values: recoverable, fatal, corrected, info]"),
        "{err}"
    );
    let err = refused(
        &["record", "memory", "--error-type", "triple-bit", "-o", "x"],
        2,
    );
    assert!(
        err.contains("unknown memory error type (one of: unknown, no-error"),
        "{err}"
    );
}

#[test]
fn words_and_numbers_build_the_same_record() {
    let dir = scratch("cli_words");
    let (a, b) = (dir.join("a"), dir.join("b"));
    let run = |args: &[&str]| assert_eq!(ghes_inject(args).0, 0, "{args:?}");
    run(&[
        "record",
        "memory",
        "--severity",
        "corrected",
        "--error-type",
        "single-bit-ecc",
        "--pa",
        "0x1000",
        "-o",
        a.to_str().unwrap(),
    ]);
    run(&[
        "record",
        "memory",
        "--severity",
        "2",
        "--error-type",
        "2",
        "--pa",
        "4096",
        "-o",
        b.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn an_unreadable_file_is_a_failure_naming_it() {
    let err = refused(&["print", "/nonexistent/record.cper"], 1);
    assert!(
        err.starts_with("ghes-inject: cannot read /nonexistent/record.cper: "),
        "{err}"
    );
    let err = refused(&["record", "json", "/nonexistent/r.json", "-o", "x"], 1);
    assert!(
        err.starts_with("ghes-inject: cannot read /nonexistent/r.json: "),
        "{err}"
    );
}

/// `record json` of `text`: exit 1, and the message.
fn bad_json(name: &str, text: &str) -> (String, String) {
    let dir = scratch(&format!("cli_json_{name}"));
    let file = dir.join("r.json");
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap().to_string();
    let out = dir.join("r.cper");
    let err = refused(&["record", "json", &path, "-o", out.to_str().unwrap()], 1);
    assert!(!out.exists(), "{name}: a record was written");
    (path, err)
}

#[test]
fn json_syntax_errors_name_file_line_and_column() {
    let (path, err) = bad_json("syntax", "{\"sections\": [\n  {\"type\": \"memory\",}\n]}");
    assert_eq!(err, format!("ghes-inject: {path}:2:21: trailing comma\n"));
}

#[test]
fn json_unknown_fields_are_refused_where_they_are() {
    let (path, err) = bad_json(
        "field",
        "{\"sections\": [\n  {\"type\": \"memory\", \"adress\": 1}]}",
    );
    assert!(
        err.starts_with(&format!("ghes-inject: {path}:2:34: unknown field `adress`")),
        "{err}"
    );
    let (path, err) = bad_json("type", "{\"sections\": [{\"type\": \"nvme\"}]}");
    assert!(err.starts_with(&format!("ghes-inject: {path}:1:")), "{err}");
    assert!(err.contains("unknown variant `nvme`, expected one of `memory`, `arm`, `pcie`, `raw`"));
}

#[test]
fn json_out_of_range_values_are_refused_as_out_of_range() {
    let (path, err) = bad_json(
        "range",
        "{\"sections\": [{\"type\": \"pcie\", \"device\": 32}]}",
    );
    assert!(err.starts_with(&format!("ghes-inject: {path}:1:")), "{err}");
    assert!(err.contains("out of range: 32 > 31"), "{err}");
}

#[test]
fn a_json_record_without_sections_is_refused_naming_the_file() {
    let (path, err) = bad_json("empty", "{\"sections\": []}");
    assert_eq!(
        err,
        format!("ghes-inject: {path}: the record needs a non-empty \"sections\" list\n")
    );
}
