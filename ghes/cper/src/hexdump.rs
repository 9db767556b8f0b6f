// SPDX-License-Identifier: GPL-2.0
//! lib/hexdump.c's `print_hex_dump(level, "", DUMP_PREFIX_OFFSET, 16, 4, buf, len, ascii)`, the
//! only form cper.c uses, byte-exact.

use core::fmt;

use super::bytes::array;
use super::linebuf::LineBuf;
use super::sink::{LogLevel, Sink};

/// `hex_dump_to_buffer(row, len, 16, 4, linebuf, 131, ascii)` for one row of at most 16 bytes.
/// Groups of 4 are printed as native-endian (arm64: little-endian) `%8.8x` words; a row whose
/// length is not a multiple of 4 falls back to single bytes. With `ascii`, the text column
/// starts at `rowsize * 2 + rowsize / groupsize + 1` (37 or 49) and shows printable ASCII,
/// '.' for anything else.
fn hex_row(row: &[u8], ascii: bool, out: &mut LineBuf<131>) {
    const ROWSIZE: usize = 16;
    // ascii_column = rowsize * 2 + rowsize / groupsize + 1
    let (groupsize, ascii_column) = if row.len() & 3 == 0 {
        (4, ROWSIZE * 2 + ROWSIZE / 4 + 1)
    } else {
        (1, ROWSIZE * 2 + ROWSIZE + 1)
    };
    if groupsize == 4 {
        for (j, w) in row.chunks_exact(4).enumerate() {
            let v = u32::from_le_bytes([
                w.first().copied().unwrap_or(0),
                w.get(1).copied().unwrap_or(0),
                w.get(2).copied().unwrap_or(0),
                w.get(3).copied().unwrap_or(0),
            ]);
            out.push_fmt(format_args!("{}{v:08x}", if j != 0 { " " } else { "" }));
        }
    } else {
        for (j, c) in row.iter().enumerate() {
            out.push_fmt(format_args!("{}{c:02x}", if j != 0 { " " } else { "" }));
        }
    }
    if !ascii {
        return;
    }
    while out.len() < ascii_column {
        out.push_byte(b' ');
    }
    for &c in row {
        out.push_byte(if (0x20..0x7f).contains(&c) { c } else { b'.' });
    }
}

/// Prints `buf` as `print_hex_dump()` does: one line per 16 bytes, `"{pfx}{offset:08x}: {row}"`.
pub(crate) fn print_hex_dump<S: Sink + ?Sized>(
    sink: &mut S,
    level: Option<LogLevel>,
    pfx: &dyn fmt::Display,
    buf: &[u8],
    ascii: bool,
) {
    print_hex_dump_len(sink, level, pfx, buf, buf.len(), ascii);
}

/// [`print_hex_dump`] of `len` bytes starting at `buf`, where bytes past the end of `buf` (which
/// Linux would read from beyond the section) read as zero.
pub(crate) fn print_hex_dump_len<S: Sink + ?Sized>(
    sink: &mut S,
    level: Option<LogLevel>,
    pfx: &dyn fmt::Display,
    buf: &[u8],
    len: usize,
    ascii: bool,
) {
    let mut i = 0usize;
    while i < len {
        let bytes: [u8; 16] = array(buf, i);
        let row = bytes.get(..len.saturating_sub(i).min(16)).unwrap_or(&[]);
        let mut line = LineBuf::<131>::new();
        hex_row(row, ascii, &mut line);
        let args = format_args!("{pfx}{i:08x}: {line}");
        match level {
            Some(l) => sink.line_at(l, args),
            None => sink.line(args),
        }
        i = i.saturating_add(16);
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::{string::String, vec::Vec};

    struct V(Vec<String>);
    impl Sink for V {
        fn line(&mut self, l: fmt::Arguments<'_>) {
            self.0.push(std::fmt::format(l));
        }
    }

    #[test]
    fn rows() {
        let data: Vec<u8> = (0x40u8..0x40 + 19).collect();
        let mut v = V(Vec::new());
        print_hex_dump(&mut v, None, &"P ", &data, true);
        assert_eq!(
            v.0,
            [
                "P 00000000: 43424140 47464544 4b4a4948 4f4e4d4c  @ABCDEFGHIJKLMNO",
                format!("P 00000010: 50 51 52{}PQR", " ".repeat(41)).as_str(),
            ]
        );
        let mut v = V(Vec::new());
        print_hex_dump(&mut v, None, &"", &[0u8, 1, 0x7f, 0x20, 9, 8, 7, 6], false);
        assert_eq!(v.0, ["00000000: 207f0100 06070809"]);
        let mut v = V(Vec::new());
        print_hex_dump(&mut v, None, &"", &[0x41u8, 0x0a], true);
        // Column 49 for byte groups: "41 0a" is 5 characters, then 44 spaces.
        assert_eq!(v.0, [format!("00000000: 41 0a{}A.", " ".repeat(44))]);
        let mut v = V(Vec::new());
        print_hex_dump(&mut v, None, &"", &[], true);
        assert!(v.0.is_empty());
    }

    use std::format;
}
