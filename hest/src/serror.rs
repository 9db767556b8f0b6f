// SPDX-License-Identifier: GPL-2.0
//! What an SError's syndrome says about claiming it as an APEI NOTIFY_SEI (ACPI 6.5 section
//! 18.3.2.9, notification type 9; Arm ARM D24.2.40, ESR_ELx ISS encoding for an SError
//! interrupt; Arm RAS extension, Asynchronous Error Type).
//!
//! SError is two things at once: the CPU's own report of a RAS error, and a notification
//! firmware may use to say "read your error status blocks". A GHES driver that finds a record
//! must not thereby let the kernel carry on after an error the CPU says it cannot contain
//! (the point James Morse makes in the 2017 SEI review thread). [`SerrorSyndrome::of`] reads
//! the syndrome the way arm64's `arm64_is_fatal_ras_serror()` does, and
//! [`SerrorSyndrome::claimable`] says whether a record may turn the SError into a handled
//! notification.

/// ESR_ELx.EC for an SError interrupt.
const EC_SERROR: u64 = 0x2f;
/// ISS.IDS: the rest of the syndrome is implementation defined.
const IDS: u64 = 1 << 24;
/// ISS.DFSC value "Asynchronous SError interrupt" (with the RAS extension).
const DFSC_ASYNC_SERROR: u64 = 0x11;

/// The Asynchronous Error Type field (ISS\[12:10\]).
const AET_SHIFT: u32 = 10;
const AET_UC: u64 = 0;
const AET_UEU: u64 = 1;
const AET_UEO: u64 = 2;
const AET_UER: u64 = 3;
const AET_CE: u64 = 6;

/// The class of an SError syndrome (an ESR_EL1 value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SerrorSyndrome {
    /// ISS.IDS is set: the syndrome is implementation defined, so firmware raising
    /// NOTIFY_SEI chose it and its error records are the only description of the error.
    ImplementationDefined,
    /// An architected RAS syndrome after which the CPU can make progress: a corrected error
    /// (CE) or a restartable one not yet consumed (UEO).
    Restartable,
    /// An architected RAS syndrome after which the CPU cannot make progress (UEU, UER), an
    /// uncontainable error (UC), or no RAS syndrome at all: the kernel must not continue.
    Fatal,
    /// ESR_ELx.EC is not SError: not an SError syndrome.
    NotSerror,
}

impl SerrorSyndrome {
    /// Classifies the syndrome `esr` (ESR_EL1 as `do_serror()` receives it).
    pub fn of(esr: u64) -> Self {
        if (esr >> 26) & 0x3f != EC_SERROR {
            return Self::NotSerror;
        }
        if esr & IDS != 0 {
            return Self::ImplementationDefined;
        }
        if esr & 0x3f != DFSC_ASYNC_SERROR {
            // Uncategorised: arm64_ras_serror_get_severity() treats it as uncontainable.
            return Self::Fatal;
        }
        match (esr >> AET_SHIFT) & 0x7 {
            AET_CE | AET_UEO => Self::Restartable,
            AET_UC | AET_UEU | AET_UER => Self::Fatal,
            // Reserved encodings: as arm64_is_fatal_ras_serror(), uncontainable.
            _ => Self::Fatal,
        }
    }

    /// Whether error records found in NOTIFY_SEI blocks may claim this SError, so that the
    /// kernel continues. A [`SerrorSyndrome::Fatal`] SError is never claimed: its records are
    /// reported and the system stops, whatever severity firmware wrote.
    pub fn claimable(self) -> bool {
        matches!(self, Self::ImplementationDefined | Self::Restartable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serror(iss: u64) -> u64 {
        (EC_SERROR << 26) | (1 << 25) | iss
    }

    fn ras(aet: u64) -> u64 {
        serror((aet << AET_SHIFT) | DFSC_ASYNC_SERROR)
    }

    #[test]
    fn implementation_defined_syndromes_are_claimable() {
        assert_eq!(
            SerrorSyndrome::of(serror(IDS)),
            SerrorSyndrome::ImplementationDefined
        );
        assert_eq!(
            SerrorSyndrome::of(serror(IDS | 0xabcd)),
            SerrorSyndrome::ImplementationDefined
        );
        assert!(SerrorSyndrome::ImplementationDefined.claimable());
    }

    #[test]
    fn ras_syndromes_follow_the_asynchronous_error_type() {
        assert_eq!(SerrorSyndrome::of(ras(AET_CE)), SerrorSyndrome::Restartable);
        assert_eq!(
            SerrorSyndrome::of(ras(AET_UEO)),
            SerrorSyndrome::Restartable
        );
        for aet in [AET_UC, AET_UEU, AET_UER, 4, 5, 7] {
            assert_eq!(
                SerrorSyndrome::of(ras(aet)),
                SerrorSyndrome::Fatal,
                "AET {aet}"
            );
        }
        assert!(SerrorSyndrome::Restartable.claimable());
        assert!(!SerrorSyndrome::Fatal.claimable());
    }

    #[test]
    fn uncategorised_and_foreign_syndromes() {
        // DFSC 0: uncategorised, as on a CPU without the RAS extension.
        assert_eq!(SerrorSyndrome::of(serror(0)), SerrorSyndrome::Fatal);
        // A data abort's syndrome is not an SError's.
        assert_eq!(SerrorSyndrome::of(0x25 << 26), SerrorSyndrome::NotSerror);
        assert!(!SerrorSyndrome::NotSerror.claimable());
    }
}
