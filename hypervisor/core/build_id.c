// SPDX-License-Identifier: GPL-2.0-only
/*
 * The build-id note, read from the hypervisor's own read-only segment
 * between the linker-script symbols __build_id_start and __build_id_end.
 * Note layout (System V gABI, "Note Section"; every field 4-byte aligned):
 * u32 namesz, u32 descsz, u32 type, name[namesz] padded to 4, desc[descsz].
 * GNU's build-id is type NT_GNU_BUILD_ID (3) with name "GNU\0"; ld
 * --build-id=sha1 makes desc 20 bytes.
 */
#include <parapet/bytes.h>
#include <parapet/string.h>
#include "build_id.h"
#include "console.h"

#define NOTE_NAMESZ 0u
#define NOTE_DESCSZ 4u
#define NOTE_TYPE 8u
#define NOTE_NAME 12u
#define NT_GNU_BUILD_ID 3u
#define BUILD_ID_MAX 64u /* longest desc printed (--build-id=0x... may be long) */

extern const u8 __build_id_start[], __build_id_end[];

static const char gnu_name[4] = "GNU"; /* with its NUL */

void build_id_report(void)
{
	static const char hex[] = "0123456789abcdef";
	const u8 *n = __build_id_start;
	size_t len = (size_t)((uintptr_t)__build_id_end - (uintptr_t)__build_id_start);
	char line[2 * BUILD_ID_MAX + 1];

	if (len < NOTE_NAME) {
		hv_printf("hv: build-id: none (no note linked in)\n");
		return;
	}
	u32 namesz = ld_le32(n + NOTE_NAMESZ), descsz = ld_le32(n + NOTE_DESCSZ);
	size_t desc = NOTE_NAME + (size_t)PP_ALIGN_UP(namesz, 4u);
	if (ld_le32(n + NOTE_TYPE) != NT_GNU_BUILD_ID || namesz != sizeof(gnu_name) ||
	    memcmp(n + NOTE_NAME, gnu_name, sizeof(gnu_name)) != 0 || descsz == 0 ||
	    descsz > BUILD_ID_MAX || desc + descsz > len) {
		hv_printf("hv: build-id: none (the note is not a GNU build-id)\n");
		return;
	}
	for (size_t i = 0; i < descsz; i++) {
		line[2 * i] = hex[n[desc + i] >> 4];
		line[2 * i + 1] = hex[n[desc + i] & 15];
	}
	line[2 * (size_t)descsz] = '\0';
	hv_printf("hv: build-id %s\n", line);
}
