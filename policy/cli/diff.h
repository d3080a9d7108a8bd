/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `parapet policy diff A B` (docs/policy-diff-map.md): what changed between
 * two policy models in isolation terms. pol_diff compares (diff_model.c,
 * diff_part.c) and produces change records; pol_diff_print and
 * pol_diff_json (diff_print.c) render them; diff.c is the command.
 *
 * Trust: the models come from pol_cli_load, parsed but not validated, so
 * the comparison assumes nothing the reader does not enforce: duplicate
 * partition names, records whose owner does not exist and duplicate keys
 * are all compared (an orphan record is filed under a partition named
 * "(id N)"), never dereferenced out of bounds. Partitions are matched by
 * name; an unmatched pair with the same id is a rename. Records are matched
 * by their key inside a partition (RAM and channels' guest address or name,
 * MMIO's host address, CPU number, BDF, GSI, first port, capability and
 * target's name), so the order of the tables never matters.
 */
#ifndef PARAPET_POLICY_CLI_DIFF_H
#define PARAPET_POLICY_CLI_DIFF_H

#include <stdio.h>
#include <parapet/policy.h>

/* What a change is about. */
enum pol_chg_what {
	POL_CHG_NAME = 1,    /* header: policy name */
	POL_CHG_VERSION,     /* header: version */
	POL_CHG_EPOCH,	     /* header: security epoch */
	POL_CHG_PLATFORM,    /* header: platform binding */
	POL_CHG_MIN_HV,	     /* header: minimum hypervisor version */
	POL_CHG_PART,	     /* a partition added or removed */
	POL_CHG_PART_RENAME, /* same id, another name */
	POL_CHG_PART_ID,     /* same name, another id */
	POL_CHG_PART_IMAGE,  /* image file name */
	POL_CHG_PART_ENTRY,  /* entry point */
	POL_CHG_PART_MODE,   /* boot mode */
	POL_CHG_PART_CACHE,  /* CAT mask */
	POL_CHG_RAM,
	POL_CHG_MMIO,
	POL_CHG_CPU,
	POL_CHG_DEV,
	POL_CHG_IRQ,
	POL_CHG_PORT,
	POL_CHG_CAP,
	POL_CHG_CHAN,
	POL_CHG_WHAT_COUNT
};

enum pol_chg_op {
	POL_CHG_ADD = 1, /* only in B */
	POL_CHG_DEL = 2, /* only in A */
	POL_CHG_MOD = 3, /* in both, some field differs (fields) */
};

/*
 * The mark, in the order a reviewer reads them: privilege or isolation
 * widened, something gained, something lost, anything else.
 */
enum pol_chg_mark {
	POL_MARK_WIDEN = 0, /* '!' */
	POL_MARK_GAIN = 1,  /* '+' */
	POL_MARK_LOSS = 2,  /* '-' */
	POL_MARK_OTHER = 3, /* '~' */
};

/* Fields of a POL_CHG_MOD record that differ. */
#define POL_F_PERM 0x001u	  /* permissions (RAM, MMIO, channel rights) */
#define POL_F_DMA 0x002u	  /* RAM: DMA flag */
#define POL_F_SIZE 0x004u	  /* size (RAM, MMIO, channel), port count */
#define POL_F_HPA 0x008u	  /* RAM: fixed host address (or fixed at all) */
#define POL_F_GPA 0x010u	  /* MMIO, channel: guest address */
#define POL_F_MODE 0x020u	  /* CPU: exclusive or shared */
#define POL_F_SLICE 0x040u	  /* CPU: slice or period */
#define POL_F_IOMMU 0x080u	  /* device: IOMMU unit */
#define POL_F_PEER 0x100u	  /* channel: the other side */
#define POL_F_EPOCH_NOT_UP 0x200u /* epoch: B's is not above A's */
#define POL_F_FAULT 0x400u	  /* device: on-fault action */

union pol_chg_val {
	u32 u;				/* version, epoch, min_hv, id, mode, cache mask */
	u64 addr;			/* entry */
	char str[PP_POL_IMAGE_MAX + 1]; /* name, platform, image */
	struct pp_pol_ram ram;
	struct pp_pol_mmio mmio;
	struct pp_pol_cpu cpu;
	struct pp_pol_dev dev;
	struct pp_pol_irq irq;
	struct pp_pol_port port;
	struct pp_pol_cap_ent cap;
	struct pp_pol_chan chan;
};

struct pol_change {
	enum pol_chg_what what;
	enum pol_chg_op op;
	enum pol_chg_mark mark;
	u32 fields;			   /* POL_F_*, for POL_CHG_MOD */
	char part[PP_POL_NAME_MAX + 8];	   /* the partition (B's name), "" for the header */
	char other[PP_POL_NAME_MAX + 8];   /* a channel's peer or a control target (by name) */
	char other_a[PP_POL_NAME_MAX + 8]; /* A's peer when POL_F_PEER */
	union pol_chg_val a, b;		   /* A's and B's side (as far as op has them) */
};

/* Records: 2 per record of both models' tables, plus the header's. */
#define POL_DIFF_MAX                                                                               \
	(2u * (PP_POL_MAX_PARTS * 7u + PP_POL_MAX_RAM + PP_POL_MAX_MMIO + PP_POL_MAX_CPUS +        \
	       PP_POL_MAX_DEVS + PP_POL_MAX_IRQS + PP_POL_MAX_PORTS + PP_POL_MAX_CAPS +            \
	       PP_POL_MAX_CHANS) +                                                                 \
	 8u)

struct pol_diff {
	u32 n;
	struct pol_change c[POL_DIFF_MAX];
};

/*
 * Compare a (old) with b (new) into *out: header changes first, then each
 * partition's (partitions in B's name order, removed ones after), each
 * partition's records ordered by mark (widenings first), then by kind and
 * key. out->n == 0 when the models are identical in model terms (the
 * signer's key id is not compared). Neither model is changed. Returns 0,
 * or -1 when out of memory (out->n is 0 then: not a verdict).
 */
int pol_diff(const struct pp_policy *a, const struct pp_policy *b, struct pol_diff *out);

/* '!', '+', '-' or '~'. */
char pol_mark_char(enum pol_chg_mark m);

/*
 * One line of what a change is, without its mark and partition (for
 * example "RAM gpa 0x0 64 MiB rwx DMA" or "device 0000:00:03.0 (IOMMU 0)").
 */
void pol_change_text(const struct pol_change *c, char *buf, size_t len);
/* The short phrase for a partition's summary ("gains DMA", "gains device ..."). */
void pol_change_summary(const struct pol_change *c, char *buf, size_t len);

/* The report: summary of widenings, then every change (diff_print.c). */
void pol_diff_print(FILE *f, const struct pol_diff *d, const char *path_a, const char *path_b);
void pol_diff_json(FILE *f, const struct pol_diff *d, const char *path_a, const char *path_b);

/* A size in hex and binary units: "0x4000000 (64 MiB)"; human part only: pol_size_human. */
void pol_size_human(u64 size, char *buf, size_t len);

#endif
