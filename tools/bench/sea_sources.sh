#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-timeout: 1200
# lab-icount: shift=0,sleep=off
# lab-files: ../lab-tests/lib/firmware.sh bench_lib.sh
# lab-record: rec188.cper raw --size 96 --severity corrected
#
# make bench, in the guest: the SEA path against the number of NMI-like sources.
# tools/bench/run makes a copy of this script per count N with a `lab-hest:` line of N - 1
# more SEA sources (192-byte blocks) beside QEMU's; this file as is is N = 1. Every SEA
# looks at all N: sources_idle with every block empty, sources_rec with a 188-byte record
# in the last source of the HEST.
set -eu
. ./firmware.sh
. ./bench_lib.sh
if [ -f /lab/firmware-layout ]; then
	fw_use_source "$(awk '$3 == "sea" { id = $2 } END { print id }' /lab/firmware-layout)"
else
	fw_find_ghes 8
fi
count=$(($(grep -c '^source .* sea ' /lab/firmware-layout 2>/dev/null || true) + 1))
echo "BENCH-SIDE $(bench_side) sources $count"
bench_trace "$(bench_sea_fn)"
bench_case "sources${count}_idle" "$(bench_sea_fn)" fw_raise_sea
bench_case "sources${count}_rec" "$(bench_sea_fn)" bench_sea_record rec188.cper
echo nop >"$T/current_tracer"
