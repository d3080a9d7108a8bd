// SPDX-License-Identifier: GPL-2.0-only
/* SINIT's DMAR copy in SinitMleData (txt_dmar.h). */
#include <parapet/acpi_walk.h>
#include <parapet/bytes.h>
#include "launch/drtm/txt_dmar.h"

int txt_sinit_dmar(const struct txt_sinit_mle_info *s, const u8 **dmar, u32 *len,
		   struct pp_err *err)
{
	if (!s || !s->table)
		return pp_fail(err, PP_EINVAL, "SINIT DMAR: no parsed SinitMleData");
	if (s->dmar_size == 0)
		return pp_fail(err, PP_ENOENT, "SINIT DMAR: SinitMleData carries no DMAR copy");
	u64 fixed_end = TXT_HEAP_SIZE_FIELD + sizeof(struct txt_sinit_mle_data);
	if (s->dmar_off < fixed_end || !pp_span_ok(s->dmar_off, s->dmar_size, s->table_size))
		return pp_fail(err, PP_ERANGE,
			       "SINIT DMAR: copy [0x%x, +0x%x) outside [0x%llx, 0x%llx)",
			       s->dmar_off, s->dmar_size, (unsigned long long)fixed_end,
			       (unsigned long long)s->table_size);
	if (s->dmar_size < TXT_DMAR_MIN_LEN)
		return pp_fail(err, PP_EINVAL, "SINIT DMAR: copy of %u bytes < %u", s->dmar_size,
			       TXT_DMAR_MIN_LEN);
	const u8 *t = s->table + s->dmar_off;
	if (!acpi_sig_is(t, "DMAR"))
		return pp_fail(err, PP_EMAGIC, "SINIT DMAR: copy at 0x%x is not signed DMAR",
			       s->dmar_off);
	u32 l = ld_le32(t + ACPI_SDT_LENGTH);
	if (l < TXT_DMAR_MIN_LEN || l > s->dmar_size)
		return pp_fail(err, PP_EINVAL,
			       "SINIT DMAR: Length %u outside [%u, %u] (the copy's size)", l,
			       TXT_DMAR_MIN_LEN, s->dmar_size);
	if (!acpi_checksum_ok(t, l))
		return pp_fail(err, PP_ECHECKSUM, "SINIT DMAR: checksum over %u bytes not 0", l);
	if (dmar)
		*dmar = t;
	if (len)
		*len = l;
	return PP_OK;
}
