#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Pacing injections under Linux's report rate limit, for tests that compare every report of
# ghes_rs and Linux's C GHES: both print at most 2 reports per class per 5 s (a fixed window
# opened by the first report after the last window closed).
#
# Source it: . ./report_pace.sh. `pace CLASS` waits until the report before last of CLASS is
# 5.3 s old, which keeps every record inside the limit whatever the windows; `counted CLASS`
# notes a report once seen (a little after it was printed, or up to a polled source's interval
# later, so the wait errs long).

# Uptime in hundredths of a second, without leading zeros ("0.08" would read as octal).
centis() { cut -d' ' -f1 /proc/uptime | tr -d . | sed 's/^0*\([0-9]\)/\1/'; }

pace() {
	eval "before=\${before_$1:-0}"
	left=$((before + 530 - $(centis)))
	[ "$left" -le 0 ] || sleep "$((left / 100)).$(printf '%02d' $((left % 100)))"
}

counted() {
	eval "before_$1=\${last_$1:-0} last_$1=$(centis)"
}
