#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 600
# lab-files: lib/firmware.sh
# lab-hest: sea:block=176*300
# lab-record: mem_ce.cper memory --severity corrected --pa 0x100000000 --error-type 2
#
# A big server's HEST: one NOTIFY_SEA source per CPU is common, so QEMU's HEST gets 300 more
# (301 in all, more than ghes_rs's 256-slot base pool). The pool must grow with them: every
# source can hold a record at the same moment, and one SEA reads them all. The guest,
# playing firmware, writes a corrected memory error (outside RAM, so nothing acts) into
# every added source's block, then consumes an unassigned address: one real SEA. Each of
# the 300 records must be read, acknowledged (block_status 0, read-ack 1) and, on ghes_rs,
# queued and processed with nothing dropped (its counters); Linux's C GHES must consume
# them all too. The task that took the SEA queued no recovery, so it dies of SIGBUS.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 20; exit 1; }
COUNTERS=/sys/kernel/debug/ghes_rs/counters

sea_field() { awk -v f="$1=" '$1 == "source" && $3 == "sea" {
	for (i = 4; i <= NF; i++) if (index($i, f) == 1) print substr($i, length(f) + 1) }' \
	/lab/firmware-layout; }
ids=$(awk '$1 == "source" && $3 == "sea" { print $2 }' /lab/firmware-layout)
count=$(echo "$ids" | wc -w)
[ "$count" = 300 ] || fail "$count SEA sources added, not 300"
if [ "$LAB_KERNEL" != reference ]; then
	dmesg | grep -E "ghes_rs: estatus pool: [0-9]+ slots" || fail "no pool line"
	slots=$(dmesg | sed -n 's/.*ghes_rs: estatus pool: \([0-9]*\) slots.*/\1/p')
	[ "$slots" -ge 301 ] || fail "a pool of $slots slots cannot hold a record from each of 301 sources"
fi

# Firmware writes one record into every added source, as QEMU's does: read-ack cleared
# (8 zero bytes), then the record, block_status last; one fwpoke for all 300.
acks=$(sea_field ack)
blocks=$(sea_field block)
head -c 8 /dev/zero >zero8
set -- $blocks
args=
for ack in $acks; do
	args="$args $ack zero8 $1 mem_ce.cper"
	shift
done
fwpoke $args || fail "firmware could not write the records"
full=0
for v in $(fwpoke -r $blocks); do [ $((v & 0xffffffff)) = 0 ] || full=$((full + 1)); done
[ "$full" = 300 ] || fail "$full blocks hold a record, not 300"
echo "firmware wrote $count records"

# One SEA: the handler reads every SEA source.
rc=0
sh -c "devmem $FW_SEA_TRIGGER 32" >/dev/null 2>&1 || rc=$?
echo "the task that took the SEA ended with status $rc"
[ "$rc" = 135 ] || fail "the task did not die of SIGBUS (status $rc)"
sleep 1

# Consumed: block_status (the low 32 bits) 0; acknowledged: read-ack bit 0 set.
unconsumed=0 unacked=0
for v in $(fwpoke -r $blocks); do [ $((v & 0xffffffff)) = 0 ] || unconsumed=$((unconsumed + 1)); done
for v in $(fwpoke -r $acks); do [ $((v & 1)) = 1 ] || unacked=$((unacked + 1)); done
echo "after one SEA: $unconsumed blocks still hold a record, $unacked read-acks not written"
[ "$unconsumed" = 0 ] && [ "$unacked" = 0 ] || fail "not every record was consumed by the one SEA"
echo "ok: all $count records consumed and acknowledged after one SEA"

if [ "$LAB_KERNEL" != reference ]; then
	# Every added source queued and processed exactly its one record; none dropped.
	awk -v want="$ids" '
		BEGIN { n = split(want, list, " "); for (i = 1; i <= n; i++) added[list[i]] = 1 }
		$1 ~ /^source=/ {
			split($1, id, "="); if (!(id[2] in added)) next
			for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
			seen++
			queued += v["queued"]; processed += v["processed"]
			dropped += v["dropped_pool_exhausted"] + v["dropped_malformed"] + \
				v["dropped_too_large"] + v["dropped_after_queue"]
			if (v["queued"] != 1 || v["processed"] != 1) bad++
		}
		END {
			printf "counters: %d sources, queued %d, processed %d, dropped %d\n", \
				seen, queued, processed, dropped
			exit !(seen == n && bad == 0 && dropped == 0)
		}' "$COUNTERS" || fail "not every source queued and processed its one record"
fi
echo "PASS: 300 SEA sources, one record each, all consumed after one SEA"
