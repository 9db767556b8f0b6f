#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-firmware: tfa
# lab-files: ../../tools/lab-tests/lib/firmware.sh ../../tools/lab-tests/lib/free_page.sh narration.sh
# lab-hest: sdei:event=512 sdei:event=513 sei
# lab-record: sdei_ce memory --severity corrected --pa 0x70110000 --error-type 2
# lab-record: sdei_ue memory --severity recoverable --pa 0x70120000 --error-type 3
# lab-record: sei_ue memory --severity recoverable --pa 0x70130000 --error-type 3
#
# The demo's second boot (tools/demo): the notifications a real arm64 server's firmware raises
# from EL3, which QEMU's own firmware cannot. Trusted Firmware-A (tools/firmware/build; SDEI
# dispatcher, GHES events 0x200 normal and 0x201 critical) is the platform firmware; the guest
# writes each CPER record into a source's block as the RAS agent would, then asks EL3 for the
# notification: SDEI events through the dispatcher (Arm DEN 0054, SDEI), and an SError that
# EL3 builds with a chosen syndrome and reflects to the kernel (NOTIFY_SEI, ACPI 6.5 18.3.2.9).
# ghes_rs on the ras side, Linux's C GHES on the reference side (tools/demo --compare): the
# C driver serves SDEI, and has no NOTIFY_SEI on arm64.
set -eu
. ./narration.sh
fail() { say "  !! $*"; exit 1; }
. ./free_page.sh

if [ "$LAB_KERNEL" = reference ]; then
	DRIVER="Linux's C GHES (built in)"
else
	DRIVER="ghes_rs.ko"
fi

step "10. The firmware: Trusted Firmware-A at EL3, with an SDEI dispatcher"
dmesg | sed 's/^\[[^]]*\] //' | grep -E '^sdei: |^ghes_rs: source [0-9]+: GHESv2 notify=(SDEI|SEI)|^GHES: ' |
	grep -v 'taints kernel' | show
claim "the kernel found SDEI in the firmware" eval 'dmesg | grep -q "sdei: SDEIv1\.0 .* detected in firmware"'
fw_serror_ready >/dev/null
claim "EL3 raises SErrors (lab_serror.ko's route: el3)" [ "$(cat /sys/kernel/debug/lab_serror/route)" = el3 ]
proves "the OS runs on real EL3 firmware that can notify it by SDEI events and SErrors ($DRIVER serves them)"
kmsg_new

# notify_sdei RECORD EVENT CPU: the RAS agent's work: the record into EVENT's source, then
# EVENT on CPU through the dispatcher.
notify_sdei() {
	fw_use_sdei "$2"
	say "  firmware: record $1 into source $FW_SOURCE_ID's block; SDEI event $2 on CPU $3"
	fw_write_record "$1" || fail "the previous record was never acknowledged"
	fw_raise_sdei "$2" "$3" || fail "the dispatcher refused event $2"
	fw_wait_consumed 5 || true
}

step "11. A corrected memory error, notified by SDEI normal event 0x200 on CPU 1"
begin
notify_sdei sdei_ce "$FW_SDEI_NORMAL" 1
end "SDEI 0x200 (normal), CPU 1; memory CE"
claim "a report from the SDEI source" [ "$SRC_NOTIFY" = SDEI ]
claim "acknowledged (read-ack set, block status 0)" [ "$ACKED" = yes ]
claim "no page poisoned" [ "$POISONED" = 0 ]
proves "a real SDEI event from EL3: the handler ran in NMI-like context, queued the record, irq_work reported it as Linux prints it"

step "12. An uncorrectable memory error, notified by SDEI critical event 0x201 on CPU 0"
at_free_page sdei_ue >/dev/null
begin
notify_sdei sdei_ue.free "$FW_SDEI_CRITICAL" 0
end "SDEI 0x201 (critical), CPU 0; memory UE"
claim "a report from the SDEI source" [ "$SRC_NOTIFY" = SDEI ]
claim "acknowledged (read-ack set, block status 0)" [ "$ACKED" = yes ]
claim "the page poisoned (HardwareCorrupted +4 kB)" [ "$POISONED" = 4 ]
proves "the critical event (bound to a secure interrupt) is served the same way, and memory_failure() takes the page out of use"

step "13. An SError raised by EL3 with a RAS syndrome (UEO), after a record in the SEI source"
at_free_page sei_ue >/dev/null
fw_use_kind sei
begin
say "  firmware: record sei_ue into source $FW_SOURCE_ID's block; SError, ESR $FW_ESR_UEO, on CPU 1"
fw_write_record sei_ue.free || fail "the previous record was never acknowledged"
fw_raise_serror "$FW_ESR_UEO" 1 >/tmp/user 2>&1 || true
show </tmp/user
fw_wait_consumed 5 || true
end "SError from EL3, CPU 1; ESR UEO; memory UE"
if [ "$LAB_KERNEL" = reference ]; then
	claim "not claimed: no report, the record left in its block" [ "$SRC_NOTIFY" = none ]
	proves "Linux's C GHES has no NOTIFY_SEI on arm64: arm64 treats the contained SError itself and the firmware's record goes unread"
else
	claim "a report from the SEI source" [ "$SRC_NOTIFY" = SEI ]
	claim "acknowledged (read-ack set, block status 0)" [ "$ACKED" = yes ]
	claim "the page poisoned (HardwareCorrupted +4 kB)" [ "$POISONED" = 4 ]
	proves "ghes_rs claims the SError in do_serror()'s NMI context, reports and acknowledges the record, recovers the page"
fi

closing_table "14. The closing table of the second boot (every cell measured in the guest during steps 11-13)"
closing_checks
