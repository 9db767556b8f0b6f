// SPDX-License-Identifier: GPL-2.0
/*
 * mce-victim: a process that consumes a memory error in its own page and must
 * die of it, as a RAS engineer checks that synchronous error recovery works.
 *
 *   mce-victim RECORD PA_OFFSET BLOCK TRIGGER
 *   mce-victim einj TRIGGER
 *
 * It maps an anonymous page, finds the page's physical address in
 * /proc/self/pagemap, writes RECORD (a CPER memory error) into the error
 * status block at physical address BLOCK with the page's address stored at
 * byte PA_OFFSET (the section's physical_addr field), as firmware would, and
 * then loads from physical address TRIGGER, which raises a real synchronous
 * external abort. With "einj", the record is asked of the platform through
 * Linux's EINJ driver instead (memory uncorrectable non-fatal, type 0x10, at the
 * page's address, notrigger), as a RAS engineer does; the victim pins itself to
 * CPU 0, away from the lab's EINJ firmware (einj-fw, CPU 1). The GHES driver must claim it, and memory_failure() must
 * send this process SIGBUS with si_code BUS_MCEERR_AR and si_addr inside the
 * page before it runs again.
 *
 * The consuming load stands for a load from the poisoned page. If the task runs
 * again before the error is handled (Linux 6.12's C GHES may let the
 * memory_failure() worker run first, from another task), the load is retried
 * and faults again at TRIGGER (SIGBUS BUS_OBJERR there); the victim then does
 * what the retried load would do on real hardware, touching the page, and
 * reports "ran again" before the BUS_MCEERR_AR it then gets from the fault.
 *
 * Output: the page's addresses, then the signals' fields. Exit status 0 if the
 * final SIGBUS is the expected one, 3 if another one arrived, 2 if the load
 * simply returned or the page never became poisoned, 1 (with a message) on a
 * setup error. The caller clears GHESv2
 * read-ack before, as firmware does.
 */
#define PROGRAM "mce-victim"
#include "lab_guest.h"

#define SYS_pread64 67
#define SYS_sched_setaffinity 122
#define SYS_exit_group 94
#define PROT_READ 1
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define BUS_OBJERR 3
#define SYS_nanosleep 101
#define BUS_MCEERR_AR 4
#define MAX_RECORD 65536

static unsigned char record[MAX_RECORD];
static u64 page;
static u64 trigger_page;
static int reruns;

static void on_sigbus(int sig, void *info, void *uctx)
{
	const unsigned char *si = info;
	int code = *(const int *)(si + 8);
	u64 addr = *(const u64 *)(si + 16);
	short lsb = *(const short *)(si + 24);
	int ok = code == BUS_MCEERR_AR && addr >= page && addr < page + PAGE;

	(void)sig;
	(void)uctx;
	if (code == BUS_OBJERR && addr >= trigger_page && addr < trigger_page + PAGE) {
		static const long ten_ms[2] = { 0, 10000000 };

		if (reruns++ == 0)
			put("mce-victim: the consuming load ran again before the error was handled "
			    "(SIGBUS BUS_OBJERR at the trigger); touching the page as the real load would\n");
		if (reruns > 100) {
			put("mce-victim: the page never became poisoned\n");
			sys(SYS_exit_group, 2, 0, 0, 0, 0, 0);
		}
		sys(SYS_nanosleep, (long)ten_ms, 0, 0, 0, 0, 0);
		(void)*(volatile unsigned char *)page; /* poisoned: SIGBUS BUS_MCEERR_AR, nested */
		return; /* not poisoned yet: the load runs again */
	}
	put("mce-victim: SIGBUS si_code=");
	put_hex(code);
	put(code == BUS_MCEERR_AR ? " (BUS_MCEERR_AR)" : " (not BUS_MCEERR_AR)");
	put(" si_addr=");
	put_hex(addr);
	put(" si_addr_lsb=");
	put_hex(lsb);
	put(ok ? " in its page\n" : " WRONG\n");
	sys(SYS_exit_group, ok ? 0 : 3, 0, 0, 0, 0, 0);
}

/* The physical address of the page at @vaddr, from /proc/self/pagemap. */
static u64 physical_address(u64 vaddr)
{
	u64 entry = 0;
	long fd = sys(SYS_openat, AT_FDCWD, (long)"/proc/self/pagemap", O_RDONLY, 0, 0, 0);

	if (fd < 0)
		die("cannot open /proc/self/pagemap");
	if (sys(SYS_pread64, fd, (long)&entry, 8, (vaddr / PAGE) * 8, 0, 0) != 8)
		die("cannot read /proc/self/pagemap");
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	/* Bit 63: present; bits 0-54: the PFN (zero unless CAP_SYS_ADMIN). */
	if (!(entry >> 63) || !(entry & ((1UL << 55) - 1)))
		die("the page has no PFN in pagemap (not present, or not root)");
	return (entry & ((1UL << 55) - 1)) * PAGE;
}

/* Writes @value to the EINJ debugfs file @name; dies naming it on error. */
static void einj_write(const char *name, const char *value)
{
	static char path[96];
	const char *dir = "/sys/kernel/debug/apei/einj/";
	long fd, i = 0, j;

	for (j = 0; dir[j]; j++)
		path[i++] = dir[j];
	for (j = 0; name[j] && i < 95; j++)
		path[i++] = name[j];
	path[i] = 0;
	fd = sys(SYS_openat, AT_FDCWD, (long)path, O_RDWR, 0, 0, 0);
	if (fd < 0)
		die("cannot open an EINJ debugfs file");
	if (sys(SYS_write, fd, (long)value, len(value), 0, 0, 0) != len(value)) {
		put("mce-victim: EINJ refused ");
		put(name);
		put("\n");
		die("EINJ injection failed");
	}
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
}

/* "0x" and @v in hex, in a static buffer. */
static const char *hex(u64 v)
{
	static char out[19];
	int i, n = 2;

	out[0] = '0';
	out[1] = 'x';
	for (i = 60; i > 0 && !(v >> i); i -= 4)
		;
	for (; i >= 0; i -= 4)
		out[n++] = "0123456789abcdef"[(v >> i) & 0xf];
	out[n] = 0;
	return out;
}

static int run(int argc, char **argv)
{
	struct kernel_sigaction sa = { .handler = on_sigbus, .flags = SA_SIGINFO | SA_NODEFER };
	volatile u32 *trigger;
	u64 pa, offset;
	long total, fd, m, i;

	int einj = argc == 3 && argv[1][0] == 'e';
	unsigned long cpu0 = 1;

	if (argc != 5 && !einj)
		die("usage: mce-victim RECORD PA_OFFSET BLOCK TRIGGER | mce-victim einj TRIGGER");
	m = sys(SYS_mmap, 0, PAGE, PROT_RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m < 0 && m > -4096)
		die("cannot map a page");
	page = m;
	for (i = 0; i < (long)PAGE; i++)
		((volatile unsigned char *)page)[i] = 0x5a;
	pa = physical_address(page);
	put("mce-victim: page ");
	put_hex(page);
	put(" is at physical address ");
	put_hex(pa);
	put("\n");

	if (!einj) {
		total = read_record(argv[1], record, MAX_RECORD);
		offset = parse(argv[2]);
		if (offset + 8 > (u64)total)
			die("PA_OFFSET is outside the record");
		for (i = 0; i < 8; i++)
			record[offset + i] = (unsigned char)(pa >> (8 * i));
	}
	if (sys(SYS_rt_sigaction, SIGBUS, (long)&sa, 0, 8, 0, 0))
		die("cannot install the SIGBUS handler");
	fd = sys(SYS_openat, AT_FDCWD, (long)"/dev/mem", O_RDWR | O_SYNC, 0, 0, 0);
	if (fd < 0)
		die("cannot open /dev/mem");
	m = sys(SYS_mmap, 0, PAGE, PROT_READ, MAP_SHARED, fd, parse(argv[einj ? 2 : 4]));
	if (m < 0 && m > -4096)
		die("cannot map the trigger address");
	trigger = (volatile u32 *)m;
	trigger_page = m;

	if (einj) {
		if (sys(SYS_sched_setaffinity, 0, sizeof(cpu0), (long)&cpu0, 0, 0, 0))
			die("cannot pin to CPU 0");
		einj_write("error_type", "0x10");
		einj_write("flags", "0x2");
		einj_write("param1", hex(pa));
		einj_write("param2", "0xfffffffffffff000");
		einj_write("notrigger", "1");
		einj_write("error_inject", "1");
		put("mce-victim: EINJ injected memory uncorrectable non-fatal at ");
		put(hex(pa));
		put("; consuming the error (a real SEA)\n");
	} else {
		write_record_phys(parse(argv[3]), record, total);
		put("mce-victim: record written; consuming the error (a real SEA)\n");
	}
	(void)*trigger;
	put("mce-victim: the load returned: no SIGBUS\n");
	return 2;
}
