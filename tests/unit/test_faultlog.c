// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA fault log: the recorder (hypervisor/core/faultlog.c: keys,
 * counts, the full table, times, the console budget and line) and the
 * page reader (common/faultlog/fl_read.c: round trips and every refusal).
 * Pages under test are the recorder's own or copies in test buffers.
 */
#include <parapet/acpi.h>
#include <parapet/bytes.h>
#include <parapet/faultlog.h>
#include "../../hypervisor/core/faultlog.h"
#include "unit.h"

static struct fl_view view;
static struct fl_sum_view sview;
static u8 buf[FL_PAGE_SIZE];

/* edu at 00:04.0 writing at addr, AMD-Vi IO_PAGE_FAULT (EventCode 2). */
static struct iommu_fault fault(u64 addr)
{
	return (struct iommu_fault){.unit_type = ACPI_IOMMU_AMDVI,
				    .seg = 0,
				    .rid = 4u << 3,
				    .addr = addr,
				    .access = IOMMU_ACC_WRITE,
				    .code = 2,
				    .domain = 3,
				    .flags = 0x20};
}

static int read_part(u32 idx, struct pp_err *err)
{
	memcpy(buf, faultlog_page(idx), FL_PAGE_SIZE);
	return fl_read(buf, FL_PAGE_SIZE, &view, err);
}

static int read_sum(struct pp_err *err)
{
	memcpy(buf, faultlog_summary_page(), FL_PAGE_SIZE);
	return fl_read_summary(buf, FL_PAGE_SIZE, &sview, err);
}

TEST(faultlog_empty_pages_read_back)
{
	struct pp_err err;
	faultlog_init();
	REQUIRE(faultlog_page(0) && faultlog_page(PP_POL_MAX_PARTS - 1));
	CHECK(faultlog_page(PP_POL_MAX_PARTS) == NULL);
	CHECK_EQ((uintptr_t)faultlog_page(1) % FL_PAGE_SIZE, 0);
	CHECK_EQ((uintptr_t)faultlog_summary_page() % FL_PAGE_SIZE, 0);
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.h.count, 0);
	CHECK_EQ(view.h.capacity, FL_MAX_ENTRIES);
	CHECK_EQ(view.h.ent_size, FL_ENT_SIZE);
	CHECK_EQ(view.h.part_id, FL_OWNER_UNBOUND);
	CHECK_EQ(view.h.seq, 0);
	faultlog_bind(0, 7);
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.h.part_id, 7);
	CHECK_EQ(view.h.seq, 2); /* one write: odd during it, even after */
	REQUIRE(read_sum(&err) == PP_OK);
	CHECK_EQ(sview.h.count, 0);
	CHECK_EQ(sview.h.capacity, FL_MAX_SUMMARY);
}

TEST(faultlog_same_key_counts_first_and_last)
{
	struct pp_err err;
	struct fl_note n;
	struct iommu_fault f = fault(0x2000000);
	faultlog_init();
	faultlog_bind(2, 5);
	faultlog_record(2, &f, 100, &n);
	CHECK_EQ(n.count, 1);
	f.addr = 0x2000ff8; /* same page: same key */
	f.domain = 9;
	faultlog_record(2, &f, 250, &n);
	CHECK_EQ(n.count, 2);
	REQUIRE(read_part(2, &err) == PP_OK);
	REQUIRE(view.h.count == 1);
	const struct fl_entry *e = &view.e[0];
	CHECK_EQ(e->count, 2);
	CHECK_EQ(e->page, 0x2000000);
	CHECK_EQ(e->last_addr, 0x2000ff8);
	CHECK_EQ(e->first_us, 100);
	CHECK_EQ(e->last_us, 250);
	CHECK_EQ(e->rid, 0x20);
	CHECK_EQ(e->unit, ACPI_IOMMU_AMDVI);
	CHECK_EQ(e->access, IOMMU_ACC_WRITE);
	CHECK_EQ(e->code, 2);
	CHECK_EQ(e->domain, 9);
	CHECK_EQ(e->flags, 0x20);
	CHECK_EQ(view.h.total, 2);
	CHECK_EQ(view.h.dropped, 0);
	CHECK_EQ(view.h.last_us, 250);
	CHECK_EQ(view.h.seq, 6); /* bind, two records */
	/* Other partitions saw nothing. */
	REQUIRE(read_part(1, &err) == PP_OK);
	CHECK_EQ(view.h.count, 0);
	CHECK_EQ(view.h.total, 0);
}

TEST(faultlog_distinct_keys)
{
	struct pp_err err;
	struct iommu_fault base = fault(0x5000), f;
	faultlog_init();
	f = base;
	faultlog_record(0, &f, 1, NULL);
	f.addr = 0x6000; /* page */
	faultlog_record(0, &f, 2, NULL);
	f = base;
	f.access = IOMMU_ACC_READ;
	faultlog_record(0, &f, 3, NULL);
	f = base;
	f.code = 1;
	faultlog_record(0, &f, 4, NULL);
	f = base;
	f.rid = 0x28;
	faultlog_record(0, &f, 5, NULL);
	f = base;
	f.seg = 1;
	faultlog_record(0, &f, 6, NULL);
	f = base;
	f.unit_type = ACPI_IOMMU_VTD;
	faultlog_record(0, &f, 7, NULL);
	f = base;
	f.domain = 77; /* not part of the key */
	f.flags = 1;
	faultlog_record(0, &f, 8, NULL);
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.h.count, 7);
	CHECK_EQ(view.h.total, 8);
	CHECK_EQ(view.e[0].count, 2);
	CHECK_EQ(view.e[0].last_us, 8);
	CHECK_EQ(view.e[0].domain, 77);
	for (u32 i = 1; i < 7; i++)
		CHECK_EQ(view.e[i].count, 1);
	CHECK_EQ(view.e[1].page, 0x6000);
	CHECK_EQ(view.e[6].unit, ACPI_IOMMU_VTD);
}

TEST(faultlog_full_table_drops)
{
	struct pp_err err;
	struct fl_note n;
	struct iommu_fault f;
	faultlog_init();
	for (u32 i = 0; i < FL_MAX_ENTRIES; i++) {
		f = fault(0x100000 + (u64)i * 0x1000);
		faultlog_record(3, &f, i, NULL);
	}
	f = fault(0x900000); /* a new key, no room */
	faultlog_record(3, &f, 1000, &n);
	CHECK_EQ(n.count, FL_MAX_ENTRIES + 1); /* the summary's: device and code */
	n.count = 0;
	f = fault(0x100000); /* an old key still counts */
	faultlog_record(3, &f, 1001, &n);
	CHECK_EQ(n.count, 2);
	REQUIRE(read_part(3, &err) == PP_OK);
	CHECK_EQ(view.h.count, FL_MAX_ENTRIES);
	CHECK_EQ(view.h.dropped, 1);
	CHECK_EQ(view.h.total, FL_MAX_ENTRIES + 2);
	CHECK_EQ(view.e[0].count, 2);
	CHECK_EQ(view.h.last_us, 1001);
	for (u32 i = 0; i < FL_MAX_ENTRIES; i++)
		CHECK(view.e[i].page != 0x900000);
}

TEST(faultlog_count_saturates)
{
	struct pp_err err;
	struct fl_note n;
	struct iommu_fault f = fault(0x3000);
	faultlog_init();
	faultlog_record(0, &f, 1, NULL);
	/* The page is the recorder's static storage: set the count near its end. */
	u8 *pg = (u8 *)(uintptr_t)faultlog_page(0);
	st_le32(pg + FL_HDR_SIZE + FL_E_COUNT, 0xfffffffeu);
	st_le64(pg + FL_OFF_TOTAL, 0xfffffffeull);
	faultlog_record(0, &f, 2, &n);
	CHECK_EQ(n.count, 0xffffffffu);
	faultlog_record(0, &f, 3, &n);
	CHECK_EQ(n.count, 0xffffffffu);
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.e[0].count, 0xffffffffu);
	CHECK_EQ(view.h.total, 0x100000000ull);
	CHECK_EQ(view.e[0].last_us, 3);
}

TEST(faultlog_time_never_runs_backwards_in_a_page)
{
	struct pp_err err;
	struct iommu_fault f = fault(0x3000);
	faultlog_init();
	faultlog_record(0, &f, 500, NULL);
	faultlog_record(0, &f, 400, NULL); /* a clock that went back */
	f.addr = 0x4000;
	faultlog_record(0, &f, 450, NULL);
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.e[0].first_us, 500);
	CHECK_EQ(view.e[0].last_us, 500);
	CHECK_EQ(view.e[1].first_us, 500);
	CHECK_EQ(view.h.last_us, 500);
}

TEST(faultlog_refuses_bad_input)
{
	struct pp_err err;
	struct fl_note n = {9, 9};
	struct iommu_fault f = fault(0x3000);
	faultlog_init();
	f.unit_type = 0;
	CHECK(!faultlog_record(0, &f, 1, &n));
	f.unit_type = 3;
	CHECK(!faultlog_record(0, &f, 1, &n));
	f = fault(0x3000);
	CHECK(!faultlog_record(PP_POL_MAX_PARTS, &f, 1, &n));
	CHECK_EQ(n.count, 9); /* untouched */
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.h.total, 0);
	CHECK_EQ(view.h.seq, 0);
	REQUIRE(read_sum(&err) == PP_OK);
	CHECK_EQ(sview.h.total, 0);
	/* An out-of-range code is kept as 0xffff, access bits outside 7 dropped. */
	f.code = 0x12345;
	f.access = 0xf2;
	faultlog_record(0, &f, 1, NULL);
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.e[0].code, 0xffff);
	CHECK_EQ(view.e[0].access, 2);
}

TEST(faultlog_rate_limit)
{
	struct fl_note n;
	struct iommu_fault f = fault(0x3000), g = fault(0x8000);
	faultlog_init();
	CHECK(faultlog_record(0, &f, 1000, &n)); /* first of its key */
	CHECK_EQ(n.more, 0);
	CHECK(!faultlog_record(0, &f, 1001, &n)); /* within the second */
	CHECK(!faultlog_record(0, &f, 500000, &n));
	CHECK(faultlog_record(0, &g, 600000, &n)); /* a new key: always */
	CHECK_EQ(n.more, 2);
	CHECK_EQ(n.count, 1);
	CHECK(!faultlog_record(0, &f, 600000 + FL_LINE_GAP_US - 1, &n));
	CHECK(faultlog_record(0, &f, 600000 + FL_LINE_GAP_US, &n)); /* a second later */
	CHECK_EQ(n.more, 1);
	CHECK_EQ(n.count, 5);
	/* Another partition and unowned devices have their own budgets. */
	CHECK(faultlog_record(1, &f, 600000 + FL_LINE_GAP_US, &n));
	CHECK(!faultlog_record(1, &f, 600000 + FL_LINE_GAP_US + 1, &n));
	CHECK(faultlog_record(FL_PART_NONE, &f, 600000 + FL_LINE_GAP_US, &n));
	CHECK_EQ(n.count, 1);
	CHECK(!faultlog_record(FL_PART_NONE, &f, 600000 + FL_LINE_GAP_US + 2, &n));
	/* Unowned: new means a new summary key (device, code), not a new page. */
	CHECK(!faultlog_record(FL_PART_NONE, &g, 600000 + FL_LINE_GAP_US + 3, &n));
	struct iommu_fault o = f;
	o.rid = 0x28;
	CHECK(faultlog_record(FL_PART_NONE, &o, 600000 + FL_LINE_GAP_US + 4, &n));
	CHECK_EQ(n.more, 2);
	/* A clock that went backwards is no time elapsed. */
	CHECK(!faultlog_record(0, &f, 10, &n));
	/* Faults past a full table are not new keys: the one-second budget. */
	faultlog_init();
	for (u32 i = 0; i < FL_MAX_ENTRIES; i++) {
		struct iommu_fault h = fault((u64)i << 12);
		CHECK(faultlog_record(0, &h, 5, NULL));
	}
	struct iommu_fault h = fault(0x10000000);
	CHECK(!faultlog_record(0, &h, 6, NULL));
	h.addr += 0x1000;
	CHECK(!faultlog_record(0, &h, 7, NULL));
	CHECK(faultlog_record(0, &h, 5 + FL_LINE_GAP_US, &n));
	CHECK_EQ(n.more, 2);
}

TEST(faultlog_console_line)
{
	char line[160];
	struct iommu_fault f = fault(0x2000000);
	int w = faultlog_line(&f, "io-page-fault", "work-a", 1, 0, line, sizeof(line));
	CHECK_EQ(w, (int)strlen(line));
	CHECK(!strcmp(line, "dma fault: 0000:00:04.0 write at 0x2000000: io-page-fault "
			    "(amd-vi code 2), owner work-a, 1 so far"));
	f = (struct iommu_fault){.unit_type = ACPI_IOMMU_VTD,
				 .seg = 0x12,
				 .rid = 0xab << 8 | 0x1f << 3 | 7,
				 .addr = 0xfffff000,
				 .access = IOMMU_ACC_READ | IOMMU_ACC_WRITE,
				 .code = 6};
	faultlog_line(&f, "pte-not-present", NULL, 17, 40, line, sizeof(line));
	CHECK(!strcmp(line, "dma fault: 0012:ab:1f.7 read/write at 0xfffff000: pte-not-present "
			    "(vt-d code 6), owner none, 17 so far, 40 more not shown"));
	f.access = 0;
	f.addr = 0;
	faultlog_line(&f, NULL, "x", 1, 0, line, sizeof(line));
	CHECK(!strcmp(line, "dma fault: 0012:ab:1f.7 access at 0x0: unknown (vt-d code 6), owner "
			    "x, 1 so far"));
	/* Truncation: NUL-terminated, the full length returned. */
	char small[12];
	w = faultlog_line(&f, NULL, "x", 1, 0, small, sizeof(small));
	CHECK_EQ(w, (int)strlen(line));
	CHECK_EQ(strlen(small), sizeof(small) - 1);
}

TEST(faultlog_summary)
{
	struct pp_err err;
	struct iommu_fault f = fault(0x3000);
	faultlog_init();
	faultlog_bind(0, 4);
	faultlog_bind(1, 9);
	faultlog_record(0, &f, 10, NULL);
	f.addr = 0x9000; /* another page: same summary key */
	f.access = IOMMU_ACC_READ;
	faultlog_record(0, &f, 20, NULL);
	faultlog_record(1, &f, 30, NULL); /* same device, another owner */
	f.code = 5;
	faultlog_record(FL_PART_NONE, &f, 40, NULL);
	REQUIRE(read_sum(&err) == PP_OK);
	REQUIRE(sview.h.count == 3);
	CHECK_EQ(sview.h.total, 4);
	CHECK_EQ(sview.h.part_id, 0);
	CHECK_EQ(sview.e[0].owner, 4);
	CHECK_EQ(sview.e[0].count, 2);
	CHECK_EQ(sview.e[0].access, IOMMU_ACC_READ | IOMMU_ACC_WRITE);
	CHECK_EQ(sview.e[0].last_us, 20);
	CHECK_EQ(sview.e[0].rid, 0x20);
	CHECK_EQ(sview.e[0].code, 2);
	CHECK_EQ(sview.e[1].owner, 9);
	CHECK_EQ(sview.e[1].count, 1);
	CHECK_EQ(sview.e[2].owner, FL_OWNER_NONE);
	CHECK_EQ(sview.e[2].code, 5);
	CHECK_EQ(sview.h.last_us, 40);
	/* Unowned faults are in no partition's page. */
	REQUIRE(read_part(0, &err) == PP_OK);
	CHECK_EQ(view.h.total, 2);
	/* An unbound partition's faults carry FL_OWNER_UNBOUND. */
	faultlog_record(2, &f, 50, NULL);
	REQUIRE(read_sum(&err) == PP_OK);
	CHECK_EQ(sview.e[3].owner, FL_OWNER_UNBOUND);
	/* Full: new keys are dropped, counted in the total. */
	faultlog_init();
	for (u32 i = 0; i < FL_MAX_SUMMARY + 3; i++) {
		struct iommu_fault g = fault(0);
		g.rid = (u16)i;
		faultlog_record(FL_PART_NONE, &g, i, NULL);
	}
	REQUIRE(read_sum(&err) == PP_OK);
	CHECK_EQ(sview.h.count, FL_MAX_SUMMARY);
	CHECK_EQ(sview.h.dropped, 3);
	CHECK_EQ(sview.h.total, FL_MAX_SUMMARY + 3);
}

/* A valid page with two entries, built by the recorder. */
static void two_entries(void)
{
	struct iommu_fault f = fault(0x3000);
	faultlog_init();
	faultlog_bind(0, 1);
	faultlog_record(0, &f, 10, NULL);
	f.addr = 0x7010;
	faultlog_record(0, &f, 20, NULL);
	memcpy(buf, faultlog_page(0), FL_PAGE_SIZE);
}

/* fl_read must refuse buf with code and a message holding sub, and leave
 * the view as it was. */
static void refused(u32 len, int code, const char *sub)
{
	struct pp_err err = {0, ""};
	memset(&view, 0xa5, sizeof(view));
	CHECK_EQ(fl_read(buf, len, &view, &err), code);
	CHECK_EQ(err.code, code);
	CHECK_MSG(&err, sub);
	CHECK_EQ(view.h.count, 0xa5a5a5a5u);
	two_entries();
}

TEST(fl_read_refusals)
{
	struct pp_err err;
	two_entries();
	REQUIRE(fl_read(buf, FL_PAGE_SIZE, &view, &err) == PP_OK);
	CHECK_EQ(view.h.count, 2);
	/* The page need only hold the header and the counted entries. */
	CHECK_EQ(fl_read(buf, FL_HDR_SIZE + 2 * FL_ENT_SIZE, &view, &err), PP_OK);
	refused(FL_HDR_SIZE + 2 * FL_ENT_SIZE - 1, PP_ETRUNC, "run past the 159-byte copy");
	refused(FL_HDR_SIZE - 1, PP_ETRUNC, "63 bytes, shorter than its 64-byte header");
	buf[3] = 'S';
	refused(FL_PAGE_SIZE, PP_EMAGIC, "expected \"PPFL\"");
	st_le16(buf + FL_OFF_VERSION, 2);
	refused(FL_PAGE_SIZE, PP_EVERSION, "version 2, this reader knows 1");
	st_le32(buf + FL_OFF_SEQ, 7);
	refused(FL_PAGE_SIZE, PP_EINVAL, "sequence 7 is odd");
	st_le16(buf + FL_OFF_HDR_SIZE, 72);
	refused(FL_PAGE_SIZE, PP_ERANGE, "header size 72");
	st_le16(buf + FL_OFF_ENT_SIZE, 40);
	refused(FL_PAGE_SIZE, PP_ERANGE, "entry size 40");
	st_le16(buf + FL_OFF_ENT_SIZE, 52);
	refused(FL_PAGE_SIZE, PP_ERANGE, "entry size 52");
	st_le16(buf + FL_OFF_CAPACITY, FL_MAX_ENTRIES + 1);
	refused(FL_PAGE_SIZE, PP_ERANGE, "capacity 65 above the format's 64");
	st_le32(buf + FL_OFF_COUNT, FL_MAX_ENTRIES + 1);
	refused(FL_PAGE_SIZE, PP_ERANGE, "65 entries, capacity 64");
	/* Entries of a larger size: 64 of them run past the page. */
	st_le16(buf + FL_OFF_ENT_SIZE, 64);
	st_le32(buf + FL_OFF_COUNT, FL_MAX_ENTRIES);
	refused(FL_PAGE_SIZE, PP_ETRUNC, "64 entries of 64 bytes run past the 4096-byte copy");
	st_le64(buf + FL_OFF_DROPPED, 3);
	refused(FL_PAGE_SIZE, PP_EINVAL, "3 dropped of 2 faults in total");
	st_le64(buf + FL_OFF_TOTAL, 1);
	refused(FL_PAGE_SIZE, PP_EINVAL,
		"entry counts sum to 2 and 0 were dropped: above the total 1");
	u8 *e1 = buf + FL_HDR_SIZE + FL_ENT_SIZE;
	e1[FL_E_UNIT] = 3;
	refused(FL_PAGE_SIZE, PP_EINVAL, "entry 1: unit type 3");
	e1[FL_E_ACCESS] = 8;
	refused(FL_PAGE_SIZE, PP_EINVAL, "entry 1: access bits 0x8");
	st_le32(e1 + FL_E_COUNT, 0);
	refused(FL_PAGE_SIZE, PP_EINVAL, "entry 1: count 0");
	st_le64(e1 + FL_E_LAST_US, 21);
	refused(FL_PAGE_SIZE, PP_EINVAL, "entry 1: last time 21 after the page's 20");
	st_le64(e1 + FL_E_PAGE, 0x7010);
	refused(FL_PAGE_SIZE, PP_EINVAL, "entry 1: page 0x7010 not 4 KiB aligned");
	st_le64(e1 + FL_E_LAST_ADDR, 0x8000);
	refused(FL_PAGE_SIZE, PP_EINVAL, "last address 0x8000 outside its page 0x7000");
	st_le64(e1 + FL_E_FIRST_US, 30);
	st_le64(buf + FL_OFF_LAST_US, 40);
	refused(FL_PAGE_SIZE, PP_EINVAL, "entry 1: first time 30 after last 20");
	st_le64(e1 + FL_E_PAGE, 0x3000);
	st_le64(e1 + FL_E_LAST_ADDR, 0x3008);
	refused(FL_PAGE_SIZE, PP_EINVAL, "entries 0 and 1 have the same key");
	/* A summary is not a partition log, and the other way round. */
	memcpy(buf, faultlog_summary_page(), FL_PAGE_SIZE);
	refused(FL_PAGE_SIZE, PP_EMAGIC, "magic");
	CHECK_EQ(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err), PP_EMAGIC);
	CHECK_MSG(&err, "fault summary: magic");
}

TEST(fl_read_summary_refusals)
{
	struct pp_err err;
	struct iommu_fault f = fault(0x3000);
	faultlog_init();
	faultlog_record(FL_PART_NONE, &f, 5, NULL);
	f.rid = 0x28;
	faultlog_record(FL_PART_NONE, &f, 6, NULL);
	memcpy(buf, faultlog_summary_page(), FL_PAGE_SIZE);
	REQUIRE(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err) == PP_OK);
	CHECK_EQ(sview.h.count, 2);
	st_le32(buf + FL_OFF_PART_ID, 3);
	CHECK_EQ(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err), PP_EINVAL);
	CHECK_MSG(&err, "partition id 3, expected 0");
	st_le32(buf + FL_OFF_PART_ID, 0);
	u8 *e1 = buf + FL_HDR_SIZE + FL_SUM_ENT_SIZE;
	st_le16(e1 + FL_S_RID, 0x20);
	CHECK_EQ(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err), PP_EINVAL);
	CHECK_MSG(&err, "entries 0 and 1 have the same key");
	e1[FL_S_ACCESS] = 4; /* not part of the key */
	CHECK_EQ(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err), PP_EINVAL);
	st_le32(e1 + FL_S_OWNER, 2); /* is */
	CHECK_EQ(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err), PP_OK);
	st_le16(buf + FL_OFF_CAPACITY, FL_MAX_SUMMARY + 1);
	CHECK_EQ(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err), PP_ERANGE);
	CHECK_MSG(&err, "capacity 129 above the format's 128");
	st_le16(buf + FL_OFF_CAPACITY, FL_MAX_SUMMARY);
	st_le32(buf + FL_OFF_COUNT, 0);
	st_le64(buf + FL_OFF_DROPPED, 2);
	CHECK_EQ(fl_read_summary(buf, FL_PAGE_SIZE, &sview, &err), PP_OK);
	CHECK_EQ(sview.h.count, 0);
	CHECK_EQ(sview.h.dropped, 2);
}

TEST(fl_copy_sequence)
{
	static u8 live[FL_PAGE_SIZE] __attribute__((aligned(8)));
	struct pp_err err;
	struct iommu_fault f = fault(0x3000);
	faultlog_init();
	faultlog_record(0, &f, 5, NULL);
	memcpy(live, faultlog_page(0), FL_PAGE_SIZE);
	memset(buf, 0, sizeof(buf));
	REQUIRE(fl_copy(live, buf, FL_PAGE_SIZE, 3, &err) == PP_OK);
	CHECK(!memcmp(buf, live, FL_PAGE_SIZE));
	REQUIRE(fl_read(buf, FL_PAGE_SIZE, &view, &err) == PP_OK);
	CHECK_EQ(view.e[0].count, 1);
	/* A writer that never finishes: refused after the tries. */
	st_le32(live + FL_OFF_SEQ, 3);
	CHECK_EQ(fl_copy(live, buf, FL_PAGE_SIZE, 4, &err), PP_ETIMEOUT);
	CHECK_MSG(&err, "was writing in each of 4 tries (sequence 3");
	CHECK_EQ(fl_copy(live + 1, buf, FL_PAGE_SIZE - 1, 4, &err), PP_EINVAL);
	CHECK_MSG(&err, "4-aligned");
	CHECK_EQ(fl_copy(live, buf, FL_HDR_SIZE - 1, 4, &err), PP_EINVAL);
}

/* The reason an `on-fault stop` partition is stopped with (docs/policy.md). */
TEST(faultlog_stop_reason)
{
	char why[112];
	struct iommu_fault f = {.unit_type = ACPI_IOMMU_VTD,
				.rid = 0x01 << 3,
				.addr = 0x1000000,
				.access = IOMMU_ACC_WRITE,
				.code = 5};
	int w = faultlog_stop_reason(&f, "write-denied", why, sizeof(why));
	CHECK_EQ(w, (int)strlen(why));
	CHECK(!strcmp(why, "DMA fault: 0000:00:01.0 write at 0x1000000 (write-denied)"));
	f = (struct iommu_fault){.unit_type = ACPI_IOMMU_AMDVI,
				 .seg = 0xffff,
				 .rid = 0xffff,
				 .addr = ~0ull,
				 .access = IOMMU_ACC_READ | IOMMU_ACC_WRITE | IOMMU_ACC_EXEC};
	w = faultlog_stop_reason(&f, NULL, why, sizeof(why));
	CHECK(!strcmp(why, "DMA fault: ffff:ff:1f.7 read/write/exec at 0xffffffffffffffff "
			   "(unknown)"));
	CHECK((u32)w < sizeof(why)); /* the longest fits the partition's stop_why */
	char small[16];
	w = faultlog_stop_reason(&f, NULL, small, sizeof(small));
	CHECK_EQ(w, (int)strlen(why));
	CHECK_EQ(strlen(small), sizeof(small) - 1);
}
