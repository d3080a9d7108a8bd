/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Placeholder protection-domain image for /boot/parapet/pd-service.bin
 * (module string "pd service"): the slot of the future attestation agent.
 * A flat binary (objcopy -O binary), never run yet: the secure loader
 * measures its bytes into PCR 19 (docs/measurements.md). The header is a
 * marker for humans, not a format.
 */
	.section .text
	.code64
	.globl pd_service_start
pd_service_start:
	.ascii "PARAPET-PD\0\0"		/* marker */
	.long 0				/* version of this placeholder */
	.ascii "service\0"		/* domain name */
	.ascii "placeholder: attestation agent slot\0"
	.balign 16
1:	hlt				/* were it entered: stop */
	jmp 1b
	.balign 16
