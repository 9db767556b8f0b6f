#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The body of sei_serror_claimed.sh (SErrors by the hyp stub's virtual SError, QEMU's
# firmware) and sei_serror_claimed_tfa.sh (SErrors taken to EL1 by TF-A at EL3): see their
# headers. Source it after firmware.sh, then: serror_claimed ROUTE, the route lab_serror.ko
# must use (el2 or el3).

fail() { echo "FAIL: $*"; dmesg | tail -n 40; cat /sys/kernel/debug/ghes_rs/counters; exit 1; }
counter() { grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters | tr ' ' '\n' | sed -n "s/^$1=//p"; }
corrupted_kb() { awk '/^HardwareCorrupted:/ { print $2 }' /proc/meminfo; }

# expect_claimed N WHAT: the Nth record since boot was acknowledged and processed (its report
# may be rate-limited: Linux prints two per class every 5 s; the counters say).
expect_claimed() {
	sleep 1
	fw_acked || fail "$2: read-ack is $(fw_read_ack): not acknowledged"
	[ "$(fw_block_status)" = 0x00000000 ] || fail "$2: block_status is $(fw_block_status)"
	[ "$(counter queued)" = "$1" ] && [ "$(counter processed)" = "$1" ] ||
		fail "$2: queued=$(counter queued) processed=$(counter processed), not $1"
	echo "OBS $2: claimed, acknowledged, processed"
}

serror_claimed() {
	route=$1
	fw_expect_serror_route "$route"
	fw_use_kind sei
	echo "SEI source $FW_SOURCE_ID: block $(fw_block_addr)"

	fw_write_record mem_ce.cper || fail "block busy"
	rc=0; fw_raise_serror "$FW_ESR_IMPDEF" 0 || rc=$?
	[ "$rc" = 0 ] || fail "implementation defined: the interrupted task ended with status $rc"
	expect_claimed 1 "implementation defined SError on CPU 0"
	for line in \
		"[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: $FW_SOURCE_ID" \
		'[Hardware Error]: event severity: corrected' \
		'[Hardware Error]:   physical_address: 0x000000007f000000'; do
		dmesg | grep -qF "$line" || fail "report lacks: $line"
	done

	[ "$(corrupted_kb)" = 0 ] || fail "a page is poisoned before the test"
	fw_write_record mem_ue.cper || fail "block busy"
	rc=0; fw_raise_serror "$FW_ESR_CE" 1 || rc=$?
	[ "$rc" = 0 ] || fail "RAS CE: the interrupted task ended with status $rc (SIGBUS is 135): an SError is asynchronous"
	expect_claimed 2 "RAS CE SError on CPU 1, recoverable memory error"
	for line in '[Hardware Error]: event severity: recoverable' \
		'[Hardware Error]:   physical_address: 0x0000000060000000'; do
		dmesg | grep -qF "$line" || fail "report lacks: $line"
	done
	dmesg | grep -E 'Memory failure: 0x60000: ' || fail "memory_failure() did not handle pfn 0x60000"
	if dmesg | grep -iE 'SIGBUS|Killing .* due to hardware memory corruption'; then
		fail "an asynchronous SError's record signalled a task"
	fi
	[ "$(corrupted_kb)" = 4 ] || fail "HardwareCorrupted is $(corrupted_kb) kB, not 4 kB"

	fw_write_record mem_ce2.cper || fail "block busy"
	rc=0; fw_raise_serror "$FW_ESR_UEO" 0 || rc=$?
	[ "$rc" = 0 ] || fail "RAS UEO: the interrupted task ended with status $rc"
	expect_claimed 3 "RAS UEO SError on CPU 0"

	fw_write_record mem_ce3.cper || fail "block busy"
	rc=0; fw_raise_serror "$FW_ESR_IMPDEF" 1 masked || rc=$?
	if [ "$route" = el2 ]; then
		[ "$rc" = 0 ] || fail "masked: the interrupted task ended with status $rc"
		dmesg | grep -F "lab_serror: CPU1: SError pending while PSTATE.A is masked (ISR_EL1.A=1)" ||
			fail "the SError was not pending while PSTATE.A was masked"
		expect_claimed 4 "implementation defined SError on CPU 1 raised under PSTATE.A, taken at unmask"
	else
		# EL3 cannot leave an SError pending for the OS: it refuses, and nothing was taken.
		[ "$rc" = 1 ] || fail "masked: EL3 did not refuse (the writer ended with status $rc)"
		dmesg | grep -F "lab_serror: CPU1: EL3 refused the SError: PSTATE.A is masked" ||
			fail "EL3's refusal under PSTATE.A was not reported"
		[ "$(counter queued)" = 3 ] || fail "an SError refused under PSTATE.A queued a record"
		! fw_acked || fail "the record was acknowledged though no SError was taken"
		echo "OBS implementation defined SError on CPU 1 under PSTATE.A: refused by EL3, nothing taken"
		rc=0; fw_raise_serror "$FW_ESR_IMPDEF" 1 || rc=$?
		[ "$rc" = 0 ] || fail "unmasked again: the interrupted task ended with status $rc"
		expect_claimed 4 "implementation defined SError on CPU 1, raised again with PSTATE.A clear"
	fi

	rc=0; fw_raise_serror "$FW_ESR_CE" 0 || rc=$?
	[ "$rc" = 0 ] || fail "RAS CE without a record: the interrupted task ended with status $rc"
	sleep 1
	[ "$(counter queued)" = 4 ] || fail "an SError without a record queued something"
	echo "OBS RAS CE SError without a record: left to the architecture, which carries on"
	grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters
	echo "PASS ($route): 4 SErrors claimed (implementation defined, CE, UEO, masked), 1 left to the architecture"
}
