/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall wrappers, one per call of parapet/hypercall.h
 * (docs/hypercalls.md; the register contract of each in
 * docs/guest-kit.md, "Hypercalls"). Each is one VMMCALL:
 *   in:  RAX = call number, RBX = selector, RCX, RDX = arguments
 *   out: RAX = status (PP_HC_OK or a negative PP_HC_E*), RBX, RCX, RDX =
 *        results; the hypervisor preserves every other register.
 * RBX, RCX and RDX are therefore in-out operands of every call, RSI and
 * RDI (arguments no call uses yet) plain inputs. The "memory" clobber
 * orders the call against the buffers it reads (console) or maps (logs).
 * Result pointers may be NULL. Intel's VMCALL is a later build option.
 */
#ifndef GUEST_KIT_HC_H
#define GUEST_KIT_HC_H

#include <stddef.h>
#include <stdint.h>
#include <parapet/hypercall.h>

struct gk_hc_regs {
	uint64_t rbx, rcx, rdx;
};

/* The one VMMCALL: r carries RBX/RCX/RDX in and their results out. */
static inline int64_t gk_vmmcall(uint64_t nr, struct gk_hc_regs *r)
{
	uint64_t rax = nr, rbx = r->rbx, rcx = r->rcx, rdx = r->rdx;
	__asm__ volatile("vmmcall"
			 : "+a"(rax), "+b"(rbx), "+c"(rcx), "+d"(rdx)
			 : "S"(0ull), "D"(0ull)
			 : "memory");
	r->rbx = rbx;
	r->rcx = rcx;
	r->rdx = rdx;
	return (int64_t)rax;
}

static inline void gk_hc_put(uint64_t *p, uint64_t v)
{
	if (p)
		*p = v;
}

/* PP_HC_VERSION -> *abi = RBX (PP_HC_ABI_VERSION). */
static inline int64_t gk_hc_version(uint64_t *abi)
{
	struct gk_hc_regs r = {0, 0, 0};
	int64_t st = gk_vmmcall(PP_HC_VERSION, &r);
	if (st == PP_HC_OK)
		gk_hc_put(abi, r.rbx);
	return st;
}

/* PP_HC_PART_INFO -> *id = RBX (own partition id), *ncaps = RCX. */
static inline int64_t gk_hc_part_info(uint64_t *id, uint64_t *ncaps)
{
	struct gk_hc_regs r = {0, 0, 0};
	int64_t st = gk_vmmcall(PP_HC_PART_INFO, &r);
	if (st == PP_HC_OK) {
		gk_hc_put(id, r.rbx);
		gk_hc_put(ncaps, r.rcx);
	}
	return st;
}

/* PP_HC_CAP_INFO, RBX = sel -> RBX type, RCX target, RDX rights. */
static inline int64_t gk_hc_cap_info(uint64_t sel, uint64_t *type, uint64_t *target,
				     uint64_t *rights)
{
	struct gk_hc_regs r = {sel, 0, 0};
	int64_t st = gk_vmmcall(PP_HC_CAP_INFO, &r);
	if (st == PP_HC_OK) {
		gk_hc_put(type, r.rbx);
		gk_hc_put(target, r.rcx);
		gk_hc_put(rights, r.rdx);
	}
	return st;
}

/* PP_HC_DEV_INFO, RBX = index among its own devices, RCX = BAR (0-5) ->
 * *bdf = RBX (segment << 16 | bus << 8 | devfn), *base = RCX (the BAR's
 * gpa, 0: not a mapped memory BAR), *size = RDX. */
static inline int64_t gk_hc_dev_info(uint64_t index, uint64_t bar, uint64_t *bdf, uint64_t *base,
				     uint64_t *size)
{
	struct gk_hc_regs r = {index, bar, 0};
	int64_t st = gk_vmmcall(PP_HC_DEV_INFO, &r);
	if (st == PP_HC_OK) {
		gk_hc_put(bdf, r.rbx);
		gk_hc_put(base, r.rcx);
		gk_hc_put(size, r.rdx);
	}
	return st;
}

/* PP_HC_DEV_IRQ, RBX = index among its own devices, RCX = the virtual
 * vector its MSI becomes (PP_HC_IRQ_VECTOR_MIN .. MAX), RDX = 1 on / 0
 * off: the status. */
static inline int64_t gk_hc_dev_irq(uint64_t index, uint64_t vector, uint64_t on)
{
	struct gk_hc_regs r = {index, vector, on};
	return gk_vmmcall(PP_HC_DEV_IRQ, &r);
}

/* PP_HC_CONSOLE_WRITE, RBX = sel (console), RCX = buf (its guest-physical
 * address: RAM is identity mapped), RDX = len <= PP_HC_CONSOLE_MAX. */
static inline int64_t gk_hc_console_write(uint64_t sel, const void *buf, size_t len)
{
	struct gk_hc_regs r = {sel, (uint64_t)(uintptr_t)buf, len};
	return gk_vmmcall(PP_HC_CONSOLE_WRITE, &r);
}

/* PP_HC_LOG_MAP, RBX = sel (event/fault-log read), RCX = which
 * (PP_HC_LOG_*), RDX = gpa to map it at, read-only -> *len = RBX. */
static inline int64_t gk_hc_log_map(uint64_t sel, uint64_t which, uint64_t gpa, uint64_t *len)
{
	struct gk_hc_regs r = {sel, which, gpa};
	int64_t st = gk_vmmcall(PP_HC_LOG_MAP, &r);
	if (st == PP_HC_OK)
		gk_hc_put(len, r.rbx);
	return st;
}

/* PP_HC_PART_STOP, RBX = sel (control of the target). */
static inline int64_t gk_hc_part_stop(uint64_t sel)
{
	struct gk_hc_regs r = {sel, 0, 0};
	return gk_vmmcall(PP_HC_PART_STOP, &r);
}

/* PP_HC_PART_RESTART, RBX = sel (control of the target). */
static inline int64_t gk_hc_part_restart(uint64_t sel)
{
	struct gk_hc_regs r = {sel, 0, 0};
	return gk_vmmcall(PP_HC_PART_RESTART, &r);
}

/* PP_HC_CHAN_SIGNAL, RBX = sel (channel end with PP_HC_RIGHT_SIGNAL). */
static inline int64_t gk_hc_chan_signal(uint64_t sel)
{
	struct gk_hc_regs r = {sel, 0, 0};
	return gk_vmmcall(PP_HC_CHAN_SIGNAL, &r);
}

#endif
