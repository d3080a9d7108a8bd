// SPDX-License-Identifier: GPL-2.0-only
/*
 * --state DB: the last clockInfo each AK signed (TPM 2.0 Part 2,
 * TPMS_CLOCK_INFO), in SQLite, keyed by the AK's TPM name in hex.
 * resetCount and restartCount only grow until TPM2_Clear (after a Clear
 * the AK's row must be removed, docs/attestation.md "State"); within one resetCount the
 * clock only grows too (a TPM Restart keeps it), and two quotes are never
 * signed in the same millisecond. A regression or an equal clock means a
 * replayed or stale quote. The row is updated only from a quote whose signature
 * verified with that enrolled AK and that regressed nothing.
 *
 *   CREATE TABLE ak_clock (ak TEXT PRIMARY KEY, reset_count INTEGER,
 *                          restart_count INTEGER, clock INTEGER)
 */
#include <sqlite3.h>
#include <stdio.h>
#include "attest/verifier/verifier.h"

static const char schema[] = "CREATE TABLE IF NOT EXISTS ak_clock (ak TEXT PRIMARY KEY, "
			     "reset_count INTEGER NOT NULL, restart_count INTEGER NOT NULL, "
			     "clock INTEGER NOT NULL)";

static int lookup(sqlite3 *db, const char *ak, sqlite3_int64 v[3])
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    db, "SELECT reset_count, restart_count, clock FROM ak_clock WHERE ak = ?1", -1, &st,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, ak, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		for (int i = 0; i < 3; i++)
			v[i] = sqlite3_column_int64(st, i);
	sqlite3_finalize(st);
	return rc;
}

static int store(sqlite3 *db, const char *ak, const TPMS_CLOCK_INFO *c)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db,
				    "INSERT OR REPLACE INTO ak_clock (ak, reset_count, "
				    "restart_count, clock) VALUES (?1, ?2, ?3, ?4)",
				    -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, ak, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, c->resetCount);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 3, c->restartCount);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 4, (sqlite3_int64)c->clock);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void av_state_check(const char *path, const TPM2B_NAME *ak, const TPMS_CLOCK_INFO *c, bool update,
		    struct av_result *r)
{
	char name[2 * sizeof(ak->name) + 1];
	sqlite3 *db = NULL;
	sqlite3_int64 last[3] = {0, 0, 0};
	bool regressed = false;
	av_hex(name, ak->name, ak->size);
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(db, 5000);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, schema, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = lookup(db, name, last);
	if (rc == SQLITE_ROW) {
		if (c->resetCount < last[0]) {
			av_failf(r, AV_RESET_COUNT_REGRESSED,
				 "resetCount %u, this AK signed %lld before", c->resetCount,
				 (long long)last[0]);
			regressed = true;
		} else if (c->resetCount == last[0] && c->restartCount < last[1]) {
			av_failf(r, AV_RESTART_COUNT_REGRESSED,
				 "restartCount %u, this AK signed %lld before (resetCount %u)",
				 c->restartCount, (long long)last[1], c->resetCount);
			regressed = true;
		} else if (c->resetCount == last[0] && (sqlite3_int64)c->clock <= last[2]) {
			av_failf(
			    r, AV_CLOCKINFO_REGRESSED,
			    "clock %llu ms, not after the %lld this AK signed before in the same "
			    "reset (a stale or replayed quote)",
			    (unsigned long long)c->clock, (long long)last[2]);
			regressed = true;
		}
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK && update && !regressed)
		rc = store(db, name, c);
	if (rc != SQLITE_OK)
		av_warnf(r, "state %s: %s: clock state not checked", path,
			 db ? sqlite3_errmsg(db) : "cannot open");
	else
		r->state_checked = true;
	sqlite3_close(db);
}
