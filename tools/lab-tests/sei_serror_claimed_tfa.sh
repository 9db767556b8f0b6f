#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras
# lab-timeout: 300
# lab-firmware: tfa
# lab-hest: sei
# lab-files: lib/firmware.sh lib/serror_claimed.sh
# lab-record: mem_ce.cper memory --severity corrected --pa 0x7f000000 --error-type 2
# lab-record: mem_ce2.cper memory --severity corrected --pa 0x7f001000 --error-type 2
# lab-record: mem_ce3.cper memory --severity corrected --pa 0x7f002000 --error-type 2
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x60000000 --error-type 3
#
# sei_serror_claimed.sh's SErrors taken from EL3: each is synthesized by Trusted Firmware-A
# (the lab's SiP call, tools/firmware/patches/tfa-0002-*) into EL1 at once, as EL3 firmware
# reflects an error it handled to the OS, instead of pended by the hyp stub. The same
# records, syndromes and checks (lib/serror_claimed.sh), except under PSTATE.A: EL3 cannot
# leave an SError pending for the OS to take at unmask, so it refuses (nothing is taken, the
# record stays unacknowledged) and the SError is raised again unmasked.
set -eu
. ./firmware.sh
. ./serror_claimed.sh
serror_claimed el3
