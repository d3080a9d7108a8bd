/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The attestation agent's serial line (docs/attest-agent.md): a 16550 at an
 * I/O port the policy passes through to the service partition (`ioport
 * base 0x3e8 count 8`, COM3), polled, no interrupt. Under QEMU its other
 * end is a socket on the host where `parapet attest` connects.
 *
 * Trust: what arrives is untrusted bytes (the agent's frame parser judges
 * them); the line itself is the hypervisor's grant, proven at open by the
 * scratch register holding what was written (a port the policy does not
 * give reads all ones: the hypervisor refuses the access).
 */
#ifndef GUEST_AGENT_LINE_H
#define GUEST_AGENT_LINE_H

#include <stdbool.h>
#include <stdint.h>

#define AGENT_LINE_PORT 0x3e8u

/* 0 when the UART answers at port (scratch register round trip), then set
 * to 115200 8N1 with FIFOs on; -1 otherwise. */
int agent_line_open(uint16_t port);
/* One received byte into *b: true; false when none is waiting. */
bool agent_line_getc(uint16_t port, uint8_t *b);
/* Sends n bytes, waiting for the transmitter each time (bounded: a line
 * whose transmitter never empties drops the rest; returns false). */
bool agent_line_write(uint16_t port, const uint8_t *p, uint64_t n);

#endif
