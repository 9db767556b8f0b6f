#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The lab guest plays the platform firmware (QEMU under TCG writes no records itself):
# it finds a GHES in the HEST, writes a CPER record into its error status block the way
# QEMU's acpi_ghes_record_errors() does (refusing while the previous record is not yet
# acknowledged, clearing read-ack before writing), and raises the notification.
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
# FW_BLOCK_LEN for the first GHES/GHESv2 notified by NOTIFY_TYPE (8 = SEA, 0 = polled, ...).
fw_find_ghes() {
	for off in $(fw_ghes_offsets); do
		[ "$(fw_u $((off + 32)) 1)" = "$1" ] || continue
		FW_SOURCE_ID=$(fw_u $((off + 2)) 2)
		FW_STATUS_REG=$(fw_x $((off + 24)) 8)
		FW_BLOCK_LEN=$(fw_u $((off + 60)) 4)
		FW_ACK_REG=
		[ "$(fw_u $off 2)" = 10 ] && FW_ACK_REG=$(fw_x $((off + 68)) 8)
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

# fw_block_status: the block's first word (0 = no record).
fw_block_status() { devmem "$(fw_block_addr)" 32; }

# fw_write_record FILE: writes the CPER record FILE into the block. Refuses, like QEMU, while
# read-ack is 0 (the OS has not consumed the previous record); clears read-ack first; fwpoke
# (tools/lab-guest/fwpoke.c) writes block_status (the first word) last, so the OS never sees
# a half-written record.
fw_write_record() {
	file=$1
	size=$(wc -c <"$file")
	[ "$size" -le "$FW_BLOCK_LEN" ] || fw_fail "record $file ($size bytes) exceeds the block"
	[ $((size % 4)) = 0 ] || fw_fail "record $file is not a whole number of 32-bit words"
	if [ -n "$FW_ACK_REG" ]; then
		[ $(($(fw_read_ack) & 1)) = 1 ] || { echo "firmware: previous record not acknowledged"; return 1; }
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
# FW_EXTRA (poll interval, GSI or SDEI event).
fw_use_source() {
	[ -f /lab/firmware-layout ] || fw_fail "no /lab/firmware-layout (test without lab-hest?)"
	line=$(grep "^source $1 " /lab/firmware-layout) || fw_fail "no added source $1"
	set -- $line
	FW_SOURCE_ID=$2
	FW_KIND=$3
	FW_STATUS_REG=${4#status=}
	FW_ACK_REG=${5#ack=}
	[ "$FW_ACK_REG" = 0x0 ] && FW_ACK_REG=
	FW_BLOCK_LEN=${7#length=}
	FW_EXTRA=${8#extra=}
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
