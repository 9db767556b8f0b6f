// SPDX-License-Identifier: GPL-2.0
/*
 * lab_sdei: the lab firmware's SDEI doorbell, for tools/lab --firmware tfa (built by
 * tools/lab against the booted kernel, like every tools/lab-guest module).
 *
 * The lab plays the platform's RAS agent from inside the guest: a test writes a
 * CPER record into an SDEI-notified GHES's error status block (ACPI 6.5
 * 18.3.2.7), then asks Trusted Firmware-A at EL3 to notify the OS through its
 * SDEI dispatcher (Arm DEN0054, "Software Delegated Exception Interface"), with
 * the lab's SiP call (tools/firmware/patches/tfa-0001-*): the normal GHES event
 * is dispatched explicitly on the calling CPU, the critical one raised through
 * its secure SGI. The OS's SDEI handler runs before the call returns.
 *
 * Write "EVENT CPU [nest]" to /sys/kernel/debug/lab_sdei/raise: CPU is a CPU
 * number or "all" (every online CPU at once); "nest" pends the critical event
 * before a normal dispatch, so it interrupts the normal event's handler. The
 * write fails with EIO when the dispatcher refused the event (not registered or
 * not enabled by the OS, masked, or busy) and EINVAL when the firmware has no
 * such event. /sys/kernel/debug/lab_sdei/counts: "dispatched N refused N".
 */
#include <linux/arm-smccc.h>
#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define LAB_SIP_GHES_RAISE 0xC200EE00
#define LAB_GHES_NEST_CRITICAL 1

static struct dentry *lab_sdei_dir;
static atomic_t lab_sdei_dispatched = ATOMIC_INIT(0);
static atomic_t lab_sdei_refused = ATOMIC_INIT(0);

struct lab_sdei_call {
	unsigned long event;
	unsigned long flags;
	atomic_t refused;
	atomic_t unknown;
};

/* Context: IPI (hard irq, interrupts off) or the writer with interrupts off. */
static void lab_sdei_raise_here(void *arg)
{
	struct lab_sdei_call *call = arg;
	struct arm_smccc_res res;

	arm_smccc_1_1_invoke(LAB_SIP_GHES_RAISE, call->event, call->flags, &res);
	if (res.a0 == 0) {
		atomic_inc(&lab_sdei_dispatched);
	} else if (res.a0 == 1) {
		atomic_inc(&call->refused);
		atomic_inc(&lab_sdei_refused);
	} else {
		atomic_inc(&call->unknown);
	}
}

static ssize_t lab_sdei_raise_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct lab_sdei_call call = {};
	char buf[64], cpu_word[16] = "", flag_word[16] = "";
	unsigned int cpu;
	int fields;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	fields = sscanf(buf, "%lu %15s %15s", &call.event, cpu_word, flag_word);
	if (fields < 2)
		return -EINVAL;
	if (fields == 3) {
		if (strcmp(flag_word, "nest"))
			return -EINVAL;
		call.flags = LAB_GHES_NEST_CRITICAL;
	}
	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC)
		return -ENODEV;

	if (!strcmp(cpu_word, "all")) {
		cpus_read_lock();
		on_each_cpu(lab_sdei_raise_here, &call, 1);
		cpus_read_unlock();
	} else {
		if (kstrtouint(cpu_word, 0, &cpu) || cpu >= nr_cpu_ids || !cpu_online(cpu))
			return -EINVAL;
		if (smp_call_function_single(cpu, lab_sdei_raise_here, &call, 1))
			return -ENXIO;
	}
	if (atomic_read(&call.unknown))
		return -EINVAL;
	if (atomic_read(&call.refused))
		return -EIO;
	return count;
}

static const struct file_operations lab_sdei_raise_fops = {
	.owner = THIS_MODULE,
	.write = lab_sdei_raise_write,
	.llseek = noop_llseek,
};

static int lab_sdei_counts_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "dispatched %d refused %d\n", atomic_read(&lab_sdei_dispatched),
		   atomic_read(&lab_sdei_refused));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lab_sdei_counts);

static int __init lab_sdei_init(void)
{
	lab_sdei_dir = debugfs_create_dir("lab_sdei", NULL);
	debugfs_create_file("raise", 0200, lab_sdei_dir, NULL, &lab_sdei_raise_fops);
	debugfs_create_file("counts", 0400, lab_sdei_dir, NULL, &lab_sdei_counts_fops);
	return 0;
}

static void __exit lab_sdei_exit(void)
{
	debugfs_remove(lab_sdei_dir);
}

module_init(lab_sdei_init);
module_exit(lab_sdei_exit);
MODULE_DESCRIPTION("ghes-rs lab: SDEI doorbell to the lab's Trusted Firmware-A");
MODULE_LICENSE("GPL");
