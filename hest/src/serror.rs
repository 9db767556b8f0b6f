// SPDX-License-Identifier: GPL-2.0
//! How the architecture classified an SError, and whether a GHES driver may claim it as an
//! APEI NOTIFY_SEI (ACPI 6.5 section 18.3.2.9, notification type 9).
//!
//! SError is two things at once: the CPU's own report of a RAS error, and a notification
//! firmware may use to say "read your error status blocks". A GHES driver that finds a record
//! must not thereby let the kernel carry on after an error the CPU says it cannot contain
//! (the point James Morse makes in the 2017 SEI review thread). The policy is the
//! architecture's: arm64's `do_serror()` classifies the syndrome as it always has
//! (`arm64_is_ras_serror()`, `arm64_is_fatal_ras_serror()`: Arm ARM D24.2.40, the
//! Asynchronous Error Type of the RAS extension) and passes the class to the provider as an
//! `enum apei_ghes_serror_class` (include/acpi/ghes_hooks.h, kernel patch 0001), so the
//! driver never decodes an ESR whose fields are implementation defined on a CPU without the
//! RAS extension. [`SerrorClass::may_be_claimed`] is the driver's side of that policy.

/// `enum apei_ghes_serror_class`: the architecture's classification of an SError.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SerrorClass {
    /// `APEI_GHES_SERROR_CONTAINED`: an architected RAS syndrome after which the CPU can make
    /// progress, a corrected error (CE) or a restartable one not yet consumed (UEO). The
    /// architecture would carry on.
    Contained,
    /// `APEI_GHES_SERROR_UNCONTAINED`: an architected RAS syndrome after which the CPU cannot
    /// make progress (UEU, UER), an uncontainable error (UC) or a reserved type. The
    /// architecture panics whatever the driver says.
    Uncontained,
    /// `APEI_GHES_SERROR_NOT_ARCHITECTED`: ESR_ELx.IDS is set, or the CPU has no RAS
    /// extension: the agent that raised the SError chose the syndrome, so firmware raising
    /// NOTIFY_SEI is its author and its error records are the only description of the error.
    NotArchitected,
}

impl SerrorClass {
    /// The class the kernel passed as `raw`. A value this driver does not know (a newer
    /// kernel's) is taken as [`SerrorClass::Uncontained`]: records are reported, never used to
    /// claim, and the architecture decides alone.
    pub fn from_raw(raw: u32) -> Self {
        match raw {
            0 => Self::Contained,
            2 => Self::NotArchitected,
            _ => Self::Uncontained,
        }
    }

    /// Whether a record firmware has just written into a NOTIFY_SEI block may claim the
    /// SError, so that the kernel continues. An uncontained SError is never claimed: its
    /// records are reported and acknowledged, and the architecture stops the system.
    pub fn may_be_claimed(self) -> bool {
        !matches!(self, Self::Uncontained)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernel_values_map_to_their_classes() {
        assert_eq!(SerrorClass::from_raw(0), SerrorClass::Contained);
        assert_eq!(SerrorClass::from_raw(1), SerrorClass::Uncontained);
        assert_eq!(SerrorClass::from_raw(2), SerrorClass::NotArchitected);
    }

    #[test]
    fn an_unknown_class_is_never_claimed() {
        for raw in [3, 0x7fff_ffff, u32::MAX] {
            assert_eq!(SerrorClass::from_raw(raw), SerrorClass::Uncontained);
            assert!(!SerrorClass::from_raw(raw).may_be_claimed());
        }
    }

    #[test]
    fn only_an_uncontained_serror_is_left_unclaimed() {
        assert!(SerrorClass::Contained.may_be_claimed());
        assert!(SerrorClass::NotArchitected.may_be_claimed());
        assert!(!SerrorClass::Uncontained.may_be_claimed());
    }
}
