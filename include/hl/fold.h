/* fold.h - a ticket's state as the fold of its events, and the lifecycle
 * rules that say which event may follow which */
#ifndef HL_FOLD_H
#define HL_FOLD_H

#include <stddef.h>

#include "hl/event.h"

enum hl_state {
	HL_ST_NONE,        /* no such ticket yet */
	HL_ST_OPEN,        /* recorded, not dispatched */
	HL_ST_ASSIGNED,    /* dispatched, not signed for */
	HL_ST_ACKED,       /* signed for by the receiving department */
	HL_ST_RESOLVED,
	HL_ST_CLOSED,
	HL_ST_MISSED,      /* a missed call, not returned */
	HL_ST_CALLED_BACK,
	HL_ST_VOID,        /* opened by mistake: in no count, no clock */
	HL_ST_LINKED,      /* a duplicate waiting on its master's resolve */
};

const char *hl_state_name(enum hl_state s);
/* The state of that name, or -1. */
int hl_state_parse(const char *name);

/* An extension of one clock: the time asked for, when asked, when
 * decided. */
struct hl_ext {
	int clock;
	struct hl_duration more;
	int64_t asked, approved;
};

/* Everything the tools need of a ticket, kept small: only the latest of
 * each kind of step. Plain data with owned strings, so a table of them can
 * be saved and a fold resumed from a byte offset later. */
struct hl_ticket {
	char *id;          /* idbuf when it fits (as hl-log's do), else its own */
	char idbuf[24];    /* beside the state: a lookup reads one line */
	enum hl_state state;
	int missed;        /* a missed call, not a request */
	int held;
	int reopens;
	int followups;
	int last_score;
	int escalations;
	enum hl_category category;
	char *category2;   /* its second level ("noise" of complaint/noise), or NULL */
	enum hl_priority priority;
	enum hl_channel channel;
	enum hl_verdict verdict;
	char *opener;      /* first-contact owner (首问责任人) */
	char *phone, *dept, *assignee, *place;
	char *text;        /* what the caller said (the open's text) */
	char *caller;      /* the caller's name, when given (not in the state
			    * cache: the cron tools never show it) */
	struct hl_time opened, last, assigned, acked, resolved, closed;
	struct hl_time reopened, replied, arrived;  /* t == 0: not yet */
	struct hl_time progress;   /* the latest reply, arrive or update */
	struct hl_time followed;   /* the latest followup */
	struct hl_time called;     /* a missed call returned */
	struct hl_time dispatched; /* the first route or assign */
	struct hl_time first_resolved; /* ends the first round's assign, reply, arrive */
	int64_t held_since;
	int64_t held_total;        /* seconds spent on hold */
	struct hl_hold *holds;     /* when, for the clocks that ran meanwhile */
	size_t nholds;
	struct hl_notice *sent;    /* escalations already written */
	size_t nsent;
	/* the steps that act on the clocks */
	int returns;               /* 退单: dispatches sent back */
	int returned;              /* the latest dispatch was sent back */
	char *rule;                /* the routing rule of the latest dispatch */
	struct hl_ext *exts;       /* extensions approved */
	size_t nexts;
	int asking;                /* an extension waits for approval: asked */
	struct hl_ext asked;
	int supervisions;          /* 督办 notices */
	struct hl_time supervised; /* the latest */
	struct hl_time reviewed;   /* the latest accepted review */
	int rejects;               /* reviews that sent a resolve back */
	/* link: a duplicate names its master (kept once resolved with it:
	 * it stays out of the counts); a master its duplicates' ids,
	 * space-separated */
	char *master;
	char *dups;
	/* A table's ticket is allocated with room after it for the strings
	 * of its opening, spare up to spare_end: one allocation a ticket.
	 * Strings elsewhere (later ones, copies) are each their own. */
	char *spare, *spare_end;
};

/* A hold; to is 0 while it lasts. */
struct hl_hold {
	int64_t from, to;
};

/* An escalation: which clock, which rung, for which deadline, to whom. */
struct hl_notice {
	int clock, level;
	int64_t due;
	int64_t who;       /* hl_notice_who of its notify */
};

/* Whether t is resolved and waits for a review of that resolve (for a
 * category the configuration reviews). */
int hl_ticket_unreviewed(const struct hl_ticket *t);

/* When the ticket's current round began: its reopen, else its open. */
int64_t hl_ticket_since(const struct hl_ticket *t);
/* Whether t is on hold at now: a hold began at or before now and was
 * not resumed by then (a journal read as at an earlier time may hold
 * the resume already). */
int hl_ticket_held_at(const struct hl_ticket *t, int64_t now);
/* A name as the notices keep it (a hash; "" and NULL alike). */
int64_t hl_notice_who(const char *notify);
/* Whether a notice of that clock, rung and deadline was written (to
 * anyone; to who). */
int hl_ticket_was_sent(const struct hl_ticket *t, int clock, int level, int64_t due);
int hl_ticket_was_sent_to(const struct hl_ticket *t, int clock, int level, int64_t due,
			  int64_t who);

/* Checks that ev may happen to t now and applies it; on refusal t is
 * unchanged and err says why (without a file position). */
int hl_ticket_apply(struct hl_ticket *t, const struct hl_event *ev, struct hl_buf *err);
/* Whether id is among t's duplicates (t->dups). */
int hl_ticket_has_dup(const struct hl_ticket *t, const char *id);
/* id joins (on) or leaves t's duplicates: a reader that holds the
 * master but not the duplicate. */
void hl_ticket_set_dup(struct hl_ticket *t, const char *id, int on);
struct hl_tickets;
/* hl_ticket_apply within a table, for the steps between tickets: a link
 * is checked against its master there (when the table holds it) and
 * joins the master's duplicates; a master's resolve and close move its
 * duplicates the table holds; a reopen that unlinks leaves its master's
 * list. */
int hl_tickets_apply(struct hl_tickets *tt, struct hl_ticket *t, const struct hl_event *ev,
		     struct hl_buf *err);
void hl_ticket_free(struct hl_ticket *t);
/* dst becomes a copy of src (its own strings), keeping dst's id. */
void hl_ticket_copy(struct hl_ticket *dst, const struct hl_ticket *src);

/* Tickets by id: open addressing, grows with the number of tickets. A
 * slot holds the id's hash beside the ticket: one line read a probe. */
struct hl_ticket_slot {
	size_t hash;               /* 0: empty */
	struct hl_ticket *t;
};
struct hl_tickets {
	struct hl_ticket_slot *slot;
	size_t cap, n;
};

struct hl_ticket *hl_tickets_get(const struct hl_tickets *tt, const char *id);
/* The ticket of that id, created (state NONE) when absent. */
struct hl_ticket *hl_tickets_add(struct hl_tickets *tt, const char *id);
/* The same for the ticket of ev, a new one allocated with room for the
 * strings an opening keeps (one allocation a ticket). */
struct hl_ticket *hl_tickets_add_for(struct hl_tickets *tt, const struct hl_event *ev);
/* Removes and frees the ticket (a reader that keeps only open tickets). */
void hl_tickets_del(struct hl_tickets *tt, const char *id);
void hl_tickets_free(struct hl_tickets *tt);

/* The fold of readers that keep only what is not closed (hl-route,
 * hl-escalate): parses r into ev and applies it. Returns the ticket, or
 * NULL when the record was reported (as file:line) and ignored, or
 * its ticket is closed and forgotten (then ev->kind says what it was). A
 * reopen of a forgotten ticket revives it from what the record carries. */
struct hl_ticket *hl_fold_open(struct hl_tickets *tt, const struct hl_cols *c,
			       const char *file, struct hl_event *ev);
/* The same, but a record dated after upto (0: none) is not folded: the
 * tickets as they stood at upto. */
struct hl_ticket *hl_fold_open_upto(struct hl_tickets *tt, const struct hl_cols *c,
				    const char *file, struct hl_event *ev, int64_t upto);
/* The same, and a ticket for which settled(t, arg) holds is forgotten
 * before the record is applied, as if it had closed: the fold of a reader
 * that forgets settled tickets gives what it gives from its saved state. */
struct hl_ticket *hl_fold_open_live(struct hl_tickets *tt, const struct hl_cols *c,
				    const char *file, struct hl_event *ev, int64_t upto,
				    int (*settled)(const struct hl_ticket *, const void *),
				    const void *arg);
/* The fold of readers that keep every ticket (the reports): applies a
 * parsed event (creating the ticket at its opening); NULL when ignored
 * (reported) or the ticket is unknown. */
struct hl_ticket *hl_fold_event(struct hl_tickets *tt, const struct hl_event *ev,
				const char *file, long line);

#endif
