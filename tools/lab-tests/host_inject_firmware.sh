#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-firmware: tfa
# lab-timeout: 400
# lab-files: lib/firmware.sh
# lab-hest: sdei:event=512 sdei:event=513 sei
# lab-host: lib/host_inject_firmware.sh
#
# SDEI events and an SError raised from the host, as a BMC asks a server's firmware: the host
# side (lib/host_inject_firmware.sh) writes each record with `ghes-inject inject` through
# QEMU's gdbstub, then the tool asks TF-A at EL3 through its doorbell on the Secure UART
# (tools/firmware/patches/tfa-0003) for the source's notification on a chosen CPU: the normal
# GHES event (0x200, explicit dispatch) on CPU 1, the critical one (0x201, its bound SGI) on
# CPU 0, a CPU the machine does not have (refused, exit 3), and an SError with a RAS UEO
# syndrome on CPU 1 after an SEI record, while a task runs in user space there. Each record is a corrected ARM processor error with
# its own MPIDR, so each is told apart in the report and the trace. Here, on both kernels:
# both SDEI records reported as Linux prints them, acknowledged (read-ack 1, Block Status 0),
# and their ras:arm_event in the trace buffer of the CPU the firmware was asked for (the
# record is processed on the CPU that took the event). The SEI record: on ghes_rs reported,
# acknowledged and traced on CPU 1; Linux's C GHES has no NOTIFY_SEI, so there it stays
# unread. On ghes_rs the counters say one record per source, nothing dropped.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
T=/sys/kernel/tracing
source_of() { awk -v k="$1" -v e="$2" '$1 == "source" && $3 == k && (e == "" || $8 == "extra=" e) { print $2; exit }' /lab/firmware-layout; }
normal=$(source_of sdei 512)
critical=$(source_of sdei 513)
sei=$(source_of sei "")

dmesg | grep -E 'sdei: SDEIv1\.0 \(0x0\) detected in firmware' || fail "the kernel found no SDEI"
echo 1 >"$T/events/ras/arm_event/enable"
echo "LAB-HOST: start"

# expect_delivered ID MPIDR CPU WHAT: source ID's record (naming MPIDR) reported, acknowledged
# and traced on CPU.
expect_delivered() {
	fw_wait_reported "  Multiprocessor Affinity Register (MPIDR): 0x00000000$2" "$4"
	sleep 0.5
	fw_reported | grep -qxF "Hardware error from APEI Generic Hardware Error Source: $1" ||
		fail "$4: no report names source $1"
	fw_reported | grep -qxF "event severity: corrected" || fail "$4: no corrected severity"
	fw_use_source "$1"
	[ "$(fw_read_ack)" = 0x0000000000000001 ] || fail "$4: read-ack is $(fw_read_ack)"
	[ "$(fw_block_status)" = 0x00000000 ] || fail "$4: block_status is $(fw_block_status)"
	grep -q "arm_event: .*MPIDR: 00000000$2" "$T/per_cpu/cpu$3/trace" ||
		fail "$4: no ras:arm_event for MPIDR $2 on CPU $3 ($(grep -h arm_event $T/per_cpu/cpu*/trace))"
	echo "ok: $4: reported, acknowledged, processed on CPU $3"
}

expect_delivered "$normal" 80000001 1 "SDEI normal event 0x200 on CPU 1"
expect_delivered "$critical" 80000000 0 "SDEI critical event 0x201 on CPU 0"

# A task busy in user space on CPU 1, so that the SError most likely interrupts EL0 (the
# firmware's answer, in the host's output, names the EL); it must survive: the SError is
# asynchronous and RAS UEO not fatal.
taskset -c 1 sh -c 'while :; do :; done' &
busy=$!
fw_use_source "$sei"
if [ "$LAB_KERNEL" = reference ]; then
	# Written (Block Status set), then left: no driver takes the SError's record.
	tries=600
	until [ "$(fw_block_status)" != 0x00000000 ]; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fail "the host's SEI record never arrived"
		sleep 0.1
	done
	sleep 7 # the host's --wait 5, then its check
	[ "$(fw_block_status)" != 0x00000000 ] && [ "$(fw_read_ack)" = 0x0000000000000000 ] ||
		fail "Linux's C GHES consumed the SEI record (it has no NOTIFY_SEI)"
	echo "ok: the SEI record stays unread on Linux's C GHES (no NOTIFY_SEI)"
	kill -0 "$busy" || fail "the task on CPU 1 did not survive the SError"
else
	expect_delivered "$sei" 80000101 1 "SError (RAS UEO) on CPU 1"
	kill -0 "$busy" || fail "the task on CPU 1 did not survive the SError"
	counters=/sys/kernel/debug/ghes_rs/counters
	cat "$counters"
	count() { grep "^source=$1 " "$counters" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
	for id in "$normal" "$critical" "$sei"; do
		[ "$(count "$id" processed)" = 1 ] || fail "source $id processed=$(count "$id" processed)"
		for what in pool_exhausted malformed too_large after_queue; do
			[ "$(count "$id" dropped_$what)" = 0 ] || fail "source $id dropped_$what"
		done
	done
	echo "ok: ghes_rs counted one record per source and dropped none"
	sleep 1 # the host's last look
fi
kill "$busy"
echo "ok: the task on CPU 1 survived the SError"
