#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 200
# lab-files: lib/firmware.sh lib/vendor_hest.sh lib/report_pace.sh
# lab-hest-import: ../shared/peer-data/hest/arm-fvp-aemv8a-sdei.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce0 memory --severity corrected --pa 0x63000000 --error-type 2
# lab-record: mem_ce1 memory --severity corrected --pa 0x63010000 --error-type 2
# lab-record: mem_ce2 memory --severity corrected --pa 0x63020000 --error-type 2
# lab-record: mem_ce3 memory --severity corrected --pa 0x63030000 --error-type 2
# lab-record: mem_ce4 memory --severity corrected --pa 0x63040000 --error-type 2
# lab-record: mem_ce5 memory --severity corrected --pa 0x63050000 --error-type 2
# lab-record: mem_ce6 memory --severity corrected --pa 0x63060000 --error-type 2
# lab-record: mem_ce7 memory --severity corrected --pa 0x63070000 --error-type 2
# lab-compare: lib/vendor_hest_arm_fvp_sdei.expected
# lab-test-loads-module:
#
# Arm FVP SDEI test table: one GHES (v1), SDEI event 804, error status address 0 (the
# firmware rewrote it at boot): both drivers must refuse it.
. ./vendor_hest.sh
