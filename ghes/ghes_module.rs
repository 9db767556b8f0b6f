// SPDX-License-Identifier: GPL-2.0

//! ghes_rs: APEI Generic Hardware Error Source (GHES) firmware-first error handling for
//! arm64, as a loadable module (ACPI 6.5 section 18.3.2; UEFI 2.10 Appendix N).
//!
//! This is the crate root of `ghes_rs.ko`. The table and record logic lives in the portable
//! core crates, compiled in as modules so that cargo tests the very same code on the host:
//! `hest/` (HEST parsing). The kernel-facing pieces sit next to this file and in `rust/`.

use kernel::prelude::*;

// The portable core: plain `core` code shared with cargo. Not every item is used by the
// module (builders exist for tests and injectors), and its `pub` items are crate-visible
// here, which `-Wunreachable_pub` would otherwise flag.
#[allow(unreachable_pub, dead_code)]
#[path = "../hest/src/lib.rs"]
mod hest;

#[path = "../rust/bindings.rs"]
mod bindings;
mod hest_table;
mod source_report;

module! {
    type: GhesRs,
    name: "ghes_rs",
    author: "ghes-rs developers",
    description: "APEI GHES firmware-first error handling (Rust)",
    license: "GPL",
}

/// The loaded module.
struct GhesRs;

impl kernel::Module for GhesRs {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let table = match hest_table::HestTable::get() {
            Ok(table) => table,
            Err(e) if e == ENODEV => {
                pr_info!("no HEST: firmware describes no hardware error sources\n");
                return Err(ENODEV);
            }
            Err(e) => {
                pr_err!("cannot map the HEST: error {}\n", e.to_errno());
                return Err(e);
            }
        };
        source_report::log_sources(table.bytes())?;
        Ok(GhesRs)
    }
}

impl Drop for GhesRs {
    fn drop(&mut self) {
        pr_info!("unloaded\n");
    }
}
