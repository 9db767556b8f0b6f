#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-ssdt: lib/osc_record.asl
# lab-cmdline: acpi.aml_debug_output=1
#
# The APEI _OSC handshake. Firmware that enables firmware-first reporting only after it
# hears from the OS must hear the same from ghes_rs as from Linux's C GHES: the platform
# _OSC with the APEI support bit (bit 4), negotiated at boot (kernel patch 0007), and the
# WHEA _OSC, which Linux's C GHES evaluates at its init and ghes_rs's provider registration
# evaluates when ghes_rs loads (patch 0001). lib/osc_record.asl records each call.
set -eu
fail() { echo "FAIL: $*"; dmesg | grep -E "ACPI Debug|_OSC|APEI" | tail -n 20; exit 1; }

# ACPICA's ToHexString may or may not prefix 0x.
platform=$(dmesg | sed -n 's/.*"ghes-rs-lab platform _OSC support \(0x\)\{0,1\}\([0-9A-Fa-f]*\)".*/\2/p' | tail -n 1)
[ -n "$platform" ] || fail "the platform _OSC was never evaluated (is the lab SSDT loaded?)"
platform=0x$platform
echo "platform _OSC support dword: $platform"
[ $((platform & 0x10)) = 16 ] || fail "the OS did not offer APEI support (bit 4) in the platform _OSC"
dmesg | grep -F '"ghes-rs-lab WHEA _OSC support ' || fail "the WHEA _OSC was never evaluated"
dmesg | grep -F "GHES: APEI firmware first mode is enabled by APEI bit and WHEA _OSC." ||
	fail "no firmware-first message"
echo "PASS: $LAB_KERNEL: APEI bit offered in the platform _OSC, WHEA _OSC evaluated"
