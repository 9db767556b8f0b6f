#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The lab guest plays the platform firmware (QEMU under TCG writes no records itself):
# it finds a GHES in the HEST, writes a CPER record into its error status block the way
# QEMU's acpi_ghes_record_errors() does (refusing while the previous record is not yet
# acknowledged, clearing read-ack before writing), and raises the notification. A GHESv2's
# read-ack register is done when (register & ~preserve) == write, each source's own masks
# (ACPI 6.5 18.3.2.8): QEMU's protocol (preserve ~1, write 1) is bit 0, a mailbox register
# that several vendor sources share (preserve 0, a value per source) is not.
#
# Source it: . /lab/firmware.sh. Functions set or print values; all fail loudly.

FW_HEST=/sys/firmware/acpi/tables/HEST
# A physical address in an unassigned hole of QEMU virt's memory map: a load from it
# raises a real synchronous external abort (LAB-NOTES.md).
FW_SEA_TRIGGER=0x0c000000

fw_fail() { echo "FAIL: firmware: $*"; exit 1; }
fw_u() { od -A n -t "u$2" -j "$1" -N "$2" "$FW_HEST" | tr -d ' \n'; }
fw_x() { printf '0x%s' "$(od -A n -t "x$2" -j "$1" -N "$2" "$FW_HEST" | tr -d ' \n')"; }

# fw_ghes_offsets: the byte offset of each GHES/GHESv2 subtable in the HEST, one per line, in
# table order (ACPI 6.5 18.3.2.7: a GHES is 64 bytes, a GHESv2 92). The walk stops at the
# first other type: the lab firmware only walks GHES tables.
fw_ghes_offsets() {
	len=$(fw_u 4 4)
	off=40
	while [ $((off + 4)) -le "$len" ]; do
		case "$(fw_u $off 2)" in
		9) size=64 ;;
		10) size=92 ;;
		*) return 0 ;;
		esac
		echo "$off"
		off=$((off + size))
	done
}

# fw_find_ghes NOTIFY_TYPE: sets FW_SOURCE_ID, FW_STATUS_REG, FW_ACK_REG (empty for GHES v1),
# FW_ACK_PRESERVE, FW_ACK_WRITE, FW_BLOCK_LEN for the first GHES/GHESv2 notified by
# NOTIFY_TYPE (8 = SEA, 0 = polled, ...).
fw_find_ghes() {
	for off in $(fw_ghes_offsets); do
		[ "$(fw_u $((off + 32)) 1)" = "$1" ] || continue
		FW_SOURCE_ID=$(fw_u $((off + 2)) 2)
		FW_STATUS_REG=$(fw_x $((off + 24)) 8)
		FW_BLOCK_LEN=$(fw_u $((off + 60)) 4)
		FW_ACK_REG=
		FW_ACK_PRESERVE=0xfffffffffffffffe
		FW_ACK_WRITE=1
		FW_ACK_SHARERS=
		if [ "$(fw_u $off 2)" = 10 ]; then
			FW_ACK_REG=$(fw_x $((off + 68)) 8)
			FW_ACK_PRESERVE=$(fw_x $((off + 76)) 8)
			FW_ACK_WRITE=$(fw_x $((off + 84)) 8)
		fi
		return 0
	done
	fw_fail "no GHES with notification type $1 in the HEST"
}

# fw_block_addr: the error status block's physical address (from the status register).
fw_block_addr() { devmem "$FW_STATUS_REG" 64; }

# fw_wait_consumed [SECONDS]: waits (default 3 s) until the OS has consumed the record:
# block_status reads 0. Fails (returns 1) if it does not within the time.
fw_wait_consumed() {
	tries=$(((${1:-3}) * 20))
	while [ "$tries" -gt 0 ]; do
		[ "$(fw_block_status)" = 0x00000000 ] && return 0
		sleep 0.05
		tries=$((tries - 1))
	done
	[ "$(fw_block_status)" = 0x00000000 ]
}

# fw_read_ack: the GHESv2 read-ack register's value.
fw_read_ack() { devmem "$FW_ACK_REG" 64; }

# fw_ack_done VALUE PRESERVE WRITE: whether a read-ack VALUE says "read" under that protocol:
# (VALUE & ~PRESERVE) == (WRITE & ~PRESERVE), what the OS's read-modify-write leaves.
fw_ack_done() { [ $((($1 & ~$2) == ($3 & ~$2))) = 1 ]; }

# fw_acked: whether the selected source's record is acknowledged, by its own protocol.
fw_acked() { fw_ack_done "$(fw_read_ack)" "$FW_ACK_PRESERVE" "$FW_ACK_WRITE"; }

# fw_ack_free: whether the last record written through the selected source's read-ack
# register, by whichever source shares it (FW_ACK_SHARERS: "PRESERVE,WRITE" pairs from the
# layout), was acknowledged: the firmware only then writes another.
fw_ack_free() {
	value=$(fw_read_ack)
	for pair in ${FW_ACK_SHARERS:-$FW_ACK_PRESERVE,$FW_ACK_WRITE}; do
		fw_ack_done "$value" "${pair%,*}" "${pair#*,}" && return 0
	done
	return 1
}

# fw_block_status: the block's first word (0 = no record).
fw_block_status() { devmem "$(fw_block_addr)" 32; }

# fw_write_record FILE: writes the CPER record FILE into the block. Refuses, like QEMU, while
# read-ack does not say the previous record was read (fw_ack_free); clears read-ack first
# (to 0, as QEMU and mailbox firmware do); fwpoke
# (tools/lab-guest/fwpoke.c) writes block_status (the first word) last, so the OS never sees
# a half-written record.
fw_write_record() {
	file=$1
	size=$(wc -c <"$file")
	[ "$size" -le "$FW_BLOCK_LEN" ] || fw_fail "record $file ($size bytes) exceeds the block"
	[ $((size % 4)) = 0 ] || fw_fail "record $file is not a whole number of 32-bit words"
	if [ -n "$FW_ACK_REG" ]; then
		fw_ack_free || { echo "firmware: previous record not acknowledged (read-ack $(fw_read_ack))"; return 1; }
		devmem "$FW_ACK_REG" 64 0
	fi
	fwpoke "$(fw_block_addr)" "$file"
}

# fw_raise_sea: consumes an unassigned physical address: a real SEA on this CPU. The load
# faults again after the OS claims the first SEA, so the reader dies of SIGBUS either way.
fw_raise_sea() {
	devmem "$FW_SEA_TRIGGER" 32 >/dev/null 2>&1 || true
}

# fw_use_source ID: selects an added source from /lab/firmware-layout (tools/lab "lab-hest"):
# sets FW_SOURCE_ID, FW_KIND, FW_STATUS_REG, FW_ACK_REG (empty for GHES v1), FW_BLOCK_LEN,
# FW_EXTRA (poll interval, GSI or SDEI event), FW_ACK_PRESERVE and FW_ACK_WRITE (the
# layout's preserve= and write=, QEMU's ~1 and 1 without them) and FW_ACK_SHARERS (those of
# every source with the same read-ack register).
fw_use_source() {
	[ -f /lab/firmware-layout ] || fw_fail "no /lab/firmware-layout (test without lab-hest?)"
	line=$(grep -m 1 "^source $1 " /lab/firmware-layout) || fw_fail "no added source $1"
	set -- $line
	FW_SOURCE_ID=$2
	FW_KIND=$3
	FW_STATUS_REG=${4#status=}
	FW_ACK_REG=${5#ack=}
	[ "$FW_ACK_REG" = 0x0 ] && FW_ACK_REG=
	FW_BLOCK_LEN=${7#length=}
	FW_EXTRA=${8#extra=}
	FW_ACK_PRESERVE=$(fw_layout_field preserve 0xfffffffffffffffe "$line")
	FW_ACK_WRITE=$(fw_layout_field write 1 "$line")
	FW_ACK_SHARERS=
	[ -z "$FW_ACK_REG" ] || while read -r l; do
		case " $l " in *" ack=$FW_ACK_REG "*) ;; *) continue ;; esac
		FW_ACK_SHARERS="$FW_ACK_SHARERS $(fw_layout_field preserve 0xfffffffffffffffe "$l"),$(fw_layout_field write 1 "$l")"
	done </lab/firmware-layout
}

# fw_layout_field NAME DEFAULT LINE: the value of NAME= in a layout LINE, or DEFAULT.
fw_layout_field() {
	for w in $3; do
		case "$w" in "$1="*) echo "${w#*=}"; return 0 ;; esac
	done
	echo "$2"
}

# fw_gicd_base: the GIC distributor's physical address, from the MADT (ACPI 6.5 5.2.12.15,
# subtable type 0xC, base address at offset 8).
fw_gicd_base() {
	madt=/sys/firmware/acpi/tables/APIC
	len=$(od -A n -t u4 -j 4 -N 4 "$madt" | tr -d ' ')
	off=44
	while [ $((off + 2)) -le "$len" ]; do
		type=$(od -A n -t u1 -j $off -N 1 "$madt" | tr -d ' ')
		sublen=$(od -A n -t u1 -j $((off + 1)) -N 1 "$madt" | tr -d ' ')
		if [ "$type" = 12 ]; then
			printf '0x%s\n' "$(od -A n -t x8 -j $((off + 8)) -N 8 "$madt" | tr -d ' ')"
			return 0
		fi
		[ "$sublen" -gt 0 ] || break
		off=$((off + sublen))
	done
	fw_fail "no GIC distributor in the MADT"
}

# fw_raise_gsi GSI: makes SPI GSI pending through GICD_ISPENDR<n>: a real interrupt.
fw_raise_gsi() {
	gsi=$1
	devmem $(($(fw_gicd_base) + 0x200 + (gsi / 32) * 4)) 32 $((1 << (gsi % 32)))
}

# fw_reported: the kernel's "[Hardware Error]: " report lines so far, without the prefix.
fw_reported() { dmesg | sed -n 's/^\[[^]]*\] {[0-9]*}\[Hardware Error\]: //p'; }

# fw_wait_reported LINE WHAT: waits up to 60 s until the kernel has reported LINE (a whole
# report line, as fw_reported prints it); fails naming WHAT otherwise.
fw_wait_reported() {
	tries=600
	until fw_reported | grep -qxF -- "$1"; do
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || fw_fail "$2: never reported"
		sleep 0.1
	done
}

# fw_expect_report NAME: every line of NAME.report (the report Linux prints for record NAME,
# made on the host by ghes-inject print) must be in the kernel log after a "{seq}" prefix.
# Prints the first missing line and fails.
fw_expect_report() {
	dmesg | sed -n 's/^\[[^]]*\] {[0-9]*}//p' >/tmp/report.actual
	if grep -vxF -f /tmp/report.actual "$1.report" >/tmp/report.missing; then
		echo "report lacks:"
		head -n 5 /tmp/report.missing
		return 1
	fi
}

# SDEI, with the tfa firmware (tools/lab --firmware tfa, "# lab-firmware: tfa"): Trusted
# Firmware-A's dispatcher at EL3 delivers GHES events 0x200 (normal) and 0x201 (critical);
# lab_sdei.ko (tools/lab-guest/lab_sdei.c) is the doorbell.
FW_SDEI_NORMAL=512
FW_SDEI_CRITICAL=513
FW_SDEI_RAISE=/sys/kernel/debug/lab_sdei/raise

# fw_use_sdei EVENT: selects the added SDEI source of that event (fw_use_source).
fw_use_sdei() {
	id=$(awk -v e="extra=$1" '$1 == "source" && $3 == "sdei" && $8 == e { print $2; exit }' \
		/lab/firmware-layout)
	[ -n "$id" ] || fw_fail "no added SDEI source for event $1"
	fw_use_source "$id"
}

# fw_sdei_load: loads the doorbell (once; fw_raise_sdei does it too, but its "taints kernel"
# message is better out of the way before the first record).
fw_sdei_load() {
	[ -e "$FW_SDEI_RAISE" ] || insmod /lab/lab_sdei.ko ||
		fw_fail "no lab_sdei.ko (test without lab-firmware: tfa?)"
}

# fw_raise_sdei EVENT CPU [nest]: asks EL3 to deliver SDEI EVENT on CPU (a number, or "all"
# for every CPU at once); with "nest", the critical event is pended first so it interrupts
# the normal event's handler. Returns when the OS's handlers have run; fails (returns 1, with
# a message) when the dispatcher refused the event (not registered or enabled by the OS).
fw_raise_sdei() {
	fw_sdei_load
	echo "$*" >"$FW_SDEI_RAISE" 2>/dev/null || {
		echo "firmware: SDEI event $1 on CPU $2 refused by the dispatcher"
		return 1
	}
}

# SError syndromes (ESR_EL1: EC 0x2f, IL, then the ISS) for fw_raise_serror (Arm ARM
# D24.2.40): implementation defined (IDS set: what firmware raising NOTIFY_SEI chooses), and
# the RAS extension's Asynchronous Error Types with DFSC 0x11.
FW_ESR_IMPDEF=0xbf000000
FW_ESR_CE=0xbe001811
FW_ESR_UEO=0xbe000811
FW_ESR_UC=0xbe000011
FW_ESR_UEU=0xbe000411
FW_ESR_UER=0xbe000c11
FW_SERROR=/sys/kernel/debug/lab_serror/raise

# fw_serror_ready: loads lab_serror.ko, the lab's SError raiser (tools/lab-guest/lab_serror.c;
# the test needs "# lab-firmware: tfa" or "# lab-machine: virtualization"), once.
fw_serror_ready() {
	[ -e "$FW_SERROR" ] && return 0
	insmod /lab/lab_serror.ko ||
		fw_fail "lab_serror.ko did not load (is the test's lab-firmware tfa or its lab-machine virtualization?)"
}

# fw_serror_route: how lab_serror.ko raises SErrors: "el3" (lab-firmware tfa: TF-A's SiP
# call takes the SError to EL1 at once) or "el2" (lab-machine virtualization: the hyp stub
# pends a virtual SError).
fw_serror_route() {
	fw_serror_ready
	cat /sys/kernel/debug/lab_serror/route
}

# fw_expect_serror_route ROUTE: fails unless lab_serror.ko raises SErrors by ROUTE (and, for
# el2, the kernel kept the hyp stub at EL2).
fw_expect_serror_route() {
	fw_serror_ready
	[ "$(fw_serror_route)" = "$1" ] || fw_fail "SErrors are raised by $(fw_serror_route), not by $1"
	if [ "$1" = el2 ]; then
		dmesg | grep -F "CPU: All CPU(s) started at EL2" ||
			fw_fail "the kernel did not start at EL2 (hyp stub)"
	fi
	return 0
}

# fw_raise_serror ESR [CPU] [masked]: a real SError with syndrome ESR, taken on CPU (default:
# any) by a task that runs there and writes to lab_serror.ko; "masked": raised while PSTATE.A
# is masked, taken when the module unmasks it (el2), or refused by EL3 (el3: the write
# fails). Returns that task's exit status (0: it survived; 135: it died of SIGBUS; 1: the
# write failed). Raise it after fw_write_record, as firmware would.
fw_raise_serror() {
	fw_serror_ready
	if [ -n "${2:-}" ]; then
		taskset -c "$2" sh -c "echo '$1 ${3:-}' >$FW_SERROR"
	else
		sh -c "echo '$1 ${3:-}' >$FW_SERROR"
	fi
}

# fw_use_kind KIND [N]: fw_use_source for the Nth (default first) added source of KIND
# (sei, sdei, polled, ... as /lab/firmware-layout names them).
fw_use_kind() {
	id=$(awk -v k="$1" '$1 == "source" && $3 == k { print $2 }' /lab/firmware-layout | sed -n "${2:-1}p")
	[ -n "$id" ] || fw_fail "no added source of kind $1 (number ${2:-1})"
	fw_use_source "$id"
}
