// SPDX-License-Identifier: GPL-2.0
//! The record QEMU's acpi_ghes_record_mem_error() writes (hw/acpi/ghes.c) for a memory error
//! under KVM, assembled byte by byte as QEMU does, and the report Linux printed for it
//! ({1}... lines as measured on a real kernel, see the seeds' LKML thread).

mod common;
use common::*;

use cper::{ghes_log_level, print_estatus, Estatus, LogLevel, SectionBody, Sink};

/// acpi_ghes_generic_error_status() + acpi_ghes_generic_error_data() +
/// acpi_ghes_build_append_mem_cper() for `pa`.
fn qemu_record(pa: u64) -> Vec<u8> {
    let mut b = Vec::new();
    let data_length: u32 = 72 + 80; // ACPI_GHES_DATA_LENGTH + ACPI_GHES_MEM_CPER_LENGTH
                                    // Generic Error Status Block
    b.extend_from_slice(&1u32.to_le_bytes()); // ACPI_GEBS_UNCORRECTABLE (entry count 0)
    b.extend_from_slice(&0u32.to_le_bytes()); // raw data offset
    b.extend_from_slice(&0u32.to_le_bytes()); // raw data length
    b.extend_from_slice(&data_length.to_le_bytes());
    b.extend_from_slice(&0u32.to_le_bytes()); // ACPI_CPER_SEV_RECOVERABLE
                                              // Generic Error Data Entry
    b.extend_from_slice(&[
        0x14, 0x11, 0xBC, 0xA5, 0x64, 0x6F, 0xDE, 0x4E, 0xB8, 0x63, 0x3E, 0x83, 0xED, 0x7C, 0x83,
        0xB1,
    ]); // UUID_LE(0xA5BC1114, 0x6F64, 0x4EDE, ...)
    b.extend_from_slice(&0u32.to_le_bytes()); // severity
    b.extend_from_slice(&0x300u16.to_le_bytes()); // revision
    b.push(0); // validation bits
    b.push(0); // flags
    b.extend_from_slice(&80u32.to_le_bytes()); // error data length
    b.extend_from_slice(&[0; 16]); // FRU id
    b.extend_from_slice(&[0; 20]); // FRU text
    b.extend_from_slice(&0u64.to_le_bytes()); // timestamp
                                              // Memory Error Section
    b.extend_from_slice(&((1u64 << 14) | (1u64 << 1)).to_le_bytes());
    b.extend_from_slice(&0u64.to_le_bytes()); // error status
    b.extend_from_slice(&pa.to_le_bytes());
    b.extend_from_slice(&[0; 48]);
    b.push(3); // multi-bit ECC
    b.extend_from_slice(&[0; 7]);
    assert_eq!(b.len(), 20 + 152);
    b
}

#[test]
fn qemu_memory_error_prints_like_linux() {
    let rec = qemu_record(0x40a08000);
    // The copy GHES makes is error_block_length long; the record is at its start.
    let mut block = rec.clone();
    block.resize(0x400, 0);
    assert_eq!(Estatus::peek_len(&block[..20]), Ok(172));
    let e = Estatus::parse(&block).unwrap();
    assert_eq!(e.len(), 172);
    assert_eq!(ghes_log_level(&e), LogLevel::Err);

    let mut s = VecSink::default();
    cper::print_ghes_estatus(&mut s, 1, 0, &e);
    assert_eq!(
        s.lines,
        [
            "{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0",
            "{1}[Hardware Error]: event severity: recoverable",
            "{1}[Hardware Error]:  Error 0, type: recoverable",
            "{1}[Hardware Error]:   section_type: memory error",
            "{1}[Hardware Error]:   physical_address: 0x0000000040a08000",
            "{1}[Hardware Error]:   error_type: 3, multi-bit ECC",
        ]
    );
    assert!(s.levels.iter().all(Option::is_none));
}

#[test]
fn qemu_record_decodes() {
    let rec = qemu_record(0x40fa6000);
    let e = Estatus::parse(&rec).unwrap();
    assert_eq!(e.block_status().0, 1);
    assert!(e.block_status().uncorrectable());
    assert_eq!(e.data_length(), 152);
    let a = e.anomalies();
    // QEMU leaves the entry count at 0: reported, not rejected.
    assert!(a.entry_count_mismatch());
    assert_eq!((a.entry_count_declared, a.entry_count_actual), (0, 1));
    assert_eq!(
        a.to_string(),
        "offset 0: block_status declares 0 data entries, 1 present"
    );
    let s = e.sections().next().unwrap();
    assert_eq!((s.offset(), s.header_len(), s.version()), (20, 72, 3));
    assert_eq!(s.fru_id(), None);
    assert_eq!(s.timestamp(), None);
    let SectionBody::Memory(m) = s.body().unwrap() else {
        panic!("not a memory error");
    };
    assert_eq!(m.physical_addr(), 0x40fa6000);
    assert_eq!(m.error_type(), 3);
    assert!(!m.is_old_layout());
}

#[test]
fn the_seqno_and_source_shape_the_prefix() {
    let rec = qemu_record(0x1000);
    let e = Estatus::parse(&rec).unwrap();
    let mut s = VecSink::default();
    cper::print_ghes_estatus(&mut s, 4294967295, 65535, &e);
    assert_eq!(
        s.lines[0],
        "{4294967295}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 65535"
    );
    assert_eq!(
        s.lines[4],
        "{4294967295}[Hardware Error]:   physical_address: 0x0000000000001000"
    );
    // print_estatus alone: BERT's KERN_INFO HW_ERR prefix.
    struct Count(usize);
    impl Sink for Count {
        fn line(&mut self, _: core::fmt::Arguments<'_>) {
            self.0 += 1;
        }
    }
    let mut c = Count(0);
    print_estatus(&mut c, "[Hardware Error]: ", &e);
    assert_eq!(c.0, 5);
}
