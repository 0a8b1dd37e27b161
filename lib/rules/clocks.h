/* clocks.h - a ticket's SLA clocks at a given moment: when each started,
 * its deadline on the calendar (hold time excluded), whether it stopped */
#ifndef HL_CLOCKS_H
#define HL_CLOCKS_H

#include "hl/config.h"
#include "hl/fold.h"

struct hl_clockv {
	int runs;          /* the SLA gives this ticket the clock */
	int done;          /* its stop event happened (at stop) */
	int before_reopen; /* it ended in a round before the ticket's reopen */
	int64_t start, due, stop;
	int64_t warn;      /* the warning's instant, -1 for none */
	int business;      /* it counts working time */
	int64_t held;      /* counted time on hold added to the deadline */
	const char *rule;  /* the sla rule that set it */
	int extended;      /* extensions approved that moved its deadline */
};

/* Every clock of t as of now. explain, when given, gets how each deadline
 * was computed (the rule, the duration, the walk on the calendar). */
void hl_clocks(const struct hl_config *cfg, const struct hl_ticket *t, int64_t now,
	       struct hl_clockv v[HL_NCLOCKS], struct hl_buf *explain);

/* What a running clock has left at now, in the time it counts (working
 * time on a business clock); 0 once its deadline passed. */
int64_t hl_clock_left(const struct hl_config *cfg, const struct hl_clockv *v, int64_t now);
/* What and where a ticket is about, for a notice: "[repair; 5栋; 水管漏…]"
 * (the category, the place, the first words of the caller's text), every
 * part shown visibly so that nothing in it can break a line); shown: the
 * category in the reader's language, else its journal word (notify lines). */
void hl_ticket_gist(const struct hl_ticket *t, int shown, struct hl_buf *out);
/* The header line of an explanation and a line a clock (hl-escalate
 * --explain) of t as of at. */
void hl_ticket_explain(const struct hl_config *cfg, const struct hl_ticket *t, int64_t at,
		       struct hl_buf *out);

/* "1h13m", "45m", "2d3h": a span of seconds, rounded down to minutes. */
void hl_span_format(int64_t seconds, struct hl_buf *out);
/* "11-03 09:22" in the local zone. */
void hl_short_time(int64_t t, struct hl_buf *out);

#endif
