#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 240
#
# ghes_rs, loaded at boot, must report QEMU's GHESv2 SEA error source with exactly the values
# the firmware's HEST holds, and must unload cleanly. The expected values are read here from
# the raw table bytes (ACPI 6.5 table 18.11 / 18.13 offsets), independently of ghes_rs's parser.
set -eu
hest=/sys/firmware/acpi/tables/HEST
fail() { echo "FAIL: $*"; exit 1; }

# Unsigned little-endian field of N bytes (1, 2, 4, 8) at byte offset OFF, in hex without 0x.
hexfield() { od -A n -t "x$2" -j "$1" -N "$2" "$hest" | tr -d ' \n' | sed 's/^0*//; s/^$/0/'; }
decfield() { od -A n -t "u$2" -j "$1" -N "$2" "$hest" | tr -d ' \n'; }

[ -r "$hest" ] || fail "no HEST in /sys/firmware/acpi/tables"
[ "$(decfield 36 4)" -ge 1 ] || fail "HEST declares no error source"
# The first subtable starts after the 36-byte ACPI header and the 4-byte source count.
s=40
[ "$(decfield $s 2)" = 10 ] || fail "first error source is type $(decfield $s 2), not GHESv2 (10)"
id=$(decfield $((s + 2)) 2)
notify=$(decfield $((s + 32)) 1)
case "$notify" in
8) notify_name=SEA ;;
*) fail "QEMU's source should be notified by SEA (8), HEST says $notify" ;;
esac
[ "$(decfield $((s + 7)) 1)" = 1 ] && enabled=enabled || enabled=disabled
block_len=$(decfield $((s + 60)) 4)
status="0x$(hexfield $((s + 24)) 8) (space $(decfield $((s + 20)) 1) width $(decfield $((s + 21)) 1))"
ack="0x$(hexfield $((s + 68)) 8) (space $(decfield $((s + 64)) 1) width $(decfield $((s + 65)) 1))"
preserve="0x$(hexfield $((s + 76)) 8)"
write="0x$(hexfield $((s + 84)) 8)"

want1="ghes_rs: source $id: GHESv2 notify=$notify_name $enabled block_length=$block_len status=$status"
want2="ghes_rs: source $id: read_ack=$ack preserve=$preserve write=$write"
echo "expect: $want1"
echo "expect: $want2"
dmesg | grep -F "ghes_rs: " || true
dmesg | grep -qF "$want1" || fail "ghes_rs did not report the source as the HEST describes it"
dmesg | grep -qF "$want2" || fail "ghes_rs did not report the read-ack register as the HEST describes it"
dmesg | grep -q "ghes_rs: HEST: $(decfield 36 4) error source(s) declared, $(decfield 4 4) bytes" ||
	fail "ghes_rs did not report the HEST header"
# Nothing at warning level or above: dmesg -r shows the level as <N>, 0..4 = emerg..warning.
if dmesg -r | grep -E '^<[0-4]>.*ghes_rs: ' | grep -v 'loading out-of-tree module taints kernel'; then
	fail "ghes_rs complained about QEMU's HEST"
fi

rmmod ghes_rs || fail "rmmod ghes_rs failed"
[ ! -e /sys/module/ghes_rs ] || fail "ghes_rs is still loaded after rmmod"
dmesg | grep -q "ghes_rs: unloaded" || fail "ghes_rs did not log its unload"
echo "PASS: ghes_rs found source $id ($notify_name) at status $status, read-ack $ack, and unloaded"
