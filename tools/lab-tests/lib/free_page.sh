#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Free pages for memory errors: a record that names a page of the guest's RAM must find it
# free on every boot and kernel, whatever the guest happens to have allocated, so the lab
# chooses the page at run time (/proc/kpageflags) and moves the record's physical address
# there (UEFI 2.10 N.2.5, the memory error section's physical_addr).
#
# Source it: . ./free_page.sh (needs fail()). at_free_page RECORD writes RECORD.free and
# adds to /tmp/pages.map ("RECORD_PAGE FREE_PAGE") and /tmp/pages.sed (sed commands that
# name the record's page again in the kernel's messages).

: >/tmp/pages.sed
: >/tmp/pages.map
KPF_BUDDY=1024
FREE_FROM=$((0x70000))
# free_page: the last page of a free 2 MiB block of RAM at or above FREE_FROM, which moves
# past it: every page of the block is free (/proc/kpageflags says KPF_BUDDY, and nothing
# else, for each page of a free buddy block). The page allocator splits a big free block
# only when no smaller one is left, and gives out its low pages first.
free_page() {
	pfn=$FREE_FROM
	while [ "$pfn" -lt $((0x80000)) ]; do
		flags=$(od -v -A n -t u8 -j $((pfn * 8)) -N 4096 /proc/kpageflags |
			tr -s ' ' '\n' | grep -v '^$' | sort -u)
		if [ "$flags" = "$KPF_BUDDY" ]; then
			FREE_FROM=$((pfn + 512))
			FREE_PAGE=$((pfn + 511))
			return 0
		fi
		pfn=$((pfn + 512))
	done
	fail "no free 2 MiB block of RAM left above 0x70000000"
}
# le64 N: N as 8 little-endian bytes.
le64() {
	v=$1 i=0 bytes=
	while [ $i -lt 8 ]; do
		bytes="$bytes\\$(printf %03o $((v & 255)))"
		v=$((v >> 8)) i=$((i + 1))
	done
	printf "$bytes"
}
# at_free_page RECORD: RECORD.free, RECORD with its memory section's physical address (at
# offset 108: the 20-byte status block header, the 72-byte data entry, then validation bits
# and error status) moved to a free page chosen for the record's page; the same record page
# always maps to the same free page.
at_free_page() {
	pa=$(od -A n -t u8 -j 108 -N 8 "$1" | tr -d ' ')
	page=$((pa >> 12))
	chosen=$(sed -n "s/^$page //p" /tmp/pages.map)
	if [ -z "$chosen" ]; then
		free_page
		chosen=$FREE_PAGE
		echo "$page $chosen" >>/tmp/pages.map
		printf "record page 0x%x stands for free page 0x%x\n" "$page" "$chosen"
		printf 's/0x%x\\([^0-9a-f]\\|$\\)/0x%x\\1/g\n' "$chosen" "$page" >>/tmp/pages.sed
		printf 's/0x%016x/0x%016x/g\n' $((chosen << 12)) $((page << 12)) >>/tmp/pages.sed
	fi
	cp "$1" "$1.free"
	le64 $(((chosen << 12) | (pa & 0xfff))) | dd of="$1.free" bs=1 seek=108 conv=notrunc 2>/dev/null
}
