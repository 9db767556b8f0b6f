#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 300
# lab-hest: sei sdei:event=100 sdei:event=101 sdei:event=102 gpio sci polled:interval=60000
# lab-ktap: ghes_rs_notify
# lab-kunit:
#
# The notification kinds QEMU cannot raise. QEMU's HEST is upgraded with an SEI source, three
# SDEI sources (events 100 to 102) and a GPIO and an SCI source. The KUnit suite
# ghes_rs_notify (ghes/notify_kunit.c), run by loading the suites' module ghes_rs_kunit.ko
# with the lab's opt-in kunit_lab_firmware=1, wrote records
# into the SEI and SDEI blocks as firmware would and entered the real handlers under
# nmi_enter(): SEI claimed under a firmware syndrome and left alone without a record, an SDEI
# critical event interrupting a normal one while it holds its slot, SDEI events on both
# CPUs at once, and a storm of 10,000+ records (SDEI normal on one CPU, SEI on the other,
# SDEI critical interrupting both mid-read, the pool exhausted again and again), firmware
# rewriting a block while it is read (refused and counted), and an SEA interrupting a polled
# source's read (a polled source polled once a minute, so only the suite reads it). Its KTAP output is parsed on the host by the kernel tree's kunit.py.
# Here: QEMU has no SDEI firmware, so the events cannot be registered; ghes_rs says so and
# serves every other source (GPIO and SCI through the Hardware Error Device notifier).
set -eu
fail() { echo "FAIL: $*"; dmesg | grep ghes_rs | tail -n 20; cat /sys/kernel/debug/ghes_rs/counters; exit 1; }
counter() { grep " notify=$1 " /sys/kernel/debug/ghes_rs/counters | sed -n "${3:-1}p" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

insmod /lab/ghes_rs_kunit.ko kunit_lab_firmware=1

dmesg | grep -E '^\[ *[0-9.]+\] +(KTAP|#|ok|not ok|[0-9]+\.\.)' | sed 's/^\[ *[0-9.]*\] //' || true
dmesg | grep -qE 'ok [0-9]+ ghes_rs_notify$' || fail "suite ghes_rs_notify did not pass"
if dmesg | grep -E 'not ok [0-9]+ |# SKIP'; then fail "a KUnit case failed or was skipped"; fi

dmesg | grep -F "ghes_rs: handling 8 error source(s)" || fail "ghes_rs does not handle all 8 sources"
for event in 100 101 102; do
	dmesg | grep -E "ghes_rs: source [0-9]+: cannot register SDEI event $event: error -5 \(no SDEI firmware\?\); source left idle" ||
		fail "no clear message for SDEI event $event"
done
cat /sys/kernel/debug/ghes_rs/counters
# What the suite delivered is in the counters: for each SEI and SDEI source, every record
# queued was processed or, the one firmware tore while it was read, refused after queueing
# (the suite checked the exact numbers).
[ "$(counter SEI queued)" = "$(counter SEI processed)" ] || fail "SEI: queued != processed"
[ "$(counter SEI processed)" -gt 3000 ] || fail "SEI: the storm did not reach it"
for n in 1 2 3; do
	[ "$(counter SDEI processed $n)" -gt 1 ] || fail "SDEI source $n: no records processed"
	[ "$(counter SDEI queued $n)" = $(($(counter SDEI processed $n) + $(counter SDEI dropped_after_queue $n))) ] ||
		fail "SDEI source $n: queued != processed + dropped after queue"
done
echo "PASS: SEI and SDEI handlers in NMI context; GPIO/SCI/SDEI sources probed"
