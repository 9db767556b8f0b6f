// SPDX-License-Identifier: GPL-2.0
/*
 * The ras:* trace events ghes_rs.ko emits, as drivers/ras/ras.c's
 * log_arm_hw_error() and log_non_standard_event() do for the built-in GHES
 * driver (neither is exported; the tracepoints are). rasdaemon reads these.
 *
 * The Rust caller has validated every length against the section
 * (ghes/ras_trace.rs), unlike log_arm_hw_error(), which trusts the counts in
 * the section.
 */
#include <linux/cper.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uuid.h>
#include <asm/cputype.h>
#include <ras/ras_event.h>

#include "shims.h"

/* Each CPU's MPIDR affinity bits, for GET_LOGICAL_INDEX() (cpu_logical_map() is not exported). */
static u64 ghes_rs_mpidr[NR_CPUS];

static void ghes_rs_read_mpidr(void *unused)
{
	ghes_rs_mpidr[smp_processor_id()] = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
}

/**
 * ghes_rs_trace_init() - Learn each online CPU's MPIDR.
 *
 * Context: process context.
 */
void ghes_rs_trace_init(void)
{
	on_each_cpu(ghes_rs_read_mpidr, NULL, 1);
}

/* The logical CPU whose MPIDR is @mpidr, or -1 (as GET_LOGICAL_INDEX() < 0 gives). */
static int ghes_rs_cpu_of(u64 mpidr)
{
	int cpu;

	mpidr &= MPIDR_HWID_BITMASK;
	for_each_online_cpu(cpu)
		if (ghes_rs_mpidr[cpu] == mpidr)
			return cpu;
	return -1;
}

/**
 * ghes_rs_trace_arm_event() - Emit ras:arm_event for an ARM processor section.
 * @section: the section body (struct cper_sec_proc_arm and what follows).
 * @pei_len: bytes of error information entries after the 40-byte header.
 * @ctx_len: bytes of context information after them.
 * @vendor_len: bytes of vendor data after them.
 * @sev: the section's GHES severity.
 *
 * Context: irq_work or process context.
 */
void ghes_rs_trace_arm_event(const void *section, u32 pei_len, u32 ctx_len,
			     u32 vendor_len, u8 sev)
{
	const struct cper_sec_proc_arm *err = section;
	const u8 *pei = (const u8 *)(err + 1);

	trace_arm_event(err, pei, pei_len, pei + pei_len, ctx_len,
			pei + pei_len + ctx_len, vendor_len, sev,
			ghes_rs_cpu_of(err->mpidr));
}

/**
 * ghes_rs_trace_non_standard_event() - Emit ras:non_standard_event.
 * @sec_type: the section type GUID (16 bytes).
 * @fru_id: the FRU id (16 bytes), all zero if not valid.
 * @fru_text: the FRU text, NUL-terminated.
 * @sev: the section's GHES severity.
 * @data: the section body.
 * @len: its length.
 *
 * Context: irq_work or process context.
 */
void ghes_rs_trace_non_standard_event(const u8 *sec_type, const u8 *fru_id,
				      const char *fru_text, u8 sev,
				      const u8 *data, u32 len)
{
	trace_non_standard_event((const guid_t *)sec_type, (const guid_t *)fru_id,
				 fru_text, sev, data, len);
}
