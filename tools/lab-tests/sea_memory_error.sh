#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-timeout: 240
# lab-files: lib/firmware.sh
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x60000000 --error-type 3
#
# QEMU's own HEST, the guest acting as firmware: a recoverable multi-bit ECC error at a free
# page is recorded in the SEA source's block, then a real SEA is raised. Either kernel must
# report it in cper.c's words, acknowledge it (read-ack 1, block_status 0), and poison the
# page with memory_failure(). The same script runs unchanged on ras (ghes_rs) and reference
# (Linux's C GHES): same observable outcome.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
corrupted_kb() { awk '/^HardwareCorrupted:/ { print $2 }' /proc/meminfo; }

fw_find_ghes 8
echo "SEA source $FW_SOURCE_ID: status register $FW_STATUS_REG, read-ack $FW_ACK_REG, block $(fw_block_addr)"
[ "$(corrupted_kb)" = 0 ] || fail "a page is poisoned before the test"
fw_write_record mem_ue.cper || fail "the previous record was never acknowledged"
[ "$(fw_read_ack)" = 0x0000000000000000 ] || fail "read-ack should be 0 while the record is pending"

fw_raise_sea
sleep 1

dmesg | grep -F '[Hardware Error]: ' || fail "no hardware error report"
for line in \
	"[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: $FW_SOURCE_ID" \
	'[Hardware Error]: event severity: recoverable' \
	'[Hardware Error]:  Error 0, type: recoverable' \
	'[Hardware Error]:   section_type: memory error' \
	'[Hardware Error]:   physical_address: 0x0000000060000000' \
	'[Hardware Error]:   error_type: 3, multi-bit ECC'; do
	dmesg | grep -qF "$line" || fail "report lacks: $line"
done
ack=$(fw_read_ack)
[ "$ack" = 0x0000000000000001 ] || fail "read-ack is $ack, not 1: the record was not acknowledged"
status=$(fw_block_status)
[ "$status" = 0x00000000 ] || fail "block_status is $status, not 0"
dmesg | grep -E 'Memory failure: 0x60000: ' || fail "memory_failure() did not handle pfn 0x60000"
[ "$(corrupted_kb)" = 4 ] || fail "HardwareCorrupted is $(corrupted_kb) kB, not 4 kB"
if [ "$LAB_KERNEL" != reference ]; then
	counters=$(grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters)
	echo "$counters"
	for want in queued=1 processed=1 dropped_pool_exhausted=0 dropped_malformed=0; do
		echo "$counters" | grep -qw "$want" || fail "counters lack $want"
	done
fi
echo "PASS: reported, acknowledged (read-ack $ack, block_status $status), page 0x60000 poisoned"
