// SPDX-License-Identifier: GPL-2.0
//! Where printed lines go: one call per line Linux would print.

use core::fmt;

/// A printk log level (include/linux/kern_levels.h).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// KERN_EMERG ("0").
    Emerg,
    /// KERN_ALERT ("1").
    Alert,
    /// KERN_CRIT ("2").
    Crit,
    /// KERN_ERR ("3").
    Err,
    /// KERN_WARNING ("4").
    Warning,
    /// KERN_NOTICE ("5").
    Notice,
    /// KERN_INFO ("6").
    Info,
    /// KERN_DEBUG ("7").
    Debug,
}

impl LogLevel {
    /// The level's digit, as in `KERN_SOH "<digit>"`.
    pub const fn digit(self) -> u8 {
        match self {
            Self::Emerg => b'0',
            Self::Alert => b'1',
            Self::Crit => b'2',
            Self::Err => b'3',
            Self::Warning => b'4',
            Self::Notice => b'5',
            Self::Info => b'6',
            Self::Debug => b'7',
        }
    }
}

/// Receives printed lines. Each call is one line, without its trailing newline and with its
/// prefix; no log level is part of the text.
pub trait Sink {
    /// A line Linux prints at the level carried by the caller's prefix (the level
    /// [`ghes_log_level`](super::ghes_log_level) gives for GHES records).
    fn line(&mut self, line: fmt::Arguments<'_>);

    /// A line Linux prints at a fixed level whatever the prefix says: the `pr_err(FW_WARN ...)`
    /// lines of cper.c ([`LogLevel::Err`]) and the `pr_info()` lines of cper_cxl.c
    /// ([`LogLevel::Info`]). The default forwards to [`Sink::line`].
    fn line_at(&mut self, level: LogLevel, line: fmt::Arguments<'_>) {
        let _ = level;
        self.line(line);
    }

    /// Linux's `dmi_memdev_name()`: the SMBIOS type 17 (Memory Device) bank locator and device
    /// locator strings for a handle, used by the "DIMM location:" line. The default knows no
    /// SMBIOS table, so the line reads "DIMM location: not present. DMI handle: 0x....", as on a
    /// system without one.
    fn dmi_memdev_name(&self, handle: u16) -> Option<(&str, &str)> {
        let _ = handle;
        None
    }
}
