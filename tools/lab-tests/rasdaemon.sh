#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 240
# lab-files: lib/firmware.sh lib/owned_page.sh
# lab-hest: polled:interval=20
# lab-corpus:
# lab-rasdaemon:
# lab-record: mem_ue.cper memory --severity recoverable --pa 0 --error-type 3
#
# What a RAS engineer's rasdaemon stores is the same on both drivers. Debian's rasdaemon
# 0.8.3 (its arm64 package, unmodified; tools/lab "lab-rasdaemon") runs in the guest as
# `rasdaemon -f -r`; three records go through a polled source: an ARM processor error (one
# cache error information entry), a vendor section (a GUID Linux does not know, 100 bytes)
# and a recoverable memory error at a page of a process the test started, which the driver
# hands to memory_failure(). rasdaemon is stopped with SIGTERM and its database read back
# with sqlite3: arm_event, non_standard_event and memory_failure_event must each hold exactly
# the expected row (every field but the timestamp; the pfn is the test's page), the same
# values on ras (ghes_rs) and on reference (Linux's C GHES).
set -eu
. ./firmware.sh
. ./owned_page.sh
DB=/var/lib/rasdaemon/ras-mc_event.db
fail() { echo "FAIL: $*"; cat rasdaemon.log 2>/dev/null | tail -n 40; dmesg | tail -n 20; exit 1; }

# rasdaemon 0.8.3 waits for each trace event it handles to appear, 30000 times usleep(1000):
# on the lab kernels (no high-resolution timers, HZ=250) several minutes for each event they
# lack (ras:extlog_mem_event, the cxl, devlink and net events). So its tracing instance (under
# debugfs/tracing, where 0.8.3 looks) is made first, and a ramfs is mounted on its events/
# directory holding a link to the instance's own directory of each event the kernel has (the
# kernel's format files) and, for each event the kernel lacks, an empty format, which
# rasdaemon fails to parse and skips at once, as it skips a missing one after the wait. It
# enables events through the instance's set_event and reads its per_cpu buffers, as usual.
WANTED="ras/mc_event ras/aer_event ras/non_standard_event ras/arm_event ras/extlog_mem_event
ras/memory_failure_event mce/mce_record net/net_dev_xmit_timeout devlink/devlink_health_report
block/block_rq_error cxl/cxl_poison cxl/cxl_aer_uncorrectable_error
cxl/cxl_aer_correctable_error cxl/cxl_overflow cxl/cxl_generic_event cxl/cxl_general_media
cxl/cxl_dram cxl/cxl_memory_module"
I=/sys/kernel/debug/tracing/instances/rasdaemon
mkdir "$I" /tmp/instance-events
mount -o bind "$I/events" /tmp/instance-events
mount -t ramfs ramfs "$I/events"
ln -s /tmp/instance-events/header_page /tmp/instance-events/header_event "$I/events/"
for w in $WANTED; do
	mkdir -p "$I/events/${w%/*}"
	if [ -d "/tmp/instance-events/$w" ]; then
		ln -s "/tmp/instance-events/$w" "$I/events/$w"
	else
		mkdir "$I/events/$w"
		: >"$I/events/$w/format"
		echo "no $w in this kernel: an empty format for rasdaemon"
	fi
done

mkdir -p /var/lib/rasdaemon
/usr/sbin/rasdaemon --version
/usr/sbin/rasdaemon -f -r >rasdaemon.log 2>&1 &
rasd=$!
tries=0
until grep -q "Listening to events" rasdaemon.log; do
	[ $tries -lt 600 ] || fail "rasdaemon is not listening after 60 s"
	kill -0 $rasd 2>/dev/null || fail "rasdaemon exited"
	sleep 0.1
	tries=$((tries + 1))
done
cat "$I/set_event"
for e in ras:arm_event ras:non_standard_event ras:memory_failure_event; do
	grep -qx "$e" "$I/set_event" || fail "rasdaemon did not enable $e"
done
echo "ok: rasdaemon listening, arm_event, non_standard_event and memory_failure_event enabled"

fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
for record in 25-arm-cache-pa 44-unknown-100-bytes; do
	fw_write_record "$record.cper" || fail "$record: firmware could not write it"
	fw_wait_consumed || fail "$record was not consumed"
done

# put_u64 FILE OFFSET VALUE: VALUE, little-endian, at byte OFFSET of FILE.
put_u64() {
	esc=
	i=0
	while [ $i -lt 8 ]; do
		esc="$esc\\$(printf %03o $((($3 >> (8 * i)) & 255)))"
		i=$((i + 1))
	done
	printf "$esc" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
victim_page
# The section's physical_addr: 20-byte block header + 72-byte revision-3 entry header + 16.
cp mem_ue.cper mem_page.cper
put_u64 mem_page.cper 108 "$pa"
fw_write_record mem_page.cper || fail "mem_page: firmware could not write it"
fw_wait_consumed || fail "mem_page was not consumed"
tries=0
until dmesg | grep -q "Memory failure: $pfn: "; do
	[ $tries -lt 50 ] || fail "memory_failure() did not handle pfn $pfn"
	sleep 0.1
	tries=$((tries + 1))
done
dmesg | grep "Memory failure: $pfn: "
kill -9 $victim

# Each event rasdaemon stores, it logs "register inserted at db": three before it is stopped.
tries=0
until [ "$(grep -c "register inserted at db" rasdaemon.log)" -ge 3 ]; do
	[ $tries -lt 100 ] || break
	sleep 0.1
	tries=$((tries + 1))
done
kill -TERM $rasd
rc=0
wait $rasd || rc=$?
grep -v "Can't get\|Recording\|event enabled\|Enabled event" rasdaemon.log
[ "$rc" = 0 ] || fail "rasdaemon exited with status $rc after SIGTERM"
umount "$I/events" /tmp/instance-events
echo "ok: rasdaemon stopped (SIGTERM, status 0)"

# rows TABLE COLUMNS EXPECTED: every row of TABLE (COLUMNS, '|'-separated) is EXPECTED.
rows() {
	got=$(/usr/bin/sqlite3 "$DB" "select $2 from $1 order by id")
	echo "$1: $got"
	[ "$got" = "$3" ] || fail "$1 rows are not the expected ones: expected
$3"
}
# ARM (corpus record 25-arm-cache-pa): MPIDR 0x80000001, affinity level 1, running, PSCI state
# 0, one cache error information entry (UEFI N.2.4.4.1, 32 bytes: version 0, length 32,
# validation bits 0x1e, type 2 = cache, flags 3 = first and last, error information
# 0x1a8d007f, VA 0xffff000012345678, PA 0x120019040) as rasdaemon stores and decodes it; no
# context, no vendor information. rasdaemon 0.8.3 logs the MIDR (0x410fd0c1) but has no
# column for it.
rows arm_event "error_count, affinity, printf('%#x', mpidr), running_state, psci_state,
hex(err_info), hex(context_info), hex(vendor_info), error_type, error_flags,
printf('%#x', error_info), printf('%#x', virt_fault_addr), printf('%#x', phy_fault_addr)" \
	"0|1|0x80000001|1|0|00201E00020000037F008D1A00000000785634120000FFFF4090012001000000\
||| cache | first |0x1a8d007f|0xffff000012345678|0x120019040"
grep -qF "affinity: 1 MPIDR: 0x80000001 MIDR: 0x410fd0c1 running_state: 1 psci_state: 0 \
ARM Processor Err Info data len: 32" rasdaemon.log ||
	fail "rasdaemon did not log the ARM event's MPIDR, MIDR and states"
# Vendor: the section type GUID 67686573-2d72-7321-6c61-622072617700 as stored (little-endian
# fields), a null FRU id, no FRU text, corrected, the 100 payload bytes.
rows non_standard_event "hex(sec_type), hex(fru_id), fru_text, severity, length(error),
cast(error as text)" \
	"73656867722D21736C61622072617700|00000000000000000000000000000000||Corrected|100|\
ghes-rs corpus: vendor section payload 0123456789 ghes-rs corpus: vendor section payload \
0123456789 "
# Memory: memory_failure() on the victim's page, an anonymous page it had written to.
rows memory_failure_event "pfn, page_type, action_result" "$pfn|dirty LRU page|Recovered"
echo "PASS: rasdaemon stored the ARM, vendor and memory-failure rows ($LAB_KERNEL)"
