// SPDX-License-Identifier: GPL-2.0
//! Which PCIe error sections (UEFI 2.10 N.2.7) go to the PCI core's AER recovery, and with
//! what severity: `ghes_handle_aer()` and `cper_severity_to_aer()` of Linux 6.12.

use super::pcie::Pcie;
use super::section::Section;

/// The AER severity the PCI core recovers with (include/linux/aer.h).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum AerSeverity {
    /// AER_NONFATAL: recovery with the channel still working.
    NonFatal = 0,
    /// AER_FATAL: recovery with the link reset.
    Fatal = 1,
    /// AER_CORRECTABLE: only reported.
    Correctable = 2,
}

/// `sizeof(struct aer_capability_regs)`: the part of the section's 96-byte AER info the PCI
/// core reads (header through the error source ids).
pub const AER_REGS_LEN: usize = 56;

/// A PCIe error to hand to the AER recovery queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AerForward<'a> {
    /// PCI segment.
    pub segment: u16,
    /// Bus number.
    pub bus: u8,
    /// `PCI_DEVFN(device, function)`.
    pub devfn: u8,
    /// The severity to recover with.
    pub severity: AerSeverity,
    /// The AER registers, `AER_REGS_LEN` bytes of the section's AER info.
    pub regs: &'a [u8],
}

impl<'a> AerForward<'a> {
    /// What `ghes_handle_aer()` queues for `section`, whose body is `pcie`: only a section
    /// with a valid device id and valid AER info is forwarded. Its severity follows the
    /// section's (recoverable: non-fatal, fatal: fatal, anything else: correctable), except
    /// that a section whose component firmware reset is fatal: the device must be
    /// reinitialised.
    pub fn of(section: &Section<'_>, pcie: &Pcie<'a>) -> Option<Self> {
        let needed = Pcie::VALID_DEVICE_ID | Pcie::VALID_AER_INFO;
        if pcie.validation_bits() & needed != needed {
            return None;
        }
        let regs = pcie.aer_info().get(..AER_REGS_LEN)?;
        let severity = if section.flags() & Section::FLAG_RESET != 0 {
            AerSeverity::Fatal
        } else {
            match section.error_severity() {
                0 => AerSeverity::NonFatal,
                1 => AerSeverity::Fatal,
                _ => AerSeverity::Correctable,
            }
        };
        Some(AerForward {
            segment: pcie.segment(),
            bus: pcie.bus(),
            // PCI_DEVFN(slot, func): ((slot & 0x1f) << 3) | (func & 0x07)
            devfn: ((pcie.device() & 0x1f) << 3) | (pcie.function() & 0x07),
            severity,
            regs,
        })
    }
}
