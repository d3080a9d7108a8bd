// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the MSI capability walk and programming
 * (hypervisor/core/dma/pci_msi.c) over a device's configuration space
 * (256 bytes; the input, zero-padded, with every write applied to a copy).
 * Invariants: no crash and no access outside the 256 bytes on any space
 * (loops, wild pointers); a found capability lies in 0x40..0xfc and is
 * dword-aligned; enabling writes only inside the capability's registers
 * (at most 0x18 bytes from it) and leaves MSI Enable set; disabling
 * leaves it clear.
 */
#include <stdlib.h>
#include <string.h>
#include "hypervisor/core/dma/pci_msi.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

struct space {
	u8 b[256];
	u32 lo, hi; /* the range of offsets written */
};

static u32 rd(void *ctx, u32 off)
{
	struct space *s = ctx;
	if (off > 252 || (off & 3))
		abort();
	u32 v;
	memcpy(&v, s->b + off, 4);
	return v;
}

static void wr(void *ctx, u32 off, u32 v)
{
	struct space *s = ctx;
	if (off > 252 || (off & 3))
		abort();
	memcpy(s->b + off, &v, 4);
	if (off < s->lo)
		s->lo = off;
	if (off + 4 > s->hi)
		s->hi = off + 4;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct space s;
	memset(&s, 0, sizeof(s));
	memcpy(s.b, data, size < sizeof(s.b) ? size : sizeof(s.b));
	s.lo = 256;
	const struct pci_cfg_ops cfg = {&s, rd, wr};
	struct pci_msi m;
	struct pp_err err;
	if (pci_msi_find(&cfg, &m, &err) != PP_OK)
		return 0;
	if (m.cap < PCI_CAP_FIRST || m.cap > 0xfc || (m.cap & 3) || !m.vectors || m.vectors > 32)
		abort();
	if (s.hi != 0)
		abort(); /* the walk writes nothing */
	const u64 addr = 0xfee00010ull | ((u64)(size & 1) << 32);
	if (pci_msi_enable(&cfg, &m, addr, 0x41, &err) == PP_OK) {
		if (s.lo < m.cap || s.hi > m.cap + 0x18)
			abort();
		if (!((rd(&s, m.cap) >> 16) & PCI_MSI_CTL_ENABLE))
			abort();
	}
	pci_msi_disable(&cfg, &m);
	if ((rd(&s, m.cap) >> 16) & PCI_MSI_CTL_ENABLE)
		abort();
	return 0;
}
