# SPDX-License-Identifier: GPL-2.0
#
# ghes-rs top-level Makefile.
#
#   make demo     boot the RAS kernel in QEMU with ghes_rs loaded and show what it handles
#   make check    every test: host (cargo) tests, bounded fuzzing, module build with CLIPPY=1,
#                 lab tests on the lab image (ghes_rs and Linux's C GHES) and the debug image
#   make check-long  the long runs CI cannot fit: loom's exhaustive models, 10-minute fuzzing
#   make bench    ghes_rs against Linux's C GHES in the same QEMU: SEA path cost, pool size
#                 (medians, ratios, Documentation/bench.png); not a test
#   make modules  build ghes_rs.ko (KDIR= a prepared arm64 kernel tree; default: the lab's
#                 cached "lab" kernel, built on first use)
#   make firmware build the lab's TF-A (SDEI) + EDK2 firmware for tools/lab --firmware tfa
#                 (cached in /var/cache/ghes-rs/firmware; make check builds it too)
#   make setup    install the toolchain (run automatically by demo and check)
#
# The module itself is built by the kernel's Kbuild from ./Kbuild, with the usual variables:
#   make KDIR=/path/to/kernel/build LLVM=1 [CLIPPY=1] modules | rust-analyzer | clean

LLVM ?= 1
export PATH := /usr/lib/llvm-19/bin:$(HOME)/.cargo/bin:$(PATH)
KMAKE = $(MAKE) -C $(KDIR) M=$(CURDIR) ARCH=arm64 LLVM=$(LLVM) RUSTC=/usr/bin/rustc \
	RUST_LIB_SRC=/usr/lib/rustlib/src/rust/library BINDGEN=$(HOME)/.cargo/bin/bindgen \
	CLIPPY_DRIVER=/usr/bin/clippy-driver

.PHONY: all setup kernels firmware modules rust-analyzer clean demo check check-long bench

all: modules

setup:
	@tools/setup

kernels: setup
	@tools/kernel/build lab debug >/dev/null

firmware: setup
	@tools/firmware/build >/dev/null

# KDIR is computed only when a target needs it (it may build the kernel).
modules rust-analyzer:
	$(if $(KDIR),,$(eval KDIR := $(shell tools/kernel/build lab)))
	@$(KMAKE) $@

clean:
	rm -f *.ko *.o *.mod *.mod.c .*.cmd modules.order Module.symvers
	find ghes hest sdei mm_hooks rust samples -name '*.o' -o -name '.*.cmd' -o -name '*.rmeta' -o -name '*.d' | xargs rm -f
	rm -rf build

demo: setup
	@tools/demo

check: setup
	@tools/check

check-long: setup
	@LOOM_MAX_PREEMPTIONS=100 RUSTFLAGS="--cfg loom" cargo test -p estatus --release -j1 loom
	@tools/fuzz --seconds 600

bench: setup
	@tools/bench/run
