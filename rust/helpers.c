// SPDX-License-Identifier: GPL-2.0
/*
 * Generic helpers every part of ghes_rs.ko may use: the clock, vmalloc and
 * seq_file printing of Rust's core::fmt::Arguments, which 6.12's Rust bindings
 * do not reach. rust/bindings.rs declares them for Rust, rust/shims.h for C.
 */
#include <linux/seq_file.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>

#include "shims.h"

/** ghes_rs_now_ns() - ktime_get_mono_fast_ns(); any context, including NMI. */
u64 ghes_rs_now_ns(void)
{
	return ktime_get_mono_fast_ns();
}

/** ghes_rs_vmalloc() - vzalloc(); process context. */
void *ghes_rs_vmalloc(unsigned long size)
{
	return vzalloc(size);
}

/** ghes_rs_vfree() - vfree(); process context. */
void ghes_rs_vfree(void *ptr)
{
	vfree(ptr);
}

/**
 * ghes_rs_seq_line() - Append one formatted line to a seq_file.
 * @m: the seq_file being shown.
 * @args: a pointer to Rust's core::fmt::Arguments, printed with %pA.
 */
void ghes_rs_seq_line(struct seq_file *m, const void *args)
{
	seq_printf(m, "%pA\n", args);
}
