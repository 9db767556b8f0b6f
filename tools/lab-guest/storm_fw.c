// SPDX-License-Identifier: GPL-2.0
/*
 * storm-fw: the lab's firmware in a storm, for make bench. Delivers a record
 * COUNT times into one GHESv2 source (ACPI 6.5 18.3.2.8), its last 32-bit word
 * (in the last section's payload) set to the record's number so no two are the
 * same, as fast as the OS takes them: waits until read-ack says the previous record was consumed
 * (giving up on it after a second: a lost record), clears read-ack, writes the
 * record (Block Status last) and raises the notification:
 *
 *   storm-fw sea STATUS_REG ACK_REG RECORD COUNT TRIGGER
 *	a real SEA: a load from the unassigned physical address TRIGGER; the
 *	SIGBUS that follows (the load faults again once the record is consumed)
 *	is caught and the load skipped;
 *   storm-fw gsi STATUS_REG ACK_REG RECORD COUNT GICD GSI
 *	the SPI made pending in the GIC distributor (GICD_ISPENDR<n>).
 *   storm-fw serror STATUS_REG ACK_REG RECORD COUNT ESR
 *	a real SError with syndrome ESR on this CPU (pin it with taskset), raised
 *	by writing ESR to lab_serror.ko's /sys/kernel/debug/lab_serror/raise
 *	(tools/lab-guest/lab_serror.c, "lab-machine: virtualization"); raised
 *	again every 10 ms while the record is not acknowledged (firmware
 *	re-signalling), counted as "renotified=N" in the STORM line.
 *   storm-fw relentless STATUS_REG ACK_REG RECORD SECONDS
 *	firmware that re-reports an error every time the OS consumes it, for
 *	SECONDS: whenever read-ack says the record was taken, the same record is
 *	written again at once (no notification: the consuming task's next SEA is
 *	one). Prints "RELENTLESS rewrites=N".
 *
 * Prints "STORM records=N seconds=S.mmm timeouts=T": N written, the time from
 * the first write until the OS acknowledged the last, and how many times the
 * OS did not acknowledge within a second.
 */
#define PROGRAM "storm-fw"
#include "lab_guest.h"

/* struct ucontext's uc_mcontext.pc on arm64 (uapi asm/ucontext.h, asm/sigcontext.h). */
#define UC_PC_OFFSET 440
#define MAX_RECORD 65536

static unsigned char record[MAX_RECORD];

static void put_dec3(u64 v)
{
	put_dec_width(v, 3);
}

/* The faulting load is skipped: the record it raised is the OS's by now. */
static void on_sigbus(int sig, void *info, void *ucontext)
{
	(void)sig;
	(void)info;
	*(u64 *)((char *)ucontext + UC_PC_OFFSET) += 4;
}

/* serror mode: the raise file and the syndrome; re-raises counted. */
static long serror_fd = -1;
static const char *serror_esr;
static u64 renotified;

/*
 * Waits until bit 0 of *@ack is set; false after a second. In serror mode the SError is
 * raised again every 10 ms meanwhile, as firmware re-signals an error the OS has not taken:
 * a record left in its block while the pool was full is read at the next SError, and the
 * other CPU's storm may already be over.
 */
static int wait_ack(volatile u64 *ack)
{
	u64 start = now_ns(), last = start;

	while (!(*ack & 1)) {
		if (now_ns() - start > 1000000000ULL)
			return 0;
		if (serror_fd >= 0 && now_ns() - last > 10000000ULL) {
			(void)sys(SYS_write, serror_fd, (long)serror_esr, len(serror_esr), 0, 0, 0);
			renotified++;
			last = now_ns();
		}
	}
	return 1;
}

/* storm-fw relentless: re-writes RECORD each time the OS acknowledges it. */
static int relentless(int argc, char **argv)
{
	volatile u64 *status_reg, *ack;
	volatile u32 *block;
	u64 block_pa, stop, rewrites = 0;
	long total;

	if (argc != 6)
		die("usage: storm-fw relentless STATUS_REG ACK_REG RECORD SECONDS");
	status_reg = map_phys64(parse(argv[2]));
	ack = map_phys64(parse(argv[3]));
	total = read_record(argv[4], record, MAX_RECORD);
	block_pa = *status_reg;
	block = (volatile u32 *)map_phys_range(block_pa, total);
	stop = now_ns() + parse(argv[5]) * 1000000000ULL;
	while (now_ns() < stop) {
		if (!(*ack & 1))
			continue;
		*ack = 0;
		store_record(block, record, total);
		rewrites++;
	}
	put("RELENTLESS rewrites=");
	put_dec(rewrites);
	put("\n");
	return 0;
}

static int run(int argc, char **argv)
{
	volatile u64 *status_reg, *ack;
	volatile u32 *block, *raise = 0;
	volatile unsigned char *trigger = 0;
	u32 raise_bit = 0;
	u64 block_pa, count, i, timeouts = 0, start, ns;
	long total, esr_len = 0;
	const char *esr = 0;
	int sea;

	if (argc > 1 && argv[1][0] == 'r')
		return relentless(argc, argv);
	sea = argc == 7 && argv[1][0] == 's' && argv[1][1] == 'e' && argv[1][2] == 'a';
	if (argc == 7 && !sea && argv[1][0] == 's') {
		esr = argv[6];
		esr_len = len(esr);
		serror_fd = sys(SYS_openat, AT_FDCWD, (long)"/sys/kernel/debug/lab_serror/raise",
				O_RDWR, 0, 0, 0);
		if (serror_fd < 0)
			die("cannot open /sys/kernel/debug/lab_serror/raise (lab_serror.ko)");
		serror_esr = esr;
	}
	if (!sea && !esr && (argc != 8 || argv[1][0] != 'g'))
		die("usage: storm-fw sea STATUS_REG ACK_REG RECORD COUNT TRIGGER\n"
		    "       storm-fw gsi STATUS_REG ACK_REG RECORD COUNT GICD GSI\n"
		    "       storm-fw serror STATUS_REG ACK_REG RECORD COUNT ESR\n"
		    "       storm-fw relentless STATUS_REG ACK_REG RECORD SECONDS");
	status_reg = map_phys64(parse(argv[2]));
	ack = map_phys64(parse(argv[3]));
	total = read_record(argv[4], record, MAX_RECORD);
	count = parse(argv[5]);
	block_pa = *status_reg;
	block = (volatile u32 *)map_phys_range(block_pa, total);
	if (sea) {
		struct kernel_sigaction sa = { .handler = on_sigbus,
					       .flags = SA_SIGINFO | SA_NODEFER };

		if (sys(SYS_rt_sigaction, SIGBUS, (long)&sa, 0, 8, 0, 0))
			die("cannot install the SIGBUS handler");
		trigger = map_phys_range(parse(argv[6]), PAGE);
	} else if (!esr) {
		u64 gicd = parse(argv[6]), gsi = parse(argv[7]);

		raise = (volatile u32 *)map_phys_range(gicd_ispendr(gicd, gsi), 4);
		raise_bit = 1u << (gsi % 32);
	}

	start = now_ns();
	for (i = 0; i < count; i++) {
		if (!wait_ack(ack)) {
			timeouts++;
			continue;
		}
		*ack = 0;
		/* Each record differs (its last word counts): none is a duplicate. */
		((u32 *)record)[total / 4 - 1] = (u32)i;
		store_record(block, record, total);
		if (sea)
			(void)*(volatile u32 *)trigger;
		else if (esr)
			(void)sys(SYS_write, serror_fd, (long)esr, esr_len, 0, 0, 0);
		else
			*raise = raise_bit;
	}
	if (!wait_ack(ack))
		timeouts++;
	ns = now_ns() - start;
	put("STORM records=");
	put_dec(count);
	put(" seconds=");
	put_dec(ns / 1000000000ULL);
	put(".");
	put_dec3((ns / 1000000ULL) % 1000);
	if (esr) {
		put(" renotified=");
		put_dec(renotified);
	}
	put(" timeouts=");
	put_dec(timeouts);
	put("\n");
	return 0;
}
