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
};

const char *hl_state_name(enum hl_state s);

/* Everything the tools need of a ticket, kept small: only the latest of
 * each kind of step. Plain data with owned strings, so a table of them can
 * be saved and a fold resumed from a byte offset later. */
struct hl_ticket {
	char *id;
	enum hl_state state;
	int held;
	int reopens;
	int followups;
	int last_score;
	int escalations;
	enum hl_category category;
	enum hl_priority priority;
	enum hl_channel channel;
	enum hl_verdict verdict;
	char *opener;      /* first-contact owner (首问责任人) */
	char *phone, *dept, *assignee, *place;
	char *text;        /* what the caller said (the open's text) */
	struct hl_time opened, last, assigned, acked, resolved, closed;
	struct hl_time reopened, replied, arrived;  /* t == 0: not yet */
	int64_t held_since;
	int64_t held_total;   /* seconds spent on hold, for the SLA clocks */
};

/* Checks that ev may happen to t now and applies it; on refusal t is
 * unchanged and err says why (without a file position). */
int hl_ticket_apply(struct hl_ticket *t, const struct hl_event *ev, struct hl_buf *err);
void hl_ticket_free(struct hl_ticket *t);
void hl_ticket_copy(struct hl_ticket *dst, const struct hl_ticket *src);

/* Tickets by id: open addressing, grows with the number of tickets. */
struct hl_tickets {
	struct hl_ticket **slot;
	size_t cap, n;
};

struct hl_ticket *hl_tickets_get(const struct hl_tickets *tt, const char *id);
/* The ticket of that id, created (state NONE) when absent. */
struct hl_ticket *hl_tickets_add(struct hl_tickets *tt, const char *id);
/* Removes and frees the ticket (a reader that keeps only open tickets). */
void hl_tickets_del(struct hl_tickets *tt, const char *id);
void hl_tickets_free(struct hl_tickets *tt);

#endif
