// SPDX-License-Identifier: GPL-2.0
/*
 * Vendor records: the registration API other modules use to receive the
 * error sections ghes_rs.ko has no decoder for (UEFI 2.10 section N.2.2:
 * any section type but memory, PCIe, ARM processor and CXL events), as Linux's
 * ghes_register_vendor_record_notifier() does for the built-in driver.
 *
 * A notifier is called in process context (a workqueue) with the section's
 * GHES severity as the action and a pointer to a copy of the whole Generic
 * Error Data Entry (struct acpi_hest_generic_data and its payload) as data,
 * valid for the duration of the call. Usable from C and, through these two
 * exported functions, from Rust (samples/ghes_rs_vendor_sample.rs).
 */
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "shims.h"

static BLOCKING_NOTIFIER_HEAD(ghes_rs_vendor_chain);
static struct workqueue_struct *ghes_rs_vendor_wq;

struct ghes_rs_vendor_entry {
	struct work_struct work;
	int severity;
	u8 gdata[];
};

/**
 * ghes_rs_register_vendor_record_notifier() - Receive vendor error sections.
 * @nb: called with (severity, const struct acpi_hest_generic_data *).
 *
 * Context: process context.
 * Return: 0 or a negative errno.
 */
int ghes_rs_register_vendor_record_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&ghes_rs_vendor_chain, nb);
}
EXPORT_SYMBOL_GPL(ghes_rs_register_vendor_record_notifier);

/**
 * ghes_rs_unregister_vendor_record_notifier() - Stop receiving them; returns
 * once @nb cannot be running.
 * @nb: a registered notifier.
 *
 * Context: process context, may sleep.
 */
void ghes_rs_unregister_vendor_record_notifier(struct notifier_block *nb)
{
	blocking_notifier_chain_unregister(&ghes_rs_vendor_chain, nb);
}
EXPORT_SYMBOL_GPL(ghes_rs_unregister_vendor_record_notifier);

static void ghes_rs_vendor_work(struct work_struct *work)
{
	struct ghes_rs_vendor_entry *entry =
		container_of(work, struct ghes_rs_vendor_entry, work);

	blocking_notifier_call_chain(&ghes_rs_vendor_chain, entry->severity,
				     entry->gdata);
	kfree(entry);
}

/**
 * ghes_rs_vendor_start() - Create the workqueue the notifiers run on.
 *
 * Context: process context.
 * Return: 0 or -ENOMEM.
 */
int ghes_rs_vendor_start(void)
{
	ghes_rs_vendor_wq = alloc_workqueue("ghes_rs_vendor", WQ_UNBOUND, 0);
	return ghes_rs_vendor_wq ? 0 : -ENOMEM;
}

/**
 * ghes_rs_vendor_stop() - Run every deferred record, then destroy the workqueue.
 *
 * Context: process context, sleeps; after the last ghes_rs_vendor_defer().
 */
void ghes_rs_vendor_stop(void)
{
	destroy_workqueue(ghes_rs_vendor_wq);
	ghes_rs_vendor_wq = NULL;
}

/**
 * ghes_rs_vendor_defer() - Hand a vendor section to the notifiers, later.
 * @gdata: the Generic Error Data Entry (header and payload).
 * @len: its length.
 * @severity: the section's GHES severity.
 *
 * Nothing is copied while no notifier is registered.
 *
 * Context: irq_work (hard IRQ) or process context; not NMI (allocates with
 * GFP_ATOMIC).
 * Return: 0, or -ENOMEM if the copy could not be allocated (the record is not
 * delivered to the notifiers).
 */
int ghes_rs_vendor_defer(const void *gdata, u32 len, int severity)
{
	struct ghes_rs_vendor_entry *entry;

	if (!rcu_access_pointer(ghes_rs_vendor_chain.head))
		return 0;
	entry = kmalloc(struct_size(entry, gdata, len), GFP_ATOMIC);
	if (!entry)
		return -ENOMEM;
	entry->severity = severity;
	memcpy(entry->gdata, gdata, len);
	INIT_WORK(&entry->work, ghes_rs_vendor_work);
	queue_work(ghes_rs_vendor_wq, &entry->work);
	return 0;
}
