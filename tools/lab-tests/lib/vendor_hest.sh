#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The body of tests/lab/vendor_hest_*.sh, sourced in the guest: a vendor HEST (lab-hest-import,
# relocated into the lab's error region by ghes-inject hest --import) faces the driver of this
# side (ghes_rs on "ras", Linux's C GHES on "reference"). Everything is written as OBS lines
# for the host's diff (lab-compare):
#   OBS source ID KIND: served | refused | not seen     each GHES of the table, walked by
#                                                      Length (/lab/hest-import)
#   OBS probe: MESSAGE                                 the kernel's messages about the HEST
#                                                      and its sources, driver prefix removed
#   OBS deliver ID ...                                 a record through every source the lab
#                                                      can raise: report, read-ack and Block
#                                                      Status, trace events, messages
#   OBS cper NAME ...                                  with lab-cper, each record through the
#                                                      first SCI source, the same way
# A source is "served" when its driver took it: on ghes_rs, listed in its counters and not
# left idle; on the C GHES, its GHES.ID platform device bound. "refused": ghes_rs said
# "refused" or "left idle", or the C GHES's device exists unbound. "not seen": neither.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 30; exit 1; }
. ./report_pace.sh
T=/sys/kernel/tracing
COUNTERS=/sys/kernel/debug/ghes_rs/counters
# Control bytes made visible (FRU text, vendor strings): the console log stays text.
visible() { cat -v 2>/dev/null || cat; }

[ -f /lab/hest-import ] || fail "no /lab/hest-import (lab-hest-import header missing?)"
# ghes_rs (lab-test-loads-module): loading is part of the observation, since it refuses
# to load when no source of the table is usable.
if [ "$LAB_KERNEL" != reference ]; then
	if insmod /lab/offered/ghes_rs.ko 2>/tmp/insmod.err; then
		echo "OBS module: loaded"
	else
		echo "OBS module: not loaded: $(sed 's/^insmod: //; s|/lab/offered/||' /tmp/insmod.err)"
	fi
else
	echo "OBS module: loaded" # Linux's C GHES is built in
fi
echo "vendor table: $(sed -n 's/^.*: \(.*\) imported, .*/\1/p' /lab/hest-import)"

# 1. What the driver made of each GHES of the table.
# The messages about the table and its sources: not the boot's own (command line, _OSC, the
# provider, ghes_rs's pool and its account of the table, which the C GHES does not print),
# nor KUnit's (ghes_rs_kunit.ko is not loaded here; sdei_block_rewritten_while_read would
# scribble an SDEI source's block on purpose: its "record rejected" would be theirs).
probe_messages() {
	dmesg | sed 's/^\[[^]]*\] //' |
		grep -E 'ghes_rs: |GHES|HEST|GSI|GAR|SDEI|sdei|[Hh]ardware error source' |
		grep -vE '^ghes_rs: (source [0-9]+: (GHES|GHESv2) notify=|source [0-9]+: read_ack=|source [0-9]+: .*not a GHES, left to other drivers|HEST: [0-9]+ error source\(s\) declared|handling [0-9]+ error source\(s\)|estatus pool|loading out-of-tree|\[Firmware Warn\]: source [0-9]+: record rejected: error status block declares 65555 bytes)' |
		grep -vE '^ *(#|ok |not ok |KTAP)|^Kernel command line|firmware first mode|GHES provider|GHES is not enabled' |
		sed 's/^ghes_rs: //; s/^\[Firmware Warn\]: GHES: //; s/^GHES: //' | visible
}
verdict() {
	id=$1
	if [ "$LAB_KERNEL" = reference ]; then
		d=/sys/bus/platform/devices/GHES.$id
		if [ -e "$d/driver" ]; then echo served
		elif [ -e "$d" ]; then echo refused
		else echo "not seen"; fi
		return 0
	fi
	if dmesg | grep -qE "ghes_rs: (\[Firmware [A-Za-z]+\]: )?source $id: (refused:|cannot .*left idle)"; then echo refused
	elif grep -q "^source=$id " "$COUNTERS" 2>/dev/null; then echo served
	else echo "not seen"; fi
}
sed -n 's/^subtable at offset [0-9]*: GHES\(v2\)\{0,1\} source \([0-9]*\) (\([^,]*\), .*/\2 \3/p' \
	/lab/hest-import >/tmp/ghes-list
while read -r id kind; do
	echo "OBS source $id $kind: $(verdict "$id")"
done </tmp/ghes-list
probe_messages | sort | sed 's/^/OBS probe: /'

# 2. Records through every source the lab can raise.
for event in arm_event non_standard_event memory_failure_event aer_event; do
	[ ! -e "$T/events/ras/$event/enable" ] || echo 1 >"$T/events/ras/$event/enable"
done
# can_raise: whether the lab can notify the selected source; raise: does it. SPI 202 is the
# GED's interrupt, which notifies the HED (lib/hed_ged.asl). Linux reads GSIV sources on HED
# notifications and never takes their vector (ghes_rs does both), so a GSIV source gets the
# HED notification, and its own SPI too if its vector is one.
spi() { [ "$FW_EXTRA" -ge 32 ] && [ "$FW_EXTRA" -lt 1020 ]; }
can_raise() {
	case "$FW_KIND" in
	polled | sci | gpio | gsiv | sea) return 0 ;;
	external) spi ;;
	*) return 1 ;;
	esac
}
raise() {
	case "$FW_KIND" in
	sci | gpio) fw_raise_gsi 202 ;;
	gsiv) ! spi || fw_raise_gsi "$FW_EXTRA"; fw_raise_gsi 202 ;;
	external) fw_raise_gsi "$FW_EXTRA" ;;
	sea) fw_raise_sea ;;
	esac
}
# inject WHAT FILE CLASS [REPORT]: firmware writes FILE into the selected source and raises
# it; OBS lines say what the kernel did. With REPORT, also whether the report is, line for
# line, the host's prediction.
inject() {
	if ! can_raise; then
		echo "OBS $1 not raised: the lab cannot notify a $FW_KIND source with vector $FW_EXTRA"
		return 0
	fi
	dmesg -c >/dev/null
	echo >"$T/trace"
	pace "$3"
	if ! fw_write_record "$2" >/tmp/fw.out; then
		echo "OBS $1 firmware: $(cat /tmp/fw.out)"
		return 0
	fi
	wait=5
	[ "$FW_KIND" != polled ] || wait=$((FW_EXTRA / 1000 + 5))
	raise
	consumed=yes
	fw_wait_consumed "$wait" || consumed=no
	sleep 0.3
	dmesg | sed 's/^\[[^]]*\] //' >/tmp/msgs
	! grep -q '^{[0-9]*}\[Hardware Error\]: Hardware error from' /tmp/msgs || counted "$3"
	{
		[ "$consumed" = yes ] || echo "ack: not consumed within $wait s"
		sed -n 's/^{[0-9]*}\[Hardware Error\]: /report: /p' /tmp/msgs
		fw_acked && acked=acknowledged || acked="not acknowledged"
		echo "ack: read_ack=$(fw_read_ack) ($acked) block_status=$(fw_block_status)"
		sed -n 's/^.*: \([a-z_]*_event\): /trace: \1: /p' "$T/trace" | sort
		grep -v '^{[0-9]*}\[Hardware Error\]' /tmp/msgs |
			sed 's/^ghes_rs: \(\[Firmware [A-Za-z]*\]: \)\{0,1\}source [0-9]*: /\1/; s/^\(\[Firmware Warn\]: \)GHES: /\1/; s/^/log: /' | sort
	} | visible | sed "s/^/OBS $1 /"
	[ -n "${4:-}" ] || return 0
	sed -n 's/^{[0-9]*}//p' /tmp/msgs | sed 1d >/tmp/report.actual
	if cmp -s /tmp/report.actual "$4"; then
		echo "OBS $1 predicted: yes"
	else
		echo "OBS $1 predicted: no"
		diff "$4" /tmp/report.actual | head -n 6 | visible | sed "s/^/$1 prediction diff: /"
	fi
}
# One corrected memory error per source, each at its own page (mem_ceN, lab-record), so the
# duplicate cache suppresses none.
n=0
if [ -s /lab/firmware-layout ]; then
	while read -r what id kind rest; do
		[ "$what" = source ] || continue
		fw_use_source "$id"
		inject "deliver $id $kind" "mem_ce$n" corrected "mem_ce$n.report"
		n=$((n + 1))
	done </lab/firmware-layout
fi

# 3. Third-party records (lab-cper) through the first SCI source.
if [ -f cper-index ]; then
	id=$(awk '$3 == "sci" { print $2; exit }' /lab/firmware-layout)
	[ -n "$id" ] || fail "no SCI source for the records"
	fw_use_source "$id"
	while read -r name class note; do
		[ -z "$note" ] || echo "OBS cper $name note: $note"
		inject "cper $name" "$name.cper" "$class" "$name.report"
	done <cper-index
fi
echo "vendor table: done on $LAB_KERNEL"
