// SPDX-License-Identifier: GPL-2.0

//! The SDEI client side of NOTIFY_SDEI (ACPI 6.5 table 18.14; Arm DEN0054 SDEI): a source's
//! event registered and unregistered, and the callbacks firmware enters, normal and
//! critical, each reading through the fixmap slot of its priority. The C glue is
//! `sdei_shim.c`.

mod callback;
mod event;

pub(crate) use event::{refusal as sdei_refusal, SdeiEvent};
