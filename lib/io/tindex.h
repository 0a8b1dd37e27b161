/* tindex.h - the ticket index beside a CSV journal (JOURNAL.index):
 * where each record of each ticket is, so that a step on an old ticket
 * reads its few records, not the journal (hl-journal(5), FILES) */
#ifndef HL_TINDEX_H
#define HL_TINDEX_H

#include <stdint.h>
#include <sys/stat.h>

#include "io/reader.h"
#include "hl/record.h"
#include "hl/util.h"

/* The index's path for a journal. */
void hl_tindex_path(const char *journal, struct hl_buf *out);

/* Extending the index while a journal (open as fd, st its fstat) is read
 * from byte from, records at or after the index's end are added as they
 * come; from 0 on a journal without a trusted index, a new one is made.
 * NULL when there is nothing to do (not a regular file, an index ahead of
 * from or behind it, another process extending it): the read goes on
 * without. Failing to write it is no error: it only saves time. */
struct hl_tindex_ext;
struct hl_tindex_ext *hl_tindex_extend(const char *journal, int fd, const struct stat *st,
				       int64_t from, int64_t committed);
void hl_tindex_add(struct hl_tindex_ext *x, const char *ticket, int64_t offset, long line);
/* The read ended at offset (line: the physical lines before it), all of
 * it read: the index covers that much now. Frees x. */
void hl_tindex_done(struct hl_tindex_ext *x, int64_t offset, long line);
/* The read failed: the index keeps what it covered. Frees x. */
void hl_tindex_drop(struct hl_tindex_ext *x);

/* Calls fn for each committed record of the journal whose ticket is one
 * of ids, in file order, read through the index, which is brought up to
 * date first (rebuilt from the journal when missing or not trusted, and
 * when a record it points to is not the ticket's). 1: done; 0: no index
 * for this journal (YAML, not a regular file, standard input): read the
 * whole journal; -1: an error (message in err), fn's included. Bad lines
 * the index is brought up over are reported and skipped, as a full read
 * reports them; not again by the runs after. */
int hl_tindex_each(const char *journal, char *const *ids, size_t nids,
		   int (*fn)(void *arg, struct hl_reader *rd, const struct hl_record *r,
			     struct hl_buf *e),
		   void *arg, struct hl_buf *err);

#endif
