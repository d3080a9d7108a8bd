/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated DRTM for QEMU: the guest side of the SKINIT handshake with the
 * test harness (tests/drtm/, docs/drtm.md "Emulated DRTM").
 *
 * QEMU has no SKINIT (#UD). Launch prepares the SLB exactly as for SKINIT
 * and then asks the harness, over a private NS16550 UART at I/O port 0x2f8
 * (COM2, connected only to the harness), to play the CPU's part:
 *
 *   guest -> harness   "SKINIT 0x<SLB base, lowercase hex>\n"
 *   harness -> guest   "OK\n"            SLB measured: PCR17 = H(0^n || H(SLB))
 *                      "ERR <reason>\n"  refused (bad SLB, TPM error); nothing measured
 *
 * Between request and answer the harness pauses the VM (QMP stop), reads
 * the 64 KiB SLB from guest memory, runs swtpm's control-channel hash
 * sequence at locality 4 and resumes the VM (QMP cont). The guest only
 * waits; it never measures anything itself here.
 */
#ifndef PARAPET_LAUNCH_DRTM_EMULATED_H
#define PARAPET_LAUNCH_DRTM_EMULATED_H

#include <parapet/err.h>
#include <parapet/types.h>

#define DRTM_EMU_PORT 0x2f8u /* COM2: the harness's private channel */

/*
 * Wait bound for the answer: DRTM_EMU_WAIT_POLLS polls of the UART line
 * status register, each followed by a port-0x80 write (about 1 us on real
 * hardware, less under QEMU TCG): at most about 20 s of guest time. The VM
 * is paused while the harness measures, so that time does not count.
 */
#define DRTM_EMU_WAIT_POLLS 20000000u

/*
 * Ask the harness to measure the SLB at slb_base (64 KiB aligned, below
 * 4 GiB; the harness validates the header itself). Returns
 *   0            the harness measured the SLB (answered "OK");
 *   PP_ETIMEOUT  no UART at 0x2f8 (returns at once: machines without the
 *                harness fall back fast) or no answer within the bound;
 *   PP_EDEVICE   the harness answered "ERR <reason>" (reason in err);
 *   PP_EINVAL    any other answer, or a base that cannot be an SLB.
 */
int drtm_emulated_skinit(u32 slb_base, struct pp_err *err);

#endif
