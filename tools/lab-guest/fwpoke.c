// SPDX-License-Identifier: GPL-2.0
/*
 * fwpoke: the lab guest's firmware writes a CPER record into an error status block.
 *
 *   fwpoke ADDR FILE     copy FILE to physical address ADDR through /dev/mem
 *
 * Like firmware, it writes every 32-bit word but the first, then (after a barrier) the
 * first: block_status, so the OS never sees a half-written record. One process instead of
 * one devmem per word. Freestanding (no libc on the build host for arm64): raw syscalls.
 * Exit status 0 on success, 1 with a message on error.
 */
#define PROGRAM "fwpoke"
#include "lab_guest.h"

#define MAX_RECORD 65536

static unsigned char buf[MAX_RECORD];

static int run(int argc, char **argv)
{
	long total;

	if (argc != 3)
		die("usage: fwpoke ADDR FILE");
	total = read_record(argv[2], buf, MAX_RECORD);
	write_record_phys(parse(argv[1]), buf, total);
	return 0;
}
