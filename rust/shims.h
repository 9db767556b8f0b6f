/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The header every C file of ghes_rs.ko shares: the C shims of each part
 * (hest/, ghes/, sdei/, mm_hooks/: one *_shim.c each, ghes/ one per concept),
 * the generic helpers in rust/helpers.c, and the Rust functions they call.
 * rust/bindings.rs declares the same items for the Rust side; keep the two
 * in step. The KUnit suites' entry points are in ghes/ghes_kunit.h.
 */
#ifndef GHES_RS_SHIMS_H
#define GHES_RS_SHIMS_H

#include <linux/types.h>
#include <acpi/ghes_hooks.h>

struct pt_regs;
struct seq_file;

/* An ACPI Generic Address Structure, unpacked (ACPICA's is packed). */
struct ghes_rs_gas {
	u64 address;
	u8 space_id;
	u8 bit_width;
	u8 bit_offset;
	u8 access_width;
};

/*
 * Storage for ghes_rs_kick_on_return(), owned by the caller; rust/bindings.rs
 * mirrors its size (GhesRsKick).
 */
struct ghes_rs_kick {
	struct apei_ghes_task_work tw;
};

/* hest/hest_shim.c */
int ghes_rs_hest_get(const u8 **table, u32 *len);
void ghes_rs_hest_put(const u8 *table);

/* ghes/ghes_shim.c */
int ghes_rs_gas_map(const struct ghes_rs_gas *g);
void ghes_rs_gas_unmap(const struct ghes_rs_gas *g);
int ghes_rs_gas_read(const struct ghes_rs_gas *g, u64 *val);
int ghes_rs_gas_write(const struct ghes_rs_gas *g, u64 val);

void __iomem *ghes_rs_block_premap(u64 paddr, u32 len);
void ghes_rs_block_unmap(void __iomem *vaddr, u32 len);
u32 ghes_rs_block_status(const void __iomem *vaddr);
void ghes_rs_block_clear(void __iomem *vaddr);
void ghes_rs_copy_from_io(void *dst, const void __iomem *src, u32 len);
u64 ghes_rs_reg_read(const void __iomem *vaddr, bool is64);
void ghes_rs_reg_write(void __iomem *vaddr, bool is64, u64 val);
void ghes_rs_block_scribble(void __iomem *vaddr, u32 len); /* GHES_RS_KUNIT_TEST only */

unsigned long ghes_rs_slot_lock(u32 slot);
void ghes_rs_slot_unlock(u32 slot, unsigned long flags);
int ghes_rs_copy_phys(void *buf, u64 paddr, u32 len, bool from_phys, u32 slot);

int ghes_rs_provider_register(void);
void ghes_rs_provider_unregister(void);
unsigned int ghes_rs_cpu_pin(void);
void ghes_rs_cpu_unpin(void);
unsigned int ghes_rs_nr_cpu_ids(void);
void ghes_rs_irq_works_init(void);
void ghes_rs_irq_work_queue(void);
void ghes_rs_irq_work_sync(void);
void __noreturn ghes_rs_panic(u16 source_id);

void ghes_rs_debugfs_create(void);
void ghes_rs_debugfs_remove(void);

/* ghes/notify_shim.c */
void *ghes_rs_poll_start(u16 index, u32 interval_ms);
void ghes_rs_poll_stop(void *handle);
void *ghes_rs_gsi_start(u16 index, u32 gsi, bool unowned_only, int *err);
void ghes_rs_gsi_stop(void *handle);
int ghes_rs_hed_start(void);
void ghes_rs_hed_stop(void);

/* ghes/trace_shim.c */
void ghes_rs_trace_init(void);
void ghes_rs_trace_arm_event(const void *section, u32 pei_len, u32 ctx_len,
			     u32 vendor_len, u8 sev);
void ghes_rs_trace_non_standard_event(const u8 *sec_type, const u8 *fru_id,
				      const char *fru_text, u8 sev,
				      const u8 *data, u32 len);

/* ghes/vendor_shim.c */
struct notifier_block;
int ghes_rs_register_vendor_record_notifier(struct notifier_block *nb);
void ghes_rs_unregister_vendor_record_notifier(struct notifier_block *nb);
int ghes_rs_vendor_start(void);
void ghes_rs_vendor_stop(void);
int ghes_rs_vendor_defer(const void *gdata, u32 len, int severity);

/* ghes/aer_shim.c */
int ghes_rs_aer_forward(u16 segment, u8 bus, u8 devfn, int severity,
			const void *regs);
void ghes_rs_aer_flush(void);

/* sdei/sdei_shim.c */
int ghes_rs_sdei_normal_cb(u32 event, struct pt_regs *regs, void *arg);
int ghes_rs_sdei_critical_cb(u32 event, struct pt_regs *regs, void *arg);
int ghes_rs_sdei_start(u16 index, u32 event);
int ghes_rs_sdei_stop(u32 event);

/* mm_hooks/mm_hooks_shim.c */
bool ghes_rs_memory_failure_queue(u64 pfn, bool action_required, bool soft_offline);
bool ghes_rs_pfn_valid(u64 pfn);
bool ghes_rs_memory_failure_now(u64 pfn);
bool ghes_rs_kick_on_return(struct ghes_rs_kick *kick);
void ghes_rs_sigbus_current(u16 source_id);

/* ghes/module_params.c */
bool ghes_rs_source_ignored(u16 source_id);
bool ghes_rs_should_fail_notification_start(void);

/* rust/helpers.c */
u64 ghes_rs_now_ns(void);
void *ghes_rs_vmalloc(unsigned long size);
void ghes_rs_vfree(void *ptr);
void ghes_rs_seq_line(struct seq_file *m, const void *args);

/* Implemented in Rust. */
void ghes_rs_counters_show(struct seq_file *m);		/* ghes/driver.rs */
void ghes_rs_counters_json_show(struct seq_file *m);	/* ghes/counters_json.rs */
int ghes_rs_notify_sea(void);				/* ghes/notify_entry.rs */
int ghes_rs_notify_sei(struct pt_regs *regs, unsigned long esr,	/* ghes/notify_entry.rs */
		       enum apei_ghes_serror_class class);
void ghes_rs_proc_in_irq(unsigned int cpu);		/* ghes/driver.rs */
bool ghes_rs_notify_source(u16 index);			/* ghes/notify_entry.rs */
bool ghes_rs_notify_hed(void);				/* ghes/notify_entry.rs */
bool ghes_rs_notify_sdei(u16 index, bool critical);	/* sdei/callback.rs */
void ghes_rs_kick_run(struct ghes_rs_kick *kick);	/* ghes/driver.rs */

#endif /* GHES_RS_SHIMS_H */
