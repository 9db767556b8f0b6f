// SPDX-License-Identifier: GPL-2.0

//! Prints CPER reports through printk, line by line, exactly as the portable printer forms
//! them (the text of drivers/firmware/efi/cper.c; UEFI 2.10 Appendix N).

use core::ffi::c_void;
use core::fmt;
use core::sync::atomic::{AtomicU32, Ordering};

use crate::cper::{ghes_log_level, print_ghes_estatus, Estatus, LogLevel, Sink};

/// A [`Sink`] that printks each line at a level.
pub(crate) struct Printk {
    level: LogLevel,
}

/// printk one line, `KERN_SOH <level> "%pA\n"`.
fn printk(level: LogLevel, line: fmt::Arguments<'_>) {
    let format: [u8; 7] = [0x01, level.digit(), b'%', b'p', b'A', b'\n', 0];
    // SAFETY: `format` is a NUL-terminated printk format whose only conversion, `%pA`, takes
    // a pointer to `core::fmt::Arguments`, which `line` is, alive for the call.
    unsafe {
        kernel::bindings::_printk(
            format.as_ptr().cast(),
            core::ptr::from_ref(&line).cast::<c_void>(),
        )
    };
}

impl Sink for Printk {
    fn line(&mut self, line: fmt::Arguments<'_>) {
        printk(self.level, line);
    }

    fn line_at(&mut self, level: LogLevel, line: fmt::Arguments<'_>) {
        printk(level, line);
    }
}

/// `__ghes_print_estatus()`'s sequence number, shared by every report.
static SEQNO: AtomicU32 = AtomicU32::new(0);

/// Prints `estatus` from source `source_id` as Linux's `__ghes_print_estatus()`, at the
/// level it would choose, or at KERN_EMERG for a fatal report (`__ghes_panic()`).
pub(crate) fn print_report(source_id: u16, estatus: &Estatus<'_>, level: Option<LogLevel>) {
    let seq = SEQNO.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
    let mut sink = Printk {
        level: level.unwrap_or_else(|| ghes_log_level(estatus)),
    };
    print_ghes_estatus(&mut sink, seq, source_id, estatus);
}
