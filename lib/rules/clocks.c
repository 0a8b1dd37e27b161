/* clocks.c - the start, stop and deadline of each of a ticket's clocks */
#include <stdarg.h>
#include <string.h>

#include "hl/calendar.h"
#include "hl/categories.h"
#include "rules/clocks.h"
#include "rules/sla.h"
#include "base/utf8.h"
#include "hl/i18n.h"
#include "hl/doc.h"
#include "model/words.h"

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
	/* a duplicate has no review of its own: it was resolved with its master */
	if (t->master)
		reviewed = 0;
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
	/* a duplicate's work is its master's: only its own caller's 回访
	 * is owed, from the master's resolve */
	if (t->master && c != HL_CLK_FOLLOWUP)
		v->runs = 0;
	v->done = v->stop != 0;
}

/* An explanation's words: the journal's in English (what the tests and
 * scripts of hl-escalate --explain read), the reader's otherwise. */
static const char *const explain_names[HL_NCLOCKS] = {
	NC_("explain", "assign"), NC_("explain", "ack"), NC_("explain", "reply"),
	NC_("explain", "arrive"), NC_("explain", "update"), NC_("explain", "resolve"),
	NC_("explain", "followup"), NC_("explain", "callback"), NC_("explain", "supervise"),
};
_Static_assert(nitems(explain_names) == HL_NCLOCKS, "a name a clock");

static int english(void)
{
	return !hl_streq(hl_i18n_lang(), "zh");
}

static void span(int64_t secs, struct hl_buf *out)
{
	if (english())
		hl_span_format(secs, out);
	else
		hl_span_show(secs, out);
}

/* A rule's duration as the configuration writes it ("2bd"), or in words. */
static void duration_shown(struct hl_duration d, struct hl_buf *out)
{
	if (english())
		hl_duration_format(d, out);
	else if (d.unit == HL_DUR_BDAY)
		hl_buf_printf(out, _("%lld working days"), (long long)d.amount);
	else if (d.unit == HL_DUR_BMIN && d.amount % 60 == 0)
		hl_buf_printf(out, _("%lld working hours"), (long long)(d.amount / 60));
	else if (d.unit == HL_DUR_BMIN)
		hl_buf_printf(out, _("%lld working minutes"), (long long)d.amount);
	else
		hl_span_show(d.amount, out);
}

static void explain_clock(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
			  const struct hl_clockv *v, const struct hl_sla_due *sd, int64_t now,
			  struct hl_buf *walk, struct hl_buf *ex)
{
	const struct hl_sla_rule *r = hl_sla_rule_for(cfg, t->category, t->category2, t->priority, t->channel, c);
	struct hl_buf a = {0}, b = {0}, d = {0};
	/* the clock's name padded to one column by display width, and a
	 * space (supervise fills the column) */
	const char *name = _(explain_names[c]);
	hl_buf_adds(ex, name);
	for (size_t w = hl_utf8_width(name); w < 8; w++)
		hl_buf_addc(ex, ' ');
	hl_buf_addc(ex, ' ');
	if (!v->runs || !r) {
		hl_buf_printf(ex, "%s\n", _("does not run for this ticket"));
		return;
	}
	if (v->before_reopen) {
		/* a reader keeping open tickets may not know when: the same
		 * words from the whole journal and from a revived ticket */
		hl_buf_printf(ex, "%s\n", _("ended before the reopen"));
		return;
	}
	hl_short_time(v->start, &a);
	hl_short_time(v->due, &b);
	duration_shown(sd->dur, &d);
	if (sd->daytime)
		hl_buf_printf(&d, _(", missed in the daytime %02d:%02d-%02d:%02d"), r->daytime.from / 60,
			      r->daytime.from % 60, r->daytime.to / 60, r->daytime.to % 60);
	hl_buf_printf(ex, _("%s from %s (rule %s)"), d.s, a.s, sd->rule);
	for (size_t i = 0; sd->extended && i < t->nexts; i++) {
		/* each extension approved (延期): the time asked and when */
		if (t->exts[i].clock != (int)c || t->exts[i].asked < v->start)
			continue;
		hl_buf_clear(&d);
		hl_buf_clear(&a);
		duration_shown(t->exts[i].more, &d);
		hl_short_time(t->exts[i].approved, &a);
		hl_buf_printf(ex, _(" + %s extended (approved %s)"), d.s, a.s);
	}
	hl_buf_printf(ex, _(" -> due %s"), b.s);
	hl_buf_clear(&a);
	if (v->done && v->stop <= v->due) {
		hl_buf_adds(ex, _("; done in time"));
	} else if (v->done) {
		span(v->stop - v->due, &a);
		hl_buf_printf(ex, _("; done late by %s"), a.s);
	} else if (hl_ticket_held_at(t, now)) {
		hl_buf_adds(ex, _("; on hold (the clock stands still)"));
	} else {
		span(now >= v->due ? now - v->due : v->due - now, &a);
		hl_buf_printf(ex, now >= v->due ? _("; overdue by %s") : _("; running, %s left"), a.s);
	}
	if (v->held) {
		hl_buf_clear(&a);
		span(v->held, &a);
		hl_buf_printf(ex, v->business ? _("; %s of working time on hold added") : _("; %s on hold added"),
			      a.s);
	}
	if (v->warn >= 0 && !v->done) {
		hl_buf_clear(&a);
		hl_short_time(v->warn, &a);
		hl_buf_printf(ex, _("; warn %s"), a.s);
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

int64_t hl_clock_left(const struct hl_config *cfg, const struct hl_clockv *v, int64_t now)
{
	if (now >= v->due)
		return 0;
	return v->business ? hl_cal_work(&cfg->cal, now, v->due) : v->due - now;
}

/* The first words of a caller's text: enough to know what it is about. */
#define GIST_WIDTH 24

void hl_ticket_gist(const struct hl_ticket *t, int shown, struct hl_buf *out)
{
	hl_buf_addc(out, '[');
	if (t->missed)
		hl_buf_adds(out, shown ? _("missed call") : "missed call");
	else if (shown)
		hl_buf_adds(out, hl_word_label(&hl_categories, t->category));
	else
		hl_category_format(t->category, t->category2, out);
	if (!t->missed && shown && t->category2)
		hl_buf_printf(out, "/%s", t->category2);
	if (t->place && *t->place) {
		hl_buf_adds(out, "; ");
		hl_buf_add_cut(out, t->place, GIST_WIDTH);
	}
	if (t->text && *t->text) {
		hl_buf_adds(out, "; ");
		hl_buf_add_cut(out, t->text, GIST_WIDTH);
	}
	hl_buf_addc(out, ']');
}

/* One part of the steps' line, after a separator when not the first. */
static void step(struct hl_buf *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void step(struct hl_buf *l, const char *fmt, ...)
{
	va_list ap;
	if (l->len)
		hl_buf_adds(l, _("; "));
	va_start(ap, fmt);
	hl_buf_vprintf(l, fmt, ap);
	va_end(ap);
}

/* The steps that act on the clocks, a line when the ticket has any:
 * returns, an extension waiting, notices of supervision, a review. (An
 * English plural's "s" is an argument a translation may skip: %.0s.) */
static void explain_steps(const struct hl_config *cfg, const struct hl_ticket *t,
			  struct hl_buf *out)
{
	struct hl_buf l = {0}, d = {0};
	if (t->master)
		step(&l, t->state == HL_ST_LINKED
			 ? _("linked to %s: a duplicate, its clocks follow its master")
			 : _("a duplicate of %s, resolved with it: only its followup runs"),
		     t->master);
	if (t->dups)
		step(&l, _("master of %s"), t->dups);
	if (t->returns) {
		step(&l, _("returned %d time%s"), t->returns, t->returns > 1 ? "s" : "");
		if (t->returned && t->dept)
			hl_buf_printf(&l, _(" (last by %s)"), t->dept);
	}
	if (t->asking) {
		duration_shown(t->asked.more, &d);
		step(&l, _("extension asked: %s +%s, waits for approval"), _(explain_names[t->asked.clock]), d.s);
	}
	if (t->nexts)
		step(&l, _("%zu extension%s approved"), t->nexts, t->nexts > 1 ? "s" : "");
	if (t->supervisions) {
		hl_buf_clear(&d);
		hl_short_time(t->supervised.t, &d);
		step(&l, _("supervised %d time%s, last %s"), t->supervisions, t->supervisions > 1 ? "s" : "", d.s);
	}
	if (hl_config_reviews(cfg, t->category) && hl_ticket_unreviewed(t))
		step(&l, "%s", _("the resolve waits for review"));
	if (t->rejects)
		step(&l, _("%d resolve%s rejected in review"), t->rejects, t->rejects > 1 ? "s" : "");
	if (l.len)
		hl_buf_line(out, "%s", l.s);
	hl_buf_free(&l);
	hl_buf_free(&d);
}

void hl_ticket_explain(const struct hl_config *cfg, const struct hl_ticket *t, int64_t at,
		       struct hl_buf *out)
{
	struct hl_clockv v[HL_NCLOCKS];
	struct hl_buf when = {0}, clocks = {0}, cat = {0};
	hl_time_format(hl_time_local(at), &when);
	int en = english();
	if (en)
		hl_category_format(t->category, t->category2, &cat);
	else
		hl_config_category_label(cfg, t->category, t->category2, &cat);
	hl_buf_line(out, _("%s %s, %s, %s%s%s; as of %s"), t->id, cat.s,
		    en ? hl_vocab_name(&hl_priorities, t->priority) : hl_word_label(&hl_priorities, t->priority),
		    en ? hl_state_name(t->state) : hl_state_label(t->state),
		    hl_ticket_held_at(t, at) ? _(" (on hold)") : "", t->reopens ? _(" (reopened)") : "", when.s);
	explain_steps(cfg, t, out);
	hl_clocks(cfg, t, at, v, &clocks);
	/* a line a clock: each shown visibly (the rules' names are the
	 * configuration's words) */
	for (char *save, *l = clocks.len ? strtok_r(clocks.s, "\n", &save) : NULL; l;
	     l = strtok_r(NULL, "\n", &save))
		hl_buf_line(out, "%s", l);
	hl_buf_free(&when);
	hl_buf_free(&clocks);
	hl_buf_free(&cat);
}
