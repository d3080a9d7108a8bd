/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TPM 2.0 constants used by the command layer (common/tpm/). Values from
 * TCG "Trusted Platform Module Library, Part 2: Structures" (rev. 1.59):
 * 6.9 TPM_ST, 6.5 TPM_CC, 6.6 TPM_RC, 6.12 TPM_CAP, 6.4 TPM_SU, 7.4
 * TPM_RH / TPM_RS_PW. Every value on the wire is big-endian.
 */
#ifndef PARAPET_TPM2_TYPES_H
#define PARAPET_TPM2_TYPES_H

/* TPM_ST: structure tags of command/response headers (Part 2, 6.9). */
#define TPM2_ST_NO_SESSIONS 0x8001u
#define TPM2_ST_SESSIONS 0x8002u
/* TPM 1.2's TPM_TAG_RSP_COMMAND: a TPM 2.0 answers a command it cannot take
 * (a TPM 1.2-format one) with it (TPM 2.0 Part 1, 18.2; Part 2, 6.9), and
 * QEMU uses it for the fatal response of a TPM backend that went away. Only
 * ever with a non-zero response code. */
#define TPM2_ST_RSP_COMMAND 0x00C4u

/* Command/response header: u16 tag, u32 size, u32 code (Part 1, 18.2). */
#define TPM2_HDR_SIZE 10u
#define TPM2_HDR_TAG 0u
#define TPM2_HDR_SIZE_FIELD 2u
#define TPM2_HDR_CODE 6u

/* TPM_CC: command codes (Part 2, 6.5.2). */
#define TPM2_CC_STARTUP 0x00000144u
#define TPM2_CC_PCR_READ 0x0000017Eu
#define TPM2_CC_GET_CAPABILITY 0x0000017Au
#define TPM2_CC_GET_RANDOM 0x0000017Bu
#define TPM2_CC_PCR_EXTEND 0x00000182u

/* TPM_SU: Startup types (Part 2, 6.4). */
#define TPM2_SU_CLEAR 0x0000u
#define TPM2_SU_STATE 0x0001u

/* TPM_CAP (Part 2, 6.12). */
#define TPM2_CAP_PCRS 0x00000005u

/* Password authorization session handle (Part 2, 7.4 TPM_RS_PW). */
#define TPM2_RS_PW 0x40000009u

/*
 * TPM_RC (Part 2, 6.6). Format-zero codes: RC_VER1 + n (errors), RC_WARN + n
 * (warnings). Format-one codes (bit 7 set) carry a handle/parameter/session
 * number in bits 11:8 and the error in bits 5:0 (+ RC_FMT1).
 */
#define TPM2_RC_SUCCESS 0x000u
/* Bits 8 (VER1) and 7 (FMT1) both clear and a non-zero code: a TPM 1.2
 * response code (TPM 2.0 Part 2, 6.6.2, figure "Response Code Evaluation"),
 * e.g. TPM_FAIL 0x9 in QEMU's fatal response. */
#define TPM2_RC_TPM12_MASK 0x180u
#define TPM2_RC_VER1 0x100u
#define TPM2_RC_FMT1 0x080u
#define TPM2_RC_WARN 0x900u
#define TPM2_RC_FMT1_P (1u << 6)  /* number is a parameter */
#define TPM2_RC_FMT1_S (1u << 11) /* number is a session (when P clear) */
#define TPM2_RC_FMT1_N_SHIFT 8
#define TPM2_RC_FMT1_ERR_MASK 0x3Fu

#define TPM2_RC_INITIALIZE (TPM2_RC_VER1 + 0x000u) /* 0x100: Startup already done / needed */
#define TPM2_RC_FAILURE (TPM2_RC_VER1 + 0x001u)
#define TPM2_RC_SEQUENCE (TPM2_RC_VER1 + 0x003u)
#define TPM2_RC_DISABLED (TPM2_RC_VER1 + 0x020u)
#define TPM2_RC_AUTH_MISSING (TPM2_RC_VER1 + 0x025u)
#define TPM2_RC_PCR (TPM2_RC_VER1 + 0x027u)
#define TPM2_RC_PCR_CHANGED (TPM2_RC_VER1 + 0x028u)
#define TPM2_RC_REBOOT (TPM2_RC_VER1 + 0x030u)
#define TPM2_RC_COMMAND_SIZE (TPM2_RC_VER1 + 0x042u)
#define TPM2_RC_COMMAND_CODE (TPM2_RC_VER1 + 0x043u)
#define TPM2_RC_AUTHSIZE (TPM2_RC_VER1 + 0x044u)

#define TPM2_RC_VALUE (TPM2_RC_FMT1 + 0x004u)
#define TPM2_RC_HASH (TPM2_RC_FMT1 + 0x003u)
#define TPM2_RC_HANDLE (TPM2_RC_FMT1 + 0x00Bu)
#define TPM2_RC_AUTH_FAIL (TPM2_RC_FMT1 + 0x00Eu)
#define TPM2_RC_SIZE (TPM2_RC_FMT1 + 0x015u)
#define TPM2_RC_TAG (TPM2_RC_FMT1 + 0x017u)
#define TPM2_RC_POLICY_FAIL (TPM2_RC_FMT1 + 0x01Du) /* a policy session's digest does not match */
#define TPM2_RC_INTEGRITY (TPM2_RC_FMT1 + 0x01Fu)   /* e.g. a credential blob for another name */
#define TPM2_RC_BAD_AUTH (TPM2_RC_FMT1 + 0x022u)

#define TPM2_RC_LOCALITY (TPM2_RC_WARN + 0x007u) /* 0x907 */
#define TPM2_RC_YIELDED (TPM2_RC_WARN + 0x008u)
#define TPM2_RC_CANCELED (TPM2_RC_WARN + 0x009u)
#define TPM2_RC_TESTING (TPM2_RC_WARN + 0x00Au)
#define TPM2_RC_NV_RATE (TPM2_RC_WARN + 0x020u)
#define TPM2_RC_LOCKOUT (TPM2_RC_WARN + 0x021u)
#define TPM2_RC_RETRY (TPM2_RC_WARN + 0x022u)

#endif
