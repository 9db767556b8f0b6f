// SPDX-License-Identifier: GPL-2.0
/*
 * einj-fw: the lab's EINJ firmware (ACPI 6.5 section 18.6). QEMU has neither an EINJ table
 * nor firmware to answer it: tools/lab adds the table (ghes-inject hest --einj) and this
 * program, started in the background by a test, plays the firmware behind it, so Linux's own
 * EINJ driver (/sys/kernel/debug/apei/einj/) stays in the loop.
 *
 *   einj-fw MAILBOX GICD ROUTES
 *
 * MAILBOX is the table's mailbox page (layout in tools/ghes-inject/src/hest_cmd.rs); GICD the
 * GIC distributor's base; ROUTES a file of lines "TYPE RECORD STATUS ACK GSI": for EINJ error
 * type TYPE (one bit), write the CPER record file RECORD into the error status block the GHES
 * status register STATUS points at, then, if GSI is not 0, raise that SPI through
 * GICD_ISPENDR. A memory error's record gets the injected address (param1) as its
 * physical_addr (byte 108: the 20-byte block header, the 72-byte entry header, then the
 * validation bits and error status). A source whose read-ack register ACK (0 for GHES v1)
 * reads 0 still holds an unacknowledged record: like QEMU, the firmware refuses
 * (EINJ_STATUS_FAIL, "Device or resource busy"). A memory error is consumed by the test
 * afterwards (a real SEA at the trigger address); nothing here raises it.
 *
 * The program pins itself to CPU 1: Linux's EINJ driver spins on CHECK_BUSY_STATUS with
 * preemption off on its own CPU, which must not be this one. It runs until killed.
 */
#define PROGRAM "einj-fw"
#include "lab_guest.h"

#define SYS_nanosleep 101
#define SYS_sched_setaffinity 122

/* The mailbox (ghes-inject hest --einj). */
#define MB_AVAILABLE 0x10
#define MB_BUSY 0x20
#define MB_STATUS 0x28
#define MB_TRIGGER 0x30
#define MB_PARAM 0x40
#define MB_TRIGGER_TABLE 0x100
/* struct set_error_type_with_address at MB_PARAM. */
#define PARAM_TYPE 0x00
#define PARAM_FLAGS 0x08
#define PARAM_MEMORY_ADDRESS 0x10
#define SETWA_FLAGS_MEM 0x2
/* GET_COMMAND_STATUS values. */
#define EINJ_STATUS_SUCCESS 0
#define EINJ_STATUS_FAIL 1
#define EINJ_STATUS_INVAL 2

#define RECORD_PA_OFFSET 108
#define MAX_RECORD 65536
#define MAX_ROUTES 16

struct route {
	u64 type, status, ack, gsi;
	char record[64];
};

static struct route routes[MAX_ROUTES];
static int nroutes;
static unsigned char record[MAX_RECORD];
static char text[4096];

/* Parses ROUTES: whitespace-separated fields, five per line. */
static void read_routes(const char *file)
{
	long fd, n, total = 0, i = 0;
	char *field[5];
	int f;

	fd = sys(SYS_openat, AT_FDCWD, (long)file, O_RDONLY, 0, 0, 0);
	if (fd < 0)
		die("cannot open ROUTES");
	while ((n = sys(SYS_read, fd, (long)text + total, sizeof(text) - 1 - total, 0, 0, 0)) > 0)
		total += n;
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	text[total] = 0;
	while (i < total && nroutes < MAX_ROUTES) {
		for (f = 0; f < 5; f++) {
			while (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')
				i++;
			if (!text[i])
				return;
			field[f] = &text[i];
			while (text[i] && text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
				i++;
			text[i++] = 0;
		}
		routes[nroutes].type = parse(field[0]);
		for (f = 0; field[1][f] && f < 63; f++)
			routes[nroutes].record[f] = field[1][f];
		routes[nroutes].status = parse(field[2]);
		routes[nroutes].ack = parse(field[3]);
		routes[nroutes].gsi = parse(field[4]);
		nroutes++;
	}
}

/* Performs the injection the EINJ driver asked for; returns a GET_COMMAND_STATUS value. */
static u64 inject(u64 mailbox, u64 gicd)
{
	volatile unsigned char *param = (volatile unsigned char *)map_phys64(mailbox + MB_PARAM);
	u32 type = *(volatile u32 *)(param + PARAM_TYPE);
	u32 flags = *(volatile u32 *)(param + PARAM_FLAGS);
	u64 address = *(volatile u64 *)(param + PARAM_MEMORY_ADDRESS);
	struct route *r = 0;
	long total, i;

	sys(SYS_munmap, (long)param & ~(PAGE - 1), PAGE, 0, 0, 0, 0);
	for (i = 0; i < nroutes; i++)
		if (routes[i].type == type)
			r = &routes[i];
	if (!r)
		return EINJ_STATUS_INVAL;
	total = read_record(r->record, record, MAX_RECORD);
	if ((type & 0x38) && (flags & SETWA_FLAGS_MEM) && total >= RECORD_PA_OFFSET + 8)
		for (i = 0; i < 8; i++)
			record[RECORD_PA_OFFSET + i] = (unsigned char)(address >> (8 * i));
	if (r->ack) {
		if (!(phys_read64(r->ack) & 1))
			return EINJ_STATUS_FAIL; /* the OS has not consumed the last record */
		phys_write64(r->ack, 0);
	}
	write_record_phys(phys_read64(r->status), record, total);
	if (r->gsi) {
		u64 reg = gicd_ispendr(gicd, r->gsi);
		volatile u32 *ispendr = (volatile u32 *)map_phys64(reg & ~7UL);

		ispendr[(reg & 7) / 4] = 1U << (r->gsi % 32);
		__asm__ volatile("dsb sy" ::: "memory");
		sys(SYS_munmap, (long)ispendr & ~(PAGE - 1), PAGE, 0, 0, 0, 0);
	}
	return EINJ_STATUS_SUCCESS;
}

static int run(int argc, char **argv)
{
	static const long one_ms[2] = { 0, 1000000 };
	unsigned long cpu1 = 2;
	volatile u64 *mb;
	u64 mailbox, gicd, available = 0;
	int i;

	if (argc != 4)
		die("usage: einj-fw MAILBOX GICD ROUTES");
	mailbox = parse(argv[1]);
	gicd = parse(argv[2]);
	read_routes(argv[3]);
	if (sys(SYS_sched_setaffinity, 0, sizeof(cpu1), (long)&cpu1, 0, 0, 0))
		die("cannot pin to CPU 1");
	for (i = 0; i < nroutes; i++)
		available |= routes[i].type;

	mb = map_phys64(mailbox);
	/* The trigger action table: no action (the test consumes the error itself). */
	mb[MB_TRIGGER_TABLE / 8] = 16ULL | (0ULL << 32); /* header_size 16, revision 0 */
	mb[MB_TRIGGER_TABLE / 8 + 1] = 16ULL | (0ULL << 32); /* table_size 16, 0 entries */
	mb[MB_TRIGGER / 8] = mailbox + MB_TRIGGER_TABLE;
	mb[MB_STATUS / 8] = EINJ_STATUS_SUCCESS;
	mb[MB_AVAILABLE / 8] = available;
	__asm__ volatile("dsb sy" ::: "memory");
	mb[MB_BUSY / 8] = 0;
	put("einj-fw: ready, error types ");
	put_hex(available);
	put("\n");
	for (;;) {
		if (mb[MB_BUSY / 8] & 1) {
			mb[MB_STATUS / 8] = inject(mailbox, gicd);
			__asm__ volatile("dsb sy" ::: "memory");
			mb[MB_BUSY / 8] = 0;
			__asm__ volatile("dsb sy" ::: "memory");
		}
		sys(SYS_nanosleep, (long)one_ms, 0, 0, 0, 0, 0);
	}
	return 0;
}
