// SPDX-License-Identifier: GPL-2.0

//! The Rust side of ghes_rs.ko's KUnit suites: the entry points the C test cases in
//! `ghes/*_kunit.c` call (prototypes in `ghes/ghes_kunit.h`). Built only with `CONFIG_KUNIT`.

#[path = "kunit_estatus.rs"]
mod estatus;
#[path = "kunit_notify.rs"]
mod notify;
