// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parse the policy's binary form (parapet/policy.h, layout.h) with bounded
 * reads only. Refused, each with its own message: a short or oversized
 * input, magic, format, header size, total size != length, non-zero flags
 * or reserved bytes, a string without its NUL or with bytes after it, a
 * table not exactly where the canonical layout puts it or with more records
 * than the model holds, records out of canonical order, a body hash that
 * does not match. The model's own rules are pp_policy_validate's.
 */
#include <parapet/bytes.h>
#include <parapet/sha2.h>
#include <parapet/string.h>
#include "common/policy/layout.h"
#include "common/policy/pol_int.h"

static const u32 rec_size[POL_TABLES] = {
    sizeof(struct pol_rec_part), sizeof(struct pol_rec_ram), sizeof(struct pol_rec_mmio),
    sizeof(struct pol_rec_cpu),	 sizeof(struct pol_rec_dev), sizeof(struct pol_rec_irq),
    sizeof(struct pol_rec_port), sizeof(struct pol_rec_cap), sizeof(struct pol_rec_chan),
};
static const u32 rec_max[POL_TABLES] = {
    PP_POL_MAX_PARTS, PP_POL_MAX_RAM,	PP_POL_MAX_MMIO, PP_POL_MAX_CPUS,  PP_POL_MAX_DEVS,
    PP_POL_MAX_IRQS,  PP_POL_MAX_PORTS, PP_POL_MAX_CAPS, PP_POL_MAX_CHANS,
};
static const char *const tbl_name[POL_TABLES] = {
    "partitions", "ram", "mmio", "cpus", "devices", "irqs", "ioports", "capabilities", "channels",
};

static bool zero(const u8 *p, u32 n)
{
	for (u32 i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* A NUL-padded string field: a NUL inside, zeros after it, printable before. */
static int get_str(const u8 *f, u32 cap, char *dst, const char *what, u32 off, struct pp_err *err)
{
	u32 n = 0;
	while (n < cap && f[n])
		n++;
	if (n == cap)
		return pp_fail(err, PP_EINVAL, "policy: %s at 0x%x has no NUL in %u bytes", what,
			       off, cap);
	if (!zero(f + n, cap - n))
		return pp_fail(err, PP_EINVAL, "policy: %s at 0x%x has bytes after its NUL", what,
			       off);
	for (u32 i = 0; i < n; i++)
		if (f[i] < 0x20 || f[i] > 0x7e)
			return pp_fail(err, PP_EINVAL,
				       "policy: %s at 0x%x: byte 0x%02x at %u is not printable",
				       what, off, f[i], i);
	memcpy(dst, f, n);
	dst[n] = 0;
	return PP_OK;
}

static int get_rec(struct pp_policy *p, u32 t, u32 i, const u8 *r, u32 off, struct pp_err *err)
{
	switch (t) {
	case POL_T_PARTS: {
		struct pp_pol_part *o = &p->parts[i];
		if (ld_le32(r + 12))
			break;
		o->id = ld_le32(r);
		o->mode = ld_le32(r + 4);
		o->cache_mask = ld_le32(r + 8);
		o->entry = ld_le64(r + 0x10);
		int rc = get_str(r + 0x18, 32, o->name, "partition name", off + 0x18, err);
		return rc ? rc : get_str(r + 0x38, 64, o->image, "image name", off + 0x38, err);
	}
	case POL_T_RAM: {
		struct pp_pol_ram *o = &p->ram[i];
		if (ld_le16(r + 6))
			break;
		o->part = ld_le32(r);
		o->perm = r[4];
		o->flags = r[5];
		o->gpa = ld_le64(r + 8);
		o->hpa = ld_le64(r + 0x10);
		o->size = ld_le64(r + 0x18);
		return PP_OK;
	}
	case POL_T_MMIO: {
		struct pp_pol_mmio *o = &p->mmio[i];
		if (!zero(r + 5, 3))
			break;
		o->part = ld_le32(r);
		o->perm = r[4];
		o->hpa = ld_le64(r + 8);
		o->gpa = ld_le64(r + 0x10);
		o->size = ld_le64(r + 0x18);
		return PP_OK;
	}
	case POL_T_CPUS: {
		struct pp_pol_cpu *o = &p->cpus[i];
		if (ld_le32(r + 20))
			break;
		o->part = ld_le32(r);
		o->cpu = ld_le32(r + 4);
		o->mode = ld_le32(r + 8);
		o->slice_us = ld_le32(r + 12);
		o->period_us = ld_le32(r + 16);
		return PP_OK;
	}
	case POL_T_DEVS: {
		struct pp_pol_dev *o = &p->devs[i];
		o->part = ld_le32(r);
		o->seg = ld_le16(r + 4);
		o->bus = r[6];
		o->devfn = r[7];
		o->iommu = ld_le32(r + 8);
		o->on_fault = ld_le32(r + 12); /* known values: the validator */
		return PP_OK;
	}
	case POL_T_IRQS:
		p->irqs[i].part = ld_le32(r);
		p->irqs[i].gsi = ld_le32(r + 4);
		return PP_OK;
	case POL_T_PORTS:
		p->ports[i].part = ld_le32(r);
		p->ports[i].base = ld_le16(r + 4);
		p->ports[i].count = ld_le16(r + 6);
		return PP_OK;
	case POL_T_CAPS:
		if (ld_le32(r + 12))
			break;
		p->caps[i].part = ld_le32(r);
		p->caps[i].cap = ld_le32(r + 4);
		p->caps[i].target = ld_le32(r + 8);
		return PP_OK;
	default: {
		struct pp_pol_chan *o = &p->chans[i];
		if (ld_le32(r + 12))
			break;
		o->part = ld_le32(r);
		o->peer = ld_le32(r + 4);
		o->perm = ld_le32(r + 8);
		o->gpa = ld_le64(r + 0x10);
		o->size = ld_le64(r + 0x18);
		return get_str(r + 0x20, 32, o->name, "channel name", off + 0x20, err);
	}
	}
	return pp_fail(err, PP_EINVAL, "policy: %s record %u at 0x%x: reserved bytes not zero",
		       tbl_name[t], i, off);
}

static u32 *count_of(struct pp_policy *p, u32 t)
{
	u32 *n[POL_TABLES] = {&p->n_parts, &p->n_ram,	&p->n_mmio, &p->n_cpus, &p->n_devs,
			      &p->n_irqs,  &p->n_ports, &p->n_caps, &p->n_chans};
	return n[t];
}

int pp_policy_read(const u8 *bin, u32 len, struct pp_policy *out, struct pp_err *err)
{
	static struct pp_policy tmp; /* 20 KiB: not on a freestanding stack */
	u8 hash[PP_SHA256_DIGEST_SIZE];
	const u32 hs = sizeof(struct pol_header);
	if (!bin || len < hs)
		return pp_fail(err, PP_ETRUNC, "policy: %u bytes, the header alone is %u", len, hs);
	if (memcmp(bin, POL_MAGIC, POL_MAGIC_LEN) != 0)
		return pp_fail(err, PP_EMAGIC, "policy: bad magic (not a compiled policy)");
	if (ld_le32(bin + 0x08) != PP_POL_FORMAT)
		return pp_fail(err, PP_EVERSION, "policy: format %u, this build reads %u",
			       ld_le32(bin + 0x08), PP_POL_FORMAT);
	if (ld_le32(bin + 0x0c) != hs)
		return pp_fail(err, PP_EINVAL, "policy: header size %u, expected %u",
			       ld_le32(bin + 0x0c), hs);
	if (ld_le32(bin + 0x10) != len)
		return pp_fail(err, PP_ETRUNC, "policy: header says %u bytes, got %u",
			       ld_le32(bin + 0x10), len);
	if (ld_le32(bin + 0x14) || ld_le32(bin + 0x24) || !zero(bin + 0xd8, 8))
		return pp_fail(err, PP_EINVAL, "policy: header flags or reserved fields not zero");
	memset(&tmp, 0, sizeof(tmp));
	tmp.version = ld_le32(bin + 0x18);
	tmp.epoch = ld_le32(bin + 0x1c);
	tmp.min_hv = ld_le32(bin + 0x20);
	memcpy(tmp.key_id, bin + 0x28, sizeof(tmp.key_id));
	int rc = get_str(bin + 0x50, 32, tmp.platform, "platform", 0x50, err);
	if (!rc)
		rc = get_str(bin + 0x70, 32, tmp.name, "policy name", 0x70, err);
	if (rc)
		return rc;
	u32 off = hs;
	for (u32 t = 0; t < POL_TABLES; t++) {
		u32 toff = ld_le32(bin + 0x90 + (size_t)8 * t),
		    n = ld_le32(bin + 0x94 + (size_t)8 * t);
		if (toff != off)
			return pp_fail(
			    err, PP_EINVAL,
			    "policy: %s table at 0x%x, the canonical layout puts it at 0x%x",
			    tbl_name[t], toff, off);
		if (n > rec_max[t])
			return pp_fail(err, PP_ERANGE, "policy: %u %s, at most %u", n, tbl_name[t],
				       rec_max[t]);
		if (n * rec_size[t] > len - off)
			return pp_fail(err, PP_ETRUNC, "policy: %s table (%u records) past the end",
				       tbl_name[t], n);
		*count_of(&tmp, t) = n;
		for (u32 i = 0; i < n; i++, off += rec_size[t]) {
			rc = get_rec(&tmp, t, i, bin + off, off, err);
			if (rc)
				return rc;
			if (i && !pol_in_order(&tmp, t, i))
				return pp_fail(
				    err, PP_EINVAL,
				    "policy: %s record %u at 0x%x out of canonical order",
				    tbl_name[t], i, off);
		}
	}
	if (off != len)
		return pp_fail(err, PP_EINVAL, "policy: %u bytes after the last table", len - off);
	pp_sha256(bin + hs, len - hs, hash);
	if (memcmp(hash, bin + 0x30, sizeof(hash)) != 0)
		return pp_fail(err, PP_ECHECKSUM, "policy: body hash does not match the header");
	memcpy(out, &tmp, sizeof(tmp));
	return PP_OK;
}
