// SPDX-License-Identifier: GPL-2.0
//! The Generic Error Status Block (ACPI 6.5 Table 18.11, `struct acpi_hest_generic_status`) and
//! its validation: Linux's `cper_estatus_len()`, `cper_estatus_check_header()` and
//! `cper_estatus_check()`, with all arithmetic checked.

use core::fmt;

use super::bytes::{sub, try_array, try_u16, try_u32};
use super::error::{EstatusError, SectionError};
use super::section::{Section, GDATA_LEN, GDATA_V300_LEN};
use super::severity::Severity;

/// Size of the Generic Error Status Block header.
const HEADER_LEN: usize = 20;

/// The Block Status field (offset 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct BlockStatus(pub u32);

impl BlockStatus {
    /// Bit 0: an uncorrectable error is present.
    pub const UNCORRECTABLE: u32 = 1 << 0;
    /// Bit 1: a correctable error is present.
    pub const CORRECTABLE: u32 = 1 << 1;
    /// Bit 2: more than one uncorrectable error.
    pub const MULTIPLE_UNCORRECTABLE: u32 = 1 << 2;
    /// Bit 3: more than one correctable error.
    pub const MULTIPLE_CORRECTABLE: u32 = 1 << 3;
    /// Bits 4..13: the Error Data Entry Count (ACPI: 10 bits; ACPICA's mask has only 8).
    pub const ENTRY_COUNT_MASK: u32 = 0x3ff << 4;

    /// Bit 0.
    pub const fn uncorrectable(self) -> bool {
        self.0 & Self::UNCORRECTABLE != 0
    }

    /// Bit 1.
    pub const fn correctable(self) -> bool {
        self.0 & Self::CORRECTABLE != 0
    }

    /// Bit 2.
    pub const fn multiple_uncorrectable(self) -> bool {
        self.0 & Self::MULTIPLE_UNCORRECTABLE != 0
    }

    /// Bit 3.
    pub const fn multiple_correctable(self) -> bool {
        self.0 & Self::MULTIPLE_CORRECTABLE != 0
    }

    /// Bits 4..13: the number of Generic Error Data Entries the firmware declares.
    pub const fn entry_count(self) -> u16 {
        ((self.0 & Self::ENTRY_COUNT_MASK) >> 4) as u16
    }

    /// Zero: no valid error is present (GHES then reads no further).
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The header fields validation needs, read from at least 20 bytes.
struct Header {
    raw_data_offset: u32,
    raw_data_length: u32,
    data_length: u32,
}

impl Header {
    fn read(b: &[u8]) -> Result<Self, EstatusError> {
        let h: [u8; HEADER_LEN] =
            try_array(b, 0).ok_or(EstatusError::TruncatedHeader { len: b.len() })?;
        let f = |off: usize| try_u32(&h, off).unwrap_or(0);
        Ok(Header {
            raw_data_offset: f(4),
            raw_data_length: f(8),
            data_length: f(12),
        })
    }

    /// `cper_estatus_check_header()` then `cper_estatus_len()`, without wrapping.
    fn checked_len(&self) -> Result<u64, EstatusError> {
        // if (data_length && data_length < sizeof(struct acpi_hest_generic_data)) -EINVAL
        if self.data_length != 0 && (self.data_length as usize) < GDATA_LEN {
            return Err(EstatusError::DataLengthTooSmall {
                data_length: self.data_length,
            });
        }
        // 20 + data_length cannot overflow u64 (Linux computes it in size_t as well).
        let data_end = u64::from(self.data_length).saturating_add(HEADER_LEN as u64);
        // if (raw_data_length && raw_data_offset < sizeof(*estatus) + data_length) -EINVAL
        if self.raw_data_length != 0 {
            if u64::from(self.raw_data_offset) < data_end {
                return Err(EstatusError::RawDataOverlapsData {
                    raw_data_offset: self.raw_data_offset,
                    data_end,
                });
            }
            // cper_estatus_len(): raw_data_offset + raw_data_length, a u32 sum in Linux.
            let end = self
                .raw_data_offset
                .checked_add(self.raw_data_length)
                .ok_or(EstatusError::LengthOverflow {
                    raw_data_offset: self.raw_data_offset,
                    raw_data_length: self.raw_data_length,
                })?;
            Ok(u64::from(end))
        } else if data_end > u64::from(u32::MAX) {
            // cper_estatus_len() returns u32: 20 + data_length would wrap.
            Err(EstatusError::DataLengthOverflow {
                data_length: self.data_length,
            })
        } else {
            Ok(data_end)
        }
    }
}

/// A validated Generic Error Status Block, borrowing its bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Estatus<'a> {
    /// Exactly the block's length (`cper_estatus_len()`).
    bytes: &'a [u8],
    /// Number of Generic Error Data Entries.
    count: usize,
}

impl<'a> Estatus<'a> {
    /// Size of the header: the bytes [`Estatus::peek_len`] needs.
    pub const HEADER_LEN: usize = HEADER_LEN;

    /// The block's total length from its 20-byte header: Linux's `cper_estatus_len()` after
    /// `cper_estatus_check_header()`, so a driver can bound and size its copy. Unlike Linux, a
    /// length that does not fit in 32 bits is an error instead of wrapping.
    pub fn peek_len(header: &[u8]) -> Result<usize, EstatusError> {
        let len = Header::read(header)?.checked_len()?;
        usize::try_from(len).map_err(|_| EstatusError::Truncated {
            needed: len,
            available: header.len(),
        })
    }

    /// The header's Error Severity (offset 16, ACPI 6.5 table 18.11) without validating
    /// anything else: what an NMI-like handler needs to decide whether the record panics
    /// there and then, before the full parse ([`Estatus::parse`]) that only such a record
    /// gets there. Fewer than 20 bytes read as severity 0 (recoverable).
    pub fn peek_severity(header: &[u8]) -> u32 {
        try_u32(header, 16).unwrap_or(0)
    }

    /// Validates a Generic Error Status Block at the start of `bytes` (trailing bytes past the
    /// block's length are ignored). Applies, in Linux's order:
    ///
    /// 1. `cper_estatus_check_header()`: `data_length` is 0 or at least 64; if
    ///    `raw_data_length` is non-zero, `raw_data_offset >= 20 + data_length`;
    /// 2. `cper_estatus_len()` (checked: no 32-bit wrap) must fit in `bytes`;
    /// 3. `cper_estatus_check()`: walking the entries (64-byte header, 72 from revision 3),
    ///    each header and each header plus `error_data_length` fits in what remains of
    ///    `data_length`, and the entries end exactly at `data_length`.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, EstatusError> {
        let header = Header::read(bytes)?;
        let len = header.checked_len()?;
        let bytes = usize::try_from(len)
            .ok()
            .and_then(|l| bytes.get(..l))
            .ok_or(EstatusError::Truncated {
                needed: len,
                available: bytes.len(),
            })?;
        // The data area: 20 .. 20 + data_length, inside `bytes` because len >= 20 + data_length.
        let data = sub(bytes, HEADER_LEN, header.data_length as usize);
        if data.len() != header.data_length as usize {
            return Err(EstatusError::Truncated {
                needed: len,
                available: bytes.len(),
            });
        }
        let mut pos = 0usize;
        let mut count = 0usize;
        while pos < data.len() {
            let offset = pos.saturating_add(HEADER_LEN);
            let remaining = data.len().saturating_sub(pos);
            let rest = sub(data, pos, remaining);
            // acpi_hest_get_size(): 72 bytes if revision >> 8 >= 3, else 64.
            let hdr_len = match try_u16(rest, 20) {
                Some(rev) if rev >> 8 >= 3 => GDATA_V300_LEN,
                Some(_) => GDATA_LEN,
                None => GDATA_LEN,
            };
            if remaining < hdr_len {
                return Err(EstatusError::SectionHeaderTruncated {
                    offset,
                    needed: hdr_len as u32,
                    remaining: remaining as u32,
                });
            }
            let edl = try_u32(rest, 24).unwrap_or(0);
            let record = (hdr_len as u64).saturating_add(u64::from(edl));
            if record > remaining as u64 {
                return Err(EstatusError::SectionOverrun {
                    offset,
                    record_size: record,
                    remaining: remaining as u32,
                });
            }
            // record <= remaining, so it fits in usize.
            pos = pos.saturating_add(record as usize);
            count = count.saturating_add(1);
        }
        Ok(Estatus { bytes, count })
    }

    fn field(&self, off: usize) -> u32 {
        try_u32(self.bytes, off).unwrap_or(0)
    }

    /// The whole block (exactly [`Estatus::len`] bytes).
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The block's length (`cper_estatus_len()`).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: a block has at least its 20-byte header.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Block Status (offset 0).
    pub fn block_status(&self) -> BlockStatus {
        BlockStatus(self.field(0))
    }

    /// Raw Data Offset (offset 4), from the start of the block.
    pub fn raw_data_offset(&self) -> u32 {
        self.field(4)
    }

    /// Raw Data Length (offset 8).
    pub fn raw_data_length(&self) -> u32 {
        self.field(8)
    }

    /// Data Length (offset 12): the bytes of Generic Error Data Entries.
    pub fn data_length(&self) -> u32 {
        self.field(12)
    }

    /// Error Severity (offset 16), raw.
    pub fn error_severity(&self) -> u32 {
        self.field(16)
    }

    /// Error Severity, decoded.
    pub fn severity(&self) -> Severity {
        Severity::from_raw(self.error_severity())
    }

    /// The raw error data (empty when `raw_data_length` is 0). Linux never looks at it.
    pub fn raw_data(&self) -> &'a [u8] {
        if self.raw_data_length() == 0 {
            return &[];
        }
        sub(
            self.bytes,
            self.raw_data_offset() as usize,
            self.raw_data_length() as usize,
        )
    }

    /// The Generic Error Data Entries, in order (`apei_estatus_for_each_section`).
    pub fn sections(&self) -> Sections<'a> {
        Sections {
            data: sub(self.bytes, HEADER_LEN, self.data_length() as usize),
            pos: 0,
            index: 0,
        }
    }

    /// The number of Generic Error Data Entries actually present.
    pub fn section_count(&self) -> usize {
        self.count
    }

    /// Problems Linux does not check for, found by our stricter decoding. None of them makes
    /// Linux reject the block, so none makes [`Estatus::parse`] fail.
    pub fn anomalies(&self) -> Anomalies {
        let declared = self.block_status().entry_count();
        let mut a = Anomalies {
            entry_count_declared: declared,
            entry_count_actual: self.count,
            bad_sections: 0,
            first_bad_section: None,
        };
        for s in self.sections() {
            if let Err(e) = s.body() {
                a.bad_sections = a.bad_sections.saturating_add(1);
                if a.first_bad_section.is_none() {
                    a.first_bad_section = Some((s.index(), e));
                }
            }
        }
        a
    }
}

impl fmt::Debug for Estatus<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Estatus")
            .field("block_status", &self.block_status())
            .field("raw_data_offset", &self.raw_data_offset())
            .field("raw_data_length", &self.raw_data_length())
            .field("data_length", &self.data_length())
            .field("error_severity", &self.error_severity())
            .field("sections", &self.count)
            .finish()
    }
}

/// What [`Estatus::anomalies`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anomalies {
    /// The Error Data Entry Count in Block Status (bits 4..13).
    pub entry_count_declared: u16,
    /// The number of entries actually found in `data_length`.
    pub entry_count_actual: usize,
    /// How many sections' bodies fail typed decoding ([`Section::body`]).
    pub bad_sections: usize,
    /// The first such section's index and error.
    pub first_bad_section: Option<(usize, SectionError)>,
}

impl Anomalies {
    /// Nothing to report.
    pub fn is_clean(&self) -> bool {
        !self.entry_count_mismatch() && self.bad_sections == 0
    }

    /// The declared entry count differs from the real one.
    pub fn entry_count_mismatch(&self) -> bool {
        usize::from(self.entry_count_declared) != self.entry_count_actual
    }
}

impl fmt::Display for Anomalies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_clean() {
            return f.write_str("no anomalies");
        }
        let mut sep = "";
        if self.entry_count_mismatch() {
            write!(
                f,
                "offset 0: block_status declares {} data entries, {} present",
                self.entry_count_declared, self.entry_count_actual
            )?;
            sep = "; ";
        }
        if let Some((index, e)) = self.first_bad_section {
            write!(
                f,
                "{sep}{} section(s) malformed, first: section {index}: {e}",
                self.bad_sections
            )?;
        }
        Ok(())
    }
}

/// Iterator over the Generic Error Data Entries of an [`Estatus`].
#[derive(Clone)]
pub struct Sections<'a> {
    data: &'a [u8],
    pos: usize,
    index: usize,
}

impl<'a> Iterator for Sections<'a> {
    type Item = Section<'a>;

    fn next(&mut self) -> Option<Section<'a>> {
        if self.pos >= self.data.len() {
            return None;
        }
        let rest = self.data.get(self.pos..)?;
        let hdr_len = match try_u16(rest, 20)? >> 8 {
            v if v >= 3 => GDATA_V300_LEN,
            _ => GDATA_LEN,
        };
        let edl = try_u32(rest, 24)? as usize;
        let total = hdr_len.checked_add(edl)?;
        let entry = rest.get(..total)?;
        let s = Section::new(
            entry,
            hdr_len,
            self.pos.checked_add(HEADER_LEN)?,
            self.index,
        );
        self.pos = self.pos.checked_add(total)?;
        self.index = self.index.checked_add(1)?;
        Some(s)
    }
}
