#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 900
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=10 gsiv:gsi=200
# lab-record: mem_ce.cper memory --severity corrected --pa 0x120000000 --error-type 2
# lab-record: mem_ce2.cper memory --severity corrected --pa 0x120001000 --error-type 2
# lab-record: mem_ce3.cper memory --severity corrected --pa 0x120002000 --error-type 2
#
# 100 unload/load cycles of ghes_rs while firmware keeps injecting: records into a polled
# and a GSIV source (its interrupt raised each time) and into QEMU's SEA source, each
# followed by a real SEA (unclaimed while ghes_rs is out: the reader gets SIGBUS and the
# record waits for the next probe). No
# oops, no KASAN report, no use after free (the lab fails on any), no timer or irq_work
# left behind (injections continue after the last unload), and, on the debug kernel, no
# kmemleak report that involves ghes_rs.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; exit 1; }
CYCLES=100

polled=$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)
gsiv=$(awk '$3 == "gsiv" { print $2 }' /lab/firmware-layout)

# The injector: a separate process, firmware that never stops.
(
	set +e
	while :; do
		fw_use_source "$polled"
		fw_write_record mem_ce.cper >/dev/null 2>&1
		fw_use_source "$gsiv"
		fw_write_record mem_ce2.cper >/dev/null 2>&1 && fw_raise_gsi 200
		fw_find_ghes 8
		fw_write_record mem_ce3.cper >/dev/null 2>&1
		fw_raise_sea
	done
) &
injector=$!

loaded=0
for i in $(seq $CYCLES); do
	# A synchronous error's task_work holds a module reference until it has run: retry.
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		rmmod ghes_rs 2>/dev/null && break
		sleep 0.1
	done
	grep -q '^ghes_rs ' /proc/modules && fail "cycle $i: ghes_rs would not unload"
	insmod /lab/ghes_rs.ko || fail "cycle $i: insmod failed"
	loaded=$((loaded + 1))
done
echo "ok: $loaded unload/load cycles under injection"
grep -E '^(pool|source=)' /sys/kernel/debug/ghes_rs/counters
rmmod ghes_rs || { sleep 1; rmmod ghes_rs; } || fail "final unload failed"
sleep 1 # injections continue with the module gone: any timer or irq_work left would fire
kill "$injector"
wait "$injector" 2>/dev/null || true

if [ -e /sys/kernel/debug/kmemleak ]; then
	echo scan >/sys/kernel/debug/kmemleak
	sleep 1
	echo scan >/sys/kernel/debug/kmemleak
	leaks=$(grep -c 'unreferenced object' /sys/kernel/debug/kmemleak || true)
	echo "kmemleak: $leaks unreferenced object(s) in all"
	if grep -A 30 'unreferenced object' /sys/kernel/debug/kmemleak | grep -q 'ghes_rs'; then
		grep -B 5 -A 30 ghes_rs /sys/kernel/debug/kmemleak | head -n 60
		fail "kmemleak reports memory leaked by ghes_rs"
	fi
	echo "ok: kmemleak reports nothing from ghes_rs"
fi
echo "PASS: $CYCLES cycles, no leak, nothing left behind"
