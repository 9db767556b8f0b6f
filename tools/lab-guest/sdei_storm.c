// SPDX-License-Identifier: GPL-2.0
/*
 * sdei-storm: the lab's firmware in an SDEI storm, with the tfa firmware
 * (tools/lab --firmware tfa). COUNT times: waits until the normal SDEI
 * source's read-ack says its last record was read (ACPI 6.5 18.3.2.8; giving
 * up after a second: a timeout), clears it, writes RECORD (its last 32-bit
 * word set to the record's number: no two are alike) and asks Trusted
 * Firmware-A, through lab_sdei.ko's doorbell, to dispatch the normal GHES
 * event on CPU 0 and CPU 1 in turn. Every CRITICAL_EVERY-th time it also
 * writes a record into the critical source and has the critical event
 * interrupt the normal event's handler ("nest"):
 *
 *   sdei-storm NORMAL_STATUS NORMAL_ACK CRITICAL_STATUS CRITICAL_ACK RECORD COUNT CRITICAL_EVERY
 *
 * Prints "SDEI-STORM normal=N critical=C refused=R timeouts=T seconds=S.mmm":
 * the records written into each source, the raises the dispatcher refused,
 * the records not acknowledged within a second, and the time taken. After
 * three timeouts in a row the OS is taken to have stopped acknowledging and
 * the storm ends there.
 */
#define PROGRAM "sdei-storm"
#include "lab_guest.h"

#define O_WRONLY 1
#define MAX_RECORD 4096
#define NORMAL_EVENT "512"

static unsigned char record[MAX_RECORD];

/* Maps the error status block whose address register is @status_reg, for @total bytes. */
static volatile u32 *map_block(volatile u64 *status_reg, long total)
{
	return (volatile u32 *)map_phys_range(*status_reg, total);
}

/* Waits until bit 0 of *@ack is set (QEMU's read-ack protocol); false after a second. */
static int wait_ack(volatile u64 *ack)
{
	u64 start = now_ns();

	while (!(*ack & 1)) {
		if (now_ns() - start > 1000000000ULL)
			return 0;
	}
	return 1;
}

/* Writes record number @n into a source, as fw_write_record does; false on a timeout. */
static int deliver(volatile u64 *ack, volatile u32 *block, long total, u32 n)
{
	if (!wait_ack(ack))
		return 0;
	*ack = 0;
	((u32 *)record)[total / 4 - 1] = n;
	store_record(block, record, total);
	return 1;
}

static int run(int argc, char **argv)
{
	volatile u64 *nack, *cack;
	volatile u32 *nblock, *cblock;
	u64 count, every, i, normal = 0, critical = 0, refused = 0, timeouts = 0, start, ns;
	u64 in_a_row = 0;
	char cmd[16];
	long total, fd, c;

	if (argc != 8)
		die("usage: sdei-storm NORMAL_STATUS NORMAL_ACK CRITICAL_STATUS CRITICAL_ACK RECORD COUNT CRITICAL_EVERY");
	nack = map_phys64(parse(argv[2]));
	cack = map_phys64(parse(argv[4]));
	total = read_record(argv[5], record, MAX_RECORD);
	nblock = map_block(map_phys64(parse(argv[1])), total);
	cblock = map_block(map_phys64(parse(argv[3])), total);
	count = parse(argv[6]);
	every = parse(argv[7]);
	fd = sys(SYS_openat, AT_FDCWD, (long)"/sys/kernel/debug/lab_sdei/raise", O_WRONLY, 0, 0, 0);
	if (fd < 0)
		die("cannot open /sys/kernel/debug/lab_sdei/raise (lab_sdei.ko loaded?)");

	start = now_ns();
	for (i = 0; i < count && in_a_row < 3; i++) {
		int nest = every && i % every == every - 1;

		if (!deliver(nack, nblock, total, (u32)i)) {
			timeouts++;
			in_a_row++;
			continue;
		}
		in_a_row = 0;
		normal++;
		if (nest) {
			if (deliver(cack, cblock, total, (u32)i | 0x80000000u))
				critical++;
			else
				timeouts++;
		}
		/* "512 C" or "512 C nest", C = CPU 0 or 1 in turn. */
		for (c = 0; NORMAL_EVENT[c]; c++)
			cmd[c] = NORMAL_EVENT[c];
		cmd[c++] = ' ';
		cmd[c++] = (char)('0' + (i & 1));
		if (nest) {
			cmd[c++] = ' ';
			cmd[c++] = 'n';
			cmd[c++] = 'e';
			cmd[c++] = 's';
			cmd[c++] = 't';
		}
		if (sys(SYS_write, fd, (long)cmd, c, 0, 0, 0) != c)
			refused++;
	}
	if (!wait_ack(nack))
		timeouts++;
	if (!wait_ack(cack))
		timeouts++;
	ns = now_ns() - start;
	put("SDEI-STORM normal=");
	put_dec(normal);
	put(" critical=");
	put_dec(critical);
	put(" refused=");
	put_dec(refused);
	put(" timeouts=");
	put_dec(timeouts);
	put(" seconds=");
	put_dec(ns / 1000000000ULL);
	put(".");
	put_dec(ns / 100000000ULL % 10);
	put_dec(ns / 10000000ULL % 10);
	put_dec(ns / 1000000ULL % 10);
	put("\n");
	return 0;
}
