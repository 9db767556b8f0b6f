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
#include <linux/list.h>
#include <linux/mutex.h>
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

/*
 * The interrupt lines ghes_rs's sources use, with who mapped each. A line the
 * platform already described (a device's _CRS, e.g. the Generic Event Device
 * whose interrupt notifies the HED) keeps that owner's trigger, polarity and
 * mapping: ghes_rs never unmaps it. A line nobody had mapped is mapped by
 * ghes_rs and unmapped when the last of its sources stops, and only if no
 * other driver's handler is left on it: acpi_unregister_gsi() disposes of the
 * mapping whoever else uses it.
 */
struct ghes_rs_gsi_line {
	struct list_head node;
	u32 gsi;
	int irq;
	unsigned int users;
	bool mapped_here;
};

static LIST_HEAD(ghes_rs_gsi_lines);
static DEFINE_MUTEX(ghes_rs_gsi_lines_lock);

struct ghes_rs_gsi {
	struct ghes_rs_gsi_line *line;
	u16 index;
};

static irqreturn_t ghes_rs_gsi_handler(int irq, void *data)
{
	struct ghes_rs_gsi *g = data;

	return ghes_rs_notify_source(g->index) ? IRQ_HANDLED : IRQ_NONE;
}

/* Takes a use of @gsi's line, mapping it if nobody has; ghes_rs_gsi_lines_lock held. */
static struct ghes_rs_gsi_line *ghes_rs_gsi_line_get(u32 gsi, int *err)
{
	struct ghes_rs_gsi_line *line;
	unsigned int irq;

	list_for_each_entry(line, &ghes_rs_gsi_lines, node) {
		if (line->gsi == gsi) {
			line->users++;
			return line;
		}
	}
	line = kzalloc(sizeof(*line), GFP_KERNEL);
	if (!line) {
		*err = -ENOMEM;
		return NULL;
	}
	if (!acpi_gsi_to_irq(gsi, &irq)) {
		line->irq = irq;
	} else {
		/*
		 * Nobody described the line: the HEST gives no trigger or
		 * polarity, so map it edge-triggered, active high, which sees
		 * a pulse as well as the rising edge of a level.
		 */
		line->irq = acpi_register_gsi(NULL, gsi, ACPI_EDGE_SENSITIVE, ACPI_ACTIVE_HIGH);
		if (line->irq < 0) {
			*err = line->irq;
			kfree(line);
			return NULL;
		}
		line->mapped_here = true;
	}
	line->gsi = gsi;
	line->users = 1;
	list_add(&line->node, &ghes_rs_gsi_lines);
	return line;
}

/* Drops a use of @line, unmapping it if it is ours and unused; lock held. */
static void ghes_rs_gsi_line_put(struct ghes_rs_gsi_line *line)
{
	if (--line->users)
		return;
	if (line->mapped_here && !irq_has_action(line->irq))
		acpi_unregister_gsi(line->gsi);
	list_del(&line->node);
	kfree(line);
}

/**
 * ghes_rs_gsi_start() - Take the interrupt of source @index's GSI (NOTIFY_EXTERNAL,
 * NOTIFY_GSIV).
 * @index: the source's index in the driver.
 * @gsi: the HEST notification's vector.
 * @unowned_only: take the line only if no other driver's handler is on it
 *	(NOTIFY_GSIV, which the HED notifier serves anyway, as Linux serves it:
 *	its line is often the Generic Event Device's own).
 * @err: on failure, the negative errno (-EBUSY: another driver owns the line).
 *
 * The handler is requested shared, so several sources may share one line (each
 * handler reads its own block). A line already mapped keeps its owner's
 * trigger and polarity; see struct ghes_rs_gsi_line.
 *
 * Context: process context, may sleep.
 * Return: a handle for ghes_rs_gsi_stop(), or NULL with *@err set.
 */
void *ghes_rs_gsi_start(u16 index, u32 gsi, bool unowned_only, int *err)
{
	struct ghes_rs_gsi *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (!g) {
		*err = -ENOMEM;
		return NULL;
	}
	g->index = index;
	mutex_lock(&ghes_rs_gsi_lines_lock);
	g->line = ghes_rs_gsi_line_get(gsi, err);
	if (!g->line)
		goto fail;
	if (unowned_only && g->line->users == 1 && irq_has_action(g->line->irq)) {
		*err = -EBUSY;
		goto put;
	}
	*err = request_irq(g->line->irq, ghes_rs_gsi_handler, IRQF_SHARED, "GHES", g);
	if (*err)
		goto put;
	mutex_unlock(&ghes_rs_gsi_lines_lock);
	return g;
put:
	ghes_rs_gsi_line_put(g->line);
fail:
	mutex_unlock(&ghes_rs_gsi_lines_lock);
	kfree(g);
	return NULL;
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

	free_irq(g->line->irq, g);
	mutex_lock(&ghes_rs_gsi_lines_lock);
	ghes_rs_gsi_line_put(g->line);
	mutex_unlock(&ghes_rs_gsi_lines_lock);
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
