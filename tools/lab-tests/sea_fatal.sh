#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 240
# lab-expect: panic
# lab-files: lib/firmware.sh
# lab-record: mem_fatal.cper memory --severity fatal --pa 0x60000000 --error-type 3
# lab-console: [Hardware Error]: event severity: fatal
# lab-console: [Hardware Error]:   physical_address: 0x0000000060000000
# lab-console: Kernel panic - not syncing: GHES: Fatal hardware error
#
# A fatal memory error delivered by a real SEA: the report is printed (KERN_EMERG) and the
# machine panics, on ghes_rs as on Linux's C GHES. The host checks the console (lab-console).
set -eu
. ./firmware.sh
fw_find_ghes 8
fw_write_record mem_fatal.cper
echo "raising a SEA for a fatal record: the kernel must panic now"
fw_raise_sea
sleep 2
echo "FAIL: still running after a fatal error"
exit 1
