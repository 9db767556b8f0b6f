#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras
# lab-timeout: 300
# lab-expect: panic
# lab-firmware: tfa
# lab-hest: sei
# lab-files: lib/firmware.sh lib/serror_uncontained.sh
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x60000000 --error-type 3
# lab-console: [Hardware Error]: event severity: recoverable
# lab-console: [Hardware Error]:   physical_address: 0x0000000060000000
# lab-console: SError Interrupt on CPU1, code 0x00000000be000011 -- SError
# lab-console: Kernel panic - not syncing: Asynchronous SError Interrupt
#
# sei_serror_uncontained_uc.sh with the SError taken from EL3 (Trusted Firmware-A's SiP call,
# tools/firmware/patches/tfa-0002-*) instead of pended by the hyp stub: an SError with the RAS
# syndrome UC (uncontained) after firmware wrote a record into the SEI block: reported,
# acknowledged, never claimed; the architecture panics (lib/serror_uncontained.sh says how).
set -eu
. ./firmware.sh
. ./serror_uncontained.sh
serror_uncontained "$FW_ESR_UC" UC el3
