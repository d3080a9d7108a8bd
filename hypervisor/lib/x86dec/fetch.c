// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fetching instruction bytes through the guest page walk, and the fetch
 * plus decode of the instruction behind an NPF (fetch.h). A fetch
 * crossing a 4 KiB page walks each page (SDM vol. 3A, 4.5: translation is
 * per page).
 */
#include <parapet/string.h>
#include "fetch.h"

static int read_chunk(const struct x86_paging *pg, const struct x86_mem_ops *mem, u64 gva, u8 *out,
		      u32 n, struct pp_err *err)
{
	u64 gpa;
	int rc = x86_gva_to_gpa(pg, mem, gva, &gpa, err);
	if (rc)
		return rc;
	rc = mem->read(mem->ctx, gpa, out, n);
	if (rc)
		return pp_fail(err, rc,
			       "reading %u instruction bytes at gpa 0x%llx (0x%llx) failed (%d)", n,
			       (unsigned long long)gpa, (unsigned long long)gva, rc);
	return PP_OK;
}

int x86_fetch(const struct x86_paging *pg, const struct x86_mem_ops *mem, u64 rip, u32 len, u8 *out,
	      struct pp_err *err)
{
	if (len == 0 || len > X86_INSN_MAX)
		return pp_fail(err, PP_EINVAL, "fetch of %u bytes: 1..%u", len, X86_INSN_MAX);
	u8 buf[X86_INSN_MAX];
	const u64 room = PP_PAGE_SIZE - (rip & (PP_PAGE_SIZE - 1));
	const u32 first = room < len ? (u32)room : len;
	int rc = read_chunk(pg, mem, rip, buf, first, err);
	if (rc)
		return rc;
	if (first < len) {
		const u64 next = rip + first;
		if (next < rip)
			return pp_fail(err, PP_EINVAL, "fetch at 0x%llx wraps past 2^64",
				       (unsigned long long)rip);
		rc = read_chunk(pg, mem, next, buf + first, len - first, err);
		if (rc)
			return rc;
	}
	memcpy(out, buf, len);
	return PP_OK;
}

int x86_fetch_decode(const struct x86_paging *pg, const struct x86_mem_ops *mem, u64 rip,
		     struct x86_insn *in, struct pp_err *err)
{
	u8 buf[X86_INSN_MAX];
	const u64 room = PP_PAGE_SIZE - (rip & (PP_PAGE_SIZE - 1));
	const u32 first = room < X86_INSN_MAX ? (u32)room : X86_INSN_MAX;
	int rc = x86_fetch(pg, mem, rip, first, buf, err);
	if (rc)
		return rc;
	rc = x86_decode(buf, first, in, err);
	if (rc != PP_ETRUNC || first == X86_INSN_MAX)
		return rc;
	/* The instruction continues on the next page: walk it too. */
	rc = x86_fetch(pg, mem, rip, X86_INSN_MAX, buf, err);
	if (rc)
		return rc;
	return x86_decode(buf, X86_INSN_MAX, in, err);
}
