#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-timeout: 900
# lab-firmware: tfa
# lab-icount: shift=0,sleep=off
# lab-files: ../lab-tests/lib/firmware.sh bench_lib.sh
# lab-hest: sdei:event=512 sdei:event=513
# lab-record: rec92.cper raw --size 0 --severity corrected
# lab-record: rec1k.cper raw --size 932 --severity corrected
#
# make bench, in the guest, on the lab's Trusted Firmware-A (tools/lab --firmware tfa): real
# SDEI events delivered by TF-A's dispatcher at EL3, each through its own GHESv2 source
# added to QEMU's HEST: 0x200 (512), of normal priority, dispatched explicitly, and 0x201
# (513), of critical priority, bound to a secure SGI (Documentation/lab.md, "Firmware").
# Per priority, the driver's callback (bench_lib.sh bench_sdei_fn) with its source's block
# empty (idle) and with a 1 KiB record (932 bytes of payload, as sea_cost.sh's), a new one
# each round, 11 s of guest time after the last, which is a 92-byte record delivered out of
# the round (bench_sdei_record: the C GHES's duplicate check compares a record with the
# last it printed, in the callback). Each event is delivered on CPU 0, asked
# from CPU 0 (bench_sdei_raise). The tracer's cost is calibrated on this boot too (on the
# reference side, bench_calibrate: the same SEA calibration as sea_cost.sh's, which the tfa
# firmware raises as well).
set -eu
. ./firmware.sh
. ./bench_lib.sh
fw_sdei_load
echo "BENCH-SIDE $(bench_side) sdei"
bench_calibrate
bench_sdei normal "$FW_SDEI_NORMAL" rec1k.cper
bench_sdei critical "$FW_SDEI_CRITICAL" rec1k.cper
echo nop >"$T/current_tracer"
