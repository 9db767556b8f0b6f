// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "ghes_rs_notify": the NOTIFY_SEI and NOTIFY_SDEI handlers of the
 * live driver, entered in NMI context (apei_ghes_test_call_in_nmi(), the same
 * nmi_enter() as arm64's SError and SDEI entry) because QEMU raises neither.
 *
 * It needs the lab's multi-source HEST (tools/lab-tests/kunit_notify.sh): one SEI
 * and two SDEI sources whose blocks the test writes as firmware would, and the
 * explicit opt-in kunit_lab_firmware=1. Without either the cases are skipped
 * and no block is written. Each case checks what a RAS engineer checks: the
 * handler's verdict, the record processed and counted, block_status cleared
 * and the GHESv2 read-ack register written.
 */
#include <kunit/test.h>
#include <linux/acpi.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <linux/io.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <acpi/ghes_hooks.h>
#include <asm/esr.h>

#include "shims.h"
#include "ghes_kunit.h"

/* The syndrome firmware chooses for NOTIFY_SEI: implementation defined (not architected). */
#define ESR_SEI_IMPDEF \
	(ESR_ELx_EC_SERROR << ESR_ELx_EC_SHIFT | ESR_ELx_IL | ESR_ELx_IDS)
/* The CPU's own report of an error it cannot continue after (RAS, UER). */
#define ESR_RAS_UER                                                     \
	(ESR_ELx_EC_SERROR << ESR_ELx_EC_SHIFT | ESR_ELx_IL | ESR_ELx_AET_UER | \
	 ESR_ELx_FSC_SERROR)

/* Physical addresses named by the records: outside RAM, and corrected anyway. */
#define RECORD_PA 0x7f000000ULL

/* ghes_rs_kunit_interrupt_next(): the interruption may come in any handler. */
#define ANY_SLOT 0xffffffffU

/* Iterations per CPU in the concurrent SDEI case. */
#define CONCURRENT_ROUNDS 200

struct handler_call {
	int index;
	unsigned long esr;
	enum apei_ghes_serror_class class;
	bool critical;
	int ret;
	bool in_nmi;
	bool ran;
};

static void call_sei(void *arg)
{
	struct handler_call *c = arg;

	c->in_nmi = in_nmi();
	c->ret = ghes_rs_notify_sei(NULL, c->esr, c->class);
	c->ran = true;
}

static void call_sdei(void *arg)
{
	struct handler_call *c = arg;
	void *index = (void *)(uintptr_t)c->index;

	c->in_nmi = in_nmi();
	c->ret = c->critical ? ghes_rs_sdei_critical_cb(0, NULL, index) :
			       ghes_rs_sdei_normal_cb(0, NULL, index);
	c->ran = true;
}

/*
 * The suite writes records into error status blocks, which on any machine but
 * the lab belong to the platform's firmware. It runs only when the lab asks
 * for it explicitly; elsewhere every case is skipped and nothing is written.
 */
static bool kunit_lab_firmware;
module_param(kunit_lab_firmware, bool, 0444);
MODULE_PARM_DESC(kunit_lab_firmware,
		 "KUnit: let the ghes_rs_notify suite write records into the error status blocks (the lab's own HEST only; default: skip)");

/* The index of the nth source notified by @type, or skip the case. */
static int source_or_skip(struct kunit *test, u8 type, u32 nth)
{
	int index;

	if (!kunit_lab_firmware)
		kunit_skip(test, "writes into firmware memory: load with kunit_lab_firmware=1, on the lab's HEST only");
	index = ghes_rs_kunit_find_source(type, nth);

	if (index < 0)
		kunit_skip(test, "no such source: boot with tools/lab-tests/kunit_notify.sh's HEST");
	return index;
}

/*
 * Skips unless the machine has tools/lab-tests/kunit_notify.sh's HEST (it has an SEI
 * source): the cases write records into sources other tests own too (polled,
 * SEA), which would change those tests' counters and rate limits.
 */
static void notify_hest_or_skip(struct kunit *test)
{
	source_or_skip(test, ACPI_HEST_NOTIFY_SEI, 0);
}

static struct ghes_rs_kunit_source state_of(struct kunit *test, int index)
{
	struct ghes_rs_kunit_source s;

	KUNIT_ASSERT_EQ(test, ghes_rs_kunit_source_state(index, &s), 0);
	return s;
}

/* The record written before @before was processed once and handed back to firmware. */
static void expect_consumed(struct kunit *test, int index,
			    const struct ghes_rs_kunit_source *before)
{
	struct ghes_rs_kunit_source after;

	ghes_rs_irq_work_sync();
	after = state_of(test, index);
	KUNIT_EXPECT_EQ(test, after.queued, before->queued + 1);
	KUNIT_EXPECT_EQ(test, after.processed, before->processed + 1);
	KUNIT_EXPECT_EQ(test, after.dropped, before->dropped);
	KUNIT_EXPECT_EQ(test, after.block_status, 0U);
	if (after.has_ack)
		KUNIT_EXPECT_EQ(test, after.ack, 1ULL);
}

static void sei_claims_a_record_under_a_firmware_syndrome(struct kunit *test)
{
	int index = source_or_skip(test, ACPI_HEST_NOTIFY_SEI, 0);
	struct handler_call c = { .esr = ESR_SEI_IMPDEF,
					   .class = APEI_GHES_SERROR_NOT_ARCHITECTED };
	struct ghes_rs_kunit_source before = state_of(test, index);

	KUNIT_ASSERT_EQ(test, ghes_rs_kunit_firmware_write(index, RECORD_PA), 0);
	apei_ghes_test_call_in_nmi(call_sei, &c);
	KUNIT_EXPECT_TRUE(test, c.in_nmi);
	KUNIT_EXPECT_EQ(test, c.ret, 0);
	expect_consumed(test, index, &before);
}

static void sei_without_a_record_is_left_to_the_architecture(struct kunit *test)
{
	int index = source_or_skip(test, ACPI_HEST_NOTIFY_SEI, 0);
	struct ghes_rs_kunit_source before = state_of(test, index), after;
	struct handler_call firmware = { .esr = ESR_SEI_IMPDEF,
					   .class = APEI_GHES_SERROR_NOT_ARCHITECTED };
	struct handler_call cpu = { .esr = ESR_RAS_UER,
				     .class = APEI_GHES_SERROR_UNCONTAINED };

	KUNIT_ASSERT_EQ(test, before.block_status, 0U);
	apei_ghes_test_call_in_nmi(call_sei, &firmware);
	apei_ghes_test_call_in_nmi(call_sei, &cpu);
	KUNIT_EXPECT_EQ(test, firmware.ret, -ENOENT);
	KUNIT_EXPECT_EQ(test, cpu.ret, -ENOENT);
	after = state_of(test, index);
	KUNIT_EXPECT_EQ(test, after.queued, before.queued);
	KUNIT_EXPECT_EQ(test, after.dropped, before.dropped);
}

static void interrupt_with_critical(void *arg)
{
	apei_ghes_test_call_in_nmi(call_sdei, arg);
}

/*
 * A critical SDEI event arrives while the normal one holds its slot's lock and
 * a reserved pool slot: both records are delivered, nothing deadlocks.
 */
static void sdei_critical_interrupts_normal_mid_read(struct kunit *test)
{
	int normal = source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, 0);
	int critical = source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, 1);
	struct handler_call n = { .index = normal };
	struct handler_call c = { .index = critical, .critical = true };
	struct ghes_rs_kunit_source before_n = state_of(test, normal);
	struct ghes_rs_kunit_source before_c = state_of(test, critical);

	KUNIT_ASSERT_EQ(test, ghes_rs_kunit_firmware_write(normal, RECORD_PA), 0);
	KUNIT_ASSERT_EQ(test, ghes_rs_kunit_firmware_write(critical, RECORD_PA + 4096), 0);
	ghes_rs_kunit_interrupt_next(interrupt_with_critical, &c, APEI_GHES_SLOT_SDEI_CRITICAL);
	apei_ghes_test_call_in_nmi(call_sdei, &n);

	KUNIT_EXPECT_TRUE(test, c.ran);
	KUNIT_EXPECT_TRUE(test, c.in_nmi);
	KUNIT_EXPECT_EQ(test, c.ret, 0);
	KUNIT_EXPECT_EQ(test, n.ret, 0);
	expect_consumed(test, normal, &before_n);
	expect_consumed(test, critical, &before_c);
}

struct sdei_storm {
	struct handler_call call;
	struct completion done;
	int written;
	int busy;
	bool wrong_cpu;
	int cpu;
};

/* One CPU's firmware and SDEI dispatcher: write a record, deliver the event. */
static int sdei_storm_fn(void *arg)
{
	struct sdei_storm *s = arg;
	int i, err;

	for (i = 0; i < CONCURRENT_ROUNDS; i++) {
		err = ghes_rs_kunit_firmware_write(s->call.index, RECORD_PA + i * 64);
		if (!err)
			s->written++;
		else if (err == -EBUSY)
			s->busy++; /* not consumed yet: firmware waits, as QEMU's does */
		if (raw_smp_processor_id() != s->cpu)
			s->wrong_cpu = true;
		apei_ghes_test_call_in_nmi(call_sdei, &s->call);
	}
	complete(&s->done);
	return 0;
}

/*
 * Both CPUs take SDEI events at once, one normal, one critical, each for its
 * own source, while the irq_work drains between them: every record written is
 * processed, none is lost or counted twice.
 */
static void sdei_events_on_both_cpus_at_once(struct kunit *test)
{
	struct sdei_storm s[2] = {};
	struct ghes_rs_kunit_source before[2], after;
	struct task_struct *t;
	int i, guard;

	KUNIT_ASSERT_GE(test, num_online_cpus(), 2U);
	for (i = 0; i < 2; i++) {
		s[i].call.index = source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, i);
		s[i].call.critical = i == 1;
		s[i].cpu = cpumask_nth(i, cpu_online_mask);
		init_completion(&s[i].done);
		before[i] = state_of(test, s[i].call.index);
	}
	for (i = 0; i < 2; i++) {
		t = kthread_create_on_cpu(sdei_storm_fn, &s[i], s[i].cpu, "ghes_rs_sdei/%u");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		wake_up_process(t);
	}
	for (i = 0; i < 2; i++)
		wait_for_completion(&s[i].done);

	for (i = 0; i < 2; i++) {
		/* A record the pool could not take stays in its block: deliver it again. */
		for (guard = 0; guard < 10 && state_of(test, s[i].call.index).block_status; guard++) {
			ghes_rs_irq_work_sync();
			apei_ghes_test_call_in_nmi(call_sdei, &s[i].call);
		}
		ghes_rs_irq_work_sync();
		after = state_of(test, s[i].call.index);
		/*
		 * A full pool leaves the record in its block, unacknowledged, to be read
		 * at the next event: counted as pool-exhausted, never lost.
		 */
		kunit_info(test, "CPU %d: %d records written, %d rounds found the last one pending, %llu pool-exhausted reads",
			   s[i].cpu, s[i].written, s[i].busy, after.dropped - before[i].dropped);
		KUNIT_EXPECT_FALSE(test, s[i].wrong_cpu);
		/* Every round either wrote a record or found the last one not yet consumed. */
		KUNIT_EXPECT_GT(test, s[i].written, 0);
		KUNIT_EXPECT_EQ(test, s[i].written + s[i].busy, CONCURRENT_ROUNDS);
		KUNIT_EXPECT_EQ(test, after.block_status, 0U);
		KUNIT_EXPECT_EQ(test, after.queued - before[i].queued, (u64)s[i].written);
		KUNIT_EXPECT_EQ(test, after.processed - before[i].processed, (u64)s[i].written);
	}
}

/*
 * How long one CPU waits for the other in records_are_processed_on_their_own_cpu:
 * a hang guard only (a loaded TCG host may not run the other vCPU for seconds).
 */
#define OTHER_CPU_WAIT_US 60000000

struct own_cpu_event {
	struct handler_call call;
	struct completion done;
	atomic_t *stage;
	int cpu;
	bool wrong_cpu;
	bool timed_out;
	/* Records processed for the source right after the CPU ran its irq_work. */
	u64 processed_before;
	u64 processed_after_run;
};

/* Waits, spinning, until *stage reaches @value; false after OTHER_CPU_WAIT_US. */
static bool wait_for_stage(atomic_t *stage, int value)
{
	int us;

	for (us = 0; us < OTHER_CPU_WAIT_US; us++) {
		if (atomic_read(stage) >= value)
			return true;
		udelay(1);
	}
	return false;
}

/* The first CPU: an event whose irq_work is raised and held, interrupts masked. */
static int own_cpu_first_fn(void *arg)
{
	struct own_cpu_event *e = arg;
	unsigned long flags;

	local_irq_save(flags);
	e->wrong_cpu = raw_smp_processor_id() != e->cpu;
	if (!ghes_rs_kunit_firmware_write(e->call.index, RECORD_PA + 20480))
		apei_ghes_test_call_in_nmi(call_sdei, &e->call);
	atomic_set(e->stage, 1);
	e->timed_out = !wait_for_stage(e->stage, 2);
	local_irq_restore(flags);
	complete(&e->done);
	return 0;
}

/*
 * The second CPU: an event, then this CPU's irq_work run at once, with
 * interrupts still masked, as arm64's SEA entry does before it returns to the
 * task that took a synchronous error.
 */
static int own_cpu_second_fn(void *arg)
{
	struct own_cpu_event *e = arg;
	struct ghes_rs_kunit_source s;
	unsigned long flags;

	e->timed_out = !wait_for_stage(e->stage, 1);
	local_irq_save(flags);
	e->wrong_cpu = raw_smp_processor_id() != e->cpu;
	if (!ghes_rs_kunit_source_state(e->call.index, &s))
		e->processed_before = s.processed;
	if (!ghes_rs_kunit_firmware_write(e->call.index, RECORD_PA + 24576))
		apei_ghes_test_call_in_nmi(call_sdei, &e->call);
	irq_work_run();
	if (!ghes_rs_kunit_source_state(e->call.index, &s))
		e->processed_after_run = s.processed;
	local_irq_restore(flags);
	atomic_set(e->stage, 2);
	complete(&e->done);
	return 0;
}

/*
 * A record is processed on the CPU whose notification found it. The first CPU
 * takes an event with interrupts masked, so its irq_work is raised but cannot
 * run yet; the second CPU then takes an event and runs its own irq_work. Its
 * record must be processed there and then. With one irq_work for all CPUs (as
 * in Linux's ghes.c) the work was already pending on the first CPU, the second
 * CPU's run found nothing, and a synchronous error's task_work would have gone
 * to whatever task the first CPU interrupted, while the task that took the
 * error returned to user space without its SIGBUS.
 */
static void records_are_processed_on_their_own_cpu(struct kunit *test)
{
	struct own_cpu_event e[2] = {};
	struct ghes_rs_kunit_source before[2], after;
	struct task_struct *t, *threads[2];
	atomic_t stage = ATOMIC_INIT(0);
	int i;

	KUNIT_ASSERT_GE(test, num_online_cpus(), 2U);
	for (i = 0; i < 2; i++) {
		e[i].call.index = source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, i);
		e[i].call.critical = i == 1;
		e[i].cpu = cpumask_nth(i, cpu_online_mask);
		e[i].stage = &stage;
		init_completion(&e[i].done);
		before[i] = state_of(test, e[i].call.index);
		KUNIT_ASSERT_EQ(test, before[i].block_status, 0U);
	}
	/*
	 * Both threads exist before either runs, and the second is woken first: the
	 * first spins with interrupts masked on its CPU, which may be this thread's
	 * CPU too, and would otherwise keep this thread from ever creating the second.
	 */
	for (i = 0; i < 2; i++) {
		t = kthread_create_on_cpu(i ? own_cpu_second_fn : own_cpu_first_fn, &e[i],
					  e[i].cpu, "ghes_rs_own_cpu/%u");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		threads[i] = t;
	}
	wake_up_process(threads[1]);
	wake_up_process(threads[0]);
	for (i = 0; i < 2; i++)
		wait_for_completion(&e[i].done);
	ghes_rs_irq_work_sync();

	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_FALSE(test, e[i].wrong_cpu);
		KUNIT_EXPECT_FALSE(test, e[i].timed_out);
		KUNIT_EXPECT_EQ(test, e[i].call.ret, 0);
	}
	KUNIT_EXPECT_EQ(test, e[1].processed_before, before[1].processed);
	KUNIT_EXPECT_EQ_MSG(test, e[1].processed_after_run, before[1].processed + 1,
			    "the second CPU's record was not processed by its own irq_work");
	for (i = 0; i < 2; i++) {
		after = state_of(test, e[i].call.index);
		KUNIT_EXPECT_EQ(test, after.processed, before[i].processed + 1);
		KUNIT_EXPECT_EQ(test, after.block_status, 0U);
	}
}

static void scribble_block(void *arg)
{
	int *index = arg;

	*index = ghes_rs_kunit_firmware_scribble(*index);
}

/*
 * A record left un-acknowledged because the pool was full is firmware's answer
 * to an earlier notification: it claims that one, not a later, unrelated
 * SError. With interrupts masked on this CPU the irq_work cannot drain the
 * pool, so the two SDEI sources fill it; then an SEI record that finds no room
 * claims its SError (firmware did notify; the drop is counted), and the next
 * SError, which finds only that same record, is left to the architecture.
 * Once the pool drains, the record is read again, queued and acknowledged,
 * still without claiming anything.
 */
static void sei_stale_record_does_not_claim(struct kunit *test)
{
	int sei = source_or_skip(test, ACPI_HEST_NOTIFY_SEI, 0);
	int sdei[2] = {
		source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, 0),
		source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, 1),
	};
	struct ghes_rs_kunit_source before = state_of(test, sei), after;
	struct handler_call fresh = { .esr = ESR_SEI_IMPDEF,
					   .class = APEI_GHES_SERROR_NOT_ARCHITECTED };
	struct handler_call stale = { .esr = ESR_SEI_IMPDEF,
					   .class = APEI_GHES_SERROR_NOT_ARCHITECTED };
	struct handler_call again = { .esr = ESR_SEI_IMPDEF,
					   .class = APEI_GHES_SERROR_NOT_ARCHITECTED };
	struct handler_call event = { 0 };
	unsigned long flags;
	int busy = 0, i;

	local_irq_save(flags);
	for (i = 0; i < 4096 && busy < 2; i++) {
		event.index = sdei[i % 2];
		if (ghes_rs_kunit_firmware_write(event.index, RECORD_PA)) {
			/* Its last record is still there: no room was left for it. */
			busy++;
			continue;
		}
		busy = 0;
		apei_ghes_test_call_in_nmi(call_sdei, &event);
	}
	KUNIT_EXPECT_EQ(test, ghes_rs_kunit_firmware_write(sei, RECORD_PA), 0);
	apei_ghes_test_call_in_nmi(call_sei, &fresh);
	apei_ghes_test_call_in_nmi(call_sei, &stale);
	local_irq_restore(flags);
	ghes_rs_irq_work_sync();

	KUNIT_EXPECT_EQ(test, busy, 2);
	KUNIT_EXPECT_EQ(test, fresh.ret, 0);
	KUNIT_EXPECT_EQ(test, stale.ret, -ENOENT);
	after = state_of(test, sei);
	KUNIT_EXPECT_EQ(test, after.queued, before.queued);
	KUNIT_EXPECT_EQ(test, after.dropped, before.dropped + 2);
	KUNIT_EXPECT_NE(test, after.block_status, 0U);

	/* Room again: the stale record is queued and acknowledged, and claims nothing. */
	apei_ghes_test_call_in_nmi(call_sei, &again);
	KUNIT_EXPECT_EQ(test, again.ret, -ENOENT);
	ghes_rs_irq_work_sync();
	after = state_of(test, sei);
	KUNIT_EXPECT_EQ(test, after.queued, before.queued + 1);
	KUNIT_EXPECT_EQ(test, after.processed, before.processed + 1);
	KUNIT_EXPECT_EQ(test, after.block_status, 0U);
	if (after.has_ack)
		KUNIT_EXPECT_EQ(test, after.ack, 1ULL);

	/* The SDEI sources' last records, left behind the same way. */
	for (i = 0; i < 2; i++) {
		event.index = sdei[i];
		apei_ghes_test_call_in_nmi(call_sdei, &event);
	}
	ghes_rs_irq_work_sync();
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, state_of(test, sdei[i]).block_status, 0U);
}

/*
 * Firmware rewrites the block after the handler read its header, before it
 * copies the record: the torn record is queued, then refused and counted when
 * parsed; the block is still handed back. Nothing crashes, nothing is lost
 * unseen.
 */
static void sdei_block_rewritten_while_read(struct kunit *test)
{
	int index = source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, 0);
	int scribbled = index;
	struct handler_call c = { .index = index };
	struct ghes_rs_kunit_source before = state_of(test, index), after;

	KUNIT_ASSERT_EQ(test, ghes_rs_kunit_firmware_write(index, RECORD_PA + 8192), 0);
	ghes_rs_kunit_interrupt_next(scribble_block, &scribbled, ANY_SLOT);
	apei_ghes_test_call_in_nmi(call_sdei, &c);
	KUNIT_EXPECT_EQ(test, scribbled, 0);
	KUNIT_EXPECT_EQ(test, c.ret, 0);
	ghes_rs_irq_work_sync();
	after = state_of(test, index);
	KUNIT_EXPECT_EQ(test, after.queued, before.queued + 1);
	KUNIT_EXPECT_EQ(test, after.processed, before.processed);
	KUNIT_EXPECT_EQ(test, after.dropped, before.dropped + 1);
	KUNIT_EXPECT_EQ(test, after.block_status, 0U);
	if (after.has_ack)
		KUNIT_EXPECT_EQ(test, after.ack, 1ULL);
}

static void call_sea(void *arg)
{
	struct handler_call *c = arg;

	c->in_nmi = in_nmi();
	c->ret = ghes_rs_notify_sea();
	c->ran = true;
}

static void interrupt_with_sea(void *arg)
{
	apei_ghes_test_call_in_nmi(call_sea, arg);
}

/*
 * An SEA arrives while a polled source's read holds the IRQ slot and a pool
 * slot: both records are delivered, each through its own slot.
 */
static void sea_interrupts_a_polled_read(struct kunit *test)
{
	int polled, sea;

	notify_hest_or_skip(test);
	polled = source_or_skip(test, ACPI_HEST_NOTIFY_POLLED, 0);
	sea = source_or_skip(test, ACPI_HEST_NOTIFY_SEA, 0);
	struct handler_call s = {};
	struct ghes_rs_kunit_source before_p = state_of(test, polled);
	struct ghes_rs_kunit_source before_s = state_of(test, sea);

	KUNIT_ASSERT_EQ(test, ghes_rs_kunit_firmware_write(polled, RECORD_PA + 12288), 0);
	KUNIT_ASSERT_EQ(test, ghes_rs_kunit_firmware_write(sea, RECORD_PA + 16384), 0);
	ghes_rs_kunit_interrupt_next(interrupt_with_sea, &s, APEI_GHES_SLOT_SEA);
	KUNIT_EXPECT_TRUE(test, ghes_rs_notify_source(polled));
	KUNIT_EXPECT_TRUE(test, s.ran);
	KUNIT_EXPECT_TRUE(test, s.in_nmi);
	KUNIT_EXPECT_EQ(test, s.ret, 0);
	expect_consumed(test, polled, &before_p);
	expect_consumed(test, sea, &before_s);
}

/* Records each source must reach in the storm: three sources, 10,200 or more in all. */
#define STORM_RECORDS_PER_SOURCE 3400
/* Rounds after which a storm producer gives up (firmware waits count as rounds). */
#define STORM_MAX_ROUNDS 20000

struct storm_producer {
	struct handler_call call;
	void (*deliver)(void *arg);
	int nested_index; /* an SDEI critical source to interrupt with, or -1 */
	/* The nested call's storage: it may run on the other CPU, so not on a stack. */
	struct handler_call nested;
	int written, nested_written, rounds;
	int cpu;
	bool wrong_cpu;
	struct completion done;
};

/* The nested event: an SDEI critical callback for the source in @arg. */
static void interrupt_with_critical_source(void *arg)
{
	apei_ghes_test_call_in_nmi(call_sdei, arg);
}

static int storm_fn(void *arg)
{
	struct storm_producer *p = arg;

	while (p->rounds < STORM_MAX_ROUNDS &&
	       (p->written < STORM_RECORDS_PER_SOURCE ||
		(p->nested_index >= 0 && p->nested_written < STORM_RECORDS_PER_SOURCE))) {
		u64 pa = RECORD_PA + (p->rounds % 4096) * 64;

		p->rounds++;
		if (!ghes_rs_kunit_firmware_write(p->call.index, pa))
			p->written++;
		if (p->nested_index >= 0) {
			if (!ghes_rs_kunit_firmware_write(p->nested_index, pa + 32))
				p->nested_written++;
			/* Fires in whichever handler next holds its slot and a pool slot. */
			ghes_rs_kunit_interrupt_next(interrupt_with_critical_source, &p->nested,
						     APEI_GHES_SLOT_SDEI_CRITICAL);
		}
		if (raw_smp_processor_id() != p->cpu)
			p->wrong_cpu = true;
		apei_ghes_test_call_in_nmi(p->deliver, &p->call);
	}
	/* Disarm, so that nothing fires after the case returns. */
	ghes_rs_kunit_interrupt_next(NULL, NULL, ANY_SLOT);
	complete(&p->done);
	return 0;
}

/* Delivers the record left in source @index, if any, until its block is empty. */
static void flush_source(struct kunit *test, int index, void (*deliver)(void *arg), bool critical)
{
	struct handler_call c = { .index = index, .critical = critical, .esr = ESR_SEI_IMPDEF,
				 .class = APEI_GHES_SERROR_NOT_ARCHITECTED };
	int guard;

	for (guard = 0; guard < 10 && state_of(test, index).block_status; guard++) {
		ghes_rs_irq_work_sync();
		apei_ghes_test_call_in_nmi(deliver, &c);
	}
	ghes_rs_irq_work_sync();
}

/*
 * The storm (10,000+ records): CPU 0 takes SDEI normal events and CPU 1 SEI
 * ones, while SDEI critical events interrupt whichever handler is mid-read,
 * and the pool runs out again and again. Every record written is processed
 * exactly once; none is lost.
 */
static void storm_nested_notifications_on_both_cpus(struct kunit *test)
{
	struct storm_producer p[2] = {};
	int index[3];
	struct ghes_rs_kunit_source before[3], after;
	u64 written[3], total = 0;
	struct task_struct *t;
	int i;

	KUNIT_ASSERT_GE(test, num_online_cpus(), 2U);
	index[0] = source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, 0);
	index[1] = source_or_skip(test, ACPI_HEST_NOTIFY_SEI, 0);
	index[2] = source_or_skip(test, ACPI_HEST_NOTIFY_SOFTWARE_DELEGATED, 2);
	for (i = 0; i < 3; i++)
		before[i] = state_of(test, index[i]);

	p[0] = (struct storm_producer){ .call = { .index = index[0] }, .deliver = call_sdei,
					.nested_index = index[2],
					.nested = { .index = index[2], .critical = true } };
	p[1] = (struct storm_producer){ .call = { .index = index[1], .esr = ESR_SEI_IMPDEF,
				 .class = APEI_GHES_SERROR_NOT_ARCHITECTED },
					.deliver = call_sei, .nested_index = -1 };
	for (i = 0; i < 2; i++) {
		p[i].cpu = cpumask_nth(i, cpu_online_mask);
		init_completion(&p[i].done);
		t = kthread_create_on_cpu(storm_fn, &p[i], p[i].cpu, "ghes_rs_storm/%u");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		wake_up_process(t);
	}
	for (i = 0; i < 2; i++)
		wait_for_completion(&p[i].done);

	flush_source(test, index[0], call_sdei, false);
	flush_source(test, index[1], call_sei, false);
	flush_source(test, index[2], call_sdei, true);
	written[0] = p[0].written;
	written[1] = p[1].written;
	written[2] = p[0].nested_written;
	for (i = 0; i < 3; i++) {
		after = state_of(test, index[i]);
		kunit_info(test, "source %d: %llu records written, %llu processed, %llu pool-exhausted reads",
			   index[i], written[i], after.processed - before[i].processed,
			   after.dropped - before[i].dropped);
		KUNIT_EXPECT_EQ(test, after.block_status, 0U);
		KUNIT_EXPECT_EQ(test, after.queued - before[i].queued, written[i]);
		KUNIT_EXPECT_EQ(test, after.processed - before[i].processed, written[i]);
		total += written[i];
	}
	KUNIT_EXPECT_FALSE(test, p[0].wrong_cpu || p[1].wrong_cpu);
	KUNIT_EXPECT_GE(test, total, 10000ULL);
	kunit_info(test, "storm: %llu records in %d + %d rounds", total, p[0].rounds, p[1].rounds);
}

static struct kunit_case ghes_rs_notify_cases[] = {
	KUNIT_CASE(sei_claims_a_record_under_a_firmware_syndrome),
	KUNIT_CASE(sei_without_a_record_is_left_to_the_architecture),
	KUNIT_CASE(sdei_critical_interrupts_normal_mid_read),
	KUNIT_CASE(sdei_events_on_both_cpus_at_once),
	KUNIT_CASE(records_are_processed_on_their_own_cpu),
	KUNIT_CASE(sdei_block_rewritten_while_read),
	KUNIT_CASE(sei_stale_record_does_not_claim),
	KUNIT_CASE(sea_interrupts_a_polled_read),
	KUNIT_CASE_SLOW(storm_nested_notifications_on_both_cpus),
	{}
};

static struct kunit_suite ghes_rs_notify_suite = {
	.name = "ghes_rs_notify",
	.test_cases = ghes_rs_notify_cases,
};
kunit_test_suite(ghes_rs_notify_suite);
