/* sla.h - which deadline the configuration gives a ticket's clocks */
#ifndef HL_SLA_H
#define HL_SLA_H

#include "hl/config.h"
#include "hl/fold.h"

/* The first rule of the sla section that matches a ticket of this kind
 * (cat2: its second level, or NULL) and sets clock c, or NULL when the clock does not run for it. */
const struct hl_sla_rule *hl_sla_rule_for(const struct hl_config *cfg, enum hl_category cat,
					  const char *cat2,
					  enum hl_priority pri, enum hl_channel ch, enum hl_clock c);

/* A clock's deadline and warning, as hl-escalate(1) defines them. */
struct hl_sla_due {
	const char *rule;          /* the rule's name */
	struct hl_duration dur;    /* the duration that applies */
	int daytime;               /* callback_day applied (missed by day) */
	int business;              /* counts working time, not every second */
	int64_t allowed;           /* seconds counted from start to the deadline */
	int64_t held;              /* counted seconds on hold, added */
	int64_t due;
	int64_t warn;              /* -1: no warning */
	int extended;              /* approved extensions added (延期) */
	int64_t base;              /* the deadline before them */
};

/* Clock c of t started at start and counting until until (its stop, or
 * now while it runs): the deadline on the calendar, moved on by each
 * extension of the clock approved and asked since its start, moved later by the
 * counted time t spent on hold while the clock ran, and the instant the
 * warn share of the counted time allowed has passed. -1 when the clock
 * does not run for t. explain, when given, gets the walk on the calendar. */
int hl_sla_clock(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
		 int64_t start, int64_t until, struct hl_sla_due *out, struct hl_buf *explain);
/* Its deadline alone; rule, when given, gets the rule's name. */
int64_t hl_sla_deadline(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
			int64_t start, int64_t until, const char **rule, struct hl_buf *explain);

#endif
