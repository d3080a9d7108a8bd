// SPDX-License-Identifier: GPL-2.0-only
/*
 * The enrollment table and the serve status table, in the same SQLite
 * database as the clock state (state.c; `--db` of enroll, challenge, serve
 * and status, `--state` of verify): docs/attestation.md, "State".
 *
 *   CREATE TABLE hosts (host TEXT PRIMARY KEY, ek_pub BLOB, ek_cert TEXT,
 *                       ak_rsa_name TEXT, ak_rsa_pub BLOB,
 *                       ak_ecc_name TEXT, ak_ecc_pub BLOB, enrolled INTEGER)
 *   CREATE TABLE host_status (host TEXT PRIMARY KEY, status TEXT, time INTEGER,
 *                             failures TEXT, reset_count INTEGER,
 *                             restart_count INTEGER, clock INTEGER)
 *
 * Trust: a hosts row is written only by a successful enrollment (the EK
 * checked, every AK activated); what is read back is parsed again
 * (av_key_parse) before it is used as an enrolled AK.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "attest/verifier/online.h"

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS hosts (host TEXT PRIMARY KEY, ek_pub BLOB NOT NULL, "
    "ek_cert TEXT NOT NULL, ak_rsa_name TEXT, ak_rsa_pub BLOB, ak_ecc_name TEXT, "
    "ak_ecc_pub BLOB, enrolled INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS host_status (host TEXT PRIMARY KEY, status TEXT NOT NULL, "
    "time INTEGER NOT NULL, failures TEXT NOT NULL, reset_count INTEGER, "
    "restart_count INTEGER, clock INTEGER);";

static sqlite3 *open_db(const char *path, char *why, size_t whylen)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(db, 5000);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, schema, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		snprintf(why, whylen, "database %s: %s", path,
			 db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static void blob_col(sqlite3_stmt *st, int col, u8 *out, size_t cap, size_t *len)
{
	const void *p = sqlite3_column_blob(st, col);
	int n = sqlite3_column_bytes(st, col);
	*len = 0;
	if (p && n > 0 && (size_t)n <= cap) {
		memcpy(out, p, (size_t)n);
		*len = (size_t)n;
	}
}

int av_hosts_get(const char *path, const char *host, struct av_host *h, char *why, size_t whylen)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db = open_db(path, why, whylen);
	int rc, found = -1;
	memset(h, 0, sizeof(*h));
	if (!db)
		return -1;
	rc = sqlite3_prepare_v2(db,
				"SELECT ek_pub, ek_cert, ak_rsa_pub, ak_ecc_pub, enrolled "
				"FROM hosts WHERE host = ?1",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(h->host, sizeof(h->host), "%s", host);
		blob_col(st, 0, h->ek_pub, sizeof(h->ek_pub), &h->ek_len);
		const unsigned char *t = sqlite3_column_text(st, 1);
		snprintf(h->ek_cert, sizeof(h->ek_cert), "%s", t ? (const char *)t : "");
		for (int k = 0; k < 2; k++)
			blob_col(st, 2 + k, h->ak[k].pub, sizeof(h->ak[k].pub), &h->ak[k].len);
		h->enrolled = sqlite3_column_int64(st, 4);
		found = 1;
	} else if (rc == SQLITE_DONE) {
		found = 0;
	} else {
		snprintf(why, whylen, "database %s: %s", path, sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return found;
}

static int bind_ak(sqlite3_stmt *st, int col, const struct av_host *h, int k)
{
	char hex[2 * AV_NAME_MAX + 1];
	if (!h->ak[k].len)
		return sqlite3_bind_null(st, col) || sqlite3_bind_null(st, col + 1);
	av_hex(hex, h->ak[k].name, h->ak[k].name_len);
	return sqlite3_bind_text(st, col, hex, -1, SQLITE_TRANSIENT) ||
	       sqlite3_bind_blob(st, col + 1, h->ak[k].pub, (int)h->ak[k].len, SQLITE_STATIC);
}

int av_hosts_put(const char *path, const struct av_host *h, char *why, size_t whylen)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db = open_db(path, why, whylen);
	int rc;
	if (!db)
		return -1;
	rc = sqlite3_prepare_v2(db,
				"INSERT OR REPLACE INTO hosts (host, ek_pub, ek_cert, ak_rsa_name, "
				"ak_rsa_pub, ak_ecc_name, ak_ecc_pub, enrolled) "
				"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, h->host, -1, SQLITE_STATIC) ||
		     sqlite3_bind_blob(st, 2, h->ek_pub, (int)h->ek_len, SQLITE_STATIC) ||
		     sqlite3_bind_text(st, 3, h->ek_cert, -1, SQLITE_STATIC) ||
		     bind_ak(st, 4, h, 0) || bind_ak(st, 6, h, 1) ||
		     sqlite3_bind_int64(st, 8, h->enrolled);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	if (rc != SQLITE_OK)
		snprintf(why, whylen, "database %s: storing host %s: %s", path, h->host,
			 sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

int av_status_put(const char *path, const char *host, const char *status, long long when,
		  const char *failures, const struct av_result *r, char *why, size_t whylen)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db = open_db(path, why, whylen);
	int rc;
	if (!db)
		return -1;
	rc =
	    sqlite3_prepare_v2(db,
			       "INSERT OR REPLACE INTO host_status (host, status, time, failures, "
			       "reset_count, restart_count, clock) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			       "?7)",
			       -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC) ||
		     sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC) ||
		     sqlite3_bind_int64(st, 3, when) ||
		     sqlite3_bind_text(st, 4, failures, -1, SQLITE_STATIC);
	for (int i = 0; rc == SQLITE_OK && i < 3; i++) {
		sqlite3_int64 v = !r || !r->have_clock ? 0
				  : i == 0	       ? r->clock.resetCount
				  : i == 1	       ? r->clock.restartCount
						       : (sqlite3_int64)r->clock.clock;
		rc = r && r->have_clock ? sqlite3_bind_int64(st, 5 + i, v)
					: sqlite3_bind_null(st, 5 + i);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	if (rc != SQLITE_OK)
		snprintf(why, whylen, "database %s: storing the status of %s: %s", path, host,
			 sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

int av_status_print(const char *path, FILE *f, u32 *nbad, char *why, size_t whylen)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db = open_db(path, why, whylen);
	int rc;
	*nbad = 0;
	if (!db)
		return -1;
	rc = sqlite3_prepare_v2(
	    db,
	    "SELECT h.host, coalesce(s.status, 'never challenged'), s.time, "
	    "coalesce(s.failures, ''), s.reset_count, s.restart_count, s.clock, h.ek_cert "
	    "FROM hosts h LEFT JOIN host_status s ON s.host = h.host "
	    "UNION ALL SELECT s.host, s.status, s.time, s.failures, s.reset_count, "
	    "s.restart_count, s.clock, 'not enrolled' FROM host_status s "
	    "WHERE s.host NOT IN (SELECT host FROM hosts) ORDER BY 1",
	    -1, &st, NULL);
	if (rc != SQLITE_OK) {
		snprintf(why, whylen, "database %s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	fprintf(f, "%-16s %-16s %-20s %-22s %s\n", "HOST", "VERDICT", "CHECKED (UTC)",
		"RESET/RESTART/CLOCK", "FAILURES");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char when[32] = "-", clock[64] = "-";
		const char *status = (const char *)sqlite3_column_text(st, 1);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			time_t t = (time_t)sqlite3_column_int64(st, 2);
			struct tm tm;
			if (gmtime_r(&t, &tm))
				strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		}
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			snprintf(clock, sizeof(clock), "%lld/%lld/%lld",
				 (long long)sqlite3_column_int64(st, 4),
				 (long long)sqlite3_column_int64(st, 5),
				 (long long)sqlite3_column_int64(st, 6));
		if (!status || strcmp(status, "affirming") != 0)
			(*nbad)++;
		fprintf(f, "%-16s %-16s %-20s %-22s %s\n", sqlite3_column_text(st, 0),
			status ? status : "?", when, clock, sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (rc != SQLITE_DONE) {
		snprintf(why, whylen, "database %s: reading the status", path);
		return -1;
	}
	return 0;
}
