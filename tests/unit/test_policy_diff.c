// SPDX-License-Identifier: GPL-2.0-only
/*
 * pol_diff (policy/cli/diff.h): identical and reordered models give no
 * change; every kind of change on a modified copy of the fixture is found,
 * with the partition it belongs to and its mark (privilege widenings "!"),
 * widenings sorted first.
 */
#include <stdio.h>
#include <stdlib.h>
#include "policy/cli/diff.h"
#include "policy_fixture.h"
#include "unit.h"

static struct pp_policy A, B;
static struct pol_diff D;

static void both(void)
{
	policy_fixture(&A);
	policy_fixture(&B);
}

/* The first record of this kind and operation (and partition, when not NULL). */
static const struct pol_change *find(enum pol_chg_what what, enum pol_chg_op op, const char *part)
{
	for (u32 i = 0; i < D.n; i++)
		if (D.c[i].what == what && D.c[i].op == op && (!part || !strcmp(D.c[i].part, part)))
			return &D.c[i];
	return NULL;
}

static u32 marks(enum pol_chg_mark m)
{
	u32 n = 0;
	for (u32 i = 0; i < D.n; i++)
		n += D.c[i].mark == m;
	return n;
}

TEST(policy_diff_identical_and_reordered)
{
	both();
	CHECK_EQ(pol_diff(&A, &B, &D), 0);
	CHECK_EQ(D.n, 0);
	/* Every table in another order, partitions swapped: still no change. */
	struct pp_pol_part p = B.parts[0];
	B.parts[0] = B.parts[1];
	B.parts[1] = p;
	struct pp_pol_ram r = B.ram[0];
	B.ram[0] = B.ram[2];
	B.ram[2] = r;
	struct pp_pol_cap_ent c = B.caps[0];
	B.caps[0] = B.caps[3];
	B.caps[3] = c;
	struct pp_pol_chan ch = B.chans[0];
	B.chans[0] = B.chans[1];
	B.chans[1] = ch;
	struct pp_pol_cpu cpu = B.cpus[0];
	B.cpus[0] = B.cpus[1];
	B.cpus[1] = cpu;
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 0);
	/* The key id (the signer's) is not part of the model's meaning. */
	B.key_id[0] = 1;
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 0);
}

TEST(policy_diff_header)
{
	both();
	B.version = 4;
	B.epoch = 3;
	strcpy(B.platform, "QEMU:I440FX");
	B.min_hv = 2;
	strcpy(B.name, "fixture2");
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 5);
	CHECK(D.c[0].what == POL_CHG_NAME && D.c[1].what == POL_CHG_VERSION);
	CHECK(D.c[2].what == POL_CHG_EPOCH && D.c[2].mark == POL_MARK_OTHER);
	CHECK(D.c[3].what == POL_CHG_PLATFORM && !strcmp(D.c[3].b.str, "QEMU:I440FX"));
	CHECK(D.c[4].what == POL_CHG_MIN_HV && D.c[4].mark == POL_MARK_OTHER);
	CHECK_EQ(D.c[0].part[0], 0);
	/* A lower epoch: the TPM floor refuses it; flagged. */
	both();
	B.epoch = 1;
	pol_diff(&A, &B, &D);
	REQUIRE(D.n == 1);
	CHECK(D.c[0].what == POL_CHG_EPOCH && D.c[0].mark == POL_MARK_WIDEN);
	CHECK(D.c[0].fields & POL_F_EPOCH_NOT_UP);
	/* Any change under the same epoch: flagged too, after the version. */
	both();
	B.version = 9;
	B.min_hv = 0;
	pol_diff(&A, &B, &D);
	REQUIRE(D.n == 3);
	CHECK(D.c[0].what == POL_CHG_VERSION);
	CHECK(D.c[1].what == POL_CHG_EPOCH && D.c[1].mark == POL_MARK_WIDEN && D.c[1].a.u == 2 &&
	      D.c[1].b.u == 2);
	CHECK(D.c[2].what == POL_CHG_MIN_HV && D.c[2].mark == POL_MARK_WIDEN);
}

/* B's epoch is raised in every case below, so only the edit shows. */
static void edit_start(void)
{
	both();
	B.epoch = 3;
}

static const struct pol_change *only(void)
{
	pol_diff(&A, &B, &D);
	/* the header's epoch record, then the one change */
	if (D.n != 2 || D.c[0].what != POL_CHG_EPOCH) {
		fprintf(stderr, "  expected one change, got %u records\n", D.n);
		return NULL;
	}
	return &D.c[1];
}

TEST(policy_diff_ram)
{
	const struct pol_change *c;
	edit_start();
	B.ram[B.n_ram++] =
	    (struct pp_pol_ram){.part = 2, .perm = 3, .gpa = 0x8000000, .size = 0x1000};
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_RAM && c->op == POL_CHG_ADD && c->mark == POL_MARK_GAIN);
	CHECK(!strcmp(c->part, "app"));
	B.ram[B.n_ram - 1].flags = PP_POL_RAM_DMA;
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_ADD && c->mark == POL_MARK_WIDEN);
	/* removed */
	edit_start();
	B.ram[1] = B.ram[--B.n_ram];
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_DEL && c->mark == POL_MARK_LOSS && !strcmp(c->part, "service"));
	CHECK_EQ(c->a.ram.size, 0x1000000);
	/* permissions widened; narrowed */
	edit_start();
	B.ram[2].perm = 7;
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_MOD && c->mark == POL_MARK_WIDEN && c->fields == POL_F_PERM);
	edit_start();
	B.ram[0].perm = 5;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_LOSS && c->fields == POL_F_PERM);
	/* DMA gained (service), lost (app) */
	edit_start();
	B.ram[1].flags = PP_POL_RAM_DMA;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_WIDEN && c->fields == POL_F_DMA);
	edit_start();
	B.ram[0].flags = 0;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_LOSS && c->fields == POL_F_DMA);
	/* grown; moved to other fixed host memory */
	edit_start();
	B.ram[0].size = 0x8000000;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_GAIN && c->fields == POL_F_SIZE);
	edit_start();
	B.ram[2].hpa = 0x90000000;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_WIDEN && c->fields == POL_F_HPA);
	CHECK_EQ(c->a.ram.hpa, 0x80000000);
	CHECK_EQ(c->b.ram.hpa, 0x90000000);
}

TEST(policy_diff_mmio_cpu)
{
	const struct pol_change *c;
	edit_start();
	B.mmio[B.n_mmio++] = (struct pp_pol_mmio){
	    .part = 2, .perm = 3, .hpa = 0xfe000000, .gpa = 0xfe000000, .size = 0x1000};
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_MMIO && c->op == POL_CHG_ADD && c->mark == POL_MARK_WIDEN);
	CHECK(!strcmp(c->part, "app"));
	edit_start();
	B.mmio[0].perm = 1;
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_MOD && c->mark == POL_MARK_LOSS && c->fields == POL_F_PERM);
	edit_start();
	B.mmio[0].gpa = 0x10000000;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_OTHER && c->fields == POL_F_GPA);
	edit_start();
	B.n_mmio = 0;
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_DEL && c->mark == POL_MARK_LOSS);

	edit_start();
	B.cpus[B.n_cpus++] = (struct pp_pol_cpu){.part = 2, .cpu = 3, .mode = 1};
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_CPU && c->op == POL_CHG_ADD && c->mark == POL_MARK_GAIN);
	edit_start();
	B.cpus[0] = (struct pp_pol_cpu){
	    .part = 2, .cpu = 2, .mode = PP_POL_CPU_SHARED, .slice_us = 500, .period_us = 1000};
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_MOD && c->mark == POL_MARK_WIDEN);
	CHECK(c->fields == (POL_F_MODE | POL_F_SLICE));
	/* Slice changes: from 500/1000 to 600/1000 (gain), 400/1000 (loss). */
	A.cpus[0] = B.cpus[0];
	A.epoch = 2;
	B.cpus[0].slice_us = 600;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_GAIN && c->fields == POL_F_SLICE);
	B.cpus[0].slice_us = 400;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_LOSS);
	B.cpus[0].mode = PP_POL_CPU_EXCLUSIVE;
	B.cpus[0].slice_us = B.cpus[0].period_us = 0;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_GAIN && (c->fields & POL_F_MODE));
	edit_start();
	B.cpus[1].cpu = 3; /* service: CPU 1 lost, CPU 3 gained */
	pol_diff(&A, &B, &D);
	CHECK(find(POL_CHG_CPU, POL_CHG_DEL, "service") &&
	      find(POL_CHG_CPU, POL_CHG_ADD, "service"));
}

TEST(policy_diff_dev_irq_port)
{
	const struct pol_change *c;
	char s[256];
	edit_start();
	B.devs[B.n_devs++] = (struct pp_pol_dev){.part = 1, .bus = 0, .devfn = 4 << 3, .iommu = 1};
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_DEV && c->op == POL_CHG_ADD && c->mark == POL_MARK_WIDEN);
	CHECK(!strcmp(c->part, "service"));
	pol_change_summary(c, s, sizeof(s));
	CHECK(!strcmp(s, "gains device 0000:00:04.0"));
	pol_change_text(c, s, sizeof(s));
	CHECK(!strcmp(s, "device 0000:00:04.0 (IOMMU unit 1)"));
	edit_start();
	B.devs[0].iommu = 2;
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_MOD && c->mark == POL_MARK_OTHER && c->fields == POL_F_IOMMU);
	pol_change_text(c, s, sizeof(s));
	CHECK(!strcmp(s, "device 0000:00:03.0: IOMMU unit 0 -> 2"));
	/* the fault action: a reaction, not a right (other), in both directions */
	edit_start();
	B.devs[0].on_fault = PP_POL_FAULT_STOP;
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_MOD && c->mark == POL_MARK_OTHER && c->fields == POL_F_FAULT);
	pol_change_text(c, s, sizeof(s));
	CHECK(!strcmp(s, "device 0000:00:03.0: on-fault log -> stop"));
	B.devs[0].iommu = 1;
	REQUIRE((c = only()) != NULL);
	CHECK(c->fields == (POL_F_IOMMU | POL_F_FAULT));
	pol_change_text(c, s, sizeof(s));
	CHECK(!strcmp(s, "device 0000:00:03.0: IOMMU unit 0 -> 1, on-fault log -> stop"));
	A.devs[0] = B.devs[0];
	B.devs[0].on_fault = PP_POL_FAULT_LOG;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_OTHER && c->fields == POL_F_FAULT);
	/* an added device shows a stop; log is the default and not spelled */
	edit_start();
	B.devs[B.n_devs++] = (struct pp_pol_dev){
	    .part = 1, .bus = 0, .devfn = 4 << 3, .iommu = 1, .on_fault = PP_POL_FAULT_STOP};
	REQUIRE((c = only()) != NULL);
	pol_change_text(c, s, sizeof(s));
	CHECK(!strcmp(s, "device 0000:00:04.0 (IOMMU unit 1, on-fault stop)"));
	edit_start();
	B.devs[0].part = 1; /* moved from app to service */
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 3);
	CHECK(find(POL_CHG_DEV, POL_CHG_DEL, "app") && find(POL_CHG_DEV, POL_CHG_ADD, "service"));

	edit_start();
	B.irqs[B.n_irqs++] = (struct pp_pol_irq){.part = 1, .gsi = 9};
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_IRQ && c->op == POL_CHG_ADD && c->mark == POL_MARK_WIDEN);
	edit_start();
	B.n_irqs = 0;
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_IRQ && c->op == POL_CHG_DEL && c->mark == POL_MARK_LOSS);

	edit_start();
	B.ports[0].count = 16;
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_PORT && c->op == POL_CHG_MOD && c->mark == POL_MARK_WIDEN);
	pol_change_text(c, s, sizeof(s));
	CHECK(!strcmp(s, "I/O ports 0x2f8: 8 -> 16 ports (0x2f8-0x307)"));
	edit_start();
	B.ports[0].count = 4;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_LOSS);
	edit_start();
	B.ports[B.n_ports++] = (struct pp_pol_port){.part = 1, .base = 0x60, .count = 1};
	REQUIRE((c = only()) != NULL);
	CHECK(c->op == POL_CHG_ADD && c->mark == POL_MARK_WIDEN);
}

TEST(policy_diff_caps_chans)
{
	const struct pol_change *c;
	char s[256];
	edit_start();
	B.caps[B.n_caps++] =
	    (struct pp_pol_cap_ent){.part = 2, .cap = PP_POL_CAP_CONTROL, .target = 1};
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_CAP && c->op == POL_CHG_ADD && c->mark == POL_MARK_WIDEN);
	CHECK(!strcmp(c->other, "service"));
	pol_change_summary(c, s, sizeof(s));
	CHECK(!strcmp(s, "gains control of service"));
	edit_start();
	B.caps[1].cap = PP_POL_CAP_FAULTLOG_READ; /* service: console -> faultlog-read */
	pol_diff(&A, &B, &D);
	CHECK(find(POL_CHG_CAP, POL_CHG_DEL, "service") &&
	      find(POL_CHG_CAP, POL_CHG_ADD, "service"));
	/* The control target is compared by name: ids renumbered, no change. */
	A.caps[A.n_caps++] =
	    (struct pp_pol_cap_ent){.part = 2, .cap = PP_POL_CAP_CONTROL, .target = 1};
	both();
	A.caps[A.n_caps++] =
	    (struct pp_pol_cap_ent){.part = 2, .cap = PP_POL_CAP_CONTROL, .target = 1};
	B.caps[B.n_caps++] =
	    (struct pp_pol_cap_ent){.part = 2, .cap = PP_POL_CAP_CONTROL, .target = 1};
	for (u32 i = 0; i < B.n_parts; i++)
		B.parts[i].id += 4;
	for (u32 i = 0; i < B.n_caps; i++) {
		B.caps[i].part += 4;
		B.caps[i].target += B.caps[i].target ? 4 : 0;
	}
	for (u32 i = 0; i < B.n_ram; i++)
		B.ram[i].part += 4;
	B.mmio[0].part += 4;
	B.cpus[0].part += 4;
	B.cpus[1].part += 4;
	B.devs[0].part += 4;
	B.irqs[0].part += 4;
	B.ports[0].part += 4;
	for (u32 i = 0; i < B.n_chans; i++) {
		B.chans[i].part += 4;
		B.chans[i].peer += 4;
	}
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 3); /* the equal epoch and the two ids */
	CHECK(find(POL_CHG_PART_ID, POL_CHG_MOD, "app") &&
	      find(POL_CHG_PART_ID, POL_CHG_MOD, "service"));
	CHECK(!find(POL_CHG_CAP, POL_CHG_ADD, NULL) && !find(POL_CHG_CHAN, POL_CHG_MOD, NULL));

	/* channels: rights widened, shrunk, moved, new */
	edit_start();
	B.chans[1].perm = 3;
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_CHAN && c->op == POL_CHG_MOD && c->mark == POL_MARK_WIDEN);
	CHECK(!strcmp(c->part, "app") && c->fields == POL_F_PERM);
	pol_change_summary(c, s, sizeof(s));
	CHECK(!strcmp(s, "gains -w- on channel ctl"));
	edit_start();
	B.chans[0].gpa = 0x90000000;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_OTHER && c->fields == POL_F_GPA);
	edit_start();
	B.chans[0].size = B.chans[1].size = 0x8000;
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 3);
	CHECK_EQ(marks(POL_MARK_LOSS), 2);
	edit_start();
	B.chans[B.n_chans++] = (struct pp_pol_chan){
	    .part = 2, .peer = 1, .name = "log", .perm = 2, .gpa = 0x90000000, .size = 0x1000};
	B.chans[B.n_chans++] = (struct pp_pol_chan){
	    .part = 1, .peer = 2, .name = "log", .perm = 1, .gpa = 0x90000000, .size = 0x1000};
	pol_diff(&A, &B, &D);
	c = find(POL_CHG_CHAN, POL_CHG_ADD, "app");
	REQUIRE(c != NULL);
	CHECK(c->mark == POL_MARK_WIDEN && !strcmp(c->other, "service"));
	pol_change_text(c, s, sizeof(s));
	CHECK(!strcmp(s, "channel log to service -w- gpa 0x90000000-0x90000fff 0x1000 (4 KiB)"));
	/* a channel's peer changes (a third partition) */
	edit_start();
	B.parts[B.n_parts++] = (struct pp_pol_part){.id = 3, .name = "net", .image = "net.elf"};
	B.chans[0].peer = 3;
	pol_diff(&A, &B, &D);
	c = find(POL_CHG_CHAN, POL_CHG_MOD, "service");
	REQUIRE(c != NULL);
	CHECK(c->mark == POL_MARK_WIDEN && c->fields == POL_F_PEER);
	CHECK(!strcmp(c->other_a, "app") && !strcmp(c->other, "net"));
}

TEST(policy_diff_partitions)
{
	const struct pol_change *c;
	/* added, with its resources */
	edit_start();
	B.parts[B.n_parts++] =
	    (struct pp_pol_part){.id = 3, .name = "net", .image = "net.elf", .entry = 0x1000};
	B.ram[B.n_ram++] = (struct pp_pol_ram){
	    .part = 3, .perm = 7, .flags = PP_POL_RAM_DMA, .gpa = 0, .size = 0x100000};
	B.devs[B.n_devs++] = (struct pp_pol_dev){.part = 3, .bus = 1, .devfn = 0};
	B.cpus[B.n_cpus++] = (struct pp_pol_cpu){.part = 3, .cpu = 3, .mode = 1};
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 5);
	c = find(POL_CHG_PART, POL_CHG_ADD, "net");
	CHECK(c && c->mark == POL_MARK_WIDEN && c->b.u == 3);
	CHECK(find(POL_CHG_RAM, POL_CHG_ADD, "net") && find(POL_CHG_DEV, POL_CHG_ADD, "net"));
	/* order: "!" records first inside the partition, the "+" CPU last */
	CHECK(D.c[D.n - 1].what == POL_CHG_CPU && D.c[D.n - 1].mark == POL_MARK_GAIN);
	CHECK(D.c[1].what == POL_CHG_PART && D.c[1].mark == POL_MARK_WIDEN);
	/* removed: after the partitions B has */
	pol_diff(&B, &A, &D);
	c = find(POL_CHG_PART, POL_CHG_DEL, "net");
	CHECK(c && c->mark == POL_MARK_LOSS && c == &D.c[D.n - 4]);
	CHECK_EQ(marks(POL_MARK_LOSS), 4);
	/* renamed: same id, another name; nothing else changes */
	edit_start();
	strcpy(B.parts[0].name, "web");
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_PART_RENAME && !strcmp(c->part, "web") &&
	      !strcmp(c->a.str, "app"));
	/* image, entry, mode */
	edit_start();
	strcpy(B.parts[0].image, "app2.elf");
	B.parts[0].entry = 0x101000;
	B.parts[0].mode = PP_POL_BOOT_REAL16;
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 4);
	CHECK(find(POL_CHG_PART_IMAGE, POL_CHG_MOD, "app") &&
	      find(POL_CHG_PART_ENTRY, POL_CHG_MOD, "app"));
	CHECK(find(POL_CHG_PART_MODE, POL_CHG_MOD, "app"));
	/* cache masks: set (confined), grown, removed (widened) */
	edit_start();
	B.parts[0].cache_mask = 0x0f;
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_PART_CACHE && c->mark == POL_MARK_LOSS);
	A.parts[0].cache_mask = 0x0f;
	B.parts[0].cache_mask = 0xff;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_GAIN);
	B.parts[0].cache_mask = 0;
	REQUIRE((c = only()) != NULL);
	CHECK(c->mark == POL_MARK_WIDEN);
}

TEST(policy_diff_unvalidated)
{
	const struct pol_change *c;
	/* A record whose owner is no partition is still compared. */
	edit_start();
	B.irqs[B.n_irqs++] = (struct pp_pol_irq){.part = 9, .gsi = 5};
	REQUIRE((c = only()) != NULL);
	CHECK(c->what == POL_CHG_IRQ && !strcmp(c->part, "(id 9)"));
	A.irqs[A.n_irqs++] = (struct pp_pol_irq){.part = 9, .gsi = 5};
	A.epoch = 3;
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 0);
	/* Duplicate names and keys pair up one by one. */
	edit_start();
	strcpy(A.parts[1].name, "app");
	strcpy(B.parts[1].name, "app");
	A.ram[A.n_ram++] = A.ram[0];
	B.ram[B.n_ram++] = B.ram[0];
	B.ram[B.n_ram++] = B.ram[0];
	pol_diff(&A, &B, &D);
	CHECK_EQ(D.n, 2);
	CHECK(find(POL_CHG_RAM, POL_CHG_ADD, "app") != NULL);
	/* Counts beyond the tables are clamped, not followed. */
	edit_start();
	B.n_irqs = 1000;
	B.n_parts = 1000;
	pol_diff(&A, &B, &D);
	CHECK(D.n > 0 && D.n <= POL_DIFF_MAX);
}

TEST(policy_diff_report)
{
	char *buf = NULL;
	size_t len = 0;
	edit_start();
	B.devs[B.n_devs++] = (struct pp_pol_dev){.part = 1, .bus = 0, .devfn = 4 << 3};
	B.ram[1].flags = PP_POL_RAM_DMA;
	B.n_irqs = 0;
	B.ram[B.n_ram++] =
	    (struct pp_pol_ram){.part = 1, .perm = 3, .gpa = 0x2000000, .size = 0x1000};
	pol_diff(&A, &B, &D);
	FILE *f = open_memstream(&buf, &len);
	REQUIRE(f != NULL);
	pol_diff_print(f, &D, "a.bin", "b.bin");
	fclose(f);
	REQUIRE(buf != NULL);
	const char *w =
	    strstr(buf, "widened (review these first):\n  ! service: gains DMA (RAM gpa "
			"0x0, 16 MiB); gains device 0000:00:04.0\n");
	const char *ram = strstr(buf, "  ! RAM gpa 0x0: DMA enabled\n");
	const char *plus = strstr(buf, "  + RAM gpa 0x2000000-0x2000fff 0x1000 (4 KiB) rw-\n");
	const char *lost = strstr(buf, "partition app:\n  - GSI 11\n");
	CHECK(w && ram && plus && lost);
	CHECK(w < ram && ram < plus);
	CHECK(strstr(buf, "5 changes: 2 widened (!), 1 gained (+), 1 lost (-), 1 other (~)\n"));
	if (unit_failed_now())
		fputs(buf, stderr);
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	REQUIRE(f != NULL);
	pol_diff_json(f, &D, "a\"b", "b.bin");
	fclose(f);
	REQUIRE(buf != NULL);
	CHECK(strstr(buf, "{\"a\":\"a\\\"b\",\"b\":\"b.bin\",\"identical\":false"));
	CHECK(strstr(buf,
		     "\"kind\":\"device\",\"op\":\"add\",\"text\":\"device 0000:00:04.0 (IOMMU "
		     "unit 0)\",\"widens\":\"gains device 0000:00:04.0\"}"));
	free(buf);
}

TEST(policy_diff_sizes)
{
	char s[32];
	pol_size_human(0x1000, s, sizeof(s));
	CHECK(!strcmp(s, "4 KiB"));
	pol_size_human(0x180000, s, sizeof(s));
	CHECK(!strcmp(s, "1.5 MiB"));
	pol_size_human(1000, s, sizeof(s));
	CHECK(!strcmp(s, "1000 bytes"));
	pol_size_human(0x10000000000ull, s, sizeof(s));
	CHECK(!strcmp(s, "1 TiB"));
}
