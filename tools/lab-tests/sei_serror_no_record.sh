#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 240
# lab-expect: panic
# lab-machine: virtualization
# lab-hest: sei
# lab-files: lib/firmware.sh lib/serror_no_record.sh
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
. ./serror_no_record.sh
serror_no_record el2
