// SPDX-License-Identifier: GPL-2.0
/*
 * The GHES driver's C glue: the kernel APIs that Linux 6.12 has no Rust
 * abstractions or bindings for (ACPI registers, the pre-mapped block, the
 * per-notification fixmap slots, the APEI GHES provider hooks for SEA and
 * SEI, the irq_work consumer, panic, debugfs). The notifications that are not
 * exceptions are in notify_shim.c, SDEI in sdei/sdei_shim.c, memory recovery
 * in mm_hooks/mm_hooks_shim.c. Each function is a thin wrapper; rust/bindings.rs
 * declares them for Rust and rust/shims.h for C. Context rules are stated
 * per function.
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
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <acpi/actbl1.h>
#include <acpi/apei.h>
#include <acpi/ghes_hooks.h>

#include "apei-internal.h"
#include "shims.h"

/*
 * The GHES hooks, the GHES SDEI event registration and AER recovery with a
 * release function are exported for GHES drivers only (kernel patch series).
 */
MODULE_IMPORT_NS(APEI_GHES);

/* rust/bindings.rs mirrors struct ghes_rs_gas. */
static_assert(sizeof(struct ghes_rs_gas) == 16);

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

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * ghes_rs_block_scribble() - Firmware rewriting a mapped error status block,
 * for the KUnit suites: data_length 0xffff, up to 100 payload bytes 0xa5;
 * block_status stays.
 * @vaddr: the block's mapping (ghes_rs_block_premap()).
 * @len: its length, at least 20.
 *
 * Context: any, including NMI: no lock.
 */
void ghes_rs_block_scribble(void __iomem *vaddr, u32 len)
{
	writel(0xffff, vaddr + 12);
	memset_io(vaddr + 20, 0xa5, min_t(u32, len - 20, 100));
}
#endif

/* --- Error status blocks through the per-notification fixmap slots ----- */

/*
 * The kernel owns one lock per slot (apei_ghes_slot_lock(), each its own lock
 * class): an NMI-like notification may interrupt a holder of another slot's
 * lock, never of its own (SEA runs with SError masked, SDEI critical may
 * interrupt SDEI normal, and so on). apei_ghes_map() checks it is held.
 */

/**
 * ghes_rs_slot_lock() - Take a fixmap slot's lock, interrupts masked.
 * @slot: an enum apei_ghes_slot value.
 *
 * Context: any, including NMI; spins only while another CPU holds the slot.
 * Return: the saved interrupt flags for ghes_rs_slot_unlock().
 */
unsigned long ghes_rs_slot_lock(u32 slot)
{
	unsigned long flags = 0;

	WARN_ON_ONCE(apei_ghes_slot_lock(slot, &flags));
	return flags;
}

/**
 * ghes_rs_slot_unlock() - Release ghes_rs_slot_lock().
 * @slot: the slot.
 * @flags: what ghes_rs_slot_lock() returned.
 */
void ghes_rs_slot_unlock(u32 slot, unsigned long flags)
{
	apei_ghes_slot_unlock(slot, flags);
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

/* hest::SerrorClass::from_raw() reads the kernel's classes by these values. */
static_assert(APEI_GHES_SERROR_CONTAINED == 0);
static_assert(APEI_GHES_SERROR_UNCONTAINED == 1);
static_assert(APEI_GHES_SERROR_NOT_ARCHITECTED == 2);

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
 * One irq_work per CPU, each draining its own CPU's queue (ghes/estatus_pool.rs):
 * a record is processed on the CPU that took its notification, so a
 * synchronous error's task_work and SIGBUS go to the task that consumed it,
 * every time. With one global irq_work (as Linux's ghes.c has), a SEA on one
 * CPU could find the work already pending on the other, whose interrupted
 * task would then get the task_work, while the task that took the abort went
 * back to user space and ran the aborting instruction again.
 *
 * Works on two CPUs may run at once; processing is serialised so the duplicate
 * cache's record copies and the print sequence see one consumer at a time.
 * Only irq_work takes this lock. It is a spinlock_t, not a raw one: the
 * consumer prints, allocates with GFP_ATOMIC and calls memory_failure_queue(),
 * which takes spinlock_t locks. The irq_work is not IRQ_WORK_HARD_IRQ, so on
 * PREEMPT_RT it runs in the CPU's irq_work thread, where all of that is valid.
 */
static DEFINE_SPINLOCK(ghes_rs_proc_lock);

static void ghes_rs_irq_work_fn(struct irq_work *work)
{
	spin_lock(&ghes_rs_proc_lock);
	/* A per-CPU work runs on its own CPU (or that CPU's irq_work thread). */
	ghes_rs_proc_in_irq(smp_processor_id());
	spin_unlock(&ghes_rs_proc_lock);
}

static DEFINE_PER_CPU(struct irq_work, ghes_rs_irq_works);

/**
 * ghes_rs_irq_works_init() - Set up every CPU's irq_work.
 *
 * Before the first record can be queued: the driver calls it before it
 * publishes itself to the notifications. The per-CPU copies are set up at run
 * time, each with init_irq_work(): with a static per-CPU initializer instead,
 * the lab's module once ran an irq_work whose function was NULL.
 *
 * Context: process context.
 */
void ghes_rs_irq_works_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		init_irq_work(per_cpu_ptr(&ghes_rs_irq_works, cpu), ghes_rs_irq_work_fn);
}

/**
 * ghes_rs_cpu_pin() - Disable preemption and return this CPU's number.
 *
 * A producer pins its CPU from the push onto this CPU's queue until this CPU's
 * irq_work is queued, so the record cannot be left on a queue whose work was
 * raised elsewhere. Undo with ghes_rs_cpu_unpin().
 *
 * Context: any, including NMI.
 */
unsigned int ghes_rs_cpu_pin(void)
{
	return get_cpu();
}

/**
 * ghes_rs_cpu_unpin() - Undo ghes_rs_cpu_pin().
 *
 * Context: any, including NMI.
 */
void ghes_rs_cpu_unpin(void)
{
	put_cpu();
}

/**
 * ghes_rs_nr_cpu_ids() - How many per-CPU queues the pool needs.
 */
unsigned int ghes_rs_nr_cpu_ids(void)
{
	return nr_cpu_ids;
}

/**
 * ghes_rs_irq_work_queue() - Have ghes_rs_proc_in_irq() drain this CPU's queue.
 *
 * Context: any, including NMI; preemption disabled (ghes_rs_cpu_pin()).
 */
void ghes_rs_irq_work_queue(void)
{
	irq_work_queue(this_cpu_ptr(&ghes_rs_irq_works));
}

/**
 * ghes_rs_irq_work_sync() - Wait until no CPU's irq_work is pending or running.
 *
 * Context: process context, may sleep.
 */
void ghes_rs_irq_work_sync(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		irq_work_sync(per_cpu_ptr(&ghes_rs_irq_works, cpu));
}

/* --- Fatal errors ----------------------------------------------------- */

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
