/* clocks.c - the start, stop and deadline of each of a ticket's clocks */
#include <string.h>

#include "hl/calendar.h"
#include "rules/clocks.h"
#include "rules/sla.h"

void hl_short_time(int64_t t, struct hl_buf *out)
{
	int y, mo, d, h, mi, s;
	hl_time_fields(hl_time_local(t), &y, &mo, &d, &h, &mi, &s);
	hl_buf_printf(out, "%02d-%02d %02d:%02d", mo, d, h, mi);
}

static int resolved(const struct hl_ticket *t)
{
	return t->state == HL_ST_RESOLVED || t->state == HL_ST_CLOSED;
}

/* The earliest of two instants, 0 being none. */
static int64_t first_of(int64_t a, int64_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

/* The instant of a step at or after from, 0 when there is none. */
static int64_t after(int64_t step, int64_t from)
{
	return step && step >= from ? step : 0;
}

/* When each clock starts and whether (and when) it ended: its own step,
 * or a step that makes it moot (a resolve ends every clock of the round
 * but followup). */
static void bounds(const struct hl_ticket *t, enum hl_clock c, int64_t now, int reviewed,
		   struct hl_clockv *v)
{
	int64_t since = hl_ticket_since(t);
	int64_t res = resolved(t) ? t->resolved.t : 0;
	/* a reviewed category's resolve counts from its accepted review */
	if (reviewed && res)
		res = after(t->reviewed.t, t->resolved.t);
	/* the resolve of an earlier round does not end this one's clocks */
	v->runs = !t->missed;
	switch (c) {
	case HL_CLK_ASSIGN:
		/* answered on the spot: nothing to dispatch */
		v->start = t->opened.t;
		v->stop = first_of(t->dispatched.t, t->first_resolved.t);
		break;
	case HL_CLK_ACK:
		v->runs = v->runs && t->assigned.t;
		v->start = t->assigned.t;
		v->stop = first_of(after(t->acked.t, t->assigned.t), after(t->resolved.t, t->assigned.t));
		break;
	case HL_CLK_REPLY:
		v->start = t->opened.t;
		v->stop = first_of(t->replied.t, t->first_resolved.t);
		break;
	case HL_CLK_ARRIVE:
		v->start = t->opened.t;
		v->stop = first_of(t->arrived.t, t->first_resolved.t);
		break;
	case HL_CLK_UPDATE:
		v->runs = v->runs && !resolved(t);
		v->start = t->progress.t > since ? t->progress.t : since;
		v->stop = 0;
		break;
	case HL_CLK_RESOLVE:
		v->start = since;
		v->stop = res;
		break;
	case HL_CLK_FOLLOWUP:
		v->runs = v->runs && resolved(t) && t->resolved.t && (!reviewed || res);
		v->start = reviewed ? res : t->resolved.t;
		v->stop = after(t->followed.t, v->start);
		break;
	case HL_CLK_SUPERVISE:
		/* the department answers the notice: a step of progress or
		 * the resolve after it */
		v->runs = v->runs && t->supervised.t;
		v->start = t->supervised.t;
		v->stop = first_of(after(t->progress.t, t->supervised.t),
				   after(t->resolved.t, t->supervised.t));
		break;
	default: /* callback */
		v->runs = t->missed;
		v->start = t->opened.t, v->stop = t->called.t;
		break;
	}
	/* a reopen follows a resolve, which ended the first round's clocks:
	 * they stay ended, judged at their own step or the first resolve */
	if (t->reopens && (c == HL_CLK_ASSIGN || c == HL_CLK_REPLY || c == HL_CLK_ARRIVE)) {
		v->before_reopen = 1;
		if (!v->stop || v->stop > since)
			v->stop = since;
	}
	/* a journal read as of an earlier now may hold the step already: it
	 * has not happened yet */
	if (v->stop > now)
		v->stop = 0;
	if (t->state == HL_ST_VOID)
		v->runs = 0; /* opened by mistake: nothing was owed */
	v->done = v->stop != 0;
}

static void explain_clock(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
			  const struct hl_clockv *v, const struct hl_sla_due *sd, int64_t now,
			  struct hl_buf *walk, struct hl_buf *ex)
{
	const struct hl_sla_rule *r = hl_sla_rule_for(cfg, t->category, t->priority, t->channel, c);
	struct hl_buf a = {0}, b = {0}, d = {0};
	hl_buf_printf(ex, "%-8s ", hl_clock_names[c]); /* supervise: still a space */
	if (!v->runs || !r) {
		hl_buf_printf(ex, "does not run for this ticket\n");
		return;
	}
	if (v->before_reopen) {
		/* a reader keeping open tickets may not know when: the same
		 * words from the whole journal and from a revived ticket */
		hl_buf_printf(ex, "ended before the reopen\n");
		return;
	}
	hl_short_time(v->start, &a);
	hl_short_time(v->due, &b);
	hl_duration_format(sd->dur, &d);
	if (sd->daytime)
		hl_buf_printf(&d, ", missed in the daytime %02d:%02d-%02d:%02d", r->daytime.from / 60,
			      r->daytime.from % 60, r->daytime.to / 60, r->daytime.to % 60);
	hl_buf_printf(ex, "%s from %s (rule %s)", d.s, a.s, sd->rule);
	for (size_t i = 0; sd->extended && i < t->nexts; i++) {
		/* each extension approved (延期): the time asked and when */
		if (t->exts[i].clock != (int)c || t->exts[i].asked < v->start)
			continue;
		hl_buf_clear(&d);
		hl_buf_clear(&a);
		hl_duration_format(t->exts[i].more, &d);
		hl_short_time(t->exts[i].approved, &a);
		hl_buf_printf(ex, " + %s extended (approved %s)", d.s, a.s);
	}
	hl_buf_printf(ex, " -> due %s", b.s);
	hl_buf_clear(&a);
	if (v->done) {
		hl_span_format(v->stop - v->due, &a);
		hl_buf_printf(ex, "; done %s", v->stop <= v->due ? "in time" : "late by ");
		if (v->stop > v->due)
			hl_buf_adds(ex, a.s);
	} else if (hl_ticket_held_at(t, now)) {
		hl_buf_printf(ex, "; on hold (the clock stands still)");
	} else {
		hl_span_format(now >= v->due ? now - v->due : v->due - now, &a);
		hl_buf_printf(ex, now >= v->due ? "; overdue by %s" : "; running, %s left", a.s);
	}
	if (v->held) {
		hl_buf_clear(&a);
		hl_span_format(v->held, &a);
		hl_buf_printf(ex, "; %s%s on hold added", a.s, v->business ? " of working time" : "");
	}
	if (v->warn >= 0 && !v->done) {
		hl_buf_clear(&a);
		hl_short_time(v->warn, &a);
		hl_buf_printf(ex, "; warn %s", a.s);
	}
	hl_buf_addc(ex, '\n');
	if (walk && walk->len)
		hl_buf_adds(ex, walk->s);
	hl_buf_free(&a);
	hl_buf_free(&b);
	hl_buf_free(&d);
}

void hl_clocks(const struct hl_config *cfg, const struct hl_ticket *t, int64_t now,
	       struct hl_clockv v[HL_NCLOCKS], struct hl_buf *explain)
{
	struct hl_buf walk = {0};
	for (int c = 0; c < HL_NCLOCKS; c++) {
		struct hl_sla_due sd = {0};
		memset(&v[c], 0, sizeof v[c]);
		bounds(t, (enum hl_clock)c, now, hl_config_reviews(cfg, t->category), &v[c]);
		v[c].warn = -1;
		hl_buf_clear(&walk);
		if (v[c].runs) {
			int64_t until = v[c].done && v[c].stop < now ? v[c].stop : now;
			v[c].runs = !hl_sla_clock(cfg, t, (enum hl_clock)c, v[c].start, until, &sd,
						  explain ? &walk : NULL);
			v[c].due = sd.due, v[c].warn = sd.warn, v[c].rule = sd.rule;
			v[c].business = sd.business, v[c].held = sd.held;
			v[c].extended = sd.extended;
		}
		if (explain)
			explain_clock(cfg, t, (enum hl_clock)c, &v[c], &sd, now,
				      sd.business ? &walk : NULL, explain);
	}
	hl_buf_free(&walk);
}
