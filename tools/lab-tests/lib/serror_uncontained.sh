#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The body of the sei_serror_uncontained_*.sh tests: firmware writes a recoverable memory
# error into the SEI source's block, then CPU 1 takes a real SError whose RAS syndrome says
# the error was not contained. arm64 classifies it as uncontained and passes that to ghes_rs,
# which must report the record (KERN_EMERG) and acknowledge it without claiming the SError;
# do_serror() then panics as it would without a GHES driver ("Asynchronous SError
# Interrupt"), not ghes_rs ("GHES: Fatal hardware error": the record is only recoverable).
# The host checks the console (lab-console): the guest does not outlive the SError.
#
# Source it after firmware.sh, then: serror_uncontained ESR NAME [ROUTE], ROUTE the way
# lab_serror.ko must raise the SError (el2, the default: the hyp stub; el3: TF-A).

serror_uncontained() {
	fw_expect_serror_route "${3:-el2}"
	fw_use_kind sei
	fw_serror_ready
	fw_write_record mem_ue.cper || fw_fail "block busy"
	echo "raising an uncontained ($2) SError on CPU 1 after a recoverable record: the kernel must panic now"
	fw_raise_serror "$1" 1 || true
	sleep 2
	echo "FAIL: still running after an uncontained SError"
	exit 1
}
