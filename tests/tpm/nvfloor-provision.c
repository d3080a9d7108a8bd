// SPDX-License-Identifier: GPL-2.0-only
/*
 * Provisions the NV rollback floor and the policy slot record
 * (docs/tpm-nv-floor.md) on a swtpm:
 *   nvfloor-provision DATA_SOCK CTRL_SOCK
 * tests/tpm/nvfloor-provision.sh starts swtpm on a state directory (make
 * run's build/tpm/state, a QEMU test's) and runs it. Idempotent: a floor
 * already provisioned is only checked and reported. Otherwise: at locality
 * 0 with the platform's (empty) password, TPM2_NV_DefineSpace of the
 * indices still missing; at locality 2 (swtpm's control channel stands in
 * for the DRTM) the baseline; then TPM2_Shutdown(CLEAR) so swtpm's state
 * is orderly. The slot record (0x01500A02) the same way: defined if
 * missing, written all-zero (nothing confirmed, no trials) at locality 2
 * unless already written; a written one is checked and reported, a foreign
 * one reported and left alone. Exit status 0 on success. Trust: a host tool for emulated
 * TPMs; on a real machine the platform password belongs to the firmware
 * and locality 2 to the DRTM'd hypervisor (docs/tpm-nv-floor.md).
 */
#include <stdio.h>
#include <string.h>
#include <parapet/bytes.h>
#include <parapet/nv_slots.h>
#include <parapet/tpm2_nv.h>
#include "tests/tpm/swtpm_xport.h"

static struct tpm2_dev dev; /* large (buffers): not on the stack */
static struct swtpm_conn conn;

/* TPM2_NV_DefineSpace of one index unless an index is at its handle. */
static int define_missing(const struct nvfloor_layout *l, bool counter, struct pp_err *err)
{
	struct tpm2_nv_public want, got;
	int rc;

	nvfloor_expected_public(l, counter, &want);
	rc = tpm2_nv_read_public(&dev, want.index, &got, NULL, err);
	if (rc != PP_ENOENT)
		return rc; /* present (checked by nvfloor_provision) or a failure */
	rc = tpm2_nv_define(&dev, TPM2_RH_PLATFORM, &want, err);
	if (!rc)
		printf("nvfloor: defined %s index 0x%08x\n", counter ? "counter" : "baseline",
		       want.index);
	return rc;
}

static int shutdown_clear(struct pp_err *err)
{
	u8 c[12];

	st_be16(c, TPM2_ST_NO_SESSIONS);
	st_be32(c + 2, sizeof(c));
	st_be32(c + 6, TPM2_CC_SHUTDOWN);
	st_be16(c + 10, TPM2_SU_CLEAR);
	return tpm2_exchange(&dev, c, sizeof(c), "TPM2_Shutdown(CLEAR)", err);
}

/* The floor: checked if provisioned, else defined and provisioned. */
static int provision_floor(struct pp_err *err)
{
	const struct nvfloor_layout *l = &nvfloor_default_layout;
	struct nvfloor_state st;
	int rc;

	rc = nvfloor_read(&dev, l, &st, err);
	if (!rc) {
		printf("nvfloor: already provisioned: counter 0x%08x, baseline 0x%08x: "
		       "floor %u\n",
		       l->counter, l->baseline, st.floor);
		return 0;
	}
	if (rc != PP_ENOENT)
		return rc; /* present but not ours: never overwritten */
	rc = define_missing(l, true, err);
	if (!rc)
		rc = define_missing(l, false, err);
	if (!rc)
		rc = tpm2_request_locality(&dev, NVFLOOR_LOCALITY, err);
	if (!rc)
		rc = nvfloor_provision(&dev, l, &st, err);
	if (rc)
		return rc;
	printf("nvfloor: provisioned: counter 0x%08x = 0x%llx, baseline 0x%08x = 0x%llx: "
	       "floor %u\n",
	       l->counter, (unsigned long long)st.counter, l->baseline,
	       (unsigned long long)st.baseline, st.floor);
	return tpm2_request_locality(&dev, 0, err);
}

/* The slot record: checked if written, else defined (if missing) and
 * written all-zero at locality 2. */
static int provision_slots(struct pp_err *err)
{
	struct pp_slot_record rec;
	struct tpm2_nv_public got;
	int rc = nvslots_read(&dev, NVSLOTS_INDEX, &rec, err);

	if (!rc) {
		printf("nvslots: already provisioned: slot record 0x%08x (trials a %u, b %u)\n",
		       NVSLOTS_INDEX, rec.trial[0].count, rec.trial[1].count);
		return 0;
	}
	if (rc != PP_ENOENT)
		return rc; /* present but not ours: never overwritten */
	rc = tpm2_nv_read_public(&dev, NVSLOTS_INDEX, &got, NULL, err);
	if (rc == PP_ENOENT) {
		rc = nvslots_define(&dev, NVSLOTS_INDEX, err);
		if (!rc)
			printf("nvslots: defined slot record 0x%08x\n", NVSLOTS_INDEX);
	}
	memset(&rec, 0, sizeof(rec));
	if (!rc)
		rc = tpm2_request_locality(&dev, NVFLOOR_LOCALITY, err);
	if (!rc)
		rc = nvslots_write(&dev, NVSLOTS_INDEX, &rec, err);
	if (!rc)
		rc = tpm2_request_locality(&dev, 0, err);
	if (!rc)
		rc = nvslots_read(&dev, NVSLOTS_INDEX, &rec, err);
	if (!rc)
		printf("nvslots: provisioned: slot record 0x%08x, all zero\n", NVSLOTS_INDEX);
	return rc;
}

static int provision(void)
{
	struct pp_err err = {0, ""};
	int rc;

	rc = tpm2_request_locality(&dev, 0, &err);
	if (!rc)
		rc = tpm2_startup(&dev, NULL, &err);
	if (!rc)
		rc = provision_floor(&err);
	if (!rc)
		rc = provision_slots(&err);
	if (!rc)
		rc = shutdown_clear(&err);
	if (rc) {
		fprintf(stderr, "nvfloor: %s\n", err.msg);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct pp_err err = {0, ""};
	int status;

	if (argc != 3) {
		fprintf(stderr, "usage: %s DATA_SOCKET CTRL_SOCKET\n", argv[0]);
		return 2;
	}
	if (swtpm_connect(&conn, argv[1], argv[2], &err)) {
		fprintf(stderr, "nvfloor: %s\n", err.msg);
		return 1;
	}
	tpm2_init(&dev, &swtpm_transport, &conn);
	status = provision();
	tpm2_release_locality(&dev, &err);
	swtpm_close(&conn);
	return status;
}
