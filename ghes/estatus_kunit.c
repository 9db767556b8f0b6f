// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "ghes_rs_estatus": the estatus pool and queue (ghes/estatus/, the
 * kernel glue in ghes/estatus_pool.rs) used from hard-IRQ and NMI context on
 * every online CPU at once, until the pool is exhausted.
 *
 * NMI context is real: apei_ghes_test_call_in_nmi() (kernel patch 0005) runs
 * the producer between nmi_enter() and nmi_exit(), as arm64's SError and SDEI
 * entry code do.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/irq_work.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <acpi/ghes_hooks.h>

#include "shims.h"
#include "ghes_kunit.h"

/* Records each producer context offers: more than the pool holds in total. */
#define OFFERS_PER_CONTEXT 16

struct fill_ctx {
	void *pool;
	atomic_t done;
	atomic_t queued;
	atomic_t offered;
	atomic_t bad_context;
	struct irq_work local_work;
};

static void fill_in_nmi(void *arg)
{
	struct fill_ctx *c = arg;

	if (!in_nmi())
		atomic_inc(&c->bad_context);
	atomic_add(ghes_rs_kunit_fill(c->pool, OFFERS_PER_CONTEXT), &c->queued);
}

/* One CPU's producers: a hard-IRQ phase, then an NMI phase. */
static void fill_on_this_cpu(struct fill_ctx *c)
{
	if (!in_hardirq() || in_nmi())
		atomic_inc(&c->bad_context);
	atomic_add(ghes_rs_kunit_fill(c->pool, OFFERS_PER_CONTEXT), &c->queued);

	apei_ghes_test_call_in_nmi(fill_in_nmi, c);

	atomic_add(2 * OFFERS_PER_CONTEXT, &c->offered);
	atomic_inc(&c->done);
}

static void fill_ipi(void *arg)
{
	fill_on_this_cpu(arg);
}

static void fill_irq_work(struct irq_work *work)
{
	fill_on_this_cpu(container_of(work, struct fill_ctx, local_work));
}

/* Fills from hard-IRQ and NMI context on every online CPU concurrently. */
static void fill_all_cpus(struct kunit *test, struct fill_ctx *c)
{
	int cpu, this_cpu, cpus = 0;

	atomic_set(&c->done, 0);
	atomic_set(&c->queued, 0);
	atomic_set(&c->offered, 0);
	init_irq_work(&c->local_work, fill_irq_work);

	this_cpu = get_cpu();
	for_each_online_cpu(cpu) {
		cpus++;
		if (cpu != this_cpu)
			KUNIT_ASSERT_EQ(test, smp_call_function_single(cpu, fill_ipi, c, 0), 0);
	}
	irq_work_queue(&c->local_work); /* self-IPI: hard IRQ on this CPU */
	put_cpu();

	while (atomic_read(&c->done) < cpus)
		msleep(1);
	irq_work_sync(&c->local_work);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->offered), cpus * 2 * OFFERS_PER_CONTEXT);
}

static void estatus_exhaust_from_hardirq_and_nmi_on_all_cpus(struct kunit *test)
{
	struct fill_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	u64 counters[GHES_RS_KUNIT_COUNTERS];
	u32 slots;
	int round;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_GE(test, num_online_cpus(), 2U);
	c->pool = ghes_rs_kunit_pool_new(&slots);
	KUNIT_ASSERT_NOT_NULL(test, c->pool);
	KUNIT_ASSERT_LT(test, slots, 2U * 2 * OFFERS_PER_CONTEXT);

	for (round = 1; round <= 2; round++) {
		fill_all_cpus(test, c);
		KUNIT_EXPECT_EQ(test, atomic_read(&c->bad_context), 0);
		/* Exactly the pool's capacity was queued; every other offer was counted. */
		KUNIT_EXPECT_EQ(test, atomic_read(&c->queued), slots);
		ghes_rs_kunit_counters(c->pool, counters);
		KUNIT_EXPECT_EQ(test, counters[GHES_RS_KUNIT_QUEUED], (u64)round * slots);
		KUNIT_EXPECT_EQ(test, counters[GHES_RS_KUNIT_IN_USE], (u64)slots);
		KUNIT_EXPECT_EQ(test, counters[GHES_RS_KUNIT_QUEUED] +
				      counters[GHES_RS_KUNIT_DROPPED_POOL_EXHAUSTED],
				(u64)round * atomic_read(&c->offered));

		/* The consumer gets every queued record once, then the pool is empty. */
		KUNIT_EXPECT_EQ(test, ghes_rs_kunit_drain(c->pool), slots);
		ghes_rs_kunit_counters(c->pool, counters);
		KUNIT_EXPECT_EQ(test, counters[GHES_RS_KUNIT_PROCESSED], (u64)round * slots);
		KUNIT_EXPECT_EQ(test, counters[GHES_RS_KUNIT_IN_USE], 0ULL);
	}
	ghes_rs_kunit_pool_free(c->pool);
}

static void estatus_drains_in_arrival_order(struct kunit *test)
{
	u32 slots;
	void *pool = ghes_rs_kunit_pool_new(&slots);

	KUNIT_ASSERT_NOT_NULL(test, pool);
	/* Records carry their sequence number; drain checks it rises by one each time. */
	KUNIT_EXPECT_EQ(test, ghes_rs_kunit_fill(pool, slots), slots);
	KUNIT_EXPECT_EQ(test, ghes_rs_kunit_drain_in_order(pool), (int)slots);
	ghes_rs_kunit_pool_free(pool);
}

static struct kunit_case ghes_rs_estatus_cases[] = {
	KUNIT_CASE(estatus_exhaust_from_hardirq_and_nmi_on_all_cpus),
	KUNIT_CASE(estatus_drains_in_arrival_order),
	{}
};

static struct kunit_suite ghes_rs_estatus_suite = {
	.name = "ghes_rs_estatus",
	.test_cases = ghes_rs_estatus_cases,
};
kunit_test_suite(ghes_rs_estatus_suite);
