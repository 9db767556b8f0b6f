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
FW_EDK2_BUILD_ARGS=(-a AARCH64 -t GCC5 -b RELEASE -p ArmVirtPkg/ArmVirtQemuKernel.dsc)
# Bump when tools/firmware/build changes what it produces.
FW_RECIPE=1

# The code of the patches $1/patches/$2-*.patch, without messages (see tools/kernel/env.sh).
fw_patch_code() {
	local p
	for p in "$1"/patches/"$2"-*.patch; do
		sed -n '/^diff --git /,/^-- $/p' "$p"
	done
}

# Everything the firmware build depends on, as text to hash.
fw_key_inputs() {
	local here
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	{
		echo "$FW_TFA_PKG $FW_TFA_VERSION $FW_EDK2_PKG $FW_EDK2_VERSION"
		"${FW_CROSS}gcc" --version | head -n 1
		gcc --version | head -n 1
		python3 --version
		fw_patch_code "$here" tfa
		fw_patch_code "$here" edk2
		echo "recipe $FW_RECIPE ${FW_TFA_MAKE_VARS[*]} ${FW_EDK2_BUILD_ARGS[*]}"
	}
}

# The output directory of the lab's TF-A firmware (complete once it has .ghes-rs-done;
# flash.bin is what QEMU boots).
fw_out_dir() {
	echo "$GHES_RS_CACHE/firmware/tfa-$(fw_key_inputs | sha256sum | cut -c1-16)"
}
