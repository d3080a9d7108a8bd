/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `parapet policy ...` (docs/policy.md, "The parapet command"): one file
 * per subcommand in policy/cli/, the shared loaders below. Every
 * subcommand takes `--help`; errors go to stderr with a non-zero status;
 * an output file is written to a temporary name and renamed into place,
 * so nothing is half-written on failure (pol_cli_write_file).
 */
#ifndef PARAPET_POLICY_CLI_H
#define PARAPET_POLICY_CLI_H

#include <stddef.h>
#include <parapet/policy.h>

/* Exit statuses of every subcommand. */
#define POL_EXIT_OK 0
#define POL_EXIT_FAIL 1	 /* the policy is bad (check, verify) or an operation failed */
#define POL_EXIT_USAGE 2 /* bad arguments */

int parapet_policy_main(int argc, char **argv);

int pol_cmd_compile(int argc, char **argv);
int pol_cmd_check(int argc, char **argv);
int pol_cmd_dump(int argc, char **argv);
int pol_cmd_sign(int argc, char **argv);
int pol_cmd_verify(int argc, char **argv);
int pol_cmd_diff(int argc, char **argv);
int pol_cmd_map(int argc, char **argv);
int pol_cmd_install(int argc, char **argv);

/* A usage error of `parapet policy CMD`: the message and where to look on
 * stderr; returns POL_EXIT_USAGE. */
int pol_cli_usage_error(const char *cmd, const char *what);

/* What a policy file holds (pol_cli_load). */
enum pol_file_kind {
	POL_FILE_SOURCE = 1, /* policy/NAME.pol text */
	POL_FILE_BINARY = 2, /* canonical binary (unsigned) */
	POL_FILE_SIGNED = 3, /* binary + signature trailer (parapet/policy_signed.h) */
};

#define POL_CLI_MSG_MAX 512

/*
 * Read path and turn it into a model: source text (compiled), a binary, or
 * a signed binary (framing checked, the signature NOT verified: `verify`
 * does that). The model is parsed, not validated. On failure msg says why
 * (for source: file:line:column and what was expected).
 */
int pol_cli_load(const char *path, struct pp_policy *out, enum pol_file_kind *kind, char *msg,
		 size_t msglen);

/* Read a whole file (at most max bytes) into a malloc'd buffer. */
int pol_cli_read_file(const char *path, size_t max, unsigned char **buf, size_t *len, char *msg,
		      size_t msglen);
/* Write buf to path atomically (temporary file in the same directory, renamed). */
int pol_cli_write_file(const char *path, const void *buf, size_t len, char *msg, size_t msglen);

/*
 * `check --machine DIR`: build the machine a policy is checked against from
 * a target's captured tables (docs/policy.md, "Checking against a machine").
 */
int pol_machine_load_dir(const char *dir, struct pp_pol_machine *m, char *msg, size_t msglen);

#endif
