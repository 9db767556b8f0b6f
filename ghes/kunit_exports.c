// SPDX-License-Identifier: GPL-2.0
/*
 * What ghes_rs_kunit.ko may call in ghes_rs.ko: the KUnit test hooks
 * (ghes/kunit*.rs, prototypes in ghes/ghes_kunit.h) and the handlers the
 * suites enter under nmi_enter(), exported into the EXPORTED_FOR_KUNIT_TESTING
 * namespace as in-tree drivers export what their *_KUNIT_TEST modules test
 * (include/kunit/visibility.h). Built only with make GHES_RS_KUNIT_TEST=m: a
 * production ghes_rs.ko exports none of them.
 */
#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/module.h>

#include "shims.h"
#include "ghes_kunit.h"

/* ghes/kunit_estatus.rs: a private estatus pool (suite ghes_rs_estatus). */
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_pool_new);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_fill);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_drain);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_drain_in_order);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_counters);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_pool_free);

/* ghes/kunit_notify.rs: the live driver's sources, as firmware (suite ghes_rs_notify). */
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_find_source);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_firmware_write);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_firmware_scribble);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_source_state);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_kunit_interrupt_next);

/* The handlers the suite ghes_rs_notify enters, and the wait for their irq_work. */
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_notify_sea);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_notify_sei);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_notify_source);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_sdei_normal_cb);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_sdei_critical_cb);
EXPORT_SYMBOL_IF_KUNIT(ghes_rs_irq_work_sync);
