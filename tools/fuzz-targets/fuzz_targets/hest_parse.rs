// SPDX-License-Identifier: GPL-2.0
//! Fuzzes the HEST parser (ACPI 6.5 section 18.3.2) with arbitrary bytes: nothing may
//! panic, the walk must stay inside the table with contiguous subtables, and every source
//! it yields must survive a rebuild with the builder and a second parse unchanged.
#![no_main]

use hest::{Hest, HestBuilder, Ia32ErrorBank, OemInfo, Subtable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let hest = match Hest::parse(data) {
        Ok(hest) => hest,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let length = hest.length() as usize;
    assert_eq!(hest.bytes().len(), length);
    assert!(length <= data.len());
    let _ = hest.checksum_ok();

    let mut next_offset = Hest::SUBTABLES_OFFSET;
    let mut parsed: Vec<(Subtable, Vec<Ia32ErrorBank>)> = Vec::new();
    let mut walk = hest.sources();
    for item in walk.by_ref() {
        match item {
            Ok(source) => {
                assert_eq!(source.offset(), next_offset, "subtables are contiguous");
                assert_eq!(source.index() as usize, parsed.len());
                next_offset += source.len();
                assert!(next_offset <= length, "a source past the end of the table");
                let banks: Vec<_> = source.banks().collect();
                assert_eq!(banks.len(), source.banks().len());
                assert_eq!(
                    source.len(),
                    source.kind().fixed_len() + banks.len() * Ia32ErrorBank::SIZE
                );
                let _ = (source.kind().to_string(), source.enabled());
                if let Some(ghes) = source.ghes() {
                    match ghes.validate() {
                        Ok(valid) => {
                            assert!(valid.block_length <= hest::Ghes::MAX_ERROR_BLOCK_LENGTH);
                            let _ = valid.warning.map(|w| w.to_string());
                        }
                        Err(e) => {
                            assert_eq!(e.source_id(), ghes.source_id);
                            let _ = e.to_string();
                        }
                    }
                    let _ = (ghes.notify.kind.to_string(), hest.is_ghes_assist(ghes));
                    if let Some(dup) = hest.duplicate_of(&source) {
                        assert!(dup.first_offset < dup.offset);
                        let _ = dup.to_string();
                    }
                }
                parsed.push((*source.subtable(), banks));
            }
            Err(e) => {
                let _ = e.to_string();
                if let Some(offset) = e.offset() {
                    assert_eq!(offset, next_offset);
                }
            }
        }
    }
    assert!(walk.next().is_none(), "the walk is fused");
    assert!(hest.duplicate_source_ids().count() <= parsed.len());

    // Rebuild what was parsed and parse it again: the same values must come back.
    let mut buf = vec![0u8; next_offset];
    let oem = OemInfo {
        revision: hest.revision(),
        oem_id: *hest.oem_id(),
        oem_table_id: *hest.oem_table_id(),
        oem_revision: hest.oem_revision(),
        creator_id: *hest.creator_id(),
        creator_revision: hest.creator_revision(),
    };
    let mut builder = HestBuilder::new(&mut buf, &oem).expect("40 bytes at least");
    for (subtable, banks) in &parsed {
        builder.subtable(subtable, banks).expect("same size as parsed");
    }
    let len = builder.finish().expect("fits");
    assert_eq!(len, next_offset);
    let again = Hest::parse(&buf).expect("a built table parses");
    assert!(again.checksum_ok());
    let reparsed: Vec<_> = again
        .sources()
        .map(|s| {
            let s = s.expect("a built table has no bad subtable");
            (*s.subtable(), s.banks().collect::<Vec<_>>())
        })
        .collect();
    assert_eq!(reparsed, parsed);
});
