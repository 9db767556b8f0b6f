#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 200
# lab-files: lib/firmware.sh lib/vendor_hest.sh lib/report_pace.sh
# lab-hest-import: ../shared/peer-data/hest/phytium-s5000c-fragment.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce0 memory --severity corrected --pa 0x63000000 --error-type 2
# lab-record: mem_ce1 memory --severity corrected --pa 0x63010000 --error-type 2
# lab-record: mem_ce2 memory --severity corrected --pa 0x63020000 --error-type 2
# lab-record: mem_ce3 memory --severity corrected --pa 0x63030000 --error-type 2
# lab-record: mem_ce4 memory --severity corrected --pa 0x63040000 --error-type 2
# lab-record: mem_ce5 memory --severity corrected --pa 0x63050000 --error-type 2
# lab-record: mem_ce6 memory --severity corrected --pa 0x63060000 --error-type 2
# lab-record: mem_ce7 memory --severity corrected --pa 0x63070000 --error-type 2
# lab-compare: lib/vendor_hest_phytium_s5000c.expected
# lab-test-loads-module:
#
# Phytium S5000C: one GHESv2 notified by SDEI event 1; the lab machine has no SDEI
# firmware, so both drivers must refuse it with a message.
. ./vendor_hest.sh
