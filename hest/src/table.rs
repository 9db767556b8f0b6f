// SPDX-License-Identifier: GPL-2.0
//! The Hardware Error Source Table as a whole (ACPI 6.5 section 18.3.2, table 18.2): its
//! header, its error source count, and the way into its subtables.

use core::fmt;

use super::header::{checksum, AcpiHeader};
use super::sources::Sources;

/// A parsed HEST, borrowing the table's bytes. Only the header is decoded up front;
/// [`Hest::sources`] decodes the subtables lazily.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hest<'a> {
    table: &'a [u8],
    header: AcpiHeader,
    error_source_count: u32,
}

/// Why a table was not accepted as a HEST at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HestError {
    /// Fewer bytes than the 36-byte ACPI header.
    TooShort {
        /// The bytes given.
        len: usize,
    },
    /// The signature is not "HEST".
    BadSignature {
        /// The signature found.
        found: [u8; 4],
    },
    /// The header's length is less than 40, the header plus the Error Source Count.
    LengthTooSmall {
        /// The header's length field.
        length: u32,
    },
    /// The header's length is more than the bytes given.
    Truncated {
        /// The header's length field.
        length: u32,
        /// The bytes given.
        available: usize,
    },
}

impl fmt::Display for HestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::TooShort { len } => write!(
                f,
                "table is {len} byte(s), shorter than the {}-byte ACPI header",
                AcpiHeader::SIZE
            ),
            Self::BadSignature { found } => {
                f.write_str("signature \"")?;
                for b in found {
                    write!(f, "{}", core::ascii::escape_default(b))?;
                }
                f.write_str("\" at offset 0 is not \"HEST\"")
            }
            Self::LengthTooSmall { length } => write!(
                f,
                "length field (offset 4) is {length}, less than the {} bytes of header and \
                 error source count",
                Hest::SUBTABLES_OFFSET
            ),
            Self::Truncated { length, available } => write!(
                f,
                "length field (offset 4) is {length} but only {available} byte(s) are present"
            ),
        }
    }
}

impl<'a> Hest<'a> {
    /// The table signature.
    pub const SIGNATURE: [u8; 4] = *b"HEST";
    /// Byte offset of the Error Source Count field.
    pub const COUNT_OFFSET: usize = 36;
    /// Byte offset of the first subtable.
    pub const SUBTABLES_OFFSET: usize = 40;

    /// Checks the ACPI header of `table` and reads the error source count. Only the first
    /// `length` bytes (the header's length field) are used; bytes after them are ignored.
    /// The checksum is not enforced: see [`Hest::checksum_ok`].
    pub fn parse(table: &'a [u8]) -> Result<Self, HestError> {
        let header =
            AcpiHeader::from_bytes(table).ok_or(HestError::TooShort { len: table.len() })?;
        if header.signature != Self::SIGNATURE {
            return Err(HestError::BadSignature {
                found: header.signature,
            });
        }
        let length = header.length;
        let too_small = HestError::LengthTooSmall { length };
        let len = usize::try_from(length).map_err(|_| too_small)?;
        if len < Self::SUBTABLES_OFFSET {
            return Err(too_small);
        }
        let table = table.get(..len).ok_or(HestError::Truncated {
            length,
            available: table.len(),
        })?;
        let count: [u8; 4] = table
            .get(Self::COUNT_OFFSET..Self::SUBTABLES_OFFSET)
            .and_then(|c| c.try_into().ok())
            .ok_or(too_small)?;
        Ok(Self {
            table,
            header,
            error_source_count: u32::from_le_bytes(count),
        })
    }

    /// The decoded ACPI header.
    pub fn header(&self) -> &AcpiHeader {
        &self.header
    }

    /// The table's bytes: exactly the header's `length`.
    pub fn bytes(&self) -> &'a [u8] {
        self.table
    }

    /// The table length from the header (equal to `bytes().len()`).
    pub fn length(&self) -> u32 {
        self.header.length
    }

    /// The table revision.
    pub fn revision(&self) -> u8 {
        self.header.revision
    }

    /// The OEM ID.
    pub fn oem_id(&self) -> &[u8; 6] {
        &self.header.oem_id
    }

    /// The OEM Table ID.
    pub fn oem_table_id(&self) -> &[u8; 8] {
        &self.header.oem_table_id
    }

    /// The OEM Revision.
    pub fn oem_revision(&self) -> u32 {
        self.header.oem_revision
    }

    /// The Creator ID.
    pub fn creator_id(&self) -> &[u8; 4] {
        &self.header.creator_id
    }

    /// The Creator Revision.
    pub fn creator_revision(&self) -> u32 {
        self.header.creator_revision
    }

    /// Whether the table's `length` bytes sum to 0 modulo 256, as ACPI requires.
    pub fn checksum_ok(&self) -> bool {
        checksum(self.table) == 0
    }

    /// The header's Error Source Count: what the firmware claims, which [`Hest::sources`]
    /// checks against what the table really holds.
    pub fn error_source_count(&self) -> u32 {
        self.error_source_count
    }

    /// Walks the subtables lazily, in table order (see [`Sources`]).
    pub fn sources(&self) -> Sources<'a> {
        Sources::new(self.table, Self::SUBTABLES_OFFSET, self.error_source_count)
    }
}
