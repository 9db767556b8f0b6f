#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras
# lab-timeout: 300
# lab-hest: sei sdei:event=100 sdei:event=101 sdei:event=102 gpio sci polled:interval=60000
# lab-kunit:
#
# KUnit never touches a real platform's firmware memory. The same HEST as kunit_notify.sh,
# but the suites' module ghes_rs_kunit.ko loaded without the explicit kunit_lab_firmware=1:
# the ghes_rs_notify suite must skip every case, saying why, and write nothing: no source
# has queued or processed a record.
set -eu
fail() { echo "FAIL: $*"; dmesg | grep -E "ghes_rs|KTAP|# " | tail -n 30; cat /sys/kernel/debug/ghes_rs/counters; exit 1; }

insmod /lab/ghes_rs_kunit.ko

dmesg | grep -E "ok [0-9]+ ghes_rs_notify # SKIP" || fail "suite ghes_rs_notify was not skipped"
skipped=$(dmesg | grep -c "# SKIP writes into firmware memory: load with kunit_lab_firmware=1" || true)
echo "cases skipped for the opt-in: $skipped"
[ "$skipped" -ge 7 ] || fail "only $skipped cases skipped for want of the opt-in"
if dmesg | grep -E "not ok [0-9]+ "; then fail "a KUnit case failed"; fi
cat /sys/kernel/debug/ghes_rs/counters
if grep -E "^source=" /sys/kernel/debug/ghes_rs/counters | grep -vE " queued=0 processed=0 "; then
	fail "a source saw records: the suite wrote into firmware memory"
fi
echo "PASS: without the opt-in the suite skipped all $skipped cases and wrote nothing"
