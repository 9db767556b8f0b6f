// SPDX-License-Identifier: GPL-2.0
/*
 * The SDEI client side of NOTIFY_SDEI (ACPI 6.5 table 18.14; Arm DEN0054
 * SDEI): registration of a source's event with the arm_sdei driver's GHES
 * interface, which asks firmware the event's priority and installs the
 * matching callback, and the two callbacks, which call into Rust
 * (sdei/callback.rs) with the source's index. rust/bindings.rs declares these
 * for Rust, rust/shims.h for C.
 */
#include <linux/arm_sdei.h>
#include <linux/errno.h>
#include <linux/types.h>

#include "shims.h"

/**
 * ghes_rs_sdei_normal_cb() - SDEI callback for events of normal priority.
 * @event: the event number.
 * @regs: the interrupted context.
 * @arg: the source's index in the driver.
 *
 * Context: NMI (__sdei_handler()).
 * Return: 0 if the source's block held a record, -ENOENT otherwise.
 */
int ghes_rs_sdei_normal_cb(u32 event, struct pt_regs *regs, void *arg)
{
	return ghes_rs_notify_sdei((u16)(uintptr_t)arg, false) ? 0 : -ENOENT;
}

/**
 * ghes_rs_sdei_critical_cb() - SDEI callback for events of critical priority;
 * as ghes_rs_sdei_normal_cb(), through the critical fixmap slot. It may
 * interrupt ghes_rs_sdei_normal_cb() on the same CPU.
 */
int ghes_rs_sdei_critical_cb(u32 event, struct pt_regs *regs, void *arg)
{
	return ghes_rs_notify_sdei((u16)(uintptr_t)arg, true) ? 0 : -ENOENT;
}

/**
 * ghes_rs_sdei_start() - Register and enable SDEI event @event for source @index.
 * @index: the source's index in the driver.
 * @event: the HEST notification's vector: the SDEI event number.
 *
 * Firmware says the event's priority; the matching callback is registered.
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno (there may be no SDEI firmware at all).
 */
int ghes_rs_sdei_start(u16 index, u32 event)
{
	return sdei_register_ghes_event(event, ghes_rs_sdei_normal_cb,
					ghes_rs_sdei_critical_cb,
					(void *)(uintptr_t)index);
}

/**
 * ghes_rs_sdei_stop() - Disable and unregister SDEI event @event.
 * @event: an event ghes_rs_sdei_start() registered.
 *
 * Context: process context, sleeps.
 * Return: 0, or a negative errno if a callback kept running (then the caller
 * must not free what the callback uses).
 */
int ghes_rs_sdei_stop(u32 event)
{
	return sdei_unregister_ghes_event(event);
}
