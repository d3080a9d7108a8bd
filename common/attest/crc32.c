// SPDX-License-Identifier: GPL-2.0-only
/*
 * CRC-32 of the attestation frames (parapet/attest_proto.h): IEEE 802.3,
 * reflected polynomial 0xedb88320, initial value and final XOR 0xffffffff,
 * the check value of "123456789" being 0xcbf43926 (as zlib's crc32()).
 * Four bits at a time from a 16-entry table: small enough for the agent,
 * fast enough for a 128 KiB frame. Pure; no trust decisions here.
 */
#include <parapet/attest_proto.h>

/* entry i: i shifted through the reflected polynomial four times */
static const u32 crc_nibble[16] = {
    0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u,
    0x4db26158u, 0x5005713cu, 0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
    0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu,
};

u32 pp_at_crc32(u32 crc, const u8 *p, size_t n)
{
	crc = ~crc;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		crc = (crc >> 4) ^ crc_nibble[crc & 0xfu];
		crc = (crc >> 4) ^ crc_nibble[crc & 0xfu];
	}
	return ~crc;
}
