// SPDX-License-Identifier: GPL-2.0
/*
 * ghes_rs_kunit.ko: ghes_rs's KUnit suites as their own module, the way
 * in-tree drivers ship theirs (a *_KUNIT_TEST=m option). Loading it runs the
 * suites ghes_rs_estatus (ghes/estatus_kunit.c) and ghes_rs_notify
 * (ghes/notify_kunit.c) against the loaded ghes_rs.ko, through the hooks a
 * ghes_rs.ko built with make GHES_RS_KUNIT_TEST=m exports
 * (ghes/kunit_exports.c). Loaded by the lab tests that need it
 * (tools/lab-tests/kunit_*.sh); never installed.
 */
#include <linux/module.h>

MODULE_DESCRIPTION("KUnit suites of ghes_rs, the APEI GHES driver in Rust");
MODULE_AUTHOR("ghes-rs developers");
MODULE_LICENSE("GPL");
/* ghes_rs's test hooks and the kernel's apei_ghes_test_call_in_nmi(). */
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
