// SPDX-License-Identifier: GPL-2.0-only
/* Handoff blob: validation (hypervisor, tests) and building (launch, tests). */
#include <parapet/bytes.h>
#include <parapet/handoff.h>
#include <parapet/sl_params.h>
#include <parapet/string.h>

const char *pp_mem_type_name(u32 type)
{
	switch (type) {
	case PP_MEM_USABLE: return "usable";
	case PP_MEM_RESERVED: return "reserved";
	case PP_MEM_ACPI_RECLAIM: return "acpi";
	case PP_MEM_ACPI_NVS: return "acpi-nvs";
	case PP_MEM_UNUSABLE: return "unusable";
	case PP_MEM_FW_RUNTIME: return "fw-runtime";
	case PP_MEM_PERSISTENT: return "persistent";
	default: return "?";
	}
}

/* A NUL-terminated string of exactly len bytes at off inside [0, total). */
static bool str_ok(const u8 *b, u32 total, u32 off, u32 len)
{
	if (!pp_span_ok(off, (u64)len + 1, total))
		return false;
	return b[off + len] == '\0' && strnlen((const char *)b + off, len + 1) == len;
}

/* Inside the copy area [copy_base, copy_base + copy_size)? */
static bool in_copy_area(const struct pp_handoff *h, u64 base, u64 len)
{
	return base >= h->copy_base && base - h->copy_base <= h->copy_size &&
	       len <= h->copy_size - (base - h->copy_base);
}

/* Version 2: the secure loader's copies (pp_handoff.h). */
static int check_copies(const struct pp_handoff *h, struct pp_err *err)
{
	u64 end;
	if (!h->copy_size) {
		if (h->copy_base || h->acpi_count || h->acpi_off)
			return pp_fail(err, PP_EINVAL,
				       "handoff: ACPI copies or a copy base without a copy area");
		return PP_OK;
	}
	if (!pp_add_ok(h->copy_base, h->copy_size, &end))
		return pp_fail(err, PP_ERANGE, "handoff: copy area 0x%llx+0x%llx wraps",
			       (unsigned long long)h->copy_base, (unsigned long long)h->copy_size);
	const struct pp_module *mod = pp_handoff_modules(h);
	for (u32 i = 0; i < h->mod_count; i++)
		if (!in_copy_area(h, mod[i].base, mod[i].length))
			return pp_fail(err, PP_ERANGE,
				       "handoff: module %u at 0x%llx+0x%llx outside the copy area",
				       i, (unsigned long long)mod[i].base,
				       (unsigned long long)mod[i].length);
	if (h->acpi_count > PP_HANDOFF_MAX_ACPI)
		return pp_fail(err, PP_ERANGE, "handoff: %u ACPI copies, at most %u", h->acpi_count,
			       PP_HANDOFF_MAX_ACPI);
	if (h->acpi_count &&
	    ((h->acpi_off & 7) || h->acpi_off < sizeof(*h) ||
	     !pp_span_ok(h->acpi_off, (u64)h->acpi_count * sizeof(struct pp_acpi_copy),
			 h->total_size)))
		return pp_fail(err, PP_ERANGE, "handoff: ACPI copy table at %u outside blob",
			       h->acpi_off);
	const struct pp_acpi_copy *a = pp_handoff_acpi(h);
	for (u32 i = 0; i < h->acpi_count; i++)
		if (a[i].length < 36 || !pp_add_ok(a[i].orig, a[i].length, &end) ||
		    !in_copy_area(h, a[i].copy, a[i].length))
			return pp_fail(err, PP_ERANGE,
				       "handoff: ACPI copy %u (0x%llx -> 0x%llx, %u bytes) invalid "
				       "or outside the copy area",
				       i, (unsigned long long)a[i].orig,
				       (unsigned long long)a[i].copy, a[i].length);
	return PP_OK;
}

/*
 * The SL's DMA guard record (pp_handoff.h): every table it names is the
 * fixed one of parapet/sl_params.h (the AMD-Vi command buffers in order,
 * one per AMD-Vi unit), every base distinct.
 */
static int check_dma(const struct pp_handoff *h, struct pp_err *err)
{
	bool on = (h->flags & PP_HANDOFF_F_DMA_GUARD) != 0;
	if ((!on && (h->dma_off || h->dma_count)) || h->dma_count > SL_DMA_MAX_UNITS ||
	    (h->dma_count &&
	     ((h->dma_off & 7) || h->dma_off < sizeof(*h) ||
	      !pp_span_ok(h->dma_off, (u64)h->dma_count * sizeof(struct pp_dma_guard_unit),
			  h->total_size))))
		return pp_fail(err, PP_ERANGE,
			       "handoff: DMA guard record (%u units at %u%s) invalid", h->dma_count,
			       h->dma_off, on ? "" : ", no flag");
	const struct pp_dma_guard_unit *d = pp_handoff_dma(h);
	u64 cmd = SL_DMA_CMD;
	for (u32 i = 0; i < h->dma_count; i++) {
		bool amd = d[i].type == PP_DMA_GUARD_TYPE_AMDVI, bad = false;
		for (u32 k = 0; k < i; k++)
			bad |= d[k].base == d[i].base;
		if (bad || (!amd && d[i].type != PP_DMA_GUARD_TYPE_VTD) || !d[i].base ||
		    (d[i].base & 0xfff) || d[i].table != (amd ? SL_DMA_DEVTAB : SL_DMA_ROOT) ||
		    d[i].cmd != (amd ? cmd : 0) || (d[i].flags & ~PP_DMA_GUARD_FW_ON))
			return pp_fail(
			    err, PP_EINVAL,
			    "handoff: DMA guard unit %u (type %u at 0x%llx) is not the SL's "
			    "or repeats one",
			    i, d[i].type, (unsigned long long)d[i].base);
		cmd += amd ? SL_DMA_CMD_SIZE : 0;
	}
	return PP_OK;
}

int pp_handoff_check(const void *buf, size_t buf_len, struct pp_err *err)
{
	const u8 *b = buf;
	const struct pp_handoff *h = buf;

	if (!buf || buf_len < sizeof(*h))
		return pp_fail(err, PP_ETRUNC, "handoff: %zu bytes, header needs %zu", buf_len,
			       sizeof(*h));
	if (((uintptr_t)buf & 7) != 0)
		return pp_fail(err, PP_EINVAL, "handoff: blob not 8-byte aligned");
	if (h->magic != PP_HANDOFF_MAGIC)
		return pp_fail(err, PP_EMAGIC, "handoff: bad magic 0x%llx",
			       (unsigned long long)h->magic);
	if (h->version != PP_HANDOFF_VERSION)
		return pp_fail(err, PP_EVERSION, "handoff: version %u, expected %u", h->version,
			       PP_HANDOFF_VERSION);
	if (h->header_size != sizeof(*h))
		return pp_fail(err, PP_EINVAL, "handoff: header_size %u, expected %zu",
			       h->header_size, sizeof(*h));
	if (h->total_size < sizeof(*h) || h->total_size > buf_len ||
	    h->total_size > PP_HANDOFF_MAX_SIZE)
		return pp_fail(err, PP_ERANGE, "handoff: total_size %u outside [%zu, %zu]",
			       h->total_size, sizeof(*h),
			       PP_MIN(buf_len, (size_t)PP_HANDOFF_MAX_SIZE));
	if (h->firmware != PP_FW_BIOS && h->firmware != PP_FW_UEFI)
		return pp_fail(err, PP_EINVAL, "handoff: unknown firmware type %u", h->firmware);
	if (h->launch_type > PP_LAUNCH_STATIC)
		return pp_fail(err, PP_EINVAL, "handoff: unknown launch type %u", h->launch_type);
	if (h->flags & ~PP_HANDOFF_F_MASK)
		return pp_fail(err, PP_EINVAL, "handoff: unknown flags 0x%x", h->flags);

	u32 total = h->total_size;
	u64 end;
	if (!h->launch_size || !pp_add_ok(h->launch_base, h->launch_size, &end))
		return pp_fail(err, PP_ERANGE, "handoff: bad launch range 0x%llx+0x%llx",
			       (unsigned long long)h->launch_base,
			       (unsigned long long)h->launch_size);
	if (!h->hv_size || !pp_add_ok(h->hv_base, h->hv_size, &end) || h->hv_entry < h->hv_base ||
	    h->hv_entry >= end)
		return pp_fail(err, PP_ERANGE,
			       "handoff: hypervisor range 0x%llx+0x%llx / entry 0x%llx invalid",
			       (unsigned long long)h->hv_base, (unsigned long long)h->hv_size,
			       (unsigned long long)h->hv_entry);

	/* memory map */
	if (h->mmap_count == 0 || h->mmap_count > PP_HANDOFF_MAX_MMAP)
		return pp_fail(err, PP_ERANGE, "handoff: mmap_count %u outside [1, %u]",
			       h->mmap_count, PP_HANDOFF_MAX_MMAP);
	if ((h->mmap_off & 7) ||
	    !pp_span_ok(h->mmap_off, (u64)h->mmap_count * sizeof(struct pp_mem_range), total) ||
	    h->mmap_off < sizeof(*h))
		return pp_fail(err, PP_ERANGE,
			       "handoff: memory map at %u (%u entries) outside blob", h->mmap_off,
			       h->mmap_count);
	const struct pp_mem_range *m = pp_handoff_mmap(h);
	u64 prev_end = 0;
	for (u32 i = 0; i < h->mmap_count; i++) {
		if (!m[i].length || !pp_add_ok(m[i].base, m[i].length, &end))
			return pp_fail(
			    err, PP_ERANGE, "handoff: mmap[%u] 0x%llx+0x%llx empty or wraps", i,
			    (unsigned long long)m[i].base, (unsigned long long)m[i].length);
		if (m[i].type == 0 || m[i].type > PP_MEM_TYPE_MAX || m[i].reserved)
			return pp_fail(err, PP_EINVAL, "handoff: mmap[%u] bad type %u", i,
				       m[i].type);
		if (i && m[i].base < prev_end)
			return pp_fail(err, PP_EOVERLAP,
				       "handoff: mmap[%u] at 0x%llx overlaps or is out of order", i,
				       (unsigned long long)m[i].base);
		prev_end = end;
	}

	/* modules */
	if (h->mod_count > PP_HANDOFF_MAX_MODULES)
		return pp_fail(err, PP_ERANGE, "handoff: %u modules, at most %u", h->mod_count,
			       PP_HANDOFF_MAX_MODULES);
	if (h->mod_count &&
	    ((h->mod_off & 7) || h->mod_off < sizeof(*h) ||
	     !pp_span_ok(h->mod_off, (u64)h->mod_count * sizeof(struct pp_module), total)))
		return pp_fail(err, PP_ERANGE, "handoff: module table at %u outside blob",
			       h->mod_off);
	const struct pp_module *mod = pp_handoff_modules(h);
	for (u32 i = 0; i < h->mod_count; i++) {
		if (!mod[i].length || !pp_add_ok(mod[i].base, mod[i].length, &end))
			return pp_fail(err, PP_ERANGE, "handoff: module %u range empty or wraps",
				       i);
		if (!str_ok(b, total, mod[i].cmdline_off, mod[i].cmdline_len))
			return pp_fail(err, PP_EINVAL, "handoff: module %u command line malformed",
				       i);
	}
	if (!str_ok(b, total, h->cmdline_off, h->cmdline_len))
		return pp_fail(err, PP_EINVAL, "handoff: command line at %u (len %u) malformed",
			       h->cmdline_off, h->cmdline_len);
	if (h->rsdp_len != 0 && h->rsdp_len != 20 && h->rsdp_len != 36)
		return pp_fail(err, PP_EINVAL, "handoff: rsdp_len %u not 0, 20 or 36", h->rsdp_len);
	if (h->fw_log_format > 2 ||
	    (h->fw_log_size && !pp_add_ok(h->fw_log_base, h->fw_log_size, &end)))
		return pp_fail(err, PP_EINVAL, "handoff: firmware log descriptor invalid");
	if (h->drtm_log_size && !pp_add_ok(h->drtm_log_base, h->drtm_log_size, &end))
		return pp_fail(err, PP_EINVAL, "handoff: DRTM log descriptor invalid");
	if (h->drtm_log_events > (h->drtm_log_size ? PP_HANDOFF_MAX_LOG_EVENTS : 0))
		return pp_fail(err, PP_EINVAL,
			       "handoff: drtm_log_events %u with a %llu-byte DRTM log",
			       h->drtm_log_events, (unsigned long long)h->drtm_log_size);
	int rc = check_copies(h, err);
	return rc ? rc : check_dma(h, err);
}

int pp_handoff_append(struct pp_handoff *h, u32 cap, const void *data, u32 len, u32 *off)
{
	u32 at = (h->total_size + 7u) & ~7u;
	u32 lim = PP_MIN(cap, PP_HANDOFF_MAX_SIZE);
	if (at < h->total_size || at > lim || len > lim - at)
		return PP_ENOMEM;
	memset((u8 *)h + h->total_size, 0, at - h->total_size);
	memcpy((u8 *)h + at, data, len);
	h->total_size = at + len;
	*off = at;
	return PP_OK;
}

/* ---- builder ---- */

void pp_hb_init(struct pp_handoff_builder *b)
{
	memset(b, 0, sizeof(*b));
	b->hdr.magic = PP_HANDOFF_MAGIC;
	b->hdr.version = PP_HANDOFF_VERSION;
	b->str[0] = '\0';
	b->str_used = 1; /* offset 0 is the empty string */
}

void pp_hb_add_mem(struct pp_handoff_builder *b, u64 base, u64 length, u32 type)
{
	u64 end;
	if (!length)
		return;
	if (b->error)
		return;
	if (!pp_add_ok(base, length, &end) || type == 0 || type > PP_MEM_TYPE_MAX) {
		b->error = PP_EINVAL;
		return;
	}
	if (b->mem_count == PP_HANDOFF_MAX_MMAP) {
		b->error = PP_ENOMEM;
		return;
	}
	b->mem[b->mem_count++] = (struct pp_mem_range){base, length, type, 0};
}

static u32 hb_str(struct pp_handoff_builder *b, const char *s, u32 *len)
{
	size_t n = strnlen(s, PP_HB_STR_MAX);
	*len = 0;
	if (b->error)
		return 0;
	if (n + 1 > PP_HB_STR_MAX - b->str_used) {
		b->error = PP_ENOMEM;
		return 0;
	}
	u32 off = b->str_used;
	memcpy(b->str + off, s, n);
	b->str[off + n] = '\0';
	b->str_used += (u32)n + 1;
	*len = (u32)n;
	return off;
}

void pp_hb_add_module(struct pp_handoff_builder *b, u64 base, u64 length, const char *cmdline)
{
	if (b->error)
		return;
	u64 end;
	if (!length || !pp_add_ok(base, length, &end)) {
		b->error = PP_EINVAL; /* the validator refuses empty or wrapping modules */
		return;
	}
	if (b->mod_count == PP_HANDOFF_MAX_MODULES) {
		b->error = PP_ENOMEM;
		return;
	}
	struct pp_module *m = &b->mod[b->mod_count];
	m->base = base;
	m->length = length;
	m->cmdline_off = hb_str(b, cmdline ? cmdline : "", &m->cmdline_len);
	if (!b->error)
		b->mod_count++;
}

void pp_hb_set_cmdline(struct pp_handoff_builder *b, const char *cmdline)
{
	b->cmdline_soff = hb_str(b, cmdline ? cmdline : "", &b->cmdline_len);
}

static int type_rank(u32 t)
{
	return t == PP_MEM_USABLE ? 0 : (int)t;
}

/* Sort boundary points (insertion sort: n is small and this runs once). */
static void sort_u64(u64 *v, u32 n)
{
	for (u32 i = 1; i < n; i++) {
		u64 x = v[i];
		u32 j = i;
		while (j && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Normalise b->mem into out (capacity cap); returns count or PP_ENOMEM. */
static int normalise(const struct pp_handoff_builder *b, struct pp_mem_range *out, u32 cap)
{
	static u64 pts[2 * PP_HANDOFF_MAX_MMAP];
	u32 np = 0, n = 0;

	for (u32 i = 0; i < b->mem_count; i++) {
		pts[np++] = b->mem[i].base;
		pts[np++] = b->mem[i].base + b->mem[i].length;
	}
	sort_u64(pts, np);
	for (u32 p = 0; p + 1 < np; p++) {
		u64 lo = pts[p], hi = pts[p + 1];
		if (lo == hi)
			continue;
		int best = -1;
		u32 type = 0;
		for (u32 i = 0; i < b->mem_count; i++) {
			const struct pp_mem_range *r = &b->mem[i];
			if (r->base <= lo && hi <= r->base + r->length &&
			    type_rank(r->type) > best) {
				best = type_rank(r->type);
				type = r->type;
			}
		}
		if (!type)
			continue; /* hole */
		if (n && out[n - 1].type == type && out[n - 1].base + out[n - 1].length == lo) {
			out[n - 1].length += hi - lo;
			continue;
		}
		if (n == cap)
			return PP_ENOMEM;
		out[n++] = (struct pp_mem_range){lo, hi - lo, type, 0};
	}
	return (int)n;
}

int pp_hb_finish(struct pp_handoff_builder *b, void *out, u32 cap)
{
	u8 *o = out;
	struct pp_handoff *h = out;

	if (b->error)
		return b->error;
	if (cap < sizeof(*h) || ((uintptr_t)out & 7))
		return PP_ENOMEM;
	memset(out, 0, cap);
	*h = b->hdr;
	h->magic = PP_HANDOFF_MAGIC;
	h->version = PP_HANDOFF_VERSION;
	h->header_size = sizeof(*h);

	u32 off = sizeof(*h);
	u32 room = (cap - off) / sizeof(struct pp_mem_range);
	int n = normalise(b, (struct pp_mem_range *)(o + off), PP_MIN(room, PP_HANDOFF_MAX_MMAP));
	if (n < 0)
		return n;
	if (n == 0)
		return PP_ENOENT; /* the validator requires at least one range */
	h->mmap_off = off;
	h->mmap_count = (u32)n;
	off += (u32)n * sizeof(struct pp_mem_range);

	u64 need = (u64)b->mod_count * sizeof(struct pp_module) + b->str_used;
	if (need > cap - off)
		return PP_ENOMEM;
	h->mod_off = off;
	h->mod_count = b->mod_count;
	u32 str_base = off + b->mod_count * (u32)sizeof(struct pp_module);
	for (u32 i = 0; i < b->mod_count; i++) {
		struct pp_module m = b->mod[i];
		m.cmdline_off += str_base;
		memcpy(o + off + i * sizeof(m), &m, sizeof(m));
	}
	memcpy(o + str_base, b->str, b->str_used);
	h->cmdline_off = str_base + b->cmdline_soff;
	h->cmdline_len = b->cmdline_len;
	h->total_size = (u32)PP_ALIGN_UP(str_base + b->str_used, 8);
	if (h->total_size > cap)
		return PP_ENOMEM;
	return (int)h->total_size;
}

bool pp_handoff_cmdline_has(const struct pp_handoff *h, const char *word)
{
	const char *s = pp_handoff_str(h, h->cmdline_off);
	const size_t wl = strlen(word);
	for (u32 i = 0; i < h->cmdline_len;) {
		while (i < h->cmdline_len && s[i] == ' ')
			i++;
		u32 start = i;
		while (i < h->cmdline_len && s[i] != ' ')
			i++;
		if (i - start == wl && strncmp(s + start, word, wl) == 0)
			return true;
	}
	return false;
}
