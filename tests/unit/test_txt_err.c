// SPDX-License-Identifier: GPL-2.0-only
/* TXT.ERRORCODE decoding: fields and the printed line. */
#include "launch/drtm/txt_err.h"
#include "launch/drtm/txt_regs.h"
#include "unit.h"

static void str_is(u64 code, const char *want)
{
	char b[160];
	txt_err_str(code, b, sizeof(b));
	if (strcmp(b, want) != 0) {
		char m[400];
		snprintf(m, sizeof(m), "0x%llx -> \"%s\", want \"%s\"", (unsigned long long)code, b,
			 want);
		unit_fail(__FILE__, __LINE__, m);
	}
}

TEST(txt_err_register_location)
{
	CHECK_EQ(TXT_PUB_BASE + TXT_REG_ERRORCODE, 0xFED30030ull);
	CHECK_EQ(TXT_REG_HEAP_BASE, 0x300);
	CHECK_EQ(TXT_REG_HEAP_SIZE, 0x308);
}

TEST(txt_err_decode_fields)
{
	struct txt_err_info i;
	txt_err_decode(0, &i);
	CHECK_EQ(i.source, TXT_ERRSRC_NONE);
	txt_err_decode(0x3fffffff, &i); /* payload without valid bit */
	CHECK_EQ(i.source, TXT_ERRSRC_NONE);
	txt_err_decode(0x80000007, &i);
	CHECK_EQ(i.source, TXT_ERRSRC_PROCESSOR);
	CHECK_EQ(i.proc_code, 7);
	/* 0xc0033451: SINIT (1), class 0x05, major 0x0d, ACM source, minor 0x003 */
	txt_err_decode(0xc0033451, &i);
	CHECK_EQ(i.source, TXT_ERRSRC_ACM);
	CHECK_EQ(i.module_type, 1);
	CHECK_EQ(i.class_code, 0x05);
	CHECK_EQ(i.major, 0x0d);
	CHECK_EQ(i.minor, 0x003);
	CHECK_EQ(i.reserved, 0);
	/* every field at its maximum */
	txt_err_decode(0xcfff7fff, &i);
	CHECK_EQ(i.source, TXT_ERRSRC_ACM);
	CHECK_EQ(i.module_type, 0xf);
	CHECK_EQ(i.class_code, 0x3f);
	CHECK_EQ(i.major, 0x1f);
	CHECK_EQ(i.minor, 0xfff);
	CHECK_EQ(i.reserved, 0);
	txt_err_decode(0xf0000000, &i);
	CHECK_EQ(i.reserved, 3);
	/* MLE-reported (bit 15) */
	txt_err_decode(0xc0008123, &i);
	CHECK_EQ(i.source, TXT_ERRSRC_MLE);
	CHECK_EQ(i.mle_code, 0x123);
	txt_err_decode(0xc0018001, &i);
	CHECK_EQ(i.mle_code, 1 | (1u << 15));
	/* upper 32 bits of the 64-bit register are ignored */
	txt_err_decode(0xffffffff00000000ull, &i);
	CHECK_EQ(i.source, TXT_ERRSRC_NONE);
}

TEST(txt_err_strings)
{
	str_is(0, "TXT.ERRORCODE 0x00000000: no error recorded (valid bit clear)");
	str_is(0x80000007,
	       "TXT.ERRORCODE 0x80000007: processor error 0x7 (failure to authenticate the ACM)");
	str_is(0x80000005,
	       "TXT.ERRORCODE 0x80000005: processor error 0x5 (load memory type error in "
	       "the authenticated code execution area)");
	str_is(0x80000042,
	       "TXT.ERRORCODE 0x80000042: processor error 0x42 (not in the SDM's list)");
	str_is(0xc0033451,
	       "TXT.ERRORCODE 0xc0033451: SINIT ACM error: class 0x05 major 0x0d minor 0x003");
	str_is(0xc0007051,
	       "TXT.ERRORCODE 0xc0007051: SINIT ACM error: class 0x05 major 0x1c minor 0x000");
	str_is(0xc0000040,
	       "TXT.ERRORCODE 0xc0000040: BIOS ACM error: class 0x04 major 0x00 minor 0x000");
	str_is(0xc0000003,
	       "TXT.ERRORCODE 0xc0000003: module type 3 (reserved) error: class 0x00 major "
	       "0x00 minor 0x000");
	str_is(0xe0000001, "TXT.ERRORCODE 0xe0000001: SINIT ACM error: class 0x00 major 0x00 minor "
			   "0x000 (reserved bits 29:28 set)");
	str_is(0xc0008123, "TXT.ERRORCODE 0xc0008123: MLE-reported error 0x123");
	/* truncation is safe */
	char small[8];
	int n = txt_err_str(0xc0033451, small, sizeof(small));
	CHECK(n > 8);
	CHECK_EQ(strlen(small), 7);
	CHECK(txt_err_proc_name(0xe) != NULL);
	CHECK(txt_err_proc_name(0x1) == NULL);
}
