#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 200
# lab-files: lib/firmware.sh lib/vendor_hest.sh lib/report_pace.sh
# lab-hest-import: ../shared/peer-data/hest/hisilicon-hi1620-d06.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce0 memory --severity corrected --pa 0x63000000 --error-type 2
# lab-record: mem_ce1 memory --severity corrected --pa 0x63010000 --error-type 2
# lab-record: mem_ce2 memory --severity corrected --pa 0x63020000 --error-type 2
# lab-record: mem_ce3 memory --severity corrected --pa 0x63030000 --error-type 2
# lab-record: mem_ce4 memory --severity corrected --pa 0x63040000 --error-type 2
# lab-record: mem_ce5 memory --severity corrected --pa 0x63050000 --error-type 2
# lab-record: mem_ce6 memory --severity corrected --pa 0x63060000 --error-type 2
# lab-record: mem_ce7 memory --severity corrected --pa 0x63070000 --error-type 2
# lab-compare: lib/vendor_hest_hisilicon_d06.expected
# lab-test-loads-module:
#
# HiSilicon Hi1620 (Kunpeng 920) D06: three GHESv2 notified by GSIV with vector 0 (an
# SGI, not an interrupt a device can raise), notification length 0x5C: both drivers must
# refuse them, with a message; the lab cannot raise them.
. ./vendor_hest.sh
