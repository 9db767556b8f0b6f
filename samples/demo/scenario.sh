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
# errors the way RAS engineers do, and the GHES driver handling what firmware reports:
# ghes_rs on the ras side, Linux's C GHES on the reference side (tools/demo --compare).
#
# Output protocol (tools/demo reads it from the serial console, where it is mixed with the
# kernel's own lines):
#   "DEMO| TEXT"        a line for the audience; tools/demo prints TEXT and nothing else.
#   "DEMO-ROW| A|B|..." one row of the closing table, for tools/demo --compare.
# Each kernel line the demo shows comes from dmesg, once. While the steps run, the kernel's
# console log level is 1 (emergencies only), so kernel lines do not split the demo's lines on
# the serial port; when the script ends (passed or failed) it restores the level and copies
# every kernel message of its time to the console, unprefixed, where tools/lab still looks
# for panics, oopses and warnings.
set -eu
. ./firmware.sh
E=/sys/kernel/debug/apei/einj
T=/sys/kernel/tracing
C=/sys/kernel/debug/ras/ghes_rs/counters

say() { printf 'DEMO| %s\n' "$*"; }
show() { sed 's/^/DEMO|     /'; } # stdin, indented, as it is
step() { say ""; say "== $*"; STEP=$*; }
proves() { say "  => proves: $*"; }
# claim WHAT COMMAND...: a claim of the step, checked: if COMMAND fails, the demo says so and
# exits non-zero at the end.
BAD=
claim() {
	what=$1
	shift
	"$@" || { say "  !! NOT AS EXPECTED: $what"; BAD="$BAD ${STEP%%.*}"; }
}

# --- the kernel's messages: the ones since the last call, timestamps off ---------------------
KSEEN=$(dmesg | wc -l)
KSTART=$KSEEN
kmsg_new() { # writes them to /tmp/kmsg and moves the mark on
	dmesg >/tmp/dmesg.all
	total=$(wc -l </tmp/dmesg.all)
	sed -n "$((KSEEN + 1)),${total}p" /tmp/dmesg.all | sed 's/^\[[^]]*\] //' >/tmp/kmsg
	KSEEN=$total
}
LOGLEVEL=$(cut -f 1 /proc/sys/kernel/printk)
finish() {
	rc=$?
	echo "$LOGLEVEL" >/proc/sys/kernel/printk
	if [ "$rc" != 0 ]; then
		say ""
		say "FAILED (exit status $rc) during: ${STEP:-setup}"
	fi
	echo "LAB: the kernel's messages while the demo ran (its console was quiet):"
	dmesg | sed -n "$((KSTART + 1)),\$p"
	exit "$rc"
}
trap finish EXIT
echo 1 >/proc/sys/kernel/printk

# --- what each source is (from the HEST itself, both drivers) -------------------------------
NOTIFY_NAMES="polled external local SCI NMI CMCI MCE GPIO SEA SEI GSIV SDEI"
# /tmp/sources: "ID NOTIFY STATUS ACK PRESERVE WRITE" for each GHES/GHESv2 in the HEST (ACK "-"
# for GHES v1), read once: each od in the guest costs time under TCG.
for off in $(fw_ghes_offsets); do
	notify=$(echo $NOTIFY_NAMES |
		awk -v n="$(fw_u $((off + 32)) 1)" '{ print (n < NF ? $(n + 1) : "type" n) }')
	if [ "$(fw_u "$off" 2)" = 10 ]; then
		ack="$(fw_x $((off + 68)) 8) $(fw_x $((off + 76)) 8) $(fw_x $((off + 84)) 8)"
	else
		ack="- 0 0"
	fi
	echo "$(fw_u $((off + 2)) 2) $notify $(fw_x $((off + 24)) 8) $ack"
done >/tmp/sources
# src_regs ID: SRC_NOTIFY, SRC_STATUS (status register), SRC_ACK (read-ack register, empty for
# GHES v1), SRC_PRESERVE, SRC_WRITE of the HEST's GHES source ID.
src_regs() {
	while read -r id SRC_NOTIFY SRC_STATUS SRC_ACK SRC_PRESERVE SRC_WRITE; do
		[ "$id" = "$1" ] || continue
		[ "$SRC_ACK" != - ] || SRC_ACK=
		return 0
	done </tmp/sources
	SRC_NOTIFY=unknown SRC_STATUS= SRC_ACK=
}

# --- a step's measurements -------------------------------------------------------------------
hwc() { awk '/^HardwareCorrupted:/ { print $2 }' /proc/meminfo; }
processed() { [ -r "$C" ] && sed -n "s/^source=$1 .* processed=\([0-9]*\) .*/\1/p" "$C" || echo -; }
begin() { # before an injection
	HWC_BEFORE=$(hwc)
	[ -z "$TRACE" ] || : >"$T/trace"
	cp "$C" /tmp/counters.before 2>/dev/null || : >/tmp/counters.before
	: >/tmp/user
}
# end INJECTION: shows what the kernel said, the step's measurements, and keeps a table row.
end() {
	sleep 0.3
	kmsg_new
	say "  the kernel (dmesg):"
	show </tmp/kmsg
	src= sev=
	while read -r line; do
		case "$line" in
		*"Hardware error from APEI Generic Hardware Error Source: "*) src=${src:-${line##* }} ;;
		*"]: event severity: "*) sev=${sev:-${line##* }} ;;
		esac
	done </tmp/kmsg
	ACKED=no
	SRC_NOTIFY=none
	if [ -n "$src" ]; then
		src_regs "$src"
		where="source $src: $SRC_NOTIFY"
		if [ -r "$C" ]; then
			was=$(sed -n "s/^source=$src .* processed=\([0-9]*\) .*/\1/p" /tmp/counters.before)
			where="$where; processed +$(($(processed "$src") - ${was:-0}))"
		fi
		block=$(devmem "$(devmem "$SRC_STATUS" 64)" 32)
		if [ -n "$SRC_ACK" ]; then
			ackv=$(devmem "$SRC_ACK" 64)
			fw_ack_done "$ackv" "$SRC_PRESERVE" "$SRC_WRITE" && acked=yes || acked=NO
			[ $((block)) != 0 ] || [ "$acked" != yes ] || ACKED=yes
			acked="$acked; read-ack $(printf '%#x' "$ackv"); block status $(printf '%#x' "$block")"
		else
			[ $((block)) = 0 ] && acked="yes (GHES v1); block status 0" || acked="NO; block status $block"
			[ $((block)) != 0 ] || ACKED=yes
		fi
	else
		where="no report" acked=- sev=-
	fi
	# The action: what memory_failure(), AER or the driver said it did, else none.
	action=
	grep -q 'ran again before the error was handled' /tmp/user &&
		action="the task ran again first (BUS_OBJERR)"
	mf=$(sed -n 's/^Memory failure: [^:]*: recovery action for \(.*\): \(.*\)/memory_failure(): \2 (\1)/p' /tmp/kmsg | head -n 1)
	[ -z "$mf" ] || action="${action:+$action; }$mf"
	grep -q 'BUS_MCEERR_AR' /tmp/user && action="${action:+$action; }SIGBUS BUS_MCEERR_AR to the task"
	aer=$(grep -m 1 'AER: ' /tmp/kmsg || true)
	[ -z "$aer" ] || action="${action:+$action; }$aer"
	grep -q 'Invalid address in generic error data' /tmp/kmsg &&
		action="${action:+$action; }no page action; address not RAM; [Firmware Warn]"
	[ -n "$action" ] || action="none: reported only"
	POISONED=$(($(hwc) - HWC_BEFORE))
	[ "$POISONED" = 0 ] || action="$action; HardwareCorrupted +$POISONED kB"
	# The trace events the record produced (tracefs), by name.
	if [ -n "$TRACE" ]; then
		events=$(grep -v '^#' "$T/trace" | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) { e = $(i + 1); sub(/:$/, "", e); n[e]++; break } }
			END { for (e in n) printf "%sras:%s x%d", (s++ ? ", " : ""), e, n[e] }')
		[ -n "$events" ] || events="none"
	else
		events="(no tracefs)"
	fi
	EVENTS=$events
	say "  measured: $where; severity $sev; action: $action"
	say "  measured: acknowledged: $acked; trace: $events; HardwareCorrupted $(hwc) kB"
	row="$1|$where|$sev|$action|$acked|$events"
	echo "$row" >>/tmp/rows
	echo "DEMO-ROW| $row"
}
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

# ras:* trace events: all of them, counted per step.
TRACE=
if [ -w "$T/events/ras/enable" ]; then
	echo 1 >"$T/events/ras/enable"
	TRACE=$(ls "$T/events/ras" | grep -v 'enable\|filter' | tr '\n' ' ')
fi
: >/tmp/rows

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

step "8. The closing table (every cell measured in the guest during steps 3-6)"
{
	echo "injection|source: notification|severity|action taken|acknowledged|trace events"
	cat /tmp/rows
} | awk -F'|' '
	{
		for (i = 1; i <= NF; i++) {
			k = split($i, part, /; */)
			for (j = 1; j <= k; j++) { c[NR, i, j] = part[j]; if (length(part[j]) > w[i]) w[i] = length(part[j]) }
			if (k > h[NR]) h[NR] = k
		}
		n = NF; rows = NR
	}
	function rule(   i, s, line) {
		line = ""
		for (i = 1; i <= n; i++) { s = sprintf("%" w[i] "s", ""); gsub(/ /, "-", s); line = line s (i < n ? "-+-" : "") }
		print line
	}
	END {
		for (r = 1; r <= rows; r++) {
			for (j = 1; j <= h[r]; j++) {
				line = ""
				for (i = 1; i <= n; i++) line = line sprintf("%-" w[i] "s", c[r, i, j]) (i < n ? " | " : "")
				sub(/ +$/, "", line)
				print line
			}
			rule()
		}
	}' | sed 's/^/DEMO|   /'
if [ -n "$TRACE" ]; then
	say "  trace events: every ras:* event enabled in $T at the start, counted per step."
	[ -d /sys/devices/system/edac ] ||
		say "  No ras:mc_event for memory errors: EDAC's ghes_edac emits it, and this kernel has no EDAC."
	say "  ras:aer_event comes from AER recovery, for a PCI device the record names (none here)."
fi

kill "$FW_PID" 2>/dev/null || true
if [ "$LAB_KERNEL" != reference ]; then
	step "9. ghes_rs unloads cleanly"
	say "  \$ rmmod ghes_rs"
	rmmod ghes_rs
	kmsg_new
	show </tmp/kmsg
	claim "the module says it unloaded" grep -q 'ghes_rs: unloaded' /tmp/kmsg
	proves "the module lets go of every source, register mapping and pool"
fi
STEP="the closing checks"
kmsg_new
if grep -qE 'WARNING:|BUG:|Oops|Call trace:' /tmp/dmesg.all; then
	say "the kernel complained: a warning, BUG or oops in its log (see the console file)"
	exit 1
fi
if [ -n "$BAD" ]; then
	say ""
	say "demo: steps$BAD did not go as the demo says (!! lines above)"
	exit 1
fi
say ""
say "demo: done"
