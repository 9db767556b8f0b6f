#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 400
# lab-files: lib/firmware.sh lib/vendor_hest.sh lib/report_pace.sh
# lab-hest-import: ../shared/peer-data/hest/ampere-altra-2p.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce0 memory --severity corrected --pa 0x63000000 --error-type 2
# lab-record: mem_ce1 memory --severity corrected --pa 0x63010000 --error-type 2
# lab-record: mem_ce2 memory --severity corrected --pa 0x63020000 --error-type 2
# lab-record: mem_ce3 memory --severity corrected --pa 0x63030000 --error-type 2
# lab-record: mem_ce4 memory --severity corrected --pa 0x63040000 --error-type 2
# lab-record: mem_ce5 memory --severity corrected --pa 0x63050000 --error-type 2
# lab-record: mem_ce6 memory --severity corrected --pa 0x63060000 --error-type 2
# lab-record: mem_ce7 memory --severity corrected --pa 0x63070000 --error-type 2
# lab-compare: lib/vendor_hest_ampere_2p.expected
# lab-test-loads-module:
# lab-cper: ../shared/peer-data/cper
#
# Ampere Altra 2P (Mt. Jade): eight GHESv2, six SCI and two polled (3 s), each socket's
# sources sharing one read-ack mailbox register (preserve 0, a value per source). Both
# drivers serve all eight; a record through each, acknowledged by its own value; then the
# 25 third-party records of ../shared/peer-data/cper through source 0 (SCI): the reports
# must be identical (lib/vendor_hest.sh, Documentation/differential.md).
. ./vendor_hest.sh
