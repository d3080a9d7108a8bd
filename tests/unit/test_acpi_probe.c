// SPDX-License-Identifier: GPL-2.0-only
/* TPM and IOMMU discovery probes over a fake register file. */
#include <string.h>
#include "hypervisor/drivers/iommu/iommu_probe.h"
#include "hypervisor/drivers/tpm/tpm_probe.h"
#include "unit.h"

struct regs {
	int n;
	struct {
		u64 phys;
		u32 val;
	} r[16];
};

static void reg_set(struct regs *r, u64 phys, u32 val)
{
	r->r[r->n].phys = phys;
	r->r[r->n].val = val;
	r->n++;
}

static u32 rd32(u64 phys, void *ctx)
{
	struct regs *r = ctx;
	for (int i = 0; i < r->n; i++)
		if (r->r[i].phys == phys)
			return r->r[i].val;
	return 0xFFFFFFFFu; /* nothing decodes the address */
}

static u8 rd8(u64 phys, void *ctx)
{
	return (u8)rd32(phys, ctx);
}

static struct acpi_info acpi_tpm(u32 method, u64 ctrl)
{
	struct acpi_info a;
	memset(&a, 0, sizeof(a));
	a.tpm2_present = true;
	a.tpm2_start_method = method;
	a.tpm2_control_area = ctrl;
	return a;
}

static int tpm(const struct acpi_info *a, struct regs *r, struct tpm_iface *out, struct pp_err *e)
{
	/* no write accessors: identification must only read */
	const struct tpm_mmio_ops ops = {.rd8 = rd8, .rd32 = rd32, .ctx = r};
	memset(e, 0, sizeof(*e));
	return tpm_probe_regs(a, &ops, out, e);
}

/* QEMU tpm-tis as seen by the probe. */
static void tis_regs(struct regs *r, u64 base)
{
	memset(r, 0, sizeof(*r));
	reg_set(r, base + 0x0, 0xA1);	       /* ACCESS: valid, active locality, established */
	reg_set(r, base + 0x14, 0x30000697u);  /* INTF_CAPABILITY */
	reg_set(r, base + 0x30, 0x00000000u);  /* INTERFACE_ID: FIFO */
	reg_set(r, base + 0xF00, 0x00011014u); /* DID_VID */
}

static void crb_regs(struct regs *r, u32 type)
{
	memset(r, 0, sizeof(*r));
	reg_set(r, 0xFED40000u, 0x81);		     /* LOC_STATE: valid, established */
	reg_set(r, 0xFED40030u, 0x00004010u | type); /* INTF_ID low: type, CapCRB */
	reg_set(r, 0xFED40034u, 0x00011014u);	     /* INTF_ID high: VID 0x1014, DID 1 */
}

TEST(probe_tpm_none)
{
	struct acpi_info a;
	struct tpm_iface t;
	struct pp_err e;
	struct regs r = {0};
	memset(&a, 0, sizeof(a));
	CHECK_EQ(tpm(&a, &r, &t, &e), 0);
	CHECK_EQ(t.kind, TPM_IFACE_NONE);
	CHECK(strcmp(tpm_iface_name(t.kind), "none") == 0);
}

TEST(probe_tpm_tis)
{
	struct acpi_info a = acpi_tpm(6, 0);
	struct tpm_iface t;
	struct pp_err e;
	struct regs r;

	tis_regs(&r, 0xFED40000u);
	REQUIRE(tpm(&a, &r, &t, &e) == 0);
	CHECK_EQ(t.kind, TPM_IFACE_TIS);
	CHECK_EQ(t.base, 0xFED40000u);
	CHECK_EQ(t.did_vid, 0x00011014u);
	CHECK(strcmp(tpm_iface_name(t.kind), "TIS") == 0);

	/* a table may name the PTP address itself */
	a = acpi_tpm(6, 0xFED40000u);
	REQUIRE(tpm(&a, &r, &t, &e) == 0);
	CHECK_EQ(t.base, 0xFED40000u);

	/* a TPM anywhere else is refused, even one that answers there */
	a = acpi_tpm(6, 0xFED50000u);
	tis_regs(&r, 0xFED50000u);
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_ERANGE);
	CHECK_MSG(&e, "register base 0xfed50000 is not the PC Client PTP address 0xfed40000");
	CHECK_EQ(t.kind, TPM_IFACE_NONE);

	a = acpi_tpm(6, 0xFED40040u);
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_ERANGE);
	CHECK_EQ(t.kind, TPM_IFACE_NONE);

	a = acpi_tpm(6, 0);
	memset(&r, 0, sizeof(r));
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM_ACCESS_0 reads 0xff");

	tis_regs(&r, 0xFED40000u);
	r.r[0].val = 0x21; /* tpmRegValidSts clear */
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "reads 0x21");

	tis_regs(&r, 0xFED40000u);
	r.r[3].val = 0xFFFFFFFFu;
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM_DID_VID reads 0xffffffff");
	CHECK_EQ(t.kind, TPM_IFACE_NONE);

	tis_regs(&r, 0xFED40000u);
	r.r[1].val = 0xFFFFFFFFu;
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM_INTF_CAPABILITY");

	tis_regs(&r, 0xFED40000u);
	r.r[2].val = 0x1; /* the device is a CRB */
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "expected TIS but the interface id 0x00000001 says CRB");

	tis_regs(&r, 0xFED40000u);
	r.r[2].val = 0xFFFFFFFFu; /* TIS 1.2 part: no INTERFACE_ID register */
	CHECK_EQ(tpm(&a, &r, &t, &e), 0);
}

TEST(probe_tpm_crb)
{
	struct acpi_info a = acpi_tpm(7, 0xFED40040u);
	struct tpm_iface t;
	struct pp_err e;
	struct regs r;

	crb_regs(&r, 1);
	REQUIRE(tpm(&a, &r, &t, &e) == 0);
	CHECK_EQ(t.kind, TPM_IFACE_CRB);
	CHECK_EQ(t.base, 0xFED40000u);
	CHECK_EQ(t.did_vid, 0x00011014u);
	CHECK(strcmp(tpm_iface_name(t.kind), "CRB") == 0);

	a = acpi_tpm(8, 0xFED40040u);
	CHECK_EQ(tpm(&a, &r, &t, &e), 0);

	a = acpi_tpm(7, 0xFED40040u);
	crb_regs(&r, 0);
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "expected CRB but the interface id 0x00004010 says TIS");

	memset(&r, 0, sizeof(r));
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM_LOC_STATE_0 reads 0xffffffff");

	crb_regs(&r, 1);
	r.r[1].val = r.r[2].val = 0xFFFFFFFFu;
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "TPM_CRB_INTF_ID reads all-ones");

	a = acpi_tpm(7, 0);
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_ERANGE);
	CHECK_MSG(&e, "control area 0x0 is not at offset 0x40");

	a = acpi_tpm(7, 0xFD731000u); /* firmware TPM with the control area in RAM */
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_ERANGE);
	CHECK_MSG(&e, "control area 0xfd731000 is not at offset 0x40 of the PC Client PTP");

	a = acpi_tpm(7, 0xFED41040u); /* locality 1's page: not locality 0's */
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_ERANGE);

	/* a CRB table over a FIFO device */
	tis_regs(&r, 0xFED40000u);
	a = acpi_tpm(7, 0xFED40040u);
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "expected CRB but the interface id 0x00000000 says TIS");
	crb_regs(&r, 1);

	a = acpi_tpm(2, 0xFED40040u);
	CHECK_EQ(tpm(&a, &r, &t, &e), PP_ENOTSUP);
	CHECK_MSG(&e, "TPM2 start method 2 not supported");
	CHECK_EQ(t.kind, TPM_IFACE_NONE);
}

/* The secure loader's question: what, if anything, sits at the PTP address? */
static int ptp(struct regs *r, u64 base, struct tpm_iface *out, struct pp_err *e)
{
	const struct tpm_mmio_ops ops = {.rd8 = rd8, .rd32 = rd32, .ctx = r};
	memset(e, 0, sizeof(*e));
	return tpm_ptp_identify(&ops, base, TPM_IFACE_NONE, out, e);
}

TEST(ptp_identify_any)
{
	struct tpm_iface t;
	struct pp_err e;
	struct regs r;

	tis_regs(&r, 0xFED40000u);
	REQUIRE(ptp(&r, 0xFED40000u, &t, &e) == 0);
	CHECK_EQ(t.kind, TPM_IFACE_TIS);
	r.r[2].val = 0xFFFFFFFFu; /* TIS 1.3: no interface id register */
	REQUIRE(ptp(&r, 0xFED40000u, &t, &e) == 0);
	CHECK_EQ(t.kind, TPM_IFACE_TIS);

	crb_regs(&r, 1);
	REQUIRE(ptp(&r, 0xFED40000u, &t, &e) == 0);
	CHECK_EQ(t.kind, TPM_IFACE_CRB);
	CHECK_EQ(t.did_vid, 0x00011014u);

	memset(&r, 0, sizeof(r)); /* nothing decodes the page: all ones */
	CHECK_EQ(ptp(&r, 0xFED40000u, &t, &e), PP_ENOENT);
	CHECK_MSG(&e, "no TPM at 0xfed40000");
	CHECK_EQ(t.kind, TPM_IFACE_NONE);
	memset(&r, 0, sizeof(r)); /* ... or all zeros (QEMU's unassigned MMIO) */
	reg_set(&r, 0xFED40000u, 0);
	reg_set(&r, 0xFED40030u, 0);
	reg_set(&r, 0xFED40F00u, 0);
	CHECK_EQ(ptp(&r, 0xFED40000u, &t, &e), PP_ENOENT);
	CHECK_MSG(&e, "registers read 0x00, 0x00000000, 0x00000000");
	/* an invalid access register with a device id is not "nothing": refused */
	reg_set(&r, 0xFED40F00u, 0x00011014u);
	r.r[2].val = 0x00011014u;
	CHECK_EQ(ptp(&r, 0xFED40000u, &t, &e), PP_EDEVICE);

	crb_regs(&r, 5); /* an interface type the PTP does not define */
	CHECK_EQ(ptp(&r, 0xFED40000u, &t, &e), PP_EDEVICE);
	CHECK_MSG(&e, "InterfaceType 5 (neither FIFO nor CRB)");

	tis_regs(&r, 0xFED41000u); /* a register page that is not locality 0's */
	CHECK_EQ(ptp(&r, 0xFED41000u, &t, &e), PP_ERANGE);

	CHECK(tpm_ptp_range_ok(0xFED40000u, 0x5000));
	CHECK(tpm_ptp_range_ok(0xFED40080u, 0xF80));
	CHECK(!tpm_ptp_range_ok(0xFED40080u, 0x5000));
	CHECK(!tpm_ptp_range_ok(0xFED3F000u, 0x1000));
	CHECK(!tpm_ptp_range_ok(0xFFFFFFFFFFFFF000ull, 0x2000));
}

static int iommu(const struct acpi_iommu *u, struct regs *r, struct iommu_unit *out,
		 struct pp_err *e)
{
	memset(e, 0, sizeof(*e));
	return iommu_probe_regs(u, rd32, r, out, e);
}

TEST(probe_iommu_amdvi)
{
	struct acpi_iommu u = {.type = ACPI_IOMMU_AMDVI, .base = 0xFED80000u, .devid = 0x18};
	struct iommu_unit o;
	struct pp_err e;
	struct regs r = {0};

	reg_set(&r, 0xFED80030u, 0x0000001Bu);
	reg_set(&r, 0xFED80034u, 0x00000002u);
	REQUIRE(iommu(&u, &r, &o, &e) == 0);
	CHECK_EQ(o.type, ACPI_IOMMU_AMDVI);
	CHECK_EQ(o.base, 0xFED80000u);
	CHECK_EQ(o.ident, 0x000000020000001Bull);
	CHECK(strcmp(iommu_type_name(o.type), "AMD-Vi") == 0);

	memset(&r, 0, sizeof(r));
	CHECK_EQ(iommu(&u, &r, &o, &e), PP_EDEVICE);
	CHECK_MSG(&e, "AMD-Vi at 0xfed80000: EFR reads all-ones");
	CHECK_EQ(o.type, 0);

	u.base = 0;
	CHECK_EQ(iommu(&u, &r, &o, &e), PP_EINVAL);
	CHECK_MSG(&e, "register base 0x0 invalid");
}

TEST(probe_iommu_vtd)
{
	struct acpi_iommu u = {.type = ACPI_IOMMU_VTD, .base = 0xFED90000u};
	struct iommu_unit o;
	struct pp_err e;
	struct regs r = {0};

	reg_set(&r, 0xFED90000u, 0x10);	       /* version 1.0 */
	reg_set(&r, 0xFED90008u, 0x00D2008Fu); /* CAP low */
	reg_set(&r, 0xFED9000Cu, 0x00C00462u); /* CAP high */
	REQUIRE(iommu(&u, &r, &o, &e) == 0);
	CHECK_EQ(o.cap, 0x00C0046200D2008Full);
	CHECK_EQ(o.ident, 0x00D2008F00000010ull);
	CHECK(strcmp(iommu_type_name(o.type), "VT-d") == 0);

	r.r[0].val = 0;
	CHECK_EQ(iommu(&u, &r, &o, &e), PP_EDEVICE);
	CHECK_MSG(&e, "VER_REG reads 0x00000000");

	r.r[0].val = 0x01; /* major 0 */
	CHECK_EQ(iommu(&u, &r, &o, &e), PP_EDEVICE);

	r.r[0].val = 0xFFFFFFFFu;
	CHECK_EQ(iommu(&u, &r, &o, &e), PP_EDEVICE);
	CHECK_MSG(&e, "VER_REG reads 0xffffffff");

	r.r[0].val = 0x10;
	r.r[1].val = r.r[2].val = 0xFFFFFFFFu;
	CHECK_EQ(iommu(&u, &r, &o, &e), PP_EDEVICE);
	CHECK_MSG(&e, "CAP_REG reads all-ones");

	u.type = 7;
	CHECK_EQ(iommu(&u, &r, &o, &e), PP_EINVAL);
	CHECK_MSG(&e, "unknown type 7");
	CHECK(strcmp(iommu_type_name(7), "unknown") == 0);
}
