#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host side of tools/lab-tests/host_inject.sh (tools/lab "lab-host"): plays the firmware of the
# running guest through QEMU's gdbstub with ghes-inject, as a RAS engineer would from a
# second terminal. Every step checks what the tool reports and how it exits.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tool() { "$GHES_INJECT" "$1" --gdb "$GHES_RS_GDB" --layout "$GHES_RS_LAYOUT" "${@:2}"; }
fail() { echo "FAIL: $*"; exit 1; }
# The tool's error output, kept out of the source tree (the command runs in tools/lab-tests/lib).
err=$(mktemp)
trap 'rm -f "$err"' EXIT
step() { echo "== $*"; }

step "1: a raw CPER file (a corrected memory error) into the polled source"
out=$(tool inject --source 1 --wait 20 "$GHES_RS_RECORDS/host_ce.cper")
echo "$out"
grep -q "^source 1 (polled): wrote [0-9]* bytes at 0x.*; polled every 50 ms" <<<"$out" ||
	fail "inject did not say what it wrote"
grep -q "^source 1: consumed and acknowledged after" <<<"$out" || fail "not consumed"

step "2: a JSON record (ARM TLB error + a vendor section) into the GPIO source, SPI 202"
out=$(tool inject --source 2 --gsi 202 --wait 20 "$here/host_arm_vendor.json")
echo "$out"
grep -q "raised GSI 202 (GICD_ISPENDR at 0x8000218)" <<<"$out" || fail "GSI 202 not raised"
grep -q "^source 2: consumed and acknowledged" <<<"$out" || fail "not consumed"

step "3: typed arguments, written without notifying: the source keeps it unread"
tool inject --source 2 --no-notify raw --size 64 --severity corrected
out=$(tool status --source 2)
echo "$out"
grep -q "block_status=0x00000011 read_ack=0x0$" <<<"$out" || fail "status: $out"

step "4: a second record is refused while the first is unacknowledged (exit 3)"
rc=0
tool inject --source 2 --gsi 202 memory --severity corrected --pa 0x71000000 --error-type 2 2>"$err" || rc=$?
cat "$err"
[ "$rc" = 3 ] || fail "inject over an unacknowledged record exited $rc, not 3"
grep -q "previous record is not acknowledged (read-ack 0x0)" "$err" || fail "no refusal message"

step "5: notify raises the interrupt; the OS consumes and acknowledges the first record"
tool notify --source 2 --gsi 202 --wait 20
out=$(tool status --source 2)
echo "$out"
grep -q "block_status=0x00000000 read_ack=0x1$" <<<"$out" || fail "status: $out"

step "6: mistakes are refused before the guest is touched"
rc=0
tool inject --source 9 "$GHES_RS_RECORDS/host_ce.cper" 2>"$err" || rc=$?
[ "$rc" = 2 ] && grep -q "the layout has no source 9" "$err" || fail "unknown source: $rc $(cat "$err")"
echo "host: done"
