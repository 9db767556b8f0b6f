#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: gpio sci
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce.cper memory --severity corrected --pa 0x63000000 --error-type 2
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x100000000 --error-type 3
#
# NOTIFY_GPIO and NOTIFY_SCI for real, through the Hardware Error Device. QEMU's HEST gets a
# GPIO-signalled and an SCI source; an SSDT (lib/hed_ged.asl) adds a HED (PNP0C33) and a
# Generic Event Device whose interrupt, SPI 202, notifies the HED, as firmware does on a
# hardware-reduced platform. The guest, playing firmware, writes a record into each source's
# block and raises SPI 202 in the GIC distributor; the GHES driver's HED notifier reads both
# sources. Each record is reported as Linux prints it, acknowledged and cleared, on ghes_rs
# and on Linux's C GHES alike; the corrected error (at a page in RAM) leaves every page alone.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
reported() { dmesg | grep -cF "[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: $1" || true; }
source_of() { awk -v kind="$1" '$3 == kind { print $2 }' /lab/firmware-layout; }

[ -e /sys/bus/acpi/devices/PNP0C33:00 ] || fail "no Hardware Error Device: the SSDT was not loaded"
[ -e /sys/bus/acpi/devices/ACPI0013:01 ] || fail "no second Generic Event Device"

# deliver KIND RECORD: firmware writes RECORD into the KIND source and notifies the HED.
deliver() {
	id=$(source_of "$1")
	fw_use_source "$id"
	fw_write_record "$2"
	sleep 0.3
	[ "$(reported "$id")" = 0 ] || fail "source $id was read before the HED was notified"
	fw_raise_gsi 202
	fw_wait_consumed || fail "source $id ($1): block_status not cleared"
	[ "$(fw_read_ack)" = 0x0000000000000001 ] || fail "source $id ($1): read-ack is $(fw_read_ack)"
	sleep 0.2
	[ "$(reported "$id")" = 1 ] || fail "source $id ($1) was reported $(reported "$id") times, not once"
	fw_expect_report "$2" || fail "source $id ($1): report differs from Linux's for $2"
	echo "ok: source $id ($1) delivered $2 through the HED"
}

corrupted_kb() { awk '/^HardwareCorrupted:/ { print $2 }' /proc/meminfo; }
before=$(corrupted_kb)
deliver gpio mem_ce.cper
[ "$(corrupted_kb)" = "$before" ] || fail "a corrected error poisoned a page"
if dmesg | grep -F "Memory failure:"; then fail "a corrected error went to memory_failure()"; fi
echo "ok: the corrected error left every page alone (HardwareCorrupted $before kB)"
deliver sci mem_ue.cper
echo "PASS: GPIO and SCI sources delivered through GED -> HED notifications"
