// SPDX-License-Identifier: GPL-2.0
//! EFI GUIDs: the section type and FRU identifiers, printed as Linux's `%pUl` / `%pUL`.

use core::fmt;

/// A GUID in its in-memory (EFI_GUID) byte order: the first three fields little-endian.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Guid(pub [u8; 16]);

impl Guid {
    /// Builds a GUID like Linux's `GUID_INIT(a, b, c, d0, ..., d7)`.
    pub const fn new(a: u32, b: u16, c: u16, d: [u8; 8]) -> Self {
        let a = a.to_le_bytes();
        let b = b.to_le_bytes();
        let c = c.to_le_bytes();
        Guid([
            a[0], a[1], a[2], a[3], b[0], b[1], c[0], c[1], d[0], d[1], d[2], d[3], d[4], d[5],
            d[6], d[7],
        ])
    }

    /// The 16 bytes in memory order.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Formats as Linux's `%pUL` (upper case); `Display` is `%pUl` (lower case).
    pub fn upper(&self) -> impl fmt::Display + '_ {
        GuidFmt(self, true)
    }

    /// CPER_SEC_PROC_GENERIC: processor generic error section.
    pub const PROC_GENERIC: Guid = Guid::new(
        0x9876CCAD,
        0x47B4,
        0x4bdb,
        [0xB6, 0x5E, 0x16, 0xF1, 0x93, 0xC4, 0xF3, 0xDB],
    );
    /// CPER_SEC_PROC_IA: IA32/X64 processor error section (printed as unknown on arm64).
    pub const PROC_IA: Guid = Guid::new(
        0xDC3EA0B0,
        0xA144,
        0x4797,
        [0xB9, 0x5B, 0x53, 0xFA, 0x24, 0x2B, 0x6E, 0x1D],
    );
    /// CPER_SEC_PROC_ARM: ARM processor error section.
    pub const PROC_ARM: Guid = Guid::new(
        0xE19E3D16,
        0xBC11,
        0x11E4,
        [0x9C, 0xAA, 0xC2, 0x05, 0x1D, 0x5D, 0x46, 0xB0],
    );
    /// CPER_SEC_PLATFORM_MEM: platform memory error section.
    pub const PLATFORM_MEM: Guid = Guid::new(
        0xA5BC1114,
        0x6F64,
        0x4EDE,
        [0xB8, 0x63, 0x3E, 0x83, 0xED, 0x7C, 0x83, 0xB1],
    );
    /// Memory Error Section 2 (UEFI 2.10 N.2.5.1; Linux 6.12 prints it as unknown).
    pub const PLATFORM_MEM2: Guid = Guid::new(
        0x61EC04FC,
        0x48E6,
        0xD813,
        [0x25, 0xC9, 0x8D, 0xAA, 0x44, 0x75, 0x0B, 0x12],
    );
    /// CPER_SEC_PCIE: PCI Express error section.
    pub const PCIE: Guid = Guid::new(
        0xD995E954,
        0xBBC1,
        0x430F,
        [0xAD, 0x91, 0xB4, 0x4D, 0xCB, 0x3C, 0x6F, 0x35],
    );
    /// CPER_SEC_FW_ERR_REC_REF: firmware error record reference section.
    pub const FW_ERR_REC_REF: Guid = Guid::new(
        0x81212A96,
        0x09ED,
        0x4996,
        [0x94, 0x71, 0x8D, 0x72, 0x9C, 0x8E, 0x69, 0xED],
    );
    /// CPER_SEC_CXL_PROT_ERR: CXL protocol error section.
    pub const CXL_PROT_ERR: Guid = Guid::new(
        0x80B9EFB4,
        0x52B5,
        0x4DE3,
        [0xA7, 0x77, 0x68, 0x78, 0x4B, 0x77, 0x10, 0x48],
    );
    /// CPER_SEC_CXL_GEN_MEDIA_GUID: CXL General Media event record.
    pub const CXL_GEN_MEDIA: Guid = Guid::new(
        0xfbcd0a77,
        0xc260,
        0x417f,
        [0x85, 0xa9, 0x08, 0x8b, 0x16, 0x21, 0xeb, 0xa6],
    );
    /// CPER_SEC_CXL_DRAM_GUID: CXL DRAM event record.
    pub const CXL_DRAM: Guid = Guid::new(
        0x601dcbb3,
        0x9c06,
        0x4eab,
        [0xb8, 0xaf, 0x4e, 0x9b, 0xfb, 0x5c, 0x96, 0x24],
    );
    /// CPER_SEC_CXL_MEM_MODULE_GUID: CXL Memory Module event record.
    pub const CXL_MEM_MODULE: Guid = Guid::new(
        0xfe927475,
        0xdd59,
        0x4339,
        [0xa5, 0x86, 0x79, 0xba, 0xb1, 0x13, 0xb7, 0x74],
    );
}

/// `%pUl` / `%pUL` formatting (lib/vsprintf.c uuid_string() with the little-endian index).
struct GuidFmt<'a>(&'a Guid, bool);

impl fmt::Display for GuidFmt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // guid_index[] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15}
        const ORDER: [usize; 16] = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
        for (i, idx) in ORDER.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            let b = self.0 .0.get(*idx).copied().unwrap_or(0);
            if self.1 {
                write!(f, "{b:02X}")?;
            } else {
                write!(f, "{b:02x}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&GuidFmt(self, false), f)
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Guid({self})")
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::Guid;
    use std::format;

    #[test]
    fn formats_like_pul() {
        assert_eq!(
            format!("{}", Guid::PLATFORM_MEM),
            "a5bc1114-6f64-4ede-b863-3e83ed7c83b1"
        );
        assert_eq!(
            format!("{}", Guid::PLATFORM_MEM.upper()),
            "A5BC1114-6F64-4EDE-B863-3E83ED7C83B1"
        );
        // Memory order: first field little-endian.
        assert_eq!(&Guid::PLATFORM_MEM.0[..4], &[0x14, 0x11, 0xbc, 0xa5]);
        assert_eq!(
            format!("{:?}", Guid::default()),
            "Guid(00000000-0000-0000-0000-000000000000)"
        );
    }
}
