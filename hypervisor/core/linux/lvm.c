// SPDX-License-Identifier: GPL-2.0-only
/* A Linux partition's platform at run time (lvm.h). */
#include <parapet/fmt.h>
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/lapic.h"
#include "hypervisor/core/console.h"
#include "hypervisor/core/linux/lvm.h"
#include "hypervisor/core/wallclock.h"

/* ICR fields the forwarded IPI uses (SDM vol. 3A 11.6.1; APM vol. 2 16.5). */
#define LVM_ICR_FIXED_ASSERT (1u << 14) /* fixed delivery, physical, level assert */
#define LVM_REFUSAL_LINES 8u		/* refusals printed per kind; all are counted */

static void host_cpuid(void *ctx, u32 leaf, u32 sub, struct vcpuid_regs *out)
{
	(void)ctx;
	cpuid(leaf, sub, &out->eax, &out->ebx, &out->ecx, &out->edx);
}

static void flush_line(struct lnx_vm *vm)
{
	if (!vm->line_len)
		return;
	vm->line[vm->line_len] = 0;
	hv_printf("%s: %s\n", vm->name, vm->line);
	vm->line_len = 0;
}

/* The 16550's transmitter: the guest's console, a line at a time, with
 * what the hypervisor console cannot show replaced by '?'. */
static void tx(void *ctx, u8 c)
{
	struct lnx_vm *vm = ctx;
	if (c == '\n') {
		flush_line(vm);
		return;
	}
	if (c == '\r')
		return;
	vm->line[vm->line_len++] = (c >= 0x20 && c < 0x7f) || c == '\t' ? (char)c : '?';
	if (vm->line_len == LNX_LINE_MAX)
		flush_line(vm);
}

/* The CMOS clock shows the hypervisor's wall clock (wallclock.h). */
static u64 wall(void *ctx)
{
	(void)ctx;
	return wallclock_now();
}

int lnx_vm_init(struct lnx_vm *vm, const char *name, u32 cpu_count, const u32 *apic_ids,
		u32 tsc_khz, u8 phys_bits, lnx_sibling_fn sibling, void *ctx, struct pp_err *err)
{
	if (cpu_count < 1 || cpu_count > LNX_MAX_VCPUS)
		return pp_fail(err, PP_ERANGE, "%u vCPUs, 1 to %u", cpu_count, LNX_MAX_VCPUS);
	memset(vm, 0, sizeof(*vm));
	vm->name = name;
	vm->cpu_count = cpu_count;
	vm->sibling = sibling;
	vm->sibling_ctx = ctx;
	int rc = PP_OK;
	for (u32 i = 0; !rc && i < cpu_count; i++) {
		rc = vcpuid_init(&vm->cpu[i].cpuid, host_cpuid, NULL, apic_ids[i], tsc_khz, err);
		if (!rc)
			rc = vmsr_vcpu_init(&vm->cpu[i].msr, i, phys_bits, err);
	}
	if (!rc)
		rc = vapic_init(&vm->apic, cpu_count, apic_ids, err);
	if (rc)
		return rc;
	const struct vports_cfg cfg = {.tx = tx, .now = wall, .ctx = vm};
	vports_init(&vm->ports, &cfg);
	return PP_OK;
}

int lnx_vm_pci_init(struct lnx_vm *vm, const struct vpci_cfg *cfg, struct pp_err *err)
{
	vm->has_pci = false;
	int rc = vpci_init(&vm->pci, cfg, err);
	if (!rc)
		vm->has_pci = true;
	return rc;
}

/* Is [port, port + size) conf1's (vpci.h)? A byte at 0xCF9 is the reset
 * register's (vports.h) and stays there. */
static bool pci_port(u16 port, u8 size)
{
	return port >= VPCI_ADDR_PORT && port <= VPCI_DATA_PORT + 3u &&
	       !(port == VPCI_ADDR_PORT + 1u && size == 1);
}

enum vports_action lnx_vm_io(struct lnx_vm *vm, u32 vcpu, u16 port, u8 size, bool in, u32 *val)
{
	u64 *x = vm->cpu[vcpu].x;
	if (vm->has_pci && pci_port(port, size)) {
		x[LNX_X_IO_OTHER]++;
		/* VPCI_MSI on AMD-Vi: nothing to do here, the device's interrupt
		 * table already limits every message to vCPU 0's core. On VT-d
		 * (the MSI shadow) the hypervisor's entry is rewritten for the
		 * guest's message, then the device enabled (dma_linux.c). One
		 * vCPU owns a device (policy-enforced): no other exit changes
		 * the shadow between the two. */
		spin_lock(&vm->lock);
		const bool trap = vpci_io(&vm->pci, port, size, in, val) == VPCI_MSI &&
				  vm->pci.cfg.msi_remap && vm->msi;
		u64 addr = 0;
		u32 data = 0;
		const bool enabled = trap && vpci_msi_shadow(&vm->pci, &addr, &data);
		spin_unlock(&vm->lock);
		if (trap) {
			vm->msi(vm->msi_ctx, enabled, addr, data);
			spin_lock(&vm->lock);
			vpci_msi_commit(&vm->pci);
			spin_unlock(&vm->lock);
		}
		return VPORTS_DONE;
	}
	if (port >= VPORTS_UART_BASE && port < VPORTS_UART_BASE + 8)
		x[LNX_X_IO_UART]++;
	else if ((port >= VPORTS_PIT_BASE && port <= VPORTS_PIT_BASE + 3) || port == VPORTS_PORT_B)
		x[LNX_X_IO_PIT]++;
	else if (port == VPORTS_CMOS_INDEX || port == VPORTS_CMOS_DATA)
		x[LNX_X_IO_CMOS]++;
	else
		x[LNX_X_IO_OTHER]++;
	spin_lock(&vm->lock);
	enum vports_action a = vports_io(&vm->ports, port, size, in, val);
	spin_unlock(&vm->lock);
	return a;
}

static void send_fixed(u8 apic_id, u8 vector)
{
	lapic_write(VAPIC_ICR_HIGH, (u32)apic_id << VAPIC_ICR_DEST_SHIFT);
	lapic_write(VAPIC_ICR_LOW, LVM_ICR_FIXED_ASSERT | vector);
}

bool lnx_vm_apic_write(struct lnx_vm *vm, u32 vcpu, u32 off, u32 value, u32 size)
{
	struct vapic_action a;
	struct pp_err err;
	struct lnx_vcpu *c = &vm->cpu[vcpu];
	c->x[LNX_X_APIC]++;
	if (vapic_write(&vm->apic, vcpu, off, value, size, &a, &err)) {
		hv_printf("%s: xAPIC write at 0x%x not filtered: %s\n", vm->name, off, err.msg);
		return false;
	}
	switch (a.kind) {
	case VAPIC_WRITE: lapic_write(a.reg, a.value); return true;
	case VAPIC_IPI:
		for (u32 i = 0; i < vm->apic.cpu_count; i++)
			if (a.targets & (1ull << i))
				send_fixed(vm->apic.apic_id[i], a.vector);
		return true;
	case VAPIC_INIT:
	case VAPIC_SIPI:
		/* emulated: a real INIT would reset the core under the
		 * hypervisor (vapic.h); the targets are this partition's other
		 * vCPUs (vapic_icr) */
		if (vm->sibling)
			vm->sibling(vm->sibling_ctx, vcpu, a.kind == VAPIC_SIPI, a.targets,
				    a.vector);
		return true;
	case VAPIC_STORED:
	case VAPIC_DROP: return true;
	default:
		if (c->apic_refused++ < LVM_REFUSAL_LINES)
			hv_printf("%s: refused xAPIC write 0x%x at offset 0x%x (vCPU %u): %s\n",
				  vm->name, value, off, vcpu, vapic_reason_name(a.reason));
		return false;
	}
}

static void report_line(const char *name, const char *who, const u64 *x, u64 msr_gp,
			u64 apic_refused)
{
	u64 total = 0;
	for (u32 i = 0; i < LNX_X_COUNT; i++)
		total += x[i];
	hv_printf("%s: %sexits %llu: cpuid %llu, rdmsr %llu, wrmsr %llu (%llu #GP), io uart %llu, "
		  "io pit %llu, io cmos %llu, io other %llu, xapic %llu (%llu refused), "
		  "wbinvd %llu, ud %llu, nmi %llu, other %llu\n",
		  name, who, (unsigned long long)total, (unsigned long long)x[LNX_X_CPUID],
		  (unsigned long long)x[LNX_X_RDMSR], (unsigned long long)x[LNX_X_WRMSR],
		  (unsigned long long)msr_gp, (unsigned long long)x[LNX_X_IO_UART],
		  (unsigned long long)x[LNX_X_IO_PIT], (unsigned long long)x[LNX_X_IO_CMOS],
		  (unsigned long long)x[LNX_X_IO_OTHER], (unsigned long long)x[LNX_X_APIC],
		  (unsigned long long)apic_refused, (unsigned long long)x[LNX_X_WBINVD],
		  (unsigned long long)x[LNX_X_UD], (unsigned long long)x[LNX_X_NMI],
		  (unsigned long long)x[LNX_X_OTHER]);
}

/* Called once every vCPU has stopped (partition_lsmp.c): the counters are
 * no longer written. */
void lnx_vm_report(struct lnx_vm *vm)
{
	u64 x[LNX_X_COUNT] = {0}, gp = 0, refused = 0;
	for (u32 c = 0; c < vm->cpu_count; c++) {
		for (u32 i = 0; i < LNX_X_COUNT; i++)
			x[i] += vm->cpu[c].x[i];
		gp += vm->cpu[c].msr_gp;
		refused += vm->cpu[c].apic_refused;
	}
	spin_lock(&vm->lock);
	flush_line(vm);
	spin_unlock(&vm->lock);
	/* the sum first: the tests read "NAME: exits N: ..." */
	report_line(vm->name, "", x, gp, refused);
	for (u32 c = 0; vm->cpu_count > 1 && c < vm->cpu_count; c++) {
		char who[24];
		pp_snprintf(who, sizeof(who), "vCPU %u ", c);
		report_line(vm->name, who, vm->cpu[c].x, vm->cpu[c].msr_gp,
			    vm->cpu[c].apic_refused);
	}
	if (vm->has_pci) {
		const struct vpci_counts *n = &vm->pci.n;
		u64 filtered = 0;
		for (u32 r = 0; r < VPCI_R_COUNT; r++)
			filtered += n->refused[r];
		hv_printf("%s: pci: %llu reads, %llu writes (%llu to the device, %llu BAR sizings, "
			  "%llu MSI), %llu filtered\n",
			  vm->name, (unsigned long long)n->reads, (unsigned long long)n->writes,
			  (unsigned long long)n->phys_writes, (unsigned long long)n->bar_sizing,
			  (unsigned long long)n->msi_writes, (unsigned long long)filtered);
	}
	struct vports_port top[4];
	u32 n = vports_top(&vm->ports, top, 4);
	for (u32 i = 0; i < n; i++)
		hv_printf("%s: unknown port 0x%x: %llu accesses\n", vm->name, top[i].port,
			  (unsigned long long)top[i].count);
}
