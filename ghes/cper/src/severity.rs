// SPDX-License-Identifier: GPL-2.0
//! CPER error severities, Linux's `cper_severity_str()`, GHES's severity mapping and the printk
//! level `ghes_print_estatus()` / `__ghes_panic()` choose.

use super::estatus::Estatus;
use super::sink::LogLevel;

/// A CPER error severity (UEFI 2.10 N.2.2; ACPI Generic Error Status Block "Error Severity").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// 0: recoverable (uncorrected, the system may continue).
    Recoverable,
    /// 1: fatal.
    Fatal,
    /// 2: corrected.
    Corrected,
    /// 3: informational.
    Informational,
    /// Any other value.
    Unknown(u32),
}

impl Severity {
    /// Decodes a raw severity value.
    pub const fn from_raw(v: u32) -> Self {
        match v {
            0 => Self::Recoverable,
            1 => Self::Fatal,
            2 => Self::Corrected,
            3 => Self::Informational,
            other => Self::Unknown(other),
        }
    }

    /// The raw value.
    pub const fn raw(self) -> u32 {
        match self {
            Self::Recoverable => 0,
            Self::Fatal => 1,
            Self::Corrected => 2,
            Self::Informational => 3,
            Self::Unknown(v) => v,
        }
    }
}

/// Linux's `cper_severity_str()`: "recoverable", "fatal", "corrected", "info", else "unknown".
pub fn severity_str(severity: u32) -> &'static str {
    match severity {
        0 => "recoverable",
        1 => "fatal",
        2 => "corrected",
        3 => "info",
        _ => "unknown",
    }
}

/// GHES's own severity scale (`enum ghes_severity` in include/acpi/ghes.h), ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GhesSeverity {
    /// GHES_SEV_NO: informational.
    No,
    /// GHES_SEV_CORRECTED.
    Corrected,
    /// GHES_SEV_RECOVERABLE.
    Recoverable,
    /// GHES_SEV_PANIC: fatal, and every unknown value ("Unknown, go panic").
    Panic,
}

impl GhesSeverity {
    /// The `enum ghes_severity` value (0 to 3), as trace events and notifiers carry it.
    pub const fn as_raw(self) -> u8 {
        match self {
            Self::No => 0,
            Self::Corrected => 1,
            Self::Recoverable => 2,
            Self::Panic => 3,
        }
    }
}

/// Linux's `ghes_severity()`: maps a CPER severity to the GHES scale.
pub fn ghes_severity(cper_severity: u32) -> GhesSeverity {
    match cper_severity {
        3 => GhesSeverity::No,
        2 => GhesSeverity::Corrected,
        0 => GhesSeverity::Recoverable,
        _ => GhesSeverity::Panic,
    }
}

/// The printk level Linux prints this record at: `ghes_print_estatus()` uses KERN_WARNING for
/// corrected and informational records and KERN_ERR otherwise, but a record of panic severity
/// (fatal or unknown) never gets there: `__ghes_panic()` prints it at KERN_EMERG.
pub fn ghes_log_level(estatus: &Estatus<'_>) -> LogLevel {
    match ghes_severity(estatus.error_severity()) {
        GhesSeverity::No | GhesSeverity::Corrected => LogLevel::Warning,
        GhesSeverity::Recoverable => LogLevel::Err,
        GhesSeverity::Panic => LogLevel::Emerg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_mapping() {
        assert_eq!(severity_str(0), "recoverable");
        assert_eq!(severity_str(3), "info");
        assert_eq!(severity_str(4), "unknown");
        assert_eq!(ghes_severity(7), GhesSeverity::Panic);
        assert_eq!(ghes_severity(1), GhesSeverity::Panic);
        assert_eq!(ghes_severity(3), GhesSeverity::No);
        for v in [0, 1, 2, 3, 9] {
            assert_eq!(Severity::from_raw(v).raw(), v);
        }
    }
}
