// SPDX-License-Identifier: GPL-2.0
//! Fuzz target: any bytes through `cper::Estatus::peek_len`/`parse`, every section body's
//! typed decoding, and both printers into a sink that formats and discards each line.
#![no_main]

use core::fmt;

use cper::{print_estatus, print_ghes_estatus, Estatus, LogLevel, SectionBody, Sink};
use libfuzzer_sys::fuzz_target;

/// Formats every line (so the formatting code runs) and drops it.
struct Null;

impl Sink for Null {
    fn line(&mut self, line: fmt::Arguments<'_>) {
        struct W;
        impl fmt::Write for W {
            fn write_str(&mut self, _: &str) -> fmt::Result {
                Ok(())
            }
        }
        let _ = fmt::write(&mut W, line);
    }
    fn line_at(&mut self, _: LogLevel, line: fmt::Arguments<'_>) {
        self.line(line);
    }
    fn dmi_memdev_name(&self, handle: u16) -> Option<(&str, &str)> {
        (handle & 1 == 1).then_some(("Bank", "DIMM"))
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = Estatus::peek_len(data);
    let e = match Estatus::parse(data) {
        Ok(e) => e,
        Err(err) => {
            let _ = err.to_string();
            return;
        }
    };
    // Oracles: the block is what peek_len announced, and its entries tile data_length.
    assert_eq!(Estatus::peek_len(data), Ok(e.len()));
    assert!(e.len() <= data.len());
    let mut next = Estatus::HEADER_LEN;
    for (i, s) in e.sections().enumerate() {
        assert_eq!((s.index(), s.offset()), (i, next));
        assert_eq!(s.data().len(), s.error_data_length() as usize);
        next = s.body_offset() + s.data().len();
    }
    assert_eq!(next, Estatus::HEADER_LEN + e.data_length() as usize);
    assert_eq!(e.sections().count(), e.section_count());
    print_ghes_estatus(&mut Null, 1, 0, &e);
    print_estatus(&mut Null, "[Hardware Error]: ", &e);
    let _ = e.anomalies().to_string();
    for s in e.sections() {
        let _ = (s.fru_id(), s.fru_text(), s.timestamp());
        if let Ok(SectionBody::Arm(a)) = s.body() {
            for i in a.err_infos() {
                let _ = i.error_info();
            }
            for c in a.contexts() {
                let _ = c.registers();
            }
            let _ = a.vendor_data();
        }
    }
});
