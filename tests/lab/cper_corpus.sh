#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 600
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=20
# lab-corpus:
#
# Exactness of the reports, record by record, on ghes_rs and on Linux's C GHES: every record
# of the CPER corpus (tools/ghes-inject corpus: every section type and the validation-bit
# combinations the printer branches on, multi-section records) is written into a polled
# source; the lines the kernel prints for it, in order, after its {seq} prefix, must be
# exactly the lines Linux's cper.c / cper-arm.c print (NAME.report, from the portable
# printer). Both kernels pass the same comparison, so their reports are identical.
# Linux prints at most 2 reports per 5 s per class (corrected / uncorrected): the records are
# paced to stay inside that limit, so none is suppressed. (Linux polls about once a second
# whatever the poll interval: round_jiffies_relative() of an absolute time.)
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; exit 1; }
centis() { cut -d' ' -f1 /proc/uptime | tr -d .; }

fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
id=$FW_SOURCE_ID
header="[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: $id"

# pace CLASS: wait until the kernel's rate limit of CLASS allows another report. Linux's
# window opens at the first report printed in it, so it is timed from when a report was
# seen (counted), never from when a record was written (a poll may come a second later).
pace() {
	eval "count=\${count_$1:-0} start=\${start_$1:-0}"
	[ "$count" -ge 2 ] || return 0
	left=$((start + 530 - $(centis)))
	[ "$left" -le 0 ] || sleep "$((left / 100)).$(printf '%02d' $((left % 100)))"
	eval "count_$1=0"
}

# counted CLASS: a report of CLASS was just seen.
counted() {
	eval "count=\${count_$1:-0}"
	[ "$count" -gt 0 ] || eval "start_$1=$(centis)"
	eval "count_$1=$((count + 1))"
}

# deliver NAME: firmware writes NAME.cper; the report must be NAME.report, line for line.
deliver() {
	dmesg -c >/dev/null
	fw_write_record "$1.cper" || fail "$1: firmware could not write the record"
	fw_wait_consumed 5 || fail "$1: the record was not consumed"
	for _ in $(seq 40); do
		dmesg | grep -qF "$header" && break
		sleep 0.05
	done
	seq=$(dmesg | sed -n "s/^\[[^]]*\] {\([0-9]*\)}$(echo "$header" | sed 's/[][]/\\&/g')\$/\1/p" | tail -n 1)
	[ -n "$seq" ] || fail "$1: no report (rate-limited or lost)"
	sleep 0.1
	dmesg | sed -n "s/^\[[^]]*\] {$seq}//p" | sed 1d >"/tmp/$1.actual"
	if ! cmp -s "/tmp/$1.actual" "$1.report"; then
		echo "$1: the report differs from Linux's (- expected, + printed):"
		diff "$1.report" "/tmp/$1.actual" | head -n 20
		exit 1
	fi
	echo "ok: $1 ($(wc -l <"$1.report") lines)"
}

# Corrected and uncorrected records interleaved, two of each per rate-limit window.
grep ' corrected$' index | cut -d' ' -f1 >/tmp/corrected
grep ' uncorrected$' index | cut -d' ' -f1 >/tmp/uncorrected
n=0
while :; do
	c=$(sed -n "$((n + 1))p" /tmp/corrected)
	u=$(sed -n "$((n + 1))p" /tmp/uncorrected)
	[ -n "$c$u" ] || break
	[ -z "$c" ] || { pace corrected; deliver "$c"; counted corrected; }
	[ -z "$u" ] || { pace uncorrected; deliver "$u"; counted uncorrected; }
	n=$((n + 1))
done
total=$(wc -l <index)
echo "PASS: $total corpus records reported exactly as Linux prints them ($LAB_KERNEL)"
