// SPDX-License-Identifier: GPL-2.0
/*
 * fwpoke: the lab guest's firmware writes CPER records into error status blocks.
 *
 *   fwpoke ADDR FILE [ADDR FILE]...   copy each FILE to physical address ADDR through
 *                                     /dev/mem, in order
 *   fwpoke -r ADDR...                 print the 64-bit word at each ADDR, one per line
 *
 * Like firmware, it writes every 32-bit word of a record but the first, then (after a
 * barrier) the first: block_status, so the OS never sees a half-written record. One
 * process instead of one devmem per word, or per source on a HEST with hundreds.
 * Freestanding (no libc on the build host for arm64): raw syscalls. Exit status 0 on
 * success, 1 with a message on error.
 */
#define PROGRAM "fwpoke"
#include "lab_guest.h"

#define MAX_RECORD 65536

static unsigned char buf[MAX_RECORD];

static int run(int argc, char **argv)
{
	long total;
	int i;

	if (argc >= 3 && argv[1][0] == '-' && argv[1][1] == 'r' && !argv[1][2]) {
		for (i = 2; i < argc; i++) {
			put_hex(phys_read64(parse(argv[i])));
			put("\n");
		}
		return 0;
	}
	if (argc < 3 || argc % 2 != 1)
		die("usage: fwpoke ADDR FILE [ADDR FILE]... | fwpoke -r ADDR...");
	for (i = 1; i < argc; i += 2) {
		total = read_record(argv[i + 1], buf, MAX_RECORD);
		write_record_phys(parse(argv[i]), buf, total);
	}
	return 0;
}
