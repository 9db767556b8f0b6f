#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host side of tools/lab-tests/host_inject_firmware.sh (tools/lab "lab-host", lab-firmware
# tfa): writes records with ghes-inject through QEMU's gdbstub and has the firmware raise each
# sdei or sei source's notification on a chosen CPU through its doorbell (GHES_RS_DOORBELL),
# as a BMC would. Every step checks what the tool reports and how it exits.
set -euo pipefail
tool() { "$GHES_INJECT" "$1" --gdb "$GHES_RS_GDB" --layout "$GHES_RS_LAYOUT" "${@:2}"; }
fail() { echo "FAIL: $*"; exit 1; }
step() { echo "== $*"; }
source_of() { awk -v k="$1" -v e="$2" '$1 == "source" && $3 == k && (e == "" || $8 == "extra=" e) { print $2; exit }' "$GHES_RS_LAYOUT"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "${GHES_RS_DOORBELL:-}" ] || fail "no GHES_RS_DOORBELL (not a lab-firmware tfa run?)"

# arm_record NAME MPIDR: a corrected ARM processor error naming MPIDR.
arm_record() {
	cat >"$tmp/$1.json" <<JSON
{ "severity": "corrected",
  "sections": [
    { "type": "arm", "mpidr": "$2", "midr": "0x410fd4f1", "affinity_level": 0,
      "running_state": 1, "psci_state": 0,
      "errors": [ { "kind": "tlb", "error_info": "0x400003", "va": "0xffff800012345000",
                    "flags": 3 } ] } ] }
JSON
	echo "$tmp/$1.json"
}
normal=$(source_of sdei 512)
critical=$(source_of sdei 513)
sei=$(source_of sei "")

# raise_sdei SOURCE EVENT CPU MPIDR NAME: an ARM record naming MPIDR into SOURCE, then EVENT
# raised on CPU by the firmware, from the host; the OS must consume and acknowledge it.
raise_sdei() {
	out=$(tool inject --source "$1" --cpu "$3" --wait 20 "$(arm_record "$5" "$4")")
	echo "$out"
	grep -qF "the firmware raised SDEI event $2 on CPU $3 (ok sdei $2 cpu $3)" <<<"$out" ||
		fail "the firmware did not raise event $2 on CPU $3"
	grep -q "^source $1: consumed and acknowledged" <<<"$out" || fail "not consumed"
}

step "1: a record into the SDEI normal source, event 0x200 raised on CPU 1"
raise_sdei "$normal" 0x200 1 0x80000001 normal

step "2: a record into the SDEI critical source, event 0x201 raised on CPU 0"
raise_sdei "$critical" 0x201 0 0x80000000 critical

step "3: a CPU the machine does not have: the firmware refuses (exit 3)"
rc=0
tool notify --source "$critical" --cpu 5 2>"$tmp/err" || rc=$?
cat "$tmp/err"
[ "$rc" = 3 ] || fail "notify on CPU 5 exited $rc, not 3"
grep -qF "the firmware refused SDEI event 0x201 on CPU 5: sdei 0x201 cpu 5: no such CPU, or it is off" \
	"$tmp/err" || fail "no refusal message"

step "4: a record into the SEI source, an SError with a RAS UEO syndrome on CPU 1"
# Linux prints two corrected reports per 5 s (ghes_print_estatus()'s ratelimit): this third
# one would be counted but not printed.
sleep 5
rc=0
out=$(tool inject --source "$sei" --cpu 1 --esr 0xbe000811 --wait 5 \
	"$(arm_record sei 0x80000101)" 2>"$tmp/err") || rc=$?
echo "$out"
cat "$tmp/err"
# EL3 refuses while CPU 1 has PSTATE.A masked (the kernel, between its exception entry and
# unmasking; the spinning task is at EL0 nearly always, not always): the record stays and a
# RAS agent asks again, as the tool says.
tries=20
while [ "$rc" = 3 ] && grep -q "PSTATE.A is masked there" "$tmp/err" && [ "$tries" -gt 0 ]; do
	tries=$((tries - 1))
	sleep 0.2
	rc=0
	out=$(tool notify --source "$sei" --cpu 1 --esr 0xbe000811 --wait 5 2>"$tmp/err") || rc=$?
	echo "$out"
	cat "$tmp/err"
done
grep -qE "the firmware raised an SError \(ESR 0xbe000811\) on CPU 1 \(ok serror 0xbe000811 cpu 1 from EL[01]\)" \
	<<<"$out" || fail "the firmware did not take the SError on CPU 1"
echo "host: the SError interrupted $(grep -o 'from EL[01]' <<<"$out" | cut -c6-) on CPU 1"
# Consumed on ghes_rs (0); not on Linux's C GHES, which has no NOTIFY_SEI (4): the guest says.
case $rc in
0) echo "host: the SEI record was consumed" ;;
4) echo "host: the SEI record was not consumed" ;;
*) fail "inject exited $rc" ;;
esac
echo "host: done"
