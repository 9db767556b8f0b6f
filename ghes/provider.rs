// SPDX-License-Identifier: GPL-2.0

//! The GHES provider registration: ghes_rs becoming the system's GHES driver through the
//! kernel's GHES hooks (`apei_ghes_register_provider()`, tools/kernel/patches/0001).
//!
//! The registration owns every GHES error source of the HEST and the APEI fixmap slots. The
//! kernel refuses it while its built-in GHES driver serves the HEST (a kernel with
//! `CONFIG_ACPI_APEI_GHES=y` booted without `ghes.disable=1`) or after `hest_disable`, so it
//! is taken before ghes_rs touches any error source. The first registration also performs
//! the WHEA `_OSC` handshake (ACPI 6.5 section 18.3.2; Linux's `apei_osc_setup()`).

use kernel::error::to_result;
use kernel::prelude::*;

use crate::bindings;

/// ghes_rs registered as the GHES provider: SEA and SError notifications reach its hooks.
///
/// # Invariants
///
/// The provider is registered with the kernel for as long as this value lives; dropping it
/// unregisters and returns once no hook runs on any CPU (an RCU grace period).
pub(crate) struct ProviderRegistration(());

impl ProviderRegistration {
    /// Registers ghes_rs as the GHES provider. Process context, may sleep.
    ///
    /// Fails with `EBUSY` while Linux's built-in GHES driver (or another provider) serves the
    /// HEST, and with `ENODEV` after `hest_disable`; the kernel says which.
    pub(crate) fn register() -> Result<Self> {
        // SAFETY: plain call; process context. The hooks it installs find no driver until
        // `Driver::start` publishes one, and return -ENOENT meanwhile.
        to_result(unsafe { bindings::ghes_rs_provider_register() })?;
        Ok(ProviderRegistration(()))
    }
}

impl Drop for ProviderRegistration {
    fn drop(&mut self) {
        // SAFETY: registered, by the type invariant; returns after an RCU grace period, so no
        // SEA/SEI hook is still running.
        unsafe { bindings::ghes_rs_provider_unregister() };
    }
}
