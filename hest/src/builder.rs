// SPDX-License-Identifier: GPL-2.0
//! Building a HEST (ACPI 6.5 section 18.3.2) into a caller's buffer without allocation, for
//! tests, the lab and error injectors.

use core::fmt;

use super::aer::{AerBridge, AerEndpoint, AerRootPort};
use super::bank::Ia32ErrorBank;
use super::ghes::{Ghes, ReadAck};
use super::header::{checksum, AcpiHeader};
use super::ia32::{Ia32CorrectedCheck, Ia32MachineCheck, Ia32Nmi};
use super::source::{ErrorSource, Subtable};
use super::table::Hest;
use super::writer::Writer;

/// Why a table could not be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuildError {
    /// The buffer cannot hold what was asked.
    BufferTooSmall {
        /// Bytes the table would need so far.
        needed: usize,
        /// The buffer's size.
        available: usize,
    },
    /// More than 255 bank entries for one IA-32 subtable (the count is one byte).
    TooManyBanks {
        /// The banks given.
        count: usize,
    },
    /// The table would be longer than the 4 GiB a `u32` length can state.
    TableTooLong,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::BufferTooSmall { needed, available } => write!(
                f,
                "buffer too small: the table needs {needed} bytes, the buffer has {available}"
            ),
            Self::TooManyBanks { count } => {
                write!(f, "{count} error banks given, a subtable holds at most 255")
            }
            Self::TableTooLong => f.write_str("table longer than 4 GiB"),
        }
    }
}

/// The header fields a builder writes besides length, count and checksum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OemInfo {
    /// Table revision (1 in tables built by QEMU and most firmware).
    pub revision: u8,
    /// OEM ID.
    pub oem_id: [u8; 6],
    /// OEM Table ID.
    pub oem_table_id: [u8; 8],
    /// OEM Revision.
    pub oem_revision: u32,
    /// Creator ID.
    pub creator_id: [u8; 4],
    /// Creator Revision.
    pub creator_revision: u32,
}

impl OemInfo {
    /// Revision 1, the given OEM and table IDs, OEM revision 1, creator "GHRS" revision 1.
    pub const fn new(oem_id: [u8; 6], oem_table_id: [u8; 8]) -> Self {
        Self {
            revision: 1,
            oem_id,
            oem_table_id,
            oem_revision: 1,
            creator_id: *b"GHRS",
            creator_revision: 1,
        }
    }
}

/// Appends error source structures to a HEST in the caller's buffer; [`HestBuilder::finish`]
/// writes the header with the right length, count and checksum.
///
/// ```
/// # use hest::{Gas, Ghes, Hest, HestBuilder, Notify, NotifyKind, OemInfo};
/// let ghes = Ghes {
///     source_id: 1, related_source_id: 0xffff, flags: 0, enabled: true,
///     records_to_preallocate: 1, max_sections_per_record: 1, max_raw_data_length: 4096,
///     error_status_address: Gas::system_memory(0x1000, 64),
///     notify: Notify::new(NotifyKind::Polled), error_block_length: 4096, ack: None,
/// };
/// let mut buf = [0u8; 256];
/// let mut b = HestBuilder::new(&mut buf, &OemInfo::new(*b"OEMID ", *b"TABLEID "))?;
/// b.ghes(&ghes)?;
/// let len = b.finish()?;
/// let hest = Hest::parse(&buf[..len]).unwrap();
/// assert_eq!(hest.sources().next().unwrap().unwrap().ghes(), Some(&ghes));
/// # Ok::<(), hest::BuildError>(())
/// ```
#[derive(Debug)]
pub struct HestBuilder<'b> {
    buf: &'b mut [u8],
    oem: OemInfo,
    pos: usize,
    count: u32,
    declared_count: Option<u32>,
}

impl<'b> HestBuilder<'b> {
    /// A builder writing into `buf`, which must hold at least the 40 bytes of header and
    /// count.
    pub fn new(buf: &'b mut [u8], oem: &OemInfo) -> Result<Self, BuildError> {
        if buf.len() < Hest::SUBTABLES_OFFSET {
            return Err(BuildError::BufferTooSmall {
                needed: Hest::SUBTABLES_OFFSET,
                available: buf.len(),
            });
        }
        Ok(Self {
            buf,
            oem: *oem,
            pos: Hest::SUBTABLES_OFFSET,
            count: 0,
            declared_count: None,
        })
    }

    /// Appends one subtable written by `f`; on failure nothing is appended.
    fn push(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<(), BuildError>,
    ) -> Result<&mut Self, BuildError> {
        let mut w = Writer::new(self.buf, self.pos);
        f(&mut w)?;
        let end = w.pos();
        u32::try_from(end).map_err(|_| BuildError::TableTooLong)?;
        self.pos = end;
        self.count = self.count.saturating_add(1);
        Ok(self)
    }

    /// Appends a GHES: type 10 (GHESv2) if `ghes.ack` is `Some`, else type 9.
    pub fn ghes(&mut self, ghes: &Ghes) -> Result<&mut Self, BuildError> {
        self.push(|w| ghes.write(w))
    }

    /// Appends a GHESv2 (type 10) with `ghes`'s fields and `ack` as read-ack register.
    pub fn ghes_v2(&mut self, ghes: &Ghes, ack: ReadAck) -> Result<&mut Self, BuildError> {
        let v2 = Ghes {
            ack: Some(ack),
            ..*ghes
        };
        self.push(|w| v2.write(w))
    }

    /// Appends an IA-32 machine check exception source (type 0) and its banks.
    pub fn ia32_machine_check(
        &mut self,
        mc: &Ia32MachineCheck,
        banks: &[Ia32ErrorBank],
    ) -> Result<&mut Self, BuildError> {
        let n = bank_count(banks)?;
        self.push(|w| {
            mc.write(w, n)?;
            write_banks(w, banks)
        })
    }

    /// Appends an IA-32 corrected machine check source (type 1) and its banks.
    pub fn ia32_corrected(
        &mut self,
        cmc: &Ia32CorrectedCheck,
        banks: &[Ia32ErrorBank],
    ) -> Result<&mut Self, BuildError> {
        let n = bank_count(banks)?;
        self.push(|w| {
            cmc.write(w, 1, n)?;
            write_banks(w, banks)
        })
    }

    /// Appends an IA-32 deferred machine check source (type 11) and its banks.
    pub fn ia32_deferred(
        &mut self,
        dmc: &Ia32CorrectedCheck,
        banks: &[Ia32ErrorBank],
    ) -> Result<&mut Self, BuildError> {
        let n = bank_count(banks)?;
        self.push(|w| {
            dmc.write(w, 11, n)?;
            write_banks(w, banks)
        })
    }

    /// Appends an IA-32 NMI source (type 2).
    pub fn ia32_nmi(&mut self, nmi: &Ia32Nmi) -> Result<&mut Self, BuildError> {
        self.push(|w| nmi.write(w))
    }

    /// Appends a PCIe root port AER source (type 6).
    pub fn aer_root_port(&mut self, aer: &AerRootPort) -> Result<&mut Self, BuildError> {
        self.push(|w| aer.write(w))
    }

    /// Appends a PCIe device AER source (type 7).
    pub fn aer_endpoint(&mut self, aer: &AerEndpoint) -> Result<&mut Self, BuildError> {
        self.push(|w| aer.write(w))
    }

    /// Appends a PCIe/PCI-X bridge AER source (type 8).
    pub fn aer_bridge(&mut self, aer: &AerBridge) -> Result<&mut Self, BuildError> {
        self.push(|w| aer.write(w))
    }

    /// Appends any subtable; `banks` is used for types 0, 1 and 11 and ignored otherwise.
    pub fn subtable(
        &mut self,
        subtable: &Subtable,
        banks: &[Ia32ErrorBank],
    ) -> Result<&mut Self, BuildError> {
        match subtable {
            Subtable::Ia32MachineCheck(s) => self.ia32_machine_check(s, banks),
            Subtable::Ia32CorrectedMachineCheck(s) => self.ia32_corrected(s, banks),
            Subtable::Ia32DeferredMachineCheck(s) => self.ia32_deferred(s, banks),
            Subtable::Ia32Nmi(s) => self.ia32_nmi(s),
            Subtable::AerRootPort(s) => self.aer_root_port(s),
            Subtable::AerEndpoint(s) => self.aer_endpoint(s),
            Subtable::AerBridge(s) => self.aer_bridge(s),
            Subtable::Ghes(s) => self.ghes(s),
        }
    }

    /// Appends a copy of a parsed source's bytes (banks included), e.g. to rebuild a
    /// firmware table with changes.
    pub fn source(&mut self, source: &ErrorSource<'_>) -> Result<&mut Self, BuildError> {
        self.raw_subtable(source.bytes())
    }

    /// Appends `bytes` as they are, counted as one source: for tables with unknown types,
    /// wrong sizes or other damage.
    pub fn raw_subtable(&mut self, bytes: &[u8]) -> Result<&mut Self, BuildError> {
        self.push(|w| w.bytes(bytes))
    }

    /// Makes [`HestBuilder::finish`] write `count` as the Error Source Count instead of
    /// the number of subtables appended (to build tables whose count is wrong).
    pub fn declared_count(&mut self, count: u32) -> &mut Self {
        self.declared_count = Some(count);
        self
    }

    /// The table's length so far, header included.
    pub fn len(&self) -> usize {
        self.pos
    }

    /// Always `false`: a table has at least its 40-byte header.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Writes the header (length, count, checksum) and returns the table's length: the
    /// table is `buf[..length]`.
    pub fn finish(self) -> Result<usize, BuildError> {
        let length = u32::try_from(self.pos).map_err(|_| BuildError::TableTooLong)?;
        let header = AcpiHeader {
            signature: Hest::SIGNATURE,
            length,
            revision: self.oem.revision,
            checksum: 0,
            oem_id: self.oem.oem_id,
            oem_table_id: self.oem.oem_table_id,
            oem_revision: self.oem.oem_revision,
            creator_id: self.oem.creator_id,
            creator_revision: self.oem.creator_revision,
        };
        let mut w = Writer::new(self.buf, 0);
        header.write(&mut w)?;
        w.u32(self.declared_count.unwrap_or(self.count))?;
        let available = self.buf.len();
        let table = self
            .buf
            .get_mut(..self.pos)
            .ok_or(BuildError::BufferTooSmall {
                needed: self.pos,
                available,
            })?;
        let sum = checksum(table);
        if let Some(c) = table.get_mut(AcpiHeader::CHECKSUM_OFFSET) {
            *c = 0u8.wrapping_sub(sum);
        }
        Ok(self.pos)
    }
}

fn bank_count(banks: &[Ia32ErrorBank]) -> Result<u8, BuildError> {
    u8::try_from(banks.len()).map_err(|_| BuildError::TooManyBanks { count: banks.len() })
}

fn write_banks(w: &mut Writer<'_>, banks: &[Ia32ErrorBank]) -> Result<(), BuildError> {
    banks.iter().try_for_each(|b| b.write(w))
}
