/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VT-d queued invalidation (Intel VT-d spec §6.5.2 "Queued Invalidation"):
 * a one-page ring of 128-bit descriptors (IQA, IQH, IQT, §11.4.9), the
 * context-cache, IOTLB and invalidation-wait descriptors, and the wait for
 * a status write with a timeout.
 *
 * Trust: the unit consumes the ring; the driver never overwrites a slot
 * the unit has not fetched (the head is read back), and every wait is
 * bounded by IOMMU_TIMEOUT_US (PP_ETIMEOUT). FSTS.IQE (a descriptor the
 * unit refused) ends a wait with PP_EDEVICE.
 */
#ifndef PARAPET_HV_VTD_QI_H
#define PARAPET_HV_VTD_QI_H

#include "hypervisor/drivers/iommu/vtd.h"

/* Firmware left queued invalidation on: wait until its queue is drained
 * (IQH == IQT, bounded), then clear QIE so IQA can be reprogrammed. PP_OK
 * at once when QI is off. */
int vtd_qi_takeover(struct vtd *u, struct pp_err *err);
/* Allocate the ring and the status page, program IQT = 0 and IQA (with QIE
 * clear: vtd_qi_takeover first), set QIE. */
int vtd_qi_init(struct vtd *u, struct pp_err *err);
/* Give the ring and the status page back (the unit must be done with them). */
void vtd_qi_free(struct vtd *u);

/* Queue one descriptor (no wait): PP_ETIMEOUT when the ring stays full. */
int vtd_qi_submit(struct vtd *u, u64 lo, u64 hi, struct pp_err *err);
/* Queue an invalidation wait (status write, fence) and poll its status:
 * every descriptor queued before it is done when this returns PP_OK. */
int vtd_qi_wait(struct vtd *u, struct pp_err *err);

/* Descriptor words (§6.5.2.1, §6.5.2.3, §6.5.2.8). */
u64 vtd_qi_cc_global(void);
u64 vtd_qi_cc_device(u16 did, u16 sid);
u64 vtd_qi_iotlb_global(void);
u64 vtd_qi_iotlb_domain(u16 did);
u64 vtd_qi_wait_lo(u32 data);

#endif
