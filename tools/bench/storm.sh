#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-timeout: 1200
# lab-files: ../lab-tests/lib/firmware.sh
# lab-hest: gpio
# lab-ssdt: ../lab-tests/lib/hed_ged.asl
# lab-record: vendor.cper raw --size 100 --severity corrected
# lab-record: vendor2.cper raw --size 104 --severity corrected
#
# make bench, in the guest: storm rates. storm-fw (tools/lab-guest/storm_fw.c) plays the
# firmware and delivers STORM_COUNT different records (a 100-byte vendor section each) as
# fast as the OS acknowledges them: through QEMU's SEA source (a real SEA per record) and
# through a GPIO-signalled source (SPI 202, whose Generic Event Device notifies the HED; the
# one interrupt-driven path Linux's C GHES serves on arm64 besides SEA). Every record the OS
# processes emits one ras:non_standard_event, on both kernels: the events counted against
# the records written give the records lost. Prints "BENCH storm_KIND rate" and
# "BENCH lost_KIND n" lines for tools/bench/run.
set -eu
. ./firmware.sh
T=/sys/kernel/tracing
COUNT=1000
echo 16384 >"$T/buffer_size_kb"
echo 1 >"$T/events/ras/non_standard_event/enable"

# storm KIND ARGS...: one storm; prints its rate and losses.
storm() {
	kind=$1
	shift
	echo >"$T/trace"
	out=$(storm-fw "$@")
	echo "$out"
	sleep 2
	got=$(grep -c 'non_standard_event:' "$T/trace" || true)
	secs=${out#*seconds=}
	secs=${secs%% *}
	echo "BENCH storm_$kind $(awk -v n="$COUNT" -v s="$secs" 'BEGIN { printf "%.1f", n / s }')"
	echo "BENCH lost_$kind $((COUNT - got))"
	[ ! -e /sys/kernel/debug/ghes_rs/counters ] || cat /sys/kernel/debug/ghes_rs/counters
}

fw_find_ghes 8
storm sea sea "$FW_STATUS_REG" "$FW_ACK_REG" vendor.cper "$COUNT" "$FW_SEA_TRIGGER"
fw_use_source "$(awk '$3 == "gpio" { print $2 }' /lab/firmware-layout)"
storm gpio gsi "$FW_STATUS_REG" "$FW_ACK_REG" vendor2.cper "$COUNT" "$(fw_gicd_base)" 202
