// SPDX-License-Identifier: GPL-2.0-only
/*
 * The service partition's agent loop (service_agent.h). The TPM is the
 * hypervisor's until ready; then it releases its locality (tpm_dev.h,
 * hv_tpm_handover) and this partition requests locality 0, waiting for it
 * as the PTP allows. Its commands run up to SERVICE_TPM_CMD_US: creating an
 * RSA primary key is the slowest, and a loaded host's swtpm can take
 * seconds.
 *
 * Trust: the request bytes are untrusted (the agent core parses them
 * strictly and answers ERROR); a line that floods garbage only costs this
 * partition its own time. The reply is written whole before the next byte
 * is read; the verifier sends one request at a time.
 */
#include <parapet/err.h>
#include <parapet/tpm2.h>
#include "attest/agent/agent.h"
#include "common/drivers/tpm/tpm_ptp.h"
#include "common/drivers/tpm/tpm_xport.h"
#include "agent_line.h"
#include "kit/gk.h"
#include "service_agent.h"

#define SERVICE_TPM_CMD_US 60000000u   /* 60 s: an RSA primary on a busy host */
#define SERVICE_TPM_LOCALITY_TRIES 20u /* x TIMEOUT_A (750 ms) */

static struct tpm_mmio_dev mmio;
static struct tpm2_dev tpm;
static struct pp_agent agent;
static uint8_t rx_buf[PP_AT_MAX_FRAME];
static uint8_t tx_buf[PP_AT_MAX_FRAME];
static struct pp_at_rx rx;
static bool serving;

static void svc_udelay(u32 us)
{
	gk_delay_us(us);
}

static int tpm_open(struct pp_err *err)
{
	struct tpm_iface iface;
	int rc = tpm_ptp_identify(&tpm_mmio_direct, TPM_PTP_BASE, TPM_IFACE_NONE, &iface, err);
	if (rc)
		return rc;
	tpm_mmio_dev_init(&mmio, &tpm_mmio_direct, iface.base, svc_udelay);
	mmio.to.cmd_us = SERVICE_TPM_CMD_US;
	tpm2_init(&tpm, iface.kind == TPM_IFACE_CRB ? &tpm_crb_transport : &tpm_tis_transport,
		  &mmio);
	tpm.udelay = svc_udelay;
	for (u32 i = 0; i < SERVICE_TPM_LOCALITY_TRIES; i++) {
		rc = tpm2_request_locality(&tpm, 0, err);
		if (rc != PP_ETIMEOUT)
			break;
	}
	if (rc)
		return rc;
	bool already = false;
	rc = tpm2_startup(&tpm, &already, err);
	if (!rc)
		rc = tpm2_get_banks(&tpm, NULL, err);
	if (!rc)
		gk_printf("agent: tpm: %s at 0x%llx, locality 0\n", tpm_iface_name(iface.kind),
			  (unsigned long long)iface.base);
	return rc;
}

bool service_agent_start(const struct service_logs *logs)
{
	struct pp_err err = {0, ""};
	struct gk_cap c;
	if (gk_cap_find(PP_HC_CAP_TPM, PP_HC_RIGHT_USE, 0, &c) != 0) {
		gk_printf("agent: not started: no tpm capability\n");
		return false;
	}
	if (agent_line_open(AGENT_LINE_PORT) != 0) {
		gk_printf("agent: not started: no UART answers at 0x%x (the policy's ioport)\n",
			  AGENT_LINE_PORT);
		return false;
	}
	if (tpm_open(&err)) {
		gk_printf("agent: not started: tpm: %s\n", err.msg);
		return false;
	}
	const struct pp_agent_src src = {.fw_log = logs->fw,
					 .fw_log_len = logs->fw_len,
					 .drtm_log = logs->drtm,
					 .drtm_log_len = logs->drtm_len,
					 .faults = logs->faults,
					 .faults_len = logs->faults_len,
					 .policy_bin = logs->policy,
					 .policy_bin_len = logs->policy_len};
	uint64_t t0 = gk_now_ms();
	if (pp_agent_init(&agent, &tpm, &src, &err)) {
		gk_printf("agent: not started: %s\n", err.msg);
		return false;
	}
	pp_at_rx_init(&rx, rx_buf, sizeof(rx_buf));
	serving = true;
	gk_printf("agent: ready: %s, EK %s, AK%s%s, %u bank(s), line 0x%x (%llu ms)\n",
		  PP_AGENT_NAME, agent.ek_cert_len ? "certified" : "without certificate",
		  agent.ak_ok[TPM2_AK_RSA2048] ? " rsa2048" : "",
		  agent.ak_ok[TPM2_AK_ECCP256] ? " eccp256" : "", agent.nbanks, AGENT_LINE_PORT,
		  (unsigned long long)(gk_now_ms() - t0));
	return true;
}

static void answer(void)
{
	size_t n = 0;
	u32 refused = agent.refused;
	if (pp_agent_handle(&agent, rx.buf, rx.len, tx_buf, sizeof(tx_buf), &n) || !n) {
		gk_printf("agent: no reply possible\n");
		return;
	}
	if (!agent_line_write(AGENT_LINE_PORT, tx_buf, n))
		gk_printf("agent: line: the transmitter stalled, reply dropped\n");
	else
		gk_printf("agent: %s request: %s reply of %llu bytes\n",
			  pp_at_type_name(rx.len >= 8 ? (u16)(rx.buf[6] | rx.buf[7] << 8) : 0),
			  agent.refused != refused ? "error" : "a", (unsigned long long)n);
}

void service_agent_poll(void)
{
	struct pp_err err = {0, ""};
	uint8_t b;
	if (!serving)
		return;
	for (u32 budget = 4096; budget && agent_line_getc(AGENT_LINE_PORT, &b); budget--) {
		switch (pp_at_rx_push(&rx, b, &err)) {
		case PP_AT_RX_FRAME:
			answer();
			pp_at_rx_reset(&rx);
			break;
		case PP_AT_RX_ERROR:
			gk_printf("agent: line: %s\n", err.msg);
			pp_at_rx_reset(&rx);
			break;
		case PP_AT_RX_MORE: break;
		}
	}
}
