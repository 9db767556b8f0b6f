#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 180
# lab-files: lib/firmware.sh
# lab-hest: polled:interval=50 polled:interval=50
# lab-module-args: ignore_sources=2
# lab-record: mem_ce.cper memory --severity corrected --pa 0x60000000 --error-type 2
#
# What an operator sees and sets, the way other kernel modules offer it: the version modinfo
# shows (/sys/module/ghes_rs/version), a module parameter (ignore_sources=2 leaves the
# second added source alone, said in the log), and the counters under the kernel's RAS
# debugfs root (/sys/kernel/debug/ras/ghes_rs/), also as one JSON document whose numbers are
# the text file's, with the earlier path /sys/kernel/debug/ghes_rs still leading there.
set -eu
. ./firmware.sh
D=/sys/kernel/debug/ras/ghes_rs
fail() { echo "FAIL: $*"; dmesg | grep ghes_rs | tail -n 20; cat $D/counters $D/counters.json 2>&1; exit 1; }
# json SOURCE FIELD: FIELD of source SOURCE in counters.json.
json() { grep "{\"source\": $1," $D/counters.json | tr ',' '\n' | sed -n "s/^ *\"$2\": *//p" | tr -d ' }'; }
text() { grep "^source=$1 " $D/counters | tr ' ' '\n' | sed -n "s/^$2=//p"; }

version=$(cat /sys/module/ghes_rs/version) || fail "no module version"
echo "version: $version"
[ -n "$version" ] || fail "empty module version"
[ "$(cat /sys/module/ghes_rs/parameters/ignore_sources)" = 2 ] || fail "ignore_sources does not read 2"
dmesg | grep -F "ghes_rs: source 2: ignored (ignore_sources=)" || fail "no message for the ignored source"
dmesg | grep -F "ghes_rs: handling 2 error source(s)" || fail "ghes_rs does not handle sources 0 and 1 only"

[ -f $D/counters ] && [ -f $D/counters.json ] || fail "no counters under the RAS debugfs root"
[ "$(cat /sys/kernel/debug/ghes_rs/counters)" = "$(cat $D/counters)" ] || fail "the old path does not lead to the counters"
! grep -q "^source=2 " $D/counters || fail "the ignored source is counted as served"

fw_use_source 1
fw_write_record mem_ce.cper || fail "firmware could not write the record"
fw_wait_consumed || fail "the record was not consumed"
for _ in $(seq 20); do [ "$(text 1 processed)" = 1 ] && break; sleep 0.1; done
cat $D/counters.json
# One document: an object opening the first line and closing the last, one line per source.
[ "$(head -n 1 $D/counters.json)" = "{" ] && [ "$(tail -n 1 $D/counters.json)" = "}" ] ||
	fail "counters.json is not one object"
[ "$(grep -c '{"source": ' $D/counters.json)" = 2 ] || fail "counters.json does not list 2 sources"
for field in queued processed dropped_pool_exhausted dropped_malformed dropped_too_large \
	dropped_after_queue print_suppressed_duplicate print_suppressed_ratelimit; do
	for id in 0 1; do
		[ "$(json $id $field)" = "$(text $id $field)" ] ||
			fail "source $id $field: json $(json $id $field), text $(text $id $field)"
	done
done
[ "$(json 1 queued)" = 1 ] && [ "$(json 1 processed)" = 1 ] || fail "source 1's record not counted in JSON"
grep -q '"notify": "polled"' $D/counters.json || fail "no notification name"
grep -q '"pool": {"slots": [0-9]*, "slot_size": [0-9]*, "in_use": 0, "vmalloc_bytes": [0-9]*},' $D/counters.json ||
	fail "no pool object"
echo "PASS: version $version, ignore_sources=2 honoured, counters under ras/ as text and JSON alike"
