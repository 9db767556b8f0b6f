#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by tools/lab once per QEMU version and machine: prints QEMU's own HEST and the block
# address in each of its GHES sources' status-address registers, for `ghes-inject hest`.
set -eu
. ./firmware.sh
echo "PROBE-HEST-BEGIN"
od -A n -t x1 -v "$FW_HEST"
echo "PROBE-HEST-END"
for off in $(fw_ghes_offsets); do
	echo "PROBE-BLOCK $(devmem "$(fw_x $((off + 24)) 8)" 64)"
done
