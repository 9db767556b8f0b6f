#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A page a test owns, for a memory error that must hit a process of its own: one of a
# sleeping process's stack pages, present, anonymous and mapped by it alone
# (Documentation/admin-guide/mm/pagemap.rst: bit 63 present, 61 file or shared, 56
# exclusive, PFN in bits 0-54). Source it: . ./owned_page.sh.
#
# owned_page PID: prints the physical address of such a page of PID's stack, or fails.
# victim_page: starts a sleeping process of the test's own (its PID in $victim) and sets $pa
# and $pfn to one of its pages (needs fail()).
owned_page() {
	range=$(awk '/\[stack\]/ { print $1 }' "/proc/$1/maps")
	lo=$((0x${range%-*}))
	va=$((0x${range#*-} - 4096))
	while [ "$va" -ge "$lo" ]; do
		e=$(dd if="/proc/$1/pagemap" bs=8 skip=$((va / 4096)) count=1 2>/dev/null |
			od -A n -t x8 | tr -d ' \n')
		# dash's arithmetic is signed 64-bit and saturates above 2^63 (bit 63, "present", is
		# set): the top byte (bits 63..56) and the rest are taken apart.
		if [ ${#e} = 16 ]; then
			hi=$((0x$(echo "$e" | cut -c1-2)))
			if [ $(((hi >> 7) & 1)) = 1 ] && [ $(((hi >> 5) & 1)) = 0 ] && [ $((hi & 1)) = 1 ]; then
				echo $(((0x$(echo "$e" | cut -c3-16) & 0x7fffffffffffff) * 4096))
				return 0
			fi
		fi
		va=$((va - 4096))
	done
	return 1
}
victim_page() {
	sleep 600 &
	victim=$!
	sleep 0.5
	pa=$(owned_page $victim) || fail "no exclusive anonymous page in the stack of process $victim"
	pfn=$(printf '0x%x' $((pa >> 12)))
	echo "the victim's page: physical address $(printf '0x%x' "$pa"), pfn $pfn"
}
