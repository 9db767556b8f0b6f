/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The freestanding runtime of the lab guest's programs (no libc for arm64 on the
 * build host): raw system calls, a message-and-exit, number parsing, and the
 * entry point, which calls the program's run(argc, argv). Define PROGRAM (the
 * name for messages) before including it.
 */
#ifndef LAB_GUEST_H
#define LAB_GUEST_H

typedef unsigned long u64;
typedef unsigned int u32;

static long sys(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}

#define SYS_openat 56
#define SYS_close 57
#define SYS_lseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_munmap 215
#define SYS_mmap 222
#define AT_FDCWD -100
#define O_RDONLY 0
#define O_RDWR 2
#define O_SYNC 04010000
#define PROT_RW 3
#define MAP_SHARED 1
#define PAGE 4096UL

/* CLOCK_MONOTONIC in nanoseconds (storm-fw's and sdei-storm's deadlines and rates). */
#define SYS_clock_gettime 113
#define CLOCK_MONOTONIC 1
struct timespec64 {
	long sec;
	long nsec;
};

static __attribute__((unused)) u64 now_ns(void)
{
	struct timespec64 t;

	sys(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&t, 0, 0, 0, 0);
	return (u64)t.sec * 1000000000ULL + (u64)t.nsec;
}

/* SIGBUS handlers (mce-victim, storm-fw): arm64's rt_sigaction() and its struct sigaction
 * (asm-generic, no SA_RESTORER: the kernel returns through the vDSO). */
#define SYS_rt_sigaction 134
#define SIGBUS 7
#define SA_SIGINFO 4
#define SA_NODEFER 0x40000000

struct kernel_sigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};
static long len(const char *s)
{
	long n = 0;

	while (s[n])
		n++;
	return n;
}

static __attribute__((noreturn)) void die(const char *msg)
{
	sys(SYS_write, 2, (long)PROGRAM ": ", len(PROGRAM) + 2, 0, 0, 0);
	sys(SYS_write, 2, (long)msg, len(msg), 0, 0, 0);
	sys(SYS_write, 2, (long)"\n", 1, 0, 0, 0);
	sys(SYS_exit, 1, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

static __attribute__((unused)) u64 parse(const char *s)
{
	u64 v = 0;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		die("bad number");
	for (; *s; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			die("bad number");
		v = v * base + d;
	}
	return v;
}

static __attribute__((unused)) void put(const char *s)
{
	sys(SYS_write, 1, (long)s, len(s), 0, 0, 0);
}

/* Writes @v in decimal, at least @digits digits, to standard output. */
static __attribute__((unused)) void put_dec_width(u64 v, int digits)
{
	char buf[21];
	int i = 20;

	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
		digits--;
	} while (v || digits > 0);
	put(buf + i);
}

/* Writes @v in decimal to standard output. */
static __attribute__((unused)) void put_dec(u64 v)
{
	put_dec_width(v, 1);
}

/* Writes "0x" and @v in hex to standard output. */
static __attribute__((unused)) void put_hex(u64 v)
{
	char out[19] = "0x";
	int i, n = 2;

	for (i = 60; i > 0 && !(v >> i); i -= 4)
		;
	for (; i >= 0; i -= 4)
		out[n++] = "0123456789abcdef"[(v >> i) & 0xf];
	out[n] = 0;
	put(out);
}

/* Reads FILE (at most @max bytes, a whole number of 32-bit words) into @buf; returns its size. */
static __attribute__((unused)) long read_record(const char *file, unsigned char *buf, long max)
{
	long fd, n, total = 0;

	fd = sys(SYS_openat, AT_FDCWD, (long)file, O_RDONLY, 0, 0, 0);
	if (fd < 0)
		die("cannot open the record file");
	while ((n = sys(SYS_read, fd, (long)buf + total, max - total, 0, 0, 0)) > 0)
		total += n;
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	if (n < 0 || total == 0 || (total & 3))
		die("the record file must hold whole 32-bit words (at most 64 KiB)");
	return total;
}

/*
 * Stores the record @buf of @total bytes at @dst, mapped error status block
 * memory, as firmware does: every 32-bit word but the first, a barrier, then
 * the first (block_status), so the OS never sees a half-written record.
 */
static __attribute__((unused)) void store_record(volatile u32 *dst, const unsigned char *buf,
						 long total)
{
	const u32 *src = (const u32 *)buf;
	long i;

	for (i = 1; i < total / 4; i++)
		dst[i] = src[i];
	__asm__ volatile("dsb sy" ::: "memory");
	dst[0] = src[0];
	__asm__ volatile("dsb sy" ::: "memory");
}

/* The physical address of GICD_ISPENDR<n>, whose bit makes SPI @gsi pending (GICv3). */
static __attribute__((unused)) u64 gicd_ispendr(u64 gicd, u64 gsi)
{
	return gicd + 0x200 + (gsi / 32) * 4;
}

/*
 * Writes the record @buf of @total bytes to physical address @addr through
 * /dev/mem, with store_record().
 */
static __attribute__((unused)) void write_record_phys(u64 addr, const unsigned char *buf,
						      long total)
{
	u64 base, size;
	long fd, n;

	if (addr & 3)
		die("the block address must be 4-byte aligned");
	base = addr & ~(PAGE - 1);
	size = ((addr + total + PAGE - 1) & ~(PAGE - 1)) - base;
	fd = sys(SYS_openat, AT_FDCWD, (long)"/dev/mem", O_RDWR | O_SYNC, 0, 0, 0);
	if (fd < 0)
		die("cannot open /dev/mem");
	n = sys(SYS_mmap, 0, size, PROT_RW, MAP_SHARED, fd, base);
	if (n < 0 && n > -4096)
		die("cannot map the block");
	store_record((volatile u32 *)(n + (addr - base)), buf, total);
	sys(SYS_munmap, n, size, 0, 0, 0, 0);
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
}

/*
 * Maps @len bytes of physical memory at @pa, of any alignment, through /dev/mem; returns the
 * address of @pa (the mapping covers the whole pages around it).
 */
static __attribute__((unused)) volatile unsigned char *map_phys_range(u64 pa, u64 len)
{
	u64 base = pa & ~(PAGE - 1);
	u64 size = ((pa + len + PAGE - 1) & ~(PAGE - 1)) - base;
	long fd, m;

	fd = sys(SYS_openat, AT_FDCWD, (long)"/dev/mem", O_RDWR | O_SYNC, 0, 0, 0);
	if (fd < 0)
		die("cannot open /dev/mem");
	m = sys(SYS_mmap, 0, size, PROT_RW, MAP_SHARED, fd, base);
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	if (m < 0 && m > -4096)
		die("cannot map physical memory");
	return (volatile unsigned char *)(m + (pa - base));
}

/* Maps the page holding physical address @addr through /dev/mem; returns the address. */
static __attribute__((unused)) volatile u64 *map_phys64(u64 addr)
{
	if (addr & 7)
		die("a 64-bit register must be 8-byte aligned");
	return (volatile u64 *)map_phys_range(addr, 8);
}

/* Reads the 64-bit register at physical address @addr. */
static __attribute__((unused)) u64 phys_read64(u64 addr)
{
	volatile u64 *r = map_phys64(addr);
	u64 v = *r;

	sys(SYS_munmap, (long)r & ~(PAGE - 1), PAGE, 0, 0, 0, 0);
	return v;
}

/* Writes @v to the 64-bit register at physical address @addr. */
static __attribute__((unused)) void phys_write64(u64 addr, u64 v)
{
	volatile u64 *r = map_phys64(addr);

	*r = v;
	__asm__ volatile("dsb sy" ::: "memory");
	sys(SYS_munmap, (long)r & ~(PAGE - 1), PAGE, 0, 0, 0, 0);
}

static int run(int argc, char **argv);

__attribute__((used)) static void start_c(long *sp)
{
	sys(SYS_exit, run((int)sp[0], (char **)(sp + 1)), 0, 0, 0, 0, 0);
}

__asm__(".global _start\n"
	"_start:\n"
	"	mov x0, sp\n"
	"	bl start_c\n");

#endif /* LAB_GUEST_H */
