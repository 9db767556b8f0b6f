// SPDX-License-Identifier: GPL-2.0

//! The module's account of the error sources the HEST describes (ACPI 6.5 section 18.3.2),
//! printed once at load so an operator can compare it with the firmware's table.

use kernel::prelude::*;

use crate::hest::{Ghes, Hest};
use crate::problem_log::Tag;

/// Logs the HEST header and one line per error source; refuses a table whose header is bad.
pub(crate) fn log_sources(table: &[u8]) -> Result {
    let hest = match Hest::parse(table) {
        Ok(hest) => hest,
        Err(e) => {
            pr_err!("{}HEST rejected: {}\n", Tag::FirmwareBug, e);
            return Err(EINVAL);
        }
    };
    pr_info!(
        "HEST: {} error source(s) declared, {} bytes\n",
        hest.error_source_count(),
        table.len()
    );
    for source in hest.sources() {
        match source {
            Ok(source) => match source.ghes() {
                Some(ghes) => log_ghes(ghes),
                None => pr_info!(
                    "source {}: {} (not a GHES, left to other drivers)\n",
                    source.source_id(),
                    source.kind()
                ),
            },
            Err(e) => pr_warn!("{}HEST: {}\n", Tag::FirmwareWarn, e),
        }
    }
    Ok(())
}

fn log_ghes(g: &Ghes) {
    pr_info!(
        "source {}: {} notify={} {} block_length={} status={:#x} (space {} width {})\n",
        g.source_id,
        if g.is_v2() { "GHESv2" } else { "GHES" },
        g.notify.kind,
        if g.enabled { "enabled" } else { "disabled" },
        g.error_block_length,
        g.error_status_address.address,
        g.error_status_address.space_id,
        g.error_status_address.bit_width,
    );
    if let Some(ack) = &g.ack {
        pr_info!(
            "source {}: read_ack={:#x} (space {} width {}) preserve={:#x} write={:#x}\n",
            g.source_id,
            ack.register.address,
            ack.register.space_id,
            ack.register.bit_width,
            ack.preserve,
            ack.write,
        );
    }
}
