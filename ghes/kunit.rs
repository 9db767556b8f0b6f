// SPDX-License-Identifier: GPL-2.0

//! The test hooks of ghes_rs.ko's KUnit suites: the entry points the C test cases of
//! ghes_rs_kunit.ko (`ghes/*_kunit.c`) call, prototypes in `ghes/ghes_kunit.h`, exported by
//! `ghes/kunit_exports.c`. Built only with `make GHES_RS_KUNIT_TEST=m`.

#[path = "kunit_estatus.rs"]
mod estatus;
#[path = "kunit_notify.rs"]
mod notify;
