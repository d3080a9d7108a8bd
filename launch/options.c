// SPDX-License-Identifier: GPL-2.0-only
/* launch's boot options (options.h, docs/launch.md "Boot options"). */
#include <parapet/string.h>
#include <parapet/words.h>
#include "options.h"

void launch_options_default(struct launch_config *cfg)
{
	cfg->allow_emulated = false;
	cfg->allow_static = true;
	cfg->strict = false;
	cfg->test_txt_entry = false;
}

/* Apply the options to *cfg; on an error *cfg may be half-applied. */
static int apply(const char *s, u32 len, struct launch_config *cfg, struct pp_err *err)
{
	bool seen_drtm = false, seen_test = false;
	u32 i = 0;

	if (len > LAUNCH_OPTIONS_MAX_LEN)
		return pp_fail(err, PP_ERANGE, "boot options: %u bytes, at most %u", len,
			       LAUNCH_OPTIONS_MAX_LEN);
	for (u32 k = 0; k < len; k++)
		if (!s[k])
			return pp_fail(err, PP_EINVAL, "boot options: NUL byte at %u", k);
	for (;;) {
		u32 w;
		u32 wl = pp_next_word(s, len, &i, &w);
		if (!wl)
			break;
		const char *word = s + w;
		if (wl > 5 && !memcmp(word, "drtm=", 5)) {
			if (seen_drtm)
				return pp_fail(err, PP_EINVAL,
					       "boot options: drtm= given twice (at byte %u)", w);
			seen_drtm = true;
			if (pp_word_is(word + 5, wl - 5, "auto")) {
				cfg->allow_static = true;
				cfg->strict = false;
			} else if (pp_word_is(word + 5, wl - 5, "strict")) {
				cfg->allow_static = false;
				cfg->strict = true;
			} else {
				return pp_fail(err, PP_EINVAL,
					       "boot options: drtm=%.*s unknown (auto, strict)",
					       (int)(wl - 5 > 32 ? 32 : wl - 5), word + 5);
			}
			continue;
		}
		if (wl > 5 && !memcmp(word, "test=", 5)) {
			if (seen_test)
				return pp_fail(err, PP_EINVAL,
					       "boot options: test= given twice (at byte %u)", w);
			seen_test = true;
			if (!pp_word_is(word + 5, wl - 5, "txt-entry"))
				return pp_fail(err, PP_EINVAL,
					       "boot options: test=%.*s unknown (txt-entry)",
					       (int)(wl - 5 > 32 ? 32 : wl - 5), word + 5);
			cfg->test_txt_entry = true;
			continue;
		}
		return pp_fail(err, PP_EINVAL,
			       "boot options: unknown option \"%.*s\" (drtm=, test=)",
			       (int)(wl > 32 ? 32 : wl), word);
	}
	return PP_OK;
}

int launch_options_parse(const char *s, u32 len, struct launch_config *cfg, struct pp_err *err)
{
	struct launch_config c;
	launch_options_default(&c);
	int rc = apply(s, len, &c, err);
	if (rc) {
		launch_options_default(cfg); /* nothing half-applied survives */
		return rc;
	}
	*cfg = c;
	return PP_OK;
}
