#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-timeout: 600
# lab-files: ../lab-tests/lib/firmware.sh
# lab-record: rec1k.cper raw --size 932 --severity corrected
#
# make bench, in the guest: the cost of the SEA notification path at the same hook point in
# both kernels: the function apei_claim_sea() calls to let GHES claim the SEA
# (ghes_notify_sea() in Linux's C GHES, apei_ghes_call_sea() -> ghes_rs on the ras kernel),
# timed by the function_graph tracer at depth 1, so neither side pays for tracing its callees.
# (a) an empty block (the idle check), (b) a 1 KiB record (20-byte header, 72-byte entry
# header, 932 bytes of payload). Prints "BENCH case value" lines for tools/bench/run.
set -eu
. ./firmware.sh
T=/sys/kernel/tracing
ROUNDS=40

fn=apei_ghes_call_sea
grep -qx ghes_notify_sea "$T/available_filter_functions" 2>/dev/null && fn=ghes_notify_sea
grep -q "^$fn" "$T/available_filter_functions" || { echo "BENCH-ERROR no $fn to trace"; exit 1; }
echo "$fn" >"$T/set_graph_function"
echo 1 >"$T/max_graph_depth"
echo function_graph >"$T/current_tracer"
fw_find_ghes 8
echo "BENCH hook $fn"

# run CASE: ROUNDS SEAs, each traced; prints one duration per SEA.
run() {
	echo >"$T/trace"
	for _ in $(seq "$ROUNDS"); do
		if [ "$1" = record ]; then
			fw_write_record rec1k.cper >/dev/null || true
		fi
		fw_raise_sea
		[ "$1" = idle ] || fw_wait_consumed 5 || true
	done
	# " 0) + 78.537 us   |  fn();": the mark before the duration flags long calls.
	sed -n "s/^ *[0-9]*) *[-+!#*@\$]* *\([0-9.]*\) us *| *$fn();.*/BENCH $1 \1/p" "$T/trace"
}
run idle
run record
echo nop >"$T/current_tracer"
grep -E '^(pool|source=)' /sys/kernel/debug/ghes_rs/counters 2>/dev/null | sed 's/^/BENCH-COUNTERS /' || true
# The estatus pool as vmalloc accounts it (with its guard page), whoever allocated it.
echo "BENCH pool_bytes $(awk '/ghes_estatus_pool_init|ghes_rs_vmalloc/ { s += $2 } END { print s + 0 }' /proc/vmallocinfo)"
[ ! -e /sys/module/ghes_rs/coresize ] || echo "BENCH module_bytes $(cat /sys/module/ghes_rs/coresize)"
