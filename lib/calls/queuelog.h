/* queuelog.h - Asterisk's queue_log: epoch|callid|queue|agent|EVENT|data...
 * read into finished calls */
#ifndef HL_QUEUELOG_H
#define HL_QUEUELOG_H

#include <stdio.h>

#include "calls/calls.h"
#include "hl/strmap.h"

struct hl_queuelog {
	struct hl_strmap pending;  /* call id -> a call still in the queue */
};

void hl_queuelog_init(struct hl_queuelog *q);
/* Reads one file (rotated files in order, the state carries over). Each
 * call that ended - answered and completed or transferred, abandoned,
 * timed out, left - goes into s; calls still in progress at the end wait
 * for the next import. Events that say nothing of a call's end are
 * skipped; an incomplete last line (still being written) is left with a
 * warning. A line that is not queue_log is an error: "NAME:LINE: what". */
int hl_queuelog_read(struct hl_queuelog *q, FILE *fp, const char *name, struct hl_callset *s,
		     struct hl_buf *err);
void hl_queuelog_free(struct hl_queuelog *q);

#endif
