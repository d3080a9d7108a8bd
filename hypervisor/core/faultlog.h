/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DMA fault recorder (docs/iommu-faults.md): every fault an IOMMU
 * driver decoded (struct iommu_fault) goes into its owner partition's
 * bounded fault log and into the machine summary, both pages in the
 * format of parapet/faultlog.h that partitions holding `faultlog-read` map
 * read-only; and the decision whether the console prints a line for it.
 *
 * Runs in IRQ context (the host tick on the boot CPU): no allocation after
 * faultlog_init, bounded work per fault (a scan of at most FL_MAX_ENTRIES
 * and FL_MAX_SUMMARY entries), one spinlock for writers. Readers never
 * lock: they follow the sequence protocol (fl_copy).
 *
 * Trust: the fault record comes from a driver (hypervisor code) that
 * decoded the hardware's; it is still range-checked: a unit type other
 * than AMD-Vi or VT-d, or a partition index out of range, records nothing.
 */
#ifndef PARAPET_HV_FAULTLOG_H
#define PARAPET_HV_FAULTLOG_H

#include <parapet/faultlog.h>
#include <parapet/policy.h>
#include <parapet/types.h>
#include "../drivers/iommu/iommu_env.h"

/* faultlog_record's partition index for a device no partition owns. */
#define FL_PART_NONE 0xffffffffu
/* A partition page's owner id until faultlog_bind names it. */
#define FL_OWNER_UNBOUND 0xffffffffu
/* At most one console line per partition per this long, beyond the first
 * of each distinct fault. */
#define FL_LINE_GAP_US 1000000u

/* Zero every page, write the headers (no owner bound, no faults). Call
 * once at boot, before the IOMMU's fault interrupt or poll is armed. */
void faultlog_init(void);

/* Name the owner of partition index part_idx (< PP_POL_MAX_PARTS): its
 * policy id, written into its page's header and used as the owner id of
 * its faults in the summary. Call when the partitions are built. */
void faultlog_bind(u32 part_idx, u32 part_id);

/* What the console line of a recorded fault says beyond the fault itself. */
struct fl_note {
	u32 count; /* faults of this key so far (the partition entry's; for
		    * a fault its table had no room for or a device without
		    * an owner, the summary's; 0 when neither kept it) */
	u32 more;  /* faults of this partition (or of unowned devices) not
		    * printed since its previous line, saturating */
};

/*
 * Record one fault at now_us (microseconds since boot) for partition index
 * part_idx (policy order) or FL_PART_NONE. Returns true when the console
 * should print a line for it (faultlog_line with *note): the first fault
 * of each distinct key the partition's table keeps (the summary's, for
 * unowned devices), else at most one line per FL_LINE_GAP_US per partition
 * (one budget for all unowned devices); the faults not printed are counted
 * in the next line's `more`. note may be NULL.
 */
bool faultlog_record(u32 part_idx, const struct iommu_fault *f, u64 now_us, struct fl_note *note);

/*
 * The console line (no newline), e.g.
 *   dma fault: 0000:00:04.0 write at 0x2000000: io-page-fault (amd-vi code 2),
 *   owner work-a, 1 so far
 * with ", N more not shown" appended when more > 0. reason and owner are
 * the caller's names (iommu_fault_name, the partition's name); NULL prints
 * "unknown" and "none". Returns the untruncated length (pp_snprintf).
 */
int faultlog_line(const struct iommu_fault *f, const char *reason, const char *owner, u32 count,
		  u32 more, char *buf, u32 len);

/*
 * The reason a partition is stopped for its device's fault (`on-fault
 * stop`, docs/policy.md), e.g.
 *   DMA fault: 0000:00:01.0 write at 0x1000000 (write-denied)
 * reason as for faultlog_line. Returns the untruncated length.
 */
int faultlog_stop_reason(const struct iommu_fault *f, const char *reason, char *buf, u32 len);

/* The 4 KiB-aligned page of partition index part_idx (NULL when out of
 * range) and of the machine summary: to map read-only, never to write. */
const u8 *faultlog_page(u32 part_idx);
const u8 *faultlog_summary_page(void);

#endif
