// SPDX-License-Identifier: GPL-2.0
//! IA-32 Architecture Machine Check Error Bank entries (ACPI 6.5 section 18.3.2.2, table
//! 18.4, 28 bytes each) that follow the IA-32 machine check subtables, and a lazy iterator
//! over them.

use super::builder::BuildError;
use super::reader::Reader;
use super::writer::Writer;

/// One machine check bank as the firmware describes it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ia32ErrorBank {
    /// Bank Number.
    pub bank_number: u8,
    /// Clear Status On Initialization: non-zero if the OS should clear the bank's status
    /// register at boot.
    pub clear_status_on_init: u8,
    /// Status Data Format: 0 IA-32 MCA, 1 Intel 64 MCA, 2 AMD64 MCA.
    pub status_format: u8,
    /// Control Register MSR address.
    pub control_register: u32,
    /// Control Init Data.
    pub control_data: u64,
    /// Status Register MSR address.
    pub status_register: u32,
    /// Address Register MSR address.
    pub address_register: u32,
    /// Misc Register MSR address.
    pub misc_register: u32,
}

impl Ia32ErrorBank {
    /// Size of one bank entry.
    pub const SIZE: usize = 28;

    fn read(r: &mut Reader<'_>) -> Option<Self> {
        let bank_number = r.u8()?;
        let clear_status_on_init = r.u8()?;
        let status_format = r.u8()?;
        r.skip(1)?;
        Some(Self {
            bank_number,
            clear_status_on_init,
            status_format,
            control_register: r.u32()?,
            control_data: r.u64()?,
            status_register: r.u32()?,
            address_register: r.u32()?,
            misc_register: r.u32()?,
        })
    }

    /// Encodes the bank entry.
    pub(crate) fn write(&self, w: &mut Writer<'_>) -> Result<(), BuildError> {
        w.u8(self.bank_number)?;
        w.u8(self.clear_status_on_init)?;
        w.u8(self.status_format)?;
        w.zeros(1)?;
        w.u32(self.control_register)?;
        w.u64(self.control_data)?;
        w.u32(self.status_register)?;
        w.u32(self.address_register)?;
        w.u32(self.misc_register)
    }
}

/// A lazy iterator over the bank entries of one subtable, decoding each from the borrowed
/// table bytes when asked. Empty for subtables without banks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Banks<'a> {
    bytes: &'a [u8],
}

impl<'a> Banks<'a> {
    /// Banks over `bytes`, which the caller has sized to a whole number of entries.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    /// The bank entries' bytes not yet iterated.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }
}

impl Iterator for Banks<'_> {
    type Item = Ia32ErrorBank;

    fn next(&mut self) -> Option<Ia32ErrorBank> {
        let entry = self.bytes.get(..Ia32ErrorBank::SIZE)?;
        let bank = Ia32ErrorBank::read(&mut Reader::new(entry))?;
        self.bytes = self.bytes.get(Ia32ErrorBank::SIZE..)?;
        Some(bank)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.bytes.len() / Ia32ErrorBank::SIZE;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Banks<'_> {}

impl core::iter::FusedIterator for Banks<'_> {}
