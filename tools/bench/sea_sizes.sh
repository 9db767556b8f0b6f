#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-timeout: 900
# lab-icount: shift=0,sleep=off
# lab-files: ../lab-tests/lib/firmware.sh bench_lib.sh
# lab-hest: sea:block=64448
# lab-record: rec92.cper raw --size 0 --severity corrected
# lab-record: rec1k.cper raw --size 932 --severity corrected
# lab-record: rec4k.cper raw --size 4004 --severity corrected
# lab-record: rec16k.cper raw --size 16292 --severity corrected
# lab-record: rec63k.cper raw --size 64356 --severity corrected
#
# make bench, in the guest: the SEA path against the record's size. QEMU's HEST plus a second
# SEA source whose block is the largest the lab's 64 KiB error region holds (64,448 bytes,
# starting 0x440 into the region, so records of 4 KiB and more cross pages); every SEA looks
# at both sources, QEMU's finding its block empty (sea2_idle: that look alone). Records of
# 92 B, 1 KiB, 4 KiB, 16 KiB and 63 KiB (64,448 B: Linux's cap is 64 KiB, which the region
# cannot hold beside QEMU's block) go to the second source.
set -eu
. ./firmware.sh
. ./bench_lib.sh
fw_use_source "$(awk '$3 == "sea" { print $2; exit }' /lab/firmware-layout)"
echo "BENCH-SIDE $(bench_side) sources 2"
bench_trace "$(bench_sea_fn)"
bench_case sea2_idle "$(bench_sea_fn)" fw_raise_sea
for size in 92 1k 4k 16k 63k; do
	bench_case "sea2_rec$size" "$(bench_sea_fn)" bench_sea_record "rec$size.cper"
done
echo nop >"$T/current_tracer"
