// SPDX-License-Identifier: GPL-2.0-only
/*
 * The policy's canonical binary (parapet/policy.h, layout.h): sort, then
 * store every field with st_le* at its offset in a zeroed buffer, then the
 * body hash. Strings are copied up to their NUL and padded with zeros.
 */
#include <parapet/bytes.h>
#include <parapet/sha2.h>
#include <parapet/string.h>
#include "common/policy/layout.h"

static const u32 rec_size[POL_TABLES] = {
    sizeof(struct pol_rec_part), sizeof(struct pol_rec_ram), sizeof(struct pol_rec_mmio),
    sizeof(struct pol_rec_cpu),	 sizeof(struct pol_rec_dev), sizeof(struct pol_rec_irq),
    sizeof(struct pol_rec_port), sizeof(struct pol_rec_cap), sizeof(struct pol_rec_chan),
};

static void counts(const struct pp_policy *p, u32 n[POL_TABLES])
{
	n[POL_T_PARTS] = p->n_parts;
	n[POL_T_RAM] = p->n_ram;
	n[POL_T_MMIO] = p->n_mmio;
	n[POL_T_CPUS] = p->n_cpus;
	n[POL_T_DEVS] = p->n_devs;
	n[POL_T_IRQS] = p->n_irqs;
	n[POL_T_PORTS] = p->n_ports;
	n[POL_T_CAPS] = p->n_caps;
	n[POL_T_CHANS] = p->n_chans;
}

u32 pp_policy_bin_size(const struct pp_policy *p)
{
	u32 n[POL_TABLES], size = sizeof(struct pol_header);
	counts(p, n);
	for (u32 t = 0; t < POL_TABLES; t++)
		size += n[t] * rec_size[t]; /* at most 64 records of <= 112 bytes each */
	return size;
}

static void put_str(u8 *dst, u32 cap, const char *s)
{
	for (u32 i = 0; i + 1 < cap && s[i]; i++)
		dst[i] = (u8)s[i];
}

static void put_table(const struct pp_policy *p, u32 t, u8 *o)
{
	u32 n[POL_TABLES];
	counts(p, n);
	for (u32 i = 0; i < n[t]; i++, o += rec_size[t]) {
		switch (t) {
		case POL_T_PARTS: {
			const struct pp_pol_part *r = &p->parts[i];
			st_le32(o, r->id);
			st_le32(o + 4, r->mode);
			st_le32(o + 8, r->cache_mask);
			st_le64(o + 0x10, r->entry);
			put_str(o + 0x18, 32, r->name);
			put_str(o + 0x38, 64, r->image);
			break;
		}
		case POL_T_RAM: {
			const struct pp_pol_ram *r = &p->ram[i];
			st_le32(o, r->part);
			o[4] = (u8)r->perm;
			o[5] = (u8)r->flags;
			st_le64(o + 8, r->gpa);
			st_le64(o + 0x10, r->hpa);
			st_le64(o + 0x18, r->size);
			break;
		}
		case POL_T_MMIO: {
			const struct pp_pol_mmio *r = &p->mmio[i];
			st_le32(o, r->part);
			o[4] = (u8)r->perm;
			st_le64(o + 8, r->hpa);
			st_le64(o + 0x10, r->gpa);
			st_le64(o + 0x18, r->size);
			break;
		}
		case POL_T_CPUS: {
			const struct pp_pol_cpu *r = &p->cpus[i];
			st_le32(o, r->part);
			st_le32(o + 4, r->cpu);
			st_le32(o + 8, r->mode);
			st_le32(o + 12, r->slice_us);
			st_le32(o + 16, r->period_us);
			break;
		}
		case POL_T_DEVS: {
			const struct pp_pol_dev *r = &p->devs[i];
			st_le32(o, r->part);
			st_le16(o + 4, r->seg);
			o[6] = r->bus;
			o[7] = r->devfn;
			st_le32(o + 8, r->iommu);
			st_le32(o + 12, r->on_fault);
			break;
		}
		case POL_T_IRQS:
			st_le32(o, p->irqs[i].part);
			st_le32(o + 4, p->irqs[i].gsi);
			break;
		case POL_T_PORTS:
			st_le32(o, p->ports[i].part);
			st_le16(o + 4, (u16)p->ports[i].base);
			st_le16(o + 6, (u16)p->ports[i].count);
			break;
		case POL_T_CAPS:
			st_le32(o, p->caps[i].part);
			st_le32(o + 4, p->caps[i].cap);
			st_le32(o + 8, p->caps[i].target);
			break;
		default: {
			const struct pp_pol_chan *r = &p->chans[i];
			st_le32(o, r->part);
			st_le32(o + 4, r->peer);
			st_le32(o + 8, r->perm);
			st_le64(o + 0x10, r->gpa);
			st_le64(o + 0x18, r->size);
			put_str(o + 0x20, 32, r->name);
			break;
		}
		}
	}
}

int pp_policy_write(struct pp_policy *p, u8 *out, u32 cap, u32 *len, struct pp_err *err)
{
	u32 n[POL_TABLES], size = pp_policy_bin_size(p), off = sizeof(struct pol_header);
	if (size > cap)
		return pp_fail(err, PP_ENOMEM, "policy: binary needs %u bytes, buffer holds %u",
			       size, cap);
	pp_policy_sort(p);
	counts(p, n);
	memset(out, 0, size);
	for (u32 i = 0; i < POL_MAGIC_LEN; i++)
		out[i] = (u8)POL_MAGIC[i];
	st_le32(out + 0x08, PP_POL_FORMAT);
	st_le32(out + 0x0c, sizeof(struct pol_header));
	st_le32(out + 0x10, size);
	st_le32(out + 0x18, p->version);
	st_le32(out + 0x1c, p->epoch);
	st_le32(out + 0x20, p->min_hv);
	memcpy(out + 0x28, p->key_id, sizeof(p->key_id));
	put_str(out + 0x50, 32, p->platform);
	put_str(out + 0x70, 32, p->name);
	for (u32 t = 0; t < POL_TABLES; t++) {
		st_le32(out + 0x90 + (size_t)8 * t, off);
		st_le32(out + 0x94 + (size_t)8 * t, n[t]);
		put_table(p, t, out + off);
		off += n[t] * rec_size[t];
	}
	pp_sha256(out + sizeof(struct pol_header), size - sizeof(struct pol_header), out + 0x30);
	*len = size;
	return PP_OK;
}
