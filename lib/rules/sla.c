/* sla.c - SLA rules matched to tickets, deadlines on the calendar */
#include <stdint.h>

#include "rules/sla.h"

const struct hl_sla_rule *hl_sla_rule_for(const struct hl_config *cfg, enum hl_category cat,
					  const char *cat2,
					  enum hl_priority pri, enum hl_channel ch, enum hl_clock c)
{
	for (size_t i = 0; i < cfg->nsla; i++) {
		const struct hl_sla_rule *r = &cfg->sla[i];
		if ((r->has & (1u << c)) && !hl_kinds_mismatch(&r->kinds, cat, cat2, pri, ch))
			return r;
	}
	return NULL;
}

/* The time a clock counts in [a, b): every second for a clock duration,
 * the working seconds for a business one. */
static int64_t counted(const struct hl_calendar *cal, int business, int64_t a, int64_t b)
{
	if (b <= a)
		return 0;
	return business ? hl_cal_work(cal, a, b) : b - a;
}

/* t moved later by secs of counted time. */
static int64_t advance(const struct hl_calendar *cal, int business, int64_t t, int64_t secs)
{
	if (secs <= 0 || t < 0)
		return t;
	return business ? hl_cal_walk(cal, t, secs) : t + secs;
}

int hl_sla_clock(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
		 int64_t start, int64_t until, struct hl_sla_due *out, struct hl_buf *explain)
{
	const struct hl_sla_rule *r = hl_sla_rule_for(cfg, t->category, t->category2, t->priority, t->channel, c);
	const struct hl_calendar *cal = &cfg->cal;
	if (!r)
		return -1;
	out->rule = r->name;
	out->dur = r->due[c];
	out->daytime = 0;
	int64_t due = hl_cal_add(cal, start, r->due[c], explain);
	if (due >= 0 && c == HL_CLK_CALLBACK && r->has_callback_day) {
		int64_t day;
		int minute;
		hl_local_day(start, &day, &minute);
		if (minute >= r->daytime.from && minute < r->daytime.to) {
			int64_t sooner = hl_cal_add(cal, start, r->callback_day, NULL);
			if (sooner >= 0 && sooner < due)
				due = sooner, out->dur = r->callback_day, out->daytime = 1;
		}
	}
	if (due < 0)
		return -1;
	/* an approved extension moves the deadline on by the time asked, on
	 * the calendar (2bd: two working days later) */
	out->base = due;
	out->extended = 0;
	for (size_t i = 0; i < t->nexts; i++) {
		if (t->exts[i].clock != (int)c || t->exts[i].asked < start)
			continue;
		int64_t moved = hl_cal_add(cal, due, t->exts[i].more, NULL);
		if (moved >= 0)
			due = moved, out->extended++;
	}
	int business = out->dur.unit != HL_DUR_CLOCK;
	out->business = business;
	out->allowed = counted(cal, business, start, due);
	/* the warning at a share of the counted time allowed, rounded down
	 * to the second */
	int64_t share = cfg->ladder.warn_percent ? out->allowed * cfg->ladder.warn_percent / 100 : 0;
	int64_t warn = share > 0 ? advance(cal, business, start, share) : -1;
	/* time on hold is not counted: each hold that begins while the clock
	 * runs (after its start, before its stop or now, before the deadline
	 * as moved so far) moves the deadline by the time it counted */
	out->held = 0;
	for (size_t i = 0; i < t->nholds; i++) {
		int64_t from = t->holds[i].from > start ? t->holds[i].from : start;
		int64_t to = t->holds[i].to ? t->holds[i].to : until;
		if (to > until)
			to = until;
		if (to <= from || from >= due)
			continue;
		int64_t n = counted(cal, business, from, to);
		out->held += n;
		if (warn >= 0 && from < warn)
			warn = advance(cal, business, warn, n);
		due = advance(cal, business, due, n);
	}
	out->due = due;
	out->warn = warn;
	return 0;
}

int64_t hl_sla_deadline(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
			int64_t start, int64_t until, const char **rule, struct hl_buf *explain)
{
	struct hl_sla_due d;
	if (hl_sla_clock(cfg, t, c, start, until, &d, explain))
		return -1;
	if (rule)
		*rule = d.rule;
	return d.due;
}
