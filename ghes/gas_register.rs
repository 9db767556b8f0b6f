// SPDX-License-Identifier: GPL-2.0

//! The registers a GHES names with ACPI Generic Address Structures (ACPI 6.5 section 5.2.3.2,
//! table 18.13): the Error Status Address register and the GHESv2 Read Ack register,
//! pre-mapped at probe so NMI-like handlers can use them.
//!
//! A 32- or 64-bit system-memory register is read and written through its own mapping, with
//! one load or store: `apei_read()` and `apei_write()` decode the GAS and look the mapping up
//! in ACPICA's list on every access (about 700 instructions each). Any other register goes
//! through them.

use core::ffi::c_void;

use kernel::error::{to_result, Result};

use crate::bindings::{self, GhesRsGas};
use crate::hest::{Gas, ReadAck};

/// A register mapped with `apei_map_generic_address()`.
///
/// # Invariants
///
/// `gas` was mapped successfully and stays mapped until [`Drop`]; so is `direct`, if any: the
/// `direct.1` (32 or 64) bits `apei_read()` would access, mapped at `direct.0`.
pub(crate) struct Register {
    gas: GhesRsGas,
    direct: Option<(*mut c_void, u32)>,
}

// SAFETY: the mapping is a plain kernel virtual address, valid on every CPU.
unsafe impl Send for Register {}
// SAFETY: accesses through `&Register` are single loads and stores of the register, which
// `apei_read()`/`apei_write()` would make from any CPU too.
unsafe impl Sync for Register {}

/// The access width, in bits, `apei_check_gar()` gives `gas`, if it is a system-memory access
/// of 32 or 64 bits (the others, and what `apei_check_gar()` refuses, are `None`).
fn direct_access_bits(gas: &GhesRsGas) -> Option<u32> {
    const SYSTEM_MEMORY: u8 = 0;
    if gas.address == 0 || gas.space_id != SYSTEM_MEMORY || !(1..=4).contains(&gas.access_width) {
        return None;
    }
    let mut bits = 1u32 << (gas.access_width + 2);
    // apei_check_gar()'s fix-up of a common firmware bug (access size too small).
    if gas.bit_width == 32 && gas.bit_offset == 0 && gas.address % 4 == 0 && bits < 32 {
        bits = 32;
    } else if gas.bit_width == 64 && gas.bit_offset == 0 && gas.address % 8 == 0 && bits < 64 {
        bits = 64;
    }
    if u32::from(gas.bit_width) + u32::from(gas.bit_offset) > bits {
        return None;
    }
    matches!(bits, 32 | 64).then_some(bits)
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
        let direct = direct_access_bits(&gas).and_then(|bits| {
            // SAFETY: plain call; the shim maps with the attributes firmware gave the range.
            let vaddr = unsafe { bindings::ghes_rs_block_premap(gas.address, bits / 8) };
            (!vaddr.is_null()).then_some((vaddr, bits))
        });
        // INVARIANT: mapped just above.
        Ok(Self { gas, direct })
    }

    /// Reads the register. Context: any, including NMI.
    pub(crate) fn read(&self) -> Result<u64> {
        if let Some((vaddr, bits)) = self.direct {
            // SAFETY: by the type invariant `vaddr` maps the register's `bits` bits.
            return Ok(unsafe { bindings::ghes_rs_reg_read(vaddr, bits == 64) });
        }
        let mut val = 0u64;
        // SAFETY: by the type invariant the register is mapped; `val` is valid for writes.
        to_result(unsafe { bindings::ghes_rs_gas_read(&self.gas, &mut val) })?;
        Ok(val)
    }

    /// Writes the register. Context: any, including NMI.
    pub(crate) fn write(&self, val: u64) -> Result {
        if let Some((vaddr, bits)) = self.direct {
            // SAFETY: by the type invariant `vaddr` maps the register's `bits` bits.
            unsafe { bindings::ghes_rs_reg_write(vaddr, bits == 64, val) };
            return Ok(());
        }
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
        if let Some((vaddr, bits)) = self.direct {
            // SAFETY: mapped in `map`, unmapped once, here.
            unsafe { bindings::ghes_rs_block_unmap(vaddr, bits / 8) };
        }
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
