// SPDX-License-Identifier: GPL-2.0
//! Tests of `ghes-inject hest --malform`: each malformation of ACPI 6.5 section 18.3.2
//! written over QEMU 10.0's one-source HEST plus three new sources (two GHESv2, one GHES),
//! read back with the hest crate; the layout file keeping every source's real allocation;
//! and the usage errors.

mod common;
#[allow(dead_code)]
#[path = "../src/hest_cmd.rs"]
mod hest_cmd;

use common::{ghes_inject, qemu_hest, scratch, QEMU_BLOCK};
use hest::{Ghes, Hest, SourceKind, SubtableError};
use hest_cmd::{build, check_malformations, malform, Built, Malformation, SourceSpec};

/// Sources 1 and 2 are GHESv2 (92 bytes, at 132 and 224), source 3 a GHES (64 bytes, at
/// 316); the table is 380 bytes.
const SPECS: [&str; 3] = ["sea", "polled:interval=50", "gsiv:gsi=41,v1"];
const OFFSETS: [usize; 3] = [132, 224, 316];
const CLEAN_LEN: usize = 380;

const CLEAN_LAYOUT: &str = "\
source 1 sea status=0x7c410410 ack=0x7c410418 block=0x7c410440 length=4096 extra=0 malformed=none
source 2 polled status=0x7c410420 ack=0x7c410428 block=0x7c411440 length=4096 extra=50 malformed=none
source 3 gsiv status=0x7c410430 ack=0x0 block=0x7c412440 length=4096 extra=41 malformed=none
";

fn clean() -> Built {
    let specs: Vec<SourceSpec> = SPECS
        .iter()
        .map(|s| SourceSpec::parse(s).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    build(&qemu_hest(), &[QEMU_BLOCK], &specs).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_list(list: &[&str]) -> Vec<Malformation> {
    list.iter()
        .map(|w| Malformation::parse(w).unwrap_or_else(|e| panic!("{w}: {e}")))
        .collect()
}

/// The clean build and the same build malformed with `list`, after the checks every
/// malformed table must pass: Length is the byte count and the checksum adds up.
fn malformed(list: &[&str]) -> (Built, Built) {
    let clean = clean();
    let mut bad = clean.clone();
    malform(&mut bad, &parse_list(list)).unwrap_or_else(|e| panic!("{list:?}: {e}"));
    let t = &bad.table;
    assert_eq!(
        u32::from_le_bytes(t[4..8].try_into().unwrap()) as usize,
        t.len(),
        "{list:?}: Length"
    );
    assert_eq!(
        t.iter().fold(0u8, |s, b| s.wrapping_add(*b)),
        0,
        "{list:?}: checksum"
    );
    let hest = Hest::parse(t).unwrap();
    assert!(hest.checksum_ok());
    assert_eq!(hest.length() as usize, t.len());
    // QEMU's source is never touched.
    assert_eq!(&t[40..132], &qemu_hest()[40..132]);
    (clean, bad)
}

/// The byte offsets where two tables of the same length differ, checksum excluded.
fn changed(a: &[u8], b: &[u8]) -> Vec<usize> {
    assert_eq!(a.len(), b.len());
    (0..a.len()).filter(|&i| i != 9 && a[i] != b[i]).collect()
}

/// The clean layout with `malformed=none` of line `n` (1-based) replaced by `column`.
fn layout_with(marks: &[(usize, &str)]) -> String {
    CLEAN_LAYOUT
        .lines()
        .enumerate()
        .map(|(i, line)| match marks.iter().find(|(n, _)| *n == i + 1) {
            Some((_, m)) => line.replace("malformed=none", &format!("malformed={m}")) + "\n",
            None => line.to_string() + "\n",
        })
        .collect()
}

/// Every subtable of a table whose walk must succeed.
fn ghes_of(table: &[u8]) -> Vec<Ghes> {
    let hest = Hest::parse(table).unwrap();
    assert_eq!(hest.error_source_count(), 4);
    hest.sources()
        .map(|s| *s.unwrap_or_else(|e| panic!("{e}")).ghes().unwrap())
        .collect()
}

#[test]
fn the_clean_build_is_what_the_offsets_assume() {
    let b = clean();
    assert_eq!(b.table.len(), CLEAN_LEN);
    assert_eq!(b.layout(), CLEAN_LAYOUT);
    assert!(b.malformed.is_empty());
    let hest = Hest::parse(&b.table).unwrap();
    let offsets: Vec<usize> = hest
        .sources()
        .skip(1)
        .map(|s| s.unwrap().offset())
        .collect();
    assert_eq!(offsets, OFFSETS);
    // No malformation: the table is left alone.
    let mut same = b.clone();
    malform(&mut same, &[]).unwrap();
    assert_eq!(same, b);
}

#[test]
fn each_per_source_malformation_writes_only_its_field() {
    // (WHAT, source, field offset in the subtable, field size, what the field reads back as).
    type Edit = fn(&mut Ghes);
    let cases: [(&str, usize, usize, usize, Edit); 7] = [
        ("zero-block:2", 2, 60, 4, |g| g.error_block_length = 0),
        ("huge-block:3", 3, 60, 4, |g| {
            g.error_block_length = 0x0100_0000
        }),
        ("gas-space:1", 1, 20, 1, |g| {
            g.error_status_address.space_id = 0x0b
        }),
        ("gas-width:3", 3, 21, 1, |g| {
            g.error_status_address.bit_width = 7
        }),
        ("duplicate-id:2", 2, 2, 2, |g| g.source_id = 0),
        ("overlap:3", 3, 24, 8, |g| {
            g.error_status_address.address = 0x7c41_0420
        }),
        ("disabled:1", 1, 7, 1, |g| g.enabled = false),
    ];
    for (what, n, field, size, edit) in cases {
        let (clean, bad) = malformed(&[what]);
        let start = OFFSETS[n - 1] + field;
        let diff = changed(&clean.table, &bad.table);
        assert!(!diff.is_empty(), "{what}: nothing changed");
        assert!(
            diff.iter().all(|i| (start..start + size).contains(i)),
            "{what}: bytes {diff:?} changed, not only {start}..{}",
            start + size
        );
        let mut want = ghes_of(&clean.table);
        edit(&mut want[n]);
        assert_eq!(ghes_of(&bad.table), want, "{what}");
        // The layout keeps the real allocation; only column 9 tells.
        let name = what.split(':').next().unwrap();
        assert_eq!(bad.layout(), layout_with(&[(n, name)]), "{what}");
        assert_eq!(bad.placed[n - 1].malformed, parse_list(&[what]));
        assert_eq!(bad.malformed.len(), 1);
        assert_eq!(bad.malformed[0].offset, start, "{what}");
        assert_eq!(bad.malformed[0].what.to_string(), what);
    }
}

#[test]
fn fields_read_back_as_the_brief_says() {
    let (_, b) = malformed(&["zero-block:1", "huge-block:2", "gas-space:3", "gas-width:3"]);
    let g = ghes_of(&b.table);
    assert_eq!(g[1].error_block_length, 0);
    assert_eq!(g[2].error_block_length, 16 << 20);
    assert_eq!(g[3].error_status_address.space_id, 0x0b);
    assert_eq!(g[3].error_status_address.bit_width, 7);
    assert!(!g[3].error_status_address.is_system_memory());
    // The rules a driver applies refuse them all but the huge block, capped with a warning.
    assert!(g[1].validate().is_err());
    let capped = g[2].validate().unwrap();
    assert_eq!(capped.block_length, 64 * 1024);
    assert!(capped.warning.is_some());
    assert!(g[3].validate().is_err());
    assert_eq!(
        b.layout(),
        layout_with(&[
            (1, "zero-block"),
            (2, "huge-block"),
            (3, "gas-space,gas-width")
        ])
    );

    let (_, b) = malformed(&["duplicate-id:3", "disabled:2"]);
    let g = ghes_of(&b.table);
    let ids: Vec<u16> = g.iter().map(|g| g.source_id).collect();
    assert_eq!(ids, [0, 1, 2, 0]);
    let enabled: Vec<bool> = g.iter().map(|g| g.enabled).collect();
    assert_eq!(enabled, [true, true, false, true]);
    assert_eq!(b.table[OFFSETS[1] + 7], 0);
    assert_eq!(
        g[2].validate(),
        Err(hest::GhesError::Disabled { source_id: 2 })
    );
    let hest = Hest::parse(&b.table).unwrap();
    let dups: Vec<_> = hest.duplicate_source_ids().collect();
    assert_eq!(
        dups.iter()
            .map(|d| (d.source_id, d.first_offset, d.offset))
            .collect::<Vec<_>>(),
        [(0, 40, OFFSETS[2])]
    );
    // The layout keeps the id each source would have had: its key for fw_use_source.
    let (_, b) = malformed(&["disabled:3", "duplicate-id:3"]);
    assert_eq!(b.layout(), layout_with(&[(3, "duplicate-id,disabled")]));
}

#[test]
fn overlap_shares_the_previous_sources_register_and_chains() {
    let (_, b) = malformed(&["overlap:2"]);
    let g = ghes_of(&b.table);
    let status: Vec<u64> = g.iter().map(|g| g.error_status_address.address).collect();
    assert_eq!(status, [0x7c41_0000, 0x7c41_0410, 0x7c41_0410, 0x7c41_0430]);
    // Read-ack registers are not shared.
    assert_eq!(g[2].ack.unwrap().register.address, 0x7c41_0428);
    let (_, b) = malformed(&["overlap:3", "overlap:2"]);
    let status: Vec<u64> = ghes_of(&b.table)
        .iter()
        .map(|g| g.error_status_address.address)
        .collect();
    assert_eq!(status, [0x7c41_0000, 0x7c41_0410, 0x7c41_0410, 0x7c41_0410]);
    // Applied in source order, whatever the command line's.
    let applied: Vec<String> = b.malformed.iter().map(|a| a.what.to_string()).collect();
    assert_eq!(applied, ["overlap:2", "overlap:3"]);
    // Each source keeps its own register and block in the layout: /init writes distinct RAM.
    assert_eq!(b.layout(), layout_with(&[(2, "overlap"), (3, "overlap")]));
}

#[test]
fn unknown_type_is_appended_counted_and_stops_the_walk_after_the_real_sources() {
    let (clean, b) = malformed(&["unknown-type"]);
    assert_eq!(b.table.len(), CLEAN_LEN + 26);
    assert_eq!(&b.table[40..CLEAN_LEN], &clean.table[40..]);
    assert_eq!(&b.table[CLEAN_LEN..CLEAN_LEN + 2], &[0x7f, 0]);
    assert!(b.table[CLEAN_LEN + 2..].iter().all(|&x| x == 0xab));
    let hest = Hest::parse(&b.table).unwrap();
    assert_eq!(hest.error_source_count(), 5);
    let walk: Vec<_> = hest.sources().collect();
    assert_eq!(walk.len(), 5);
    let ids: Vec<u16> = walk[..4]
        .iter()
        .map(|s| s.as_ref().unwrap().source_id())
        .collect();
    assert_eq!(ids, [0, 1, 2, 3]);
    assert_eq!(
        walk[4],
        Err(SubtableError::UnknownType {
            offset: CLEAN_LEN,
            raw_type: 0x7f,
            source_id: 0xabab,
            remaining: 26,
        })
    );
    assert_eq!(b.layout(), CLEAN_LAYOUT);
    assert_eq!(b.malformed[0].offset, CLEAN_LEN);
}

#[test]
fn truncate_cuts_the_last_subtable_and_the_walk_fails_on_it() {
    let (clean, b) = malformed(&["truncate"]);
    assert_eq!(b.table.len(), CLEAN_LEN - 12);
    assert_eq!(&b.table[10..], &clean.table[10..CLEAN_LEN - 12]);
    let hest = Hest::parse(&b.table).unwrap();
    assert_eq!(hest.error_source_count(), 4);
    let walk: Vec<_> = hest.sources().collect();
    assert_eq!(walk.len(), 4);
    let ids: Vec<u16> = walk[..3]
        .iter()
        .map(|s| s.as_ref().unwrap().source_id())
        .collect();
    assert_eq!(ids, [0, 1, 2]);
    assert_eq!(
        walk[3],
        Err(SubtableError::Overrun {
            offset: OFFSETS[2],
            kind: SourceKind::Ghes,
            source_id: 3,
            needed: 64,
            remaining: 52,
        })
    );
    assert_eq!(b.layout(), CLEAN_LAYOUT);

    // With a GHESv2 last, 80 of its 92 bytes remain; per-source malformations still apply.
    let specs = [
        SourceSpec::parse("sea").unwrap(),
        SourceSpec::parse("sei").unwrap(),
    ];
    let mut b = build(&qemu_hest(), &[QEMU_BLOCK], &specs).unwrap();
    malform(&mut b, &parse_list(&["truncate", "disabled:2"])).unwrap();
    assert_eq!(b.table.len(), 132 + 92 + 80);
    let hest = Hest::parse(&b.table).unwrap();
    assert!(hest.checksum_ok());
    let last = hest.sources().last().unwrap();
    assert!(matches!(
        last,
        Err(SubtableError::Overrun {
            offset: 224,
            kind: SourceKind::GhesV2,
            source_id: 2,
            needed: 92,
            remaining: 80,
        })
    ));
    assert_eq!(b.table[224 + 7], 0);
}

#[test]
fn usage_errors_name_the_problem() {
    let syntax = [
        ("bogus:1", "--malform bogus:1: unknown malformation 'bogus' (one of: zero-block, huge-block, gas-space, gas-width, duplicate-id, overlap, disabled, unknown-type, truncate)"),
        ("zero-block", "--malform zero-block: zero-block needs the --source it applies to (zero-block:N)"),
        ("disabled:x", "--malform disabled:x: source number: 'x' is not a number"),
        ("disabled:0", "--malform disabled:0: N counts the --source options from 1"),
        ("truncate:1", "--malform truncate:1: truncate applies to the whole table and takes no :N"),
        ("unknown-type:2", "--malform unknown-type:2: unknown-type applies to the whole table and takes no :N"),
    ];
    for (what, want) in syntax {
        let e = Malformation::parse(what).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{what}");
        assert_eq!(
            e.to_string(),
            format!("{want} (see ghes-inject hest --help)")
        );
    }
    let against_three = [
        (&["disabled:4"][..], "--malform disabled:4: there are only 3 --source option(s); N counts them from 1 (QEMU's sources are never malformed)"),
        (&["overlap:1"], "--malform overlap:1: the first --source has no new source before it to share a register with; overlap:N needs N >= 2"),
        (&["gas-space:2", "gas-space:2"], "--malform gas-space:2: given twice"),
        (&["zero-block:1", "huge-block:1"], "--malform huge-block:1: zero-block:1 already sets source 1's block length"),
        (&["truncate", "unknown-type"], "--malform unknown-type: truncate and unknown-type do not combine (the last subtable would be the unknown one, whose length nobody knows anyway)"),
    ];
    for (list, want) in against_three {
        let e = check_malformations(&parse_list(list), 3).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{list:?}");
        assert_eq!(
            e.to_string(),
            format!("{want} (see ghes-inject hest --help)")
        );
        // malform() refuses the same, leaving the table alone.
        let mut b = clean();
        assert_eq!(malform(&mut b, &parse_list(list)), Err(e));
        assert_eq!(b, clean());
    }
    assert_eq!(
        check_malformations(&parse_list(&["truncate"]), 0)
            .unwrap_err()
            .to_string(),
        "--malform truncate: the last subtable would be QEMU's, which is never malformed; give \
         a --source (see ghes-inject hest --help)"
    );
    assert_eq!(
        check_malformations(&parse_list(&["disabled:1"]), 0)
            .unwrap_err()
            .to_string(),
        "--malform disabled:1: there are only 0 --source option(s); N counts them from 1 \
         (QEMU's sources are never malformed) (see ghes-inject hest --help)"
    );
    assert_eq!(
        check_malformations(&parse_list(&["disabled:2"]), 1)
            .unwrap_err()
            .to_string(),
        "--malform disabled:2: there is only 1 --source option(s); N counts them from 1 \
         (QEMU's sources are never malformed) (see ghes-inject hest --help)"
    );
    // Every per-source WHAT on every source, the table-wide ones alone: all accepted.
    let all = parse_list(&[
        "zero-block:1",
        "huge-block:2",
        "gas-space:1",
        "gas-width:2",
        "duplicate-id:3",
        "overlap:2",
        "overlap:3",
        "disabled:1",
        "unknown-type",
    ]);
    assert_eq!(check_malformations(&all, 3), Ok(()));
}

#[test]
fn cli_writes_the_malformed_table_and_says_so_on_stderr() {
    let dir = scratch("hest_malform_cli");
    let qemu = dir.join("qemu.hest");
    std::fs::write(&qemu, qemu_hest()).unwrap();
    let (out, layout) = (dir.join("lab.hest"), dir.join("layout"));
    let (q, o, l) = (
        qemu.to_str().unwrap(),
        out.to_str().unwrap(),
        layout.to_str().unwrap(),
    );
    let mut args = vec!["hest", "--qemu-hest", q, "--qemu-block", "0x7c410010"];
    for s in SPECS {
        args.extend(["--source", s]);
    }
    args.extend(["--malform", "unknown-type", "--malform", "zero-block:2"]);
    args.extend(["--malform", "overlap:3", "-o", o, "--layout", l]);
    let (code, stdout, stderr) = ghes_inject(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "{o}: HEST of 406 bytes, 4 error source(s) (1 from QEMU, 3 new), OEM revision 2; \
             layout of the new sources in {l}\n"
        )
    );
    assert_eq!(
        stderr,
        format!(
            "ghes-inject hest: {o} is malformed on purpose: zero-block:2 (offset 284: error \
             status block length 0x0); overlap:3 (offset 340: error status address \
             0x7c410420, source 2's); unknown-type (offset 380: subtable type 0x7f then 24 \
             bytes of 0xab; error source count 5)\n"
        )
    );
    let t = std::fs::read(&out).unwrap();
    let (_, b) = malformed(&["unknown-type", "zero-block:2", "overlap:3"]);
    assert_eq!(t, b.table);
    let written = std::fs::read_to_string(&layout).unwrap();
    assert_eq!(written, layout_with(&[(2, "zero-block"), (3, "overlap")]));
    // tools/lab-tests/lib/firmware.sh reads columns 1 to 8 with `set -- $line`.
    for line in written.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols.len(), 9);
        assert!(cols[7].starts_with("extra=") && cols[8].starts_with("malformed="));
    }

    // Usage errors exit 2 and write nothing.
    std::fs::remove_file(&out).unwrap();
    std::fs::remove_file(&layout).unwrap();
    let failures = [
        (
            vec!["--source", "sea", "--malform", "overlap:1"],
            "--malform overlap:1: the first --source has no new source before it to share a \
             register with; overlap:N needs N >= 2",
        ),
        (
            vec!["--malform", "disabled:2", "--source", "sea"],
            "--malform disabled:2: there is only 1 --source option(s); N counts them from 1 \
             (QEMU's sources are never malformed)",
        ),
        (
            vec!["--source", "sea", "--malform", "misaligned:1"],
            "--malform misaligned:1: unknown malformation 'misaligned' (one of: zero-block, \
             huge-block, gas-space, gas-width, duplicate-id, overlap, disabled, \
             unknown-type, truncate)",
        ),
        (
            vec!["--source", "sea", "--malform"],
            "a value is required for '--malform <WHAT>'",
        ),
    ];
    for (extra, want) in failures {
        let mut args = vec!["hest", "--qemu-hest", q, "--qemu-block", "0x7c410010"];
        args.extend(["-o", o, "--layout", l]);
        args.extend(extra);
        let (code, stdout, stderr) = ghes_inject(&args);
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        // A value SPEC/WHAT refuses is clap's "invalid value" for that option; a conflict
        // between them is found when the table is built: both name what is wrong.
        assert!(stderr.contains(want), "{stderr} lacks {want}");
        assert!(
            stderr.ends_with("(see ghes-inject hest --help)\n") || stderr.starts_with("error: ")
        );
        assert!(!out.exists() && !layout.exists());
    }
    let (code, stdout, _) = ghes_inject(&["hest", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("--malform <WHAT>"));
    assert!(stdout.contains("overlap:N       Error Status Address register of source N-1"));
}
