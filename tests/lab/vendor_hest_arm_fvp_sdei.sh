#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# lab-kernels: ras reference
# lab-timeout: 200
# lab-files: lib/firmware.sh lib/vendor_hest.sh
# lab-hest-import: ../shared/peer-data/hest/arm-fvp-aemv8a-sdei.hest
# lab-ssdt: lib/hed_ged.asl
# lab-record: mem_ce memory --severity corrected --pa 0x63000000 --error-type 2
# lab-compare: lib/vendor_hest_arm_fvp_sdei.expected
#
# Arm FVP SDEI test table: one GHES (v1), SDEI event 804, error status address 0 (the
# firmware rewrote it at boot): both drivers must refuse it.
. ./vendor_hest.sh
