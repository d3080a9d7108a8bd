// SPDX-License-Identifier: GPL-2.0-only
/* A Linux partition's platform at run time (lvm.h). */
#include <parapet/string.h>
#include <parapet/x86.h>
#include "hypervisor/arch/x86_64/lapic.h"
#include "hypervisor/core/console.h"
#include "hypervisor/core/linux/lvm.h"

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

int lnx_vm_init(struct lnx_vm *vm, const char *name, u32 apic_id, u32 tsc_khz, u8 phys_bits,
		struct pp_err *err)
{
	memset(vm, 0, sizeof(*vm));
	vm->name = name;
	int rc = vcpuid_init(&vm->cpuid, host_cpuid, NULL, apic_id, tsc_khz, err);
	if (!rc)
		rc = vmsr_vcpu_init(&vm->msr, 0, phys_bits, err);
	if (!rc)
		rc = vapic_init(&vm->apic, 1, &apic_id, err);
	if (rc)
		return rc;
	const struct vports_cfg cfg = {.tx = tx, .now = NULL, .ctx = vm};
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

enum vports_action lnx_vm_io(struct lnx_vm *vm, u16 port, u8 size, bool in, u32 *val)
{
	if (vm->has_pci && pci_port(port, size)) {
		vm->x[LNX_X_IO_OTHER]++;
		/* VPCI_MSI: nothing to do here, the device's interrupt table
		 * already limits every message to this core (dma_linux.c) */
		(void)vpci_io(&vm->pci, port, size, in, val);
		return VPORTS_DONE;
	}

	if (port >= VPORTS_UART_BASE && port < VPORTS_UART_BASE + 8)
		vm->x[LNX_X_IO_UART]++;
	else if ((port >= VPORTS_PIT_BASE && port <= VPORTS_PIT_BASE + 3) || port == VPORTS_PORT_B)
		vm->x[LNX_X_IO_PIT]++;
	else if (port == VPORTS_CMOS_INDEX || port == VPORTS_CMOS_DATA)
		vm->x[LNX_X_IO_CMOS]++;
	else
		vm->x[LNX_X_IO_OTHER]++;
	return vports_io(&vm->ports, port, size, in, val);
}

static void send_fixed(u8 apic_id, u8 vector)
{
	lapic_write(VAPIC_ICR_HIGH, (u32)apic_id << VAPIC_ICR_DEST_SHIFT);
	lapic_write(VAPIC_ICR_LOW, LVM_ICR_FIXED_ASSERT | vector);
}

bool lnx_vm_apic_write(struct lnx_vm *vm, u32 off, u32 value, u32 size)
{
	struct vapic_action a;
	struct pp_err err;
	vm->x[LNX_X_APIC]++;
	if (vapic_write(&vm->apic, 0, off, value, size, &a, &err)) {
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
	case VAPIC_STORED:
	case VAPIC_DROP: return true;
	case VAPIC_INIT:
	case VAPIC_SIPI: /* to a sibling vCPU: one vCPU today (SMP is planned) */
	default:
		if (vm->apic_refused++ < LVM_REFUSAL_LINES)
			hv_printf("%s: refused xAPIC write 0x%x at offset 0x%x: %s\n", vm->name,
				  value, off,
				  a.kind == VAPIC_REFUSE ? vapic_reason_name(a.reason)
							 : "INIT/SIPI to a sibling (one vCPU)");
		return false;
	}
}

void lnx_vm_report(struct lnx_vm *vm)
{
	const u64 *x = vm->x;
	u64 total = 0;
	for (u32 i = 0; i < LNX_X_COUNT; i++)
		total += x[i];
	flush_line(vm);
	hv_printf("%s: exits %llu: cpuid %llu, rdmsr %llu, wrmsr %llu (%llu #GP), io uart %llu, "
		  "io pit %llu, io cmos %llu, io other %llu, xapic %llu (%llu refused), "
		  "wbinvd %llu, ud %llu, nmi %llu, other %llu\n",
		  vm->name, (unsigned long long)total, (unsigned long long)x[LNX_X_CPUID],
		  (unsigned long long)x[LNX_X_RDMSR], (unsigned long long)x[LNX_X_WRMSR],
		  (unsigned long long)vm->msr_gp, (unsigned long long)x[LNX_X_IO_UART],
		  (unsigned long long)x[LNX_X_IO_PIT], (unsigned long long)x[LNX_X_IO_CMOS],
		  (unsigned long long)x[LNX_X_IO_OTHER], (unsigned long long)x[LNX_X_APIC],
		  (unsigned long long)vm->apic_refused, (unsigned long long)x[LNX_X_WBINVD],
		  (unsigned long long)x[LNX_X_UD], (unsigned long long)x[LNX_X_NMI],
		  (unsigned long long)x[LNX_X_OTHER]);
	if (vm->has_pci) {
		const struct vpci_counts *n = &vm->pci.n;
		u64 refused = 0;
		for (u32 r = 0; r < VPCI_R_COUNT; r++)
			refused += n->refused[r];
		hv_printf("%s: pci: %llu reads, %llu writes (%llu to the device, %llu BAR sizings, "
			  "%llu MSI), %llu filtered\n",
			  vm->name, (unsigned long long)n->reads, (unsigned long long)n->writes,
			  (unsigned long long)n->phys_writes, (unsigned long long)n->bar_sizing,
			  (unsigned long long)n->msi_writes, (unsigned long long)refused);
	}
	struct vports_port top[4];
	u32 n = vports_top(&vm->ports, top, 4);
	for (u32 i = 0; i < n; i++)
		hv_printf("%s: unknown port 0x%x: %llu accesses\n", vm->name, top[i].port,
			  (unsigned long long)top[i].count);
}
