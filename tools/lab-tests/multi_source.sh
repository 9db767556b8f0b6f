#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=50 gsiv:gsi=200 external:gsi=201,block=8192 sea:block=8192
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x60000000 --error-type 3
# lab-record: mem_ce.cper memory --severity corrected --pa 0x61000000 --error-type 2
# lab-record: mem_ce2.cper memory --severity corrected --pa 0x62000000 --error-type 2
# lab-record: big.cper raw --size 6000 --severity recoverable
# lab-record: big2.cper raw --size 6100 --severity recoverable
#
# QEMU's HEST upgraded from the initrd with four more sources in QEMU's NVS region: polled
# every 50 ms, GSIV on GSI 200 and external interrupt on GSI 201 (both raised for real by
# making the SPI pending in the GIC distributor), and a second SEA source; 8 KiB blocks for the
# last two.
# Each delivers a record through its own path; each is reported as Linux prints it,
# acknowledged, and counted; the 6000-byte record crosses page boundaries and arrives intact
# (every byte is in the hex dump). Records differ from each other: identical ones within 10 s
# are printed once (Linux's duplicate cache compares records, whatever their source), and at
# most 2 reports per class (corrected / uncorrected) are printed every 5 s, as in Linux.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 20; cat /sys/kernel/debug/ghes_rs/counters; exit 1; }
counter() { grep "^source=$1 " /sys/kernel/debug/ghes_rs/counters | tr ' ' '\n' | sed -n "s/^$2=//p"; }
reported() { dmesg | grep -cF "[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: $1" || true; }

dmesg | grep -F "ACPI: Table Upgrade: override [HEST-" || fail "the HEST was not upgraded"
grep 'ghes_rs: source' /dev/null || true
dmesg | grep -F "ghes_rs: handling 5 error source(s)" || fail "ghes_rs does not handle all 5 sources"

# delivered ID RECORD: the record was reported, acked and counted for source ID.
delivered() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ "$(counter "$1" processed)" = 1 ] && break
		sleep 0.2
	done
	[ "$(counter "$1" processed)" = 1 ] || fail "source $1: processed is $(counter "$1" processed), not 1"
	[ "$(reported "$1")" = 1 ] || fail "source $1 was reported $(reported "$1") times, not once"
	fw_expect_report "$2" || fail "source $1: report differs from Linux's for $2"
	[ "$(fw_read_ack)" = 0x0000000000000001 ] || fail "source $1: read-ack is $(fw_read_ack)"
	[ "$(fw_block_status)" = 0x00000000 ] || fail "source $1: block_status not cleared"
	echo "ok: source $1 ($FW_KIND) delivered $2"
}

for id in 1 2 3 4; do
	fw_use_source $id
	echo "source $id: $FW_KIND, block $(fw_block_addr), $FW_BLOCK_LEN bytes"
done

fw_use_source 1 # polled: the timer finds it
fw_write_record mem_ce.cper
delivered 1 mem_ce.cper

fw_use_source 2 # GSIV: a real interrupt on its GSI
fw_write_record mem_ce2.cper
sleep 0.3
[ "$(counter 2 queued)" = 0 ] || fail "source 2 was read before its interrupt"
fw_raise_gsi "$FW_EXTRA"
delivered 2 mem_ce2.cper

fw_use_source 3 # external interrupt
fw_write_record big.cper
fw_raise_gsi "$FW_EXTRA"
delivered 3 big.cper

fw_use_source 4 # the second SEA source: a real SEA, 6100 bytes over two pages
fw_write_record big2.cper
fw_raise_sea
delivered 4 big2.cper
[ "$(counter 0 queued)" = 0 ] || fail "QEMU's SEA source queued a record it never had"

grep -E '^(pool|source=)' /sys/kernel/debug/ghes_rs/counters
echo "PASS: polled, GSIV, external and a second SEA source each delivered through their own path"
