// SPDX-License-Identifier: GPL-2.0
//! [`EstatusBuilder`]: writes a Generic Error Status Block with its Generic Error Data Entries
//! into a caller's buffer, computing every length and the entry count.

use core::fmt;

use super::builder_bodies::BodySpec;
use super::bytes::put;
use super::estatus::BlockStatus;
use super::guid::Guid;
use super::section::{Section, GDATA_LEN, GDATA_V300_LEN};
use super::timestamp::Timestamp;

/// Why a record could not be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The output buffer is too small.
    BufferTooSmall {
        /// Bytes needed (at least).
        needed: usize,
        /// Buffer size.
        available: usize,
    },
    /// A length does not fit its field.
    TooLarge,
    /// FRU text longer than 20 bytes.
    FruTextTooLong {
        /// Its length.
        len: usize,
    },
    /// A timestamp was given for a header before revision 3, which has no room for it.
    TimestampNeedsRevision3,
    /// A section was added after the raw data.
    SectionAfterRawData,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::BufferTooSmall { needed, available } => {
                write!(f, "record needs {needed} bytes, the buffer has {available}")
            }
            Self::TooLarge => f.write_str("a length does not fit its field"),
            Self::FruTextTooLong { len } => write!(f, "FRU text of {len} bytes exceeds 20"),
            Self::TimestampNeedsRevision3 => {
                f.write_str("a timestamp needs a revision 3 (0x0300) data entry header")
            }
            Self::SectionAfterRawData => f.write_str("sections must come before the raw data"),
        }
    }
}

/// One Generic Error Data Entry to add: header fields and a typed body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionSpec<'s> {
    /// The body (which also gives the section type).
    pub body: BodySpec<'s>,
    /// Error Severity (0 recoverable, 1 fatal, 2 corrected, 3 informational).
    pub severity: u32,
    /// Revision: 0x0300 (72-byte header with timestamp) or below (64-byte header).
    pub revision: u16,
    /// Flags (see [`Section`]'s `FLAG_*`).
    pub flags: u8,
    /// FRU Id: sets validation bit 0.
    pub fru_id: Option<Guid>,
    /// FRU Text (at most 20 bytes): sets validation bit 1.
    pub fru_text: Option<&'s [u8]>,
    /// Timestamp (revision 3 only): sets validation bit 2.
    pub timestamp: Option<Timestamp>,
    /// Use these validation bits instead of the computed ones.
    pub validation_bits: Option<u8>,
    /// Keep only this many bytes of the body (to build short sections).
    pub truncate_body: Option<usize>,
}

impl<'s> SectionSpec<'s> {
    /// A revision-3 header (what QEMU writes).
    pub const REVISION_3: u16 = 0x0300;
    /// A pre-revision-3 header (64 bytes, no timestamp).
    pub const REVISION_2: u16 = 0x0200;

    /// A recoverable-severity, revision 3 entry with no FRU information.
    pub const fn new(body: BodySpec<'s>) -> Self {
        SectionSpec {
            body,
            severity: 0,
            revision: Self::REVISION_3,
            flags: 0,
            fru_id: None,
            fru_text: None,
            timestamp: None,
            validation_bits: None,
            truncate_body: None,
        }
    }

    /// Sets the severity.
    pub const fn severity(mut self, severity: u32) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the revision.
    pub const fn revision(mut self, revision: u16) -> Self {
        self.revision = revision;
        self
    }

    /// Sets the flags.
    pub const fn flags(mut self, flags: u8) -> Self {
        self.flags = flags;
        self
    }

    /// Sets the FRU Id.
    pub const fn fru_id(mut self, id: Guid) -> Self {
        self.fru_id = Some(id);
        self
    }

    /// Sets the FRU Text.
    pub const fn fru_text(mut self, text: &'s [u8]) -> Self {
        self.fru_text = Some(text);
        self
    }

    /// Sets the timestamp.
    pub const fn timestamp(mut self, ts: Timestamp) -> Self {
        self.timestamp = Some(ts);
        self
    }

    /// Overrides the validation bits.
    pub const fn validation_bits(mut self, bits: u8) -> Self {
        self.validation_bits = Some(bits);
        self
    }

    /// Truncates the body to `len` bytes.
    pub const fn truncate_body(mut self, len: usize) -> Self {
        self.truncate_body = Some(len);
        self
    }

    /// The header length this entry gets.
    pub const fn header_len(&self) -> usize {
        if self.revision >> 8 >= 3 {
            GDATA_V300_LEN
        } else {
            GDATA_LEN
        }
    }

    fn computed_validation_bits(&self) -> u8 {
        let mut v = 0;
        if self.fru_id.is_some() {
            v |= Section::VALID_FRU_ID;
        }
        if self.fru_text.is_some() {
            v |= Section::VALID_FRU_TEXT;
        }
        if self.timestamp.is_some() {
            v |= Section::VALID_TIMESTAMP;
        }
        v
    }
}

/// Builds a Generic Error Status Block in a caller's buffer.
///
/// ```
/// use cper::{BodySpec, EstatusBuilder, Estatus, MemError, MemErrorSpec, SectionSpec};
/// let mut buf = [0u8; 256];
/// let mem = MemErrorSpec {
///     validation_bits: MemError::VALID_PA,
///     physical_addr: 0x4000_0000,
///     ..Default::default()
/// };
/// let len = EstatusBuilder::new(&mut buf)
///     .unwrap()
///     .section(&SectionSpec::new(BodySpec::Memory(mem)))
///     .unwrap()
///     .finish()
///     .unwrap();
/// assert_eq!(Estatus::parse(&buf[..len]).unwrap().section_count(), 1);
/// ```
pub struct EstatusBuilder<'b> {
    buf: &'b mut [u8],
    /// End of the data entries.
    end: usize,
    count: usize,
    flags: u32,
    block_status: Option<u32>,
    severity: u32,
    /// Raw data (offset, length), once written.
    raw: Option<(usize, usize)>,
}

impl fmt::Debug for EstatusBuilder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EstatusBuilder")
            .field("len", &self.end)
            .field("sections", &self.count)
            .field("raw", &self.raw)
            .finish()
    }
}

impl<'b> EstatusBuilder<'b> {
    /// Starts a record in `buf` (at least 20 bytes): no sections, recoverable severity, Block
    /// Status "uncorrectable" plus the entry count.
    pub fn new(buf: &'b mut [u8]) -> Result<Self, BuildError> {
        if buf.len() < 20 {
            return Err(BuildError::BufferTooSmall {
                needed: 20,
                available: buf.len(),
            });
        }
        let mut b = EstatusBuilder {
            buf,
            end: 20,
            count: 0,
            flags: BlockStatus::UNCORRECTABLE,
            block_status: None,
            severity: 0,
            raw: None,
        };
        b.write_header();
        Ok(b)
    }

    /// Sets the Error Severity (0 recoverable, 1 fatal, 2 corrected, 3 informational).
    pub fn severity(&mut self, severity: u32) -> &mut Self {
        self.severity = severity;
        self.write_header();
        self
    }

    /// Sets the Block Status flag bits 0..3 (the entry count is still computed).
    pub fn block_flags(&mut self, flags: u32) -> &mut Self {
        self.flags = flags & 0xf;
        self.write_header();
        self
    }

    /// Writes this exact Block Status, entry count included (e.g. QEMU's 1 with a count of 0).
    pub fn block_status_raw(&mut self, value: u32) -> &mut Self {
        self.block_status = Some(value);
        self.write_header();
        self
    }

    /// Appends a Generic Error Data Entry.
    pub fn section(&mut self, spec: &SectionSpec<'_>) -> Result<&mut Self, BuildError> {
        if self.raw.is_some() {
            return Err(BuildError::SectionAfterRawData);
        }
        let hdr_len = spec.header_len();
        if spec.timestamp.is_some() && hdr_len < GDATA_V300_LEN {
            return Err(BuildError::TimestampNeedsRevision3);
        }
        let full = spec.body.body_len()?;
        let body_len = spec.truncate_body.map_or(full, |t| t.min(full));
        let edl = u32::try_from(body_len).map_err(|_| BuildError::TooLarge)?;
        let start = self.end;
        let body_at = start.checked_add(hdr_len).ok_or(BuildError::TooLarge)?;
        let new_end = body_at.checked_add(body_len).ok_or(BuildError::TooLarge)?;
        // The data length and the whole block must fit in 32 bits.
        u32::try_from(new_end).map_err(|_| BuildError::TooLarge)?;
        let write_end = body_at.checked_add(full).ok_or(BuildError::TooLarge)?;
        let available = self.buf.len();
        if write_end > available {
            return Err(BuildError::BufferTooSmall {
                needed: write_end,
                available,
            });
        }
        let mut h = [0u8; GDATA_V300_LEN];
        put(&mut h, 0, &spec.body.section_type().0);
        put(&mut h, 16, &spec.severity.to_le_bytes());
        put(&mut h, 20, &spec.revision.to_le_bytes());
        let vb = spec
            .validation_bits
            .unwrap_or_else(|| spec.computed_validation_bits());
        put(&mut h, 22, &[vb, spec.flags]);
        put(&mut h, 24, &edl.to_le_bytes());
        if let Some(id) = spec.fru_id {
            put(&mut h, 28, &id.0);
        }
        if let Some(text) = spec.fru_text {
            if text.len() > 20 {
                return Err(BuildError::FruTextTooLong { len: text.len() });
            }
            put(&mut h, 44, text);
        }
        if let Some(ts) = spec.timestamp {
            put(&mut h, 64, &ts.0);
        }
        let out = self.buf.get_mut(start..).unwrap_or(&mut []);
        put(out, 0, h.get(..hdr_len).unwrap_or(&h));
        spec.body.write(out.get_mut(hdr_len..).unwrap_or(&mut []))?;
        // Clear whatever a truncated body left behind.
        if let Some(tail) = self.buf.get_mut(new_end..write_end) {
            tail.fill(0);
        }
        self.end = new_end;
        self.count = self.count.saturating_add(1);
        self.write_header();
        Ok(self)
    }

    /// Appends raw error data after the entries (`raw_data_offset` = end of the entries).
    pub fn raw_data(&mut self, data: &[u8]) -> Result<&mut Self, BuildError> {
        let end = self
            .end
            .checked_add(data.len())
            .ok_or(BuildError::TooLarge)?;
        u32::try_from(end).map_err(|_| BuildError::TooLarge)?;
        if !put(self.buf, self.end, data) {
            return Err(BuildError::BufferTooSmall {
                needed: end,
                available: self.buf.len(),
            });
        }
        self.raw = Some((self.end, data.len()));
        self.write_header();
        Ok(self)
    }

    /// Number of entries added.
    pub fn section_count(&self) -> usize {
        self.count
    }

    fn write_header(&mut self) {
        let count = u32::try_from(self.count).unwrap_or(u32::MAX).min(0x3ff);
        let block_status = self.block_status.unwrap_or(self.flags | (count << 4));
        let (raw_off, raw_len) = self.raw.unwrap_or((0, 0));
        let data_length = self.end.saturating_sub(20);
        let fields = [
            block_status,
            u32::try_from(raw_off).unwrap_or(u32::MAX),
            u32::try_from(raw_len).unwrap_or(u32::MAX),
            u32::try_from(data_length).unwrap_or(u32::MAX),
            self.severity,
        ];
        for (i, v) in fields.iter().enumerate() {
            put(self.buf, i.saturating_mul(4), &v.to_le_bytes());
        }
    }

    /// The record's total length; the record is `buf[..len]`.
    pub fn finish(&mut self) -> Result<usize, BuildError> {
        self.write_header();
        Ok(match self.raw {
            Some((off, len)) => off.saturating_add(len),
            None => self.end,
        })
    }
}
