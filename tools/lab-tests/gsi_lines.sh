#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 300
# lab-files: lib/firmware.sh
# lab-hest: gsiv:gsi=202 gpio external:gsi=203 external:gsi=203
# lab-ssdt: lib/hed_ged.asl
# lab-record: r1.cper memory --severity corrected --pa 0x64000000 --error-type 2
# lab-record: r2.cper memory --severity corrected --pa 0x64100000 --error-type 2
# lab-record: r3.cper memory --severity corrected --pa 0x64200000 --error-type 2
# lab-record: r4.cper memory --severity corrected --pa 0x64300000 --error-type 2
# lab-record: r5.cper memory --severity corrected --pa 0x64400000 --error-type 2
# lab-record: r6.cper memory --severity corrected --pa 0x64500000 --error-type 2
#
# Interrupt lines as the platform wires them. The Generic Event Device (lib/hed_ged.asl)
# owns SPI 202, its own line, and notifies the Hardware Error Device on it; a GSIV source
# names the same GSI, as hardware-reduced platforms do. Two external-interrupt sources
# share SPI 203, which nothing else describes. ghes_rs must leave the GED's line alone (no
# handler of its own, the mapping kept: the GSIV source is served through the HED, as
# Linux serves it), serve both sources of the shared line from one interrupt, and when
# unloaded release the line it mapped while the GED's line keeps working; loaded again,
# everything works again. Before, ghes_rs's failed request on SPI 202 called
# acpi_unregister_gsi(), which disposed of the GED's mapping: the HED was never notified
# again.
set -eu
. ./firmware.sh
fail() { echo "FAIL: $*"; dmesg | tail -n 20; grep -E "GICv3 +20[23] " /proc/interrupts; exit 1; }
# irqs SPI NAME: the interrupt count of SPI's line if NAME is on it, else nothing.
irqs() {
	awk -v spi="$1" -v name="$2" '$0 ~ "GICv3 +" spi " " && index($0, name) {
		n = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i; print n }' /proc/interrupts
}
# deliver ID RECORD SPI: firmware writes RECORD into source ID and raises SPI.
deliver() {
	fw_use_source "$1"
	fw_write_record "$2" || fail "source $1: the previous record was not consumed"
	fw_raise_gsi "$3"
}
consumed() {
	fw_use_source "$1"
	fw_wait_consumed 5 || fail "source $1 ($FW_KIND): the record was not consumed"
	fw_acked || fail "source $1: read-ack not written"
	echo "ok: source $1 ($FW_KIND) consumed: $2"
}

[ -n "$(irqs 202 ACPI:Ged)" ] || fail "SPI 202 lost its Generic Event Device handler or mapping"
dmesg | grep -F "GSI 202 belongs to another driver" || fail "no word that the GSIV source's line is the GED's"
if irqs 202 GHES | grep -q .; then fail "ghes_rs put a handler on the GED's line"; fi
[ -n "$(irqs 203 GHES)" ] || fail "no GHES handler on SPI 203"

before=$(irqs 202 ACPI:Ged)
deliver 1 r1.cper 202
consumed 1 "GSIV on the GED's line, through the HED"
deliver 2 r2.cper 202
consumed 2 "GPIO, through the HED"
[ "$(irqs 202 ACPI:Ged)" -gt "$before" ] || fail "the GED's interrupt count did not move"

fw_use_source 3
fw_write_record r3.cper || fail "source 3: the previous record was not consumed"
deliver 4 r4.cper 203
consumed 3 "one of two sources on the shared SPI 203"
consumed 4 "the other, from the same interrupt"

rmmod ghes_rs || { sleep 1; rmmod ghes_rs; } || fail "unload failed"
[ -z "$(irqs 203 GICv3)" ] || fail "SPI 203, which only ghes_rs used, is still mapped after unload"
before=$(irqs 202 ACPI:Ged)
[ -n "$before" ] || fail "the GED lost SPI 202 when ghes_rs was unloaded"
fw_raise_gsi 202
sleep 0.5
[ "$(irqs 202 ACPI:Ged)" -gt "$before" ] || fail "the GED's interrupt no longer arrives after unload"
echo "ok: after unload SPI 203 is released and the GED's SPI 202 still fires"

insmod /lab/ghes_rs.ko || fail "insmod failed"
deliver 2 r5.cper 202
consumed 2 "GPIO through the HED after reload"
deliver 4 r6.cper 203
consumed 4 "external on SPI 203 after reload"
echo "PASS: the GED keeps its line; two sources share one; unload releases only ghes_rs's own line"
