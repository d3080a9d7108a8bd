// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scalars modulo the Ed25519 group order
 * L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 5.1): the
 * S < L check of RFC 8032 5.1.7 (the malleability rule) and the reduction
 * of the 512-bit SHA-512 digest k. Public data only. The reduction is the
 * schoolbook binary long division: 512 fixed steps of shift, compare,
 * subtract on four 64-bit words, simple enough to check by reading.
 */
#include <parapet/bytes.h>
#include "common/crypto/ed25519_int.h"

/* L, little-endian 64-bit words. */
static const u64 sc_l[4] = {0x5812631a5cf5d3edull, 0x14def9dea2f79cd6ull, 0, 0x1000000000000000ull};

/* a >= L, a as four little-endian words. */
static bool ge_l(const u64 a[4])
{
	for (int i = 3; i >= 0; i--) {
		if (a[i] != sc_l[i])
			return a[i] > sc_l[i];
	}
	return true;
}

bool pp_sc_is_canonical(const u8 s[32])
{
	u64 a[4];
	for (size_t i = 0; i < 4; i++)
		a[i] = ld_le64(s + 8 * i);
	return !ge_l(a);
}

void pp_sc_reduce64(u8 out[32], const u8 in[64])
{
	u64 r[4] = {0, 0, 0, 0};

	/* Invariant: r < L < 2^253, so 2 r + 1 < 2^254 fits in four words. */
	for (int bit = 511; bit >= 0; bit--) {
		r[3] = r[3] << 1 | r[2] >> 63;
		r[2] = r[2] << 1 | r[1] >> 63;
		r[1] = r[1] << 1 | r[0] >> 63;
		r[0] = r[0] << 1 | ((in[bit / 8] >> (bit % 8)) & 1);
		if (ge_l(r)) {
			u64 borrow = 0;
			for (int i = 0; i < 4; i++) {
				u64 d = r[i] - sc_l[i] - borrow;
				borrow = (r[i] < sc_l[i]) || (r[i] - sc_l[i] < borrow);
				r[i] = d;
			}
		}
	}
	for (size_t i = 0; i < 4; i++)
		st_le64(out + 8 * i, r[i]);
}
