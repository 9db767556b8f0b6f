// SPDX-License-Identifier: GPL-2.0
/*
 * The HEST as ACPICA maps it (ACPI 6.5 section 18.3.2), for hest/hest_table.rs:
 * 6.12 has no Rust binding for acpi_get_table(). rust/bindings.rs declares these
 * for Rust, rust/shims.h for C.
 */
#include <linux/acpi.h>
#include <linux/errno.h>
#include <acpi/actbl1.h>

#include "shims.h"

/**
 * ghes_rs_hest_get() - Map the ACPI HEST.
 * @table: on success, the table's first byte.
 * @len: on success, the table's length from its header.
 *
 * The mapping stays valid until ghes_rs_hest_put().
 *
 * Context: process context, may sleep.
 * Return: 0, -ENODEV if the firmware has no HEST, -EIO on other ACPICA errors.
 */
int ghes_rs_hest_get(const u8 **table, u32 *len)
{
	struct acpi_table_header *hdr;
	acpi_status status;

	status = acpi_get_table(ACPI_SIG_HEST, 0, &hdr);
	if (status == AE_NOT_FOUND)
		return -ENODEV;
	if (ACPI_FAILURE(status))
		return -EIO;

	*table = (const u8 *)hdr;
	*len = hdr->length;
	return 0;
}

/**
 * ghes_rs_hest_put() - Release a table mapped by ghes_rs_hest_get().
 * @table: the pointer ghes_rs_hest_get() returned.
 */
void ghes_rs_hest_put(const u8 *table)
{
	acpi_put_table((struct acpi_table_header *)table);
}
