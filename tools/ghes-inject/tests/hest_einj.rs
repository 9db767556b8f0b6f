// SPDX-License-Identifier: GPL-2.0
//! Tests of `ghes-inject hest --einj`: the EINJ table (ACPI 6.5 section 18.6) read byte by
//! byte and as Linux's einj-core.c reads it (`einj_check_table()`,
//! `einj_get_parameter_address()`), the mailbox page's place in QEMU's 64 KiB NVS region
//! after everything else the tool allocates, the layout line, the no-room error, and that
//! without `--einj` nothing changes.

mod common;
#[allow(dead_code)]
#[path = "../src/hest_cmd.rs"]
mod hest_cmd;

use std::path::{Path, PathBuf};

use common::{ghes_inject, qemu_hest, scratch, QEMU_BLOCK};
use hest_cmd::{build, build_with_einj, malform, Built, Malformation, SourceSpec};

/// The region QEMU 10.0 (-m 1G) uses, and the end of what QEMU's own source takes in it
/// (its 1024-byte block at 0x7c410010).
const REGION: u64 = 0x7c41_0000;
const REGION_END: u64 = REGION + 0x1_0000;
const QEMU_END: u64 = 0x7c41_0410;

const THREE: [&str; 3] = ["polled:interval=50", "gsiv:gsi=200", "sea:block=8192"];

const THREE_LAYOUT: &str = "\
source 1 polled status=0x7c410410 ack=0x7c410418 block=0x7c410440 length=4096 extra=50 malformed=none
source 2 gsiv status=0x7c410420 ack=0x7c410428 block=0x7c411440 length=4096 extra=200 malformed=none
source 3 sea status=0x7c410430 ack=0x7c410438 block=0x7c412440 length=8192 extra=0 malformed=none
";

/// The last block ends at 0x7c412440 + 8192 = 0x7c414440; the next page is 0x7c415000.
const THREE_MAILBOX: u64 = 0x7c41_5000;

/// One entry as ACPI 6.5 table 18.25 lays it out: (action, instruction, mailbox offset of
/// the register, value, mask).
type Entry = (u8, u8, u64, u64, u64);

/// The ten entries the table must hold, in this order.
const ENTRIES: [Entry; 10] = [
    (0, 3, 0x00, 1, u64::MAX), // BEGIN_INJECTION_OPERATION: WRITE_REGISTER_VALUE 1
    (1, 0, 0x30, 0, u64::MAX), // GET_TRIGGER_ERROR_ACTION_TABLE: READ_REGISTER
    (2, 2, 0x08, 0, u64::MAX), // SET_ERROR_TYPE: WRITE_REGISTER
    (3, 0, 0x10, 0, u64::MAX), // GET_ERROR_TYPE: READ_REGISTER
    (4, 3, 0x00, 0, u64::MAX), // END_OPERATION: WRITE_REGISTER_VALUE 0
    (5, 3, 0x20, 1, u64::MAX), // EXECUTE_OPERATION: WRITE_REGISTER_VALUE 1
    (6, 1, 0x20, 1, 0x1),      // CHECK_BUSY_STATUS: READ_REGISTER_VALUE 1, mask 1
    (7, 0, 0x28, 0, 0xff),     // GET_COMMAND_STATUS: READ_REGISTER, mask 0xff
    (8, 2, 0x40, 0, u64::MAX), // SET_ERROR_TYPE_WITH_ADDRESS: WRITE_REGISTER
    (9, 0, 0x38, 0, u64::MAX), // GET_EXECUTE_OPERATION_TIMINGS: READ_REGISTER
];

fn specs(list: &[&str]) -> Vec<SourceSpec> {
    list.iter()
        .map(|s| SourceSpec::parse(s).unwrap_or_else(|e| panic!("{s}: {e}")))
        .collect()
}

fn with_einj(list: &[&str]) -> Built {
    build_with_einj(&qemu_hest(), &[QEMU_BLOCK], &specs(list)).unwrap_or_else(|e| panic!("{e}"))
}

fn without_einj(list: &[&str]) -> Built {
    build(&qemu_hest(), &[QEMU_BLOCK], &specs(list)).unwrap_or_else(|e| panic!("{e}"))
}

fn einj_err(list: &[&str]) -> String {
    match build_with_einj(&qemu_hest(), &[QEMU_BLOCK], &specs(list)) {
        Ok(b) => panic!("built {} bytes, expected a failure", b.table.len()),
        Err(e) => e.to_string(),
    }
}

fn u32_at(t: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(t[o..o + 4].try_into().unwrap())
}

fn u64_at(t: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(t[o..o + 8].try_into().unwrap())
}

fn mailbox(b: &Built) -> u64 {
    b.einj.as_ref().expect("an EINJ table").mailbox
}

fn einj_table(b: &Built) -> &[u8] {
    &b.einj.as_ref().expect("an EINJ table").table
}

/// Checks `t` byte by byte against [`ENTRIES`] for a mailbox at `mb`, with the HEST
/// `hest`'s OEM and creator fields.
fn assert_table(t: &[u8], hest: &[u8], mb: u64) {
    assert_eq!(t.len(), 368);
    assert_eq!(&t[0..4], b"EINJ");
    assert_eq!(u32_at(t, 4), 368); // length
    assert_eq!(t[8], 1); // revision
    assert_eq!(t.iter().fold(0u8, |s, b| s.wrapping_add(*b)), 0, "checksum");
    assert_eq!(&t[10..16], &hest[10..16]); // OEM ID
    assert_eq!(&t[16..24], &hest[16..24]); // OEM table ID
    assert_eq!(&t[24..28], &hest[24..28]); // OEM revision
    assert_eq!(&t[28..36], &hest[28..36]); // creator ID and revision
    assert_eq!(u32_at(t, 36), 12); // injection header size
    assert_eq!(&t[40..44], &[0; 4]); // injection flags, reserved
    assert_eq!(u32_at(t, 44), 10); // injection entry count
    for (i, &(action, instruction, offset, value, mask)) in ENTRIES.iter().enumerate() {
        let e = &t[48 + 32 * i..][..32];
        assert_eq!(&e[0..4], &[action, instruction, 0, 0], "entry {i}");
        // GAS: system memory, 64 bits, bit offset 0, access size 4 (QWord).
        assert_eq!(&e[4..8], &[0, 64, 0, 4], "entry {i} register");
        assert_eq!(u64_at(e, 8), mb + offset, "entry {i} address");
        assert_eq!(u64_at(e, 16), value, "entry {i} value");
        assert_eq!(u64_at(e, 24), mask, "entry {i} mask");
    }
}

/// What Linux's `einj_check_table()` accepts (`header_length` 12 or 48).
fn linux_accepts(t: &[u8]) -> bool {
    let header_length = u32_at(t, 36);
    let length = u32_at(t, 4);
    (header_length == 12 || header_length == 48)
        && length >= 48
        && u32_at(t, 44) == (length - 48) / 32
}

/// Linux's `einj_get_parameter_address()`: the register address of the last
/// SET_ERROR_TYPE (v4) and SET_ERROR_TYPE_WITH_ADDRESS (v5) entries with WRITE_REGISTER in
/// system memory.
fn linux_parameter_addresses(t: &[u8]) -> (u64, u64) {
    let (mut v4, mut v5) = (0, 0);
    for i in 0..u32_at(t, 44) as usize {
        let e = &t[48 + 32 * i..][..32];
        let (action, instruction, space) = (e[0], e[1], e[4]);
        if action == 2 && instruction == 2 && space == 0 {
            v4 = u64_at(e, 8);
        }
        if action == 8 && instruction == 2 && space == 0 {
            v5 = u64_at(e, 8);
        }
    }
    (v4, v5)
}

/// Every byte range `b` allocated besides the mailbox: each source's registers and block.
fn allocations(b: &Built) -> Vec<(u64, u64)> {
    let mut areas = vec![(0x7c41_0000, 16), (QEMU_BLOCK, 0x400)]; // QEMU's registers, block
    for p in &b.placed {
        areas.push((p.status, 8));
        if let Some(ack) = p.ack {
            areas.push((ack, 8));
        }
        areas.push((p.block, u64::from(p.ghes.error_block_length)));
    }
    areas
}

#[test]
fn the_einj_table_has_exact_bytes() {
    let b = with_einj(&THREE);
    let t = einj_table(&b);
    assert_table(t, &b.table, THREE_MAILBOX);
    assert!(linux_accepts(t));
    // The HEST's own OEM revision (QEMU's 1 + 1) and QEMU's IDs.
    assert_eq!(&t[10..24], b"BOCHS BXPC    ");
    assert_eq!(u32_at(t, 24), 2);
    assert_eq!(&t[28..32], b"BXPC");
    // The checksum byte is what makes the sum 0, nothing else.
    let mut zeroed = t.to_vec();
    zeroed[9] = 0;
    let sum = zeroed.iter().fold(0u8, |s, b| s.wrapping_add(*b));
    assert_eq!(t[9], 0u8.wrapping_sub(sum));
}

#[test]
fn linux_finds_the_parameters_at_mailbox_0x40_and_every_register_in_the_page() {
    let b = with_einj(&THREE);
    let t = einj_table(&b);
    let mb = mailbox(&b);
    assert_eq!(
        linux_parameter_addresses(t),
        (THREE_MAILBOX + 0x08, THREE_MAILBOX + 0x40)
    );
    // struct set_error_type_with_address (36 bytes) lies before the trigger table (16
    // bytes at +0x100, in the page); every register is system memory, 8 bytes, below it.
    let (_, v5) = linux_parameter_addresses(t);
    assert!(v5 + 36 <= mb + 0x100);
    for i in 0..10 {
        let e = &t[48 + 32 * i..][..32];
        assert_eq!(e[4], 0, "entry {i}: system memory");
        let address = u64_at(e, 8);
        assert!(address >= mb && address + 8 <= mb + 0x100, "entry {i}");
        assert_eq!(address % 8, 0, "entry {i}: naturally aligned");
    }
}

#[test]
fn the_mailbox_is_the_first_free_page_after_everything_else() {
    let cases: [(&[&str], u64); 5] = [
        // Nothing new: QEMU's block ends at 0x7c410410.
        (&[], 0x7c41_1000),
        (&THREE, THREE_MAILBOX),
        // GHES v1 sources and odd block lengths: the last block (sea, 65 bytes at
        // 0x7c4144c0) ends at 0x7c414501, the one after it at 0x7c415540 + 2048.
        (
            &[
                "polled",
                "external:gsi=40",
                "gsiv:gsi=41,v1",
                "gpio:prealloc=4,sections=2",
                "sci:block=20",
                "sea:v1,block=65",
                "sei",
                "sdei:event=0x20,block=0x800",
            ],
            0x7c41_6000,
        ),
        // A block ending exactly on a page boundary: no page is skipped.
        (&["sea:block=0xebc0"], 0x7c41_f000),
        // Fourteen 4096-byte blocks: the mailbox is the region's last page.
        (&["sea"; 14], 0x7c41_f000),
    ];
    for (list, want) in cases {
        let b = with_einj(list);
        let mb = mailbox(&b);
        assert_eq!(mb, want, "{list:?}");
        assert_eq!(mb % 4096, 0, "{list:?}: page-aligned");
        assert!(
            mb >= REGION && mb + 4096 <= REGION_END,
            "{list:?}: inside the region"
        );
        assert_eq!(b.region_base, REGION);
        let areas = allocations(&b);
        let end = areas.iter().map(|&(s, l)| s + l).max().unwrap();
        assert!(end >= QEMU_END);
        assert!(mb >= end, "{list:?}: after every register and block");
        assert_eq!(
            mb,
            end.next_multiple_of(4096),
            "{list:?}: the first free page"
        );
        for (s, l) in areas {
            assert!(
                s + l <= mb || s >= mb + 4096,
                "{list:?}: {s:#x}+{l} overlaps"
            );
        }
        assert_table(einj_table(&b), &b.table, mb);
    }
}

#[test]
fn the_layout_ends_with_the_mailbox_line() {
    let b = with_einj(&THREE);
    assert_eq!(
        b.layout(),
        format!("{THREE_LAYOUT}einj mailbox=0x7c415000 length=4096\n")
    );
    assert_eq!(
        with_einj(&[]).layout(),
        "einj mailbox=0x7c411000 length=4096\n"
    );
}

#[test]
fn without_einj_nothing_changes() {
    let fourteen = vec!["sea"; 14];
    for list in [&THREE[..], &[], &fourteen] {
        let plain = without_einj(list);
        assert_eq!(plain.einj, None);
        assert!(!plain.layout().contains("einj"));
        // With --einj: the same HEST and placements; only the extra line.
        let b = with_einj(list);
        assert_eq!(b.table, plain.table);
        assert_eq!(b.placed, plain.placed);
        let layout = b.layout();
        let (sources, last) = layout.trim_end().rsplit_once('\n').unwrap_or(("", &layout));
        assert!(last.starts_with("einj mailbox="));
        assert_eq!(
            format!("{sources}\n").trim_start(),
            plain.layout().trim_start()
        );
    }
    assert_eq!(without_einj(&THREE).layout(), THREE_LAYOUT);
}

#[test]
fn malformations_leave_the_einj_table_and_its_line_alone() {
    let clean = with_einj(&THREE);
    let mut bad = clean.clone();
    malform(
        &mut bad,
        &[
            Malformation::parse("overlap:2").unwrap(),
            Malformation::parse("truncate").unwrap(),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(bad.table, clean.table);
    assert_eq!(bad.einj, clean.einj);
    assert_eq!(
        bad.layout().lines().last(),
        Some("einj mailbox=0x7c415000 length=4096")
    );
    // The OEM fields still match the (malformed) HEST's, which keeps them.
    assert_eq!(&einj_table(&bad)[10..36], &bad.table[10..36]);
}

#[test]
fn a_mailbox_that_does_not_fit_is_refused_with_the_shortfall() {
    // Fifteen blocks of 4096 fit without the mailbox (they end at 0x7c41f500); the page
    // would be 0x7c420000-0x7c420fff, past the region.
    let fifteen = vec!["sea"; 15];
    assert_eq!(
        without_einj(&fifteen).placed.len(),
        15,
        "fits without --einj"
    );
    assert_eq!(
        einj_err(&fifteen),
        "the 15 new source(s) and the EINJ mailbox need 68592 bytes from 0x7c410410 \
         (registers, blocks, the 4096-byte mailbox page and alignment) but only 64496 are \
         left in the 64 KiB region 0x7c410000-0x7c41ffff: 4096 bytes short; use fewer \
         sources or smaller blocks"
    );
    // One byte more than a block ending on the last page's start pushes the page out.
    assert_eq!(mailbox(&with_einj(&["sea:block=60352"])), 0x7c41_f000);
    assert_eq!(
        einj_err(&["sea:block=60353"]),
        "the 1 new source(s) and the EINJ mailbox need 68592 bytes from 0x7c410410 \
         (registers, blocks, the 4096-byte mailbox page and alignment) but only 64496 are \
         left in the 64 KiB region 0x7c410000-0x7c41ffff: 4096 bytes short; use fewer \
         sources or smaller blocks"
    );
}

fn p(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

fn cli_args(qemu: &Path, dir: &Path, sources: &[&str], einj: Option<&PathBuf>) -> Vec<String> {
    let mut args: Vec<String> = [
        "hest",
        "--qemu-hest",
        &p(qemu),
        "--qemu-block",
        "0x7c410010",
    ]
    .map(String::from)
    .to_vec();
    for s in sources {
        args.extend(["--source".to_string(), s.to_string()]);
    }
    args.extend([
        "-o".into(),
        p(&dir.join("lab.hest")),
        "--layout".into(),
        p(&dir.join("layout")),
    ]);
    if let Some(e) = einj {
        args.extend(["--einj".into(), p(e)]);
    }
    args
}

fn run(args: &[String]) -> (i32, String, String) {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    ghes_inject(&refs)
}

#[test]
fn cli_writes_the_einj_table_and_the_mailbox_line() {
    let dir = scratch("hest_einj_cli_ok");
    let qemu = dir.join("qemu.hest");
    std::fs::write(&qemu, qemu_hest()).unwrap();
    let einj = dir.join("einj.aml");
    let (code, stdout, stderr) = run(&cli_args(&qemu, &dir, &THREE, Some(&einj)));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        format!(
            "{}: HEST of 408 bytes, 4 error source(s) (1 from QEMU, 3 new), OEM revision 2; \
             layout of the new sources in {}; {}: EINJ of 368 bytes, 10 entries, mailbox \
             0x7c415000 (4096 bytes)\n",
            p(&dir.join("lab.hest")),
            p(&dir.join("layout")),
            p(&einj)
        )
    );
    let hest = std::fs::read(dir.join("lab.hest")).unwrap();
    let t = std::fs::read(&einj).unwrap();
    assert_table(&t, &hest, THREE_MAILBOX);
    assert_eq!(hest, without_einj(&THREE).table);
    assert_eq!(
        std::fs::read_to_string(dir.join("layout")).unwrap(),
        format!("{THREE_LAYOUT}einj mailbox=0x7c415000 length=4096\n")
    );

    // Without --einj: the same HEST, the layout of before, no EINJ file.
    let plain = scratch("hest_einj_cli_plain");
    let (code, stdout, _) = run(&cli_args(&qemu, &plain, &THREE, None));
    assert_eq!(code, 0);
    assert!(!stdout.contains("EINJ"));
    assert_eq!(std::fs::read(plain.join("lab.hest")).unwrap(), hest);
    assert_eq!(
        std::fs::read_to_string(plain.join("layout")).unwrap(),
        THREE_LAYOUT
    );
    assert_eq!(std::fs::read_dir(&plain).unwrap().count(), 2);

    // The helps name the option and what the firmware must set up.
    let (code, stdout, _) = ghes_inject(&["hest", "--help"]);
    assert_eq!(code, 0);
    for want in [
        "--einj <EINJ_OUT>",
        "einj mailbox=0xADDR length=4096",
        "the available error types at +0x10, a trigger table at\n  +0x100",
        "busy (+0x20) 0",
    ] {
        assert!(stdout.contains(want), "hest --help lacks {want:?}");
    }
}

#[test]
fn cli_no_room_and_usage_errors_write_nothing() {
    let dir = scratch("hest_einj_cli_fail");
    let qemu = dir.join("qemu.hest");
    std::fs::write(&qemu, qemu_hest()).unwrap();
    let einj = dir.join("einj.aml");
    let (code, stdout, stderr) = run(&cli_args(&qemu, &dir, &["sea"; 15], Some(&einj)));
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr,
        "ghes-inject: hest: the 15 new source(s) and the EINJ mailbox need 68592 bytes from \
         0x7c410410 (registers, blocks, the 4096-byte mailbox page and alignment) but only \
         64496 are left in the 64 KiB region 0x7c410000-0x7c41ffff: 4096 bytes short; use \
         fewer sources or smaller blocks\n"
    );
    let written = |d: &Path| std::fs::read_dir(d).unwrap().count();
    assert_eq!(written(&dir), 1, "only qemu.hest");

    let mut twice = cli_args(&qemu, &dir, &["sea"], Some(&einj));
    twice.extend(["--einj".into(), p(&einj)]);
    let (code, _, stderr) = run(&twice);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: the argument '--einj <EINJ_OUT>' cannot be used multiple times"),
        "{stderr}"
    );
    let mut no_value = cli_args(&qemu, &dir, &["sea"], None);
    no_value.push("--einj".into());
    let (code, _, stderr) = run(&no_value);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: a value is required for '--einj <EINJ_OUT>' but none was supplied"
        ),
        "{stderr}"
    );
    assert_eq!(written(&dir), 1, "only qemu.hest");
}
