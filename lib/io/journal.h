/* journal.h - the append-only event journal: one locked writer at a time,
 * one write per batch, durable before success is reported */
#ifndef HL_JOURNAL_H
#define HL_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "io/committed.h"
#include "hl/util.h"

struct hl_journal {
	char *path;
	int fd;
	int cfd;            /* the commit record, once a batch is written */
	off_t size;         /* what is committed, under the lock */
	off_t phys;         /* the file's size: more when a writer died */
	struct hl_committed rec;  /* the commit record's newer slot */
	int have_rec;       /* valid for this file (else none yet) */
	char **cols;        /* the header's columns (the defaults when new) */
	size_t ncols;
	int is_new;         /* empty: the header goes with the first batch */
	int created;        /* this writer created the file */
	off_t wrote;        /* a streamed batch: bytes written past size */
	off_t announced;    /* ... and where the record says it may end */
};

/* Opens (creating it mode 0600) and takes the exclusive lock, waiting at
 * most wait_seconds (negative: for ever). Reads the commit record and the
 * header; changes nothing yet. */
int hl_journal_lock(struct hl_journal *j, const char *path, int wait_seconds,
		    struct hl_buf *err);
/* Appends data (complete CSV lines, no header) and commits it: what a
 * writer that died left after the last commit set aside first, the header
 * first when the journal is new; one write, fsync, then the commit record
 * moved past it (and synced). 0: committed. -1: nothing committed (the
 * journal cut back). 1: committed and seen by readers, but the record's
 * sync failed (message in err). */
int hl_journal_append(struct hl_journal *j, const char *data, size_t len,
		      struct hl_buf *err);
/* The same for a batch too large to hold: hl_journal_begin (the tail a
 * dead writer left set aside, the header written when the journal is
 * new), any number of hl_journal_write (each announced in the record
 * before it is written, so that a writer killed meanwhile leaves a tail
 * the next one sets aside), then hl_journal_commit (0, -1 or 1 as
 * hl_journal_append) or hl_journal_rollback, which cuts the journal back
 * to what is committed: byte for byte what it was. Readers see none of
 * it before the commit. */
int hl_journal_begin(struct hl_journal *j, struct hl_buf *err);
int hl_journal_write(struct hl_journal *j, const char *data, size_t len, struct hl_buf *err);
int hl_journal_commit(struct hl_journal *j, struct hl_buf *err);
void hl_journal_rollback(struct hl_journal *j);
/* Releases the lock and frees. */
void hl_journal_close(struct hl_journal *j);
/* The same after a refused batch: a journal this call created, still
 * empty, is removed, so a refusal leaves no trace. Writers waiting on it
 * notice and open the path again. */
void hl_journal_abandon(struct hl_journal *j);
int hl_journal_has_column(const struct hl_journal *j, const char *name);
/* Adds a column to a new journal's header (an existing header is fixed). */
void hl_journal_add_column(struct hl_journal *j, const char *name);

/* Ticket ids: PREFIX-YYYYMMDD-NNNN. Feed every id of the journal to
 * hl_ids_see(); hl_ids_next() then gives a fresh one for the date: one
 * more than the greatest of that day. Each day counts on its own, so an
 * id of another day (one imported from elsewhere, dated 9999) moves no
 * other day's sequence, and a clock set back gives ids of its own day
 * that were never given. */
struct hl_id_day {
	int64_t day;         /* YYYYMMDD */
	long seq;            /* the greatest sequence number of that day */
};
struct hl_ids {
	const char *prefix;
	int digits;
	struct hl_id_day *days;  /* by day */
	size_t ndays, cap;
};
void hl_ids_see(struct hl_ids *ids, const char *id);
/* The same for a day's greatest number (the state cache's). */
void hl_ids_see_day(struct hl_ids *ids, int64_t day, long seq);
void hl_ids_next(struct hl_ids *ids, int y, int m, int d, struct hl_buf *out);
/* Copies from's days into ids (same prefix). */
void hl_ids_copy(struct hl_ids *ids, const struct hl_ids *from);
void hl_ids_free(struct hl_ids *ids);

#endif
