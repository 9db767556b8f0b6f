/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prototypes of the C shims in ghes_shim.c. rust/bindings.rs declares the
 * same functions for the Rust side; keep the two in step.
 */
#ifndef GHES_RS_SHIM_H
#define GHES_RS_SHIM_H

#include <linux/types.h>

int ghes_rs_hest_get(const u8 **table, u32 *len);
void ghes_rs_hest_put(const u8 *table);

#endif /* GHES_RS_SHIM_H */
