// SPDX-License-Identifier: GPL-2.0
//! CPER: UEFI 2.10 Appendix N (Common Platform Error Record) generic error status blocks
//! (ACPI 6.5 section 18.3.2.7.1, "Generic Error Status Block" / "Generic Error Data Entry"):
//! zero-copy decoding, Linux-exact printing, and builders.
//!
//! - [`Estatus::parse`] validates a Generic Error Status Block with Linux's
//!   `cper_estatus_check_header()` / `cper_estatus_check()` rules, plus checked arithmetic, and
//!   [`Estatus::sections`] walks its Generic Error Data Entries lazily; [`Section::body`] decodes
//!   the typed section bodies ([`SectionBody`]).
//! - [`print_estatus`] and [`print_ghes_estatus`] print a record line by line into a [`Sink`],
//!   byte-for-byte as Linux 6.12's `cper_estatus_print()` and `__ghes_print_estatus()` on arm64.
//! - [`EstatusBuilder`] writes records into a caller's buffer (tests, the lab, error injectors).
//!
//! Everything is `core`-only, allocation-free and panic-free on any input; see
//! `Documentation/cper.md` for the rules and every deliberate difference from Linux.
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

mod aer_forward;
mod arm;
mod builder;
mod builder_bodies;
mod bytes;
mod cxl;
mod error;
mod estatus;
mod fw_err;
mod guid;
mod hexdump;
mod linebuf;
mod mem;
mod mem2;
mod pcie;
mod prefix;
mod print;
mod print_arm;
mod print_cxl;
mod print_mem;
mod print_misc;
mod proc_generic;
mod section;
mod severity;
mod sink;
mod timestamp;

pub use aer_forward::{AerForward, AerSeverity, AER_REGS_LEN};
pub use arm::{ArmContext, ArmContexts, ArmErrInfo, ArmErrInfos, ArmProcessor};
pub use builder::{BuildError, EstatusBuilder, SectionSpec};
pub use builder_bodies::{
    ArmContextSpec, ArmErrInfoSpec, ArmSpec, BodySpec, FwErrRecRefSpec, MemErrorSpec, PcieSpec,
    ProcGenericSpec,
};
pub use cxl::{CxlComponentEvent, CxlEventKind, CxlProtErr};
pub use error::{EstatusError, SectionError};
pub use estatus::{Anomalies, BlockStatus, Estatus, Sections};
pub use fw_err::FwErrRecRef;
pub use guid::Guid;
pub use mem::MemError;
pub use mem2::MemError2;
pub use pcie::Pcie;
pub use print::{print_estatus, print_ghes_estatus};
pub use print_arm::UnhandledArmError;
pub use proc_generic::ProcGeneric;
pub use section::{Section, SectionBody};
pub use severity::{ghes_log_level, ghes_severity, severity_str, GhesSeverity, Severity};
pub use sink::{LogLevel, Sink};
pub use timestamp::Timestamp;
