// SPDX-License-Identifier: GPL-2.0
//! The HEST subtable types ACPI 6.5 section 18.3.2 defines, with the fixed size of each.

use core::fmt;

/// A HEST error source structure type (the first two bytes of every subtable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// 0: IA-32 Architecture Machine Check Exception (40 bytes + banks).
    Ia32MachineCheck,
    /// 1: IA-32 Architecture Corrected Machine Check (48 bytes + banks).
    Ia32CorrectedMachineCheck,
    /// 2: IA-32 Architecture Non-Maskable Interrupt (20 bytes).
    Ia32Nmi,
    /// 6: PCI Express Root Port AER (48 bytes).
    AerRootPort,
    /// 7: PCI Express Device AER (44 bytes).
    AerEndpoint,
    /// 8: PCI Express/PCI-X Bridge AER (56 bytes).
    AerBridge,
    /// 9: Generic Hardware Error Source (64 bytes).
    Ghes,
    /// 10: Generic Hardware Error Source version 2 (92 bytes).
    GhesV2,
    /// 11: IA-32 Architecture Deferred Machine Check (48 bytes + banks).
    Ia32DeferredMachineCheck,
}

impl SourceKind {
    /// Size of one IA-32 error bank entry (ACPI 6.5 table 18.4).
    pub const BANK_SIZE: usize = 28;

    /// The kind a subtable type value names; `None` for 3, 4, 5 (unused) and 12 and above
    /// (reserved), whose length cannot be known.
    pub const fn from_raw(raw: u16) -> Option<Self> {
        Some(match raw {
            0 => Self::Ia32MachineCheck,
            1 => Self::Ia32CorrectedMachineCheck,
            2 => Self::Ia32Nmi,
            6 => Self::AerRootPort,
            7 => Self::AerEndpoint,
            8 => Self::AerBridge,
            9 => Self::Ghes,
            10 => Self::GhesV2,
            11 => Self::Ia32DeferredMachineCheck,
            _ => return None,
        })
    }

    /// The subtable type value.
    pub const fn raw(self) -> u16 {
        match self {
            Self::Ia32MachineCheck => 0,
            Self::Ia32CorrectedMachineCheck => 1,
            Self::Ia32Nmi => 2,
            Self::AerRootPort => 6,
            Self::AerEndpoint => 7,
            Self::AerBridge => 8,
            Self::Ghes => 9,
            Self::GhesV2 => 10,
            Self::Ia32DeferredMachineCheck => 11,
        }
    }

    /// The size of the subtable without its error bank entries (the whole size for types
    /// without banks).
    pub const fn fixed_len(self) -> usize {
        match self {
            Self::Ia32MachineCheck => 40,
            Self::Ia32CorrectedMachineCheck | Self::Ia32DeferredMachineCheck => 48,
            Self::Ia32Nmi => 20,
            Self::AerRootPort => 48,
            Self::AerEndpoint => 44,
            Self::AerBridge => 56,
            Self::Ghes => 64,
            Self::GhesV2 => 92,
        }
    }

    /// For the types followed by IA-32 error bank entries (0, 1, 11), the offset of the
    /// one-byte Number Of Hardware Banks field inside the subtable.
    pub const fn bank_count_offset(self) -> Option<usize> {
        match self {
            Self::Ia32MachineCheck => Some(32),
            Self::Ia32CorrectedMachineCheck | Self::Ia32DeferredMachineCheck => Some(44),
            _ => None,
        }
    }

    /// Whether this is a GHES or GHESv2.
    pub const fn is_ghes(self) -> bool {
        matches!(self, Self::Ghes | Self::GhesV2)
    }
}

impl fmt::Display for SourceKind {
    /// A short name: "IA-32 MCE", "IA-32 CMC", "IA-32 NMI", "PCIe root port AER",
    /// "PCIe device AER", "PCIe bridge AER", "GHES", "GHESv2", "IA-32 deferred MCE".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ia32MachineCheck => "IA-32 MCE",
            Self::Ia32CorrectedMachineCheck => "IA-32 CMC",
            Self::Ia32Nmi => "IA-32 NMI",
            Self::AerRootPort => "PCIe root port AER",
            Self::AerEndpoint => "PCIe device AER",
            Self::AerBridge => "PCIe bridge AER",
            Self::Ghes => "GHES",
            Self::GhesV2 => "GHESv2",
            Self::Ia32DeferredMachineCheck => "IA-32 deferred MCE",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::SourceKind;

    #[test]
    fn known_types_round_trip_and_others_are_unknown() {
        let known = [0u16, 1, 2, 6, 7, 8, 9, 10, 11];
        for raw in 0..=u16::MAX {
            match SourceKind::from_raw(raw) {
                Some(kind) => {
                    assert!(known.contains(&raw));
                    assert_eq!(kind.raw(), raw);
                }
                None => assert!(!known.contains(&raw)),
            }
        }
    }

    #[test]
    fn short_names() {
        extern crate std;
        use std::string::ToString;
        let names: std::vec::Vec<_> = [0u16, 1, 2, 6, 7, 8, 9, 10, 11]
            .iter()
            .map(|&raw| SourceKind::from_raw(raw).unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "IA-32 MCE",
                "IA-32 CMC",
                "IA-32 NMI",
                "PCIe root port AER",
                "PCIe device AER",
                "PCIe bridge AER",
                "GHES",
                "GHESv2",
                "IA-32 deferred MCE"
            ]
        );
    }

    #[test]
    fn sizes_match_actbl1_h() {
        let sizes: [(u16, usize); 9] = [
            (0, 40),
            (1, 48),
            (2, 20),
            (6, 48),
            (7, 44),
            (8, 56),
            (9, 64),
            (10, 92),
            (11, 48),
        ];
        for (raw, size) in sizes {
            assert_eq!(
                SourceKind::from_raw(raw).map(SourceKind::fixed_len),
                Some(size)
            );
        }
    }
}
