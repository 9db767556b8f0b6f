#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 300
# lab-expect: panic
# lab-firmware: tfa
# lab-hest: sei
# lab-files: lib/firmware.sh lib/serror_no_record.sh
# lab-console: OBS RAS CE SError without a record: survived
# lab-console: SError Interrupt on CPU0, code 0x00000000bf000000 -- SError
# lab-console: Kernel panic - not syncing: Asynchronous SError Interrupt
#
# sei_serror_no_record.sh with the SErrors taken from EL3 (Trusted Firmware-A's SiP call,
# tools/firmware/patches/tfa-0002-*) instead of pended by the hyp stub.
# SErrors with no record in the SEI block are the architecture's: a RAS CE (contained) is
# survived, an implementation defined one (not architected) panics, on ghes_rs as on Linux's
# C GHES (which has no NOTIFY_SEI: both SErrors go straight to do_serror()'s policy). A
# driver that claimed an SError without a fresh record would hide a real error.
set -eu
. ./firmware.sh
. ./serror_no_record.sh
serror_no_record el3
