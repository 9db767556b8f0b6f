// SPDX-License-Identifier: GPL-2.0
/*
 * What an operator sets when loading ghes_rs (modprobe ghes_rs NAME=VALUE, or
 * "options ghes_rs ..." in /etc/modprobe.d/), and the version modinfo shows.
 * Documentation/install.md, "Module parameters", describes each.
 */
#include <linux/fault-inject.h>
#include <linux/moduleparam.h>
#include <linux/module.h>

#include "shims.h"

/* The top-level VERSION file, passed in by Kbuild. */
MODULE_VERSION(GHES_RS_VERSION);

/* At most this many source IDs in ignore_sources=. */
#define GHES_RS_MAX_IGNORED 16

static unsigned short ignore_sources[GHES_RS_MAX_IGNORED];
static int ignore_sources_count;
module_param_array(ignore_sources, ushort, &ignore_sources_count, 0444);
MODULE_PARM_DESC(ignore_sources,
		 "HEST source IDs to leave alone, comma-separated (at most 16): firmware whose source storms or misbehaves while the others are served (default: none)");

/**
 * ghes_rs_source_ignored() - Whether the operator asked to leave a source alone.
 * @source_id: the GHES's source ID in the HEST.
 *
 * Context: any.
 * Return: true if @source_id is in ignore_sources=.
 */
bool ghes_rs_source_ignored(u16 source_id)
{
	int i;

	for (i = 0; i < ignore_sources_count; i++)
		if (ignore_sources[i] == source_id)
			return true;
	return false;
}

#ifdef CONFIG_FAULT_INJECTION
/*
 * fail_notification_start=<interval>,<probability>,<space>,<times>: the
 * kernel's fault-injection attributes (Documentation/fault-injection/), as
 * mmc_core's fail_request= takes them. Starting a source's notification then
 * fails as if memory ran out, after the driver is published and before the
 * load can no longer fail: the load's failure path, for testing.
 */
static char *fail_notification_start;
module_param(fail_notification_start, charp, 0400);
MODULE_PARM_DESC(fail_notification_start,
		 "fault injection (kernels with CONFIG_FAULT_INJECTION): <interval>,<probability>,<space>,<times> for starting a source's notification; makes the load fail (default: never)");

static DECLARE_FAULT_ATTR(ghes_rs_fail_notification_start_attr);
static bool ghes_rs_fail_notification_start_ready;

/**
 * ghes_rs_should_fail_notification_start() - Whether fault injection fails this start.
 *
 * Context: process context (the module's init).
 * Return: true if fail_notification_start= asks for a failure now.
 */
bool ghes_rs_should_fail_notification_start(void)
{
	struct fault_attr *attr = &ghes_rs_fail_notification_start_attr;

	if (!fail_notification_start)
		return false;
	if (!ghes_rs_fail_notification_start_ready) {
		ghes_rs_fail_notification_start_ready = true;
		if (!setup_fault_attr(attr, fail_notification_start))
			return false;
		/* The message, without a stack dump per failure. */
		attr->verbose = 1;
	}
	return should_fail(attr, 1);
}
#else
bool ghes_rs_should_fail_notification_start(void)
{
	return false;
}
#endif
