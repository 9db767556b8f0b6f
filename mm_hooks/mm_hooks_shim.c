// SPDX-License-Identifier: GPL-2.0
/*
 * The memory-recovery hooks of ghes_rs.ko, for mm_hooks/: memory_failure()
 * now or queued (soft offline included), the task_work that runs it in the
 * task that consumed the error, so that task gets SIGBUS BUS_MCEERR_AR, and the
 * plain SIGBUS for a synchronous error nothing could act on. rust/bindings.rs
 * declares these for Rust, rust/shims.h for C.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/task_work.h>
#include <acpi/ghes_hooks.h>
#include <linux/cper.h>

#include "shims.h"

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

/* rust/bindings.rs mirrors struct ghes_rs_kick as four machine words. */
static_assert(sizeof(struct ghes_rs_kick) == 4 * sizeof(unsigned long));

static void ghes_rs_kick_task_work(struct apei_ghes_task_work *tw)
{
	ghes_rs_kick_run(container_of(tw, struct ghes_rs_kick, tw));
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
 * The task_work callback is the kernel's (apei_ghes_task_work_add()): it holds
 * this module until ghes_rs_kick_run() has returned and drops the reference in
 * built-in code, so no instruction of this module runs after its last
 * reference is gone (rmmod gets -EBUSY meanwhile).
 *
 * Context: IRQ (irq_work) or process context, in the task that took the
 * synchronous error.
 *
 * Return: true if queued (ghes_rs_kick_run() will be called), false if the
 * task has no user space or is exiting, or the module is going away.
 */
bool ghes_rs_kick_on_return(struct ghes_rs_kick *kick)
{
	if (!current->mm)
		return false;
	return !apei_ghes_task_work_add(&kick->tw, ghes_rs_kick_task_work,
					THIS_MODULE);
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
