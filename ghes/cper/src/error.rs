// SPDX-License-Identifier: GPL-2.0
//! Typed decoding errors. Every variant names the byte offset (from the start of the error
//! status block) and the problem; `Display` gives a one-line message for the kernel log.

use core::fmt;

/// Why a Generic Error Status Block was rejected by [`Estatus::parse`](super::Estatus::parse)
/// or [`Estatus::peek_len`](super::Estatus::peek_len).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EstatusError {
    /// Fewer than the 20 header bytes are available.
    TruncatedHeader {
        /// Bytes available.
        len: usize,
    },
    /// `data_length` (offset 12) is non-zero but smaller than one Generic Error Data Entry
    /// header (64 bytes); Linux's `cper_estatus_check_header()` rule 1.
    DataLengthTooSmall {
        /// The field's value.
        data_length: u32,
    },
    /// `raw_data_length` is non-zero and `raw_data_offset` (offset 4) points inside the header or
    /// the data entries; Linux's `cper_estatus_check_header()` rule 2.
    RawDataOverlapsData {
        /// The field's value.
        raw_data_offset: u32,
        /// 20 + `data_length`: where the data entries end.
        data_end: u64,
    },
    /// `raw_data_offset + raw_data_length` does not fit in 32 bits (Linux's `cper_estatus_len()`
    /// silently wraps).
    LengthOverflow {
        /// Offset 4.
        raw_data_offset: u32,
        /// Offset 8.
        raw_data_length: u32,
    },
    /// 20 + `data_length` (offset 12) does not fit in 32 bits, with no raw data (Linux's
    /// `cper_estatus_len()` silently wraps).
    DataLengthOverflow {
        /// Offset 12.
        data_length: u32,
    },
    /// The block's length (`cper_estatus_len()`) exceeds the bytes available.
    Truncated {
        /// Length the header declares.
        needed: u64,
        /// Bytes available.
        available: usize,
    },
    /// Fewer bytes remain in the data area than a Generic Error Data Entry header needs
    /// (`cper_estatus_check()`: `acpi_hest_get_size(gdata) > data_len`).
    SectionHeaderTruncated {
        /// Offset of the entry.
        offset: usize,
        /// Header size the entry needs (64, or 72 for revision 3 and later).
        needed: u32,
        /// Bytes left in the data area.
        remaining: u32,
    },
    /// The entry's header plus `error_data_length` runs past `data_length`
    /// (`cper_estatus_check()`: `record_size > data_len`).
    SectionOverrun {
        /// Offset of the entry.
        offset: usize,
        /// Header size plus `error_data_length`.
        record_size: u64,
        /// Bytes left in the data area.
        remaining: u32,
    },
}

impl fmt::Display for EstatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::TruncatedHeader { len } => write!(
                f,
                "error status block truncated: {len} bytes, the header needs 20"
            ),
            Self::DataLengthTooSmall { data_length } => write!(
                f,
                "offset 12: data_length {data_length} is smaller than a 64-byte data entry header"
            ),
            Self::RawDataOverlapsData {
                raw_data_offset,
                data_end,
            } => write!(
                f,
                "offset 4: raw_data_offset {raw_data_offset:#x} lies before the end of the data entries ({data_end:#x})"
            ),
            Self::LengthOverflow {
                raw_data_offset,
                raw_data_length,
            } => write!(
                f,
                "offset 4: raw data {raw_data_offset:#x} + {raw_data_length:#x} overflows 32 bits"
            ),
            Self::DataLengthOverflow { data_length } => write!(
                f,
                "offset 12: data_length {data_length:#x} plus the 20-byte header overflows 32 bits"
            ),
            Self::Truncated { needed, available } => write!(
                f,
                "error status block declares {needed} bytes but only {available} are available"
            ),
            Self::SectionHeaderTruncated {
                offset,
                needed,
                remaining,
            } => write!(
                f,
                "offset {offset:#x}: data entry header needs {needed} bytes, only {remaining} left in data_length"
            ),
            Self::SectionOverrun {
                offset,
                record_size,
                remaining,
            } => write!(
                f,
                "offset {offset:#x}: data entry of {record_size} bytes overruns data_length ({remaining} left)"
            ),
        }
    }
}

/// Why a section body could not be decoded as its typed structure. The record as a whole stays
/// valid (Linux prints such sections with "error section length is too small" or its own
/// checks); these errors are what our stricter decoding reports on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionError {
    /// The body (or a structure inside it) is shorter than its fixed size.
    TooShort {
        /// Offset of the structure.
        offset: usize,
        /// Which structure.
        what: &'static str,
        /// Bytes the structure needs.
        needed: u64,
        /// Bytes available for it.
        actual: u64,
    },
    /// A length field inside the body disagrees with the space the body has.
    BadLength {
        /// Offset of the length field.
        offset: usize,
        /// Which field.
        what: &'static str,
        /// The field's value.
        value: u64,
        /// The bound it violates.
        limit: u64,
    },
    /// An ARM context information structure has a register context type above 8.
    ArmContextType {
        /// Offset of the context structure.
        offset: usize,
        /// The type field.
        ctx_type: u16,
    },
}

impl fmt::Display for SectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::TooShort {
                offset,
                what,
                needed,
                actual,
            } => write!(
                f,
                "offset {offset:#x}: {what} needs {needed} bytes, only {actual} present"
            ),
            Self::BadLength {
                offset,
                what,
                value,
                limit,
            } => write!(f, "offset {offset:#x}: {what} {value} exceeds {limit}"),
            Self::ArmContextType { offset, ctx_type } => write!(
                f,
                "offset {offset:#x}: ARM register context type {ctx_type} is above 8"
            ),
        }
    }
}
