/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C shims of ghes_rs.ko (ghes_shim.c, notify_shim.c, trace_shim.c,
 * vendor_shim.c) and the Rust
 * functions they call.
 * rust/bindings.rs declares the same items for the Rust side; keep the two
 * in step.
 */
#ifndef GHES_RS_SHIM_H
#define GHES_RS_SHIM_H

#include <linux/types.h>

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

/* Storage for ghes_rs_kick_on_return(), owned by the caller. */
struct ghes_rs_kick {
	struct callback_head work;
};

int ghes_rs_hest_get(const u8 **table, u32 *len);
void ghes_rs_hest_put(const u8 *table);

int ghes_rs_gas_map(const struct ghes_rs_gas *g);
void ghes_rs_gas_unmap(const struct ghes_rs_gas *g);
int ghes_rs_gas_read(const struct ghes_rs_gas *g, u64 *val);
int ghes_rs_gas_write(const struct ghes_rs_gas *g, u64 val);

void __iomem *ghes_rs_block_premap(u64 paddr, u32 len);
void ghes_rs_block_unmap(void __iomem *vaddr, u32 len);
u32 ghes_rs_block_status(const void __iomem *vaddr);
u64 ghes_rs_reg_read(const void __iomem *vaddr, bool is64);

unsigned long ghes_rs_slot_lock(u32 slot);
void ghes_rs_slot_unlock(u32 slot, unsigned long flags);
int ghes_rs_copy_phys(void *buf, u64 paddr, u32 len, bool from_phys, u32 slot);

int ghes_rs_provider_register(void);
void ghes_rs_provider_unregister(void);
void ghes_rs_irq_work_queue(void);
void ghes_rs_irq_work_sync(void);

void *ghes_rs_poll_start(u16 index, u32 interval_ms);
void ghes_rs_poll_stop(void *handle);
void *ghes_rs_gsi_start(u16 index, u32 gsi, int *err);
void ghes_rs_gsi_stop(void *handle);
int ghes_rs_hed_start(void);
void ghes_rs_hed_stop(void);
int ghes_rs_sdei_normal_cb(u32 event, struct pt_regs *regs, void *arg);
int ghes_rs_sdei_critical_cb(u32 event, struct pt_regs *regs, void *arg);
int ghes_rs_sdei_start(u16 index, u32 event);
int ghes_rs_sdei_stop(u32 event);

void *ghes_rs_vmalloc(unsigned long size);
void ghes_rs_vfree(void *ptr);
bool ghes_rs_memory_failure_queue(u64 pfn, bool action_required, bool soft_offline);
bool ghes_rs_pfn_valid(u64 pfn);
bool ghes_rs_memory_failure_now(u64 pfn);

/* rust/aer_shim.c */
int ghes_rs_aer_forward(u16 segment, u8 bus, u8 devfn, int severity,
			const void *regs);
void ghes_rs_aer_flush(void);
bool ghes_rs_kick_on_return(struct ghes_rs_kick *kick);
void __noreturn ghes_rs_panic(u16 source_id);
u64 ghes_rs_now_ns(void);
void ghes_rs_sigbus_current(u16 source_id);

void ghes_rs_trace_init(void);
void ghes_rs_trace_arm_event(const void *section, u32 pei_len, u32 ctx_len,
			     u32 vendor_len, u8 sev);
void ghes_rs_trace_non_standard_event(const u8 *sec_type, const u8 *fru_id,
				      const char *fru_text, u8 sev,
				      const u8 *data, u32 len);

struct notifier_block;
int ghes_rs_register_vendor_record_notifier(struct notifier_block *nb);
void ghes_rs_unregister_vendor_record_notifier(struct notifier_block *nb);
int ghes_rs_vendor_start(void);
void ghes_rs_vendor_stop(void);
int ghes_rs_vendor_defer(const void *gdata, u32 len, int severity);

void ghes_rs_debugfs_create(void);
void ghes_rs_debugfs_remove(void);
void ghes_rs_seq_line(struct seq_file *m, const void *args);

/* Implemented in Rust (ghes/). */
void ghes_rs_counters_show(struct seq_file *m);
int ghes_rs_notify_sea(void);
int ghes_rs_notify_sei(struct pt_regs *regs, unsigned long esr);
void ghes_rs_proc_in_irq(void);
bool ghes_rs_notify_source(u16 index);
bool ghes_rs_notify_sdei(u16 index, bool critical);
bool ghes_rs_notify_hed(void);
void ghes_rs_kick_run(struct ghes_rs_kick *kick);

/* KUnit support (ghes/kunit_support.rs), built with CONFIG_KUNIT. */
enum {
	GHES_RS_KUNIT_QUEUED,
	GHES_RS_KUNIT_PROCESSED,
	GHES_RS_KUNIT_DROPPED_POOL_EXHAUSTED,
	GHES_RS_KUNIT_IN_USE,
	GHES_RS_KUNIT_COUNTERS,
};
void *ghes_rs_kunit_pool_new(u32 *slots);
u32 ghes_rs_kunit_fill(void *pool, u32 offers);
u32 ghes_rs_kunit_drain(void *pool);
int ghes_rs_kunit_drain_in_order(void *pool);
void ghes_rs_kunit_counters(void *pool, u64 *counters);
void ghes_rs_kunit_pool_free(void *pool);

/* KUnit support for the notification handlers (ghes/kunit_notify.rs). */
struct ghes_rs_kunit_source {
	u32 block_status;
	bool has_ack;
	u64 ack;
	u64 queued;
	u64 processed;
	u64 dropped;
};
int ghes_rs_kunit_find_source(u8 notify_type, u32 nth);
int ghes_rs_kunit_firmware_write(u16 index, u64 pa);
int ghes_rs_kunit_firmware_scribble(u16 index);
void ghes_rs_kunit_block_scribble(void __iomem *vaddr, u32 len);
int ghes_rs_kunit_source_state(u16 index, struct ghes_rs_kunit_source *out);
void ghes_rs_kunit_interrupt_next(void (*func)(void *arg), void *arg, u32 not_in_slot);

#endif /* GHES_RS_SHIM_H */
