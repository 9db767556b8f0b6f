#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-files: ../../tools/lab-tests/lib/firmware.sh
# lab-hest: polled:interval=50
# lab-einj:
# lab-corpus:
# lab-record: mem_ce.cper memory --severity corrected --pa 0 --error-type 2
# lab-record: mem_ue.cper memory --severity recoverable --pa 0 --error-type 3
#
# The demo scenario `make demo` runs in the lab guest (tools/demo): QEMU's RAS machine, the
# guest playing the platform firmware behind an EINJ table, Linux's own EINJ driver asked for
# errors the way RAS engineers do, and ghes_rs handling what firmware reports.
set -eu
. ./firmware.sh
E=/sys/kernel/debug/apei/einj
step() { printf '\n### %s\n' "$*"; }
why() { printf '    -> %s\n' "$*"; }
# reports: what the kernel said since the last call (the report, memory_failure()'s lines).
reports() { dmesg -c | grep -E '\[Hardware Error\]|Memory failure|ghes_rs: source' | sed 's/^\[[^]]*\] //'; }
inject() { # TYPE [ADDRESS]: the EINJ debugfs sequence, from CPU 0 (the firmware has CPU 1)
	echo "$1" >"$E/error_type"
	if [ -n "${2:-}" ]; then
		echo 0x2 >"$E/flags" && echo "$2" >"$E/param1" && echo 0xfffffffffffff000 >"$E/param2"
	else
		echo 0 >"$E/flags"
	fi
	echo 1 >"$E/notrigger"
	echo "# echo $1 > error_type${2:+; echo $2 > param1}; echo 1 > error_inject"
	taskset 1 sh -c "echo 1 >$E/error_inject"
	fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
	fw_wait_consumed 5
	sleep 0.3
}

step "1. The platform's error sources (ACPI HEST) and its error injection table (EINJ)"
dmesg | grep -E 'ACPI: (HEST|EINJ) 0x|EINJ: Error INJection' | sed 's/^\[[^]]*\] //'
dmesg | grep 'ghes_rs:' | grep -v 'KTAP\|ok ' | sed 's/^\[[^]]*\] //'
why "ghes_rs.ko took every GHES source the HEST describes: QEMU's SEA source and a polled one"

step "2. The firmware starts (einj-fw), and Linux's EINJ driver offers its error types"
mailbox=$(sed -n 's/^einj mailbox=\(0x[0-9a-f]*\).*/\1/p' /lab/firmware-layout)
fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
polled="$FW_STATUS_REG ${FW_ACK_REG:-0}"
fw_find_ghes 8
cat >routes <<ROUTES
0x8 mem_ce.cper $polled 0
0x10 mem_ue.cper $FW_STATUS_REG ${FW_ACK_REG:-0} 0
0x2 25-arm-cache-pa.cper $polled 0
0x40 34-pcie-all-fields-endpoint-corrected.cper $polled 0
ROUTES
einj-fw "$mailbox" "$(fw_gicd_base)" routes &
sleep 0.5
cat "$E/available_error_type"
why "the standard /sys/kernel/debug/apei/einj workflow works, served by the lab's firmware"
dmesg -c >/dev/null

step "3. A corrected memory error at 0x50000000 (EINJ type 0x8)"
before=$(awk '/^HardwareCorrupted:/ { print $2 }' /proc/meminfo)
inject 0x8 0x50000000
reports
grep HardwareCorrupted /proc/meminfo
why "reported in Linux's cper.c words; a corrected error leaves every page alone ($before kB before)"

step "4. An uncorrectable memory error in a process's own page, which then consumes it"
mce-victim einj "$FW_SEA_TRIGGER" || true
reports
grep HardwareCorrupted /proc/meminfo
why "a real SEA; memory_failure() ran in the task before it returned: SIGBUS BUS_MCEERR_AR at its page, 4 kB poisoned"

step "5. A processor error (EINJ type 0x2): an ARM cache error"
inject 0x2
reports
why "decoded as cper-arm.c prints it; its physical address is not RAM here, so it is reported, not offlined"

step "6. A PCIe error (EINJ type 0x40)"
inject 0x40
reports
why "the PCIe section decoded as Linux prints it"

step "7. What ghes_rs counted (/sys/kernel/debug/ghes_rs/counters)"
cat /sys/kernel/debug/ghes_rs/counters
why "every record processed or counted as dropped, with the reason, per source"

step "8. ghes_rs unloads cleanly"
kill %1 2>/dev/null || true
rmmod ghes_rs
dmesg | grep 'ghes_rs: unloaded' | sed 's/^\[[^]]*\] //'
echo
echo "demo: done"
