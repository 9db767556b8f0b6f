// SPDX-License-Identifier: GPL-2.0

//! Declarations of the C shims of every part (`hest/hest_shim.c`, `ghes/*_shim.c`,
//! `sdei/sdei_shim.c`, `mm_hooks/mm_hooks_shim.c`) and of the generic helpers in
//! `rust/helpers.c` (prototypes in `rust/shims.h`), grouped by the file that defines them.
//!
//! Linux 6.12's `kernel::bindings` has no ACPI, fixmap, SDEI, irq_work or task_work items,
//! so ghes_rs reaches them through small C functions compiled into the same module. Only the
//! safe wrappers next to each user call these; their context rules are in the C comments.

use core::ffi::{c_char, c_int, c_uint, c_ulong, c_void};

/// `struct ghes_rs_gas`: an ACPI Generic Address Structure, unpacked.
#[repr(C)]
#[derive(Clone, Copy)]
pub(crate) struct GhesRsGas {
    pub(crate) address: u64,
    pub(crate) space_id: u8,
    pub(crate) bit_width: u8,
    pub(crate) bit_offset: u8,
    pub(crate) access_width: u8,
}

/// `struct ghes_rs_kick`: storage for a `task_work` callback, owned by the caller until the
/// shim calls `ghes_rs_kick_run`. Rust never looks inside.
#[repr(C)]
pub(crate) struct GhesRsKick {
    /// `struct apei_ghes_task_work`: a `callback_head` (two pointers), the function and the
    /// owning module (mm_hooks/mm_hooks_shim.c checks the size at build time).
    work: [usize; 4],
}

extern "C" {
    // hest/hest_shim.c
    pub(crate) fn ghes_rs_hest_get(table: *mut *const u8, len: *mut u32) -> c_int;
    pub(crate) fn ghes_rs_hest_put(table: *const u8);

    // ghes/ghes_shim.c
    pub(crate) fn ghes_rs_gas_map(gas: *const GhesRsGas) -> c_int;
    pub(crate) fn ghes_rs_gas_unmap(gas: *const GhesRsGas);
    pub(crate) fn ghes_rs_gas_read(gas: *const GhesRsGas, val: *mut u64) -> c_int;
    pub(crate) fn ghes_rs_gas_write(gas: *const GhesRsGas, val: u64) -> c_int;

    pub(crate) fn ghes_rs_block_premap(paddr: u64, len: u32) -> *mut c_void;
    pub(crate) fn ghes_rs_block_unmap(vaddr: *mut c_void, len: u32);
    pub(crate) fn ghes_rs_block_status(vaddr: *const c_void) -> u32;
    pub(crate) fn ghes_rs_block_clear(vaddr: *mut c_void);
    pub(crate) fn ghes_rs_copy_from_io(dst: *mut c_void, src: *const c_void, len: u32);
    pub(crate) fn ghes_rs_reg_read(vaddr: *const c_void, is64: bool) -> u64;
    pub(crate) fn ghes_rs_reg_write(vaddr: *mut c_void, is64: bool, val: u64);
    #[cfg(CONFIG_GHES_RS_KUNIT_TEST)]
    pub(crate) fn ghes_rs_block_scribble(vaddr: *mut c_void, len: u32);

    pub(crate) fn ghes_rs_slot_lock(slot: u32) -> c_ulong;
    pub(crate) fn ghes_rs_slot_unlock(slot: u32, flags: c_ulong);
    pub(crate) fn ghes_rs_copy_phys(
        buf: *mut c_void,
        paddr: u64,
        len: u32,
        from_phys: bool,
        slot: u32,
    ) -> c_int;

    pub(crate) fn ghes_rs_provider_register() -> c_int;
    pub(crate) fn ghes_rs_provider_unregister();
    pub(crate) fn ghes_rs_cpu_pin() -> c_uint;
    pub(crate) fn ghes_rs_cpu_unpin();
    pub(crate) fn ghes_rs_nr_cpu_ids() -> c_uint;
    pub(crate) fn ghes_rs_irq_works_init();
    pub(crate) fn ghes_rs_irq_work_queue();
    pub(crate) fn ghes_rs_irq_work_sync();
    pub(crate) fn ghes_rs_panic(source_id: u16) -> !;

    pub(crate) fn ghes_rs_debugfs_create();
    pub(crate) fn ghes_rs_debugfs_remove();

    // ghes/notify_shim.c
    pub(crate) fn ghes_rs_poll_start(index: u16, interval_ms: u32) -> *mut c_void;
    pub(crate) fn ghes_rs_poll_stop(handle: *mut c_void);
    pub(crate) fn ghes_rs_gsi_start(
        index: u16,
        gsi: u32,
        unowned_only: bool,
        err: *mut c_int,
    ) -> *mut c_void;
    pub(crate) fn ghes_rs_gsi_stop(handle: *mut c_void);
    pub(crate) fn ghes_rs_hed_start() -> c_int;
    pub(crate) fn ghes_rs_hed_stop();

    // ghes/trace_shim.c
    pub(crate) fn ghes_rs_trace_init();
    pub(crate) fn ghes_rs_trace_arm_event(
        section: *const c_void,
        pei_len: u32,
        ctx_len: u32,
        vendor_len: u32,
        sev: u8,
    );
    pub(crate) fn ghes_rs_trace_non_standard_event(
        sec_type: *const u8,
        fru_id: *const u8,
        fru_text: *const c_char,
        sev: u8,
        data: *const u8,
        len: u32,
    );

    // ghes/vendor_shim.c
    pub(crate) fn ghes_rs_vendor_start() -> c_int;
    pub(crate) fn ghes_rs_vendor_stop();
    pub(crate) fn ghes_rs_vendor_defer(gdata: *const c_void, len: u32, severity: c_int) -> c_int;

    // ghes/aer_shim.c
    pub(crate) fn ghes_rs_aer_forward(
        segment: u16,
        bus: u8,
        devfn: u8,
        severity: c_int,
        regs: *const c_void,
    ) -> c_int;
    pub(crate) fn ghes_rs_aer_flush();

    // sdei/sdei_shim.c
    pub(crate) fn ghes_rs_sdei_start(index: u16, event: u32) -> c_int;
    pub(crate) fn ghes_rs_sdei_stop(event: u32) -> c_int;

    // mm_hooks/mm_hooks_shim.c
    pub(crate) fn ghes_rs_memory_failure_queue(
        pfn: u64,
        action_required: bool,
        soft_offline: bool,
    ) -> bool;
    pub(crate) fn ghes_rs_pfn_valid(pfn: u64) -> bool;
    pub(crate) fn ghes_rs_memory_failure_now(pfn: u64) -> bool;
    pub(crate) fn ghes_rs_kick_on_return(kick: *mut GhesRsKick) -> bool;
    pub(crate) fn ghes_rs_sigbus_current(source_id: u16);

    // ghes/module_params.c
    pub(crate) fn ghes_rs_source_ignored(source_id: u16) -> bool;
    pub(crate) fn ghes_rs_should_fail_notification_start() -> bool;

    // rust/helpers.c
    pub(crate) fn ghes_rs_now_ns() -> u64;
    pub(crate) fn ghes_rs_vmalloc(size: c_ulong) -> *mut c_void;
    pub(crate) fn ghes_rs_vfree(ptr: *mut c_void);
    pub(crate) fn ghes_rs_seq_line(m: *mut c_void, args: *const c_void);
}
