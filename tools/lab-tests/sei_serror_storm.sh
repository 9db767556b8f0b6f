#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 300
# lab-machine: virtualization
# lab-hest: sei sei
# lab-files: lib/firmware.sh
# lab-record: mem_ce.cper memory --severity corrected --pa 0x7f000000 --error-type 2
#
# A storm of real SErrors with records on both CPUs at once: storm-fw on CPU 0 writes into
# the first SEI source and raises RAS CE SErrors, on CPU 1 into the second and raises UEO
# ones, each as fast as the OS acknowledges. An SError looks at every SEI block, so one CPU
# often takes the other's record first and the other's SError then finds nothing (contained:
# the architecture carries on). Every record written must be processed or counted as
# dropped, per source, and nothing may be lost (storm-fw counts a record not acknowledged
# within a second as a timeout). When the pool is full a record is left un-acknowledged in
# its block (counted as dropped_pool_exhausted) and queued at a later look: it is not lost.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; cat /sys/kernel/debug/ghes_rs/counters; exit 1; }
COUNT=5000

fw_serror_ready
fw_use_kind sei 1
s0=$FW_SOURCE_ID
taskset -c 0 storm-fw serror "$FW_STATUS_REG" "$FW_ACK_REG" mem_ce.cper "$COUNT" "$FW_ESR_CE" >/tmp/storm0 &
p0=$!
fw_use_kind sei 2
s1=$FW_SOURCE_ID
taskset -c 1 storm-fw serror "$FW_STATUS_REG" "$FW_ACK_REG" mem_ce.cper "$COUNT" "$FW_ESR_UEO" >/tmp/storm1 &
p1=$!
wait "$p0" || fail "storm-fw on CPU 0 failed"
wait "$p1" || fail "storm-fw on CPU 1 failed"
cat /tmp/storm0 /tmp/storm1
sleep 2
cat /sys/kernel/debug/ghes_rs/counters
for s in "$s0" "$s1"; do
	line=$(grep "^source=$s " /sys/kernel/debug/ghes_rs/counters)
	get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
	dropped=$(($(get dropped_malformed) + $(get dropped_too_large)))
	full=$(get dropped_pool_exhausted)
	queued=$(get queued)
	processed=$(get processed)
	after=$(get dropped_after_queue)
	[ $((queued + dropped)) = "$COUNT" ] ||
		fail "source $s: $COUNT records written, $queued queued + $dropped dropped"
	[ $((processed + after)) = "$queued" ] ||
		fail "source $s: $queued queued, $processed processed + $after dropped after queueing"
	echo "OBS source $s: $COUNT records: $queued queued, $processed processed, $((dropped + after)) dropped; $full times left to firmware for lack of pool room and read again"
done
if grep -v ' timeouts=0$' /tmp/storm0 /tmp/storm1; then fail "a record was not acknowledged within a second"; fi
echo "PASS: $((2 * COUNT)) SErrors with records on both CPUs, every record processed or counted"
