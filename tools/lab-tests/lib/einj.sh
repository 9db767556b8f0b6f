#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Linux's EINJ debugfs workflow (ACPI 6.5 section 18.6, Documentation/firmware-guide/acpi/
# apei/einj.rst), as a RAS engineer types it. Source it: . ./einj.sh (needs fail()).

EINJ=/sys/kernel/debug/apei/einj
# einj_inject TYPE [ADDRESS]: injects error TYPE, at the page of physical ADDRESS if given,
# without the trigger action, from CPU 0 (the lab's einj-fw runs on CPU 1).
einj_inject() {
	echo "$1" >"$EINJ/error_type"
	if [ -n "${2:-}" ]; then
		echo 0x2 >"$EINJ/flags"
		echo "$2" >"$EINJ/param1"
		echo 0xfffffffffffff000 >"$EINJ/param2"
	else
		echo 0 >"$EINJ/flags"
	fi
	echo 1 >"$EINJ/notrigger"
	taskset 1 sh -c "echo 1 >$EINJ/error_inject" || fail "EINJ refused error type $1"
}
