#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 300
# lab-files: lib/firmware.sh lib/vendor_hest.sh
# lab-hest-import: ../shared/peer-data/hest/ampere-altra-1p.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce memory --severity corrected --pa 0x63000000 --error-type 2
# lab-compare: lib/vendor_hest_ampere_1p.expected
#
# Ampere Altra 1P: the 2P table as the firmware cuts it for one socket (count and
# length both 5): five GHESv2 sharing one mailbox read-ack; a record through each.
. ./vendor_hest.sh
