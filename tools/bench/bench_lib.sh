#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench, in the guest: the measurement every tools/bench/*_cost.sh script shares.
#
# QEMU runs with -icount shift=0,sleep=off (the scripts' `lab-icount:` header): the guest
# clock advances 1 ns per instruction executed, so a function_graph duration in ns is the
# number of guest instructions between the tracer's entry and exit timestamps. Interrupts are
# masked on the SEA path; elsewhere an interrupt, or the other vCPU's turn (QEMU runs one
# vCPU at a time under icount), can land inside a window: it only adds, and the host takes the smallest count.
#
# A case is ROUNDS injections; before each the trace is cleared, and after it the FIRST call
# of the traced function is that round's sample: later calls (the retried load after a claimed
# SEA, which finds the block empty; the next poll; and so on) are another case and are not
# counted. Source it after firmware.sh.
T=/sys/kernel/tracing
ROUNDS=${ROUNDS:-7}
# Records go to the log only, not to the serial console, whose busy-waits would be counted.
echo 1 >/proc/sys/kernel/printk
echo 8192 >"$T/buffer_size_kb"

# bench_side: "ras" if ghes_rs serves the HEST, else "reference".
bench_side() { [ -d /sys/module/ghes_rs ] && echo ras || echo reference; }

# bench_trace FUNCTION...: function_graph at depth 1 on these functions only. They are the
# only functions ftrace patches (set_ftrace_filter): with the filter empty every traceable
# callee would enter the tracer too, only to be dropped for its depth, a few hundred
# instructions per call counted against the caller. So every sample pays the tracer once.
bench_trace() {
	echo nop >"$T/current_tracer"
	echo "$*" >"$T/set_ftrace_filter"
	echo "$*" >"$T/set_graph_function"
	echo 1 >"$T/max_graph_depth"
	echo function_graph >"$T/current_tracer"
}

# bench_first FUNCTION: the duration in ns (= instructions) of FUNCTION's first call in the
# trace, or nothing. (Callers' variables are safe: the bench_* functions use b_* names.)
bench_first() {
	sed -n "s/^ *[0-9]*) *[-+!#*@\$]* *\([0-9.]*\) us *| *$1\( \[[a-z_]*\]\)\{0,1\}();.*/\1/p" \
		"$T/trace" | awk 'NR == 1 { printf "%d\n", $1 * 1000 + 0.5 }'
}

# bench_longest FUNCTION: the duration of FUNCTION's longest call in the trace, or nothing.
bench_longest() {
	sed -n "s/^ *[0-9]*) *[-+!#*@\$]* *\([0-9.]*\) us *| *$1\( \[[a-z_]*\]\)\{0,1\}();.*/\1/p" \
		"$T/trace" | awk '$1 * 1000 > m { m = $1 * 1000 } END { if (NR) printf "%d\n", m + 0.5 }'
}

# bench_case CASE[=FUNCTION],... FUNCTION ACTION...: ROUNDS rounds of ACTION; prints
# "BENCH CASE N" with the first FUNCTION call of each round (a round without one prints
# "BENCH-MISS CASE"). CASE=FUNCTION pairs, comma-separated, take one sample of each
# function per round (FUNCTION then names the default for a CASE without one);
# CASE=^FUNCTION takes the longest call instead of the first (a timer that runs whether or
# not a record is there: every other call in the round found the block empty).
bench_case() {
	b_cases=$1
	b_fn=$2
	shift 2
	b_round=0
	while [ "$b_round" -lt "$ROUNDS" ]; do
		echo >"$T/trace"
		"$@"
		for b_pair in $(echo "$b_cases" | tr ',' ' '); do
			b_case=${b_pair%%=*}
			b_case_fn=$b_fn
			[ "$b_pair" = "$b_case" ] || b_case_fn=${b_pair#*=}
			case $b_case_fn in
			^*) b_n=$(bench_longest "${b_case_fn#^}") ;;
			*) b_n=$(bench_first "$b_case_fn") ;;
			esac
			if [ -n "$b_n" ]; then
				echo "BENCH $b_case $b_n"
			else
				echo "BENCH-MISS $b_case"
			fi
		done
		b_round=$((b_round + 1))
	done
}

# The hook each driver's SEA path is entered through from apei_claim_sea(): the C GHES's
# ghes_notify_sea(), or apei_ghes_call_sea() -> ghes_rs (kernel patch 0002: on the ras side
# the built-in ghes_notify_sea() runs first, finds no source of its own, and is not counted).
bench_sea_fn() { [ "$(bench_side)" = ras ] && echo apei_ghes_call_sea || echo ghes_notify_sea; }
# The irq_work that consumes queued records.
bench_consumer_fn() { [ "$(bench_side)" = ras ] && echo ghes_rs_irq_work_fn || echo ghes_proc_in_irq; }

# bench_calibrate: the tracer's own cost. On the reference side, after the C GHES found no
# record, apei_claim_sea() calls apei_ghes_call_sea() with no provider registered: 8
# instructions (stp, adrp, mov, ldr, cbz, mov, ldp, ret; see Documentation/benchmark.md),
# traced at the same depth, in the same NMI context, as every SEA sample. Prints
# "BENCH tracer N" with the measured duration; the host subtracts N - 8 from every sample.
bench_calibrate() {
	[ "$(bench_side)" = reference ] || return 0
	bench_trace apei_ghes_call_sea
	bench_case tracer apei_ghes_call_sea fw_raise_sea
}

# bench_sea_record FILE: firmware writes FILE into the selected source's block, then a load
# raises the SEA; waits until the OS consumed it. The write comes 11 s (guest time: with
# sleep=off an idle guest's clock jumps to the next timer, so this costs no wall time) after
# the last: past both drivers' 10-second duplicate cache and 5-second rate limits, so every
# round's record is a new one (the C GHES would drop a repeat as a duplicate in NMI context)
# and is processed and printed in full.
bench_sea_record() {
	sleep 11
	fw_write_record "$1" >/dev/null
	fw_raise_sea
	# Idle while the OS works: a busy shell on the other vCPU would take turns inside the
	# measured windows (QEMU runs one vCPU at a time under icount).
	sleep 1
	fw_wait_consumed 5 || echo "BENCH-ERROR record $1 not consumed"
}

# bench_trace_nested ROOT CHILD: function_graph on ROOT and, inside it, CHILD only (the two
# patched functions, so CHILD is at depth 2 whatever lies between).
bench_trace_nested() {
	echo nop >"$T/current_tracer"
	echo "$1 $2" >"$T/set_ftrace_filter"
	echo "$1" >"$T/set_graph_function"
	echo 2 >"$T/max_graph_depth"
	echo function_graph >"$T/current_tracer"
}

# bench_nested ROOT CHILD: "ROOT_NS CHILD_NS" for ROOT's first call in the trace that calls
# CHILD (CHILD_NS 0 if it did not), or nothing.
bench_nested() {
	awk -v root="$1" -v child="$2" '
	function ns(line) {
		if (match(line, /[0-9]+\.[0-9]+ us/))
			return substr(line, RSTART, RLENGTH - 3) * 1000
		return 0
	}
	# "name() {", or "name [module]() {" for a function of a module.
	!open && index($0, "  " root) && index($0, "() {") { open = 1; c = 0; next }
	open && index($0, child) && index($0, "();") { c = ns($0); next }
	open && /\|  }/ { printf "%d %d\n", ns($0) + 0.5, c + 0.5; exit }
	' "$T/trace"
}

# The SDEI callbacks each driver registers with sdei_register_ghes_event() for an event of
# normal / critical priority (firmware says which): the C GHES's ghes_sdei_normal_callback()
# / ghes_sdei_critical_callback() (the kind's raw spinlock, then __ghes_sdei_callback()),
# ghes_rs's ghes_rs_sdei_normal_cb() / ghes_rs_sdei_critical_cb() (sdei/sdei_shim.c, into
# ghes_rs_notify_sdei()). arm_sdei's sdei_event_handler() calls either the same way.
bench_sdei_fn() {
	if [ "$(bench_side)" = ras ]; then
		[ "$1" = critical ] && echo ghes_rs_sdei_critical_cb || echo ghes_rs_sdei_normal_cb
	else
		[ "$1" = critical ] && echo ghes_sdei_critical_callback || echo ghes_sdei_normal_callback
	fi
}

# bench_sdei_raise EVENT: the lab's firmware (TF-A at EL3, through lab_sdei.ko's SiP call)
# delivers SDEI EVENT on CPU 0, asked from CPU 0: the call is then made locally, interrupts
# masked, and the other vCPU idles in WFI. (Asked from CPU 1, CPU 1 would spin in
# smp_call_function_single() while CPU 0 runs the handler, taking turns inside its window.)
bench_sdei_raise() {
	taskset -c 0 sh -c "echo '$1 0' >$FW_SDEI_RAISE" ||
		echo "BENCH-ERROR the firmware refused SDEI event $1"
}

# bench_sdei_deliver EVENT FILE: firmware writes FILE into EVENT's source (fw_use_sdei) and
# delivers EVENT; waits until the OS consumed it.
bench_sdei_deliver() {
	fw_write_record "$2" >/dev/null || echo "BENCH-ERROR $2: the previous record was never acknowledged"
	bench_sdei_raise "$1"
	# Idle while the OS works (as bench_sea_record).
	sleep 1
	fw_wait_consumed 5 || echo "BENCH-ERROR record $2 (SDEI event $1) not consumed"
}

# bench_sdei_record EVENT FILE: as bench_sea_record, through SDEI: 11 s (guest time) after
# the last record, firmware writes FILE into EVENT's source and delivers EVENT. Before it,
# out of the round's trace, the same for BENCH_SDEI_OTHER (a 92-byte record), 11 s before:
# the C GHES's duplicate check (ghes_estatus_cached(), in the callback) compares a record
# with the records it printed, and with records 11 s apart it only keeps the last
# (ghes_estatus_cache_add() replaces the first expired slot). The other record makes every
# round's record a new error, unlike the last, as on the SEA rows (where the minimum is the
# first round of a size); a repeat of the last record, expired, costs the C GHES a full
# memcmp() more (Documentation/benchmark.md).
BENCH_SDEI_OTHER=${BENCH_SDEI_OTHER:-rec92.cper}
bench_sdei_record() {
	sleep 11
	bench_sdei_deliver "$1" "$BENCH_SDEI_OTHER"
	sleep 11
	echo >"$T/trace"
	bench_sdei_deliver "$1" "$2"
}

# bench_sdei PRIORITY EVENT FILE: the SDEI event of PRIORITY (normal or critical) on the
# tfa firmware (# lab-firmware: tfa), at depth 1 on that priority's callback: EVENT
# delivered with its source's block empty (sdei_PRIORITY_idle: the case of an event
# delivered on both CPUs at once, the second finding the record taken; arm_sdei then logs
# the callback's -ENOENT, outside the window), and with a fresh record FILE each round
# (sdei_PRIORITY_rec1k). One delivery per round, one callback call: the round's first.
bench_sdei() {
	b_sdei_fn=$(bench_sdei_fn "$1")
	fw_use_sdei "$2"
	bench_trace "$b_sdei_fn"
	# A delivery leaves nothing behind: every idle round starts from an empty block.
	fw_wait_consumed 5 || echo "BENCH-ERROR SDEI event $2's block is not empty"
	bench_case "sdei_$1_idle" "$b_sdei_fn" bench_sdei_raise "$2"
	bench_case "sdei_$1_rec1k" "$b_sdei_fn" bench_sdei_record "$2" "$3"
}
