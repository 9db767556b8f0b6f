#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-files: ../../tests/lab/lib/firmware.sh
# lab-record: mem_ue.cper memory --severity recoverable --pa 0x60000000 --error-type 3
# lab-record: mem_ce.cper memory --severity corrected --pa 0x61000000 --error-type 2
#
# The demo scenario `make demo` runs in the lab guest (tools/demo): QEMU's RAS machine, the
# guest playing the platform firmware, ghes_rs handling what it reports.
set -eu
. ./firmware.sh
step() { printf '\n### %s\n' "$*"; }
why() { printf '    -> %s\n' "$*"; }
counters() { grep "^source=$FW_SOURCE_ID " /sys/kernel/debug/ghes_rs/counters; }

step "1. The firmware's error sources: the ACPI HEST QEMU built for virt,ras=on"
echo "(/sys/firmware/acpi/tables/HEST, $(wc -c </sys/firmware/acpi/tables/HEST) bytes)"
od -A d -t x1 /sys/firmware/acpi/tables/HEST | head -n 9

step "2. ghes_rs.ko, loaded at boot, found every error source"
grep '^ghes_rs ' /proc/modules
dmesg | grep 'ghes_rs:' | sed 's/^\[[^]]*\] //'
why "the SEA source, its status and read-ack registers, exactly as the HEST says"

fw_find_ghes 8
step "3. A recoverable memory error (multi-bit ECC at 0x60000000), consumed: a real SEA"
fw_write_record mem_ue.cper
echo "firmware wrote the record; read-ack is now $(fw_read_ack) (the OS has not read it)"
fw_raise_sea
dmesg | grep -E '\[Hardware Error\]|Memory failure' | sed 's/^\[[^]]*\] //'
echo "read-ack: $(fw_read_ack), block_status: $(fw_block_status)"
grep HardwareCorrupted /proc/meminfo
why "reported in Linux's words, acknowledged to firmware, the page poisoned by memory_failure()"

step "4. A corrected error (single-bit ECC) on the same source"
fw_write_record mem_ce.cper
fw_raise_sea
dmesg | grep -E '\[Hardware Error\]' | tail -n 6 | sed 's/^\[[^]]*\] //'
grep HardwareCorrupted /proc/meminfo
why "logged; no page is touched for a corrected error"

step "5. The per-source counters (/sys/kernel/debug/ghes_rs/counters)"
counters
why "every record is processed or counted as dropped, with the reason"

step "6. ghes_rs unloads cleanly"
rmmod ghes_rs
dmesg | grep 'ghes_rs: unloaded' | sed 's/^\[[^]]*\] //'
echo
echo "demo: done"
