// SPDX-License-Identifier: GPL-2.0
//! Tests of `ghes-inject hest`: QEMU 10.0's one-source HEST (built byte by byte in common/) plus
//! new sources placed in its 64 KiB NVS region; the command line itself is run once for a
//! success and once for each kind of failure.

mod common;
#[allow(dead_code)]
#[path = "../src/hest_cmd.rs"]
mod hest_cmd;

use std::path::PathBuf;

use common::{fix_checksum, ghes_inject, ghesv2, qemu_hest, scratch, table, QEMU_BLOCK};
use hest::{Gas, Ghes, Hest, Notify, NotifyKind, ReadAck};
use hest_cmd::{build, Built, HestCmdError, Kind, SourceSpec};

fn specs(list: &[&str]) -> Vec<SourceSpec> {
    list.iter()
        .map(|s| SourceSpec::parse(s).unwrap_or_else(|e| panic!("{s}: {e}")))
        .collect()
}

fn build_ok(list: &[&str]) -> Built {
    build(&qemu_hest(), &[QEMU_BLOCK], &specs(list)).unwrap_or_else(|e| panic!("{e}"))
}

fn build_err(list: &[&str]) -> String {
    match build(&qemu_hest(), &[QEMU_BLOCK], &specs(list)) {
        Ok(b) => panic!("built {} bytes, expected a failure", b.table.len()),
        Err(e) => e.to_string(),
    }
}

/// The GHESv2 the tool must write for a new source.
fn expected_v2(id: u16, notify: Notify, status: u64, block_len: u32) -> Ghes {
    Ghes {
        source_id: id,
        related_source_id: 0xffff,
        flags: 0,
        enabled: true,
        records_to_preallocate: 1,
        max_sections_per_record: 1,
        max_raw_data_length: block_len,
        error_status_address: Gas {
            space_id: 0,
            bit_width: 64,
            bit_offset: 0,
            access_width: 4,
            address: status,
        },
        notify,
        error_block_length: block_len,
        ack: Some(ReadAck {
            register: Gas {
                space_id: 0,
                bit_width: 64,
                bit_offset: 0,
                access_width: 4,
                address: status + 8,
            },
            preserve: 0xffff_ffff_ffff_fffe,
            write: 1,
        }),
    }
}

fn notify(kind: NotifyKind, poll_interval: u32, vector: u32) -> Notify {
    Notify {
        poll_interval,
        vector,
        ..Notify::new(kind)
    }
}

const THREE_LAYOUT: &str = "\
source 1 polled status=0x7c410410 ack=0x7c410418 block=0x7c410440 length=4096 extra=50 malformed=none
source 2 gsiv status=0x7c410420 ack=0x7c410428 block=0x7c411440 length=4096 extra=200 malformed=none
source 3 sea status=0x7c410430 ack=0x7c410438 block=0x7c412440 length=8192 extra=0 malformed=none
";

#[test]
fn three_new_sources_have_exact_fields_after_qemus() {
    let b = build_ok(&["polled:interval=50", "gsiv:gsi=200", "sea:block=8192"]);
    assert_eq!(b.region_base, 0x7c41_0000);
    assert_eq!(b.layout(), THREE_LAYOUT);
    let hest = Hest::parse(&b.table).unwrap();
    let sources: Vec<_> = hest.sources().map(Result::unwrap).collect();
    assert_eq!(sources.len(), 4);
    assert_eq!(sources[0].bytes(), &qemu_hest()[40..]);
    let got: Vec<Ghes> = sources[1..].iter().map(|s| *s.ghes().unwrap()).collect();
    assert_eq!(
        got,
        [
            expected_v2(1, notify(NotifyKind::Polled, 50, 0), 0x7c41_0410, 4096),
            expected_v2(2, notify(NotifyKind::Gsiv, 0, 200), 0x7c41_0420, 4096),
            expected_v2(3, notify(NotifyKind::Sea, 0, 0), 0x7c41_0430, 8192),
        ]
    );
}

#[test]
fn every_kind_round_trips_and_validates() {
    let b = build_ok(&[
        "polled",
        "external:gsi=40",
        "gsiv:gsi=41,v1",
        "gpio:prealloc=4,sections=2",
        "sci:block=20",
        "sea:v1,block=65",
        "sei",
        "sdei:event=0x20,block=0x800",
    ]);
    let hest = Hest::parse(&b.table).unwrap();
    assert!(hest.checksum_ok());
    assert_eq!(hest.error_source_count(), 9);
    assert_eq!(hest.length() as usize, b.table.len());
    assert_eq!(b.table.len(), 132 + 6 * 92 + 2 * 64);
    let sources: Vec<_> = hest.sources().collect::<Result<_, _>>().unwrap();
    assert_eq!(sources.len(), 9);
    let kinds: Vec<_> = sources[1..]
        .iter()
        .map(|s| {
            let g = s.ghes().unwrap();
            let valid = g.validate().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(valid.warning, None);
            assert_eq!(valid.block_length, g.error_block_length);
            (s.source_id(), g.notify.kind, g.is_v2())
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (1, NotifyKind::Polled, true),
            (2, NotifyKind::External, true),
            (3, NotifyKind::Gsiv, false),
            (4, NotifyKind::Gpio, true),
            (5, NotifyKind::Sci, true),
            (6, NotifyKind::Sea, false),
            (7, NotifyKind::Sei, true),
            (8, NotifyKind::SoftwareDelegated, true),
        ]
    );
    let gpio = sources[4].ghes().unwrap();
    assert_eq!(
        (gpio.records_to_preallocate, gpio.max_sections_per_record),
        (4, 2)
    );
    assert_eq!(sources[1].ghes().unwrap().notify.poll_interval, 100);
    assert_eq!(sources[8].ghes().unwrap().notify.vector, 0x20);
    // v1 sources take one register, blocks are 64-aligned whatever the lengths before.
    assert_eq!(
        b.layout(),
        "\
source 1 polled status=0x7c410410 ack=0x7c410418 block=0x7c410480 length=4096 extra=100 malformed=none
source 2 external status=0x7c410420 ack=0x7c410428 block=0x7c411480 length=4096 extra=40 malformed=none
source 3 gsiv status=0x7c410430 ack=0x0 block=0x7c412480 length=4096 extra=41 malformed=none
source 4 gpio status=0x7c410438 ack=0x7c410440 block=0x7c413480 length=4096 extra=0 malformed=none
source 5 sci status=0x7c410448 ack=0x7c410450 block=0x7c414480 length=20 extra=0 malformed=none
source 6 sea status=0x7c410458 ack=0x0 block=0x7c4144c0 length=65 extra=0 malformed=none
source 7 sei status=0x7c410460 ack=0x7c410468 block=0x7c414540 length=4096 extra=0 malformed=none
source 8 sdei status=0x7c410470 ack=0x7c410478 block=0x7c415540 length=2048 extra=32 malformed=none
"
    );
}

#[test]
fn twenty_blocks_of_4096_do_not_fit_and_the_shortfall_is_named() {
    let many = vec!["sea"; 20];
    assert_eq!(
        build_err(&many),
        "the 20 new source(s) need 82288 bytes from 0x7c410410 (registers, blocks and \
         alignment) but only 64496 are left in the 64 KiB region 0x7c410000-0x7c41ffff: \
         17792 bytes short; use fewer sources or smaller blocks"
    );
    // 15 fit: 15 * 16 bytes of registers from 0x7c410410 end at 0x7c410500 (64-aligned),
    // then 15 * 4096 bytes of blocks end at 0x7c41f500.
    let b = build_ok(&vec!["sea"; 15]);
    assert_eq!(
        b.layout().lines().last(),
        Some("source 15 sea status=0x7c4104f0 ack=0x7c4104f8 block=0x7c41e500 length=4096 extra=0 malformed=none")
    );
}

#[test]
fn a_block_may_end_exactly_at_the_region_end_but_not_one_byte_past() {
    // One GHESv2: registers at 0x7c410410 and 0x7c410418, block at 0x7c410440; the region
    // ends at 0x7c420000, 0xfbc0 = 64448 bytes later.
    let b = build_ok(&["sea:block=64448"]);
    assert_eq!(
        b.layout(),
        "source 1 sea status=0x7c410410 ack=0x7c410418 block=0x7c410440 length=64448 extra=0 malformed=none\n"
    );
    assert_eq!(
        build_err(&["sea:block=64449"]),
        "the 1 new source(s) need 64497 bytes from 0x7c410410 (registers, blocks and \
         alignment) but only 64496 are left in the 64 KiB region 0x7c410000-0x7c41ffff: \
         1 bytes short; use fewer sources or smaller blocks"
    );
}

#[test]
fn duplicate_ids_are_refused_and_default_ids_skip_explicit_ones() {
    assert_eq!(
        build_err(&["sea:id=1", "polled:id=1"]),
        "source id 1 is used twice: by --source #1 (sea) and by --source #2 (polled)"
    );
    assert_eq!(
        build_err(&["sei", "sea:id=0"]),
        "source id 0 is used twice: by QEMU's source 0 and by --source #2 (sea)"
    );
    let b = build_ok(&["sea", "sei:id=1", "polled:id=7", "sci"]);
    let ids: Vec<u16> = b.placed.iter().map(|p| p.id()).collect();
    assert_eq!(ids, [2, 1, 7, 3]);
    let e = build(
        &qemu_hest(),
        &[QEMU_BLOCK],
        &specs(&["sea:id=65534", "sei"]),
    );
    assert_eq!(
        e.map(|b| b.placed.iter().map(|p| p.id()).collect::<Vec<_>>()),
        Ok(vec![65534, 1])
    );
}

#[test]
fn qemu_10_2_style_two_sources_are_kept_and_new_ones_follow_the_highest_byte() {
    // Registers first (two status, two read-ack), then the two blocks, as QEMU lays them out.
    let qemu = table(
        3,
        &[
            ghesv2(0, 8, 0x7c41_0000, 0x7c41_0010, 0x400),
            ghesv2(1, 7, 0x7c41_0008, 0x7c41_0018, 0x400),
        ],
    );
    let b = build(
        &qemu,
        &[0x7c41_0020, 0x7c41_0420],
        &specs(&["sdei:event=5"]),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.qemu_sources, 2);
    assert_eq!(&b.table[40..qemu.len()], &qemu[40..]);
    assert_eq!(&b.table[24..28], &4u32.to_le_bytes()); // OEM revision 3 + 1
    assert_eq!(
        b.layout(),
        "source 2 sdei status=0x7c410820 ack=0x7c410828 block=0x7c410840 length=4096 extra=5 malformed=none\n"
    );
    assert_eq!(
        build(&qemu, &[0x7c41_0020], &[]).unwrap_err(),
        HestCmdError::BlockCount { ghes: 2, given: 1 }
    );
}

#[test]
fn qemu_registers_and_blocks_outside_the_region_are_refused() {
    let e = build(&qemu_hest(), &[0x7c42_0010], &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "QEMU's source 0 error status block (1024 bytes at 0x7c420010) is not inside the \
         64 KiB region 0x7c410000-0x7c41ffff that holds QEMU's first error status address \
         register"
    );
    // A block that starts inside but runs past the end.
    let e = build(&qemu_hest(), &[0x7c41_fe00], &[]).unwrap_err();
    assert!(matches!(
        e,
        HestCmdError::OutsideRegion {
            start: 0x7c41_fe00,
            len: 1024,
            ..
        }
    ));
    // A read-ack register in another 64 KiB window than the status register.
    let qemu = table(1, &[ghesv2(0, 8, 0x7c41_0000, 0x7c43_0008, 0x400)]);
    let e = build(&qemu, &[QEMU_BLOCK], &[]).unwrap_err();
    assert_eq!(
        e,
        HestCmdError::OutsideRegion {
            what: "QEMU's source 0 read-ack register".into(),
            start: 0x7c43_0008,
            len: 8,
            base: 0x7c41_0000,
        }
    );
}

#[test]
fn damaged_qemu_tables_are_refused() {
    let mut bad_sum = qemu_hest();
    bad_sum[100] ^= 1;
    let mut longer = qemu_hest();
    longer.push(0);
    let max_rev = table(u32::MAX, &[ghesv2(0, 8, 0x7c41_0000, 0x7c41_0008, 0x400)]);
    let no_source = table(1, &[]);
    let cases: [(&[u8], &str); 5] = [
        (
            &bad_sum,
            "QEMU's HEST: checksum does not add up: not a faithful dump",
        ),
        (
            &qemu_hest()[..131],
            "QEMU's HEST: length field (offset 4) is 132 but only 131 byte(s) are present",
        ),
        (
            &longer,
            "QEMU's HEST: the file is 133 bytes but the header's length is 132: not a whole \
             table",
        ),
        (
            &max_rev,
            "QEMU's HEST has OEM revision 0xffffffff: no higher revision can replace it",
        ),
        (
            &no_source,
            "QEMU's HEST: no GHES error source: nothing to place new sources beside",
        ),
    ];
    for (bytes, want) in cases {
        let got = build(bytes, &[QEMU_BLOCK], &specs(&["sea"])).map(|b| b.table.len());
        assert_eq!(got.map_err(|e| e.to_string()), Err(want.to_string()));
    }
    // The error source count is checked too.
    let mut two = qemu_hest();
    two[36] = 2;
    fix_checksum(&mut two);
    assert_eq!(
        build(&two, &[QEMU_BLOCK], &[]).unwrap_err().to_string(),
        "QEMU's HEST: header declares 2 error source(s) but the table holds 1: not a table \
         QEMU built; refused (a vendor table is imported with --import)"
    );
    // The command line says the same (it said "all 1 are kept" while refusing).
    let dir = scratch("hest-count-mismatch");
    let path = dir.join("two.hest");
    std::fs::write(&path, &two).unwrap();
    let p = path.to_str().unwrap();
    let (code, _, stderr) = ghes_inject(&[
        "hest",
        "--qemu-hest",
        p,
        "--qemu-block",
        "0x7c410010",
        "-o",
        p,
        "--layout",
        p,
    ]);
    assert_eq!(code, 1);
    assert!(!stderr.contains("kept"), "{stderr}");
    assert!(stderr.contains("; refused"), "{stderr}");
}

#[test]
fn bad_source_specs_are_refused_with_the_reason() {
    let cases = [
        ("nmi", "--source nmi: unknown kind 'nmi' (one of: polled, external, gsiv, gpio, sci, sea, sei, sdei)"),
        ("sea:colour=red", "--source sea:colour=red: unknown key 'colour' (id, block, interval, gsi, event, v1, prealloc, sections)"),
        ("gsiv:interval=5,gsi=1", "--source gsiv:interval=5,gsi=1: interval= applies to polled sources only"),
        ("sea:gsi=3", "--source sea:gsi=3: gsi= applies to external and gsiv sources only"),
        ("gsiv:event=3", "--source gsiv:event=3: event= applies to sdei sources only"),
        ("external", "--source external: external sources need gsi=N"),
        ("sdei:block=64", "--source sdei:block=64: sdei sources need event=N"),
        ("sea:block=19", "--source sea:block=19: block=19 is outside 20..=65536 bytes"),
        ("sea:block=65537", "--source sea:block=65537: block=65537 is outside 20..=65536 bytes"),
        ("polled:interval=0", "--source polled:interval=0: interval=0 would never poll; give 1 ms or more"),
        ("sea:id=0xffff", "--source sea:id=0xffff: id=65535 (0xffff) means \"no source\""),
        ("sea:id=70000", "--source sea:id=70000: id=70000 is above 65535"),
        ("sea:v1=1", "--source sea:v1=1: v1 takes no value"),
        ("sea:block", "--source sea:block: block needs a value (block=N)"),
        ("sea:block=4k", "--source sea:block=4k: block: '4k' is not a number"),
        ("sea:v1,v1", "--source sea:v1,v1: v1 given twice"),
        ("sea:", "--source sea:: empty option ''"),
    ];
    for (spec, want) in cases {
        let got = SourceSpec::parse(spec).map_err(|e| e.to_string());
        assert_eq!(
            got,
            Err(format!("{want} (see ghes-inject hest --help)")),
            "{spec}"
        );
    }
    let s = SourceSpec::parse("polled:id=9,block=0x2000,interval=250,v1,prealloc=3,sections=4")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        s,
        SourceSpec {
            kind: Kind::Polled,
            id: Some(9),
            block: 0x2000,
            interval: 250,
            vector: None,
            v1: true,
            prealloc: 3,
            sections: 4,
        }
    );
}

#[test]
fn cli_writes_the_table_and_the_layout_file() {
    let dir = scratch("hest_cli_ok");
    let qemu = dir.join("qemu.hest");
    std::fs::write(&qemu, qemu_hest()).unwrap();
    let (out, layout) = (dir.join("lab.hest"), dir.join("layout"));
    let p = |p: &PathBuf| p.to_str().unwrap().to_string();
    let (code, stdout, stderr) = ghes_inject(&[
        "hest",
        "--qemu-hest",
        &p(&qemu),
        "--qemu-block",
        "0x7c410010",
        "--source",
        "polled:interval=50",
        "--source",
        "gsiv:gsi=200",
        "--source",
        "sea:block=8192",
        "-o",
        &p(&out),
        "--layout",
        &p(&layout),
    ]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        format!(
            "{}: HEST of 408 bytes, 4 error source(s) (1 from QEMU, 3 new), OEM revision 2; \
             layout of the new sources in {}\n",
            p(&out),
            p(&layout)
        )
    );
    assert_eq!(std::fs::read_to_string(&layout).unwrap(), THREE_LAYOUT);
    let t = std::fs::read(&out).unwrap();
    let q = qemu_hest();
    assert_eq!(t.len(), 132 + 3 * 92);
    assert_eq!(&t[0..4], b"HEST");
    assert_eq!(&t[4..8], &408u32.to_le_bytes());
    assert_eq!(t[8], 1); // revision
    assert_eq!(&t[10..24], &q[10..24]); // OEM ID, OEM table ID
    assert_eq!(&t[24..28], &2u32.to_le_bytes()); // OEM revision
    assert_eq!(&t[28..36], &q[28..36]); // creator ID and revision
    assert_eq!(&t[36..40], &4u32.to_le_bytes()); // error source count
    assert_eq!(t.iter().fold(0u8, |s, b| s.wrapping_add(*b)), 0);
    assert_eq!(&t[40..132], &q[40..132]);
    for (i, (id, status)) in [(1u16, 0x7c41_0410u64), (2, 0x7c41_0420), (3, 0x7c41_0430)]
        .into_iter()
        .enumerate()
    {
        let s = &t[132 + i * 92..][..92];
        assert_eq!(&s[0..4], &[10, 0, id as u8, 0]); // GHESv2, source id
        assert_eq!(&s[24..32], &status.to_le_bytes());
        assert_eq!(&s[68..76], &(status + 8).to_le_bytes()); // read-ack register
    }
    // Running `hest --help` prints the SPEC reference; the main help names the command.
    let (code, stdout, _) = ghes_inject(&["hest", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("KIND: polled external gsiv gpio sci sea sei sdei"));
    assert!(stdout.contains(
        "Usage: ghes-inject hest [OPTIONS] --qemu-hest <FILE> --qemu-block <ADDR[,ADDR...]>"
    ));
    let (_, stdout, _) = ghes_inject(&["--help"]);
    assert!(stdout.contains("Build QEMU's HEST plus new GHES sources"));
}

#[test]
fn cli_failures_write_nothing_and_exit_1_or_2() {
    let dir = scratch("hest_cli_fail");
    let qemu = dir.join("qemu.hest");
    std::fs::write(&qemu, qemu_hest()).unwrap();
    let (out, layout) = (dir.join("lab.hest"), dir.join("layout"));
    let (q, o, l) = (
        qemu.to_str().unwrap(),
        out.to_str().unwrap(),
        layout.to_str().unwrap(),
    );
    let mut args = vec!["hest", "--qemu-hest", q, "--qemu-block", "0x7c410010"];
    for _ in 0..20 {
        args.extend(["--source", "sea"]);
    }
    args.extend(["-o", o, "--layout", l]);
    let (code, stdout, stderr) = ghes_inject(&args);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert_eq!(
        stderr,
        "ghes-inject: hest: the 20 new source(s) need 82288 bytes from 0x7c410410 (registers, \
         blocks and alignment) but only 64496 are left in the 64 KiB region \
         0x7c410000-0x7c41ffff: 17792 bytes short; use fewer sources or smaller blocks\n"
    );
    assert!(!out.exists() && !layout.exists());

    let (code, _, stderr) = ghes_inject(&["hest", "--qemu-hest", q, "-o", o, "--layout", l]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "the following required arguments were not provided:\n  --qemu-block <ADDR[,ADDR...]>"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = ghes_inject(&[
        "hest",
        "--qemu-hest",
        q,
        "--qemu-block",
        "0x7c410010",
        "--source",
        "gsiv",
        "-o",
        o,
        "--layout",
        l,
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: invalid value 'gsiv' for '--source <SPEC>': --source gsiv: gsiv sources \
             need gsi=N"
        ),
        "{stderr}"
    );
    assert!(!out.exists() && !layout.exists());
}
