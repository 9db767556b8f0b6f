#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-firmware: tfa
# lab-timeout: 1200
# lab-files: lib/firmware.sh
# lab-hest: sdei:event=512 sdei:event=513
# lab-record: vendor.cper raw --size 16 --severity corrected
#
# An SDEI storm through the real dispatcher: 10,000 records, each delivered by Trusted
# Firmware-A's normal GHES event on CPU 0 and CPU 1 in turn, every tenth with a critical
# event (and its own record) interrupting the normal event's handler: 11,000 real SDEI
# events as fast as the OS acknowledges them (sdei-storm, tools/lab-guest/sdei_storm.c).
# Every record must be acknowledged (none left pending a second), the dispatcher must
# refuse none, and every record must be processed (one ras:non_standard_event trace event
# each) or, on ghes_rs, counted as dropped: queued + dropped = delivered per source, and
# processed = queued once the storm is over. Linux's C GHES counts no drops: there the test
# prints how many of the records it processed.
set -eu
. ./firmware.sh
fail() {
	echo "FAIL: $*"
	dmesg | tail -n 20
	cat /sys/kernel/debug/ghes_rs/counters 2>/dev/null || true
	exit 1
}
fw_sdei_load
T=/sys/kernel/tracing
COUNT=10000
EVERY=10
echo 8192 >"$T/buffer_size_kb"
echo 1 >"$T/events/ras/non_standard_event/enable"
echo >"$T/trace"

fw_use_sdei "$FW_SDEI_NORMAL"
normal_id=$FW_SOURCE_ID normal_status=$FW_STATUS_REG normal_ack=$FW_ACK_REG
fw_use_sdei "$FW_SDEI_CRITICAL"
critical_id=$FW_SOURCE_ID critical_status=$FW_STATUS_REG critical_ack=$FW_ACK_REG
out=$(sdei-storm "$normal_status" "$normal_ack" "$critical_status" "$critical_ack" vendor.cper \
	"$COUNT" "$EVERY")
echo "$out"
critical=$((COUNT / EVERY))
echo "$out" | grep -q "normal=$COUNT critical=$critical refused=0 timeouts=0 " ||
	fail "not every record was delivered and acknowledged"
sleep 3
events=$(grep -c 'non_standard_event:' "$T/trace" || true)
echo "SDEI events: $((COUNT + critical)) ($COUNT normal, $critical critical nested in them)"
echo "records processed (ras:non_standard_event): $events of $((COUNT + critical))"
if [ "$LAB_KERNEL" = reference ]; then
	[ "$events" -gt 0 ] || fail "Linux processed no record"
	echo "PASS: $((COUNT + critical)) records acknowledged; Linux processed $events (drops uncounted)"
	exit 0
fi
cat /sys/kernel/debug/ghes_rs/counters
total_processed=0
for pair in "$normal_id:$COUNT" "$critical_id:$critical"; do
	id=${pair%:*} delivered=${pair#*:}
	line=$(grep "^source=$id " /sys/kernel/debug/ghes_rs/counters)
	field() { echo "$line" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
	queued=$(field queued) processed=$(field processed)
	dropped=$(($(field dropped_pool_exhausted) + $(field dropped_malformed) + $(field dropped_too_large)))
	[ $((queued + dropped)) = "$delivered" ] ||
		fail "source $id: queued $queued + dropped $dropped != delivered $delivered"
	[ "$processed" = "$queued" ] || fail "source $id: processed $processed != queued $queued"
	total_processed=$((total_processed + processed))
	echo "source $id: delivered $delivered = queued $queued + dropped $dropped; processed $processed"
done
[ "$events" = "$total_processed" ] ||
	fail "$events trace events for $total_processed processed records"
echo "PASS: $((COUNT + critical)) records via real SDEI, every one processed or counted"
