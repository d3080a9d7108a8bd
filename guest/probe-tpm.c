// SPDX-License-Identifier: GPL-2.0-only
/*
 * `probe-tpm`: a test guest (attack.h) given the TPM's locality-0 page and
 * the tpm capability (tests/qemu/cases/attack-tpm-uefi.sh). Its very first
 * instruction that leaves the guest is a read of TPM_DID_VID (TCG PC
 * Client PTP, TIS register at offset 0xF00 of the locality page): before
 * the hypervisor hands the TPM over at ready, that page is not in the
 * partition's NPT, so the read is a nested page fault that the hypervisor
 * holds (docs/partitions.md, "The TPM before the handover") until it has
 * mapped the page; then the read completes. It prints what it read and how
 * long the read took by its own TSC, reads TPM_ACCESS_0 (offset 0) the
 * same way, then beats like the other probes.
 */
#include "attack.h"
#include "kit/gk.h"

#define TPM_LOC0 0xFED40000ull
#define TPM_ACCESS 0x000u
#define TPM_DID_VID 0xF00u

static uint32_t tpm_read32(uint32_t off)
{
	return *(volatile const uint32_t *)(uintptr_t)(TPM_LOC0 + off);
}

int main(void)
{
	const uint64_t t0 = gk_rdtsc();
	const uint32_t did_vid = tpm_read32(TPM_DID_VID); /* held until the handover */
	const uint64_t t1 = gk_rdtsc();
	const uint32_t access = tpm_read32(TPM_ACCESS) & 0xffu;
	const uint64_t t2 = gk_rdtsc();
	const uint32_t khz = gk_tsc_khz(NULL);
	gk_printf("probe-tpm: did_vid 0x%08x after %llu us, access 0x%02x after %llu us\n", did_vid,
		  khz ? (unsigned long long)((t1 - t0) * 1000u / khz) : 0ull, access,
		  khz ? (unsigned long long)((t2 - t1) * 1000u / khz) : 0ull);
	attack_heartbeats();
}
