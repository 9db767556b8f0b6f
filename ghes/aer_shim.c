// SPDX-License-Identifier: GPL-2.0
/*
 * ghes_rs: firmware-first PCIe errors (UEFI 2.10 N.2.7) to the PCI core's AER
 * recovery, as ghes_handle_aer() does for the built-in driver.
 *
 * The built-in driver copies the AER registers into its estatus pool, which
 * aer_recover_queue() frees into; ghes_rs copies them with kmalloc() and hands
 * aer_recover_queue_release() (kernel patch 0006) a release function, called on
 * every path, so nothing leaks when the device is missing or the queue is full.
 */
#include <linux/aer.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "shims.h"

/* ghes/cper/src/aer_forward.rs: AER_REGS_LEN */
static_assert(sizeof(struct aer_capability_regs) == 56);

#if IS_ENABLED(CONFIG_ACPI_APEI_PCIEAER)

static void ghes_rs_aer_release(struct aer_capability_regs *regs)
{
	kfree(regs);
}

/**
 * ghes_rs_aer_forward() - Queue AER recovery for a PCIe error section.
 * @segment: PCI segment of the device
 * @bus: bus number
 * @devfn: PCI_DEVFN(device, function)
 * @severity: AER_NONFATAL, AER_FATAL or AER_CORRECTABLE
 * @regs: the section's AER registers, sizeof(struct aer_capability_regs) bytes
 *
 * Context: irq_work (hard IRQ) or process context; not NMI (allocates with
 * GFP_ATOMIC, takes the AER ring's spinlock).
 * Return: 0, -ENOMEM if the copy could not be allocated.
 */
int ghes_rs_aer_forward(u16 segment, u8 bus, u8 devfn, int severity,
			const void *regs)
{
	struct aer_capability_regs *copy;

	copy = kmemdup(regs, sizeof(*copy), GFP_ATOMIC);
	if (!copy)
		return -ENOMEM;
	aer_recover_queue_release(segment, bus, devfn, severity, copy,
				  ghes_rs_aer_release);
	return 0;
}

/**
 * ghes_rs_aer_flush() - Wait until every queued AER recovery has run.
 *
 * After this no queued entry points at ghes_rs_aer_release().
 * Context: process context, may sleep.
 */
void ghes_rs_aer_flush(void)
{
	aer_recover_flush();
}

#else /* !CONFIG_ACPI_APEI_PCIEAER */

int ghes_rs_aer_forward(u16 segment, u8 bus, u8 devfn, int severity,
			const void *regs)
{
	return -EOPNOTSUPP;
}

void ghes_rs_aer_flush(void)
{
}

#endif
