#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-firmware: tfa
# lab-timeout: 600
# lab-files: lib/firmware.sh
# lab-hest: sdei:event=999 sdei:event=512 polled:interval=100
# lab-record: ce memory --severity corrected --pa 0x70300000 --error-type 2
# lab-record: ce2 memory --severity corrected --pa 0x70310000 --error-type 2
#
# SDEI registration failure with real firmware: the HEST names SDEI event 999, which
# Trusted Firmware-A does not define (its GHES events are 0x200 and 0x201). The driver must
# say so clearly, naming the source and the event (ghes_rs: "the firmware has no such
# event"; Linux's C GHES only says that the probe of the source's platform device failed
# with -22), and the other sources must be unaffected: a record through the SDEI source of
# event 0x200 and one through the polled source are reported and acknowledged. The firmware
# itself refuses to raise event 999.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
fw_sdei_load

fw_use_sdei 999
bad=$FW_SOURCE_ID
dmesg | grep -E 'sdei|SDEI|GHES|ghes' | grep -v 'Hardware Error' || true
if [ "$LAB_KERNEL" = reference ]; then
	# Linux names neither the source nor the event: the probe of that source's platform
	# device fails.
	dmesg | grep -E "GHES GHES\.[0-9]+: probe with driver GHES failed with error -22" ||
		fail "Linux did not say the source could not be set up"
else
	dmesg | grep -E "ghes_rs: source $bad: cannot register SDEI event 999: error -22 \(the firmware has no such event\); source left idle" ||
		fail "no clear message for SDEI event 999"
fi
fw_raise_sdei 999 0 && fail "the firmware raised an event it does not have"

fw_use_sdei "$FW_SDEI_NORMAL"
dmesg -c >/dev/null
fw_write_record ce || fail "SDEI source busy"
fw_raise_sdei "$FW_SDEI_NORMAL" 1 || fail "event 0x200 was refused: not registered?"
fw_wait_consumed 5 || fail "the SDEI record was not consumed"
fw_acked || fail "the SDEI record was not acknowledged"
sleep 0.5
dmesg | grep -F "physical_address: 0x0000000070300000" || fail "the SDEI record was not reported"

fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
fw_write_record ce2 || fail "polled source busy"
fw_wait_consumed 5 || fail "the polled record was not consumed"
fw_acked || fail "the polled record was not acknowledged"
sleep 0.5
dmesg | grep -F "physical_address: 0x0000000070310000" || fail "the polled record was not reported"
echo "PASS: event 999 refused with a clear message; the SDEI and polled sources still report"
