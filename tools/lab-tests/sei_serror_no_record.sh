#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-timeout: 240
# lab-expect: panic
# lab-machine: virtualization
# lab-hest: sei
# lab-files: lib/firmware.sh
# lab-console: OBS RAS CE SError without a record: survived
# lab-console: SError Interrupt on CPU0, code 0x00000000bf000000 -- SError
# lab-console: Kernel panic - not syncing: Asynchronous SError Interrupt
#
# SErrors with no record in the SEI block are the architecture's: a RAS CE (contained) is
# survived, an implementation defined one (not architected) panics, on ghes_rs as on Linux's
# C GHES (which has no NOTIFY_SEI: both SErrors go straight to do_serror()'s policy). A
# driver that claimed an SError without a fresh record would hide a real error.
set -eu
. ./firmware.sh
dmesg | grep -F "CPU: All CPU(s) started at EL2" || fw_fail "the kernel did not start at EL2"
fw_use_kind sei
[ "$(fw_block_status)" = 0x00000000 ] || fw_fail "the SEI block holds a record"
rc=0; fw_raise_serror "$FW_ESR_CE" 1 || rc=$?
[ "$rc" = 0 ] || fw_fail "RAS CE without a record: the interrupted task ended with status $rc"
sleep 1
echo "OBS RAS CE SError without a record: survived"
echo "raising an implementation defined SError without a record on CPU 0: the kernel must panic now"
fw_raise_serror "$FW_ESR_IMPDEF" 0 || true
sleep 2
echo "FAIL: still running after an SError nobody claimed"
exit 1
