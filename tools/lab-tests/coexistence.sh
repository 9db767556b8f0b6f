#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: reference
# lab-offer-module:
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=100
# lab-record: mem_ce.cper memory --severity corrected --pa 0x120000000 --error-type 2
#
# One kernel image for both drivers, as distribution kernels are built
# (CONFIG_ACPI_APEI_GHES=y and the GHES hooks, tools/kernel/config/lab.config). Booted
# without ghes.disable=1, Linux's built-in C GHES serves the HEST: ghes_rs.ko must refuse
# to load, saying why and how to change it, before it maps or reads any error source, so no
# error status block and no fixmap slot is ever used by two drivers. The built-in driver
# then still serves the next record alone: one report, acknowledged.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | grep -E "APEI|GHES|ghes_rs" | tail -n 20; exit 1; }

[ -d /sys/bus/platform/drivers/GHES ] || fail "the built-in C GHES is not serving"
if insmod /lab/offered/ghes_rs.ko 2>/tmp/insmod.err; then
	fail "ghes_rs.ko loaded beside the built-in GHES driver"
fi
dmesg | grep -F "GHES provider ghes_rs refused: the built-in GHES driver serves the HEST (boot with ghes.disable=1)" ||
	fail "no message from the kernel saying why ghes_rs was refused"
dmesg | grep -E "ghes_rs: cannot become the GHES driver \(error -16\)" ||
	fail "ghes_rs did not say it cannot become the GHES driver"
if dmesg | grep -E "ghes_rs: (source|estatus pool|handling)"; then
	fail "ghes_rs touched error sources before it was refused"
fi
[ ! -e /sys/module/ghes_rs ] || fail "ghes_rs is still loaded"

fw_use_source 1
fw_write_record mem_ce.cper
fw_wait_consumed || fail "the built-in driver did not consume the record"
[ $(($(fw_read_ack) & 1)) = 1 ] || fail "read-ack not written"
fw_expect_report mem_ce.cper || fail "the built-in driver did not report the record"
n=$(dmesg | grep -cF "[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 1")
[ "$n" = 1 ] || fail "record reported $n times, not once"
echo "PASS: ghes_rs refused beside the built-in GHES; the built-in driver served the record alone"
