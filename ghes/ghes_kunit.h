/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test hooks of ghes_rs.ko (ghes/kunit.rs and its modules, exported by
 * ghes/kunit_exports.c), built with make GHES_RS_KUNIT_TEST=m, for the C test
 * cases of ghes_rs_kunit.ko in ghes/estatus_kunit.c and ghes/notify_kunit.c.
 */
#ifndef GHES_RS_KUNIT_H
#define GHES_RS_KUNIT_H

#include <linux/types.h>

/* ghes/kunit_estatus.rs: the suite ghes_rs_estatus (ghes/estatus_kunit.c). */
enum {
	GHES_RS_KUNIT_QUEUED,
	GHES_RS_KUNIT_PROCESSED,
	GHES_RS_KUNIT_DROPPED_POOL_EXHAUSTED,
	GHES_RS_KUNIT_IN_USE,
	GHES_RS_KUNIT_COUNTERS,
};
void *ghes_rs_kunit_pool_new(u32 *slots);
u32 ghes_rs_kunit_fill(void *pool, u32 offers);
u32 ghes_rs_kunit_drain(void *pool);
int ghes_rs_kunit_drain_in_order(void *pool);
void ghes_rs_kunit_counters(void *pool, u64 *counters);
void ghes_rs_kunit_pool_free(void *pool);

/* ghes/kunit_notify.rs: the suite ghes_rs_notify (ghes/notify_kunit.c). */
struct ghes_rs_kunit_source {
	u32 block_status;
	bool has_ack;
	u64 ack;
	u64 queued;
	u64 processed;
	u64 dropped;
};
int ghes_rs_kunit_find_source(u8 notify_type, u32 nth);
int ghes_rs_kunit_firmware_write(u16 index, u64 pa);
int ghes_rs_kunit_firmware_scribble(u16 index);
int ghes_rs_kunit_source_state(u16 index, struct ghes_rs_kunit_source *out);
void ghes_rs_kunit_interrupt_next(void (*func)(void *arg), void *arg, u32 not_in_slot);

#endif /* GHES_RS_KUNIT_H */
