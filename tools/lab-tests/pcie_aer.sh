#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=20
# lab-record: aer_ce json lib/records/pcie_aer_corrected.json
# lab-record: aer_nf json lib/records/pcie_aer_nonfatal.json
# lab-record: aer_gone json lib/records/pcie_aer_missing_device.json
#
# Firmware-first PCIe errors reach the PCI core's AER recovery, as ghes_handle_aer() sends
# them: three PCIe sections with a device id and AER registers, for QEMU's root port 00:01.0
# (tools/lab adds it) and for a device that does not exist. The corrected one is reported by
# the PCI core (pci_print_aer) with its ras:aer_event; the uncorrected non-fatal one also goes
# through device recovery; the missing device is reported as such. Same lines and events on
# ghes_rs and on Linux's C GHES. On ghes_rs the register copy is released on every path
# (kernel patch 0006): the debug kernel's kmemleak finds nothing after the missing-device
# record, where Linux's aer_recover_work_func() leaks its copy.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; cat "$T/trace"; exit 1; }
T=/sys/kernel/tracing
[ -e /sys/bus/pci/devices/0000:00:01.0/aer_dev_correctable ] ||
	fail "no AER-capable root port at 0000:00:01.0"
echo 1 >"$T/events/ras/aer_event/enable"
fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"

# deliver NAME LINE...: the record is reported as Linux prints it, and each LINE (a message
# of the PCI core's, less its timestamp) follows within 3 s.
deliver() {
	name=$1
	shift
	fw_write_record "$name" || fail "$name: firmware could not write it"
	fw_wait_consumed 5 || fail "$name: not consumed"
	[ "$(fw_read_ack)" = 0x0000000000000001 ] || fail "$name: read-ack $(fw_read_ack)"
	for line; do
		tries=60
		until dmesg | sed 's/^\[[^]]*\] //' | grep -qxF -- "$line"; do
			tries=$((tries - 1))
			[ "$tries" -gt 0 ] || fail "$name: no '$line'"
			sleep 0.05
		done
	done
	fw_expect_report "$name" || fail "$name: the report differs from Linux's"
	echo "ok: $name"
}
deliver aer_ce \
	"pcieport 0000:00:01.0: AER: aer_status: 0x00000040, aer_mask: 0x00002000" \
	"pcieport 0000:00:01.0: AER: aer_layer=Data Link Layer, aer_agent=Receiver ID"
deliver aer_nf \
	"pcieport 0000:00:01.0: AER: aer_status: 0x00004000, aer_mask: 0x00000000" \
	"pcieport 0000:00:01.0: AER: aer_layer=Transaction Layer, aer_agent=Requester ID" \
	"pcieport 0000:00:01.0: AER: aer_uncor_severity: 0x00062030" \
	"pcieport 0000:00:01.0: AER: device recovery successful"
deliver aer_gone "AER: no pci_dev for 0000:3a:1f.3"

grep -qF "aer_event: 0000:00:01.0 PCIe Bus Error: severity=Corrected, Bad TLP, TLP Header=Not available" "$T/trace" ||
	fail "no ras:aer_event for the corrected error"
grep -qF "aer_event: 0000:00:01.0 PCIe Bus Error: severity=Uncorrected, non-fatal, Completion Timeout, TLP Header=Not available" "$T/trace" ||
	fail "no ras:aer_event for the non-fatal error"
[ "$(grep -c 'aer_event:' "$T/trace")" = 2 ] || fail "not exactly two ras:aer_event"
echo "ok: the PCI core reported both errors, recovered the device, and traced both events"

if [ -e /sys/kernel/debug/kmemleak ]; then
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	if grep -q "ghes_rs\|aer" /sys/kernel/debug/kmemleak; then
		cat /sys/kernel/debug/kmemleak
		fail "kmemleak found a leak"
	fi
	echo "ok: kmemleak finds no leaked AER register copy"
fi
