// SPDX-License-Identifier: GPL-2.0
/*
 * The notifications of ghes_rs.ko that are not exceptions (ACPI 6.5 table
 * 18.14): a timer for NOTIFY_POLLED, an interrupt for NOTIFY_EXTERNAL and
 * NOTIFY_GSIV, the Hardware Error Device notifier for NOTIFY_GPIO and
 * NOTIFY_SCI. SEA and SEI come through the GHES provider hooks (ghes_shim.c),
 * SDEI through sdei/sdei_shim.c. Each handler calls into Rust
 * (ghes/notify_entry.rs) with the source's index.
 */
#include <linux/acpi.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <acpi/hed.h>

#include "shims.h"

/* --- Polled and interrupt-notified sources ------------------------------ */

struct ghes_rs_poll {
	struct timer_list timer;
	u32 interval_ms;
	u16 index;
};

static void ghes_rs_poll_fn(struct timer_list *t)
{
	struct ghes_rs_poll *p = from_timer(p, t, timer);

	ghes_rs_notify_source(p->index);
	mod_timer(&p->timer, jiffies + msecs_to_jiffies(p->interval_ms));
}

/**
 * ghes_rs_poll_start() - Poll source @index every @interval_ms (NOTIFY_POLLED).
 * @index: the source's index in the driver.
 * @interval_ms: the HEST's poll interval, non-zero.
 *
 * Context: process context, may sleep.
 * Return: a handle for ghes_rs_poll_stop(), or NULL.
 */
void *ghes_rs_poll_start(u16 index, u32 interval_ms)
{
	struct ghes_rs_poll *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->interval_ms = interval_ms;
	p->index = index;
	timer_setup(&p->timer, ghes_rs_poll_fn, 0);
	mod_timer(&p->timer, jiffies + msecs_to_jiffies(interval_ms));
	return p;
}

/**
 * ghes_rs_poll_stop() - Stop polling; returns once the timer cannot run again.
 * @handle: from ghes_rs_poll_start().
 *
 * Context: process context, sleeps.
 */
void ghes_rs_poll_stop(void *handle)
{
	struct ghes_rs_poll *p = handle;

	timer_shutdown_sync(&p->timer);
	kfree(p);
}

struct ghes_rs_gsi {
	int irq;
	u32 gsi;
	u16 index;
};

static irqreturn_t ghes_rs_gsi_handler(int irq, void *data)
{
	struct ghes_rs_gsi *g = data;

	return ghes_rs_notify_source(g->index) ? IRQ_HANDLED : IRQ_NONE;
}

/**
 * ghes_rs_gsi_start() - Take the interrupt of source @index's GSI (NOTIFY_EXTERNAL,
 * NOTIFY_GSIV).
 * @index: the source's index in the driver.
 * @gsi: the HEST notification's vector.
 * @err: on failure, the negative errno.
 *
 * The GSI is registered edge-triggered, active high, and requested shared,
 * so several sources may share one line (each handler reads its own block).
 *
 * Context: process context, may sleep.
 * Return: a handle for ghes_rs_gsi_stop(), or NULL with *@err set.
 */
void *ghes_rs_gsi_start(u16 index, u32 gsi, int *err)
{
	struct ghes_rs_gsi *g = kzalloc(sizeof(*g), GFP_KERNEL);
	int irq;

	if (!g) {
		*err = -ENOMEM;
		return NULL;
	}
	irq = acpi_register_gsi(NULL, gsi, ACPI_EDGE_SENSITIVE, ACPI_ACTIVE_HIGH);
	if (irq < 0) {
		*err = irq;
		kfree(g);
		return NULL;
	}
	g->irq = irq;
	g->gsi = gsi;
	g->index = index;
	*err = request_irq(irq, ghes_rs_gsi_handler, IRQF_SHARED, "GHES", g);
	if (*err) {
		acpi_unregister_gsi(gsi);
		kfree(g);
		return NULL;
	}
	return g;
}

/**
 * ghes_rs_gsi_stop() - Free the interrupt; returns once its handler cannot run.
 * @handle: from ghes_rs_gsi_start().
 *
 * Context: process context, sleeps.
 */
void ghes_rs_gsi_stop(void *handle)
{
	struct ghes_rs_gsi *g = handle;

	free_irq(g->irq, g);
	acpi_unregister_gsi(g->gsi);
	kfree(g);
}

/* --- NOTIFY_GPIO and NOTIFY_SCI: the Hardware Error Device ------------- */

static int ghes_rs_hed_notify(struct notifier_block *nb, unsigned long event,
			      void *data)
{
	return ghes_rs_notify_hed() ? NOTIFY_OK : NOTIFY_DONE;
}

static struct notifier_block ghes_rs_hed_nb = {
	.notifier_call = ghes_rs_hed_notify,
};

/**
 * ghes_rs_hed_start() - Look at the GPIO and SCI sources whenever the ACPI
 * Hardware Error Device (PNP0C33) is notified.
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno.
 */
int ghes_rs_hed_start(void)
{
	return register_acpi_hed_notifier(&ghes_rs_hed_nb);
}

/**
 * ghes_rs_hed_stop() - Undo ghes_rs_hed_start(); returns once the notifier
 * cannot run (the chain is an SRCU-protected blocking notifier).
 *
 * Context: process context, sleeps.
 */
void ghes_rs_hed_stop(void)
{
	unregister_acpi_hed_notifier(&ghes_rs_hed_nb);
}
