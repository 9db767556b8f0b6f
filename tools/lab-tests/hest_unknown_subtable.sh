#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: polled gsiv:gsi=200
# lab-hest-malform: unknown-type
# lab-record: mem_ce.cper memory --severity corrected --pa 0x120000000 --error-type 2
#
# A HEST whose last subtable has a type no ACPI version defines, so its length cannot be
# known. Linux's hest.c disables every error source ("Unknown or unused hardware error source
# type"); ghes_rs keeps the sources before it, says where the walk stopped, and serves them.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | grep ghes_rs; exit 1; }
dmesg | grep -E "ghes_rs: \[Firmware Warn\]: HEST: subtable at offset [0-9]+: .*type 127" || fail "no message naming the unknown subtable"
dmesg | grep -F "ghes_rs: handling 3 error source(s)" || fail "the sources before it are not all served"
fw_use_source 1
fw_write_record mem_ce.cper
fw_wait_consumed || fail "the polled source before the unknown subtable was not served"
echo "PASS: the sources before an unknown subtable are served"
