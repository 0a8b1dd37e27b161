/* journal.h - the append-only event journal: one locked writer at a time,
 * one write per batch, durable before success is reported */
#ifndef HL_JOURNAL_H
#define HL_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "hl/util.h"

struct hl_journal {
	char *path;
	int fd;
	off_t size;         /* at open, under the lock */
	int torn_tail;      /* the file does not end with a newline */
	char *tail;         /* then the torn line's text (up to 64 KiB of it) */
	char **cols;        /* the header's columns (the defaults when new) */
	size_t ncols;
	int is_new;         /* empty: the header goes with the first batch */
	int created;        /* this writer created the file */
};

/* Opens (creating it mode 0600) and takes the exclusive lock, waiting at
 * most wait_seconds (negative: for ever). Reads the header. */
int hl_journal_lock(struct hl_journal *j, const char *path, int wait_seconds,
		    struct hl_buf *err);
/* Appends data (complete CSV lines, no header): the header first when the
 * journal is new, a torn last line closed first; one write, then fsync.
 * On failure the journal is cut back to its size before the call. */
int hl_journal_append(struct hl_journal *j, const char *data, size_t len,
		      struct hl_buf *err);
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
 * hl_ids_see(); hl_ids_next() then gives a fresh one for the date. */
struct hl_ids {
	const char *prefix;
	int digits;
	int64_t max_day;     /* YYYYMMDD of the greatest id seen */
	long max_seq;
};
void hl_ids_see(struct hl_ids *ids, const char *id);
void hl_ids_next(struct hl_ids *ids, int y, int m, int d, struct hl_buf *out);

#endif
