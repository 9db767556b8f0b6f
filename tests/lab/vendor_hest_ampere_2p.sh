#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 400
# lab-files: lib/firmware.sh lib/vendor_hest.sh
# lab-hest-import: ../shared/peer-data/hest/ampere-altra-2p.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce memory --severity corrected --pa 0x63000000 --error-type 2
# lab-compare: lib/vendor_hest_ampere_2p.expected
# lab-cper: ../shared/peer-data/cper
#
# Ampere Altra 2P (Mt. Jade): eight GHESv2, six SCI and two polled (3 s), each socket's
# sources sharing one read-ack mailbox register (preserve 0, a value per source). Both
# drivers serve all eight; a record through each, acknowledged by its own value; then the
# 25 third-party records of ../shared/peer-data/cper through source 0 (SCI): the reports
# must be identical (lib/vendor_hest.sh, Documentation/differential.md).
. ./vendor_hest.sh
