/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CRC-32 as the GPT uses it (UEFI spec 2.10, 5.3.2 "GPT Header": the
 * header's and the partition entry array's CRC32): the ISO-HDLC / IEEE
 * 802.3 CRC, reflected polynomial 0xEDB88320, initial value and final XOR
 * 0xFFFFFFFF; check value pol_crc32("123456789") = 0xCBF43926. Bitwise, no
 * table: the GPT is at most a few KiB.
 */
#ifndef PARAPET_POLICY_CLI_CRC32_H
#define PARAPET_POLICY_CLI_CRC32_H

#include <stddef.h>
#include <parapet/types.h>

u32 pol_crc32(const u8 *p, size_t len);

#endif
