#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-timeout: 900
# lab-icount: shift=0,sleep=off
# lab-files: ../lab-tests/lib/firmware.sh bench_lib.sh
# lab-hest: external:gsi=200 polled:interval=100 gpio
# lab-ssdt: ../lab-tests/lib/hed_ged.asl
# lab-record: rec1k.cper raw --size 932 --severity corrected
#
# make bench, in the guest: the paths that are not NMI-like, each record (1 KiB) written
# 11 s (guest time) after the last, so neither driver's duplicate cache or rate limit skips
# its print.
# - poll: a polled source's timer (100 ms), ghes_poll_func() / ghes_rs_poll_fn() with their
#   re-arming: finding the block empty (poll_idle), and the call that finds the record
#   (poll_rec, the round's longest: every other poll found the block empty). The C GHES
#   reads, prints, traces and acknowledges there; ghes_rs reads, acknowledges and queues,
#   and its irq_work does the rest, inside the same window (interrupts are enabled in the
#   timer, so the self-IPI it raises lands at once).
# - irq (ghes_rs only): an external-interrupt source (SPI 200, made pending in the GIC
#   distributor), ghes_rs_gsi_handler() and its irq_work. Linux's C GHES cannot take the
#   interrupt on arm64 ("Failed to map GSI to IRQ" at probe: the GSI is not registered
#   yet), so it has no such path to compare with.
# - hed: a GPIO-signalled source (SPI 202, whose Generic Event Device (lib/hed_ged.asl)
#   runs _EVT, which notifies the HED): the shared ACPI part is the GED's threaded handler
#   plus the ACPI notify work (acpi_ged_irq_handler(), acpi_os_execute_deferred()) minus
#   the driver's own part, its HED notifier (ghes_notify_hed() / ghes_rs_hed_notify()),
#   traced inside the work in the same round.
#   The C GHES prints before it acknowledges; ghes_rs acknowledges, queues, and its irq_work
#   (the self-IPI lands inside the notifier, interrupts being enabled) prints: hed_consumer
#   is that irq_work alone, so the notifier-to-ack part is hed_driver - hed_consumer.
set -eu
. ./firmware.sh
. ./bench_lib.sh
side=$(bench_side)
source_of() { awk -v kind="$1" '$3 == kind { print $2; exit }' /lab/firmware-layout; }
echo "BENCH-SIDE $side"

# deliver HOW: a record, 11 s after the last, delivered by HOW (a GSI to raise, or "poll").
deliver() {
	sleep 11
	fw_write_record rec1k.cper >/dev/null
	[ "$1" = poll ] || fw_raise_gsi "$1"
	# Idle while the OS works: a busy shell on the other vCPU would take turns inside the
	# measured window (QEMU runs one vCPU at a time under icount).
	sleep 1
	fw_wait_consumed 5 || echo "BENCH-ERROR record ($1) not consumed"
}

fw_use_source "$(source_of polled)"
if [ "$side" = ras ]; then
	bench_trace ghes_rs_poll_fn
	bench_case poll_idle ghes_rs_poll_fn sleep 1
	bench_case poll_rec ^ghes_rs_poll_fn deliver poll
	fw_use_source "$(source_of external)"
	bench_trace ghes_rs_gsi_handler ghes_rs_irq_work_fn
	bench_case irq_rec=ghes_rs_gsi_handler,irq_consumer=ghes_rs_irq_work_fn - deliver 200
else
	bench_trace ghes_poll_func
	bench_case poll_idle ghes_poll_func sleep 1
	bench_case poll_rec=^ghes_poll_func - deliver poll
fi

fw_use_source "$(source_of gpio)"
if [ "$side" = ras ]; then
	hed_fn=ghes_rs_hed_notify
else
	hed_fn=ghes_notify_hed
fi
# One round: the GED handler and the notify work, with the driver's notifier traced inside
# the work: the shared part is both windows minus the notifier's (and the nested call's
# tracer cost, tracer_nested from sea_cost.sh), in the same round.
bench_trace_nested acpi_os_execute_deferred "$hed_fn"
echo acpi_ged_irq_handler >>"$T/set_ftrace_filter"
echo acpi_ged_irq_handler >>"$T/set_graph_function"
b_round=0
while [ "$b_round" -lt "$ROUNDS" ]; do
	echo >"$T/trace"
	deliver 202
	ged=$(bench_first acpi_ged_irq_handler)
	set -- $(bench_nested acpi_os_execute_deferred "$hed_fn")
	if [ -n "$ged" ] && [ "${2:-0}" -gt 0 ]; then
		echo "BENCH hed_ged $ged"
		echo "BENCH hed_work $1"
		echo "BENCH hed_driver $2"
		echo "BENCH hed_round_shared $((ged + $1 - $2))"
	else
		echo "BENCH-MISS hed"
	fi
	b_round=$((b_round + 1))
done
if [ "$side" = ras ]; then
	# The irq_work the notifier queues runs inside its window (the self-IPI lands as soon
	# as it is raised, interrupts being enabled): traced inside the notifier, in the same
	# round, it shows what of that window is the consumer, after the ack.
	bench_trace_nested ghes_rs_hed_notify ghes_rs_irq_work_fn
	b_round=0
	while [ "$b_round" -lt "$ROUNDS" ]; do
		echo >"$T/trace"
		deliver 202
		set -- $(bench_nested ghes_rs_hed_notify ghes_rs_irq_work_fn)
		if [ "${2:-0}" -gt 0 ]; then
			echo "BENCH hed_consumer $2"
			echo "BENCH hed_round_to_ack $(($1 - $2))"
		else
			echo "BENCH-MISS hed_consumer"
		fi
		b_round=$((b_round + 1))
	done
fi
echo nop >"$T/current_tracer"
