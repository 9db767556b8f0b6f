#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo scenario run inside the lab guest by `make demo` (tools/demo).
set -eu
step() { printf '\n### %s\n' "$*"; }

step "The firmware's error sources: the ACPI HEST QEMU built for virt,ras=on"
echo "(/sys/firmware/acpi/tables/HEST, $(wc -c </sys/firmware/acpi/tables/HEST) bytes)"
od -A d -t x1 /sys/firmware/acpi/tables/HEST | head -n 9

step "ghes_rs.ko, loaded at boot, describes every error source it found"
grep '^ghes_rs ' /proc/modules
dmesg | grep 'ghes_rs:'

step "ghes_rs unloads cleanly"
rmmod ghes_rs
dmesg | grep 'ghes_rs: unloaded'
echo
echo "demo: done"
