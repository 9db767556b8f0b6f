#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 240
# lab-files: lib/firmware.sh
# lab-record: overrun.cper header --data-length 0x10000
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x60000000 --error-type 3
#
# Hostile firmware: a record whose header claims 64 KiB of data in a 1 KiB block. ghes_rs
# must refuse it with a message naming the source and the problem, still acknowledge it
# (so firmware can report the next error), count it as malformed, not claim the SEA (the
# task gets SIGBUS from the architecture), and then handle a good record normally.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; cat /sys/kernel/debug/ghes_rs/counters; exit 1; }
counter() { grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters | tr ' ' '\n' | sed -n "s/^$1=//p"; }

fw_find_ghes 8
fw_write_record overrun.cper || fail "firmware could not write the record"
fw_raise_sea
dmesg | grep -F "ghes_rs: [Firmware Warn]: source $FW_SOURCE_ID: record of 65556 bytes overruns the $FW_BLOCK_LEN-byte block" ||
	fail "no message naming the source and the problem"
[ "$(fw_read_ack)" = 0x0000000000000001 ] || fail "the malformed record was not acknowledged"
[ "$(fw_block_status)" = 0x00000000 ] || fail "block_status was not cleared"
[ "$(counter dropped_malformed)" = 1 ] || fail "dropped_malformed is $(counter dropped_malformed), not 1"
[ "$(counter queued)" = 0 ] || fail "a malformed record was queued"
if dmesg | grep -F '[Hardware Error]:'; then fail "a malformed record was reported as an error"; fi

# Firmware may now report the next error, and it is handled.
fw_write_record mem_ue.cper || fail "read-ack still blocks firmware after the malformed record"
fw_raise_sea
dmesg | grep -qF '[Hardware Error]:   physical_address: 0x0000000060000000' || fail "the next record was not reported"
[ "$(counter queued)" = 1 ] || fail "queued is $(counter queued), not 1"
[ "$(counter processed)" = 1 ] || fail "processed is $(counter processed), not 1"
cat /sys/kernel/debug/ghes_rs/counters
echo "PASS: malformed record refused, named, acknowledged and counted; the next one handled"
