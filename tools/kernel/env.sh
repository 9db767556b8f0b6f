# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Toolchain environment shared by the kernel build and the out-of-tree module build.
# Sourced, not run. See ../../Documentation/lab.md.
export PATH=/usr/lib/llvm-19/bin:$HOME/.cargo/bin:$PATH
GHES_RS_CACHE=${GHES_RS_CACHE:-/var/cache/ghes-rs}
KMAKE_VARS=(ARCH=arm64 LLVM=1 RUSTC=/usr/bin/rustc
	RUST_LIB_SRC=/usr/lib/rustlib/src/rust/library
	BINDGEN="$HOME/.cargo/bin/bindgen")
KERNEL_VARIANTS="lab debug"
# Bump when tools/kernel/build changes what it produces (steps, targets, flags), so every
# cached kernel is rebuilt. Changes that cannot alter the output (locking, messages) don't.
KERNEL_RECIPE=1

# The code of the patch series in $1/patches: each patch's diff, without its message,
# author or date, so rewording a commit message does not rebuild the kernels.
patch_code() {
	local p
	for p in "$1"/patches/*.patch; do
		sed -n '/^diff --git /,/^-- $/p' "$p"
	done
}

# Everything a kernel build of variant $1 depends on, as text to hash.
kernel_key_inputs() {
	local here variant=$1
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	{
		dpkg-query -W -f='${Package} ${Version}\n' linux-source-6.12
		/usr/bin/rustc -vV
		clang --version | head -n 1
		"$HOME/.cargo/bin/bindgen" --version
		patch_code "$here"
		cat "$here/config/base.config" "$here/config/$variant.config"
		echo "recipe $KERNEL_RECIPE ${KMAKE_VARS[*]} targets Image modules"
	}
}

kernel_key() {
	kernel_key_inputs "$1" | sha256sum | cut -c1-16
}

source_key() {
	local here
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	{
		dpkg-query -W -f='${Package} ${Version}\n' linux-source-6.12
		patch_code "$here"
	} | sha256sum | cut -c1-16
}

# The output tree of variant $1 for the current inputs (complete once it has .ghes-rs-done).
kernel_out_dir() {
	echo "$GHES_RS_CACHE/kernel/$1-$(kernel_key "$1")"
}

kernel_src_dir() {
	echo "$GHES_RS_CACHE/src/linux-6.12-$(source_key)"
}
