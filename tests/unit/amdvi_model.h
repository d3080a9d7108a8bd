/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A host model of one AMD-Vi unit for the driver tests (test_amdvi_drv.c)
 * behind a struct iommu_env: the registers the driver uses, memory from
 * malloc with fake physical addresses, a clock that advances one
 * microsecond per relax, and a command processor run from relax that
 * executes COMPLETION_WAIT stores and records every command. The event
 * log is written by the test (amdvi_model_post_event), as QEMU 7.2
 * never writes it. Test code: trusts the driver under test for nothing,
 * records what it did.
 */
#ifndef PARAPET_TEST_AMDVI_MODEL_H
#define PARAPET_TEST_AMDVI_MODEL_H

#include "hypervisor/drivers/iommu/amdvi_cmd.h"

#define AMDVI_MODEL_REGS (0x2028u / 8u)
#define AMDVI_MODEL_LOG 1024u
#define AMDVI_MODEL_WLOG 64u
#define AMDVI_MODEL_ALLOCS 16u

struct amdvi_model_alloc {
	void *va;
	u64 hpa;
	u32 npages;
};

struct amdvi_model {
	struct iommu_env env;
	u64 reg[AMDVI_MODEL_REGS];
	u64 now;	     /* microseconds */
	u32 per_relax;	     /* commands executed per relax (default 1) */
	bool stalled;	     /* the command processor does nothing */
	u64 resume_at;	     /* ... nor before this time */
	bool stuck_run;	     /* CmdBufRun / EventLogRun never clear */
	bool bad_store;	     /* a COMPLETION_WAIT stored outside any allocation */
	bool head_unwrapped; /* publish the head as the ring's size, not 0 (QEMU issue 3338) */
	u32 fail_alloc;	     /* the n-th alloc (1-based) fails; 0: none */
	u32 nalloc_calls;
	/* Commands executed: the first AMDVI_MODEL_LOG since nlog was reset,
	 * and a count per opcode. */
	struct amdvi_cmd log[AMDVI_MODEL_LOG];
	u32 nlog;
	u64 by_op[16];
	/* Register writes: the first AMDVI_MODEL_WLOG since nw was reset. */
	struct {
		u32 off;
		u64 v;
	} wlog[AMDVI_MODEL_WLOG];
	u32 nw;
	struct amdvi_model_alloc allocs[AMDVI_MODEL_ALLOCS];
	u64 next_hpa;
};

/* A unit at rest: EFR with IASup, everything else 0. */
void amdvi_model_init(struct amdvi_model *m);
/* Free what the driver allocated and did not free. */
void amdvi_model_fini(struct amdvi_model *m);
/* Allocations live. */
u32 amdvi_model_live(const struct amdvi_model *m);
/* The host address of [hpa, hpa + len) inside one allocation, or NULL. */
void *amdvi_model_va(struct amdvi_model *m, u64 hpa, u64 len);
u64 amdvi_model_reg(const struct amdvi_model *m, u32 off);
void amdvi_model_set_reg(struct amdvi_model *m, u32 off, u64 v);
/* Run the command processor until the ring is empty (or stalled). */
void amdvi_model_run_all(struct amdvi_model *m);
/* Write one entry at the event log's tail as the unit would: false (and
 * EventOverflow set, EventLogRun cleared) when the log is full or not
 * running. */
bool amdvi_model_post_event(struct amdvi_model *m, const u8 entry[16]);

#endif
