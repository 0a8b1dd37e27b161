/* calls.h - finished calls read from the phone system's logs, and the
 * journal records they become */
#ifndef HL_CALLS_H
#define HL_CALLS_H

#include <stdint.h>

#include "hl/batch.h"
#include "hl/config.h"
#include "hl/config.h"
#include "hl/event.h"
#include "hl/strmap.h"
#include "hl/telephony.h"

struct hl_call {
	char *id;             /* the phone system's call id */
	char *queue, *agent;  /* NULL when not known */
	char *callerid;       /* as the phone system gave it ("张三" <138...>) */
	char *rang;           /* unanswered: the agent it rang last, or NULL */
	int64_t start;        /* when it reached the queue, epoch seconds */
	long wait, talk;      /* seconds; talk -1 unless answered */
	enum hl_outcome outcome;
	long line;            /* the line that ended it, for messages */
	int rerouted;         /* a later leg of the same call is in the set */
};

struct hl_callset {
	char *source;         /* the input, for messages */
	struct hl_call *v;
	size_t n, cap;
	struct hl_strmap legs;   /* id + queue -> index + 1 */
	struct hl_strmap latest; /* id -> index + 1 of its latest leg */
};

void hl_callset_init(struct hl_callset *s, const char *source);
/* Adds a copy of a finished call; a leg already in the set (the same id
 * and queue, say a file read twice) is not added again. */
void hl_callset_add(struct hl_callset *s, const struct hl_call *c);
/* The same, taking c's strings (allocated, non-empty or NULL) as its own. */
void hl_callset_adopt(struct hl_callset *s, struct hl_call *c);
void hl_callset_free(struct hl_callset *s);

/* The calls as records of b, in the order they reached the queue: an
 * unanswered call from a known number a missed record (a ticket with a
 * call-back deadline) unless the caller went on to another queue; every
 * other call a call record. A missed call that rang a person of the staff
 * who did not answer is theirs to call back (the 400-line rules). */
void hl_calls_to_batch(const struct hl_callset *s, const struct hl_config *cfg,
		       struct hl_batch *b);

#endif
