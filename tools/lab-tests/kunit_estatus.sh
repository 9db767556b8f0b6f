#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras debug
# lab-timeout: 300
# lab-ktap: ghes_rs_estatus
# lab-kunit:
#
# The KUnit suite ghes_rs_estatus (ghes/estatus_kunit.c), run by loading the suites' module
# ghes_rs_kunit.ko: the estatus pool filled from hard-IRQ and NMI context on both CPUs at
# once until exhausted, drained, refilled. Its KTAP output is parsed on the host by the
# kernel tree's kunit.py (tools/lab, "lab-ktap"); here the guest checks the verdict line and
# shows the results.
set -eu
insmod /lab/ghes_rs_kunit.ko
dmesg | grep -E '^\[ *[0-9.]+\] +(KTAP|#|ok|not ok|[0-9]+\.\.)' | sed 's/^\[ *[0-9.]*\] //' || true
dmesg | grep -qE 'ok [0-9]+ ghes_rs_estatus$' || { echo "FAIL: suite ghes_rs_estatus did not pass"; exit 1; }
if dmesg | grep -E 'not ok [0-9]+ '; then echo "FAIL: a KUnit case failed"; exit 1; fi
echo "PASS: KUnit ghes_rs_estatus passed"
