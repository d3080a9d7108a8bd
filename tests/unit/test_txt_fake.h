/* SPDX-License-Identifier: GPL-2.0-only */
/* Synthetic TXT heaps for the TXT unit tests (as BIOS and SINIT would leave them). */
#ifndef PARAPET_TESTS_TXT_HEAP_FAKE_H
#define PARAPET_TESTS_TXT_HEAP_FAKE_H

#include <string.h>
#include <parapet/bytes.h>
#include "launch/drtm/txt_heap.h"
#include "launch/drtm/txt_mle.h"

/* Platform of the fake: MLE at 32 MiB (1 MiB), tables below it, log at
 * 48 MiB; PMR low covers [0, 64 MiB). */
#define FK_MLE_BASE 0x2000000ull
#define FK_MLE_SIZE 0x100000ull
#define FK_PTAB (FK_MLE_BASE - 3 * 4096ull)
#define FK_LOG 0x3000000ull
#define FK_LOG_SIZE 0x10000u

struct fake_heap {
	_Alignas(8) u8 b[16384];
	u64 len;
	u64 off[4];
};

static inline u64 fk_bios(u8 *p, u32 version)
{
	u8 *d = p + 8;
	memset(p, 0, 8 + 0x24 + 16 + 8);
	st_le32(d + 0x00, version);
	st_le32(d + 0x04, 0);
	st_le32(d + 0x18, 4);	/* 4 logical processors */
	st_le32(d + 0x20, 0x1); /* mle_flags */
	u8 *e = d + 0x24;
	st_le32(e, TXT_ELT_BIOS_SPEC_VER);
	st_le32(e + 4, 16); /* 8 + 6, padded to 16 */
	st_le16(e + 8, 2);
	st_le16(e + 10, 1);
	st_le16(e + 12, 0);
	e += 16;
	st_le32(e, TXT_ELT_END);
	st_le32(e + 4, 8);
	u64 sz = 8 + 0x24 + 16 + 8;
	st_le64(p, sz);
	return sz;
}

static inline struct txt_os_sinit_params fk_os_sinit_params(void)
{
	struct txt_os_sinit_params p;
	memset(&p, 0, sizeof(p));
	p.flags = 0;
	p.mle_ptab = FK_PTAB;
	p.mle_size = FK_MLE_SIZE;
	p.mle_hdr_base = 0x100;
	p.pmr_lo_base = 0;
	p.pmr_lo_size = 0x4000000;
	p.capabilities = MLE_CAP_RLP_WAKE_MONITOR | MLE_CAP_TCG_EVENT_LOG;
	p.efi_rsdp = 0xe0000;
	p.evtlog.phys_addr = FK_LOG;
	p.evtlog.allocated_size = FK_LOG_SIZE;
	p.mle_base = FK_MLE_BASE;
	return p;
}

static inline struct pp_os_mle_data fk_os_mle(void)
{
	struct pp_os_mle_data m;
	memset(&m, 0, sizeof(m));
	m.version = PP_OS_MLE_VERSION;
	m.handoff_pa = 0x227000;
	m.misc_enable = 0x850089;
	m.mtrr_def_type = 0xc06;
	m.mtrr_vcnt = 2;
	m.mtrr[0].base = 0x80000000 | 0;
	m.mtrr[0].mask = 0xf80000800ull;
	m.mtrr[1].base = 0x0 | 6;
	m.mtrr[1].mask = 0xf00000800ull;
	m.evtlog_pa = FK_LOG;
	m.evtlog_size = FK_LOG_SIZE;
	m.mle_base = FK_MLE_BASE;
	m.mle_size = FK_MLE_SIZE;
	return m;
}

/* SinitMleData v9: fixed part, END element, 3 MDRs, a 48-byte DMAR copy. */
static inline u64 fk_sinit_mle(u8 *p, u32 version)
{
	u64 fixed_end = 8 + 0x94;
	u64 elts = version >= 9 ? 8 : 0;
	u64 mdrs = fixed_end + elts;
	u64 dmar = mdrs + 3ull * 24;
	u64 sz = dmar + 48;
	memset(p, 0, sz);
	u8 *d = p + 8;
	st_le64(p, sz);
	st_le32(d + 0x00, version);
	st_le32(d + 0x18, 0);
	if (version < 9)
		memset(d + 0x38, 0xab, 20); /* mle_hash (version 9 zeroes it) */
	st_le32(d + 0x78, 0x9f000);	    /* rlp_wakeup_addr */
	st_le32(d + 0x80, 3);
	st_le32(d + 0x84, (u32)mdrs);
	st_le32(d + 0x88, 48);
	st_le32(d + 0x8c, (u32)dmar);
	if (version >= 9) {
		st_le32(p + fixed_end, TXT_ELT_END);
		st_le32(p + fixed_end + 4, 8);
	}
	/* MDR 0: good [0, 1 GiB); MDR 1: SMRAM [0x7f000000, +8 MiB); MDR 2: good [4G, +1G) */
	u8 *m = p + mdrs;
	st_le64(m, 0);
	st_le64(m + 8, 0x40000000);
	m[16] = TXT_MDR_GOOD;
	m += 24;
	st_le64(m, 0x7f000000);
	st_le64(m + 8, 0x800000);
	m[16] = TXT_MDR_SMRAM_NONOVERLAY;
	m += 24;
	st_le64(m, 0x100000000ull);
	st_le64(m + 8, 0x40000000);
	m[16] = TXT_MDR_GOOD;
	p[dmar] = (u8)'D';
	p[dmar + 1] = (u8)'M';
	p[dmar + 2] = (u8)'A';
	p[dmar + 3] = (u8)'R';
	st_le32(p + dmar + 4, 48);
	p[dmar + 36] = 38; /* Host Address Width: 39 bits */
	u8 sum = 0;
	for (u64 i = 0; i < 48; i++)
		sum = (u8)(sum + p[dmar + i]);
	p[dmar + 9] = (u8)(0x100 - sum); /* ACPI checksum: all bytes sum to 0 */
	return sz;
}

/* The whole heap as it looks after a successful SENTER. */
static inline void fk_heap(struct fake_heap *h)
{
	struct txt_os_sinit_params p = fk_os_sinit_params();
	struct pp_os_mle_data m = fk_os_mle();
	u64 n;
	memset(h, 0, sizeof(*h));
	h->off[0] = 0;
	n = fk_bios(h->b, 6);
	h->off[1] = n;
	txt_os_mle_build(h->b + h->off[1], sizeof(h->b) - h->off[1], &m, &n, NULL);
	h->off[2] = h->off[1] + n;
	txt_os_sinit_build(h->b + h->off[2], sizeof(h->b) - h->off[2], &p, &n, NULL);
	h->off[3] = h->off[2] + n;
	n = fk_sinit_mle(h->b + h->off[3], 9);
	h->len = h->off[3] + n;
}

#endif
