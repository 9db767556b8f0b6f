// SPDX-License-Identifier: GPL-2.0
//! Whether a Generic Address Structure (ACPI 6.5 section 5.2.3.2) can serve as a GHES
//! register: Linux's `apei_check_gar()` rules (drivers/acpi/apei/apei-base.c) plus the
//! stricter ones this driver needs (system memory only, a whole-register address, natural
//! alignment).

use core::fmt;

use super::gas::{AddressSpace, Gas};

/// Which GHES register a GAS describes; the rules differ slightly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegisterRole {
    /// The Error Status Address register, which holds the physical address of the error
    /// status block: must be a whole 32- or 64-bit register at bit offset 0.
    ErrorStatusAddress,
    /// The GHESv2 Read Ack register: any non-empty bit field that fits the access size.
    ReadAck,
}

impl fmt::Display for RegisterRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ErrorStatusAddress => "error status address",
            Self::ReadAck => "read ack",
        })
    }
}

/// Why a GAS cannot be used as a GHES register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GasProblem {
    /// The address is 0 (Linux: "Invalid physical address in GAR").
    AddressZero,
    /// The access size code is 0 (undefined) or above 4 (Linux: "Invalid access size code
    /// in GAR").
    AccessWidthInvalid {
        /// The access size code.
        access_width: u8,
    },
    /// Bit width plus bit offset exceed the access size, after Linux's widening of 32- and
    /// 64-bit registers (Linux: "Invalid bit width + offset in GAR").
    ExceedsAccess {
        /// The register width.
        bit_width: u8,
        /// The register offset.
        bit_offset: u8,
        /// The access size in bits, after widening.
        access_bits: u32,
    },
    /// Not in system memory. Linux also accepts system I/O; this driver maps memory only
    /// (and a 64-bit status address cannot be read through Linux's 32-bit port accessors).
    NotSystemMemory {
        /// The address space the GAS names.
        space: AddressSpace,
    },
    /// An error status address register must be 32 or 64 bits wide.
    StatusWidth {
        /// The register width.
        bit_width: u8,
    },
    /// An error status address register must start at bit 0 (Linux reads the whole access
    /// and ignores the offset, so any other value reads a wrong address).
    StatusBitOffset {
        /// The register offset.
        bit_offset: u8,
    },
    /// A zero-width register (Linux: `acpi_os_map_generic_address()` refuses to map it).
    BitWidthZero,
    /// The address is not a multiple of the access size.
    Misaligned {
        /// The register address.
        address: u64,
        /// The access size in bytes.
        access_bytes: u32,
    },
}

impl fmt::Display for GasProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::AddressZero => f.write_str("address is 0"),
            Self::AccessWidthInvalid { access_width } => {
                write!(f, "access size code {access_width} is not 1 to 4")
            }
            Self::ExceedsAccess {
                bit_width,
                bit_offset,
                access_bits,
            } => write!(
                f,
                "{bit_width} bits at bit {bit_offset} do not fit a {access_bits}-bit access"
            ),
            Self::NotSystemMemory { space } => write!(f, "in {space}, not system memory"),
            Self::StatusWidth { bit_width } => {
                write!(
                    f,
                    "{bit_width} bits wide, an address register must be 32 or 64"
                )
            }
            Self::StatusBitOffset { bit_offset } => {
                write!(
                    f,
                    "starts at bit {bit_offset}, an address register must start at 0"
                )
            }
            Self::BitWidthZero => f.write_str("0 bits wide"),
            Self::Misaligned {
                address,
                access_bytes,
            } => write!(
                f,
                "address {address:#x} is not aligned to its {access_bytes}-byte access"
            ),
        }
    }
}

impl Gas {
    /// Checks that the GAS can serve as the GHES register `role`, in this order:
    /// Linux's `apei_check_gar()` (address not 0, access size code 1..=4, bit width plus
    /// offset within the access size after its 32/64-bit widening), then system memory
    /// only, then the role's width rules, then natural alignment of the address.
    pub fn check(&self, role: RegisterRole) -> Result<(), GasProblem> {
        if self.address == 0 {
            return Err(GasProblem::AddressZero);
        }
        let access_bits = self
            .effective_access_bits()
            .ok_or(GasProblem::AccessWidthInvalid {
                access_width: self.access_width,
            })?;
        let bits = u32::from(self.bit_width).saturating_add(u32::from(self.bit_offset));
        if bits > access_bits {
            return Err(GasProblem::ExceedsAccess {
                bit_width: self.bit_width,
                bit_offset: self.bit_offset,
                access_bits,
            });
        }
        if !self.is_system_memory() {
            return Err(GasProblem::NotSystemMemory {
                space: self.space(),
            });
        }
        match role {
            RegisterRole::ErrorStatusAddress => {
                if self.bit_width != 32 && self.bit_width != 64 {
                    return Err(GasProblem::StatusWidth {
                        bit_width: self.bit_width,
                    });
                }
                if self.bit_offset != 0 {
                    return Err(GasProblem::StatusBitOffset {
                        bit_offset: self.bit_offset,
                    });
                }
            }
            RegisterRole::ReadAck => {
                if self.bit_width == 0 {
                    return Err(GasProblem::BitWidthZero);
                }
            }
        }
        // access_bits is 8, 16, 32 or 64.
        let (access_bytes, mask) = match access_bits {
            8 => (1, 0),
            16 => (2, 1),
            32 => (4, 3),
            _ => (8, 7),
        };
        if self.address & mask != 0 {
            return Err(GasProblem::Misaligned {
                address: self.address,
                access_bytes,
            });
        }
        Ok(())
    }
}
