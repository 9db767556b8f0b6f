// SPDX-License-Identifier: GPL-2.0
//! Estatus::parse / peek_len: Linux's cper_estatus_check_header() and cper_estatus_check()
//! rules one by one, our stricter checks, and the section walk (revision 2 and 3 headers).

mod common;
use common::*;

use cper::{
    BlockStatus, BodySpec, Estatus, EstatusBuilder, EstatusError, Guid, MemError, MemErrorSpec,
    SectionBody, SectionError, SectionSpec, Severity, Timestamp,
};

fn header(block: u32, raw_off: u32, raw_len: u32, data_len: u32, sev: u32) -> Vec<u8> {
    [block, raw_off, raw_len, data_len, sev]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect()
}

fn entry(rev: u16, edl: u32, body_byte: u8) -> Vec<u8> {
    let mut e = vec![0u8; if rev >> 8 >= 3 { 72 } else { 64 }];
    e[0..16].copy_from_slice(&Guid::new(0x1234_5678, 1, 2, [3; 8]).0);
    e[20..22].copy_from_slice(&rev.to_le_bytes());
    e[24..28].copy_from_slice(&edl.to_le_bytes());
    e.resize(e.len() + edl as usize, body_byte);
    e
}

#[test]
fn empty_block_is_valid() {
    let h = header(0, 0, 0, 0, 2);
    let e = Estatus::parse(&h).unwrap();
    assert_eq!((e.len(), e.section_count()), (20, 0));
    assert!(e.block_status().is_empty());
    assert_eq!(e.severity(), Severity::Corrected);
    assert_eq!(Estatus::peek_len(&h), Ok(20));
    assert!(e.anomalies().is_clean());
    assert_eq!(e.anomalies().to_string(), "no anomalies");
}

#[test]
fn header_needs_20_bytes() {
    let h = header(0, 0, 0, 0, 0);
    assert_eq!(
        Estatus::parse(&h[..19]),
        Err(EstatusError::TruncatedHeader { len: 19 })
    );
    assert_eq!(
        Estatus::peek_len(&[]),
        Err(EstatusError::TruncatedHeader { len: 0 })
    );
}

#[test]
fn data_length_below_one_entry_header_is_rejected() {
    // Rule 1: data_length && data_length < sizeof(struct acpi_hest_generic_data) (64).
    for dl in [1u32, 63] {
        let mut b = header(0, 0, 0, dl, 0);
        b.resize(200, 0);
        assert_eq!(
            Estatus::peek_len(&b),
            Err(EstatusError::DataLengthTooSmall { data_length: dl })
        );
        assert_eq!(
            Estatus::parse(&b).unwrap_err().to_string(),
            format!("offset 12: data_length {dl} is smaller than a 64-byte data entry header")
        );
    }
}

#[test]
fn raw_data_inside_the_entries_is_rejected() {
    // Rule 2: raw_data_length && raw_data_offset < sizeof(*estatus) + data_length.
    let mut b = header(0, 20 + 63, 4, 64, 0);
    b.extend(entry(0x200, 0, 0));
    b.resize(200, 0);
    assert_eq!(
        Estatus::parse(&b),
        Err(EstatusError::RawDataOverlapsData {
            raw_data_offset: 83,
            data_end: 84
        })
    );
    // Exactly at the end of the entries is fine, and the raw data is exposed.
    let mut b = header(0, 84, 4, 64, 0);
    b.extend(entry(0x200, 0, 0));
    b.extend([0xde, 0xad, 0xbe, 0xef, 0x55]);
    assert_eq!(Estatus::peek_len(&b), Ok(88));
    let e = Estatus::parse(&b).unwrap();
    assert_eq!(e.len(), 88);
    assert_eq!(e.raw_data(), &[0xde, 0xad, 0xbe, 0xef]);
    // A garbage raw_data_offset is ignored when raw_data_length is 0 (as in Linux).
    let mut b = header(0, 3, 0, 64, 0);
    b.extend(entry(0x200, 0, 0));
    assert_eq!(Estatus::parse(&b).unwrap().raw_data(), &[] as &[u8]);
}

#[test]
fn raw_data_wrapping_32_bits_is_rejected() {
    // Linux's cper_estatus_len() would wrap to 0x100; we refuse.
    let b = header(0, 0xffff_ff00, 0x200, 0, 0);
    assert_eq!(
        Estatus::peek_len(&b),
        Err(EstatusError::LengthOverflow {
            raw_data_offset: 0xffff_ff00,
            raw_data_length: 0x200
        })
    );
    // 20 + data_length above u32::MAX is refused too.
    let b = header(0, 0, 0, u32::MAX - 3, 0);
    let e = Estatus::peek_len(&b).unwrap_err();
    assert_eq!(
        e,
        EstatusError::DataLengthOverflow {
            data_length: u32::MAX - 3
        }
    );
    assert_eq!(
        e.to_string(),
        "offset 12: data_length 0xfffffffc plus the 20-byte header overflows 32 bits"
    );
}

#[test]
fn block_longer_than_buffer_is_rejected() {
    let mut b = header(0, 0, 0, 64 + 8, 0);
    b.extend(entry(0x200, 8, 1));
    assert_eq!(Estatus::peek_len(&b[..20]), Ok(92));
    assert_eq!(
        Estatus::parse(&b[..91]),
        Err(EstatusError::Truncated {
            needed: 92,
            available: 91
        })
    );
    // Trailing bytes past the block are ignored.
    b.extend([7; 10]);
    assert_eq!(Estatus::parse(&b).unwrap().len(), 92);
}

#[test]
fn revision_selects_64_or_72_byte_headers() {
    for (rev, hdr) in [
        (0x0000u16, 64usize),
        (0x0201, 64),
        (0x02ff, 64),
        (0x0300, 72),
        (0xff00, 72),
    ] {
        let mut b = header(0, 0, 0, (hdr + 5) as u32, 0);
        b.extend(entry(rev, 5, 0xab));
        let e = Estatus::parse(&b).unwrap();
        let s = e.sections().next().unwrap();
        assert_eq!(s.header_len(), hdr, "revision {rev:#x}");
        assert_eq!(s.data(), &[0xab; 5]);
        assert_eq!(s.body_offset(), 20 + hdr);
    }
}

#[test]
fn entry_header_must_fit_data_length() {
    // A v3 header (72 bytes) in a data_length of 71.
    let mut b = header(0, 0, 0, 71, 0);
    b.extend(entry(0x300, 0, 0));
    assert_eq!(
        Estatus::parse(&b),
        Err(EstatusError::SectionHeaderTruncated {
            offset: 20,
            needed: 72,
            remaining: 71
        })
    );
    // Second entry: only 10 bytes left after the first one.
    let mut b = header(0, 0, 0, 64 + 10, 0);
    b.extend(entry(0x200, 0, 0));
    b.extend([0; 10]);
    assert_eq!(
        Estatus::parse(&b),
        Err(EstatusError::SectionHeaderTruncated {
            offset: 84,
            needed: 64,
            remaining: 10
        })
    );
}

#[test]
fn entry_body_must_fit_data_length() {
    let mut b = header(0, 0, 0, 64 + 4, 0);
    b.extend(entry(0x200, 5, 0));
    assert_eq!(
        Estatus::parse(&b),
        Err(EstatusError::SectionOverrun {
            offset: 20,
            record_size: 69,
            remaining: 68
        })
    );
    assert_eq!(
        Estatus::parse(&b).unwrap_err().to_string(),
        "offset 0x14: data entry of 69 bytes overruns data_length (68 left)"
    );
    // error_data_length 0xffffffff: Linux's int arithmetic makes the record 63 bytes long and
    // accepts this block; exact arithmetic rejects it.
    let mut b = header(0, 0, 0, 63 + 64, 0);
    let mut e = entry(0x200, 0, 0);
    e[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
    b.extend(&e[..63]);
    b.extend(entry(0x200, 0, 0));
    assert!(matches!(
        Estatus::parse(&b),
        Err(EstatusError::SectionOverrun { offset: 20, .. })
    ));
}

#[test]
fn several_sections_and_the_entry_count() {
    let m = MemErrorSpec::default();
    let specs = [
        SectionSpec::new(BodySpec::Memory(m)),
        raw(Guid::PROC_IA, &[1, 2, 3]).revision(SectionSpec::REVISION_2),
        raw(Guid::new(1, 2, 3, [4; 8]), &[]),
    ];
    let b = many(1, &specs);
    let e = Estatus::parse(&b).unwrap();
    assert_eq!(e.section_count(), 3);
    assert_eq!(e.block_status().entry_count(), 3);
    assert!(e.anomalies().is_clean());
    let v: Vec<_> = e
        .sections()
        .map(|s| (s.index(), s.offset(), s.error_data_length()))
        .collect();
    assert_eq!(v, [(0, 20, 80), (1, 20 + 152, 3), (2, 20 + 152 + 67, 0)]);
    assert_eq!(e.data_length() as usize, 152 + 67 + 72);
    assert_eq!(e.severity(), Severity::Fatal);
}

#[test]
fn entry_count_uses_10_bits() {
    assert_eq!(BlockStatus(0x3ff << 4 | 0xf).entry_count(), 1023);
    assert_eq!(BlockStatus(1 << 14).entry_count(), 0);
    let bs = BlockStatus(0xf);
    assert!(bs.uncorrectable() && bs.correctable());
    assert!(bs.multiple_uncorrectable() && bs.multiple_correctable());
}

#[test]
fn section_header_fields() {
    let spec = SectionSpec::new(BodySpec::Memory(MemErrorSpec::default()))
        .severity(2)
        .flags(0x21)
        .fru_id(Guid::new(
            0x11223344,
            0x5566,
            0x7788,
            [1, 2, 3, 4, 5, 6, 7, 8],
        ))
        .fru_text(b"DIMM_A1\0junk")
        .timestamp(Timestamp::new(2025, 1, 2, 3, 4, 5, true));
    let b = one(&spec);
    let e = Estatus::parse(&b).unwrap();
    let s = e.sections().next().unwrap();
    assert_eq!(s.section_type(), Guid::PLATFORM_MEM);
    assert_eq!(s.severity(), Severity::Corrected);
    assert_eq!(s.revision(), 0x300);
    assert_eq!(s.validation_bits(), 7);
    assert_eq!(s.flags(), 0x21);
    assert_eq!(
        s.fru_id().unwrap().to_string(),
        "11223344-5566-7788-0102-030405060708"
    );
    assert_eq!(s.fru_text(), Some(&b"DIMM_A1"[..]));
    let t = s.timestamp().unwrap();
    assert_eq!((t.century(), t.year(), t.month(), t.day()), (20, 25, 1, 2));
    assert!(t.precise());
    // No validation bits: nothing is "valid".
    let b = one(&spec.validation_bits(0));
    let e = Estatus::parse(&b).unwrap();
    let s = e.sections().next().unwrap();
    assert_eq!(
        (s.fru_id(), s.fru_text(), s.timestamp()),
        (None, None, None)
    );
    assert!(s.timestamp_raw().is_some());
}

#[test]
fn short_bodies_are_typed_errors_and_anomalies() {
    let mem = SectionSpec::new(BodySpec::Memory(MemErrorSpec::default()));
    let b = one(&mem.truncate_body(79));
    let e = Estatus::parse(&b).unwrap();
    let err = e.sections().next().unwrap().body().unwrap_err();
    assert_eq!(
        err,
        SectionError::TooShort {
            offset: 92,
            what: "memory error section",
            needed: 80,
            actual: 79
        }
    );
    assert_eq!(
        err.to_string(),
        "offset 0x5c: memory error section needs 80 bytes, only 79 present"
    );
    let a = e.anomalies();
    assert_eq!((a.bad_sections, a.first_bad_section), (1, Some((0, err))));
    assert_eq!(
        a.to_string(),
        "1 section(s) malformed, first: section 0: offset 0x5c: memory error section needs 80 bytes, only 79 present"
    );
    // The 73-byte UEFI 2.1 layout is accepted unless bits beyond it are valid.
    let old = MemErrorSpec {
        validation_bits: MemError::VALID_PA | MemError::VALID_ERROR_TYPE,
        old_layout: true,
        ..Default::default()
    };
    let b = one(&SectionSpec::new(BodySpec::Memory(old)));
    let e = Estatus::parse(&b).unwrap();
    let SectionBody::Memory(m) = e.sections().next().unwrap().body().unwrap() else {
        panic!()
    };
    assert!(m.is_old_layout());
    assert_eq!(m.rank(), 0);
    let bad = MemErrorSpec {
        validation_bits: MemError::VALID_RANK_NUMBER,
        ..old
    };
    let b = one(&SectionSpec::new(BodySpec::Memory(bad)));
    assert!(Estatus::parse(&b)
        .unwrap()
        .sections()
        .next()
        .unwrap()
        .body()
        .is_err());
    // Every known type rejects an empty body; unknown types always decode.
    for g in [
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
    ] {
        let b = one(&raw(g, &[]));
        let e = Estatus::parse(&b).unwrap();
        assert!(
            matches!(
                e.sections().next().unwrap().body(),
                Err(SectionError::TooShort { actual: 0, .. })
            ),
            "{g}"
        );
    }
    let b = one(&raw(Guid::PROC_IA, &[9]));
    let e = Estatus::parse(&b).unwrap();
    assert!(matches!(
        e.sections().next().unwrap().body(),
        Ok(SectionBody::Unknown { section_type, data: [9] }) if section_type == Guid::PROC_IA
    ));
}

#[test]
fn builder_errors() {
    let mut small = [0u8; 19];
    assert!(EstatusBuilder::new(&mut small).is_err());
    let mut buf = [0u8; 100];
    let mut b = EstatusBuilder::new(&mut buf).unwrap();
    let e = b
        .section(&SectionSpec::new(BodySpec::Memory(MemErrorSpec::default())))
        .unwrap_err();
    assert_eq!(
        e,
        cper::BuildError::BufferTooSmall {
            needed: 172,
            available: 100
        }
    );
    assert_eq!(e.to_string(), "record needs 172 bytes, the buffer has 100");
    assert_eq!(
        b.section(&raw(Guid::PCIE, &[]).fru_text(&[b'x'; 21])).err(),
        Some(cper::BuildError::FruTextTooLong { len: 21 })
    );
    assert_eq!(
        b.section(
            &raw(Guid::PCIE, &[])
                .revision(SectionSpec::REVISION_2)
                .timestamp(Timestamp::default())
        )
        .err(),
        Some(cper::BuildError::TimestampNeedsRevision3)
    );
    b.raw_data(&[1, 2]).unwrap();
    assert_eq!(
        b.section(&raw(Guid::PCIE, &[])).err(),
        Some(cper::BuildError::SectionAfterRawData)
    );
    assert_eq!(b.finish(), Ok(22));
    let e = Estatus::parse(&buf).unwrap();
    assert_eq!(
        (e.raw_data_offset(), e.raw_data_length(), e.data_length()),
        (20, 2, 0)
    );
}

#[test]
fn peek_severity_reads_the_header_field_only() {
    // A fatal header over sections that do not parse: the severity is still read, so an
    // NMI-like handler knows to parse it in full before deciding to panic.
    let mut b = header(1, 0, 0, 64, 1);
    b.extend(entry(0x0300, 100, 0));
    assert!(Estatus::parse(&b).is_err());
    assert_eq!(Estatus::peek_severity(&b), 1);
    assert_eq!(Estatus::peek_severity(&header(1, 0, 0, 0, 2)), 2);
    assert_eq!(Estatus::peek_severity(&b[..19]), 0);
}
