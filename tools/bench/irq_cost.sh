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
#   the driver's own part, its HED notifier (ghes_notify_hed() / ghes_rs_hed_notify()).
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
bench_trace acpi_ged_irq_handler acpi_os_execute_deferred
bench_case hed_ged=acpi_ged_irq_handler,hed_notify_work=acpi_os_execute_deferred - deliver 202
if [ "$side" = ras ]; then
	# The notifier's window holds the irq_work (see hed above); traced alone, the irq_work
	# is a root and shows what of that window is the consumer, after the ack.
	bench_trace ghes_rs_hed_notify
	bench_case hed_driver ghes_rs_hed_notify deliver 202
	bench_trace ghes_rs_irq_work_fn
	bench_case hed_consumer ghes_rs_irq_work_fn deliver 202
else
	bench_trace ghes_notify_hed
	bench_case hed_driver ghes_notify_hed deliver 202
fi
echo nop >"$T/current_tracer"
