#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: system
# lab-timeout: 1800
# lab-files: ../lib/firmware.sh ../lib/einj.sh ../lib/owned_page.sh
# lab-packages: kernel module
# lab-hest: polled:interval=50
# lab-einj:
# lab-corpus:
# lab-record: mem_ue.cper memory --severity recoverable --pa 0 --error-type 3
# lab-console: ghes_rs: handling
# lab-console: reboot: Power down
#
# ghes_rs on a real Debian system, installed from packages (issue 18, item 2). tools/lab's
# "system" side boots a Debian 13 (trixie) arm64 root file system built from Debian's
# packages (debootstrap; tools/lab debian_rootfs()) from a virtio disk, with systemd as init.
# A first boot (on the cached "system" kernel: lab + what systemd and a disk root need) ran
# `dpkg -i` on the two packages lab-packages names and powered off: the kernel as `make
# bindeb-pkg` packages it (tools/kernel/deb system: linux-image-6.12.118) and ghes_rs as `make
# module-deb` packages it for that kernel (tools/module-deb system: ghes-rs-modules-6.12.118,
# with install/'s modules-load.d and modprobe.d files). The host then read
# /boot/vmlinuz-6.12.118 out of the disk, as a boot loader would, and booted it with
# ghes.disable=1 (/lab/boot-image: its path and sha256; /lab/packages: what was installed).
# Nothing in the lab loads the module. This script runs as a systemd unit in that second
# boot, once multi-user.target is reached. It proves:
# - both packages are installed (dpkg -s), the running kernel is the package's (uname -r, the
#   image in /boot by hash, and /proc/version's banner found in that image);
# - ghes_rs was loaded at boot by systemd-modules-load, from the package's
#   /etc/modules-load.d/ghes_rs.conf, out of the package's updates/ghes_rs.ko (modinfo -n,
#   dpkg --verify);
# - Debian's ras-mc-ctl.service succeeded and no unit failed;
# - rasdaemon.service (Debian's rasdaemon 0.8.3 package and its own unit, enabled by the
#   package) is running and listening;
# - an uncorrectable memory error injected through Linux's EINJ (/sys/kernel/debug/apei/einj)
#   at a page of a process the test started, and an ARM processor error, both reported by the
#   lab's EINJ firmware (einj-fw) through a polled GHES, are handled by ghes_rs and stored by
#   rasdaemon: `ras-mc-ctl --summary` and `--errors` show them;
# - journald holds ghes_rs's reports ([Hardware Error] lines, memory_failure()'s result);
# then the unit runs `systemctl poweroff`, and the host checks that the console reaches
# "reboot: Power down" (lab-console): a clean shutdown of the whole system.
set -eu
# shellcheck source=../lib/firmware.sh
. ./firmware.sh
# shellcheck source=../lib/einj.sh
. ./einj.sh
# shellcheck source=../lib/owned_page.sh
. ./owned_page.sh
E=$EINJ
fail() {
	echo "FAIL: $*"
	journalctl -b -o short-monotonic --no-pager | tail -n 60
	exit 1
}
ok() { echo "ok: $*"; }
journal_has() { journalctl -b "$@" -o cat --no-pager 2>/dev/null; }

# --- The system: systemd, and ghes_rs loaded by the installed configuration ---
[ "$(readlink /proc/1/exe)" = /usr/lib/systemd/systemd ] || fail "PID 1 is not systemd"
echo "system: $(. /etc/os-release; echo "$PRETTY_NAME"), $(systemctl --version | head -n 1)"
echo "state: $(systemctl is-system-running || true)"
systemctl --failed --no-legend --no-pager || true
grep -qw ghes.disable=1 /proc/cmdline || fail "not booted with ghes.disable=1"

# --- The packages: installed, and the kernel running is the package's ---
[ -f /lab/packages ] || fail "no /lab/packages: the lab installed no packages (lab-packages)"
cat /lab/packages
kpkg=$(awk '$1 ~ /^linux-image-/ { print $1 }' /lab/packages)
mpkg=$(awk '$1 ~ /^ghes-rs-modules-/ { print $1 }' /lab/packages)
if [ -z "$kpkg" ] || [ -z "$mpkg" ]; then
	fail "/lab/packages lacks the kernel or the module package"
fi
while read -r pkg version; do
	[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)" = "ii " ] ||
		fail "dpkg: $pkg is not installed ($(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>&1))"
	[ "$(dpkg-query -W -f='${Version}' "$pkg")" = "$version" ] ||
		fail "dpkg: $pkg is at $(dpkg-query -W -f='${Version}' "$pkg"), not $version"
	# depmod (the module package's postinst) rewrites the modules.* indexes the kernel
	# package ships; every other file must be as packaged.
	changed=$(dpkg --verify "$pkg" | grep -v "/modules/[^/]*/modules\.[a-z.]*$" || true)
	[ -z "$changed" ] || fail "dpkg --verify $pkg: files differ from the package: $changed"
done </lab/packages
dpkg -s "$mpkg" | grep -E "^(Package|Status|Version|Depends):"
ok "dpkg: $(tr '\n' ' ' </lab/packages)installed"
[ "$(uname -r)" = "${kpkg#linux-image-}" ] ||
	fail "running $(uname -r), not the kernel of $kpkg (${kpkg#linux-image-})"
image=/boot/vmlinuz-$(uname -r)
dpkg -S "$image" | grep -q "^$kpkg: " || fail "$image is not $kpkg's"
read -r booted digest </lab/boot-image || fail "no /lab/boot-image"
if [ "$booted" != "$image" ] || [ "$(sha256sum "$image" | cut -d' ' -f1)" != "$digest" ]; then
	fail "the host booted $booted ($digest), not $image ($(sha256sum "$image"))"
fi
# The guest's own evidence: the running kernel's banner (build number and time, which
# packaging set anew) is the one in the image in /boot.
banner=$(cat /proc/version)
zcat -f "$image" | grep -aqF "$banner" || fail "/proc/version ($banner) is not the banner of $image"
ok "running $(uname -r) ($(uname -v)), booted from $image of $kpkg (sha256 $(echo "$digest" | cut -c1-16)...)"

[ -d /sys/module/ghes_rs ] || fail "ghes_rs is not loaded"
path=$(modinfo -n ghes_rs)
packaged=$(dpkg -L "$mpkg" | grep "/modules/$(uname -r)/updates/ghes_rs.ko$") ||
	fail "$mpkg holds no updates/ghes_rs.ko for $(uname -r)"
[ "$(realpath "$path")" = "$(realpath "$packaged")" ] ||
	fail "modinfo finds ghes_rs at $path, not $mpkg's $packaged"
ok "ghes_rs $(cat /sys/module/ghes_rs/version 2>/dev/null || modinfo -F version ghes_rs) from $path ($mpkg)"
grep -qx ghes_rs /etc/modules-load.d/ghes_rs.conf || fail "no /etc/modules-load.d/ghes_rs.conf"
dpkg -S /etc/modules-load.d/ghes_rs.conf | grep -q "^$mpkg: " ||
	fail "/etc/modules-load.d/ghes_rs.conf is not $mpkg's"
# Who loaded it: systemd-modules-load says so itself, "Inserted module 'ghes_rs'" (it says
# "already loaded", at debug level, for a module someone else loaded; the line comes before
# journald runs, so the journal does not file it under the unit). And in the kernel's log,
# where systemd writes until journald runs, ghes_rs's load line falls between the unit's
# "Starting" and "Finished" lines (systemd's and the kernel's clocks differ by a fraction of a
# second under TCG: the order in one log is compared, not time stamps).
journal_has -k | grep -F "ghes_rs: handling" || fail "the journal lacks ghes_rs's load line"
[ "$(systemctl show -P Result systemd-modules-load.service)" = success ] ||
	fail "systemd-modules-load.service did not succeed"
journalctl -b -o short --no-pager | grep "systemd-modules-load\[[0-9]*\]: Inserted module 'ghes_rs'" ||
	fail "the journal has no \"Inserted module 'ghes_rs'\" from systemd-modules-load"
# shellcheck disable=SC2046 # three numbers, split on purpose
set -- $(dmesg | awk '/systemd\[1\]: Starting systemd-modules-load.service/ { s = NR }
	/ghes_rs: handling/ && !l { l = NR }
	/systemd\[1\]: Finished systemd-modules-load.service/ { f = NR }
	END { print s + 0, l + 0, f + 0 }')
echo "kernel log lines: systemd-modules-load.service starting $1, ghes_rs loaded $2, finished $3"
if [ "$1" != 0 ] && [ "$3" != 0 ]; then
	if [ "$1" -ge "$2" ] || [ "$2" -ge "$3" ]; then
		fail "ghes_rs was not loaded while systemd-modules-load.service ran"
	fi
fi
ok "systemd-modules-load.service loaded ghes_rs ($mpkg's /etc/modules-load.d/ghes_rs.conf)"

# --- rasdaemon: Debian's package and unit ---
[ "$(systemctl is-enabled rasdaemon.service)" = enabled ] || fail "rasdaemon.service is not enabled"
[ "$(systemctl show -P FragmentPath rasdaemon.service)" = /usr/lib/systemd/system/rasdaemon.service ] ||
	fail "rasdaemon.service is not Debian's unit"
dpkg-query -W rasdaemon
tries=0
until journal_has -u rasdaemon.service | grep -q "Listening to events"; do
	[ $tries -lt 600 ] || fail "rasdaemon is not listening after 120 s"
	sleep 0.2
	tries=$((tries + 1))
done
[ "$(systemctl is-active rasdaemon.service)" = active ] || fail "rasdaemon.service is not active"
ok "rasdaemon.service active (pid $(systemctl show -P MainPID rasdaemon.service)), listening"
I=/sys/kernel/debug/tracing/instances/rasdaemon
for e in ras:arm_event ras:memory_failure_event; do
	grep -qx "$e" "$I/set_event" || fail "rasdaemon did not enable $e"
done
journalctl -b -t rasdaemon-instance -o cat --no-pager || true
# ras-mc-ctl.service (Debian's rasdaemon package enables it): `ras-mc-ctl --register-labels`
# reads the board's name with dmidecode, which a system without it lacks.
if [ "$(systemctl show -P Result ras-mc-ctl.service)" != success ] ||
	[ "$(systemctl is-active ras-mc-ctl.service)" != active ]; then
	fail "ras-mc-ctl.service is $(systemctl is-active ras-mc-ctl.service || true): $(journal_has -u ras-mc-ctl.service | tail -n 3)"
fi
ok "ras-mc-ctl.service active, succeeded"
failed=$(systemctl --failed --no-legend --no-pager --plain | awk '{ print $1 }')
[ -z "$failed" ] || fail "failed units: $failed"
ok "no unit failed"

# --- EINJ: the lab's firmware behind Linux's EINJ driver (as einj.sh) ---
[ -d "$E" ] || fail "no $E: Linux's EINJ driver did not take the table"
mailbox=$(sed -n 's/^einj mailbox=\(0x[0-9a-f]*\).*/\1/p' /lab/firmware-layout)
fw_use_source "$(awk '$3 == "polled" { print $2 }' /lab/firmware-layout)"
polled="$FW_STATUS_REG ${FW_ACK_REG:-0}"
cat >routes <<ROUTES
0x10 mem_ue.cper $polled 0
0x2 25-arm-cache-pa.cper $polled 0
ROUTES
einj-fw "$mailbox" "$(fw_gicd_base)" routes &
firmware=$!
trap 'kill $firmware 2>/dev/null || true' EXIT
sleep 0.5
inject() {
	einj_inject "$@"
	ok "EINJ injected error type $1${2:+ at $2}"
	fw_wait_consumed 10 || fail "the polled source did not consume the record of type $1"
}

victim_page
inject 0x10 "$(printf '0x%x' "$pa")"
tries=0
until journal_has -k | grep -q "Memory failure: $pfn: "; do
	[ $tries -lt 100 ] || fail "memory_failure() did not handle pfn $pfn"
	sleep 0.1
	tries=$((tries + 1))
done
kill -9 "$victim" 2>/dev/null || true
inject 0x2

# --- rasdaemon stored both; ras-mc-ctl shows them ---
tries=0
until [ "$(journal_has -u rasdaemon.service | grep -c "register inserted at db")" -ge 2 ]; do
	[ $tries -lt 150 ] || fail "rasdaemon did not store two events"
	sleep 0.2
	tries=$((tries + 1))
done
journal_has -u rasdaemon.service | grep -v "Can't get\|event enabled\|Enabled event" | tail -n 20
echo "--- ras-mc-ctl --summary"
ras-mc-ctl --summary | tee summary
echo "--- ras-mc-ctl --errors"
ras-mc-ctl --errors | tee errors
grep -A3 "^ARM processor events summary:" summary | grep -q "0x80000001" ||
	fail "ras-mc-ctl --summary shows no ARM processor error from MPIDR 0x80000001"
grep -A3 "^Memory failure events summary:" summary | grep -q "Recovered" ||
	fail "ras-mc-ctl --summary shows no recovered memory failure"
grep -q "mpidr=0x80000001" errors || fail "ras-mc-ctl --errors lists no ARM processor error"
grep -Eiq "pfn=$pfn|$pfn" errors || fail "ras-mc-ctl --errors lists no memory failure at pfn $pfn"
ok "rasdaemon stored the memory failure (pfn $pfn) and the ARM processor error; ras-mc-ctl shows both"

# --- journald holds ghes_rs's reports ---
journal_has -k | grep -F "[Hardware Error]:" | tail -n 40 >reports
cat reports
for want in "section_type: memory error" "physical_address: $(printf '0x%016x' "$pa")" \
	"section_type: ARM processor error"; do
	grep -qF "$want" reports || fail "the journal lacks '$want'"
done
journal_has -k | grep -F "Memory failure: $pfn: " || fail "the journal lacks memory_failure()'s result"
ok "journald holds ghes_rs's reports"
echo "PASS: Debian system: $kpkg and $mpkg installed by dpkg, the packaged kernel booted, ghes_rs loaded by systemd-modules-load, rasdaemon.service stored EINJ's memory and ARM errors"
