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
#define MAX_RECORD 65536

static unsigned char buf[MAX_RECORD];

static long len(const char *s)
{
	long n = 0;

	while (s[n])
		n++;
	return n;
}

static __attribute__((noreturn)) void die(const char *msg)
{
	sys(SYS_write, 2, (long)"fwpoke: ", 8, 0, 0, 0);
	sys(SYS_write, 2, (long)msg, len(msg), 0, 0, 0);
	sys(SYS_write, 2, (long)"\n", 1, 0, 0, 0);
	sys(SYS_exit, 1, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

static u64 parse(const char *s)
{
	u64 v = 0;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		die("bad address");
	for (; *s; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			die("bad address");
		v = v * base + d;
	}
	return v;
}

static int run(int argc, char **argv)
{
	u64 addr, base, size;
	long fd, n, total = 0;
	volatile u32 *dst;
	const u32 *src = (const u32 *)buf;
	long i;

	if (argc != 3)
		die("usage: fwpoke ADDR FILE");
	addr = parse(argv[1]);
	if (addr & 3)
		die("ADDR must be 4-byte aligned");
	fd = sys(SYS_openat, AT_FDCWD, (long)argv[2], O_RDONLY, 0, 0, 0);
	if (fd < 0)
		die("cannot open FILE");
	while ((n = sys(SYS_read, fd, (long)buf + total, MAX_RECORD - total, 0, 0, 0)) > 0)
		total += n;
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	if (n < 0 || total == 0 || (total & 3))
		die("FILE must hold whole 32-bit words (at most 64 KiB)");

	base = addr & ~(PAGE - 1);
	size = ((addr + total + PAGE - 1) & ~(PAGE - 1)) - base;
	fd = sys(SYS_openat, AT_FDCWD, (long)"/dev/mem", O_RDWR | O_SYNC, 0, 0, 0);
	if (fd < 0)
		die("cannot open /dev/mem");
	n = sys(SYS_mmap, 0, size, PROT_RW, MAP_SHARED, fd, base);
	if (n < 0 && n > -4096)
		die("cannot map the block");
	dst = (volatile u32 *)(n + (addr - base));
	for (i = 1; i < total / 4; i++)
		dst[i] = src[i];
	__asm__ volatile("dsb sy" ::: "memory");
	dst[0] = src[0];
	__asm__ volatile("dsb sy" ::: "memory");
	sys(SYS_munmap, n, size, 0, 0, 0, 0);
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	return 0;
}

__attribute__((used)) static void start_c(long *sp)
{
	sys(SYS_exit, run((int)sp[0], (char **)(sp + 1)), 0, 0, 0, 0, 0);
}

__asm__(".global _start\n"
	"_start:\n"
	"	mov x0, sp\n"
	"	bl start_c\n");
