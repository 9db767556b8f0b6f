#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference debug
# lab-timeout: 240
#
# The lab image boots with ACPI from QEMU's UEFI firmware, sees the HEST, and runs the RAS
# stack its command line chooses: ghes_rs.ko on "ras" and "debug" (ghes.disable=1 keeps
# the built-in C GHES idle), Linux's built-in C GHES on "reference" (the same image);
# "debug" also runs the checkers the robustness tests rely on.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
[ -r /sys/firmware/acpi/tables/HEST ] || fail "ACPI HEST not visible (acpi=force, UEFI?)"
[ "$(grep -c ^processor /proc/cpuinfo)" = 2 ] || fail "expected 2 CPUs"
case "$LAB_KERNEL" in
ras | debug)
	grep -q '^ghes_rs ' /proc/modules || fail "ghes_rs.ko is not loaded"
	grep -qw "ghes.disable=1" /proc/cmdline || fail "booted without ghes.disable=1"
	dmesg | grep -q "GHES: GHES is not enabled!" || fail "the built-in C GHES did not stand aside"
	[ ! -d /sys/bus/platform/drivers/GHES ] || fail "the built-in C GHES driver registered on $LAB_KERNEL"
	if [ "$LAB_KERNEL" = debug ]; then
		[ -e /proc/lockdep ] || fail "debug kernel without lockdep"
		dmesg | grep -q "KernelAddressSanitizer initialized" || fail "debug kernel without KASAN"
		[ -e /sys/kernel/debug/kmemleak ] || fail "debug kernel without kmemleak"
	fi
	;;
reference)
	[ -d /sys/bus/platform/drivers/GHES ] || fail "the reference kernel has no C GHES driver"
	ls /sys/bus/platform/drivers/GHES | grep -q '^GHES\.' || fail "C GHES bound no source"
	[ ! -e /sys/module/ghes_rs ] || fail "ghes_rs loaded on the reference kernel"
	dmesg | grep -q "GHES provider .* registered" && fail "a GHES provider registered beside the C GHES"
	;;
*) fail "unknown LAB_KERNEL '$LAB_KERNEL'" ;;
esac
echo "PASS: $LAB_KERNEL kernel booted with its RAS stack"
