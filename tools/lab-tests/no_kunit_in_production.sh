#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras
# lab-timeout: 120
#
# KUnit as in-tree drivers ship it: the suites are their own module (ghes_rs_kunit.ko, built
# only with `make GHES_RS_KUNIT_TEST=m`), so the production ghes_rs.ko, which /init loaded
# here as an operator's system would, carries no test code: it printed no KTAP, has no KUnit
# symbol or parameter, and no test module came with it.
set -eu
fail() { echo "FAIL: $*"; exit 1; }

# The kernel's own KUnit prints "KTAP version 1" and "1..0" (no built-in suite) at boot; any
# suite, test case or plan after that is a module's.
if dmesg | grep -E '^\[ *[0-9.]+\] +(# Subtest:|(not )?ok [0-9]+ |1\.\.[1-9])'; then
	fail "loading ghes_rs.ko printed KTAP: a KUnit suite ran"
fi
echo "ghes_rs symbols: $(grep -c '\[ghes_rs\]$' /proc/kallsyms)"
if grep -iE 'kunit.*\[ghes_rs\]$' /proc/kallsyms; then
	fail "ghes_rs.ko has KUnit symbols"
fi
echo "parameters: $(ls /sys/module/ghes_rs/parameters 2>/dev/null)"
[ ! -e /sys/module/ghes_rs/parameters/kunit_lab_firmware ] || fail "ghes_rs.ko has the KUnit opt-in parameter"
[ ! -e /lab/ghes_rs_kunit.ko ] || fail "the production build came with the test module"
echo "PASS: ghes_rs.ko alone: no KTAP, no KUnit symbol or parameter"
