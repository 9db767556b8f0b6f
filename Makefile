# SPDX-License-Identifier: GPL-2.0
#
# ghes-rs top-level Makefile.
#
#   make demo     boot the RAS kernel in QEMU with ghes_rs loaded and show what it handles
#                 (DEMO_FLAGS=--compare: the same on Linux's C GHES, and what differs)
#   make check    every test: host (cargo) tests, bounded fuzzing, module build with CLIPPY=1,
#                 lab tests on the lab image (ghes_rs and Linux's C GHES) and the debug image
#   make check-long  the long runs CI cannot fit: loom's exhaustive models, 10-minute fuzzing,
#                 and the lab's real Debian system (tools/lab-tests/system/: the system
#                 kernel's and ghes_rs's Debian packages installed with dpkg on a trixie
#                 arm64 root file system, systemd, rasdaemon.service)
#   make bench    ghes_rs against Linux's C GHES on the same image, in guest instructions
#                 (QEMU -icount): SEA, irq_work, poll, IRQ, HED paths, growth with record
#                 size and sources, storm, pool size (Documentation/benchmark.md, bench.png);
#                 not a test
#   make modules  build ghes_rs.ko (KDIR= a prepared arm64 kernel tree; default: the lab's
#                 cached "lab" kernel, built on first use)
#   make modules_install  install it as the kernel installs modules: into
#                 $(INSTALL_MOD_PATH)/lib/modules/KERNELRELEASE/updates/, then depmod
#                 (Documentation/install.md; DKMS: dkms.conf)
#   make bindeb-pkg  the patched kernel as Debian packages (linux-image, linux-headers,
#                 linux-libc-dev) in build/deb/, cached in /var/cache/ghes-rs/deb (a full
#                 kernel package build: tools/kernel/deb); KVARIANT=system: the kernel the
#                 lab's Debian system test installs (default lab)
#   make module-deb  ghes_rs.ko as a Debian package for that kernel (ghes-rs-modules-
#                 KERNELRELEASE: the module, install/'s modules-load.d and modprobe.d files,
#                 depmod in postinst/postrm) in build/deb/ (tools/module-deb); KVARIANT too
#   make rust-analyzer  rust-project.json for rust-analyzer: the kernel's crates, ghes_rs's
#                 and the samples' (tools/rust-analyzer)
#   make firmware build the lab's TF-A (SDEI) + EDK2 firmware for tools/lab --firmware tfa
#                 (cached in /var/cache/ghes-rs/firmware; make check builds it too)
#   make setup    install the toolchain (run automatically by demo and check)
#
# The module itself is built by the kernel's Kbuild from ./Kbuild, with the usual variables:
#   make KDIR=/path/to/kernel/build LLVM=1 [CLIPPY=1] [GHES_RS_KUNIT_TEST=m] modules | clean
# GHES_RS_KUNIT_TEST=m (a CONFIG_KUNIT kernel) adds the KUnit suites' module, ghes_rs_kunit.ko,
# and the test hooks it needs in ghes_rs.ko: the lab's build for its KUnit tests, never
# installed.

LLVM ?= 1
export PATH := /usr/lib/llvm-19/bin:$(HOME)/.cargo/bin:$(PATH)
KMAKE = $(MAKE) -C $(KDIR) M=$(CURDIR) ARCH=arm64 LLVM=$(LLVM) RUSTC=/usr/bin/rustc \
	RUST_LIB_SRC=/usr/lib/rustlib/src/rust/library BINDGEN=$(HOME)/.cargo/bin/bindgen \
	CLIPPY_DRIVER=/usr/bin/clippy-driver

.PHONY: all setup kernels firmware modules modules_install rust-analyzer clean demo check \
	check-long bench bindeb-pkg module-deb

all: modules

setup:
	@tools/setup

kernels: setup
	@tools/kernel/build lab debug >/dev/null

firmware: setup
	@tools/firmware/build >/dev/null

# KDIR is computed only when a target needs it (it may build the kernel).
# modules_install: updates/ (INSTALL_MOD_DIR), where distributions put modules that override
# or add to the kernel's own; INSTALL_MOD_PATH, as for the kernel, prefixes the path.
# It builds first: the tree may hold the lab's KUnit build (GHES_RS_KUNIT_TEST=m), which is
# never installed.
modules modules_install:
	$(if $(KDIR),,$(eval KDIR := $(shell tools/kernel/build lab)))
	$(if $(and $(filter modules_install,$@),$(GHES_RS_KUNIT_TEST)),\
		$(error GHES_RS_KUNIT_TEST builds are for the lab, not for installing))
	$(if $(filter modules_install,$@),@$(KMAKE) modules)
	@$(KMAKE) INSTALL_MOD_DIR=$(or $(INSTALL_MOD_DIR),updates) $@

KVARIANT ?= lab
bindeb-pkg:
	@tools/kernel/deb --out build/deb $(KVARIANT)

module-deb:
	@tools/module-deb --out build/deb $(KVARIANT)

# rust-project.json for rust-analyzer: the kernel's crates and ghes_rs's and the samples'
# (tools/rust-analyzer says why not the kernel's own target alone).
rust-analyzer:
	$(if $(KDIR),,$(eval KDIR := $(shell tools/kernel/build lab)))
	@tools/rust-analyzer $(KDIR)

clean:
	rm -f *.ko *.o *.mod *.mod.c .*.cmd modules.order Module.symvers
	find ghes hest sdei mm_hooks rust samples -name '*.o' -o -name '.*.cmd' -o -name '*.rmeta' -o -name '*.d' | xargs rm -f
	rm -rf build

# tools/demo runs tools/setup itself; DEMO_FLAGS=--compare adds Linux's C GHES (tools/demo --help).
demo:
	@tools/demo $(DEMO_FLAGS)

check: setup
	@tools/check

check-long: setup
	@LOOM_MAX_PREEMPTIONS=100 RUSTFLAGS="--cfg loom" cargo test -p estatus --release -j1 loom
	@tools/fuzz --seconds 600
	@tools/lab test tools/lab-tests/system/*.sh

bench: setup
	@tools/bench/run
