// SPDX-License-Identifier: GPL-2.0

//! A vendor driver's starting point: receives the error sections ghes_rs decodes no further
//! (vendor and other non-standard section types, UEFI 2.10 section N.2.2) through
//! `ghes_rs_register_vendor_record_notifier()`, and logs what it got: the section type, the
//! severity, the FRU text and the first bytes of the payload (ACPI 6.5 table 18.15 for the
//! Generic Error Data Entry layout).
//!
//! ghes_rs calls the notifier in process context, with a copy of the whole entry that is
//! valid for the duration of the call.

use core::ffi::{c_int, c_void};
use core::fmt;

use kernel::alloc::{flags::GFP_KERNEL, KBox};
use kernel::bindings;
use kernel::error::to_result;
use kernel::prelude::*;
use kernel::types::Opaque;

module! {
    type: VendorSample,
    name: "ghes_rs_vendor_sample",
    author: "ghes-rs developers",
    description: "Sample: receives vendor error sections from ghes_rs",
    license: "GPL",
}

extern "C" {
    fn ghes_rs_register_vendor_record_notifier(nb: *mut bindings::notifier_block) -> c_int;
    fn ghes_rs_unregister_vendor_record_notifier(nb: *mut bindings::notifier_block);
}

/// Bytes of `struct acpi_hest_generic_data` before the payload (revision 2 layout; a
/// revision-3 entry adds an 8-byte timestamp).
const ENTRY_HEADER_LEN: usize = 64;
/// `acpi_hest_generic_data.revision` from which the timestamp is present.
const REVISION_WITH_TIMESTAMP: u16 = 0x300;
/// `CPER_SEC_VALID_FRU_TEXT`.
const VALID_FRU_TEXT: u8 = 1 << 1;

/// The fields of a Generic Error Data Entry this sample reads.
struct Entry<'a> {
    header: &'a [u8; ENTRY_HEADER_LEN],
    payload: &'a [u8],
}

impl<'a> Entry<'a> {
    /// # Safety
    ///
    /// `data` points to a whole Generic Error Data Entry, as ghes_rs hands it to notifiers
    /// (its header and `error_data_length` payload bytes), valid for `'a`.
    unsafe fn from_raw(data: *const u8) -> Self {
        // SAFETY: by the function's safety requirement, the 64-byte header is readable.
        let header = unsafe { &*data.cast::<[u8; ENTRY_HEADER_LEN]>() };
        let revision = u16::from_le_bytes([header[20], header[21]]);
        let len = u32::from_le_bytes([header[24], header[25], header[26], header[27]]);
        let offset = if revision >= REVISION_WITH_TIMESTAMP {
            ENTRY_HEADER_LEN + 8
        } else {
            ENTRY_HEADER_LEN
        };
        // SAFETY: the payload of `error_data_length` bytes follows the header (ghes_rs checked
        // it before handing the entry on).
        let payload = unsafe { core::slice::from_raw_parts(data.add(offset), len as usize) };
        Entry { header, payload }
    }

    fn fru_text(&self) -> &'a [u8] {
        if self.header[22] & VALID_FRU_TEXT == 0 {
            return &[];
        }
        let text = &self.header[44..64];
        let end = text.iter().position(|&c| c == 0).unwrap_or(text.len());
        &text[..end]
    }
}

/// A GUID as Linux's `%pUl` prints it.
struct Guid<'a>(&'a [u8]);

impl fmt::Display for Guid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(
            f,
            "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-",
            b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9]
        )?;
        b[10..16].iter().try_for_each(|x| write!(f, "{:02x}", x))
    }
}

/// Hex bytes separated by spaces.
struct Hex<'a>(&'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            write!(f, "{}{:02x}", if i == 0 { "" } else { " " }, b)?;
        }
        Ok(())
    }
}

/// The notifier: `action` is the section's GHES severity, `data` the entry.
///
/// # Safety
///
/// Called by the notifier chain only, with `data` a whole Generic Error Data Entry valid for
/// the call (`ghes_rs_register_vendor_record_notifier()`'s contract).
unsafe extern "C" fn on_vendor_record(
    _nb: *mut bindings::notifier_block,
    action: usize,
    data: *mut c_void,
) -> c_int {
    // SAFETY: ghes_rs passes a whole Generic Error Data Entry, valid during this call.
    let entry = unsafe { Entry::from_raw(data.cast()) };
    let fru = entry.fru_text();
    pr_info!(
        "vendor section {} severity {}, {} bytes, FRU text '{}': {}\n",
        Guid(&entry.header[..16]),
        action,
        entry.payload.len(),
        core::str::from_utf8(fru).unwrap_or("?"),
        Hex(&entry.payload[..entry.payload.len().min(16)])
    );
    bindings::NOTIFY_OK as c_int
}

struct VendorSample {
    nb: KBox<Opaque<bindings::notifier_block>>,
}

// SAFETY: the notifier block is touched only by the notifier chain, under its own lock.
unsafe impl Send for VendorSample {}
// SAFETY: as above; `&VendorSample` gives no access to it.
unsafe impl Sync for VendorSample {}

impl kernel::Module for VendorSample {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let nb = KBox::new(
            Opaque::new(bindings::notifier_block {
                notifier_call: Some(on_vendor_record),
                next: core::ptr::null_mut(),
                priority: 0,
            }),
            GFP_KERNEL,
        )?;
        // SAFETY: `nb` stays at this address until it is unregistered in `drop`.
        to_result(unsafe { ghes_rs_register_vendor_record_notifier(nb.get()) })?;
        pr_info!("receiving vendor error sections from ghes_rs\n");
        Ok(VendorSample { nb })
    }
}

impl Drop for VendorSample {
    fn drop(&mut self) {
        // SAFETY: registered in `init`; returns once the notifier cannot be running.
        unsafe { ghes_rs_unregister_vendor_record_notifier(self.nb.get()) };
    }
}
