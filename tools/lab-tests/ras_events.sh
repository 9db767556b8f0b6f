#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=20
# lab-corpus:
#
# What rasdaemon reads, and what a vendor driver receives. Three corpus records go through a
# polled source: an ARM processor error (one cache error information entry) and two
# sections Linux has no handler for (a vendor GUID, and an x86 processor section, which
# arm64 does not decode). The ras:arm_event and ras:non_standard_event trace events must
# carry their severity, section type and lengths, with the same fields on ghes_rs and on
# Linux's C GHES. On ghes_rs, the sample module samples/ghes_rs_vendor_sample.ko, registered
# through ghes_rs_register_vendor_record_notifier(), must receive both vendor sections.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; cat /sys/kernel/tracing/trace; exit 1; }
T=/sys/kernel/tracing

for event in arm_event non_standard_event; do
	echo 1 >"$T/events/ras/$event/enable" || fail "no ras:$event trace event"
done
sample=
if [ -e ghes_rs_vendor_sample.ko ]; then
	insmod ghes_rs_vendor_sample.ko
	sample=yes
fi

fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
for record in 25-arm-cache-pa 44-unknown-100-bytes 45-unknown-x86-processor-section; do
	fw_write_record "$record.cper" || fail "$record: firmware could not write it"
	fw_wait_consumed || fail "$record was not consumed"
done
sleep 0.5
grep -E 'arm_event|non_standard_event' "$T/trace" | sed 's/^.*: \(arm_event\|non_standard_event\):/\1:/' | cut -c1-300

# event FIELDS...: exactly one trace line of that event has every FIELD.
event() {
	name=$1
	shift
	lines=$(grep -F "$name: " "$T/trace")
	for field; do
		lines=$(echo "$lines" | grep -F -- "$field" || true)
	done
	[ "$(echo "$lines" | grep -c .)" = 1 ] || fail "no single $name with: $*"
}
# The reports print GUIDs as %pUl; the trace events as %pU, the bytes in stored order.
stored() { echo "$1" | sed -E 's/^(..)(..)(..)(..)-(..)(..)-(..)(..)-/\4\3\2\1-\6\5-\8\7-/'; }
vendor=$(sed -n 's/.*section type: unknown, //p' 44-unknown-100-bytes.report)
x86=$(sed -n 's/.*section type: unknown, //p' 45-unknown-x86-processor-section.report)
event arm_event "error: 2;" "ARM Processor Err Info data len: 32;" \
	"ARM Processor Err Context Info data len: 0;" "Vendor Specific Err Info data len: 0;"
event non_standard_event "severity: 1;" "sec type:$(stored "$vendor");" \
	"FRU: 00000000-0000-0000-0000-000000000000 ;" "data len:100;" "raw data:67 68 65 73 2d"
event non_standard_event "severity: 2;" "sec type:$(stored "$x86");" "data len:64;"
echo "ok: ras:arm_event and ras:non_standard_event carry what rasdaemon stores"

if [ -n "$sample" ]; then
	dmesg | grep -F "ghes_rs_vendor_sample: vendor section $vendor severity 1, 100 bytes, FRU text '': 67 68 65 73" ||
		fail "the sample module did not receive the vendor section"
	dmesg | grep -F "ghes_rs_vendor_sample: vendor section $x86 severity 2, 64 bytes" ||
		fail "the sample module did not receive the x86 processor section"
	rmmod ghes_rs_vendor_sample
	echo "ok: a vendor module received both sections through the notifier"
fi
echo "PASS: trace events (and vendor records) as Linux"
