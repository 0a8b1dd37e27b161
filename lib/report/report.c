/* report.c - the reports' reader: the fold as of a period's end, what
 * happened to each ticket within it, and what the reports share */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hl/calendar.h"
#include "hl/categories.h"
#include "rules/clocks.h"
#include "hl/fold.h"
#include "io/journalread.h"
#include "model/repeats.h"
#include "hl/i18n.h"
#include "hl/report.h"
#include "base/utf8.h"
#include "report/reportint.h"
#include "hl/strmap.h"
#include "model/words.h"

const char *const hl_report_names[] = {"monthly", "weekly", "staff", "tickets",
				       "caller",  "calls",  "todo",  NULL};

int hl_report_kind_parse(const char *s)
{
	for (int i = 0; hl_report_names[i]; i++)
		if (hl_streq(s, hl_report_names[i]))
			return i;
	return -1;
}

const char *const hl_rep_by_names[] = {"dept", "category", "channel", "assignee",
				       "place", "day", "week", "month", "category2"};
const char *const hl_rep_by_labels[] = {N_("Department"), N_("Category"), N_("Channel"), N_("Assignee"),
					N_("Place"), N_("Date"), N_("Week"), N_("Month"),
					N_("Category (second level)")};
_Static_assert(sizeof hl_rep_by_names / sizeof hl_rep_by_names[0] == HL_NBY, "a name a key");

int hl_report_by_parse(const char *s, int by[4], struct hl_buf *err)
{
	struct hl_buf copy = {0};
	int n = 0, rc = 0;
	hl_buf_adds(&copy, s);
	for (char *save, *k = strtok_r(copy.s, ",", &save); k && rc == 0; k = strtok_r(NULL, ",", &save)) {
		int found = -1;
		for (int i = 0; i < HL_NBY; i++)
			if (hl_streq(k, hl_rep_by_names[i]))
				found = i;
		if (found < 0)
			rc = hl_fail(err, "unknown --by key '%s' (dept, category, category2, channel, assignee, place, day, week, month)", k);
		else if (n == 3)
			rc = hl_fail(err, "--by takes at most 3 keys");
		else
			by[n++] = found;
	}
	by[n] = -1;
	hl_buf_free(&copy);
	return n || rc ? rc : hl_fail(err, "--by needs a key");
}

struct hl_reporter *hl_reporter_new(const struct hl_config *cfg, const struct hl_report_opts *o)
{
	struct hl_reporter *r = hl_xcalloc(1, sizeof *r);
	r->cfg = cfg;
	r->o = *o;
	hl_strmap_init(&r->facts, sizeof(struct hl_facts));
	hl_repeats_init(&r->complaints);
	hl_callstats_init(&r->calls);
	hl_strmap_init(&r->returns, sizeof(long));
	return r;
}

void hl_reporter_free(struct hl_reporter *r)
{
	hl_tickets_free(&r->tickets);
	hl_strmap_free(&r->facts);
	hl_repeats_free(&r->complaints);
	hl_callstats_free(&r->calls);
	hl_strmap_free(&r->returns);
	free(r);
}

int hl_rep_in_period(const struct hl_reporter *r, int64_t t)
{
	return t >= r->o.period.from && t < r->o.period.to;
}

/* A caller's history keeps only that caller's tickets. */
static void note(struct hl_reporter *r, const struct hl_ticket *t, const struct hl_event *ev)
{
	struct hl_facts *f;
	if (ev->kind == HL_EV_OPEN) {
		/* every complaint is remembered (by phone), facts only for repeats */
		hl_repeats_note(&r->complaints, ev);
		if (ev->category == HL_CAT_COMPLAINT && r->cfg->ladder.repeat &&
		    hl_repeats_is_repeat(&r->complaints, t->phone, t->id, t->opened.t, r->cfg->ladder.repeat))
			((struct hl_facts *)hl_strmap_put(&r->facts, t->id))->repeat = 1;
		return;
	}
	if (ev->kind == HL_EV_RETURN) {
		/* whose dispatch was sent back: the department, the rule */
		struct hl_buf key = {0};
		hl_buf_printf(&key, "%s\x1f%s\x1f%s", t->dept ? t->dept : "", t->rule ? t->rule : "",
			      t->id);
		++*(long *)hl_strmap_put(&r->returns, key.s);
		hl_buf_free(&key);
		return;
	}
	f = hl_strmap_put(&r->facts, t->id);
	switch (ev->kind) {
	case HL_EV_RESOLVE:
		f->resolved_in = 1;
		f->resolve_secs = ev->time.t - t->opened.t;
		f->fcr = ev->time.t == t->opened.t && ev->actor && t->opener && hl_streq(ev->actor, t->opener);
		break;
	case HL_EV_FOLLOWUP:
		f->followups++;
		/* in words as the caller said them, else the score's word */
		enum hl_result res = ev->result ? ev->result : hl_config_result_of(r->cfg, ev->score);
		f->good += res != HL_RES_UNSATISFIED;
		f->satisfied += res == HL_RES_SATISFIED;
		break;
	default:
		break;
	}
}

/* What the thread reading ahead reads of the report, in a cache line of
 * its own (beside what the fold writes, the line would travel between
 * the processors at every record): the period's end, and the day before
 * its day (UTC), "YYYY-MM-DD": a time written on an earlier date is at
 * most a day and its offset (under a day) later than that date's start,
 * so before the end. */
struct horizon {
	_Alignas(64) int64_t to;
	char surely_before[16];
};

/* A record parsed where it is read: the state as it was at the period's
 * end, so a record after it is read no further than its time. */
static int parse(const struct hl_cols *c, void *out, void *arg, struct hl_buf *err)
{
	const struct horizon *h = arg;
	return hl_event_parse_before(c, h->to, out, err);
}

static void feed(void *arg, const struct hl_digested *d, const char *file)
{
	struct hl_reporter *r = arg;
	const struct hl_event *ev = d->out;
	if (d->rc < 0) {
		hl_warnx("%s:%ld: %s (record ignored)", file, d->line, d->msg);
		return;
	}
	if (d->rc > 0)
		return;
	if (ev->outcome && hl_rep_in_period(r, ev->time.t) &&
	    (r->o.kind == HL_REP_CALLS || r->o.kind == HL_REP_WEEKLY))
		hl_callstats_add(&r->calls, &r->cfg->calls, ev);
	struct hl_ticket *t = hl_fold_event(&r->tickets, ev, file, d->line);
	if (!t)
		return;
	/* the search sees every word said of the ticket, its notes too */
	if (r->o.grep && ev->text && hl_text_has(ev->text, r->o.grep))
		((struct hl_facts *)hl_strmap_put(&r->facts, t->id))->hit = 1;
	if (ev->kind == HL_EV_OPEN || (hl_rep_in_period(r, ev->time.t) &&
				       (ev->kind == HL_EV_RESOLVE || ev->kind == HL_EV_FOLLOWUP ||
					ev->kind == HL_EV_RETURN)))
		note(r, t, ev);
	/* closed before the period began: nothing of it is counted */
	if (t->state == HL_ST_CLOSED && t->closed.t < r->o.period.from) {
		struct hl_facts *f = hl_strmap_get(&r->facts, t->id);
		if (f)
			memset(f, 0, sizeof *f);
		hl_tickets_del(&r->tickets, ev->ticket);
	}
}

/* A line whose time (its first field) is after the period's end: not
 * even split. One whose time cannot be read is parsed, to be reported. */
static int after_period(const char *line, size_t len, void *arg)
{
	const struct horizon *h = arg;
	char text[32];
	if (len < 10 || memcmp(line, h->surely_before, 10) < 0)
		return 0; /* most lines: no time to parse */
	const char *comma = memchr(line, ',', len < sizeof text ? len : sizeof text);
	if (!comma)
		return 0;
	size_t n = (size_t)(comma - line);
	memcpy(text, line, n);
	text[n] = '\0';
	struct hl_time t;
	return hl_time_parse(text, &t, NULL) == 0 && t.t >= h->to;
}

int hl_reporter_read(struct hl_reporter *r, char *const *files, int nfiles, struct hl_buf *err)
{
	struct horizon h = {.to = r->o.period.to};
	int64_t day = (h.to >= 0 ? h.to : h.to - 86399) / 86400;
	int y, m, d;
	hl_civil_from_days(day - 1, &y, &m, &d);
	snprintf(h.surely_before, sizeof h.surely_before, "%04d-%02d-%02d", y, m, d);
	const struct hl_digest dg = {parse, sizeof(struct hl_event), &h, after_period};
	return hl_journal_read_digested(files, nfiles, &dg, feed, r, err);
}

/* ---- shared helpers ---- */

const struct hl_facts *hl_rep_facts(const struct hl_reporter *r, const struct hl_ticket *t)
{
	static const struct hl_facts none;
	const struct hl_facts *f = hl_strmap_get(&r->facts, t->id);
	return f ? f : &none;
}

void hl_rep_stamp(int64_t t, struct hl_buf *out)
{
	int y, mo, d, h, mi, s;
	hl_time_fields(hl_time_local(t), &y, &mo, &d, &h, &mi, &s);
	hl_buf_printf(out, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

const char *hl_rep_category(const struct hl_ticket *t)
{
	return t->missed ? _("missed call") : hl_word_label(&hl_categories, t->category);
}

void hl_rep_group_value(const struct hl_config *cfg, const struct hl_ticket *t, int key,
			struct hl_buf *out)
{
	int64_t day;
	int minute, y, m, d;
	hl_local_day(t->opened.t, &day, &minute);
	hl_civil_from_days(day, &y, &m, &d);
	switch (key) {
	case HL_BY_DEPT: hl_buf_adds(out, t->dept ? t->dept : _("(not dispatched)")); break;
	case HL_BY_CATEGORY: hl_buf_adds(out, hl_rep_category(t)); break;
	case HL_BY_CATEGORY2:
		/* a ticket without a second level: its first level alone */
		if (t->missed)
			hl_buf_adds(out, hl_rep_category(t));
		else
			hl_config_category_label(cfg, t->category, t->category2, out);
		break;
	case HL_BY_CHANNEL:
		hl_buf_adds(out, t->channel ? hl_word_label(&hl_channels, t->channel) : _("(no channel given)"));
		break;
	case HL_BY_ASSIGNEE: hl_buf_adds(out, t->assignee ? t->assignee : _("(unassigned)")); break;
	case HL_BY_PLACE: hl_buf_adds(out, t->place ? t->place : _("(no place given)")); break;
	case HL_BY_DAY: hl_buf_printf(out, "%04d-%02d-%02d", y, m, d); break;
	case HL_BY_WEEK: {
		int wy, w;
		hl_iso_week(day, &wy, &w);
		hl_buf_printf(out, "%04d-W%02d", wy, w);
		break;
	}
	default: hl_buf_printf(out, "%04d-%02d", y, m);
	}
}

/* ---- cells ---- */

void hl_rep_pct(struct hl_tab *t, size_t row, size_t col, long part, long whole)
{
	if (!whole)
		return;
	hl_tab_setf(t, row, col, "%.1f", 100.0 * (double)part / (double)whole);
	hl_tab_set_n(t, row, col, whole); /* a 100% of one is not a 100% of fifty */
}

/* What each figure means, under the tables of a page, by the column's key
 * (a column without one is not a figure); the first of the columns of a
 * kind (categories, clocks) carries the kind's. */
static const char *const definitions[][2] = {
	{"received", N_("tickets received in the period (missed calls counted apart)")},
	{"consult", N_("tickets received in the period, a column a category")},
	{"complaints", N_("complaints received in the period")},
	{"valid", N_("complaints received in the period and found valid")},
	{"invalid", N_("complaints received in the period and found invalid")},
	{"adopted", N_("suggestions received in the period and adopted")},
	{"resolved", N_("tickets resolved in the period, received before it too")},
	{"open_at_end", N_("tickets still unresolved at the period's end")},
	{"sla_met", N_("the deadlines of the period met in time: met / (met + late); n is the deadlines")},
	{"assign_met", N_("one deadline's share met in time (assign, ack, reply, arrive, update, "
			  "resolve, follow-up, call-back); n is that deadline's count")},
	{"median_resolve_hours", N_("the median time from the call to the resolve, of the tickets resolved in the period")},
	{"followups", N_("follow-ups in the period")},
	{"satisfaction", N_("(satisfied + fairly satisfied) / follow-ups; n is the follow-ups")},
	{"satisfied", N_("satisfied / follow-ups; n is the follow-ups")},
	{"repeat_complaints", N_("complaints from a phone that complained within the repeat window")},
	{"repeat", N_("complaints from a phone that complained within the repeat window")},
	{"calls", N_("tickets received by telephone")},
	{"missed", N_("missed calls")},
	{"loss_rate", N_("missed / (answered + missed); n is the calls")},
	{"returned_in_time", N_("missed calls called back within the call-back deadline")},
	{"returned_rate", N_("called back in time / missed; n is the missed calls")},
	{"first_contact_resolution", N_("tickets resolved by whoever took the call, at once / received; n is the received")},
	{"first_contacts", N_("tickets the person received as first contact")},
	{"handled", N_("tickets the person resolved in the period")},
	{"breaches", N_("deadlines of the person's tickets that fell in the period and were missed")},
	{"late_callbacks", N_("missed calls the person did not call back in time")},
	{"penalty", N_("the configured fine for each deadline missed, added up")},
	{NULL, NULL},
};

void hl_rep_define_figures(struct hl_doc *doc)
{
	for (size_t i = 0; i < doc->ntabs; i++)
		for (size_t c = 0; c < doc->tab[i].ncols; c++) {
			const struct hl_col *col = &doc->tab[i].col[c];
			int seen = 0;
			for (size_t k = 0; k < doc->ndefs && !seen; k++)
				seen = hl_streq(doc->def[k].term, col->label);
			for (size_t k = 0; definitions[k][0] && !seen; k++)
				if (hl_streq(definitions[k][0], col->key)) {
					hl_doc_define(doc, col->label, _(definitions[k][1]));
					seen = 1;
				}
		}
}

void hl_rep_num(struct hl_tab *t, size_t row, size_t col, long v)
{
	hl_tab_setf(t, row, col, "%ld", v);
}

/* ---- clocks of a ticket, judged at the period's end ---- */

/* met / late counts of the clocks whose deadline fell in the period (or
 * of every clock when all is set), added to met and late_by_clock. Returns the breaches. */
int hl_rep_judge(const struct hl_reporter *r, const struct hl_ticket *t, long met[HL_NCLOCKS],
		 long late_by_clock[HL_NCLOCKS], int all)
{
	struct hl_clockv v[HL_NCLOCKS];
	int late = 0;
	int64_t end = r->o.period.to;
	hl_clocks(r->cfg, t, end, v, NULL);
	for (int c = 0; c < HL_NCLOCKS; c++) {
		if (!v[c].runs || (!all && !hl_rep_in_period(r, v[c].due)))
			continue;
		if (v[c].done && v[c].stop <= v[c].due)
			met[c]++;
		else if (v[c].done || v[c].due < end)
			late_by_clock[c]++, late++;
	}
	return late;
}

int hl_rep_extended(const struct hl_reporter *r, const struct hl_ticket *t, int all)
{
	struct hl_clockv v[HL_NCLOCKS];
	int n = 0;
	if (!t->nexts)
		return 0;
	hl_clocks(r->cfg, t, r->o.period.to, v, NULL);
	for (int c = 0; c < HL_NCLOCKS; c++)
		if (v[c].runs && v[c].extended && (all || hl_rep_in_period(r, v[c].due)))
			n++;
	return n;
}

int hl_rep_unresolved(const struct hl_ticket *t)
{
	return t->state == HL_ST_OPEN || t->state == HL_ST_ASSIGNED || t->state == HL_ST_ACKED;
}

/* ---- tickets in the order they were opened ---- */

static int by_opened(const void *a, const void *b)
{
	const struct hl_ticket *x = *(struct hl_ticket *const *)a, *y = *(struct hl_ticket *const *)b;
	return x->opened.t != y->opened.t ? (x->opened.t > y->opened.t) - (x->opened.t < y->opened.t)
					  : strcmp(x->id, y->id);
}

struct hl_ticket **hl_rep_in_order(const struct hl_reporter *r, size_t *n)
{
	struct hl_ticket **list = hl_xcalloc(r->tickets.n ? r->tickets.n : 1, sizeof *list);
	*n = 0;
	for (size_t i = 0; i < r->tickets.cap; i++)
		if (r->tickets.slot[i].t)
			list[(*n)++] = r->tickets.slot[i].t;
	if (*n)
		qsort(list, *n, sizeof *list, by_opened);
	return list;
}

/* A void ticket is in no count and no list but the one asking for them;
 * a duplicate (linked) in no count either: its master is counted once.
 * The lists (tickets, caller, todo) keep duplicates: each caller is
 * still followed up. */
void hl_rep_drop_void(struct hl_reporter *r)
{
	char **ids = NULL;
	size_t n = 0;
	int counts = r->o.kind == HL_REP_MONTHLY || r->o.kind == HL_REP_WEEKLY ||
		     r->o.kind == HL_REP_STAFF || r->o.kind == HL_REP_CALLS;
	if (r->o.state == HL_ST_VOID)
		return;
	for (size_t i = 0; i < r->tickets.cap; i++)
		if (r->tickets.slot[i].t && (r->tickets.slot[i].t->state == HL_ST_VOID ||
					     (counts && r->tickets.slot[i].t->master))) {
			ids = hl_xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = hl_xstrdup(r->tickets.slot[i].t->id);
		}
	for (size_t i = 0; i < n; i++) {
		hl_tickets_del(&r->tickets, ids[i]);
		free(ids[i]);
	}
	free(ids);
}
