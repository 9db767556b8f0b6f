#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 240
# lab-files: lib/firmware.sh
# lab-record: mem_ce.cper memory --severity corrected --pa 0x60000000 --error-type 2
#
# No livelock on a synchronous error. Firmware re-reports the error every time the OS
# consumes it (storm-fw relentless, on the other CPU), as real firmware does when the same
# load keeps aborting. The record is corrected, so no memory_failure() is queued for the
# task: if the SEA were merely claimed, the task would re-execute the aborting load, take
# the next SEA, find the next record, and never get past it. Both drivers must instead kill
# the task with SIGBUS at the first claimed SEA that queued no recovery, as Linux's
# ghes_do_proc() does ("synchronous unrecoverable error").
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
pin() { if command -v taskset >/dev/null; then taskset -c "$@"; else shift; "$@"; fi; }

fw_find_ghes 8
fw_write_record mem_ce.cper || fail "the previous record was never acknowledged"
pin 1 storm-fw relentless "$FW_STATUS_REG" "$FW_ACK_REG" mem_ce.cper 40 >/tmp/relentless.out &
firmware=$!

# The consuming task: a load from an unassigned address, a real SEA on CPU 0. SIGBUS
# (status 128+7) ends it; a livelocked task is ended by timeout's SIGTERM (128+15).
start=$(date +%s)
rc=0
pin 0 timeout 15 devmem "$FW_SEA_TRIGGER" 32 >/dev/null 2>&1 || rc=$?
took=$(($(date +%s) - start))
kill "$firmware" 2>/dev/null || true
wait "$firmware" 2>/dev/null || true
echo "the consuming task ended with status $rc after $took s"
[ "$rc" = 135 ] || fail "the task did not die of SIGBUS (status $rc): it kept re-executing the aborting load"
dmesg | grep -E "synchronous unrecoverable error \(SIGBUS\)" || fail "no SIGBUS message"
if [ "$LAB_KERNEL" != reference ]; then
	queued=$(sed -n "s/^source=$FW_SOURCE_ID .* queued=\([0-9]*\) .*/\1/p" /sys/kernel/debug/ghes_rs/counters)
	echo "records the SEA source queued: $queued"
	[ "$queued" -le 2 ] || fail "$queued records claimed for one consuming load"
fi
echo "PASS: the task that consumed the error got SIGBUS at once ($took s), no livelock"
