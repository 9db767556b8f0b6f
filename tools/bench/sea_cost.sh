#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-timeout: 900
# lab-icount: shift=0,sleep=off
# lab-files: ../lab-tests/lib/firmware.sh bench_lib.sh
# lab-record: rec92.cper raw --size 0 --severity corrected
# lab-record: rec1k.cper raw --size 932 --severity corrected
#
# make bench, in the guest, on QEMU's own HEST (one GHESv2, SEA, 1 KiB block): the tracer's
# cost (calibration), the SEA path with an empty block (the idle check) and with a record
# of 92 bytes (the smallest: 20-byte block header, 72-byte section header, no payload) and
# of 1 KiB (932 bytes of payload), the irq_work consumer of that 1 KiB record (parse, trace
# event, print, SIGBUS), the tracer's cost for a call traced inside another, and the estatus
# pool's memory. Prints "BENCH case n" lines for
# tools/bench/run; bench_lib.sh says how a sample is taken.
set -eu
. ./firmware.sh
. ./bench_lib.sh
fw_find_ghes 8
echo "BENCH-SIDE $(bench_side) sources 1"
bench_calibrate
bench_trace "$(bench_sea_fn)"
bench_case sea_idle "$(bench_sea_fn)" fw_raise_sea
bench_case sea_rec92 "$(bench_sea_fn)" bench_sea_record rec92.cper
bench_case sea_rec1k "$(bench_sea_fn)" bench_sea_record rec1k.cper
bench_trace "$(bench_consumer_fn)"
bench_case consumer_rec1k "$(bench_consumer_fn)" bench_sea_record rec1k.cper
# What a traced call costs inside its caller's traced window (for the HED split, irq_cost.sh):
# the idle SEA again, with the one ghes_rs_block_status() call it makes traced inside.
if [ "$(bench_side)" = ras ]; then
	bench_trace_nested apei_ghes_call_sea ghes_rs_block_status
	b_round=0
	while [ "$b_round" -lt "$ROUNDS" ]; do
		echo >"$T/trace"
		fw_raise_sea
		echo "BENCH tracer_nested_root $(bench_nested apei_ghes_call_sea ghes_rs_block_status | cut -d' ' -f1)"
		b_round=$((b_round + 1))
	done
fi
echo nop >"$T/current_tracer"
# The estatus pool as vmalloc accounts it (with its guard page), whoever allocated it.
echo "BENCH pool_bytes $(awk '/ghes_estatus_pool_init|ghes_rs_vmalloc/ { s += $2 } END { print s + 0 }' /proc/vmallocinfo)"
[ ! -e /sys/module/ghes_rs/coresize ] || echo "BENCH module_bytes $(cat /sys/module/ghes_rs/coresize)"
