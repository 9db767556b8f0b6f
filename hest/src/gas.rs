// SPDX-License-Identifier: GPL-2.0
//! The ACPI Generic Address Structure (ACPI 6.5 section 5.2.3.2), 12 bytes, which the HEST
//! uses for the GHES error status address and the GHESv2 read-ack register.

use core::fmt;

use super::reader::Reader;

/// A Generic Address Structure: where a register lives and how to access it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Gas {
    /// Address space ID (see [`AddressSpace`]).
    pub space_id: u8,
    /// Register width in bits.
    pub bit_width: u8,
    /// Register offset in bits from `address`.
    pub bit_offset: u8,
    /// Access size code: 0 undefined, 1 byte, 2 word, 3 dword, 4 qword.
    pub access_width: u8,
    /// Register address in the address space.
    pub address: u64,
}

/// An ACPI address space ID (ACPI 6.5 table 5.1), as used in [`Gas::space_id`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddressSpace {
    /// 0: system memory.
    SystemMemory,
    /// 1: system I/O ports.
    SystemIo,
    /// 2: PCI configuration space.
    PciConfig,
    /// 3: embedded controller.
    EmbeddedController,
    /// 4: SMBus.
    SmBus,
    /// 5: system CMOS.
    SystemCmos,
    /// 6: PCI BAR target.
    PciBarTarget,
    /// 7: IPMI.
    Ipmi,
    /// 8: general purpose I/O.
    GeneralPurposeIo,
    /// 9: generic serial bus.
    GenericSerialBus,
    /// 10: platform communications channel.
    PlatformCommChannel,
    /// 11: platform runtime mechanism.
    PlatformRuntime,
    /// 0x7f: functional fixed hardware.
    FunctionalFixedHardware,
    /// Any other (reserved or OEM-defined) value.
    Other(u8),
}

impl AddressSpace {
    /// The address space named by an ACPI address space ID.
    pub const fn from_raw(raw: u8) -> Self {
        match raw {
            0 => Self::SystemMemory,
            1 => Self::SystemIo,
            2 => Self::PciConfig,
            3 => Self::EmbeddedController,
            4 => Self::SmBus,
            5 => Self::SystemCmos,
            6 => Self::PciBarTarget,
            7 => Self::Ipmi,
            8 => Self::GeneralPurposeIo,
            9 => Self::GenericSerialBus,
            10 => Self::PlatformCommChannel,
            11 => Self::PlatformRuntime,
            0x7f => Self::FunctionalFixedHardware,
            other => Self::Other(other),
        }
    }

    /// The ACPI address space ID.
    pub const fn raw(self) -> u8 {
        match self {
            Self::SystemMemory => 0,
            Self::SystemIo => 1,
            Self::PciConfig => 2,
            Self::EmbeddedController => 3,
            Self::SmBus => 4,
            Self::SystemCmos => 5,
            Self::PciBarTarget => 6,
            Self::Ipmi => 7,
            Self::GeneralPurposeIo => 8,
            Self::GenericSerialBus => 9,
            Self::PlatformCommChannel => 10,
            Self::PlatformRuntime => 11,
            Self::FunctionalFixedHardware => 0x7f,
            Self::Other(raw) => raw,
        }
    }
}

impl fmt::Display for AddressSpace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::SystemMemory => "system memory",
            Self::SystemIo => "system I/O",
            Self::PciConfig => "PCI config",
            Self::EmbeddedController => "embedded controller",
            Self::SmBus => "SMBus",
            Self::SystemCmos => "CMOS",
            Self::PciBarTarget => "PCI BAR target",
            Self::Ipmi => "IPMI",
            Self::GeneralPurposeIo => "GPIO",
            Self::GenericSerialBus => "generic serial bus",
            Self::PlatformCommChannel => "PCC",
            Self::PlatformRuntime => "PRM",
            Self::FunctionalFixedHardware => "functional fixed hardware",
            Self::Other(raw) => return write!(f, "address space {raw:#x}"),
        };
        f.write_str(name)
    }
}

impl Gas {
    /// Size of the structure in a table.
    pub const SIZE: usize = 12;

    /// A GAS for a register in system memory, accessed with its own width (`bit_width` 8,
    /// 16, 32 or 64 gives access size code 1..=4; any other width gives 0, undefined).
    pub const fn system_memory(address: u64, bit_width: u8) -> Self {
        let access_width = match bit_width {
            8 => 1,
            16 => 2,
            32 => 3,
            64 => 4,
            _ => 0,
        };
        Self {
            space_id: 0,
            bit_width,
            bit_offset: 0,
            access_width,
            address,
        }
    }

    /// The address space [`Gas::space_id`] names.
    pub const fn space(&self) -> AddressSpace {
        AddressSpace::from_raw(self.space_id)
    }

    /// Whether the register is in system memory (space 0).
    pub const fn is_system_memory(&self) -> bool {
        self.space_id == 0
    }

    /// Whether the register is a system I/O port (space 1).
    pub const fn is_system_io(&self) -> bool {
        self.space_id == 1
    }

    /// The access size in bits that [`Gas::access_width`] encodes (8, 16, 32 or 64), or
    /// `None` for code 0 (undefined) and codes above 4.
    pub const fn access_bits(&self) -> Option<u32> {
        match self.access_width {
            1 => Some(8),
            2 => Some(16),
            3 => Some(32),
            4 => Some(64),
            _ => None,
        }
    }

    /// The access size Linux's `apei_check_gar()` actually uses: [`Gas::access_bits`], widened
    /// to 32 (or 64) when the register is 32 (or 64) bits wide at bit offset 0 on a naturally
    /// aligned address but the firmware gave a smaller access size ("common BIOS bug").
    pub const fn effective_access_bits(&self) -> Option<u32> {
        let Some(bits) = self.access_bits() else {
            return None;
        };
        if self.bit_width == 32 && self.bit_offset == 0 && self.address & 3 == 0 && bits < 32 {
            Some(32)
        } else if self.bit_width == 64 && self.bit_offset == 0 && self.address & 7 == 0 && bits < 64
        {
            Some(64)
        } else {
            Some(bits)
        }
    }

    /// Decodes the 12 bytes of a GAS.
    pub fn from_bytes(bytes: &[u8; Self::SIZE]) -> Self {
        let [space_id, bit_width, bit_offset, access_width, a0, a1, a2, a3, a4, a5, a6, a7] =
            *bytes;
        Self {
            space_id,
            bit_width,
            bit_offset,
            access_width,
            address: u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]),
        }
    }

    /// Encodes the GAS as the 12 bytes a table holds.
    pub fn to_bytes(self) -> [u8; Self::SIZE] {
        let [a0, a1, a2, a3, a4, a5, a6, a7] = self.address.to_le_bytes();
        [
            self.space_id,
            self.bit_width,
            self.bit_offset,
            self.access_width,
            a0,
            a1,
            a2,
            a3,
            a4,
            a5,
            a6,
            a7,
        ]
    }

    /// Reads a GAS from `r`.
    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Self> {
        r.array().map(|b| Self::from_bytes(&b))
    }
}

impl fmt::Display for Gas {
    /// `0x7c410000 (system memory, 64 bits at bit 0, access 4)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:#x} ({}, {} bits at bit {}, access {})",
            self.address,
            self.space(),
            self.bit_width,
            self.bit_offset,
            self.access_width
        )
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::{AddressSpace, Gas};

    #[test]
    fn bytes_round_trip_and_layout() {
        let gas = Gas {
            space_id: 0,
            bit_width: 64,
            bit_offset: 0,
            access_width: 4,
            address: 0x7c41_0000,
        };
        let bytes = [0, 64, 0, 4, 0x00, 0x00, 0x41, 0x7c, 0, 0, 0, 0];
        assert_eq!(gas.to_bytes(), bytes);
        assert_eq!(Gas::from_bytes(&bytes), gas);
        assert_eq!(Gas::system_memory(0x7c41_0000, 64), gas);
        assert_eq!(
            gas.to_string(),
            "0x7c410000 (system memory, 64 bits at bit 0, access 4)"
        );
    }

    #[test]
    fn address_spaces_round_trip() {
        for raw in 0..=255u8 {
            assert_eq!(AddressSpace::from_raw(raw).raw(), raw);
        }
        assert_eq!(AddressSpace::from_raw(1), AddressSpace::SystemIo);
        assert_eq!(
            AddressSpace::from_raw(0x7f).to_string(),
            "functional fixed hardware"
        );
        assert_eq!(
            AddressSpace::from_raw(0x80).to_string(),
            "address space 0x80"
        );
        assert!(Gas::system_memory(8, 32).is_system_memory());
        assert!(!Gas::system_memory(8, 32).is_system_io());
    }

    #[test]
    fn effective_access_follows_apei_check_gar() {
        // Undefined and out-of-range access codes have no access size.
        assert_eq!(
            Gas {
                access_width: 0,
                ..Gas::system_memory(8, 64)
            }
            .access_bits(),
            None
        );
        assert_eq!(
            Gas {
                access_width: 5,
                ..Gas::system_memory(8, 64)
            }
            .access_bits(),
            None
        );
        // A 64-bit register declared with byte access on an 8-aligned address is widened.
        let byte_access = Gas {
            access_width: 1,
            ..Gas::system_memory(0x1000, 64)
        };
        assert_eq!(byte_access.access_bits(), Some(8));
        assert_eq!(byte_access.effective_access_bits(), Some(64));
        // ... but not when misaligned or offset.
        let misaligned = Gas {
            address: 0x1004,
            ..byte_access
        };
        assert_eq!(misaligned.effective_access_bits(), Some(8));
        let offset = Gas {
            bit_offset: 1,
            ..byte_access
        };
        assert_eq!(offset.effective_access_bits(), Some(8));
        // A 32-bit register with word access on a 4-aligned address becomes 32.
        let word = Gas {
            access_width: 2,
            ..Gas::system_memory(0x1004, 32)
        };
        assert_eq!(word.effective_access_bits(), Some(32));
    }
}
