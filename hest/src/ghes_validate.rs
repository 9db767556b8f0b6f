// SPDX-License-Identifier: GPL-2.0
//! The checks a GHES or GHESv2 (ACPI 6.5 sections 18.3.2.7 and 18.3.2.8) must pass before a
//! driver uses it: Linux's `ghes_probe()`/`ghes_new()` rules (drivers/acpi/apei/ghes.c)
//! and a few more, each failure a typed error naming the source.

use core::fmt;

use super::gas::Gas;
use super::gas_check::{GasProblem, RegisterRole};
use super::ghes::Ghes;
use super::notify::NotifyKind;

/// Why a GHES cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GhesError {
    /// The Enabled field is 0.
    Disabled {
        /// The source id.
        source_id: u16,
    },
    /// The notification type is reserved (12 or above).
    UnknownNotify {
        /// The source id.
        source_id: u16,
        /// The notification type value.
        raw: u8,
    },
    /// A polled source with a poll interval of 0 ms would never be polled.
    PollIntervalZero {
        /// The source id.
        source_id: u16,
    },
    /// The error status block is shorter than the 20-byte generic error status header.
    BlockTooShort {
        /// The source id.
        source_id: u16,
        /// The Error Status Block Length.
        length: u32,
    },
    /// A register's GAS is unusable.
    Register {
        /// The source id.
        source_id: u16,
        /// Which register.
        role: RegisterRole,
        /// The register's GAS.
        gas: Gas,
        /// What is wrong with it.
        problem: GasProblem,
    },
    /// The Read Ack Write value has bits outside the read-ack register's width.
    AckWriteOutsideRegister {
        /// The source id.
        source_id: u16,
        /// The Read Ack Write value.
        write: u64,
        /// The read-ack register's width.
        bit_width: u8,
    },
}

impl GhesError {
    /// The source id of the GHES the error is about.
    pub fn source_id(&self) -> u16 {
        match *self {
            Self::Disabled { source_id }
            | Self::UnknownNotify { source_id, .. }
            | Self::PollIntervalZero { source_id }
            | Self::BlockTooShort { source_id, .. }
            | Self::Register { source_id, .. }
            | Self::AckWriteOutsideRegister { source_id, .. } => source_id,
        }
    }
}

impl fmt::Display for GhesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GHES source {}: ", self.source_id())?;
        match *self {
            Self::Disabled { .. } => f.write_str("disabled by firmware"),
            Self::UnknownNotify { raw, .. } => write!(f, "unknown notification type {raw}"),
            Self::PollIntervalZero { .. } => {
                f.write_str("polled with a poll interval of 0 ms, so it would never be polled")
            }
            Self::BlockTooShort { length, .. } => write!(
                f,
                "error status block length {length} is less than the {}-byte status header",
                Ghes::MIN_ERROR_BLOCK_LENGTH
            ),
            Self::Register {
                role, gas, problem, ..
            } => write!(f, "{role} register {gas}: {problem}"),
            Self::AckWriteOutsideRegister {
                write, bit_width, ..
            } => write!(
                f,
                "read ack write value {write:#x} does not fit the {bit_width}-bit register"
            ),
        }
    }
}

/// Something [`Ghes::validate`] accepted but the driver should log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GhesWarning {
    /// The Error Status Block Length is above [`Ghes::MAX_ERROR_BLOCK_LENGTH`]; only that
    /// many bytes of a record are read (Linux caps the same way).
    BlockLengthCapped {
        /// The source id.
        source_id: u16,
        /// The Error Status Block Length the firmware declared.
        declared: u32,
    },
}

impl fmt::Display for GhesWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::BlockLengthCapped {
                source_id,
                declared,
            } => write!(
                f,
                "GHES source {source_id}: error status block length {declared} is above \
                 {max}; records are read up to {max} bytes",
                max = Ghes::MAX_ERROR_BLOCK_LENGTH
            ),
        }
    }
}

/// What [`Ghes::validate`] returns for a usable source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ValidGhes {
    /// The number of bytes of the error status block to use: the Error Status Block
    /// Length, capped at [`Ghes::MAX_ERROR_BLOCK_LENGTH`].
    pub block_length: u32,
    /// A problem the source was accepted with anyway.
    pub warning: Option<GhesWarning>,
}

impl Ghes {
    /// The smallest usable Error Status Block Length: the generic error status header
    /// (`struct acpi_hest_generic_status`, 20 bytes).
    pub const MIN_ERROR_BLOCK_LENGTH: u32 = 20;
    /// The most of an error status block that is read (Linux's `GHES_ESTATUS_MAX_SIZE`).
    pub const MAX_ERROR_BLOCK_LENGTH: u32 = 64 * 1024;

    /// Checks that the source can be used, in this order: enabled; notification type known
    /// (0..=11); a polled source has a non-zero poll interval; Error Status Block Length at
    /// least 20; the error status address GAS passes [`Gas::check`] as
    /// [`RegisterRole::ErrorStatusAddress`]; for GHESv2 the read-ack GAS passes it as
    /// [`RegisterRole::ReadAck`] and Read Ack Write fits the register's width.
    ///
    /// A block length above 64 KiB is accepted, capped, with a warning. Whether the driver
    /// supports a known notification type (SEI, NMI, ...) is its own decision.
    pub fn validate(&self) -> Result<ValidGhes, GhesError> {
        let source_id = self.source_id;
        if !self.enabled {
            return Err(GhesError::Disabled { source_id });
        }
        match self.notify.kind {
            NotifyKind::Unknown(raw) => return Err(GhesError::UnknownNotify { source_id, raw }),
            NotifyKind::Polled if self.notify.poll_interval == 0 => {
                return Err(GhesError::PollIntervalZero { source_id })
            }
            _ => {}
        }
        if self.error_block_length < Self::MIN_ERROR_BLOCK_LENGTH {
            return Err(GhesError::BlockTooShort {
                source_id,
                length: self.error_block_length,
            });
        }
        let register = |role, gas: Gas| {
            gas.check(role).map_err(|problem| GhesError::Register {
                source_id,
                role,
                gas,
                problem,
            })
        };
        register(RegisterRole::ErrorStatusAddress, self.error_status_address)?;
        if let Some(ack) = &self.ack {
            register(RegisterRole::ReadAck, ack.register)?;
            let width = u32::from(ack.register.bit_width);
            if ack.write.checked_shr(width).unwrap_or(0) != 0 {
                return Err(GhesError::AckWriteOutsideRegister {
                    source_id,
                    write: ack.write,
                    bit_width: ack.register.bit_width,
                });
            }
        }
        let capped = self.error_block_length > Self::MAX_ERROR_BLOCK_LENGTH;
        Ok(ValidGhes {
            block_length: self.error_block_length.min(Self::MAX_ERROR_BLOCK_LENGTH),
            warning: capped.then_some(GhesWarning::BlockLengthCapped {
                source_id,
                declared: self.error_block_length,
            }),
        })
    }
}
