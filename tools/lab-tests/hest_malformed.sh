#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: polled polled polled polled polled polled gsiv:gsi=200 polled polled polled
# lab-hest-malform: zero-block:2 huge-block:3 gas-space:4 gas-width:5 duplicate-id:6
# lab-hest-malform: overlap:8 disabled:9 truncate
# lab-record: mem_ce.cper memory --severity corrected --pa 0x120000000 --error-type 2
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x120001000 --error-type 3
# lab-record: mem_ce2.cper memory --severity corrected --pa 0x120002000 --error-type 2
#
# Hostile firmware tables (ghes-inject hest --malform): ten new sources, seven of them wrong:
# a zero and a 16 MiB block length, a status register in a non-memory address space and one
# 7 bits wide, a duplicate source id, a status register shared with the previous source, a
# disabled source, and the last subtable cut short. ghes_rs must refuse each bad one with a
# message naming it (the 16 MiB block is capped at 64 KiB, as Linux does, with a warning),
# serve the good ones, and never crash (Linux's HEST parser gives up on the whole table
# here: no GHES source works at all). Each served source then delivers a record.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | grep ghes_rs; exit 1; }
said() { line=$(dmesg | grep -E "ghes_rs: $1" | head -n 1) || fail "no message: $1"; [ -n "$line" ] || fail "no message: $1"; echo "ok: ${line#*] }"; }
reported() { dmesg | grep -cF "[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: $1" || true; }

# Tagged as Linux tags firmware's faults (FW_BUG, FW_WARN), which log checkers look for; a
# source firmware disabled is no fault.
said "\\[Firmware Bug\\]: source 2: refused: GHES source 2: error status block length 0 is less than"
said "\\[Firmware Warn\\]: source 3: GHES source 3: error status block length 16777216 is above 65536; records are read up to 65536 bytes"
said "\\[Firmware Bug\\]: source 4: refused: .* not system memory"
said "\\[Firmware Bug\\]: source 5: refused: .* 7 bits wide, an address register must be 32 or 64"
said "\\[Firmware Warn\\]: source 0: refused: subtable at offset [0-9]+: GHES source id 0 is already used"
said "\\[Firmware Bug\\]: source 8: refused: subtable at offset [0-9]+: its error status address register 0x[0-9a-f]+ is already source 7's"
said "source 9: refused: GHES source 9: disabled by firmware"
said "\\[Firmware Warn\\]: HEST: subtable at offset [0-9]+: GHESv2 source 10 needs 92 bytes but only 80 are left in the table"
said "handling 4 error source\\(s\\)"

# deliver ID RECORD: the served source ID reports RECORD and acknowledges it.
deliver() {
	fw_use_source "$1"
	fw_write_record "$2" || fail "source $1: firmware could not write $2"
	[ "$FW_KIND" != gsiv ] || fw_raise_gsi "$FW_EXTRA"
	fw_wait_consumed || fail "source $1: $2 was not consumed"
	for _ in $(seq 40); do
		[ "$(reported "$1")" = 0 ] || break
		sleep 0.05
	done
	[ "$(reported "$1")" = 1 ] || fail "source $1: reported $(reported "$1") times"
	echo "ok: source $1 ($FW_KIND) delivered $2"
}
deliver 1 mem_ce.cper
deliver 3 mem_ue.cper
deliver 7 mem_ce2.cper
echo "PASS: every malformed source refused by name, the good ones served"
