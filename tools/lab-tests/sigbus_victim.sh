#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-record: mem_ue.cper memory --severity recoverable --pa 0 --error-type 3
#
# Synchronous memory error recovery as a RAS engineer checks it. mce-victim
# (tools/lab-guest/mce_victim.c) maps a page, finds its physical address in
# /proc/self/pagemap, has firmware record an uncorrectable memory error at that address in
# QEMU's SEA error source, consumes it (a real SEA), and must die of SIGBUS with si_code
# BUS_MCEERR_AR and si_addr inside its page before it runs again. HardwareCorrupted grows by
# 4 kB, memory_failure() reports the page recovered, the record is acknowledged. The same
# test gives the same outcome on the reference kernel (Linux's C GHES), except that there
# the task may run again first (see below).
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
corrupted_kb() { sed -n 's/^HardwareCorrupted: *\([0-9]*\) kB/\1/p' /proc/meminfo; }

fw_find_ghes 8
if [ -n "$FW_ACK_REG" ]; then
	[ $(($(fw_read_ack) & 1)) = 1 ] || fail "firmware: previous record not acknowledged"
	devmem "$FW_ACK_REG" 64 0
fi
before=$(corrupted_kb)
# The section's physical_addr: 20-byte block header + 72-byte revision-3 entry header +
# 16 bytes (validation bits, error status).
set +e
mce-victim mem_ue.cper 108 "$(fw_block_addr)" "$FW_SEA_TRIGGER" >victim.out 2>&1
rc=$?
set -e
cat victim.out
[ "$rc" = 0 ] || fail "mce-victim exited with $rc, not killed by the expected SIGBUS"
grep -qE "SIGBUS si_code=0x4 \(BUS_MCEERR_AR\) si_addr=0x[0-9a-f]+ si_addr_lsb=0xc in its page" victim.out ||
	fail "no SIGBUS BUS_MCEERR_AR at the page"
# ghes_rs runs memory_failure() in the task before it returns to user space: the signal comes
# before the task runs again. Linux 6.12 queues it to a worker that may run first; the task
# then runs again and gets its SIGBUS from the fault on the poisoned page (allowed there).
if grep -q "ran again" victim.out; then
	[ "$LAB_KERNEL" = reference ] || fail "the task ran again before its SIGBUS"
	echo "note: Linux's C GHES let the task run again before memory_failure() (SIGBUS on the retry)"
fi
pa=$(sed -n 's/.*physical address \(0x[0-9a-f]*\)$/\1/p' victim.out)
dmesg | grep -F "physical_address: $(printf '0x%016x' "$pa")" || fail "the report does not name the page"
dmesg | grep -E "Memory failure: $(printf '%#x' $((pa >> 12))): recovery action for .*: Recovered" ||
	fail "memory_failure() did not recover the page"
after=$(corrupted_kb)
[ $((after - before)) = 4 ] || fail "HardwareCorrupted grew by $((after - before)) kB, not 4"
[ "$(fw_block_status)" = 0x00000000 ] || fail "block_status not cleared: $(fw_block_status)"
[ -z "$FW_ACK_REG" ] || [ $(($(fw_read_ack) & 1)) = 1 ] || fail "read-ack not written"
echo "PASS: SIGBUS BUS_MCEERR_AR in the page that held the error; page poisoned (+4 kB)"
