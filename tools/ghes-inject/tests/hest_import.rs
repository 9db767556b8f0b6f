// SPDX-License-Identifier: GPL-2.0
//! Tests of `ghes-inject hest --import`: every vendor table of ../shared/peer-data/hest/
//! (when that directory is beside the repository, as in CI) and hand-made hostile ones are
//! relocated into QEMU's region with everything else kept.

mod common;
#[allow(dead_code)]
#[path = "../src/hest_import.rs"]
mod hest_import;

use std::path::PathBuf;

use common::{fix_checksum, ghes_inject, ghesv2, qemu_hest, scratch, table, QEMU_BLOCK};
use hest::Hest;
use hest_import::import;

/// The region QEMU 10.0's table (common::qemu_hest) uses: 0x7c410000..0x7c420000.
const BASE: u64 = 0x7c41_0000;

fn peer_tables() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peer-data/hest");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "no {} beside the repository: peer tables skipped",
            dir.display()
        );
        return Vec::new();
    };
    let mut v: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "hest"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    v.sort();
    v
}

/// Every byte but the moved addresses and the identity is the vendor's.
fn check_kept(name: &str, vendor: &[u8], out: &[u8], moved: &[usize]) {
    let vendor = &vendor[..out.len()];
    assert_eq!(Hest::parse(out).unwrap().bytes().len(), out.len(), "{name}");
    assert_eq!(hest::checksum(out), 0, "{name}: checksum");
    let q = qemu_hest();
    assert_eq!(
        out[10..24],
        q[10..24],
        "{name}: OEM id and table id are QEMU's"
    );
    let rev = |t: &[u8]| u32::from_le_bytes(t[24..28].try_into().unwrap());
    assert_eq!(rev(out), rev(&q) + 1, "{name}: OEM revision");
    for (i, (a, b)) in vendor.iter().zip(out).enumerate() {
        let header = i == 9 || (10..28).contains(&i);
        let address = moved.iter().any(|&o| (o..o + 8).contains(&i));
        if !header && !address {
            assert_eq!(a, b, "{name}: byte {i} changed");
        }
    }
}

#[test]
fn peer_tables_keep_everything_but_addresses_and_identity() {
    for (name, vendor) in peer_tables() {
        let got =
            import(&vendor, &qemu_hest(), &[QEMU_BLOCK]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut fields = Vec::new();
        let hest = Hest::parse(&got.table).unwrap();
        for s in hest.sources().map_while(Result::ok) {
            let Some(g) = s.ghes() else { continue };
            let moved = got.moved.iter().find(|m| m.offset == s.offset());
            match moved {
                Some(m) => {
                    fields.push(s.offset() + 24);
                    assert_eq!(g.error_status_address.address, m.status);
                    assert!((BASE..BASE + 0x1_0000).contains(&m.status), "{name}");
                    assert!(m.block + u64::from(m.length) <= BASE + 0x1_0000, "{name}");
                    if let Some(a) = g.ack {
                        fields.push(s.offset() + 68);
                        assert_eq!(a.register.address, m.ack);
                        assert_eq!((a.preserve, a.write), (m.preserve, m.write));
                    }
                }
                None => assert!(
                    g.error_status_address.address == 0
                        || !g.error_status_address.is_system_memory(),
                    "{name}: a movable source was not moved"
                ),
            }
        }
        check_kept(&name, &vendor, &got.table, &fields);
        // No moved register or block overlaps another, or QEMU's (below 0x7c410410).
        let mut areas: Vec<(u64, u64)> = Vec::new();
        for m in &got.moved {
            for a in [(m.status, 8), (m.ack, 8), (m.block, u64::from(m.length))] {
                if a.0 != 0 && !areas.contains(&a) {
                    areas.push(a);
                }
            }
        }
        areas.sort();
        assert!(
            areas.first().is_none_or(|a| a.0 >= 0x7c41_0410),
            "{name}: {areas:x?}"
        );
        for w in areas.windows(2) {
            assert!(w[0].0 + w[0].1 <= w[1].0, "{name}: {w:x?} overlap");
        }
    }
}

#[test]
fn shared_registers_stay_shared_and_masks_are_kept() {
    // Three sources: 1 and 2 share a mailbox read-ack register (preserve 0, their own
    // write values); 3 shares source 2's status register.
    let mut a = ghesv2(1, 3, 0x8820_0000, 0x1000_0054_3010, 4096);
    let mut b = ghesv2(2, 0, 0x8820_0008, 0x1000_0054_3010, 4096);
    let c = ghesv2(3, 0, 0x8820_0008, 0x9000, 2048);
    for (s, write) in [(&mut a, 0xb1d0_0000u64), (&mut b, 0xb1c0_0000)] {
        s[76..84].copy_from_slice(&0u64.to_le_bytes());
        s[84..92].copy_from_slice(&write.to_le_bytes());
    }
    let vendor = table(7, &[a, b, c]);
    let got = import(&vendor, &qemu_hest(), &[QEMU_BLOCK]).unwrap();
    let [m1, m2, m3] = &got.moved[..] else {
        panic!("{:?}", got.moved)
    };
    assert_eq!(m1.ack, m2.ack);
    assert_ne!(m1.ack, m3.ack);
    assert_eq!(m2.status, m3.status);
    assert_eq!(m2.block, m3.block);
    assert_eq!(m2.length, 4096, "the largest length of the sharers");
    assert_eq!((m1.preserve, m1.write), (0, 0xb1d0_0000));
    assert_eq!(
        m2.layout_line(),
        format!(
            "source 2 polled status={:#x} ack={:#x} block={:#x} length=4096 extra=0 \
             malformed=none preserve=0x0 write=0xb1c00000",
            m2.status, m2.ack, m2.block
        )
    );
}

#[test]
fn hostile_tables_are_imported_or_refused_without_a_panic() {
    let good = table(7, &[ghesv2(1, 3, 0x8820_0000, 0x9000, 4096)]);
    // A huge block length: the block gets 64 KiB, which does not fit beside QEMU's.
    let mut huge = good.clone();
    huge[40 + 60..40 + 64].copy_from_slice(&0x0100_0000u32.to_le_bytes());
    fix_checksum(&mut huge);
    let e = import(&huge, &qemu_hest(), &[QEMU_BLOCK])
        .unwrap_err()
        .to_string();
    assert!(e.contains("need"), "{e}");
    // Count 9 for one subtable; bytes past the Length; a cut subtable.
    let mut count = good.clone();
    count[36] = 9;
    fix_checksum(&mut count);
    let got = import(&count, &qemu_hest(), &[QEMU_BLOCK]).unwrap();
    assert_eq!(got.table[36], 9, "the count is kept");
    assert!(
        got.report[0].contains("Error Source Count 9 kept"),
        "{:?}",
        got.report
    );
    let mut longer = good.clone();
    longer.extend_from_slice(&[0xab; 7]);
    assert_eq!(
        import(&longer, &qemu_hest(), &[QEMU_BLOCK])
            .unwrap()
            .table
            .len(),
        good.len()
    );
    let mut cut = good.clone();
    cut.truncate(good.len() - 12);
    let n = cut.len() as u32;
    cut[4..8].copy_from_slice(&n.to_le_bytes());
    fix_checksum(&mut cut);
    let got = import(&cut, &qemu_hest(), &[QEMU_BLOCK]).unwrap();
    assert!(got.moved.is_empty());
    assert_eq!(got.table.len(), cut.len());
    // Every prefix and every single-byte corruption of a peer table: no panic.
    for (_, vendor) in peer_tables().into_iter().take(3) {
        for len in 0..vendor.len() {
            let _ = import(&vendor[..len], &qemu_hest(), &[QEMU_BLOCK]);
        }
        for i in 0..vendor.len() {
            let mut v = vendor.clone();
            v[i] ^= 0xff;
            let _ = import(&v, &qemu_hest(), &[QEMU_BLOCK]);
        }
    }
}

#[test]
fn cli_writes_table_layout_and_says_what_it_did() {
    let dir = scratch("hest-import-cli");
    let vendor = dir.join("vendor.hest");
    std::fs::write(
        &vendor,
        table(7, &[ghesv2(4, 10, 0x3f5f_0020, 0x3f5f_0018, 4096)]),
    )
    .unwrap();
    let qemu = dir.join("qemu.hest");
    std::fs::write(&qemu, qemu_hest()).unwrap();
    let (out, layout) = (dir.join("out.hest"), dir.join("layout"));
    let p = |p: &PathBuf| p.to_str().unwrap().to_string();
    let (code, stdout, stderr) = ghes_inject(&[
        "hest",
        "--import",
        &p(&vendor),
        "--qemu-hest",
        &p(&qemu),
        "--qemu-block",
        "0x7c410010",
        "-o",
        &p(&out),
        "--layout",
        &p(&layout),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("GHESv2 source 4 (GSIV, enabled): status register 0x3f5f0020 -> "),
        "{stdout}"
    );
    let layout = std::fs::read_to_string(&layout).unwrap();
    assert!(
        layout.starts_with("source 4 gsiv status=0x7c41"),
        "{layout}"
    );
    assert!(
        layout.ends_with("preserve=0xfffffffffffffffe write=0x1\n"),
        "{layout}"
    );
    let (code, _, stderr) = ghes_inject(&["hest", "--import", &p(&vendor), "--source", "sea"]);
    assert_eq!(code, 2, "a usage error");
    assert!(
        stderr.contains(
            "the argument '--import <VENDOR_HEST>' cannot be used with '--source <SPEC>'"
        ),
        "{stderr}"
    );
    let (code, stdout, _) = ghes_inject(&["hest", "--import", "x", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("(register & ~preserve) == write"));
}
