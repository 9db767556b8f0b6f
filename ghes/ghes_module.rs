// SPDX-License-Identifier: GPL-2.0

//! ghes_rs: APEI Generic Hardware Error Source (GHES) firmware-first error handling for
//! arm64, as a loadable module (ACPI 6.5 section 18.3.2; UEFI 2.10 Appendix N).
//!
//! This is the crate root of `ghes_rs.ko`, one crate for every part: table and record logic
//! lives in the portable core crates, compiled in here as modules so that cargo tests the very
//! same code on the host: `hest/` (HEST), `ghes/cper/` (CPER records and their printing),
//! `ghes/estatus/` (the lock-free pool, queue and duplicate cache). The driver sits next to
//! this file; the SDEI client in `sdei/`, memory recovery in `mm_hooks/`, the HEST mapping in
//! `hest/`, each part with its C shim; the shared declarations in `rust/`.

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

// rust/: the declarations of every part's C shims.
#[path = "../rust/bindings.rs"]
mod bindings;

// hest/: the table as the kernel maps it.
#[path = "../hest/hest_table.rs"]
mod hest_table;

// ghes/: the account of the sources, at load.
mod source_report;

// ghes/, in the order a record goes through it: notification, read (registers, fixmap
// slots, idle check), pool and queue, the irq_work consumer, print and trace, recovery.
mod notification;
mod notify_entry;
mod provider;

mod error_source;
mod fixmap_slot;
mod gas_register;
mod idle_check;
mod pinned_cpu;

mod estatus_pool;

mod consumer;
mod driver;

mod printk_sink;
mod problem_log;
mod ras_trace;
mod vendor_record;

mod aer_handoff;
mod recovery;

// sdei/: NOTIFY_SDEI's events and callbacks.
#[path = "../sdei/mod.rs"]
mod sdei;

// mm_hooks/: memory_failure(), its task_work, SIGBUS.
#[path = "../mm_hooks/mod.rs"]
mod mm_hooks;

// The KUnit suites and the hook in the read they set (CONFIG_KUNIT only).
#[cfg(CONFIG_KUNIT)]
mod interruption_point;
#[cfg(CONFIG_KUNIT)]
mod kunit;

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
        // Nothing below can fail the init.
        driver::open_task_work();
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
