// SPDX-License-Identifier: GPL-2.0
/*
 * lab_serror.ko: the lab firmware's SError, a real one with a chosen syndrome, by one of two
 * routes, chosen at load:
 *
 * - "el3" (the lab's "tfa" firmware, tools/firmware/patches/tfa-0002-*): the SiP call
 *   0xC200EE01 with the ESR in x1; Trusted Firmware-A synthesizes the SError exception into
 *   EL1 at once, as EL3 firmware reflects an error to the OS (ESR_EL1, ELR_EL1 = after the
 *   SMC, SPSR_EL1, VBAR_EL1 + 0x380), with the SMC's result already 0, so do_serror()
 *   returns to the SMC's caller. With PSTATE.A masked EL3 refuses (result 2): it cannot
 *   leave an SError pending for the OS to take at unmask.
 *
 * - "el2" (QEMU's default firmware, no EL3): Arm ARM D1.3.4 (virtual SError) and D24.2.207
 *   (VSESR_EL2): with HCR_EL2.AMO and HCR_EL2.VSE set, EL1 takes an SError exception whose
 *   ESR_EL1 is EC 0x2f with the ISS (IDS and ISS[23:0]) of VSESR_EL2, as soon as PSTATE.A
 *   allows. QEMU 10.0 under TCG implements both registers.
 *
 * The el2 route needs the kernel at EL1 under the hyp stub (tools/lab "lab-machine:
 * virtualization": -M virt,virtualization=on and id_aa64mmfr1.vh=0). The stub's
 * HVC_SOFT_RESTART branches, at EL2 with its MMU off, to a physical address with three
 * arguments; this module passes the address of lab_serror_el2 below, which writes
 * VSESR_EL2, sets HCR_EL2.AMO|VSE and returns to EL1. Nothing else at EL2 changes, and no
 * physical SError can arrive under TCG, so leaving AMO set is harmless.
 *
 * Interface: write "ESR" or "ESR masked" to /sys/kernel/debug/lab_serror/raise. The SError
 * is raised on the writer's CPU (pin the writer with taskset), in the writer's context:
 * do_serror() interrupts that task. "masked" raises it with PSTATE.A (and the other DAIF
 * bits) masked, prints whether it is pending (ISR_EL1.A), then unmasks: the SError is taken
 * at the unmasking instruction (el2); on el3 the write fails with EBUSY, EL3's refusal.
 * /sys/kernel/debug/lab_serror/route says which route was chosen. Lab use only.
 */
#define pr_fmt(fmt) "lab_serror: " fmt

#include <linux/arm-smccc.h>
#include <linux/bits.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/daifflags.h>
#include <asm/esr.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

/*
 * Runs at EL2 with the MMU off, entered from the hyp stub's HVC_SOFT_RESTART with the
 * VSESR_EL2 value in x0. 64-byte aligned and shorter than 64 bytes: never split across two
 * pages, so one physical address reaches all of it.
 */
void lab_serror_el2(void);
asm(".pushsection .text, \"ax\"\n"
	".balign 64\n"
	".type lab_serror_el2, %function\n"
	"lab_serror_el2:\n"
	"	msr	S3_4_C5_C2_3, x0\n"	/* VSESR_EL2 */
	"	mrs	x1, hcr_el2\n"
	"	orr	x1, x1, #(1 << 5)\n"	/* HCR_EL2.AMO */
	"	orr	x1, x1, #(1 << 8)\n"	/* HCR_EL2.VSE */
	"	msr	hcr_el2, x1\n"
	"	isb\n"
	"	mov	x0, xzr\n"
	"	eret\n"
	".size lab_serror_el2, . - lab_serror_el2\n"
	".popsection\n");

/* tools/firmware/patches/tfa-0002-*: the SiP call and its results. */
#define LAB_SIP_GHES_SERROR 0xC200EE01
#define LAB_SERROR_TAKEN 0
#define LAB_SERROR_MASKED 2

static phys_addr_t el2_entry;
static bool route_el3;
static struct dentry *dir;

/*
 * Asks EL3 for an SError with syndrome @esr on this CPU: taken before the SMC returns.
 * Returns the SMC's result (LAB_SERROR_TAKEN once do_serror() returned). Context:
 * preemption off.
 */
static unsigned long raise_el3(u64 esr)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_invoke(LAB_SIP_GHES_SERROR, esr, &res);
	return res.a0;
}

/* Pends a virtual SError with syndrome ISS @iss on this CPU. Context: preemption off. */
static void raise_here(u64 iss)
{
	register u64 x0 asm("x0") = HVC_SOFT_RESTART;
	register u64 x1 asm("x1") = el2_entry;
	register u64 x2 asm("x2") = iss;
	register u64 x3 asm("x3") = 0;
	register u64 x4 asm("x4") = 0;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
		     :
		     : "memory");
}

static ssize_t raise_write(struct file *file, const char __user *ubuf, size_t len,
			   loff_t *ppos)
{
	char buf[64], word[16] = "";
	unsigned long flags;
	bool masked, pending;
	u64 esr;
	int cpu;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%llx %15s", &esr, word) < 1)
		return -EINVAL;
	masked = !strcmp(word, "masked");
	if (!masked && word[0])
		return -EINVAL;
	if (ESR_ELx_EC(esr) != ESR_ELx_EC_SERROR)
		return -EINVAL;

	cpu = get_cpu();
	/* Not printed for every SError: a storm would flood the console. */
	pr_debug("CPU%d: raising an SError, ESR 0x%llx\n", cpu, esr);
	if (route_el3) {
		unsigned long ret;

		if (masked) {
			pr_info("CPU%d: raising an SError, ESR 0x%llx, PSTATE.A masked\n", cpu, esr);
			flags = local_daif_save();
			ret = raise_el3(esr);
			local_daif_restore(flags);
		} else {
			ret = raise_el3(esr);
		}
		put_cpu();
		if (ret == LAB_SERROR_TAKEN)
			return len;
		if (ret == LAB_SERROR_MASKED) {
			pr_info("CPU%d: EL3 refused the SError: PSTATE.A is masked\n", cpu);
			return -EBUSY;
		}
		pr_err("CPU%d: EL3 refused the SError: result %ld\n", cpu, (long)ret);
		return -EIO;
	}
	if (masked) {
		pr_info("CPU%d: raising an SError, ESR 0x%llx, PSTATE.A masked\n", cpu, esr);
		flags = local_daif_save();
		raise_here(esr & ESR_ELx_ISS_MASK);
		pending = read_sysreg(isr_el1) & ISR_EL1_A;
		pr_info("CPU%d: SError %s while PSTATE.A is masked (ISR_EL1.A=%d)\n", cpu,
			pending ? "pending" : "NOT pending", pending);
		local_daif_restore(flags);
		pr_info("CPU%d: PSTATE.A unmasked\n", cpu);
	} else {
		raise_here(esr & ESR_ELx_ISS_MASK);
	}
	put_cpu();
	return len;
}

static const struct file_operations raise_fops = {
	.owner = THIS_MODULE,
	.write = raise_write,
};

static int route_show(struct seq_file *m, void *v)
{
	seq_puts(m, route_el3 ? "el3\n" : "el2\n");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(route);

/* Whether EL3 has the lab's SError call: it refuses a syndrome that is not an SError's. */
static bool el3_has_serror_call(void)
{
	struct arm_smccc_res res;

	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC)
		return false;
	arm_smccc_1_1_invoke(LAB_SIP_GHES_SERROR, 0, &res);
	return (long)res.a0 == SMCCC_RET_INVALID_PARAMETER;
}

static int __init lab_serror_init(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned long va = (unsigned long)lab_serror_el2;

	if (el3_has_serror_call()) {
		route_el3 = true;
		pr_info("ready: SErrors from EL3 (SiP 0x%x)\n", LAB_SIP_GHES_SERROR);
	} else if (is_kernel_in_hyp_mode() ||
	    !((pfr0 >> ID_AA64PFR0_EL1_EL2_SHIFT) & 0xf) ||
	    !((pfr0 >> ID_AA64PFR0_EL1_RAS_SHIFT) & 0xf)) {
		pr_err("needs the lab's TF-A (SiP 0x%x), or the kernel at EL1 under the hyp stub, with FEAT_RAS (virtualization=on, id_aa64mmfr1.vh=0)\n",
		       LAB_SIP_GHES_SERROR);
		return -ENODEV;
	} else {
		el2_entry = page_to_phys(vmalloc_to_page((void *)va)) + offset_in_page(va);
		pr_info("ready: EL2 entry at %pa\n", &el2_entry);
	}
	dir = debugfs_create_dir("lab_serror", NULL);
	debugfs_create_file("raise", 0200, dir, NULL, &raise_fops);
	debugfs_create_file("route", 0400, dir, NULL, &route_fops);
	return 0;
}

static void __exit lab_serror_exit(void)
{
	debugfs_remove(dir);
}

module_init(lab_serror_init);
module_exit(lab_serror_exit);
MODULE_DESCRIPTION("ghes-rs lab: raise a real SError with a chosen syndrome");
MODULE_LICENSE("GPL");
