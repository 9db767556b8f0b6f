#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 240
# lab-machine: virtualization
# lab-hest: sei
# lab-files: lib/firmware.sh lib/serror_claimed.sh
# lab-record: mem_ce.cper memory --severity corrected --pa 0x7f000000 --error-type 2
# lab-record: mem_ce2.cper memory --severity corrected --pa 0x7f001000 --error-type 2
# lab-record: mem_ce3.cper memory --severity corrected --pa 0x7f002000 --error-type 2
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x60000000 --error-type 3
#
# NOTIFY_SEI through real SErrors (lab_serror.ko pends a virtual SError with the chosen
# syndrome; do_serror() takes it in NMI context, in the context of the task that was running)
# that ghes_rs claims: firmware wrote a record into the SEI source's block first.
#  - implementation defined (IDS): arm64 calls it "not architected" and would panic; the
#    fresh record claims it;
#  - RAS CE, with a recoverable memory error: contained; asynchronous: the interrupted task
#    gets no SIGBUS, the page is still poisoned by memory_failure() (not action-required);
#  - RAS UEO: contained, claimed;
#  - implementation defined again, raised while PSTATE.A is masked: pending (ISR_EL1.A),
#    taken and claimed once the module unmasks it;
#  - RAS CE without a record: not claimed, left to the architecture, which carries on.
# Each record (a different one each time: the duplicate cache would not print a repeat) is
# reported, acknowledged (read-ack 1, block_status 0) and counted.
set -eu
. ./firmware.sh
. ./serror_claimed.sh
serror_claimed el2
