#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The body of sei_serror_no_record.sh (the hyp stub's virtual SError) and
# sei_serror_no_record_tfa.sh (SErrors taken from EL3 by TF-A): two SErrors with no record in
# the SEI block; see their headers. Source it after firmware.sh, then: serror_no_record ROUTE
# (el2 or el3, the way lab_serror.ko must raise them).

serror_no_record() {
	fw_expect_serror_route "$1"
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
}
