/* entry.h - what an operator types (hl-log VERB ...) turned into records */
#ifndef HL_ENTRY_H
#define HL_ENTRY_H

#include "hl/batch.h"
#include "hl/config.h"
#include "hl/event.h"

struct hl_entry {
	enum hl_event_kind kind;
	const char *ticket;
	const char *category, *priority, *channel, *caller, *phone, *place;
	const char *dept, *assignee, *verdict, *score;
	const char *reason;    /* void: why */
	const char *result;    /* followup: 满意, 基本满意, 不满意 */
	const char *text;      /* NULL or the joined words */
	const char *second;    /* the word after the ticket, or NULL */
	const char *at;        /* --at, as typed */
	int done;              /* open: answered on the spot */
	int force;             /* assign: past the staff checks */
	const char *clock;     /* extend: which clock */
	const char *more;      /* extend: the time asked for (--by 2bd) */
	int accept, reject;    /* review */
	const char *master;    /* link: --to, as typed */
};

/* Options each verb takes (getopt letters) and whether it names a ticket. */
struct hl_verb {
	const char *name;
	enum hl_event_kind kind;
	const char *opts;
	int needs_ticket;
	const char *synopsis;
	const char *help;       /* what it records, for VERB --help */
};
extern const struct hl_verb hl_verbs[];
const struct hl_verb *hl_verb_find(const char *name);

/* A ticket id as an operator types it, canonical in out: today's number
 * alone ("15", "0015": PREFIX-YYYYMMDD-0015 of now's day), or an id of
 * the configured prefix in any case with its number unpadded
 * ("hl-20261103-15"). Anything else is copied as typed. */
void hl_entry_ticket(const char *typed, const struct hl_config *cfg, const struct hl_time *now,
		     struct hl_buf *out);
/* Whether s has the form of a ticket id of the configured prefix, any
 * case (a second id typed where the text goes). */
int hl_entry_looks_like_id(const char *s, const struct hl_config *cfg);
/* The name among names (a NULL-ended list) nearest to typed, within a
 * third of its length in edits (at least one), or NULL: "did you mean". */
const char *hl_did_you_mean(const char *typed, const char *const *names);

/* An assign's person checked against the configuration at time at: in
 * the department, not on leave (the delegate named), on duty. 0, or -1
 * with the reason in err (--force passes). */
int hl_entry_check_assign(const struct hl_entry *e, const struct hl_config *cfg, int64_t at,
			  struct hl_buf *err);

/* Adds the entry's records to b: one, or two when the entry implies a
 * second step (open --done also resolves; a low followup score reopens). */
int hl_entry_to_batch(const struct hl_entry *e, const struct hl_config *cfg,
		      const struct hl_time *now, struct hl_batch *b, struct hl_buf *err);

#endif
