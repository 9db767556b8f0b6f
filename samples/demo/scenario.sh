#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-files: ../../tools/lab-tests/lib/firmware.sh narration.sh
# lab-hest: polled:interval=50
# lab-einj:
# lab-corpus:
# lab-record: mem_ce.cper memory --severity corrected --pa 0 --error-type 2
# lab-record: mem_ue.cper memory --severity recoverable --pa 0 --error-type 3
#
# The demo scenario `make demo` runs in the lab guest (tools/demo): QEMU's RAS machine, the
# guest playing the platform firmware behind an EINJ table, Linux's own EINJ driver asked for
# errors the way RAS engineers do, and the GHES driver handling what firmware reports:
# ghes_rs on the ras side, Linux's C GHES on the reference side (tools/demo --compare).
#
# The narration, the measurements and the closing table are narration.sh's.
set -eu
. ./narration.sh
E=/sys/kernel/debug/apei/einj

inject() { # TYPE [ADDRESS]: the EINJ debugfs sequence, from CPU 0 (the firmware has CPU 1)
	echo "$1" >"$E/error_type"
	if [ -n "${2:-}" ]; then
		echo 0x2 >"$E/flags" && echo "$2" >"$E/param1" && echo 0xfffffffffffff000 >"$E/param2"
	else
		echo 0 >"$E/flags"
	fi
	echo 1 >"$E/notrigger"
	say "  \$ cd $E; echo $1 > error_type;${2:+ echo 0x2 > flags; echo $2 > param1;} echo 1 > error_inject"
	taskset 1 sh -c "echo 1 >$E/error_inject"
	fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
	fw_wait_consumed 5
}

if [ "$LAB_KERNEL" = reference ]; then
	DRIVER="Linux's C GHES (built in)"
else
	DRIVER="ghes_rs.ko (ghes.disable=1: the built-in C GHES stands aside)"
fi
say "ghes-rs demo: firmware-first RAS on arm64 under QEMU (virt,ras=on, $(uname -r))"
say "The GHES driver is $DRIVER."

step "1. The platform's error sources (ACPI HEST) and error injection table (EINJ)"
dmesg | sed 's/^\[[^]]*\] //' | grep -E '^ACPI: (HEST|EINJ) 0x|^EINJ: |^GHES: |^APEI: |^ghes_rs: ' |
	grep -v 'taints kernel' | show
if [ "$LAB_KERNEL" = reference ]; then
	say "  \$ ls /sys/bus/platform/drivers/GHES   # the C GHES prints nothing per source"
	ls /sys/bus/platform/drivers/GHES | grep '^GHES' | show
fi
say "  (GHES: and APEI: lines: the built-in driver standing aside, or serving; \"Failed to enable"
say "   APEI firmware first mode\": QEMU's firmware has no WHEA _OSC to grant it)"
proves "the driver took every GHES source the HEST describes: QEMU's SEA source and a polled one"
kmsg_new

step "2. The firmware (einj-fw) starts; Linux's EINJ driver offers its error types"
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
einj-fw "$mailbox" "$(fw_gicd_base)" routes >einj-fw.log 2>&1 &
FW_PID=$!
sleep 0.5
show <einj-fw.log
say "  \$ cat $E/available_error_type"
show <"$E/available_error_type"
proves "the standard /sys/kernel/debug/apei/einj workflow works, served by the lab's firmware"
kmsg_new

step "3. A corrected memory error at 0x50000000 (EINJ type 0x8)"
begin
inject 0x8 0x50000000
end "EINJ 0x8; memory CE; at 0x50000000"
claim "a report from the polled source" [ "$SRC_NOTIFY" = polled ]
claim "acknowledged (read-ack set, block status 0)" [ "$ACKED" = yes ]
claim "no page poisoned" [ "$POISONED" = 0 ]
proves "a corrected error is reported in Linux's cper.c words and acknowledged; no page is touched"

step "4. An uncorrectable memory error in a process's own page, which the process then reads"
begin
say "  \$ mce-victim einj $FW_SEA_TRIGGER   # maps a page, asks EINJ for type 0x10 at it, reads it"
mce-victim einj "$FW_SEA_TRIGGER" >/tmp/user 2>&1 || true
show </tmp/user
end "EINJ 0x10; memory UE; consumed by a task"
claim "a report from the SEA source" [ "$SRC_NOTIFY" = SEA ]
claim "acknowledged (read-ack set, block status 0)" [ "$ACKED" = yes ]
claim "SIGBUS BUS_MCEERR_AR in the task's page" grep -q 'BUS_MCEERR_AR.* in its page' /tmp/user
claim "the page poisoned (HardwareCorrupted +4 kB)" [ "$POISONED" = 4 ]
if grep -q 'ran again before the error was handled' /tmp/user; then
	proves "a real SEA: SIGBUS BUS_MCEERR_AR and the page poisoned, but the task ran again first (memory_failure() queued to a worker, as Linux's C GHES does: Documentation/architecture.md)"
else
	proves "a real SEA: memory_failure() ran in the task before it returned to user space (SIGBUS BUS_MCEERR_AR at its page) and the page is poisoned"
fi

step "5. A processor error (EINJ type 0x2): an ARM cache error"
begin
inject 0x2
end "EINJ 0x2; ARM cache error"
claim "acknowledged (read-ack set, block status 0)" [ "$ACKED" = yes ]
claim "decoded as an ARM processor error" grep -q 'section_type: ARM processor error' /tmp/kmsg
claim "no page poisoned" [ "$POISONED" = 0 ]
[ -z "$TRACE" ] || claim "traced as ras:arm_event" eval 'case $EVENTS in *ras:arm_event*) ;; *) false ;; esac'
proves "decoded as cper-arm.c prints it; its physical address is not RAM here, so it is reported, not offlined"

step "6. A PCIe error (EINJ type 0x40)"
begin
inject 0x40
end "EINJ 0x40; PCIe CE"
claim "acknowledged (read-ack set, block status 0)" [ "$ACKED" = yes ]
claim "decoded as a PCIe error" grep -q 'section_type: PCIe error' /tmp/kmsg
claim "handed to AER recovery" grep -q 'AER: ' /tmp/kmsg
proves "the PCIe section is decoded as Linux prints it and handed to AER recovery"

if [ -r "$C" ]; then
	step "7. What ghes_rs counted ($C)"
	awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		if ($1 ~ /^pool/) { printf "estatus pool: %s slots of %s bytes, %s in use\n", v["slots"], v["slot_size"], v["in_use"]; next }
		lost = ""
		for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] ~ /^(dropped|print_suppressed)/ && kv[2] != 0) lost = lost " " $i }
		printf "source %s (%s): queued %s, processed %s, %s\n", v["source"], v["notify"], v["queued"], v["processed"], lost == "" ? "nothing dropped or suppressed" : "NOT ALL:" lost
	}' "$C" | show
	proves "every record is counted: processed, or dropped with the reason, per source"
else
	step "7. Counters: Linux's C GHES keeps no per-source counters (ghes_rs: $C)"
fi
kmsg_new

closing_table "8. The closing table (every cell measured in the guest during steps 3-6)"
if [ -n "$TRACE" ]; then
	say "  trace events: every ras:* event enabled in $T at the start, counted per step."
	[ -d /sys/devices/system/edac ] ||
		say "  No ras:mc_event for memory errors: EDAC's ghes_edac emits it, and this kernel has no EDAC."
	say "  ras:aer_event comes from AER recovery, for a PCI device the record names (none here)."
fi

# Reaped here: its SIGCHLD must not land while a line is being written to the console, where
# it interrupts a write blocked on a full serial buffer (EINTR: printf fails, set -e ends
# the demo; seen once while the host was busy).
kill "$FW_PID" 2>/dev/null || true
wait "$FW_PID" 2>/dev/null || true
if [ "$LAB_KERNEL" != reference ]; then
	step "9. ghes_rs unloads cleanly"
	say "  \$ rmmod ghes_rs"
	rmmod ghes_rs
	kmsg_new
	show </tmp/kmsg
	claim "the module says it unloaded" grep -q 'ghes_rs: unloaded' /tmp/kmsg
	proves "the module lets go of every source, register mapping and pool"
fi
closing_checks
