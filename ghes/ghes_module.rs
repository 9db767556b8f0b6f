// SPDX-License-Identifier: GPL-2.0

//! ghes_rs: APEI Generic Hardware Error Source (GHES) firmware-first error handling for
//! arm64, as a loadable module (ACPI 6.5 section 18.3.2; UEFI 2.10 Appendix N).
//!
//! This is the crate root of `ghes_rs.ko`. Table and record logic lives in the portable core
//! crates, compiled in here as modules so that cargo tests the very same code on the host:
//! `hest/` (HEST), `ghes/cper/` (CPER records and their printing), `ghes/estatus/` (the
//! lock-free pool, queue and duplicate cache). The kernel-facing pieces sit next to this file;
//! the C shims are in `rust/`.

use kernel::alloc::{flags::GFP_KERNEL, KVec};
use kernel::prelude::*;

// The portable core: plain `core` code shared with cargo. The module does not use every item
// (builders exist for tests and injectors), and `pub` items are crate-visible here, which
// `-Wunreachable_pub` would otherwise flag.
#[allow(unreachable_pub, dead_code, unused_imports)]
#[path = "cper/src/lib.rs"]
mod cper;
#[allow(unreachable_pub, dead_code, unused_imports)]
#[path = "estatus/src/lib.rs"]
mod estatus;
#[allow(unreachable_pub, dead_code, unused_imports)]
#[path = "../hest/src/lib.rs"]
mod hest;

#[path = "../rust/bindings.rs"]
mod bindings;
mod driver;
mod error_source;
mod estatus_pool;
mod fixmap_slot;
mod gas_register;
mod hest_table;
mod idle_check;
#[cfg(CONFIG_KUNIT)]
mod kunit_notify;
#[cfg(CONFIG_KUNIT)]
mod kunit_support;
mod notification;
mod printk_sink;
mod problem_log;
mod provider;
mod ras_trace;
mod recovery;
mod source_report;
mod vendor_record;

use error_source::ErrorSource;
use hest::{Hest, NotifyKind};
use provider::ProviderRegistration;

module! {
    type: GhesRs,
    name: "ghes_rs",
    author: "ghes-rs developers",
    description: "APEI GHES firmware-first error handling (Rust)",
    license: "GPL",
}

/// The loaded module: the notifications it started (stopped first on unload) and its
/// registration as the GHES provider (given back last, by `Driver::stop`).
struct GhesRs {
    notifications: KVec<notification::Notification>,
    provider: Option<ProviderRegistration>,
}

/// Why a notification kind cannot be served on arm64, or `None` if it can.
fn unsupported_on_arm64(kind: NotifyKind) -> Option<&'static str> {
    match kind {
        NotifyKind::Polled
        | NotifyKind::External
        | NotifyKind::Gsiv
        | NotifyKind::Gpio
        | NotifyKind::Sci
        | NotifyKind::Sea
        | NotifyKind::Sei
        | NotifyKind::SoftwareDelegated => None,
        NotifyKind::Nmi | NotifyKind::Cmci | NotifyKind::Mce => Some("exists only on x86"),
        NotifyKind::LocalInterrupt => Some("has no handler on arm64 (nor in Linux)"),
        NotifyKind::Unknown(_) => Some("is not defined by ACPI 6.5"),
    }
}

/// Probes every usable GHES in `table`: validated, registers mapped.
fn probe_sources(table: &[u8]) -> Result<KVec<ErrorSource>> {
    let hest = Hest::parse(table).map_err(|_| EINVAL)?;
    let mut sources = KVec::new();
    for source in hest.sources().flatten() {
        let Some(ghes) = source.ghes() else { continue };
        if let Some(first) = hest.duplicate_of(&source) {
            pr_warn!("source {}: refused: {}\n", ghes.source_id, first);
            continue;
        }
        if let Some(shared) = hest.shared_status_register(&source) {
            pr_warn!("source {}: refused: {}\n", ghes.source_id, shared);
            continue;
        }
        let valid = match ghes.validate() {
            Ok(valid) => valid,
            Err(e) => {
                pr_warn!("source {}: refused: {}\n", ghes.source_id, e);
                continue;
            }
        };
        if let Some(w) = valid.warning {
            pr_warn!("source {}: {}\n", ghes.source_id, w);
        }
        if let Some(why) = unsupported_on_arm64(ghes.notify.kind) {
            pr_warn!(
                "source {}: refused: {} notification {}\n",
                ghes.source_id,
                ghes.notify.kind,
                why
            );
            continue;
        }
        match ErrorSource::new(ghes, valid.block_length) {
            Ok(s) => sources.push(s, GFP_KERNEL)?,
            Err(e) => pr_warn!(
                "source {}: refused: cannot map its registers (error {})\n",
                ghes.source_id,
                e.to_errno()
            ),
        }
    }
    Ok(sources)
}

impl kernel::Module for GhesRs {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // Before any error source is touched: the kernel refuses while its built-in GHES
        // driver serves the HEST, and says so.
        let provider = ProviderRegistration::register().inspect_err(|e| {
            pr_err!(
                "cannot become the GHES driver (error {}): see the APEI message above\n",
                e.to_errno()
            )
        })?;
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
        let sources = probe_sources(table.bytes())?;
        drop(table);
        if sources.is_empty() {
            pr_info!("no usable GHES error source\n");
            return Err(ENODEV);
        }
        let count = sources.len();
        driver::Driver::start(&provider, sources)?;
        let notifications = match notification::start(driver::sources()) {
            Ok(n) => n,
            Err(e) => {
                driver::Driver::stop(provider);
                return Err(e);
            }
        };
        pr_info!("handling {} error source(s)\n", count);
        Ok(GhesRs {
            notifications,
            provider: Some(provider),
        })
    }
}

impl Drop for GhesRs {
    fn drop(&mut self) {
        // Timers and interrupts first: their handlers use the driver.
        drop(core::mem::replace(&mut self.notifications, KVec::new()));
        if let Some(provider) = self.provider.take() {
            driver::Driver::stop(provider);
        }
        pr_info!("unloaded\n");
    }
}
