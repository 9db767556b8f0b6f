#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 400
# lab-files: lib/firmware.sh lib/einj.sh
# lab-hest: polled:interval=50
# lab-einj:
# lab-corpus:
# lab-record: mem_ce.cper memory --severity corrected --pa 0 --error-type 2
# lab-record: mem_ue.cper memory --severity recoverable --pa 0 --error-type 3
#
# Error injection the way RAS engineers do it, through Linux's own EINJ driver and its
# debugfs files, on both kernels, unchanged. The initrd adds an EINJ table whose mailbox
# einj-fw (tools/lab-guest/einj_fw.c) serves as the platform firmware: it writes the record a
# platform writes into the GHES block the error type is routed to (a memory error's record
# carries the injected address) and refuses while the last record is unacknowledged.
# - memory correctable at a RAM address: reported by the polled source, no page touched;
# - memory uncorrectable non-fatal at a process's own page, then consumed (a real SEA):
#   SIGBUS BUS_MCEERR_AR in the page, HardwareCorrupted +4 kB;
# - processor uncorrectable non-fatal: an ARM processor error report;
# - PCIe correctable: a PCIe error report.
set -eu
. ./firmware.sh
. ./einj.sh
E=$EINJ
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
corrupted_kb() { awk '/^HardwareCorrupted:/ { print $2 }' /proc/meminfo; }
reported() { dmesg | grep -F "[Hardware Error]:" | grep -qF "$1" || fail "no report line '$1'"; echo "ok: reported: $1"; }

[ -d "$E" ] || fail "no $E: Linux's EINJ driver did not take the table"
mailbox=$(sed -n 's/^einj mailbox=\(0x[0-9a-f]*\).*/\1/p' /lab/firmware-layout)
fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
polled="$FW_STATUS_REG ${FW_ACK_REG:-0}"
fw_find_ghes 8
sea="$FW_STATUS_REG ${FW_ACK_REG:-0}"
cat >routes <<ROUTES
0x8 mem_ce.cper $polled 0
0x10 mem_ue.cper $sea 0
0x2 25-arm-cache-pa.cper $polled 0
0x40 34-pcie-all-fields-endpoint-corrected.cper $polled 0
ROUTES
einj-fw "$mailbox" "$(fw_gicd_base)" routes &
firmware=$!
trap 'kill $firmware 2>/dev/null || true' EXIT
sleep 0.5

cat "$E/available_error_type"
for t in "0x00000008	Memory Correctable" "0x00000010	Memory Uncorrectable non-fatal" \
	"0x00000002	Processor Uncorrectable non-fatal" "0x00000040	PCI Express Correctable"; do
	grep -qF "$t" "$E/available_error_type" || fail "EINJ does not offer '$t'"
done

# inject TYPE [ADDRESS]: the standard debugfs sequence (lib/einj.sh).
inject() {
	einj_inject "$@"
	echo "ok: EINJ injected error type $1${2:+ at $2}"
}
polled_consumed() {
	fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
	fw_wait_consumed 5 || fail "the polled source did not consume the record"
	sleep 0.3
}

before=$(corrupted_kb)
inject 0x8 0x50000000
polled_consumed
reported "physical_address: 0x0000000050000000"
reported "It has been corrected by h/w and requires no further action"
[ "$(corrupted_kb)" = "$before" ] || fail "a corrected error poisoned a page"

set +e
mce-victim einj "$FW_SEA_TRIGGER" >victim.out 2>&1
rc=$?
set -e
cat victim.out
[ "$rc" = 0 ] || fail "mce-victim exited with $rc, not killed by SIGBUS BUS_MCEERR_AR in its page"
if grep -q "ran again" victim.out; then
	[ "$LAB_KERNEL" = reference ] || fail "the task ran again before its SIGBUS"
	echo "note: Linux's C GHES let the task run again before memory_failure() (SIGBUS on the retry)"
fi
[ "$(corrupted_kb)" = $((before + 4)) ] || fail "HardwareCorrupted is $(corrupted_kb) kB, not $((before + 4))"

inject 0x2
polled_consumed
reported "section_type: ARM processor error"

inject 0x40
polled_consumed
reported "section_type: PCIe error"
echo "PASS: EINJ memory, processor and PCIe errors handled ($LAB_KERNEL)"
