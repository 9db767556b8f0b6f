#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-firmware: tfa
# lab-timeout: 600
# lab-files: lib/firmware.sh lib/free_page.sh
# lab-hest: sdei:event=512 sdei:event=513
# lab-compare: lib/sdei_firmware.expected
# lab-record: ue0 memory --severity recoverable --pa 0x70100000 --error-type 3
# lab-record: ce1 memory --severity corrected --pa 0x70110000 --error-type 2
# lab-record: ue1 memory --severity recoverable --pa 0x70120000 --error-type 3
# lab-record: ce0 memory --severity corrected --pa 0x70130000 --error-type 1
#
# Real SDEI from real firmware, ghes_rs side by side with Linux's C GHES: Trusted
# Firmware-A's dispatcher at EL3 (tools/lab --firmware tfa) delivers the normal GHES event
# (0x200, explicit dispatch) and the critical one (0x201, bound to a secure SGI), each on
# each CPU, after the lab's firmware wrote a record into that event's source: a
# recoverable memory error (memory_failure() recovers the page) and a corrected one. Both
# kernels must find SDEI in the firmware, register both sources' events, and then for every
# delivery print the report, acknowledge it (read-ack 1, Block Status 0), emit the ras
# trace events and act on the page; the host (lab-compare) diffs the two kernels'
# "OBS ..." lines, which must be identical but for lib/sdei_firmware.expected.
# The recoverable errors' pages are chosen free at run time (lib/free_page.sh): a page in
# use on one kernel and free on the other is recovered differently ("dirty LRU page"
# against "free buddy page"), which is not the drivers' difference; the OBS lines name the
# record's own page again.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
. ./free_page.sh
for r in ue0 ue1; do
	at_free_page "$r"
done
fw_sdei_load
T=/sys/kernel/tracing
for event in mc_event memory_failure_event; do
	echo 1 >"$T/events/ras/$event/enable"
done

dmesg | grep -E 'sdei: SDEIv1\.0 \(0x0\) detected in firmware' || fail "the kernel found no SDEI"
if dmesg | grep -E 'SDEI|sdei' | grep -iE 'fail|error|cannot'; then
	fail "an SDEI source could not be registered"
fi

# deliver NAME EVENT CPU: firmware writes record NAME into EVENT's source and raises EVENT on
# CPU; prints what the kernel did as OBS lines.
deliver() {
	fw_use_sdei "$2"
	dmesg -c >/dev/null
	echo >"$T/trace"
	record=$1
	[ -f "$1.free" ] && record=$1.free
	fw_write_record "$record" || fail "$1: the previous record was never acknowledged"
	fw_raise_sdei "$2" "$3" || fail "$1: the firmware could not deliver event $2"
	consumed=yes
	fw_wait_consumed 5 || consumed=no
	sleep 0.5
	dmesg | sed 's/^\[[^]]*\] //' >/tmp/msgs
	{
		[ "$consumed" = yes ] || echo "ack: not consumed within 5 s"
		sed -n 's/^{[0-9]*}\[Hardware Error\]: /report: /p' /tmp/msgs |
			sed "s/Error Source: $FW_SOURCE_ID\$/Error Source: ID/"
		echo "ack: read_ack=$(fw_read_ack) block_status=$(fw_block_status)"
		sed -n 's/^.*: \([a-z_]*_event\): /trace: \1: /p' "$T/trace" | sort
		grep -v '^{[0-9]*}\[Hardware Error\]' /tmp/msgs |
			sed 's/^ghes_rs: source [0-9]*: //; s/^/log: /' | sort
	} | sed -f /tmp/pages.sed | sed "s/^/OBS $1-event$2-cpu$3 /" | tee /tmp/obs
	grep -q "report: Hardware error from APEI Generic Hardware Error Source: ID" /tmp/obs ||
		fail "$1: event $2 on CPU $3 was not reported"
	grep -q "ack: read_ack=0x0000000000000001 block_status=0x00000000" /tmp/obs ||
		fail "$1: event $2 on CPU $3 was not acknowledged"
}

deliver ue0 "$FW_SDEI_NORMAL" 0
deliver ce1 "$FW_SDEI_NORMAL" 1
deliver ue1 "$FW_SDEI_CRITICAL" 1
deliver ce0 "$FW_SDEI_CRITICAL" 0
echo "OBS end hardware_corrupted: $(sed -n 's/^HardwareCorrupted: *//p' /proc/meminfo)"
echo "OBS end doorbell: $(cat /sys/kernel/debug/lab_sdei/counts)"
grep -q '^HardwareCorrupted: *8 kB' /proc/meminfo || fail "the two recoverable errors' pages are not poisoned"
if [ "$LAB_KERNEL" != reference ]; then
	for id in $(awk '$3 == "sdei" { print $2 }' /lab/firmware-layout); do
		counters=$(grep "^source=$id " /sys/kernel/debug/ghes_rs/counters)
		echo "$counters"
		echo "$counters" | grep -qw processed=2 || fail "source $id did not process 2 records"
	done
fi
echo "PASS: 4 SDEI deliveries (normal and critical, CPU 0 and 1) reported, acknowledged, recovered"
