/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition inside the hypervisor (partition.c builds it, partition_run.c
 * runs, stops and restarts it; docs/partitions.md). One struct per policy
 * partition, in the policy's order; the fields above `state` (and
 * `lnx_evlog_mapped`) are written only while building or resetting it on
 * its own CPU, `state`, `restart` and the vCPU's request word are shared
 * between CPUs (atomic).
 */
#ifndef PARAPET_HV_PARTITION_INT_H
#define PARAPET_HV_PARTITION_INT_H

#include <parapet/handoff.h>
#include <parapet/policy.h>
#include "hypervisor/arch/x86_64/virt.h"
#include "hypervisor/lib/pt/pt.h"
#include "cap.h"
#include "dma/dma.h"
#include "dma/dma_part.h"
#include "hypercall.h"
#include "part/boot.h"
#include "part/image.h"
#include "part/plan.h"

enum part_state {
	PART_NONE = 0,	   /* not built, or its CPU is not online: never runs */
	PART_READY = 1,	   /* built (or reset), its CPU runs it next */
	PART_RUNNING = 2,  /* its vCPU is in virt_vcpu_run */
	PART_STOPPED = 3,  /* stopped; a PP_HC_PART_RESTART can run it again */
	PART_STOPPING = 4, /* a PP_HC_PART_STOP is posted, its CPU has not served it yet */
};

/* An application processor of a Linux partition (partition_lsmp.c): vCPU
 * i >= 1 on its own exclusive core. `state` (enum lsmp_state) and
 * `init_req` are shared between the partition's cores (atomic); the rest
 * is written by the AP's own core, or while building the partition. */
struct hv_lnx_ap {
	u32 cpu;			/* MADT index */
	u32 apic;			/* its core's APIC ID */
	u32 state;			/* enum lsmp_state (atomic) */
	u32 init_req;			/* an INIT from a sibling stopped it (atomic) */
	u8 vector;			/* the SIPI's start page (written before state = START) */
	char name[PP_POL_NAME_MAX + 8]; /* "NAME.i", its vCPU's name */
	struct virt_pages pages;	/* its own VMCB page; the partition's maps */
	struct part_boot_state boot;	/* the state after INIT and SIPI */
	virt_vcpu vcpu;
};

struct hv_part {
	const struct pp_pol_part *pp;
	const struct pp_module *image; /* the measured `pd NAME` module */
	/* linux64 (partition_linux.c): `pd NAME-initrd`, `pd NAME-cmdline` (or
	 * NULL) and its platform state */
	const struct pp_module *initrd, *cmdline;
	struct lnx_vm *lnx;
	u32 idx;		 /* index in the policy's partitions (ASID = idx + 2) */
	u32 cpu;		 /* MADT index */
	u32 apic;		 /* its CPU's APIC ID: where kicks go */
	u32 slice_us, period_us; /* a time-shared CPU: its slice; 0: exclusive */
	u32 state;		 /* enum part_state (atomic) */
	u32 restart;		 /* a restart is requested (atomic) */
	u32 started;		 /* 1 once it has run (its first exit; atomic) */
	struct part_plan plan;
	struct pt npt;
	struct part_boot_state boot;
	struct hv_cap_table caps;
	struct hv_hc_env hc;
	struct dma_part dma; /* its devices and DMA domain (dma/dma.h) */
	struct virt_pages pages;
	virt_vcpu vcpu;
	u64 log_gpa[PP_HC_LOG_LAST + 1], log_len[PP_HC_LOG_LAST + 1];
	char stop_why[112];		     /* the reason a PART_STOP printed */
	bool log_mapped[PP_HC_LOG_LAST + 1]; /* each log at most once: bounded tables */
	/* linux64: its DRTM log copy replaces the top of its RAM (set while
	 * building it, on its own CPU; with the bools and chars: no padding) */
	bool lnx_evlog_mapped;
	/* linux64 SMP (partition_lsmp.c): vCPUs 1..lnx_ncpu-1 (lnx_ncpu 1:
	 * none); lnx_halt set while the partition stops (atomic): no SIPI
	 * starts an AP then */
	u32 lnx_ncpu;
	u32 lnx_halt;
	/* Its TPM pages (part/tpm_hold.h; partition_tpm.c): tpm_gate (enum
	 * part_tpm_gate) is opened by the boot CPU at the handover; tpm_holds
	 * counts the exits its vCPUs were held for, tpm_told the console line
	 * (atomic, any of its vCPUs) */
	u32 tpm_gate;
	u32 tpm_told;
	u64 tpm_holds;
	struct hv_lnx_ap lnx_ap[PP_POL_LINUX_MAX_CPUS - 1];
};

extern struct hv_part hv_parts[PP_POL_MAX_PARTS];
extern u32 hv_nparts;

/* This CPU's MADT index (policy CPU numbers are MADT indices), or -1. */
int part_this_madt_index(void);
/* partition_run.c: the vCPU's started hook and the hypercall hooks
 * (hypercall.h) for PP_HC_CHAN_SIGNAL and PP_HC_PART_STOP/RESTART. */
void part_started(void *ctx);
void part_after_intr(void *ctx);
long part_hc_signal(void *ctx, u32 peer, u32 index);
long part_hc_control(void *ctx, u32 target, u64 op);
/* Stop p for `why` (its device's DMA fault, `on-fault stop`) the way a
 * PP_HC_PART_STOP does: posted to its CPU (kicked), which blocks its
 * devices and stops it; never waits. False when p is not running or a
 * stop is already pending (the first reason stays). */
bool part_stop_for_fault(struct hv_part *p, const char *why);

/* The measured boot module `pd NAME`, or NULL. */
const struct pp_module *part_find_module(const struct pp_handoff *h, const char *name);

/* partition_linux.c, for a `boot linux64` partition: its modules (after
 * its plan), its RAM and boot state from them, its read-only xAPIC page in
 * the NPT, the MSRs it reaches without an exit (after virt_alloc). */
int part_linux_find(const struct pp_handoff *h, struct hv_part *p, struct pp_err *err);
int part_linux_load(struct hv_part *p, struct part_image_info *info, struct pp_err *err);
int part_linux_map(struct hv_part *p, struct pp_err *err);
/* Its PCI configuration space (vpci) for its device, if it owns one: after
 * dma_part_build, and after every load (lnx_vm_init clears it). */
int part_linux_pci(struct hv_part *p, struct pp_err *err);
void part_linux_open_msrs(struct hv_part *p);

/* partition_lsmp.c: a Linux partition's application processors. */
enum lsmp_state {
	LSMP_OFF = 0,	/* not built, or its core is not online */
	LSMP_WAIT = 1,	/* wait-for-SIPI: its core idles in the host */
	LSMP_START = 2, /* a SIPI was accepted: its core starts it */
	LSMP_RUN = 3,	/* its vCPU runs (or is being stopped) */
};
/* The APs' CPUs from the policy (the cpu lines after the first, in order). */
int part_lsmp_find(struct hv_part *p, struct pp_err *err);
/* Each AP's VMCB page (the partition's I/O and MSR maps shared). */
int part_lsmp_alloc(struct hv_part *p, struct pp_err *err);
/* The sibling hook of lnx_vm_init (lvm.h): INIT and SIPI. */
void part_lsmp_sibling(void *ctx, u32 from, bool sipi, u64 targets, u8 vector);
/* The partition stops (vCPU 0 stopped, on its core): every AP is stopped
 * and back in wait-for-SIPI when this returns. */
void part_lsmp_stop_all(struct hv_part *p);
/* After a reset (restart): the APs may be started again. */
void part_lsmp_reset(struct hv_part *p);
/* This CPU runs AP `i` of p for as long as the machine runs (never returns). */
PP_NORETURN void part_lsmp_ap_loop(struct hv_part *p, u32 i);

/* partition_tpm.c (part/tpm_hold.h): the vCPUs' nested-page-fault hook
 * (virt.h: VIRT_NPF_*); partitions_tpm_handover is in partition.h. */
int part_npf_tpm(void *ctx, u64 gpa, bool present, bool fetch);

/* Reload p from its measured image: RAM zeroed, image, boot state, VMCB,
 * registers, log mappings removed (partition.c). PP_OK or an error. */
int part_reset(struct hv_part *p, struct pp_err *err);

#endif
