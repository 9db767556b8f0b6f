#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 200
# lab-files: lib/firmware.sh lib/vendor_hest.sh lib/report_pace.sh
# lab-hest-import: ../shared/peer-data/hest/acpica-template-20200925.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce0 memory --severity corrected --pa 0x63000000 --error-type 2
# lab-record: mem_ce1 memory --severity corrected --pa 0x63010000 --error-type 2
# lab-record: mem_ce2 memory --severity corrected --pa 0x63020000 --error-type 2
# lab-record: mem_ce3 memory --severity corrected --pa 0x63030000 --error-type 2
# lab-record: mem_ce4 memory --severity corrected --pa 0x63040000 --error-type 2
# lab-record: mem_ce5 memory --severity corrected --pa 0x63050000 --error-type 2
# lab-record: mem_ce6 memory --severity corrected --pa 0x63060000 --error-type 2
# lab-record: mem_ce7 memory --severity corrected --pa 0x63070000 --error-type 2
# lab-compare: lib/vendor_hest_acpica_template.expected
# lab-test-loads-module:
#
# ACPICA's template: IA-32 and AER subtables, then GHES and GHESv2 (address 0, SCI and
# NMI, a duplicate id), with an Error Source Count of 4 for 8 subtables: Linux walks 4 (no
# GHES among them), ghes_rs walks the Length (Documentation/differential.md).
. ./vendor_hest.sh
