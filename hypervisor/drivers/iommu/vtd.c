// SPDX-License-Identifier: GPL-2.0-only
/* The VT-d remapping unit driver: bring-up, context entries, fault
 * draining (vtd.h). Host-tested against a register model
 * (tests/unit/test_vtd_drv.c, vtd_model.c). */
#include <parapet/acpi.h>
#include <parapet/string.h>
#include "hypervisor/drivers/iommu/vtd.h"
#include "hypervisor/drivers/iommu/vtd_qi.h"

#define ALL_ONES32 0xFFFFFFFFu
#define CACHE_LINE 64u

static u32 rd32(const struct vtd *u, u32 off)
{
	return u->env->rd32(u->env->ctx, u->base, off);
}

static u64 rd64(const struct vtd *u, u32 off)
{
	return u->env->rd64(u->env->ctx, u->base, off);
}

static void wr32(const struct vtd *u, u32 off, u32 v)
{
	u->env->wr32(u->env->ctx, u->base, off, v);
}

static void wr64(const struct vtd *u, u32 off, u64 v)
{
	u->env->wr64(u->env->ctx, u->base, off, v);
}

/* A unit without ECAP.C does not snoop its tables: the lines written must
 * reach memory before the unit is told to look (§6.6 "Handling of
 * Page-Walk Coherency"). */
static void sync_lines(const struct vtd *u, const void *p, u64 len)
{
	if (u->coherent)
		return;
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)(CACHE_LINE - 1);
	for (; a < (uintptr_t)p + len; a += CACHE_LINE)
		__asm__ volatile("clflush (%0)" : : "r"(a) : "memory");
	__asm__ volatile("mfence" : : : "memory");
}

int vtd_wait_gsts(struct vtd *u, u32 mask, u32 want, const char *what, struct pp_err *err)
{
	const struct iommu_env *env = u->env;
	u64 t0 = env->now_us(env->ctx);
	u32 sts;
	while (((sts = rd32(u, VTD_GSTS_REG)) & mask) != want) {
		if (env->now_us(env->ctx) - t0 >= IOMMU_TIMEOUT_US) {
			u->n.timeouts++;
			return pp_fail(err, PP_ETIMEOUT,
				       "vtd 0x%llx: %s: GSTS 0x%08x, bit 0x%08x not %s after %u us",
				       (unsigned long long)u->base, what, sts, mask,
				       want ? "set" : "clear", IOMMU_TIMEOUT_US);
		}
		env->relax(env->ctx);
	}
	return PP_OK;
}

static const char *cmd_name(u32 cmd)
{
	switch (cmd) {
	case VTD_GCMD_TE: return "TE";
	case VTD_GCMD_SRTP: return "SRTP";
	case VTD_GCMD_WBF: return "WBF";
	case VTD_GCMD_QIE: return "QIE";
	case VTD_GCMD_SIRTP: return "SIRTP";
	case VTD_GCMD_IRE: return "IRE";
	case VTD_GCMD_CFI: return "CFI";
	default: return "command";
	}
}

/*
 * §11.4.4.1: read GSTS, keep its persistent bits (not the one-shot
 * commands' statuses), change the one bit, write GCMD. The status of SRTP
 * sets when done; WBF's clears when done; TE and QIE follow the command.
 */
int vtd_gcmd(struct vtd *u, u32 cmd, bool on, struct pp_err *err)
{
	u32 v = rd32(u, VTD_GSTS_REG) & VTD_GCMD_KEEP;
	v = on ? (v | cmd) : (v & ~cmd);
	wr32(u, VTD_GCMD_REG, v);
	u->n.commands++;
	u32 want = on ? cmd : 0;
	if (cmd == VTD_GCMD_WBF)
		want = 0;
	return vtd_wait_gsts(u, cmd, want, cmd_name(cmd), err);
}

u32 vtd_depth(const struct vtd *u)
{
	return u->depth;
}

u32 vtd_leaf_mask(const struct vtd *u)
{
	return u->leaf_mask;
}

/* VER, CAP, ECAP: what the unit is and whether Parapet can drive it. */
static int read_caps(struct vtd *u, struct pp_err *err)
{
	unsigned long long b = (unsigned long long)u->base;
	u->ver = rd32(u, VTD_VER_REG);
	if (u->ver == ALL_ONES32 || VTD_VER_MAJOR(u->ver) < 1)
		return pp_fail(err, PP_EDEVICE, "vtd 0x%llx: VER_REG 0x%08x (no unit)", b, u->ver);
	u->cap = rd64(u, VTD_CAP_REG);
	u->ecap = rd64(u, VTD_ECAP_REG);
	/* Register-based invalidation (CCMD, IOTLB registers) is not
	 * implemented: every unit of VT-d 1.2 and later has QI, QEMU's too,
	 * and one invalidation path is one path to test. */
	if (!(u->ecap & VTD_ECAP_QI))
		return pp_fail(err, PP_ENOTSUP,
			       "vtd 0x%llx: ECAP 0x%016llx has no queued invalidation (QI, bit "
			       "1); register-based invalidation is not supported",
			       b, (unsigned long long)u->ecap);
	/* 4 levels where offered (48-bit DMA addresses), else 3 (39-bit: QEMU's
	 * default aw-bits=39); a unit with neither (57-bit 5-level only) is
	 * refused: no such unit is known. */
	if (u->cap & VTD_CAP_SAGAW_48)
		u->depth = 4;
	else if (u->cap & VTD_CAP_SAGAW_39)
		u->depth = 3;
	else
		return pp_fail(err, PP_ENOTSUP,
			       "vtd 0x%llx: CAP.SAGAW 0x%x offers neither 39-bit 3-level (bit 1) "
			       "nor 48-bit 4-level (bit 2) tables",
			       b, (u32)((u->cap & VTD_CAP_SAGAW_MASK) >> VTD_CAP_SAGAW_SHIFT));
	if (VTD_CAP_ND(u->cap) > 6)
		return pp_fail(err, PP_EDEVICE, "vtd 0x%llx: CAP.ND %u is reserved", b,
			       VTD_CAP_ND(u->cap));
	u->fro = VTD_CAP_FRO(u->cap);
	u->nfr = VTD_CAP_NFR(u->cap);
	if (u->fro < VTD_IQA_REG)
		return pp_fail(err, PP_EDEVICE,
			       "vtd 0x%llx: CAP.FRO 0x%x puts the fault records over the "
			       "architectural registers",
			       b, u->fro);
	u->domains = 1u << (4 + 2 * VTD_CAP_ND(u->cap));
	u->leaf_mask = PT_LEAF_4K;
	if (u->cap & VTD_CAP_SLLPS_2M) {
		u->leaf_mask |= PT_LEAF_2M;
		if (u->cap & VTD_CAP_SLLPS_1G)
			u->leaf_mask |= PT_LEAF_1G;
	}
	u->coherent = (u->ecap & VTD_ECAP_C) != 0;
	u->caching_mode = (u->cap & VTD_CAP_CM) != 0;
	return PP_OK;
}

/* CAP.RWBF: the unit buffers table writes until told to flush (§6.8). */
static int write_buffer_flush(struct vtd *u, struct pp_err *err)
{
	if (!(u->cap & VTD_CAP_RWBF))
		return PP_OK;
	return vtd_gcmd(u, VTD_GCMD_WBF, true, err);
}

int vtd_init(struct vtd *u, const struct iommu_env *env, u64 base, struct pp_err *err)
{
	int rc;
	memset(u, 0, sizeof(*u));
	u->env = env;
	u->base = base;
	rc = read_caps(u, err);
	if (rc)
		return rc;
	u->fw_te = (rd32(u, VTD_GSTS_REG) & VTD_GSTS_TES) != 0;
	rc = vtd_qi_takeover(u, err); /* before anything changes */
	if (rc)
		return rc;

	/* Default deny: 256 absent root entries (a zeroed page). */
	u->root = env->alloc(env->ctx, 1, 1, &u->root_hpa);
	if (!u->root)
		return pp_fail(err, PP_ENOMEM, "vtd 0x%llx: no page for the root table",
			       (unsigned long long)base);
	sync_lines(u, u->root, PP_PAGE_SIZE);
	rc = write_buffer_flush(u, err);
	if (rc)
		goto free_root;
	wr64(u, VTD_RTADDR_REG, u->root_hpa & VTD_RTADDR_ADDR); /* TTM 00: legacy */
	rc = vtd_gcmd(u, VTD_GCMD_SRTP, true, err);
	if (rc)
		return rc; /* the unit may hold the pointer: the page stays */
	rc = vtd_qi_init(u, err);
	if (rc)
		return rc;
	wr32(u, VTD_FECTL_REG, VTD_FECTL_IM);
	/* Forget whatever firmware's tables left in the caches (§6.5.2.1:
	 * after SRTP, global context-cache then global IOTLB). */
	rc = vtd_qi_submit(u, vtd_qi_cc_global(), 0, err);
	if (!rc)
		rc = vtd_qi_submit(u, vtd_qi_iotlb_global(), 0, err);
	if (!rc)
		rc = vtd_qi_wait(u, err);
	if (rc)
		return rc;
	if (!u->fw_te)
		rc = vtd_gcmd(u, VTD_GCMD_TE, true, err);
	return rc;

free_root:
	env->free(env->ctx, u->root, u->root_hpa, 1);
	u->root = NULL;
	return rc;
}

static int check_domain(const struct vtd *u, u16 domain, struct pp_err *err)
{
	if (domain == 0 || domain >= u->domains)
		return pp_fail(err, PP_ERANGE, "vtd 0x%llx: domain %u outside 1..%u (CAP.ND %u)",
			       (unsigned long long)u->base, domain, u->domains - 1,
			       VTD_CAP_ND(u->cap));
	return PP_OK;
}

static int ready(const struct vtd *u, struct pp_err *err)
{
	if (!u->root || !u->qi.ring)
		return pp_fail(err, PP_EINVAL, "vtd 0x%llx: unit not initialised",
			       (unsigned long long)u->base);
	return PP_OK;
}

/* Context-cache (device) + IOTLB (domain) invalidation and a wait. */
static int invalidate_device(struct vtd *u, u16 rid, u16 cc_did, u16 did, struct pp_err *err)
{
	int rc = write_buffer_flush(u, err);
	if (!rc)
		rc = vtd_qi_submit(u, vtd_qi_cc_device(cc_did, rid), 0, err);
	if (!rc)
		rc = vtd_qi_submit(u, vtd_qi_iotlb_domain(did), 0, err);
	if (!rc)
		rc = vtd_qi_wait(u, err);
	return rc;
}

int vtd_block(struct vtd *u, u16 rid, struct pp_err *err)
{
	int rc = ready(u, err);
	if (rc)
		return rc;
	struct vtd_entry128 *t = u->ctx[rid >> 8];
	if (!t)
		return PP_OK;
	struct vtd_entry128 *ce = &t[rid & 0xFF];
	u64 lo = __atomic_load_n(&ce->lo, __ATOMIC_RELAXED);
	if (!(lo & VTD_CTX_P))
		return PP_OK;
	u64 hi = __atomic_load_n(&ce->hi, __ATOMIC_RELAXED);
	u16 did = (u16)((hi & VTD_CTX_DID_MASK) >> VTD_CTX_DID_SHIFT);
	/* P first: the unit sees either the whole old entry or none. */
	__atomic_store_n(&ce->lo, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&ce->hi, 0, __ATOMIC_RELEASE);
	sync_lines(u, ce, sizeof(*ce));
	return invalidate_device(u, rid, did, did, err);
}

/* The bus's context table, allocated and hooked into the root entry on
 * first use (CTP first, then P: one qword, written at once). */
static int context_table(struct vtd *u, u8 bus, struct pp_err *err)
{
	const struct iommu_env *env = u->env;
	if (u->ctx[bus])
		return PP_OK;
	u->ctx[bus] = env->alloc(env->ctx, 1, 1, &u->ctx_hpa[bus]);
	if (!u->ctx[bus])
		return pp_fail(err, PP_ENOMEM, "vtd 0x%llx: no page for bus %u's context table",
			       (unsigned long long)u->base, bus);
	sync_lines(u, u->ctx[bus], PP_PAGE_SIZE);
	struct vtd_entry128 *re = &u->root[bus];
	__atomic_store_n(&re->hi, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&re->lo, (u->ctx_hpa[bus] & VTD_ROOT_CTP) | VTD_ROOT_P, __ATOMIC_RELEASE);
	sync_lines(u, re, sizeof(*re));
	return PP_OK;
}

int vtd_attach(struct vtd *u, u16 rid, u16 domain, u64 root_hpa, struct pp_err *err)
{
	int rc = ready(u, err);
	if (!rc)
		rc = check_domain(u, domain, err);
	if (rc)
		return rc;
	if (!PP_IS_ALIGNED(root_hpa, PP_PAGE_SIZE) || root_hpa == 0 ||
	    (root_hpa >> VTD_SL_OUT_BITS) != 0)
		return pp_fail(err, PP_EINVAL,
			       "vtd 0x%llx: %02x:%02x.%u: second-level root 0x%llx is not a "
			       "4 KiB page below 2^52",
			       (unsigned long long)u->base, rid >> 8, (rid >> 3) & 0x1F, rid & 7,
			       (unsigned long long)root_hpa);
	u64 lo = (root_hpa & VTD_CTX_SLPTPTR) | (VTD_CTX_TT_UNTRANSLATED << VTD_CTX_TT_SHIFT) |
		 VTD_CTX_P;
	u64 hi = (u64)vtd_aw_for_depth(u->depth) | ((u64)domain << VTD_CTX_DID_SHIFT);
	rc = context_table(u, (u8)(rid >> 8), err);
	if (rc)
		return rc;
	struct vtd_entry128 *ce = &u->ctx[rid >> 8][rid & 0xFF];
	if (__atomic_load_n(&ce->lo, __ATOMIC_RELAXED) == lo &&
	    __atomic_load_n(&ce->hi, __ATOMIC_RELAXED) == hi)
		return PP_OK; /* attached so already */
	/* Never rewrite a present entry in place: block, then attach. */
	rc = vtd_block(u, rid, err);
	if (rc)
		return rc;
	__atomic_store_n(&ce->hi, hi, __ATOMIC_RELAXED);
	__atomic_store_n(&ce->lo, lo, __ATOMIC_RELEASE); /* P last */
	sync_lines(u, ce, sizeof(*ce));
	/* Caching mode: not-present entries may be cached under domain 0
	 * (§6.1), so the context-cache invalidation names domain 0. */
	return invalidate_device(u, rid, u->caching_mode ? 0 : domain, domain, err);
}

int vtd_flush_domain(struct vtd *u, u16 domain, struct pp_err *err)
{
	int rc = ready(u, err);
	if (!rc)
		rc = check_domain(u, domain, err);
	if (!rc)
		rc = write_buffer_flush(u, err);
	if (!rc)
		rc = vtd_qi_submit(u, vtd_qi_iotlb_domain(domain), 0, err);
	if (!rc)
		rc = vtd_qi_wait(u, err);
	return rc;
}

/* §7.2.1 "Primary Fault Logging", the software steps: from FRI on, while
 * F is set, read the record, clear F; then PFO. */
u32 vtd_drain(struct vtd *u, void (*fn)(void *ctx, const struct iommu_fault *f), void *ctx)
{
	u32 fsts = rd32(u, VTD_FSTS_REG);
	u32 count = 0;
	if ((fsts & VTD_FSTS_PPF) && u->nfr) {
		u32 idx = VTD_FSTS_FRI(fsts) % u->nfr;
		for (u32 i = 0; i < u->nfr; i++) {
			u32 off = u->fro + idx * VTD_FRCD_SIZE;
			u64 hi = rd64(u, off + VTD_FRCD_HI);
			if (!(hi & VTD_FRCD_F))
				break;
			u64 lo = rd64(u, off);
			wr32(u, off + VTD_FRCD_F_DWORD, VTD_FRCD_F32);
			struct iommu_fault f;
			if (vtd_fault_decode(lo, hi, &f, NULL) == PP_OK) {
				u->n.faults++;
				count++;
				if (fn)
					fn(ctx, &f);
			}
			idx = (idx + 1) % u->nfr;
		}
	}
	if (fsts & VTD_FSTS_PFO) {
		wr32(u, VTD_FSTS_REG, VTD_FSTS_PFO);
		u->n.overflows++;
		struct iommu_fault f = {.unit_type = ACPI_IOMMU_VTD, .flags = VTD_FAULT_OVERFLOW};
		count++;
		if (fn)
			fn(ctx, &f);
	}
	return count;
}

int vtd_ir_init(struct vtd *u, struct pp_err *err)
{
	const struct iommu_env *env = u->env;
	const unsigned long long b = (unsigned long long)u->base;
	u64 irta;
	int rc;
	if (!u->root)
		return pp_fail(err, PP_EINVAL, "vtd 0x%llx: unit not initialised", b);
	if (!(u->ecap & VTD_ECAP_IR))
		return pp_fail(err, PP_ENOTSUP,
			       "vtd 0x%llx: no interrupt remapping (ECAP.IR clear; QEMU: "
			       "intel-iommu,intremap=on)",
			       b);
	if (u->irt)
		return PP_OK;
	if (rd32(u, VTD_GSTS_REG) & VTD_GSTS_IRES) {
		rc =
		    vtd_gcmd(u, VTD_GCMD_IRE, false, err); /* IRTA may change only with IRE clear */
		if (rc)
			return rc;
	}
	u->irt = env->alloc(env->ctx, 1, 1, &u->irt_hpa);
	if (!u->irt)
		return pp_fail(err, PP_ENOMEM,
			       "vtd 0x%llx: no page for the interrupt remapping table", b);
	memset(u->irt_used, 0, sizeof(u->irt_used));
	sync_lines(u, u->irt, PP_PAGE_SIZE);
	rc = vtd_irta(u->irt_hpa, &irta, err);
	if (rc)
		goto free_table;
	wr64(u, VTD_IRTA_REG, irta);
	rc = vtd_gcmd(u, VTD_GCMD_SIRTP, true, err);
	if (rc)
		return rc; /* the unit may hold the pointer: the page stays */
	/* §6.5.2.7: the entry cache may hold entries of an earlier table. */
	rc = vtd_qi_submit(u, vtd_qi_iec_global(), 0, err);
	if (!rc)
		rc = vtd_qi_wait(u, err);
	if (!rc && (rd32(u, VTD_GSTS_REG) & VTD_GSTS_CFIS))
		rc = vtd_gcmd(u, VTD_GCMD_CFI, false, err);
	if (!rc)
		rc = vtd_gcmd(u, VTD_GCMD_IRE, true, err);
	return rc;

free_table:
	env->free(env->ctx, u->irt, u->irt_hpa, 1);
	u->irt = NULL;
	return rc;
}

int vtd_irte_alloc(struct vtd *u, u32 *index, struct pp_err *err)
{
	if (!u->irt)
		return pp_fail(err, PP_EINVAL, "vtd 0x%llx: interrupt remapping is off",
			       (unsigned long long)u->base);
	for (u32 i = 0; i < VTD_IRT_ENTRIES; i++)
		if (!(u->irt_used[i / 8] & (1u << (i % 8)))) {
			u->irt_used[i / 8] |= (u8)(1u << (i % 8));
			*index = i;
			return PP_OK;
		}
	return pp_fail(err, PP_ENOMEM, "vtd 0x%llx: all %u interrupt remapping entries in use",
		       (unsigned long long)u->base, VTD_IRT_ENTRIES);
}

void vtd_irte_free(struct vtd *u, u32 index)
{
	if (index < VTD_IRT_ENTRIES)
		u->irt_used[index / 8] &= (u8) ~(1u << (index % 8));
}

int vtd_irte_set(struct vtd *u, u32 index, const struct vtd_irte *e, struct pp_err *err)
{
	if (!u->irt || index >= VTD_IRT_ENTRIES)
		return pp_fail(
		    err, PP_EINVAL,
		    "vtd 0x%llx: interrupt entry %u: remapping off or index not below %u",
		    (unsigned long long)u->base, index, VTD_IRT_ENTRIES);
	/* Never a present entry with half old, half new fields: P off first. */
	volatile struct vtd_irte *t = &u->irt[index];
	t->lo = 0;
	__asm__ volatile("" ::: "memory");
	t->hi = e->hi;
	__asm__ volatile("" ::: "memory");
	t->lo = e->lo;
	sync_lines(u, &u->irt[index], sizeof(*t));
	int rc = vtd_qi_submit(u, vtd_qi_iec_index((u16)index), 0, err);
	if (rc)
		return rc;
	return vtd_qi_wait(u, err);
}
