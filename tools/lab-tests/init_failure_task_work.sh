#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: debug
# lab-timeout: 400
# lab-files: lib/firmware.sh lib/free_page.sh
# lab-hest: polled:interval=60000
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x70000000 --error-type 3
#
# A load that fails after the driver started must leave no task_work behind. A module whose
# init fails is freed whatever references it holds, and with it the estatus pool where a
# synchronous error's task_work lives. The kernel's function fault injection makes
# ghes_rs_poll_start() fail (its polled source is started after the driver is published),
# ten loads in a row, while a task keeps consuming an uncorrectable memory error at a free
# page through real SEAs and the firmware (storm-fw relentless, on the other CPU) re-reports
# it each time it is acknowledged. SEAs claimed while a load is in progress must not queue
# task_work that runs after the load failed (KASAN would report the freed pool, or the
# task would jump into freed module text); once a load succeeds, everything works.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
. ./free_page.sh
FF=/sys/kernel/debug/fail_function
pin() { if command -v taskset >/dev/null; then taskset -c "$@"; else shift; "$@"; fi; }

[ -d "$FF" ] || fail "no fail_function in debugfs (CONFIG_FAIL_FUNCTION)"
rmmod ghes_rs || fail "cannot unload the ghes_rs the lab loaded"

at_free_page mem_ue.cper
fw_find_ghes 8
fw_write_record mem_ue.cper.free || fail "the previous record was never acknowledged"
pin 1 storm-fw relentless "$FW_STATUS_REG" "$FW_ACK_REG" mem_ue.cper.free 120 >/tmp/relentless.out &
firmware=$!
pin 0 sh -c "while :; do devmem $FW_SEA_TRIGGER 32 >/dev/null 2>&1; done" &
consumer=$!

echo ghes_rs_poll_start >"$FF/inject"
echo 100 >"$FF/probability"
echo -1 >"$FF/times"
echo 0 >"$FF/verbose"
failed=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	if insmod /lab/ghes_rs.ko 2>/dev/null; then
		fail "load $i succeeded with ghes_rs_poll_start failing"
	fi
	failed=$((failed + 1))
	sleep 0.3
done
echo >"$FF/inject"
echo "$failed loads failed as injected"
claimed=$(dmesg | grep -c "Hardware error from APEI Generic Hardware Error Source: $FW_SOURCE_ID" || true)
echo "SEA records reported while loads were failing: $claimed"
[ "$claimed" -gt 0 ] || fail "no SEA was claimed during the failing loads: the test proves nothing"

insmod /lab/ghes_rs.ko || fail "the load without fault injection failed"
sleep 2
kill "$consumer" "$firmware" 2>/dev/null || true
wait 2>/dev/null || true
grep -q "^source=$FW_SOURCE_ID .* processed=[1-9]" /sys/kernel/debug/ghes_rs/counters ||
	fail "the loaded driver processed no SEA record"
echo "PASS: $failed failed loads under SEAs left no task_work behind; the next load works"
