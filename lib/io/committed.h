/* committed.h - how much of a journal is committed: the record in
 * JOURNAL.commit that a writer moves forward once its batch is on disk,
 * and that readers read the journal up to (hl-journal(5), COMMIT PROTOCOL) */
#ifndef HL_COMMITTED_H
#define HL_COMMITTED_H

#include <stdint.h>

#include "hl/util.h"

/* One slot of the record: the journal's first len bytes are committed. */
struct hl_committed {
	uint64_t seq;       /* which commit this is; the greater slot wins */
	int64_t len;
	int64_t pending;    /* a batch being written ends here (0: none) */
	uint64_t ino;       /* the journal's inode */
	uint64_t tail;      /* hl_sum64 of its bytes [len - 64, len) */
};

/* The record's path for a journal. */
void hl_committed_path(const char *journal, struct hl_buf *out);

/* How far a reader of the journal open as fd may read: the committed
 * length when the record is valid for this very file (1), else, for a
 * journal without one (older than the record, or replaced since), up to
 * its last line break (0). -1 on a read error (message in err). The
 * slot used is in *rec when rec is not NULL and 1 is returned. */
int hl_committed_read(const char *journal, int fd, int64_t *len, struct hl_committed *rec,
		      struct hl_buf *err);

/* Writes slot rec->seq % 2 of the record open as cfd, with the tail hash
 * of the journal open as fd; then fdatasync when sync. -1 (errno set)
 * on failure. */
int hl_committed_write(int cfd, int fd, struct hl_committed *rec, int sync);

/* Where the last line break of the journal's first size bytes ends (0:
 * none). */
int hl_committed_last_break(int fd, int64_t size, int64_t *len);

/* The hash of the journal's bytes [len - 64, len) (fewer at its start). */
int hl_committed_tail(int fd, int64_t len, uint64_t *out);

#endif
