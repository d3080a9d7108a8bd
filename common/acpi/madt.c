// SPDX-License-Identifier: GPL-2.0-only
/*
 * MADT ("APIC") parser, ACPI 6.5 section 5.2.12.
 *
 * Layout: SDT header (36), Local Interrupt Controller Address u32 at 36,
 * Flags u32 at 40, then interrupt controller structures from 44, each
 * starting with Type u8 and Length u8. Used types:
 *   0 Processor Local APIC (8 bytes): UID u8 @2, APIC ID u8 @3, Flags u32 @4
 *   1 I/O APIC (12 bytes): ID u8 @2, Address u32 @4, GSI base u32 @8
 *   5 Local APIC Address Override (12 bytes): Address u64 @4
 *   9 Processor Local x2APIC (16 bytes): x2APIC ID u32 @4, Flags u32 @8, UID u32 @12
 * Local APIC flags: bit 0 Enabled, bit 1 Online Capable. Other types are
 * skipped after their length is checked.
 */
#include <parapet/string.h>
#include "common/acpi/acpi_int.h"

#define MADT_LAPIC_ADDR 36u
#define MADT_ENTRIES 44u

#define MADT_TYPE_LAPIC 0u
#define MADT_TYPE_IOAPIC 1u
#define MADT_TYPE_LAPIC_OVERRIDE 5u
#define MADT_TYPE_X2APIC 9u

#define MADT_LAPIC_LEN 8u
#define MADT_IOAPIC_LEN 12u
#define MADT_OVERRIDE_LEN 12u
#define MADT_X2APIC_LEN 16u

#define MADT_LAPIC_ENABLED (1u << 0)
#define MADT_LAPIC_ONLINE_CAPABLE (1u << 1)

static int add_cpu(struct acpi_info *out, u32 apic_id, u32 uid, bool x2, u32 off,
		   struct pp_err *err)
{
	for (u32 i = 0; i < out->cpu_count; i++)
		if (out->cpus[i].apic_id == apic_id)
			return pp_fail(err, PP_EINVAL,
				       "MADT entry at offset 0x%x: duplicate APIC ID %u", off,
				       apic_id);
	if (out->cpu_count >= ACPI_MAX_CPUS)
		return pp_fail(err, PP_ENOMEM,
			       "MADT entry at offset 0x%x: more than %u enabled processors", off,
			       ACPI_MAX_CPUS);
	out->cpus[out->cpu_count++] =
	    (struct acpi_cpu){.apic_id = apic_id, .uid = uid, .x2apic = x2};
	return 0;
}

static int add_ioapic(struct acpi_info *out, const u8 *e, u32 off, struct pp_err *err)
{
	u8 id = e[2];
	u32 addr = ld_le32(e + 4);
	for (u32 i = 0; i < out->ioapic_count; i++)
		if (out->ioapics[i].id == id)
			return pp_fail(err, PP_EINVAL,
				       "MADT entry at offset 0x%x: duplicate I/O APIC ID %u", off,
				       id);
	if (out->ioapic_count >= ACPI_MAX_IOAPICS)
		return pp_fail(err, PP_ENOMEM, "MADT entry at offset 0x%x: more than %u I/O APICs",
			       off, ACPI_MAX_IOAPICS);
	if (addr == 0 || !PP_IS_ALIGNED(addr, 16))
		return pp_fail(err, PP_EINVAL,
			       "MADT entry at offset 0x%x: I/O APIC %u address 0x%x invalid", off,
			       id, addr);
	out->ioapics[out->ioapic_count++] =
	    (struct acpi_ioapic){.id = id, .addr = addr, .gsi_base = ld_le32(e + 8)};
	return 0;
}

static u32 min_len(u8 type)
{
	switch (type) {
	case MADT_TYPE_LAPIC: return MADT_LAPIC_LEN;
	case MADT_TYPE_IOAPIC: return MADT_IOAPIC_LEN;
	case MADT_TYPE_LAPIC_OVERRIDE: return MADT_OVERRIDE_LEN;
	case MADT_TYPE_X2APIC: return MADT_X2APIC_LEN;
	default: return 2;
	}
}

static int parse_entry(const u8 *e, u32 off, struct acpi_info *out, bool *override_seen,
		       struct pp_err *err)
{
	u32 flags;
	switch (e[0]) {
	case MADT_TYPE_LAPIC:
		flags = ld_le32(e + 4);
		if (!(flags & (MADT_LAPIC_ENABLED | MADT_LAPIC_ONLINE_CAPABLE)))
			return 0; /* disabled processor: not usable */
		return add_cpu(out, e[3], e[2], false, off, err);
	case MADT_TYPE_X2APIC:
		flags = ld_le32(e + 8);
		if (!(flags & (MADT_LAPIC_ENABLED | MADT_LAPIC_ONLINE_CAPABLE)))
			return 0;
		return add_cpu(out, ld_le32(e + 4), ld_le32(e + 12), true, off, err);
	case MADT_TYPE_IOAPIC: return add_ioapic(out, e, off, err);
	case MADT_TYPE_LAPIC_OVERRIDE:
		if (*override_seen)
			return pp_fail(
			    err, PP_EINVAL,
			    "MADT entry at offset 0x%x: second local APIC address override", off);
		*override_seen = true;
		out->lapic_base = ld_le64(e + 4);
		return 0;
	default: return 0;
	}
}

static int walk(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	bool override_seen = false;
	int rc;

	out->madt_present = true;
	out->lapic_base = ld_le32(t + MADT_LAPIC_ADDR);
	for (u32 off = MADT_ENTRIES; off < len;) {
		if (len - off < 2)
			return pp_fail(
			    err, PP_ETRUNC,
			    "MADT entry header at offset 0x%x truncated by table length 0x%x", off,
			    len);
		u8 type = t[off], elen = t[off + 1];
		if (elen < 2)
			return pp_fail(err, PP_EINVAL,
				       "MADT entry at offset 0x%x has length %u (< 2)", off, elen);
		if (!pp_span_ok(off, elen, len))
			return pp_fail(
			    err, PP_ETRUNC,
			    "MADT entry at offset 0x%x length %u exceeds table length 0x%x", off,
			    elen, len);
		if (elen < min_len(type))
			return pp_fail(
			    err, PP_EINVAL,
			    "MADT entry at offset 0x%x type %u length %u is shorter than %u", off,
			    type, elen, min_len(type));
		rc = parse_entry(t + off, off, out, &override_seen, err);
		if (rc)
			return rc;
		off += elen;
	}
	if (out->cpu_count == 0)
		return pp_fail(err, PP_ENOENT, "MADT lists no enabled processor");
	if (out->lapic_base == 0 || !PP_IS_ALIGNED(out->lapic_base, PP_PAGE_SIZE))
		return pp_fail(err, PP_EINVAL, "MADT local APIC address 0x%llx invalid",
			       (unsigned long long)out->lapic_base);
	return 0;
}

int acpi_parse_madt(const u8 *t, u32 len, struct acpi_info *out, struct pp_err *err)
{
	int rc = acpi_sdt_check(t, len, "APIC", MADT_ENTRIES, err);
	if (rc)
		return rc;
	if (out->madt_present)
		return pp_fail(err, PP_EINVAL, "second MADT table");

	u32 cpus0 = out->cpu_count, ioapics0 = out->ioapic_count;
	rc = walk(t, len, out, err);
	if (rc) { /* leave no partial result */
		memset(&out->cpus[cpus0], 0, (out->cpu_count - cpus0) * sizeof(out->cpus[0]));
		memset(&out->ioapics[ioapics0], 0,
		       (out->ioapic_count - ioapics0) * sizeof(out->ioapics[0]));
		out->cpu_count = cpus0;
		out->ioapic_count = ioapics0;
		out->lapic_base = 0;
		out->madt_present = false;
	}
	return rc;
}
