// SPDX-License-Identifier: GPL-2.0
//! ACPI Hardware Error Source Table (HEST), ACPI 6.5 section 18.3.2: parsing and building,
//! without allocation, without `unsafe`, and without a panic for any byte content.
//!
//! [`Hest::parse`] checks the ACPI header; [`Hest::sources`] then walks the error source
//! structures lazily, yielding each one it can decode and stopping with a typed error at
//! the first subtable whose length cannot be known or that overruns the table.
//! [`Ghes::validate`] applies the rules a GHES must pass before a driver uses it.
//! [`HestBuilder`] writes tables into a caller's buffer. Documentation/hest.md describes
//! the rules and every difference from Linux's `drivers/acpi/apei/hest.c`.
#![cfg_attr(not(CONFIG_RUST), no_std)]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo
    )
)]

mod aer;
mod assist;
mod bank;
mod builder;
mod duplicates;
pub mod flags;
mod gas;
mod gas_check;
mod ghes;
mod ghes_validate;
mod header;
mod ia32;
mod kind;
mod notify;
mod reader;
mod serror;
mod shared_register;
mod source;
mod sources;
mod table;
mod writer;

pub use aer::{AerBridge, AerCommon, AerEndpoint, AerRootPort};
pub use bank::{Banks, Ia32ErrorBank};
pub use builder::{BuildError, HestBuilder, OemInfo};
pub use duplicates::{Duplicate, Duplicates};
pub use gas::{AddressSpace, Gas};
pub use gas_check::{GasProblem, RegisterRole};
pub use ghes::{Ghes, ReadAck};
pub use ghes_validate::{GhesError, GhesWarning, ValidGhes};
pub use header::{checksum, AcpiHeader};
pub use ia32::{Ia32CorrectedCheck, Ia32MachineCheck, Ia32Nmi};
pub use kind::SourceKind;
pub use notify::{Notify, NotifyKind};
pub use serror::SerrorClass;
pub use shared_register::SharedRegister;
pub use source::{ErrorSource, Subtable};
pub use sources::{Sources, SubtableError};
pub use table::{Hest, HestError};
