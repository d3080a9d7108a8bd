// SPDX-License-Identifier: GPL-2.0-only
/* CRC-32 (crc32.h): one bit at a time, reflected. */
#include "policy/cli/crc32.h"

#define CRC32_POLY_REFLECTED 0xEDB88320u /* x^32+x^26+...+1, bit-reversed */

u32 pol_crc32(const u8 *p, size_t len)
{
	u32 crc = 0xFFFFFFFFu;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (CRC32_POLY_REFLECTED & (0u - (crc & 1u)));
	}
	return ~crc;
}
