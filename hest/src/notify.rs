// SPDX-License-Identifier: GPL-2.0
//! The Hardware Error Notification structure (ACPI 6.5 section 18.3.2.9, table 18.14),
//! 28 bytes: how the platform tells the OS that an error source has something to report.

use core::fmt;

use super::reader::Reader;

/// How an error source signals the OS (ACPI 6.5 table 18.14, the "Type" field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotifyKind {
    /// 0: the OS polls the source every `poll_interval` milliseconds.
    Polled,
    /// 1: external interrupt, GSIV `vector`.
    External,
    /// 2: local (per-processor) interrupt.
    LocalInterrupt,
    /// 3: System Control Interrupt (through the ACPI event device, HED on Linux).
    Sci,
    /// 4: non-maskable interrupt.
    Nmi,
    /// 5: IA-32 corrected machine check interrupt (ACPI 5.0).
    Cmci,
    /// 6: IA-32 machine check exception (ACPI 5.0).
    Mce,
    /// 7: GPIO signal (ACPI 6.0).
    Gpio,
    /// 8: Arm Synchronous External Abort (ACPI 6.1).
    Sea,
    /// 9: Arm SError interrupt (ACPI 6.1).
    Sei,
    /// 10: Global System Interrupt Vector-based interrupt (ACPI 6.1).
    Gsiv,
    /// 11: Software Delegated Exception, SDEI on Arm (ACPI 6.2).
    SoftwareDelegated,
    /// 12 and above: reserved values this parser does not know.
    Unknown(u8),
}

impl NotifyKind {
    /// The kind an ACPI notification type value names.
    pub const fn from_raw(raw: u8) -> Self {
        match raw {
            0 => Self::Polled,
            1 => Self::External,
            2 => Self::LocalInterrupt,
            3 => Self::Sci,
            4 => Self::Nmi,
            5 => Self::Cmci,
            6 => Self::Mce,
            7 => Self::Gpio,
            8 => Self::Sea,
            9 => Self::Sei,
            10 => Self::Gsiv,
            11 => Self::SoftwareDelegated,
            other => Self::Unknown(other),
        }
    }

    /// The ACPI notification type value.
    pub const fn raw(self) -> u8 {
        match self {
            Self::Polled => 0,
            Self::External => 1,
            Self::LocalInterrupt => 2,
            Self::Sci => 3,
            Self::Nmi => 4,
            Self::Cmci => 5,
            Self::Mce => 6,
            Self::Gpio => 7,
            Self::Sea => 8,
            Self::Sei => 9,
            Self::Gsiv => 10,
            Self::SoftwareDelegated => 11,
            Self::Unknown(raw) => raw,
        }
    }
}

impl fmt::Display for NotifyKind {
    /// A short name: "polled", "external", "local", "SCI", "NMI", "CMCI", "MCE", "GPIO",
    /// "SEA", "SEI", "GSIV", "SDEI" or "unknown(N)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Polled => "polled",
            Self::External => "external",
            Self::LocalInterrupt => "local",
            Self::Sci => "SCI",
            Self::Nmi => "NMI",
            Self::Cmci => "CMCI",
            Self::Mce => "MCE",
            Self::Gpio => "GPIO",
            Self::Sea => "SEA",
            Self::Sei => "SEI",
            Self::Gsiv => "GSIV",
            Self::SoftwareDelegated => "SDEI",
            Self::Unknown(raw) => return write!(f, "unknown({raw})"),
        };
        f.write_str(name)
    }
}

/// A Hardware Error Notification structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Notify {
    /// Notification type.
    pub kind: NotifyKind,
    /// Length of this structure as the firmware states it (28 in every ACPI version so far;
    /// the parser always reads 28 bytes whatever this says).
    pub length: u8,
    /// Configuration Write Enable bits (`CWE_*`): which fields the OS may change.
    pub config_write_enable: u16,
    /// Polling interval in milliseconds (polled sources).
    pub poll_interval: u32,
    /// Interrupt vector (GSIV for external, GSIV and GPIO notifications).
    pub vector: u32,
    /// Switch To Polling Threshold Value.
    pub polling_threshold_value: u32,
    /// Switch To Polling Threshold Window, in milliseconds.
    pub polling_threshold_window: u32,
    /// Error Threshold Value.
    pub error_threshold_value: u32,
    /// Error Threshold Window, in milliseconds.
    pub error_threshold_window: u32,
}

impl Notify {
    /// Size of the structure in a table.
    pub const SIZE: usize = 28;

    /// Configuration Write Enable bit: the OS may change the notification type.
    pub const CWE_TYPE: u16 = 1;
    /// Configuration Write Enable bit: the OS may change the poll interval.
    pub const CWE_POLL_INTERVAL: u16 = 1 << 1;
    /// Configuration Write Enable bit: the OS may change the switch-to-polling threshold value.
    pub const CWE_POLL_THRESHOLD_VALUE: u16 = 1 << 2;
    /// Configuration Write Enable bit: the OS may change the switch-to-polling threshold window.
    pub const CWE_POLL_THRESHOLD_WINDOW: u16 = 1 << 3;
    /// Configuration Write Enable bit: the OS may change the error threshold value.
    pub const CWE_ERROR_THRESHOLD_VALUE: u16 = 1 << 4;
    /// Configuration Write Enable bit: the OS may change the error threshold window.
    pub const CWE_ERROR_THRESHOLD_WINDOW: u16 = 1 << 5;

    /// A notification of `kind` with length 28 and every other field 0.
    pub const fn new(kind: NotifyKind) -> Self {
        Self {
            kind,
            length: Self::SIZE as u8,
            config_write_enable: 0,
            poll_interval: 0,
            vector: 0,
            polling_threshold_value: 0,
            polling_threshold_window: 0,
            error_threshold_value: 0,
            error_threshold_window: 0,
        }
    }

    /// Decodes the 28 bytes of a notification structure.
    pub fn from_bytes(bytes: &[u8; Self::SIZE]) -> Self {
        let mut r = Reader::new(bytes);
        // The array is exactly SIZE bytes, so every read succeeds; `read` cannot fail here.
        Self::read(&mut r).unwrap_or(Self::new(NotifyKind::Polled))
    }

    /// Encodes the structure as the 28 bytes a table holds.
    pub fn to_bytes(self) -> [u8; Self::SIZE] {
        let mut out = [0u8; Self::SIZE];
        let fields: [(usize, &[u8]); 9] = [
            (0, &[self.kind.raw()]),
            (1, &[self.length]),
            (2, &self.config_write_enable.to_le_bytes()),
            (4, &self.poll_interval.to_le_bytes()),
            (8, &self.vector.to_le_bytes()),
            (12, &self.polling_threshold_value.to_le_bytes()),
            (16, &self.polling_threshold_window.to_le_bytes()),
            (20, &self.error_threshold_value.to_le_bytes()),
            (24, &self.error_threshold_window.to_le_bytes()),
        ];
        for (at, bytes) in fields {
            let end = at.saturating_add(bytes.len());
            if let Some(dst) = out.get_mut(at..end) {
                dst.copy_from_slice(bytes);
            }
        }
        out
    }

    /// Reads a notification structure from `r`.
    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Self> {
        Some(Self {
            kind: NotifyKind::from_raw(r.u8()?),
            length: r.u8()?,
            config_write_enable: r.u16()?,
            poll_interval: r.u32()?,
            vector: r.u32()?,
            polling_threshold_value: r.u32()?,
            polling_threshold_window: r.u32()?,
            error_threshold_value: r.u32()?,
            error_threshold_window: r.u32()?,
        })
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::{Notify, NotifyKind};

    #[test]
    fn kinds_round_trip_and_print_short_names() {
        let names = [
            "polled", "external", "local", "SCI", "NMI", "CMCI", "MCE", "GPIO", "SEA", "SEI",
            "GSIV", "SDEI",
        ];
        for (raw, name) in names.iter().enumerate() {
            let kind = NotifyKind::from_raw(raw as u8);
            assert!(!matches!(kind, NotifyKind::Unknown(_)));
            assert_eq!(kind.raw(), raw as u8);
            assert_eq!(kind.to_string(), *name);
        }
        for raw in 12..=255u8 {
            assert_eq!(NotifyKind::from_raw(raw), NotifyKind::Unknown(raw));
            assert_eq!(NotifyKind::from_raw(raw).raw(), raw);
        }
        assert_eq!(NotifyKind::Unknown(12).to_string(), "unknown(12)");
        assert_eq!(NotifyKind::from_raw(8), NotifyKind::Sea);
        assert_eq!(NotifyKind::from_raw(11), NotifyKind::SoftwareDelegated);
    }

    #[test]
    fn bytes_layout_is_table_18_14() {
        let notify = Notify {
            kind: NotifyKind::Gsiv,
            length: 28,
            config_write_enable: 0x0102,
            poll_interval: 0x0304_0506,
            vector: 0x0708_090a,
            polling_threshold_value: 0x0b0c_0d0e,
            polling_threshold_window: 0x1112_1314,
            error_threshold_value: 0x1516_1718,
            error_threshold_window: 0x191a_1b1c,
        };
        let bytes = [
            10, 28, 0x02, 0x01, 0x06, 0x05, 0x04, 0x03, 0x0a, 0x09, 0x08, 0x07, 0x0e, 0x0d, 0x0c,
            0x0b, 0x14, 0x13, 0x12, 0x11, 0x18, 0x17, 0x16, 0x15, 0x1c, 0x1b, 0x1a, 0x19,
        ];
        assert_eq!(notify.to_bytes(), bytes);
        assert_eq!(Notify::from_bytes(&bytes), notify);
        assert_eq!(Notify::new(NotifyKind::Sea).to_bytes()[..2], [8, 28]);
    }
}
