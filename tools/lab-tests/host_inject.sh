#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=50 gpio
# lab-ssdt: lib/hed_ged.asl
# lab-record: host_ce.cper memory --severity corrected --pa 0x70000000 --error-type 2
# lab-host: lib/host_inject.sh
#
# Injection from the host into the running guest: tools/lab-tests/lib/host_inject.sh runs
# `ghes-inject inject|notify|status` through QEMU's gdbstub while this script waits. It
# writes a raw CPER file into a polled source, a JSON-described record (ARM TLB error and a
# vendor section) into a GPIO-signalled source and raises SPI 202, whose Generic Event Device
# (lib/hed_ged.asl) notifies the HED, writes a typed record without notifying, is refused a
# second one over the unacknowledged first (exit 3), then notifies. (Not an external-interrupt
# source: Linux's C GHES cannot take one on arm64, see Documentation/architecture.md.)
# Here, on both kernels: each record is reported as Linux prints it, each source's read-ack
# register ends at 1, and on ghes_rs the counters say 3 records, nothing dropped.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }

echo "LAB-HOST: start"
# The host's last record is `ghes-inject record raw --size 64`: its last hex-dump line.
fw_wait_reported "  00000030: 655e5750 817a736c 9d968f88 b9b2aba4  PW^elsz........." \
	"the host's third record"
sleep 0.5

fw_expect_report host_ce.cper || fail "the raw CPER file's report"
for line in \
	"Hardware error from APEI Generic Hardware Error Source: 2" \
	"  section_type: ARM processor error" \
	"  Multiprocessor Affinity Register (MPIDR): 0x0000000080000101" \
	"   error_type: 0x04: TLB error" \
	"   virtual fault address: 0xffff800012345000" \
	"  section type: unknown, 67686573-2d72-7321-686f-737420696e6a" \
	"  00000010: 726f646e                             ndor" \
	"  section length: 0x40"; do
	fw_reported | grep -qxF -- "$line" || fail "no report line '$line'"
done
echo "ok: the three records are reported as Linux prints them"

for id in 1 2; do
	fw_use_source "$id"
	[ "$(fw_read_ack)" = 0x0000000000000001 ] || fail "source $id read-ack is $(fw_read_ack)"
	[ "$(fw_block_status)" = 0x00000000 ] || fail "source $id block not consumed"
done
echo "ok: both sources consumed and acknowledged"

if [ "$LAB_KERNEL" != reference ]; then
	counters=/sys/kernel/debug/ghes_rs/counters
	cat "$counters"
	count() { grep "^source=$1 " "$counters" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
	[ "$(count 1 processed)" = 1 ] || fail "source 1 processed=$(count 1 processed)"
	[ "$(count 2 processed)" = 2 ] || fail "source 2 processed=$(count 2 processed)"
	for id in 1 2; do
		for what in pool_exhausted malformed too_large after_queue; do
			[ "$(count $id dropped_$what)" = 0 ] || fail "source $id dropped_$what"
		done
	done
	echo "ok: ghes_rs counted every record and dropped none"
fi
