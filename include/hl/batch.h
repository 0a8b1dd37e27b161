/* batch.h - records to be appended, checked as a whole against the
 * journal's tickets and committed in one locked write, or not at all */
#ifndef HL_BATCH_H
#define HL_BATCH_H

#include <stdio.h>

#include "hl/config.h"
#include "hl/record.h"
#include "hl/time.h"

struct hl_batch {
	struct hl_record *rec;
	size_t n, cap;
	unsigned char *chained; /* record i is about record i-1's ticket */
	char *source;        /* input name for messages; NULL: the command line */
	char **names;        /* field names that are not journal columns */
	size_t nnames;
};

/* A new empty record at the end of the batch. */
struct hl_record *hl_batch_add(struct hl_batch *b);
/* The same, for the ticket of the record before it (which may be an open
 * whose id is given at commit). */
struct hl_record *hl_batch_add_chained(struct hl_batch *b);
/* Reads every record of path ("-": stdin) into the batch. */
int hl_batch_read(struct hl_batch *b, const char *path, struct hl_buf *err);
void hl_batch_free(struct hl_batch *b);

struct hl_commit {
	const char *journal;
	const char *actor;         /* for records without one */
	struct hl_time now;
	int64_t future_slack;      /* seconds a record's time may be ahead of now */
	int wait_seconds;          /* for the lock; negative: for ever */
	FILE *ids_out;             /* new ticket ids are printed here, or NULL */
	/* An import: records of a call (call and queue) the journal already
	 * has are dropped, not refused, and counted here. NULL otherwise. */
	size_t *calls_known;
	/* No journal named (-f, HL_JOURNAL): one that does not exist yet is
	 * not made by a batch with records in it. */
	int must_exist;
};

/* Checks every record (columns, vocabulary, departments and people of the
 * configuration, then the lifecycle against the journal's tickets), gives
 * open and missed records without a ticket a new id, and appends the whole
 * batch. 0: committed, new ids printed to ids_out. -1: nothing committed;
 * err is "SOURCE:LINE: what". 1: committed (ids printed), but not known to
 * be on disk (err says why). */
int hl_batch_commit(struct hl_batch *b, const struct hl_config *cfg,
		    const struct hl_commit *c, struct hl_buf *err);

/* One key per leg of a call: its id and queue. */
void hl_call_key(const char *id, const char *queue, struct hl_buf *out);

/* append: the records of path ("-": standard input, spooled beside the
 * journal when it cannot be read twice), checked as hl_batch_commit
 * checks a batch and committed whole or not at all, in memory that grows
 * with the tickets the input names, not with its records. */
int hl_batch_append(const char *path, const struct hl_config *cfg, const struct hl_commit *c,
		    struct hl_buf *err);

#endif
