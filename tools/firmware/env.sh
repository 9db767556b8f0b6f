# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The lab firmware's inputs and cache location, shared by tools/firmware/build and tools/lab.
# Sourced, not run. See ../../Documentation/lab.md ("Firmware").
GHES_RS_CACHE=${GHES_RS_CACHE:-/var/cache/ghes-rs}
# Debian trixie's source packages (bookworm's arm-trusted-firmware 2.8 has no SDEI for
# plat/qemu; bookworm's edk2 2022.11 ArmVirtQemuKernel takes an alignment fault as BL33).
FW_TFA_PKG=arm-trusted-firmware
FW_TFA_VERSION=2.12.1+dfsg-1
FW_EDK2_PKG=edk2
FW_EDK2_VERSION=2025.02-8+deb13u1
FW_CROSS=aarch64-linux-gnu-
FW_TFA_MAKE_VARS=(PLAT=qemu QEMU_USE_GIC_DRIVER=QEMU_GICV3 SDEI_SUPPORT=1
	EL3_EXCEPTION_HANDLING=1)
# What the lab does not use is left out (-D): the network stack (PXE, IPv4, VLAN, the virtio-net
# driver's consumers: the lab boots with -kernel and has no NIC), the UEFI Shell, and the Hash2
# protocol, whose only producer (Hash2DxeCrypto) is what pulls OpenSSL into the build
# (patches/edk2-0002: HASH2_ENABLE). Linux's EFI stub uses none of them.
FW_EDK2_BUILD_ARGS=(-a AARCH64 -t GCC5 -b RELEASE -p ArmVirtPkg/ArmVirtQemuKernel.dsc
	-D NETWORK_ENABLE=FALSE -D BUILD_SHELL=FALSE -D HASH2_ENABLE=FALSE)
# Bump when tools/firmware/build changes what it produces (one per cache entry).
FW_EDK2_RECIPE=1
FW_TFA_RECIPE=1

# The code of the patches $1/patches/$2-*.patch, without messages (see tools/kernel/env.sh).
fw_patch_code() {
	local p
	for p in "$1"/patches/"$2"-*.patch; do
		sed -n '/^diff --git /,/^-- $/p' "$p"
	done
}

# Everything EDK2 (BL33) depends on, as text to hash.
fw_edk2_inputs() {
	local here
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	{
		echo "$FW_EDK2_PKG $FW_EDK2_VERSION"
		"${FW_CROSS}gcc" --version | head -n 1
		gcc --version | head -n 1
		python3 --version
		fw_patch_code "$here" edk2
		echo "recipe $FW_EDK2_RECIPE ${FW_EDK2_BUILD_ARGS[*]}"
	}
}

# Everything TF-A depends on, as text to hash: its own inputs and EDK2's, since BL33 goes
# into its FIP.
fw_tfa_inputs() {
	local here
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	{
		echo "$FW_TFA_PKG $FW_TFA_VERSION"
		"${FW_CROSS}gcc" --version | head -n 1
		fw_patch_code "$here" tfa
		echo "recipe $FW_TFA_RECIPE ${FW_TFA_MAKE_VARS[*]}"
		echo "edk2 $(fw_edk2_out_dir | sed 's,.*/,,')"
	}
}

# The cache entries (complete once they hold .ghes-rs-done): EDK2's QEMU_EFI.fd, and TF-A's
# flash.bin, what QEMU boots.
fw_edk2_out_dir() {
	echo "$GHES_RS_CACHE/firmware/edk2-$(fw_edk2_inputs | sha256sum | cut -c1-16)"
}
fw_out_dir() {
	echo "$GHES_RS_CACHE/firmware/tfa-$(fw_tfa_inputs | sha256sum | cut -c1-16)"
}
