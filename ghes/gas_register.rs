// SPDX-License-Identifier: GPL-2.0

//! The registers a GHES names with ACPI Generic Address Structures (ACPI 6.5 section 5.2.3.2,
//! table 18.13): the Error Status Address register and the GHESv2 Read Ack register,
//! pre-mapped at probe so NMI-like handlers can use them.

use kernel::error::{to_result, Result};

use crate::bindings::{self, GhesRsGas};
use crate::hest::{Gas, ReadAck};

/// A register mapped with `apei_map_generic_address()`.
///
/// # Invariants
///
/// `gas` was mapped successfully and stays mapped until [`Drop`].
pub(crate) struct Register {
    gas: GhesRsGas,
}

impl Register {
    /// Maps `gas`. Context: process context, may sleep.
    pub(crate) fn map(gas: &Gas) -> Result<Self> {
        let gas = GhesRsGas {
            address: gas.address,
            space_id: gas.space_id,
            bit_width: gas.bit_width,
            bit_offset: gas.bit_offset,
            access_width: gas.access_width,
        };
        // SAFETY: `gas` is a valid, initialised `struct ghes_rs_gas` for the call.
        to_result(unsafe { bindings::ghes_rs_gas_map(&gas) })?;
        // INVARIANT: mapped just above.
        Ok(Self { gas })
    }

    /// Reads the register. Context: any, including NMI.
    pub(crate) fn read(&self) -> Result<u64> {
        let mut val = 0u64;
        // SAFETY: by the type invariant the register is mapped; `val` is valid for writes.
        to_result(unsafe { bindings::ghes_rs_gas_read(&self.gas, &mut val) })?;
        Ok(val)
    }

    /// Writes the register. Context: any, including NMI.
    pub(crate) fn write(&self, val: u64) -> Result {
        // SAFETY: by the type invariant the register is mapped.
        to_result(unsafe { bindings::ghes_rs_gas_write(&self.gas, val) })
    }

    /// The register's bit offset within the access.
    pub(crate) fn bit_offset(&self) -> u8 {
        self.gas.bit_offset
    }
}

impl Drop for Register {
    fn drop(&mut self) {
        // SAFETY: by the type invariant the register is mapped, and it is unmapped only here.
        unsafe { bindings::ghes_rs_gas_unmap(&self.gas) };
    }
}

/// A GHESv2 Read Ack register with its preserve and write masks (ACPI 6.5 table 18.13).
pub(crate) struct ReadAckRegister {
    register: Register,
    preserve: u64,
    write: u64,
}

impl ReadAckRegister {
    /// Maps the Read Ack register of `ack`. Context: process context, may sleep.
    pub(crate) fn map(ack: &ReadAck) -> Result<Self> {
        Ok(Self {
            register: Register::map(&ack.register)?,
            preserve: ack.preserve,
            write: ack.write,
        })
    }

    /// Tells firmware the block's record was consumed, as `ghes_ack_error()` does:
    /// `val = (val & (preserve << bit_offset)) | (write << bit_offset)`.
    ///
    /// Context: any, including NMI.
    pub(crate) fn ack(&self) -> Result {
        let shift = u32::from(self.register.bit_offset());
        let val = self.register.read()?;
        let val = (val & self.preserve.checked_shl(shift).unwrap_or(0))
            | self.write.checked_shl(shift).unwrap_or(0);
        self.register.write(val)
    }
}

/// Firmware's side of the register, for the KUnit suites.
#[cfg(CONFIG_GHES_RS_KUNIT_TEST)]
impl ReadAckRegister {
    /// The register's whole value.
    pub(crate) fn read(&self) -> Result<u64> {
        self.register.read()
    }

    /// Firmware takes the block back before writing a new record: the register reads 0.
    pub(crate) fn clear(&self) -> Result {
        self.register.write(0)
    }
}
