/* clocks.c - the start, stop and deadline of each of a ticket's clocks */
#include <string.h>

#include "hl/calendar.h"
#include "hl/clocks.h"
#include "hl/sla.h"

void hl_span_format(int64_t s, struct hl_buf *out)
{
	int64_t m = (s < 0 ? -s : s) / 60;
	if (s < 0)
		hl_buf_addc(out, '-');
	if (m >= 1440)
		hl_buf_printf(out, "%lldd", (long long)(m / 1440));
	if (m >= 60 && m % 1440 / 60)
		hl_buf_printf(out, "%lldh", (long long)(m % 1440 / 60));
	if (m % 60 || m == 0)
		hl_buf_printf(out, "%lldm", (long long)(m % 60));
}

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

/* When each clock starts and whether (and when) its stop event came. */
static void bounds(const struct hl_ticket *t, enum hl_clock c, struct hl_clockv *v)
{
	int64_t since = hl_ticket_since(t);
	v->runs = !t->missed;
	switch (c) {
	case HL_CLK_ASSIGN:
		/* answered on the spot: nothing to dispatch */
		v->start = t->opened.t;
		v->stop = t->dispatched.t ? t->dispatched.t : t->resolved.t;
		break;
	case HL_CLK_ACK:
		v->runs = v->runs && t->assigned.t;
		v->start = t->assigned.t;
		v->stop = t->acked.t >= t->assigned.t ? t->acked.t : 0;
		break;
	case HL_CLK_REPLY:
		v->start = t->opened.t;
		v->stop = t->replied.t ? t->replied.t : t->resolved.t;
		break;
	case HL_CLK_ARRIVE:
		v->start = t->opened.t;
		v->stop = t->arrived.t ? t->arrived.t : t->resolved.t;
		break;
	case HL_CLK_UPDATE:
		v->runs = v->runs && !resolved(t);
		v->start = t->progress.t > since ? t->progress.t : since;
		v->stop = 0;
		break;
	case HL_CLK_RESOLVE:
		v->start = since;
		v->stop = resolved(t) ? t->resolved.t : 0;
		break;
	case HL_CLK_FOLLOWUP:
		v->runs = v->runs && resolved(t) && t->resolved.t;
		v->start = t->resolved.t;
		v->stop = t->followed.t >= t->resolved.t ? t->followed.t : 0;
		break;
	default: /* callback */
		v->runs = t->missed;
		v->start = t->opened.t, v->stop = t->called.t;
		break;
	}
	v->done = v->stop != 0;
}

static void explain_clock(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
			  const struct hl_clockv *v, int64_t now, struct hl_buf *ex)
{
	const struct hl_sla_rule *r = hl_sla_rule_for(cfg, t->category, t->priority, t->channel, c);
	struct hl_buf a = {0}, b = {0}, d = {0};
	hl_buf_printf(ex, "%-9s", hl_clock_names[c]);
	if (!v->runs || !r) {
		hl_buf_printf(ex, "does not run for this ticket\n");
		return;
	}
	hl_short_time(v->start, &a);
	hl_short_time(v->due, &b);
	hl_duration_format(r->due[c], &d);
	if (c == HL_CLK_CALLBACK && r->has_callback_day) {
		int64_t day;
		int m;
		hl_local_day(v->start, &day, &m);
		if (m >= r->daytime.from && m < r->daytime.to) {
			hl_buf_clear(&d);
			hl_duration_format(r->callback_day, &d);
			hl_buf_printf(&d, ", missed in the daytime %02d:%02d-%02d:%02d", r->daytime.from / 60,
				      r->daytime.from % 60, r->daytime.to / 60, r->daytime.to % 60);
		}
	}
	hl_buf_printf(ex, "%s from %s (rule %s) -> due %s", d.s, a.s, r->name, b.s);
	hl_buf_clear(&a);
	if (v->done) {
		hl_span_format(v->stop - v->due, &a);
		hl_buf_printf(ex, "; done %s", v->stop <= v->due ? "in time" : "late by ");
		if (v->stop > v->due)
			hl_buf_adds(ex, a.s);
	} else if (t->held) {
		hl_buf_printf(ex, "; on hold (the clock stands still)");
	} else {
		hl_span_format(now >= v->due ? now - v->due : v->due - now, &a);
		hl_buf_printf(ex, now >= v->due ? "; overdue by %s" : "; running, %s left", a.s);
	}
	int64_t held = hl_ticket_held(t, v->start, now);
	if (held) {
		hl_buf_clear(&a);
		hl_span_format(held, &a);
		hl_buf_printf(ex, "; %s on hold added", a.s);
	}
	hl_buf_addc(ex, '\n');
	if (r->due[c].unit != HL_DUR_CLOCK)
		hl_sla_deadline(cfg, t, c, v->start, now, NULL, ex);
	hl_buf_free(&a);
	hl_buf_free(&b);
	hl_buf_free(&d);
}

void hl_clocks(const struct hl_config *cfg, const struct hl_ticket *t, int64_t now,
	       struct hl_clockv v[HL_NCLOCKS], struct hl_buf *explain)
{
	for (int c = 0; c < HL_NCLOCKS; c++) {
		memset(&v[c], 0, sizeof v[c]);
		bounds(t, (enum hl_clock)c, &v[c]);
		if (v[c].runs) {
			v[c].due = hl_sla_deadline(cfg, t, (enum hl_clock)c, v[c].start, now, &v[c].rule, NULL);
			v[c].runs = v[c].due >= 0;
		}
		if (explain)
			explain_clock(cfg, t, (enum hl_clock)c, &v[c], now, explain);
	}
}
