#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 900
# lab-files: lib/firmware.sh lib/report_pace.sh lib/free_page.sh
# lab-hest: polled:interval=20
# lab-corpus: all
# lab-compare: lib/differential.expected
# lab-record: r01 memory --severity recoverable --pa 0x70000000 --error-type 3
# lab-record: r02 memory --severity recoverable --pa 0x70010000 --error-type 3
# lab-record: r03 memory --severity recoverable --pa 0x70020000 --error-type 4
# lab-record: r04 memory --severity recoverable --pa 0x70030000 --error-type 5
# lab-record: r05 memory --severity recoverable --pa 0x70000000 --error-type 4
# lab-record: r06 memory --severity corrected --pa 0x70040000 --error-type 2 --threshold-exceeded
# lab-record: r07 memory --severity corrected --pa 0x70050000 --error-type 2 --threshold-exceeded
# lab-record: r08 memory --severity corrected --pa 0x70040000 --error-type 1 --threshold-exceeded
# lab-record: r09 memory --severity corrected --pa 0x70060000 --error-type 2
# lab-record: r10 memory --severity corrected --pa 0x70070000 --error-type 1
# lab-record: r11 memory --severity recoverable --pa 0x100000000 --error-type 3
# lab-record: r12 memory --severity info --pa 0x70080000 --error-type 3
# lab-record: r13 memory --severity recoverable --section-severity corrected --pa 0x70090000 --error-type 3
# lab-record: r14 memory --severity corrected --section-severity recoverable --pa 0x700a0000 --error-type 3
# lab-record: r15 memory --severity recoverable --section-severity info --pa 0x700b0000 --error-type 3
# lab-record: r16 memory --severity recoverable --error-type 3
#
# ghes_rs side by side with Linux's C GHES: the same 100 injections into a polled source on
# both kernels, and everything a user can observe of each, written as "OBS NAME WHAT: ..."
# lines: the report (less the {seq} prefix), the read-ack register and Block Status after,
# the ras:* trace events, memory_failure()'s and soft offline's messages, any other kernel
# message, and HardwareCorrupted at the end. The injections: the 52 valid corpus records
# (every section kind and the severities recoverable, corrected, informational; several
# multi-section), 10 of them again at once (duplicates inside the 10 s cache window), the
# 22 hostile records, and 16 memory errors at pages of the guest's RAM that make the kernel
# act: memory_failure() (free pages; one page twice), soft offline for corrected errors over
# threshold, an address outside RAM, and severity mixes that must not act. The host
# (tools/lab, lab-compare) diffs the two kernels' OBS lines; the difference must be exactly
# lib/differential.expected, where each deliberate difference says why (fatal records have
# their own boot: sea_fatal.sh). And each valid corpus record's report must be, line for
# line, what Linux's cper.c prints for it (NAME.report, from the portable printer; Linux
# polls about once a second whatever the interval: round_jiffies_relative() of an absolute
# time).
set -eu
. ./firmware.sh
. ./report_pace.sh
. ./free_page.sh
fail() { echo "FAIL: $*"; exit 1; }
T=/sys/kernel/tracing

fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
id=$FW_SOURCE_ID
header="[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: $id"
for event in arm_event non_standard_event memory_failure_event aer_event mc_event; do
	[ ! -e "$T/events/ras/$event/enable" ] || echo 1 >"$T/events/ras/$event/enable"
done

# inject NAME FILE CLASS: firmware writes FILE; prints what the kernel did as OBS lines.
inject() {
	dmesg -c >/dev/null
	echo >"$T/trace"
	[ "$3" = none ] || pace "$3"
	fw_write_record "$2" || fail "$1: firmware could not write the record"
	consumed=yes
	fw_wait_consumed 5 || consumed=no
	sleep 0.3
	dmesg | sed 's/^\[[^]]*\] //' >/tmp/msgs
	if [ "$3" != none ] && grep -qF "$header" /tmp/msgs; then
		counted "$3"
	fi
	observe | sed "s/^/OBS $1 /"
	[ "${4:-}" = exact ] || return 0
	# The report, line for line, is what Linux's cper.c prints (NAME.report, from the
	# portable printer): so both kernels print exactly Linux's report.
	sed -n 's/^{[0-9]*}//p' /tmp/msgs | sed 1d >/tmp/report.actual
	if ! cmp -s /tmp/report.actual "$1.report"; then
		echo "$1: the report differs from Linux's (- expected, + printed):"
		diff "$1.report" /tmp/report.actual | head -n 20
		exit 1
	fi
}

# observe: the report, the registers, the trace events and the other messages.
observe() {
	[ "$consumed" = yes ] || echo "ack: not consumed within 5 s"
	{
		sed -n 's/^{[0-9]*}\[Hardware Error\]: /report: /p' /tmp/msgs
		echo "ack: read_ack=$(fw_read_ack) block_status=$(fw_block_status)"
		sed -n 's/^.*: \([a-z_]*_event\): /trace: \1: /p' "$T/trace" | sort
		# Messages about the record lose the driver's prefix: ghes_rs names the source.
		grep -v '^{[0-9]*}\[Hardware Error\]' /tmp/msgs |
			sed 's/^ghes_rs: source [0-9]*: //; s/^\[Firmware Warn\]: GHES: //; s/^/log: /' |
			sed 's/^log: \(Memory failure\|soft offline\|Soft offlining\)/mm: \1/' | sort
	} | sed -f /tmp/pages.sed
}

# The memory errors of part 3 must find their pages free on both kernels, whatever the
# guest happens to have allocated (a page cache page at a fixed address once made soft
# offline fail on one side only: "page isolation failed, page count 2"). So each page a
# record names stands for a free page chosen at run time, and the observations name the
# record's page again (/tmp/pages.sed, lib/free_page.sh), so both kernels' lines stay
# comparable.

class_of() { grep "^$1 " index | cut -d' ' -f2; }

# 1. The valid corpus, the first 10 records twice.
n=0
for name in $(grep -v ' hostile$' index | cut -d' ' -f1); do
	inject "$name" "$name.cper" "$(class_of "$name")" exact
	n=$((n + 1))
	[ "$n" -gt 10 ] || inject "$name-again" "$name.cper" none
done
# 2. The hostile records. ghes_rs prints at most 10 firmware problem reports per 5 s (as
# printk_ratelimited() does), Linux one limit per message: a second between records keeps at
# most 4 records (one or two messages each) in any 5 s, so neither side suppresses one,
# however fast the guest runs.
for name in $(grep ' hostile$' index | cut -d' ' -f1); do
	sleep 1
	inject "$name" "$name.cper" none
done
# 3. Memory errors that act on the guest's pages.
for r in r01 r02 r03 r04 r05 r06 r07 r08 r09 r10 r11 r12 r13 r14 r15 r16; do
	case "$(od -A n -t u4 -j 16 -N 4 "$r" | tr -d ' ')" in
	0) class=uncorrected ;;
	*) class=corrected ;;
	esac
	case $r in
	r0[1-8]) at_free_page "$r" && inject "$r" "$r.free" "$class" ;;
	*) inject "$r" "$r" "$class" ;;
	esac
done
echo "OBS end hardware_corrupted: $(sed -n 's/^HardwareCorrupted: *//p' /proc/meminfo)"
echo "injections: $(grep -c . index) corpus + 10 duplicates + 16 recovery ($LAB_KERNEL)"
