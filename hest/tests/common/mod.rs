// SPDX-License-Identifier: GPL-2.0
//! Helpers shared by the integration tests: a HEST header written by hand (not with the
//! crate's builder) around subtable bytes.
#![allow(dead_code)]

use hest::OemInfo;

/// The header fields [`wrap`] writes, as an [`OemInfo`] for the builder.
pub const OEM: OemInfo = OemInfo {
    revision: 1,
    oem_id: *b"OEMID ",
    oem_table_id: *b"TABLEID ",
    oem_revision: 7,
    creator_id: *b"CRID",
    creator_revision: 9,
};

/// A HEST with `subtables` after the header, `count` as Error Source Count, and a correct
/// checksum, built from ACPI 6.5 table 5.4 by hand.
pub fn wrap_with_count(subtables: &[&[u8]], count: u32) -> Vec<u8> {
    let body: Vec<u8> = subtables.concat();
    let length = u32::try_from(40 + body.len()).unwrap();
    let mut t = Vec::new();
    t.extend_from_slice(b"HEST");
    t.extend_from_slice(&length.to_le_bytes());
    t.push(1); // revision
    t.push(0); // checksum, fixed below
    t.extend_from_slice(b"OEMID ");
    t.extend_from_slice(b"TABLEID ");
    t.extend_from_slice(&7u32.to_le_bytes());
    t.extend_from_slice(b"CRID");
    t.extend_from_slice(&9u32.to_le_bytes());
    t.extend_from_slice(&count.to_le_bytes());
    t.extend_from_slice(&body);
    let sum = t.iter().fold(0u8, |s, b| s.wrapping_add(*b));
    t[9] = 0u8.wrapping_sub(sum);
    t
}

/// [`wrap_with_count`] with the right count.
pub fn wrap(subtables: &[&[u8]]) -> Vec<u8> {
    wrap_with_count(subtables, u32::try_from(subtables.len()).unwrap())
}
