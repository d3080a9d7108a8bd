// SPDX-License-Identifier: GPL-2.0-only
/*
 * A minimal AML emitter for the virtual ACPI platform's DSDT (vacpi_aml.h).
 * Encodings from ACPI 6.5 chapter 20: NameOp 0x08, ScopeOp 0x10, BufferOp
 * 0x11, PackageOp 0x12, MethodOp 0x14, ReturnOp 0xA4, ExtOpPrefix 0x5B +
 * DeviceOp 0x82, StringPrefix 0x0D, BytePrefix 0x0A, ZeroOp 0x00, OneOp
 * 0x01, RootChar '\'; PkgLength in 20.2.4. Resource descriptors from
 * section 6.4: I/O Port (6.4.2.5, small item 0x47, 7 data bytes), 32-bit
 * Fixed Memory Range (6.4.3.4, large item 0x86, 9 data bytes), QWord and
 * Word Address Space (6.4.3.5.1 and 6.4.3.5.3, large items 0x8A and 0x88,
 * 43 and 13 data bytes) and End Tag (6.4.2.9, 0x79 and a checksum byte,
 * 0 = none).
 *
 * Packages are emitted with a one-byte PkgLength placeholder, then closed:
 * a body too long for one byte is moved up to make room. Overflow of the
 * output is sticky and reported once, by a 0 length. Pure; no trust input.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "hypervisor/core/linux/vacpi.h"
#include "hypervisor/core/linux/vacpi_aml.h"

#define AML_ZERO_OP 0x00u
#define AML_ONE_OP 0x01u
#define AML_NAME_OP 0x08u
#define AML_BYTE_PREFIX 0x0Au
#define AML_WORD_PREFIX 0x0Bu
#define AML_DWORD_PREFIX 0x0Cu
#define AML_STRING_PREFIX 0x0Du
#define AML_SCOPE_OP 0x10u
#define AML_BUFFER_OP 0x11u
#define AML_PACKAGE_OP 0x12u
#define AML_METHOD_OP 0x14u
#define AML_ROOT_CHAR 0x5Cu
#define AML_EXT_OP_PREFIX 0x5Bu
#define AML_DEVICE_OP 0x82u
#define AML_RETURN_OP 0xA4u

#define RES_MEMORY32_FIXED 0x86u
#define RES_MEMORY32_FIXED_LEN 9u
#define RES_READ_WRITE 0x01u
#define RES_END_TAG 0x79u
#define RES_IO 0x47u	      /* 6.4.2.5 I/O Port Descriptor: small item 0x08, length 7 */
#define RES_IO_DECODE16 0x01u /* Information bit 0: 16-bit address decode */
#define RES_IO_SIZE 8u

/* 6.4.3.5.1 QWord / 6.4.3.5.3 Word Address Space Descriptors (Tables 6.44,
 * 6.46): tag, 16-bit length, Resource Type, General Flags, Type Specific
 * Flags, then _GRA, _MIN, _MAX, _TRA, _LEN (8 or 2 bytes each); no
 * Resource Source. */
#define RES_QWORD 0x8Au
#define RES_QWORD_LEN 43u
#define RES_QWORD_SIZE (3u + RES_QWORD_LEN)
#define RES_WORD 0x88u
#define RES_WORD_LEN 13u
#define RES_WORD_SIZE (3u + RES_WORD_LEN)
#define RES_TYPE_MEMORY 0u
#define RES_TYPE_BUS 2u
/* General Flags: bit 3 _MAF (max fixed), bit 2 _MIF (min fixed), bit 1
 * _DEC 0 (positive decode), bit 0 0 (ResourceProducer: the bridge
 * produces the range for its children). _MIF = _MAF = 1 with _LEN > 0 is
 * a fixed range: _GRA 0 and _LEN = _MAX - _MIN + 1 (6.4.3.5, Table 6.41). */
#define RES_GEN_FIXED_PRODUCER 0x0Cu
/* 6.4.3.5.5 Memory Resource Flag (Resource Type 0): bit 0 _RW (1
 * read/write), bits 2:1 _MEM (0 non-cacheable, 3 prefetchable), bits 4:3
 * _MTP 0 (AddressRangeMemory), bit 5 _TTP 0. Bus Number Range (type 2):
 * all reserved, 0. */
#define RES_MEM_RW 0x01u
#define RES_MEM_PREFETCH (3u << 1)
#define RES_END_SIZE 2u

/* The PCI root bridge's _CRS: bus numbers, the conf1 ports, the windows,
 * the End Tag. */
#define PCI_CRS_MAX                                                                                \
	(RES_WORD_SIZE + RES_IO_SIZE + VACPI_PCI_MAX_WIN * RES_QWORD_SIZE + RES_END_SIZE)
#define PCI_CONF1_PORT 0xCF8u /* PCI Local Bus 3.0 3.2.2.3.2: 0xCF8-0xCFF */
#define PCI_CONF1_LEN 8u

/* 20.2.4: PkgLength is at most 4 bytes, up to 2^28 - 1. */
#define PKGLEN_MAX ((1u << 28) - 1u)

struct aml {
	u8 *p;
	u32 len, cap;
	bool full;
};

static void emit(struct aml *a, const void *b, u32 n)
{
	if (a->full || n > a->cap - a->len) {
		a->full = true;
		return;
	}
	memcpy(a->p + a->len, b, n);
	a->len += n;
}

static void emit8(struct aml *a, u8 v)
{
	emit(a, &v, 1);
}

/* A NameSeg: exactly four characters (lead A-Z or '_', padded with '_'). */
static void name_seg(struct aml *a, const char *seg)
{
	emit(a, seg, 4);
}

/* 20.2.3 ComputationalData: the shortest encoding of an integer. */
static void integer(struct aml *a, u32 v)
{
	u8 b[4];

	if (v == 0) {
		emit8(a, AML_ZERO_OP);
	} else if (v == 1) {
		emit8(a, AML_ONE_OP);
	} else if (v <= 0xFFu) {
		emit8(a, AML_BYTE_PREFIX);
		emit8(a, (u8)v);
	} else if (v <= 0xFFFFu) {
		emit8(a, AML_WORD_PREFIX);
		st_le16(b, (u16)v);
		emit(a, b, 2);
	} else {
		emit8(a, AML_DWORD_PREFIX);
		st_le32(b, v);
		emit(a, b, 4);
	}
}

u32 vacpi_aml_pkglen(u32 body, u8 out[4])
{
	u32 n, total;

	if (body <= 0x3Fu - 1u) {
		out[0] = (u8)(body + 1u); /* bits 5:0, no following bytes */
		return 1;
	}
	for (n = 2; n <= 4; n++) {
		if (body > PKGLEN_MAX - n)
			return 0;
		total = body + n;
		if (total < (1u << (4u + 8u * (n - 1u)))) {
			out[0] = (u8)(((n - 1u) << 6) | (total & 0xFu));
			for (u32 i = 1; i < n; i++)
				out[i] = (u8)(total >> (4u + 8u * (i - 1u)));
			return n;
		}
	}
	return 0;
}

/* Open a package: reserve one byte for its PkgLength; returns its offset. */
static u32 pkg_open(struct aml *a)
{
	u32 at = a->len;

	emit8(a, 0);
	return at;
}

/* Close the package opened at `at`: encode its PkgLength, moving the body
 * up when the encoding needs more than the reserved byte. */
static void pkg_close(struct aml *a, u32 at)
{
	u8 enc[4];
	u32 body, n;

	if (a->full)
		return;
	body = a->len - at - 1u;
	n = vacpi_aml_pkglen(body, enc);
	if (n == 0 || n - 1u > a->cap - a->len) {
		a->full = true;
		return;
	}
	if (n > 1)
		memmove(a->p + at + n, a->p + at + 1, body);
	memcpy(a->p + at, enc, n);
	a->len += n - 1u;
}

static void name_string(struct aml *a, const char *seg, const char *str)
{
	emit8(a, AML_NAME_OP);
	name_seg(a, seg);
	emit8(a, AML_STRING_PREFIX);
	emit(a, str, (u32)strlen(str) + 1u); /* AsciiCharList NullChar */
}

/* Name (\_S5_, Package (0x04) { SLP_TYPa, Zero, Zero, Zero }) (ACPI 6.5
 * section 7.4.2.5 "\_S5 (Soft Off)": SLP_TYPa, SLP_TYPb, reserved...). */
static void s5(struct aml *a)
{
	u32 pkg;

	emit8(a, AML_NAME_OP);
	emit8(a, AML_ROOT_CHAR);
	name_seg(a, "_S5_");
	emit8(a, AML_PACKAGE_OP);
	pkg = pkg_open(a);
	emit8(a, 4); /* NumElements */
	integer(a, VACPI_S5_SLP_TYP);
	integer(a, 0);
	integer(a, 0);
	integer(a, 0);
	pkg_close(a, pkg);
}

/* Name (_CRS, Buffer (n) { d }): a ResourceTemplate is a Buffer holding the
 * descriptors and the End Tag (19.6.117; 6.4.1). */
static void name_crs(struct aml *a, const u8 *d, u32 n)
{
	u32 pkg;

	emit8(a, AML_NAME_OP);
	name_seg(a, "_CRS");
	emit8(a, AML_BUFFER_OP);
	pkg = pkg_open(a);
	integer(a, n); /* BufferSize */
	emit(a, d, n);
	pkg_close(a, pkg);
}

/* Name (SEG, integer) */
static void name_int(struct aml *a, const char *seg, u32 v)
{
	emit8(a, AML_NAME_OP);
	name_seg(a, seg);
	integer(a, v);
}

/* Name (_CRS, ResourceTemplate () { Memory32Fixed (ReadWrite, base, len) }) */
static void crs_mem32(struct aml *a, u32 base, u32 len)
{
	u8 d[12 + 2];

	d[0] = RES_MEMORY32_FIXED;
	st_le16(d + 1, RES_MEMORY32_FIXED_LEN);
	d[3] = RES_READ_WRITE;
	st_le32(d + 4, base);
	st_le32(d + 8, len);
	d[12] = RES_END_TAG;
	d[13] = 0; /* checksum 0: "treated as if the checksum operation succeeded" */
	name_crs(a, d, (u32)sizeof(d));
}

/* Method (_STA, 0, NotSerialized) { Return (0x0F) }: present, enabled,
 * shown in UI, functioning (6.3.7). */
static void sta_present(struct aml *a)
{
	u32 pkg;

	emit8(a, AML_METHOD_OP);
	pkg = pkg_open(a);
	name_seg(a, "_STA");
	emit8(a, 0); /* MethodFlags: 0 arguments, not serialized */
	emit8(a, AML_RETURN_OP);
	integer(a, 0x0F);
	pkg_close(a, pkg);
}

/* Scope (\_SB_) { Device (NAME) { ... : the caller's body, then _STA (present) } }:
 * open returns the two PkgLength marks, close emits _STA and closes both. */
struct sb_dev {
	u32 scope, dev;
};

static struct sb_dev sb_device_open(struct aml *a, const char *name)
{
	struct sb_dev d;

	emit8(a, AML_SCOPE_OP);
	d.scope = pkg_open(a);
	emit8(a, AML_ROOT_CHAR);
	name_seg(a, "_SB_");
	emit8(a, AML_EXT_OP_PREFIX);
	emit8(a, AML_DEVICE_OP);
	d.dev = pkg_open(a);
	name_seg(a, name);
	return d;
}

static void sb_device_close(struct aml *a, struct sb_dev d)
{
	sta_present(a);
	pkg_close(a, d.dev);
	pkg_close(a, d.scope);
}

/* \_SB.TPM_ { _HID, _CRS, _STA } (TCG PC Client Platform TPM Profile:
 * _HID "MSFT0101" for a TPM 2.0). */
static void tpm_device(struct aml *a)
{
	struct sb_dev d = sb_device_open(a, "TPM_");

	name_string(a, "_HID", "MSFT0101");
	crs_mem32(a, VACPI_TPM_BASE, VACPI_TPM_LEN);
	sb_device_close(a, d);
}

/* IO (Decode16, base, base, 1, len): a fixed I/O range (6.4.2.5). */
static void res_io(u8 d[RES_IO_SIZE], u16 base, u8 len)
{
	d[0] = RES_IO;
	d[1] = RES_IO_DECODE16;
	st_le16(d + 2, base); /* range minimum */
	st_le16(d + 4, base); /* range maximum: fixed */
	d[6] = 1;	      /* alignment */
	d[7] = len;
}

/* Name (_CRS, ResourceTemplate () { IO (Decode16, base, base, 1, len) }) */
static void crs_io(struct aml *a, u16 base, u8 len)
{
	u8 d[RES_IO_SIZE + RES_END_SIZE];

	res_io(d, base, len);
	d[8] = RES_END_TAG;
	d[9] = 0;
	name_crs(a, d, (u32)sizeof(d));
}

/* \_SB.COM1 { _HID "PNP0501", _UID 1, _CRS IO 0x3F8/8, _STA }: the polled
 * 16550 (vports_uart.c), with no interrupt in its resources, so Linux's
 * 8250_pnp re-registers ttyS0 without the legacy IRQ 4 (which nothing
 * delivers on this platform) and its tty polls the port on a timer instead
 * of waiting for a THRE interrupt. */
static void com1_device(struct aml *a)
{
	struct sb_dev d = sb_device_open(a, "COM1");

	name_string(a, "_HID", "PNP0501");
	emit8(a, AML_NAME_OP);
	name_seg(a, "_UID");
	integer(a, 1);
	crs_io(a, VACPI_COM1_BASE, VACPI_COM1_LEN);
	sb_device_close(a, d);
}

u32 vacpi_aml_eisaid(const char *id)
{
	u32 v = 0;

	if (!id || strlen(id) != 7)
		return 0;
	for (u32 i = 0; i < 3; i++) {
		if (id[i] < 'A' || id[i] > 'Z')
			return 0;
		v = v << 5 | (u32)(id[i] - 'A' + 1); /* 'A' = 0x41 -> 1 */
	}
	for (u32 i = 3; i < 7; i++) {
		const char c = id[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (u32)(c - '0');
		else if (c >= 'A' && c <= 'F')
			v = v << 4 | (u32)(c - 'A' + 10);
		else
			return 0;
	}
	/* v = compressed letters (bits 30:16) | product (bits 15:0), both
	 * big-endian in memory: byte-swap to the little-endian DWORD */
	return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}

/* WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode, 0, bus,
 * bus, 0, 1): the one bus below the bridge (6.4.3.5.3). */
static void res_bus(u8 d[RES_WORD_SIZE], u16 bus)
{
	d[0] = RES_WORD;
	st_le16(d + 1, RES_WORD_LEN);
	d[3] = RES_TYPE_BUS;
	d[4] = RES_GEN_FIXED_PRODUCER;
	d[5] = 0;	      /* Type Specific Flags: reserved for bus numbers */
	st_le16(d + 6, 0);    /* _GRA */
	st_le16(d + 8, bus);  /* _MIN */
	st_le16(d + 10, bus); /* _MAX */
	st_le16(d + 12, 0);   /* _TRA */
	st_le16(d + 14, 1);   /* _LEN */
}

/* QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed,
 * NonCacheable or Prefetchable, ReadWrite, 0, base, base + size - 1, 0,
 * size): one window, untranslated (gpa == hpa; 6.4.3.5.1). */
static void res_qword_mem(u8 d[RES_QWORD_SIZE], const struct vacpi_pci_win *w)
{
	d[0] = RES_QWORD;
	st_le16(d + 1, RES_QWORD_LEN);
	d[3] = RES_TYPE_MEMORY;
	d[4] = RES_GEN_FIXED_PRODUCER;
	d[5] = (u8)(RES_MEM_RW | (w->prefetch ? RES_MEM_PREFETCH : 0u));
	st_le64(d + 6, 0);			 /* _GRA */
	st_le64(d + 14, w->base);		 /* _MIN */
	st_le64(d + 22, w->base + w->size - 1u); /* _MAX */
	st_le64(d + 30, 0);			 /* _TRA */
	st_le64(d + 38, w->size);		 /* _LEN */
}

/* \_SB.PCI0: a PCI root bridge (PCI Firmware 3.2 section 4.1.1; ACPI 6.5
 * section 6.1.5 _HID "PNP0A03"), _UID 0 (6.1.12), _SEG 0 (6.5.6), _BBN 0
 * (6.5.5), _CRS (6.2.2): bus 0 only (the view vpci shows), the conf1 ports
 * as the IO range the bridge consumes (Linux's x86 code drops exactly
 * 0xCF8-0xCFF from the windows, arch/x86/pci/acpi.c), one memory window per
 * BAR. */
static void pci_device(struct aml *a, const struct vacpi_pci *pci)
{
	u8 d[PCI_CRS_MAX];
	u32 n = 0;
	struct sb_dev dev = sb_device_open(a, "PCI0");

	name_int(a, "_HID", vacpi_aml_eisaid("PNP0A03"));
	name_int(a, "_UID", 0);
	name_int(a, "_SEG", 0);
	name_int(a, "_BBN", 0);
	res_bus(d, 0);
	n += RES_WORD_SIZE;
	res_io(d + n, PCI_CONF1_PORT, PCI_CONF1_LEN);
	n += RES_IO_SIZE;
	for (u32 i = 0; i < pci->nwin; i++) {
		res_qword_mem(d + n, &pci->win[i]);
		n += RES_QWORD_SIZE;
	}
	d[n++] = RES_END_TAG;
	d[n++] = 0;
	name_crs(a, d, n);
	sb_device_close(a, dev);
}

u32 vacpi_dsdt_aml(u8 *out, u32 cap, bool tpm, const struct vacpi_pci *pci)
{
	struct aml a = {.p = out, .len = 0, .cap = out ? cap : 0, .full = false};

	if (pci && pci->nwin > VACPI_PCI_MAX_WIN)
		return 0;
	s5(&a);
	com1_device(&a);
	if (tpm)
		tpm_device(&a);
	if (pci)
		pci_device(&a, pci);
	return a.full ? 0 : a.len;
}
