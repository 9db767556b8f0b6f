#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 400
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=20
# lab-corpus: malformed
# lab-record: good.cper memory --severity corrected --pa 0x120000000 --error-type 2
#
# Hostile records in a live block (ghes-inject corpus --malformed: lengths in the wrong unit,
# raw data overlapping the sections or past the block, claims above 64 KiB, entry counts and
# section lengths that lie, cut revision-3 headers, truncated ARM sections). For each: the
# record is refused with the exact message naming the source (NN-name.expect), the block is
# handed back to firmware (block_status 0, read-ack 1), the drop is counted, and the good
# record written next is processed: nothing else is lost. No crash, and on the debug kernel
# no KASAN report (the lab fails on either).
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | grep ghes_rs | tail -n 20; exit 1; }
counter() { grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters | tr ' ' '\n' | sed -n "s/^$1=//p"; }

fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
n=0
for name in $(cat index); do
	dropped=$(counter dropped_malformed)
	processed=$(counter processed)
	dmesg -c >/dev/null
	fw_write_record "$name.cper" || fail "$name: firmware could not write it (previous record not acknowledged)"
	fw_wait_consumed || fail "$name: block not handed back to firmware"
	want="ghes_rs: [Firmware Warn]: source $FW_SOURCE_ID: $(cat "$name.expect")"
	for _ in $(seq 20); do
		dmesg | grep -qF "$want" && break
		sleep 0.05
	done
	dmesg | grep -qF "$want" || { dmesg | grep ghes_rs; fail "$name: no message '$want'"; }
	[ "$(fw_read_ack)" = 0x0000000000000001 ] || fail "$name: read-ack is $(fw_read_ack)"
	[ "$(counter dropped_malformed)" = $((dropped + 1)) ] || fail "$name: the drop was not counted"
	fw_write_record good.cper || fail "$name: the good record after it could not be written"
	fw_wait_consumed || fail "$name: the good record after it was not consumed"
	for _ in $(seq 20); do
		[ "$(counter processed)" = $((processed + 1)) ] && break
		sleep 0.05
	done
	[ "$(counter processed)" = $((processed + 1)) ] || fail "$name: the good record after it was lost"
	echo "ok: $name: $(cat "$name.expect")"
	n=$((n + 1))
	sleep 0.5 # ghes_rs reports firmware problems at most 10 times in 5 s
done
grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters
echo "PASS: $n hostile records refused by name, acknowledged, counted; nothing else lost"
