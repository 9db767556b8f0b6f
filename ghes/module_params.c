// SPDX-License-Identifier: GPL-2.0
/*
 * What an operator sets when loading ghes_rs (modprobe ghes_rs NAME=VALUE, or
 * "options ghes_rs ..." in /etc/modprobe.d/), and the version modinfo shows.
 * Documentation/install.md, "Module parameters", describes each.
 */
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
