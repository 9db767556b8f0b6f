// SPDX-License-Identifier: GPL-2.0
//! Bits of the Flags byte of the IA-32 and PCIe AER subtables (ACPI 6.5 tables 18.3, 18.5,
//! 18.6, 18.9: `ACPI_HEST_FIRMWARE_FIRST`, `ACPI_HEST_GLOBAL`, `ACPI_HEST_GHES_ASSIST`).

/// FIRMWARE_FIRST: the firmware handles errors from this source first and reports them
/// through a GHES.
pub const FIRMWARE_FIRST: u8 = 1;
/// GLOBAL: the settings apply to every device of this kind (AER), or the banks are shared
/// by all processors (IA-32).
pub const GLOBAL: u8 = 1 << 1;
/// GHES_ASSIST: a GHES whose Related Source Id names this source carries extra information
/// for it; such a GHES is not an error source of its own (Linux skips it).
pub const GHES_ASSIST: u8 = 1 << 2;
