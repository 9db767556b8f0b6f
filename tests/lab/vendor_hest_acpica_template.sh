#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 200
# lab-files: lib/firmware.sh lib/vendor_hest.sh
# lab-hest-import: ../shared/peer-data/hest/acpica-template-20200925.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce memory --severity corrected --pa 0x63000000 --error-type 2
# lab-compare: lib/vendor_hest_acpica_template.expected
#
# ACPICA's template: IA-32 and AER subtables, then GHES and GHESv2 (address 0, SCI and
# NMI, a duplicate id), with an Error Source Count of 4 for 8 subtables: Linux walks 4 (no
# GHES among them), ghes_rs walks the Length (Documentation/differential.md).
. ./vendor_hest.sh
