#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by tools/lab once per QEMU version and machine: prints QEMU's own HEST and the block
# address in each of its GHES sources' status-address registers, for `ghes-inject hest`.
set -eu
. ./firmware.sh
echo "PROBE-HEST-BEGIN"
od -A n -t x1 -v "$FW_HEST"
echo "PROBE-HEST-END"
len=$(fw_u 4 4)
off=40
while [ $((off + 4)) -le "$len" ]; do
	case "$(fw_u $off 2)" in
	9) size=64 ;;
	10) size=92 ;;
	*) break ;;
	esac
	echo "PROBE-BLOCK $(devmem "$(fw_x $((off + 24)) 8)" 64)"
	off=$((off + size))
done
