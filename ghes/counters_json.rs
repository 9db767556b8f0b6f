// SPDX-License-Identifier: GPL-2.0

//! The driver's counters as one JSON document (RFC 8259), for monitoring agents:
//! `/sys/kernel/debug/ras/ghes_rs/counters.json`, beside the line-per-source `counters`, under
//! the kernel's RAS debugfs root. The same numbers as `counters`, read the same way (each
//! exact; consistent together once the sources are quiet):
//!
//! ```text
//! {
//!   "pool": {"slots": 2, "slot_size": 1064, "in_use": 0, "vmalloc_bytes": 8192},
//!   "sources": [
//!     {"source": 0, "notify": "SEA", "queued": 1, "processed": 1, ...}
//!   ]
//! }
//! ```
//!
//! Every value is a number except `notify`, a fixed ASCII name (hest/src/notify.rs), so
//! nothing needs escaping.

use core::fmt;
use core::ptr;

use crate::bindings;
use crate::driver;

/// Writes the document into the seq_file `m` being shown. Context: process context.
#[no_mangle]
pub(crate) extern "C" fn ghes_rs_counters_json_show(m: *mut core::ffi::c_void) {
    let line = |args: fmt::Arguments<'_>| {
        // SAFETY: `m` is the seq_file being shown (valid for this call); `args` is a
        // `core::fmt::Arguments` alive for the call, which `%pA` expects.
        unsafe { bindings::ghes_rs_seq_line(m, ptr::from_ref(&args).cast()) };
    };
    let Some(driver) = driver::get() else {
        line(format_args!("{{\"pool\": null, \"sources\": []}}"));
        return;
    };
    let estatus = driver.estatus();
    let layout = estatus.layout();
    line(format_args!("{{"));
    line(format_args!(
        "  \"pool\": {{\"slots\": {}, \"slot_size\": {}, \"in_use\": {}, \"vmalloc_bytes\": {}}},",
        layout.slots,
        layout.slot_size,
        estatus.pool().in_use(),
        layout.vmalloc_bytes
    ));
    line(format_args!("  \"sources\": ["));
    let sources = driver::sources();
    for (i, source) in sources.iter().enumerate() {
        let c = source.counters.snapshot();
        let comma = if i + 1 < sources.len() { "," } else { "" };
        line(format_args!(
            "    {{\"source\": {}, \"notify\": \"{}\", {}}}{}",
            source.id,
            source.notify,
            c.as_json_members(),
            comma
        ));
    }
    line(format_args!("  ]"));
    line(format_args!("}}"));
}
