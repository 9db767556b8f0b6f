#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras
# lab-timeout: 240
# lab-expect: panic
# lab-files: lib/firmware.sh
# lab-hest: sea sea
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x61000000 --error-type 3
# lab-record: mem_fatal.cper memory --severity fatal --pa 0x60000000 --error-type 3
# lab-console: [Hardware Error]:   physical_address: 0x0000000061000000
# lab-console: [Hardware Error]:   physical_address: 0x0000000060000000
# lab-console: Kernel panic - not syncing: GHES: Fatal hardware error
#
# Before a fatal error panics, the records queued but not yet processed are printed (as
# Linux's ghes_print_queued_estatus() does), so the root cause reaches the log. One SEA finds
# a recoverable record in the first added SEA source (queued for irq_work, which never runs)
# and a fatal one in the second: both reports must be on the console before the panic.
# (ras only: Linux's C GHES scans its SEA sources in the reverse order, so it meets the
# fatal record first and has nothing queued yet.)
set -eu
. ./firmware.sh
fw_use_source 1
fw_write_record mem_ue.cper
fw_use_source 2
fw_write_record mem_fatal.cper
echo "raising a SEA: a queued record, then a fatal one: the kernel must panic now"
fw_raise_sea
sleep 2
echo "FAIL: still running after a fatal error"
exit 1
