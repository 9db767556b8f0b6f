#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-firmware: tfa
# lab-timeout: 600
# lab-files: lib/firmware.sh
# lab-hest: sdei:event=512 sdei:event=513
# lab-record: normal1 memory --severity corrected --pa 0x70200000 --error-type 2
# lab-record: critical1 memory --severity recoverable --pa 0x70210000 --error-type 3
# lab-record: normal0 memory --severity corrected --pa 0x70240000 --error-type 2
# lab-record: critical0 memory --severity recoverable --pa 0x70250000 --error-type 3
# lab-record: normal2 memory --severity corrected --pa 0x70220000 --error-type 1
# lab-record: critical2 memory --severity recoverable --pa 0x70230000 --error-type 4
#
# The real SDEI dispatcher's two hard cases, on ghes_rs and on Linux's C GHES:
# 1. A critical event interrupting a normal one: a record waits in each event's source; the
#    firmware pends the critical event's secure SGI and dispatches the normal event, so EL3
#    takes the critical event as soon as the normal event's handler is entered and runs the
#    OS's critical handler to completion before the normal one resumes (the nesting the SDEI
#    specification allows; interrupting at a chosen instruction is KUnit's, kunit_notify.sh).
# 2. Events on both CPUs at once: the normal event dispatched on CPU 0 and CPU 1 together
#    (one record: exactly one report, no duplicate), then the critical event likewise.
# Each record must be reported once and acknowledged; the kernel must stay quiet otherwise.
set -eu
. ./firmware.sh
fail() {
	echo "FAIL: $*"
	dmesg | tail -n 30
	cat /sys/kernel/debug/ghes_rs/counters 2>/dev/null || true
	exit 1
}
fw_sdei_load

pa_reports() { dmesg | grep -c "physical_address: $1" || true; }

# wait_source EVENT: the record in EVENT's source was consumed and acknowledged.
wait_source() {
	fw_use_sdei "$1"
	fw_wait_consumed 5 || fail "event $1's record was not consumed"
	fw_acked || fail "event $1's record was not acknowledged (read-ack $(fw_read_ack))"
}

# 1. Critical inside normal, on CPU 1 then CPU 0 (other records: the same ones again within
# 10 s would be reported once, as duplicates).
for cpu in 1 0; do
	case $cpu in
	1) normal_pa=0x0000000070200000 critical_pa=0x0000000070210000 ;;
	*) normal_pa=0x0000000070240000 critical_pa=0x0000000070250000 ;;
	esac
	dmesg -c >/dev/null
	fw_use_sdei "$FW_SDEI_NORMAL"
	fw_write_record "normal$cpu" || fail "normal source busy"
	fw_use_sdei "$FW_SDEI_CRITICAL"
	fw_write_record "critical$cpu" || fail "critical source busy"
	before=$(cat /sys/kernel/debug/lab_sdei/counts)
	fw_raise_sdei "$FW_SDEI_NORMAL" "$cpu" nest || fail "the normal event was refused"
	wait_source "$FW_SDEI_NORMAL"
	wait_source "$FW_SDEI_CRITICAL"
	sleep 0.5
	[ "$(pa_reports $normal_pa)" = 1 ] || fail "CPU $cpu: the normal event's record was not reported once"
	[ "$(pa_reports $critical_pa)" = 1 ] || fail "CPU $cpu: the critical event's record was not reported once"
	# The critical handler ran first: its report comes first.
	first=$(dmesg | grep -m 1 -o 'physical_address: 0x[0-9a-f]*')
	[ "$first" = "physical_address: $critical_pa" ] ||
		fail "CPU $cpu: the normal event's record was reported first: the critical event did not interrupt it"
	echo "nested on CPU $cpu: critical reported first, both acknowledged ($before -> $(cat /sys/kernel/debug/lab_sdei/counts))"
done

# 2. One record, its event on both CPUs at once: one report. Both drivers print at most 2
# reports per class (corrected, uncorrected) per 5 s: part 1 used both.
sleep 5.5
for event in "$FW_SDEI_NORMAL" "$FW_SDEI_CRITICAL"; do
	case $event in
	"$FW_SDEI_NORMAL") name=normal2 pa=0x0000000070220000 ;;
	*) name=critical2 pa=0x0000000070230000 ;;
	esac
	dmesg -c >/dev/null
	fw_use_sdei "$event"
	fw_write_record "$name" || fail "source of event $event busy"
	fw_raise_sdei "$event" all || fail "event $event refused on some CPU"
	wait_source "$event"
	sleep 1
	[ "$(pa_reports "$pa")" = 1 ] || fail "event $event on both CPUs: $(pa_reports "$pa") reports, not 1"
	# The CPU that found the block empty may say so (Linux: "sdei: event N on CPU C failed
	# with error: -2", its handler's -ENOENT): shown, not an error.
	dmesg | grep -E 'sdei|ghes' | grep -v 'Hardware Error' || true
	echo "event $event on both CPUs at once: one report, acknowledged"
done
if dmesg | grep -iE 'sdei.*still in|ghes_rs: .*(malformed|overlap|busy)'; then
	fail "unexpected messages"
fi
if [ "$LAB_KERNEL" != reference ]; then
	cat /sys/kernel/debug/ghes_rs/counters
	for event in "$FW_SDEI_NORMAL" "$FW_SDEI_CRITICAL"; do
		fw_use_sdei "$event"
		grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters | grep -qw processed=3 ||
			fail "source $FW_SOURCE_ID (event $event) did not process 3 records"
	done
fi
echo "doorbell: $(cat /sys/kernel/debug/lab_sdei/counts)"
echo "PASS: critical inside normal on both CPUs, each event on both CPUs at once: every record once"
