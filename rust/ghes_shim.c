// SPDX-License-Identifier: GPL-2.0
/*
 * C shims for ghes_rs.ko: the kernel APIs that Linux 6.12 has no Rust
 * abstractions or bindings for (ACPI tables and registers, the APEI GHES
 * hooks, fixmap copies, irq_work, task_work, memory_failure_queue); the
 * notifications that are not exceptions are in notify_shim.c. Each
 * function is a thin wrapper; rust/bindings.rs declares them for Rust and
 * ghes_shim.h for C. Context rules are stated per function.
 */
#include <linux/acpi.h>
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/irq_work.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pfn.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>
#include <linux/cper.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/task_work.h>
#include <linux/vmalloc.h>
#include <acpi/actbl1.h>
#include <acpi/apei.h>
#include <acpi/ghes_hooks.h>

#include "apei-internal.h"
#include "ghes_shim.h"

/* rust/bindings.rs mirrors struct ghes_rs_kick as two words. */
static_assert(sizeof(struct ghes_rs_kick) == 2 * sizeof(long));
static_assert(sizeof(struct ghes_rs_gas) == 16);

/* --- ACPI tables ------------------------------------------------------- */

/**
 * ghes_rs_hest_get() - Map the ACPI HEST.
 * @table: on success, the table's first byte.
 * @len: on success, the table's length from its header.
 *
 * The mapping stays valid until ghes_rs_hest_put().
 *
 * Context: process context, may sleep.
 * Return: 0, -ENODEV if the firmware has no HEST, -EIO on other ACPICA errors.
 */
int ghes_rs_hest_get(const u8 **table, u32 *len)
{
	struct acpi_table_header *hdr;
	acpi_status status;

	status = acpi_get_table(ACPI_SIG_HEST, 0, &hdr);
	if (status == AE_NOT_FOUND)
		return -ENODEV;
	if (ACPI_FAILURE(status))
		return -EIO;

	*table = (const u8 *)hdr;
	*len = hdr->length;
	return 0;
}

/**
 * ghes_rs_hest_put() - Release a table mapped by ghes_rs_hest_get().
 * @table: the pointer ghes_rs_hest_get() returned.
 */
void ghes_rs_hest_put(const u8 *table)
{
	acpi_put_table((struct acpi_table_header *)table);
}

/* --- Generic Address Structure registers -------------------------------- */

static void ghes_rs_gas(struct acpi_generic_address *gas,
			const struct ghes_rs_gas *g)
{
	memset(gas, 0, sizeof(*gas));
	gas->space_id = g->space_id;
	gas->bit_width = g->bit_width;
	gas->bit_offset = g->bit_offset;
	gas->access_width = g->access_width;
	gas->address = g->address;
}

/**
 * ghes_rs_gas_map() - Pre-map a register so it can be read in NMI context.
 * @g: the register.
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno (the register is unusable).
 */
int ghes_rs_gas_map(const struct ghes_rs_gas *g)
{
	struct acpi_generic_address gas;

	ghes_rs_gas(&gas, g);
	return apei_map_generic_address(&gas);
}

/**
 * ghes_rs_gas_unmap() - Undo ghes_rs_gas_map().
 * @g: the register.
 *
 * Context: process context, may sleep.
 */
void ghes_rs_gas_unmap(const struct ghes_rs_gas *g)
{
	struct acpi_generic_address gas;

	ghes_rs_gas(&gas, g);
	apei_unmap_generic_address(&gas);
}

/**
 * ghes_rs_gas_read() - Read a register mapped by ghes_rs_gas_map().
 * @g: the register.
 * @val: the value read.
 *
 * Context: any, including NMI (the mapping exists, nothing sleeps).
 * Return: 0 or a negative errno.
 */
int ghes_rs_gas_read(const struct ghes_rs_gas *g, u64 *val)
{
	struct acpi_generic_address gas;

	ghes_rs_gas(&gas, g);
	return apei_read(val, &gas);
}

/**
 * ghes_rs_gas_write() - Write a register mapped by ghes_rs_gas_map().
 * @g: the register.
 * @val: the value to write.
 *
 * Context: any, including NMI.
 * Return: 0 or a negative errno.
 */
int ghes_rs_gas_write(const struct ghes_rs_gas *g, u64 val)
{
	struct acpi_generic_address gas;

	ghes_rs_gas(&gas, g);
	return apei_write(val, &gas);
}

/* --- The pre-mapped idle check ------------------------------------------ */

/**
 * ghes_rs_block_premap() - Map an error status block ahead of time.
 * @paddr: the block's physical address.
 * @len: its length.
 *
 * Only block_status is read through this mapping, to tell "no record" cheaply;
 * records are still copied through the fixmap slots.
 *
 * Context: process context, may sleep.
 * Return: the mapping, or NULL.
 */
void __iomem *ghes_rs_block_premap(u64 paddr, u32 len)
{
	return acpi_os_map_iomem(paddr, len);
}

/** ghes_rs_block_unmap() - Undo ghes_rs_block_premap(); process context. */
void ghes_rs_block_unmap(void __iomem *vaddr, u32 len)
{
	acpi_os_unmap_iomem(vaddr, len);
}

/**
 * ghes_rs_reg_read() - Read a register mapped by ghes_rs_block_premap().
 * @vaddr: the mapping.
 * @is64: 64 bits wide (else 32).
 *
 * Context: any, including NMI.
 */
u64 ghes_rs_reg_read(const void __iomem *vaddr, bool is64)
{
	return is64 ? readq(vaddr) : readl(vaddr);
}

/** ghes_rs_block_status() - Read block_status; any context, including NMI. */
u32 ghes_rs_block_status(const void __iomem *vaddr)
{
	return readl(vaddr);
}

/* --- Error status blocks through the per-notification fixmap slots ----- */

/*
 * One lock per slot, each its own lock class: an NMI-like notification may
 * interrupt a holder of another slot's lock, never of its own (SEA runs with
 * SError masked, SDEI critical may interrupt SDEI normal, and so on).
 */
static DEFINE_RAW_SPINLOCK(ghes_rs_lock_irq);
static DEFINE_RAW_SPINLOCK(ghes_rs_lock_sea);
static DEFINE_RAW_SPINLOCK(ghes_rs_lock_sei);
static DEFINE_RAW_SPINLOCK(ghes_rs_lock_sdei_normal);
static DEFINE_RAW_SPINLOCK(ghes_rs_lock_sdei_critical);

static raw_spinlock_t *ghes_rs_slot_lock_of(u32 slot)
{
	switch (slot) {
	case APEI_GHES_SLOT_IRQ:
		return &ghes_rs_lock_irq;
	case APEI_GHES_SLOT_SEA:
		return &ghes_rs_lock_sea;
	case APEI_GHES_SLOT_SEI:
		return &ghes_rs_lock_sei;
	case APEI_GHES_SLOT_SDEI_NORMAL:
		return &ghes_rs_lock_sdei_normal;
	case APEI_GHES_SLOT_SDEI_CRITICAL:
		return &ghes_rs_lock_sdei_critical;
	}
	return NULL;
}

/**
 * ghes_rs_slot_lock() - Take a fixmap slot's lock, interrupts masked.
 * @slot: an enum apei_ghes_slot value.
 *
 * Context: any, including NMI; spins only while another CPU holds the slot.
 * Return: the saved interrupt flags for ghes_rs_slot_unlock().
 */
unsigned long ghes_rs_slot_lock(u32 slot)
{
	raw_spinlock_t *lock = ghes_rs_slot_lock_of(slot);
	unsigned long flags = 0;

	if (!WARN_ON_ONCE(!lock))
		raw_spin_lock_irqsave(lock, flags);
	return flags;
}

/**
 * ghes_rs_slot_unlock() - Release ghes_rs_slot_lock().
 * @slot: the slot.
 * @flags: what ghes_rs_slot_lock() returned.
 */
void ghes_rs_slot_unlock(u32 slot, unsigned long flags)
{
	raw_spinlock_t *lock = ghes_rs_slot_lock_of(slot);

	if (lock)
		raw_spin_unlock_irqrestore(lock, flags);
}

/**
 * ghes_rs_copy_phys() - Copy to or from physical memory through a slot.
 * @buf: kernel buffer of @len bytes.
 * @paddr: the physical address.
 * @len: bytes to copy; may cross any number of pages.
 * @from_phys: true to read @paddr into @buf, false to write @buf to @paddr.
 * @slot: the notification kind's slot; the caller holds its lock.
 *
 * Context: any, including NMI.
 * Return: 0, or -EINVAL if @paddr + @len wraps.
 */
int ghes_rs_copy_phys(void *buf, u64 paddr, u32 len, bool from_phys, u32 slot)
{
	void __iomem *vaddr;
	u64 offset;
	u32 trunk;

	if (paddr + len < paddr)
		return -EINVAL;

	while (len > 0) {
		offset = paddr - (paddr & PAGE_MASK);
		vaddr = apei_ghes_map(slot, PHYS_PFN(paddr));
		if (!vaddr)
			return -EINVAL;
		trunk = min_t(u64, PAGE_SIZE - offset, len);
		if (from_phys)
			memcpy_fromio(buf, vaddr + offset, trunk);
		else
			memcpy_toio(vaddr + offset, buf, trunk);
		len -= trunk;
		paddr += trunk;
		buf += trunk;
		apei_ghes_unmap(slot, vaddr);
	}
	return 0;
}

/* --- The GHES provider (SEA, SEI) and the irq_work that finishes ------- */

static const struct apei_ghes_provider ghes_rs_provider = {
	.notify_sea = ghes_rs_notify_sea,
	.notify_sei = ghes_rs_notify_sei,
	.owner = THIS_MODULE,
};

/**
 * ghes_rs_provider_register() - Start receiving SEA and SError notifications.
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno (-EBUSY: another GHES provider is registered).
 */
int ghes_rs_provider_register(void)
{
	return apei_ghes_register_provider(&ghes_rs_provider);
}

/**
 * ghes_rs_provider_unregister() - Stop them; returns once no handler runs.
 *
 * Context: process context, sleeps.
 */
void ghes_rs_provider_unregister(void)
{
	apei_ghes_unregister_provider(&ghes_rs_provider);
}

/*
 * The irq_work may run on two CPUs at once (queued again while running);
 * processing is serialised so the duplicate cache's record copies and the
 * print sequence see one consumer at a time. Only irq_work takes this lock.
 * It is a spinlock_t, not a raw one: the consumer prints, allocates with
 * GFP_ATOMIC and calls memory_failure_queue(), which takes spinlock_t
 * locks. The irq_work is not IRQ_WORK_HARD_IRQ, so on PREEMPT_RT it runs in
 * the irq_work thread, where all of that is valid.
 */
static DEFINE_SPINLOCK(ghes_rs_proc_lock);

static void ghes_rs_irq_work_fn(struct irq_work *work)
{
	spin_lock(&ghes_rs_proc_lock);
	ghes_rs_proc_in_irq();
	spin_unlock(&ghes_rs_proc_lock);
}

static DEFINE_IRQ_WORK(ghes_rs_irq_work, ghes_rs_irq_work_fn);

/**
 * ghes_rs_irq_work_queue() - Have ghes_rs_proc_in_irq() run soon on this CPU.
 *
 * Context: any, including NMI.
 */
void ghes_rs_irq_work_queue(void)
{
	irq_work_queue(&ghes_rs_irq_work);
}

/**
 * ghes_rs_irq_work_sync() - Wait until the irq_work is not running anywhere.
 *
 * Context: process context, may sleep.
 */
void ghes_rs_irq_work_sync(void)
{
	irq_work_sync(&ghes_rs_irq_work);
}

/* --- Memory and recovery ------------------------------------------------ */

/** ghes_rs_now_ns() - ktime_get_mono_fast_ns(); any context, including NMI. */
u64 ghes_rs_now_ns(void)
{
	return ktime_get_mono_fast_ns();
}

/**
 * ghes_rs_sigbus_current() - Kill the current task for an unhandled synchronous error.
 * @source_id: the error source, for the message.
 *
 * As ghes_do_proc() does when nothing could be queued for a synchronous
 * uncorrected error: the task must not run on with the error.
 *
 * Context: irq_work run in the task that took the error, or process context.
 */
void ghes_rs_sigbus_current(u16 source_id)
{
	if (!current->mm)
		return;
	pr_err(HW_ERR "ghes_rs: source %u: %s:%d: synchronous unrecoverable error (SIGBUS)\n",
	       source_id, current->comm, task_pid_nr(current));
	force_sig(SIGBUS);
}

/** ghes_rs_vmalloc() - vzalloc(); process context. */
void *ghes_rs_vmalloc(unsigned long size)
{
	return vzalloc(size);
}

/** ghes_rs_vfree() - vfree(); process context. */
void ghes_rs_vfree(void *ptr)
{
	vfree(ptr);
}

/**
 * ghes_rs_memory_failure_queue() - Queue memory_failure() for a page.
 * @pfn: the page frame.
 * @action_required: the error was consumed synchronously (MF_ACTION_REQUIRED).
 * @soft_offline: corrected errors over threshold (MF_SOFT_OFFLINE).
 *
 * Context: any but NMI (takes an IRQ-safe spinlock).
 * Return: false if @pfn is not a valid page frame.
 */
bool ghes_rs_memory_failure_queue(u64 pfn, bool action_required,
				  bool soft_offline)
{
	int flags = 0;

	if (!pfn_valid(pfn))
		return false;
	if (action_required)
		flags |= MF_ACTION_REQUIRED;
	if (soft_offline)
		flags |= MF_SOFT_OFFLINE;
	memory_failure_queue(pfn, flags);
	return true;
}

/**
 * ghes_rs_pfn_valid() - Whether @pfn is a page frame memory_failure() can take.
 */
bool ghes_rs_pfn_valid(u64 pfn)
{
	return pfn_valid(pfn);
}

/**
 * ghes_rs_memory_failure_now() - memory_failure(@pfn, MF_ACTION_REQUIRED) in the
 * task that consumed the error, which gets SIGBUS BUS_MCEERR_AR if it maps the page.
 * @pfn: the page frame.
 *
 * Context: process context (task_work before returning to user), may sleep.
 * Return: false if @pfn is not a valid page frame.
 */
bool ghes_rs_memory_failure_now(u64 pfn)
{
	if (!pfn_valid(pfn))
		return false;
	memory_failure(pfn, MF_ACTION_REQUIRED);
	return true;
}

static void ghes_rs_kick_task_work(struct callback_head *head)
{
	struct ghes_rs_kick *kick = container_of(head, struct ghes_rs_kick, work);

	ghes_rs_kick_run(kick);
	/* Taken by ghes_rs_kick_on_return(): the module stays until here. */
	module_put(THIS_MODULE);
}

/**
 * ghes_rs_kick_on_return() - Run memory_failure() before returning to user.
 * @kick: caller-owned storage that stays valid until ghes_rs_kick_run(@kick).
 *
 * Adds task_work to the current task that calls ghes_rs_kick_run(), which runs
 * memory_failure(MF_ACTION_REQUIRED) for the record's pages in this task before
 * it returns to user space, so a task that consumed poison gets SIGBUS
 * BUS_MCEERR_AR before it can touch the page again.
 *
 * Context: IRQ (irq_work) or process context, in the task that took the
 * synchronous error.
 * Holds a reference on the module until the callback has run.
 *
 * Return: true if queued (ghes_rs_kick_run() will be called), false if the
 * task has no user space or is exiting, or the module is going away.
 */
bool ghes_rs_kick_on_return(struct ghes_rs_kick *kick)
{
	if (!current->mm)
		return false;
	/*
	 * The callback and @kick live in this module: hold it until the callback
	 * has run, so it cannot be unloaded (rmmod gets -EBUSY meanwhile).
	 */
	if (!try_module_get(THIS_MODULE))
		return false;
	init_task_work(&kick->work, ghes_rs_kick_task_work);
	if (task_work_add(current, &kick->work, TWA_RESUME)) {
		module_put(THIS_MODULE);
		return false;
	}
	return true;
}

/**
 * ghes_rs_panic() - panic() with a fixed message (the report is printed).
 * @source_id: the error source that reported the fatal error.
 */
void __noreturn ghes_rs_panic(u16 source_id)
{
	add_taint(TAINT_MACHINE_CHECK, LOCKDEP_STILL_OK);
	panic("GHES: Fatal hardware error from source %u", source_id);
}

/* --- debugfs: /sys/kernel/debug/ghes_rs/counters ------------------------ */

static struct dentry *ghes_rs_debugfs_dir;

static int ghes_rs_counters_open_show(struct seq_file *m, void *v)
{
	ghes_rs_counters_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ghes_rs_counters_open);

/**
 * ghes_rs_debugfs_create() - Create /sys/kernel/debug/ghes_rs/counters.
 *
 * Reading it calls ghes_rs_counters_show(). Failure is not fatal (debugfs
 * may be absent); nothing to check.
 *
 * Context: process context.
 */
void ghes_rs_debugfs_create(void)
{
	ghes_rs_debugfs_dir = debugfs_create_dir("ghes_rs", NULL);
	debugfs_create_file("counters", 0444, ghes_rs_debugfs_dir, NULL,
			    &ghes_rs_counters_open_fops);
}

/**
 * ghes_rs_debugfs_remove() - Remove the files; waits for readers to finish.
 *
 * Context: process context, may sleep.
 */
void ghes_rs_debugfs_remove(void)
{
	debugfs_remove(ghes_rs_debugfs_dir);
	ghes_rs_debugfs_dir = NULL;
}

/**
 * ghes_rs_seq_line() - Append one formatted line to a seq_file.
 * @m: the seq_file being shown.
 * @args: a pointer to Rust's core::fmt::Arguments, printed with %pA.
 */
void ghes_rs_seq_line(struct seq_file *m, const void *args)
{
	seq_printf(m, "%pA\n", args);
}
