#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demo's narration and measurements, sourced by each demo scenario (samples/demo/*.sh,
# run in the lab guest by tools/demo): how a step is told, how its claims are checked, what
# is measured around an injection (the report, the source and its notification from the
# HEST, ACPI 6.5 18.3.2.7-8; the GHESv2 read-ack; the action taken; the ras:* trace events)
# and the closing table of those measurements.
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

# ras:* trace events: all of them, counted per step.
TRACE=
if [ -w "$T/events/ras/enable" ]; then
	echo 1 >"$T/events/ras/enable"
	TRACE=$(ls "$T/events/ras" | grep -v 'enable\|filter' | tr '\n' ' ')
fi
: >/tmp/rows

# closing_table TITLE: the step that prints every row end() kept, one cell per measurement.
closing_table() {
	step "$1"
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
}

# closing_checks: the end of a scenario: no kernel complaint, every claim as the demo said.
closing_checks() {
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
	say "demo: this boot's claims all held"
}
