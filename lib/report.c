/* report.c - the fold as of a period's end, facts per ticket, groups */
#include <stdlib.h>
#include <string.h>

#include "hl/calendar.h"
#include "hl/clocks.h"
#include "hl/fold.h"
#include "hl/repeats.h"
#include "hl/report.h"
#include "hl/strmap.h"

/* What happened to a ticket within the period. */
struct facts {
	int resolved_in;       /* a resolve in the period */
	int64_t resolve_secs;  /* from the call to the latest resolve */
	int fcr;               /* resolved on the spot by who took the call */
	int followups, good;   /* 回访 in the period, and those scoring 4 or 5 */
	int repeat;            /* a repeat complaint */
};

struct hl_reporter {
	const struct hl_config *cfg;
	struct hl_report_opts o;
	struct hl_tickets tickets;
	struct hl_strmap facts;
	struct hl_repeats complaints;
};

int hl_report_kind_parse(const char *s)
{
	static const char *const names[] = {"monthly", "weekly", "staff", "tickets", "caller"};
	for (int i = 0; i < 5; i++)
		if (hl_streq(s, names[i]))
			return i;
	return -1;
}

static const char *const by_names[] = {"dept", "category", "channel", "assignee",
				       "place", "day", "week", "month"};
static const char *const by_labels[] = {"部门", "类别", "渠道", "承办人", "地点", "日期", "周", "月份"};

int hl_report_by_parse(const char *s, int by[4], struct hl_buf *err)
{
	struct hl_buf copy = {0};
	int n = 0, rc = 0;
	hl_buf_adds(&copy, s);
	for (char *save, *k = strtok_r(copy.s, ",", &save); k && rc == 0; k = strtok_r(NULL, ",", &save)) {
		int found = -1;
		for (int i = 0; i < 8; i++)
			if (hl_streq(k, by_names[i]))
				found = i;
		if (found < 0)
			rc = hl_fail(err, "unknown --by key '%s' (dept, category, channel, assignee, place, day, week, month)", k);
		else if (n == 3)
			rc = hl_fail(err, "--by takes at most 3 keys");
		else
			by[n++] = found;
	}
	by[n] = -1;
	hl_buf_free(&copy);
	return n || rc ? rc : hl_fail(err, "--by needs a key");
}

void hl_mask_phone(const char *phone, struct hl_buf *out)
{
	size_t n = strlen(phone), keep_head = n >= 7 ? 3 : 0, keep_tail = n >= 7 ? 4 : 2;
	for (size_t i = 0; i < n; i++)
		hl_buf_addc(out, i < keep_head || i + keep_tail >= n ? phone[i] : '*');
}

struct hl_reporter *hl_reporter_new(const struct hl_config *cfg, const struct hl_report_opts *o)
{
	struct hl_reporter *r = hl_xcalloc(1, sizeof *r);
	r->cfg = cfg;
	r->o = *o;
	hl_strmap_init(&r->facts, sizeof(struct facts));
	hl_repeats_init(&r->complaints);
	return r;
}

void hl_reporter_free(struct hl_reporter *r)
{
	hl_tickets_free(&r->tickets);
	hl_strmap_free(&r->facts);
	hl_repeats_free(&r->complaints);
	free(r);
}

static int in_period(const struct hl_reporter *r, int64_t t)
{
	return t >= r->o.period.from && t < r->o.period.to;
}

/* A caller's history keeps only that caller's tickets. */
static int wanted(const struct hl_reporter *r, const struct hl_event *ev)
{
	struct hl_buf norm = {0};
	int yes = 1;
	if (r->o.kind == HL_REP_CALLER && (ev->kind == HL_EV_OPEN || ev->kind == HL_EV_MISSED)) {
		yes = ev->phone && !hl_phone_normalize(ev->phone, &norm, NULL) && hl_streq(norm.s, r->o.phone);
		hl_buf_free(&norm);
	}
	return yes;
}

static void note(struct hl_reporter *r, const struct hl_ticket *t, const struct hl_event *ev)
{
	struct facts *f;
	if (ev->kind == HL_EV_OPEN) {
		/* every complaint is remembered (by phone), facts only for repeats */
		hl_repeats_note(&r->complaints, ev);
		if (ev->category == HL_CAT_COMPLAINT && r->cfg->ladder.repeat &&
		    hl_repeats_is_repeat(&r->complaints, t->phone, t->id, t->opened.t, r->cfg->ladder.repeat))
			((struct facts *)hl_strmap_put(&r->facts, t->id))->repeat = 1;
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
		f->good += ev->score >= 4;
		break;
	default:
		break;
	}
}

void hl_reporter_feed(struct hl_reporter *r, const struct hl_record *rec, const char *where)
{
	struct hl_event ev;
	struct hl_buf err = {0};
	if (hl_event_parse(rec, 0, &ev, &err)) {
		hl_warnx("%s: %s (record ignored)", where, err.s);
		hl_buf_free(&err);
		return;
	}
	/* the state as it was at the period's end */
	if (ev.time.t >= r->o.period.to || !wanted(r, &ev))
		return;
	struct hl_ticket *t = hl_fold_event(&r->tickets, &ev, where);
	if (!t)
		return;
	if (ev.kind == HL_EV_OPEN || (in_period(r, ev.time.t) &&
				       (ev.kind == HL_EV_RESOLVE || ev.kind == HL_EV_FOLLOWUP)))
		note(r, t, &ev);
	/* closed before the period began: nothing of it is counted */
	if (t->state == HL_ST_CLOSED && t->closed.t < r->o.period.from) {
		struct facts *f = hl_strmap_get(&r->facts, t->id);
		if (f)
			memset(f, 0, sizeof *f);
		hl_tickets_del(&r->tickets, ev.ticket);
	}
}

/* ---- shared helpers ---- */

static const struct facts *facts_of(const struct hl_reporter *r, const struct hl_ticket *t)
{
	static const struct facts none;
	const struct facts *f = hl_strmap_get(&r->facts, t->id);
	return f ? f : &none;
}

static void local_stamp(int64_t t, struct hl_buf *out)
{
	int y, mo, d, h, mi, s;
	hl_time_fields(hl_time_local(t), &y, &mo, &d, &h, &mi, &s);
	hl_buf_printf(out, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

static void group_value(const struct hl_ticket *t, int key, struct hl_buf *out)
{
	int64_t day;
	int minute, y, m, d;
	hl_local_day(t->opened.t, &day, &minute);
	hl_civil_from_days(day, &y, &m, &d);
	switch (key) {
	case HL_BY_DEPT: hl_buf_adds(out, t->dept ? t->dept : "(none)"); break;
	case HL_BY_CATEGORY: hl_buf_adds(out, t->missed ? "(missed call)" : hl_vocab_name(&hl_categories, t->category)); break;
	case HL_BY_CHANNEL: hl_buf_adds(out, t->channel ? hl_vocab_name(&hl_channels, t->channel) : "(none)"); break;
	case HL_BY_ASSIGNEE: hl_buf_adds(out, t->assignee ? t->assignee : "(none)"); break;
	case HL_BY_PLACE: hl_buf_adds(out, t->place ? t->place : "(none)"); break;
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

/* ---- groups ---- */

struct grp {
	char **keys;
	long received, cat[8], valid, invalid, adopted, resolved, open_end;
	long followups, good, repeat, calls, missed, returned, fcr;
	long met[HL_NCLOCKS], late[HL_NCLOCKS];
	int64_t *durs;
	size_t ndurs;
};

struct groups {
	struct grp *g;
	size_t n;
	struct hl_strmap index;   /* joined keys -> size_t + 1 */
	const int *by;
	size_t nby;
};

static struct grp *group_for(struct groups *gs, const struct hl_ticket *t)
{
	struct hl_buf joined = {0}, v = {0};
	for (size_t k = 0; k < gs->nby; k++) {
		hl_buf_clear(&v);
		group_value(t, gs->by[k], &v);
		hl_buf_printf(&joined, "%s\x1f", v.s);
	}
	size_t *at = hl_strmap_put(&gs->index, hl_buf_str(&joined));
	if (!*at) {
		gs->g = hl_xreallocarray(gs->g, gs->n + 1, sizeof *gs->g);
		struct grp *g = &gs->g[gs->n];
		memset(g, 0, sizeof *g);
		g->keys = hl_xcalloc(gs->nby ? gs->nby : 1, sizeof *g->keys);
		for (size_t k = 0; k < gs->nby; k++) {
			hl_buf_clear(&v);
			group_value(t, gs->by[k], &v);
			g->keys[k] = hl_xstrdup(v.s);
		}
		*at = ++gs->n;
	}
	hl_buf_free(&joined);
	hl_buf_free(&v);
	return &gs->g[*at - 1];
}

static int by_keys(const void *a, const void *b, void *nby)
{
	const struct grp *x = a, *y = b;
	for (size_t k = 0; k < *(size_t *)nby; k++) {
		int c = strcmp(x->keys[k], y->keys[k]);
		if (c)
			return c;
	}
	return 0;
}

static void groups_free(struct groups *gs)
{
	for (size_t i = 0; i < gs->n; i++) {
		for (size_t k = 0; k < gs->nby; k++)
			free(gs->g[i].keys[k]);
		free(gs->g[i].keys);
		free(gs->g[i].durs);
	}
	free(gs->g);
	hl_strmap_free(&gs->index);
}

static void groups_init(struct groups *gs, const int *by, const int *fallback)
{
	memset(gs, 0, sizeof *gs);
	hl_strmap_init(&gs->index, sizeof(size_t));
	gs->by = by[0] >= 0 ? by : fallback;
	while (gs->by[gs->nby] >= 0)
		gs->nby++;
}

/* The sum of every group, as the last group. */
static void add_totals(struct groups *gs)
{
	struct grp t = {0};
	t.keys = hl_xcalloc(gs->nby ? gs->nby : 1, sizeof *t.keys);
	for (size_t k = 0; k < gs->nby; k++)
		t.keys[k] = hl_xstrdup(k ? "" : "合计");
	for (size_t i = 0; i < gs->n; i++) {
		struct grp *g = &gs->g[i];
		t.received += g->received, t.valid += g->valid, t.invalid += g->invalid;
		t.adopted += g->adopted, t.resolved += g->resolved, t.open_end += g->open_end;
		t.followups += g->followups, t.good += g->good, t.repeat += g->repeat;
		t.calls += g->calls, t.missed += g->missed, t.returned += g->returned, t.fcr += g->fcr;
		for (int c = 0; c < 8; c++)
			t.cat[c] += g->cat[c];
		for (int c = 0; c < HL_NCLOCKS; c++)
			t.met[c] += g->met[c], t.late[c] += g->late[c];
		t.durs = hl_xreallocarray(t.durs, t.ndurs + g->ndurs + 1, sizeof *t.durs);
		if (g->ndurs)
			memcpy(t.durs + t.ndurs, g->durs, g->ndurs * sizeof *t.durs);
		t.ndurs += g->ndurs;
	}
	gs->g = hl_xreallocarray(gs->g, gs->n + 1, sizeof *gs->g);
	gs->g[gs->n++] = t;
}

static void sorted_groups(struct groups *gs)
{
	if (gs->n > 1)
		qsort_r(gs->g, gs->n, sizeof *gs->g, by_keys, &gs->nby);
	add_totals(gs);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ---- cells ---- */

static void pct(struct hl_tab *t, size_t row, size_t col, long part, long whole)
{
	if (whole)
		hl_tab_setf(t, row, col, "%.1f", 100.0 * (double)part / (double)whole);
}

static void num(struct hl_tab *t, size_t row, size_t col, long v)
{
	hl_tab_setf(t, row, col, "%ld", v);
}

static void key_columns(struct hl_tab *tab, const struct groups *gs)
{
	for (size_t k = 0; k < gs->nby; k++)
		hl_tab_col(tab, by_names[gs->by[k]], by_labels[gs->by[k]], 0);
}

static size_t group_row(struct hl_tab *tab, const struct groups *gs, const struct grp *g)
{
	size_t row = hl_tab_row(tab);
	for (size_t k = 0; k < gs->nby; k++)
		hl_tab_set(tab, row, k, g->keys[k]);
	return row;
}

/* Drops the numeric columns from first on that are empty in every row. */
static void drop_empty(struct hl_tab *tab, size_t first)
{
	for (size_t c = tab->ncols; c-- > first;) {
		int empty = 1;
		for (size_t r = 0; empty && r < tab->nrows; r++)
			empty = !*tab->cell[r * tab->ncols + c];
		if (empty)
			hl_tab_drop(tab, c);
	}
}

/* ---- clocks of a ticket, judged at the period's end ---- */

/* met / late counts of the clocks whose deadline fell in the period (or
 * of every clock when all is set), added to g. Returns the breaches. */
static int judge(const struct hl_reporter *r, const struct hl_ticket *t, struct grp *g, int all)
{
	struct hl_clockv v[HL_NCLOCKS];
	int late = 0;
	int64_t end = r->o.period.to;
	hl_clocks(r->cfg, t, end, v, NULL);
	for (int c = 0; c < HL_NCLOCKS; c++) {
		if (!v[c].runs || (!all && !in_period(r, v[c].due)))
			continue;
		if (v[c].done && v[c].stop <= v[c].due)
			g->met[c]++;
		else if (v[c].done || v[c].due < end)
			g->late[c]++, late++;
	}
	return late;
}

static int unresolved(const struct hl_ticket *t)
{
	return t->state == HL_ST_OPEN || t->state == HL_ST_ASSIGNED || t->state == HL_ST_ACKED;
}

/* ---- monthly: the hotline analysis table (seed 000) ---- */

static const char *const cat_keys[] = {"", "consult", "complaint", "suggestion", "booking",
				       "emergency", "help", "repair"};
static const char *const cat_labels[] = {"", "咨询", "投诉", "建议", "预定", "突发", "求助", "报修"};
static const char *const clock_labels[] = {"派单按时%", "签收按时%", "答复按时%", "到场按时%",
					   "跟进按时%", "办结按时%", "回访按时%", "回拨按时%"};

static void count_monthly(const struct hl_reporter *r, struct groups *gs)
{
	for (size_t i = 0; i < r->tickets.cap; i++) {
		const struct hl_ticket *t = r->tickets.slot[i];
		if (!t || t->missed)
			continue;
		const struct facts *f = facts_of(r, t);
		int received = in_period(r, t->opened.t);
		if (!received && !f->resolved_in && !f->followups && !unresolved(t))
			continue;
		struct grp *g = group_for(gs, t);
		if (received) {
			g->received++;
			g->cat[t->category]++;
			g->valid += t->category == HL_CAT_COMPLAINT && t->verdict == HL_VER_VALID;
			g->invalid += t->category == HL_CAT_COMPLAINT && t->verdict == HL_VER_INVALID;
			g->adopted += t->category == HL_CAT_SUGGESTION && t->verdict == HL_VER_ADOPTED;
			g->repeat += f->repeat;
			judge(r, t, g, 1);
		}
		if (f->resolved_in) {
			g->resolved++;
			g->durs = hl_xreallocarray(g->durs, g->ndurs + 1, sizeof *g->durs);
			g->durs[g->ndurs++] = f->resolve_secs;
		}
		g->open_end += unresolved(t);
		g->followups += f->followups;
		g->good += f->good;
	}
}

static void monthly_row(struct hl_tab *tab, const struct groups *gs, struct grp *g)
{
	size_t row = group_row(tab, gs, g), c = gs->nby;
	long met = 0, late = 0;
	num(tab, row, c++, g->received);
	for (int k = 1; k < 8; k++)
		num(tab, row, c++, g->cat[k]);
	num(tab, row, c++, g->valid), num(tab, row, c++, g->invalid), num(tab, row, c++, g->adopted);
	num(tab, row, c++, g->resolved), num(tab, row, c++, g->open_end);
	for (int k = 0; k < HL_NCLOCKS; k++)
		met += g->met[k], late += g->late[k];
	pct(tab, row, c++, met, met + late);
	for (int k = 0; k < HL_NCLOCKS; k++)
		pct(tab, row, c++, g->met[k], g->met[k] + g->late[k]);
	if (g->ndurs) {
		struct hl_buf d = {0};
		qsort(g->durs, g->ndurs, sizeof *g->durs, cmp_i64);
		int64_t m = g->ndurs % 2 ? g->durs[g->ndurs / 2]
					 : (g->durs[g->ndurs / 2 - 1] + g->durs[g->ndurs / 2]) / 2;
		hl_span_format(m, &d);
		hl_tab_set(tab, row, c, d.s);
		hl_buf_free(&d);
	}
	c++;
	num(tab, row, c++, g->followups);
	pct(tab, row, c++, g->good, g->followups);
	num(tab, row, c++, g->repeat);
}

/* One bar a group: what = 0 volume, 1 SLA met %, 2 satisfaction %. */
static void group_chart(struct hl_doc *doc, const struct groups *gs, const char *title, int what)
{
	struct hl_chart *ch = hl_doc_chart(doc, title, what > 0);
	for (size_t i = 0; i + 1 < gs->n; i++) {
		const struct grp *g = &gs->g[i];
		const char *name = gs->nby ? g->keys[0] : "";
		long met = 0, late = 0;
		for (int k = 0; k < HL_NCLOCKS; k++)
			met += g->met[k], late += g->late[k];
		if (what == 0)
			hl_chart_add(ch, name, (double)g->received);
		else if (what == 1 && met + late)
			hl_chart_add(ch, name, 100.0 * (double)met / (double)(met + late));
		else if (what == 2 && g->followups)
			hl_chart_add(ch, name, 100.0 * (double)g->good / (double)g->followups);
	}
}

static void monthly_charts(struct hl_doc *doc, const struct groups *gs)
{
	group_chart(doc, gs, "受理量 (volume)", 0);
	struct hl_chart *cat = hl_doc_chart(doc, "类别 (by category)", 0);
	const struct grp *tot = &gs->g[gs->n - 1];
	for (int k = 1; k < 8; k++)
		if (tot->cat[k])
			hl_chart_add(cat, cat_labels[k], (double)tot->cat[k]);
	group_chart(doc, gs, "按时率 (SLA met)", 1);
	group_chart(doc, gs, "满意率 (satisfaction)", 2);
}

static void monthly(struct hl_reporter *r, struct hl_doc *doc)
{
	static const int by_dept[] = {HL_BY_DEPT, -1};
	struct groups gs;
	groups_init(&gs, r->o.by, by_dept);
	count_monthly(r, &gs);
	sorted_groups(&gs);
	struct hl_tab *tab = hl_doc_table(doc, "热线工作分析表");
	key_columns(tab, &gs);
	hl_tab_col(tab, "received", "受理", 1);
	for (int k = 1; k < 8; k++)
		hl_tab_col(tab, cat_keys[k], cat_labels[k], 1);
	hl_tab_col(tab, "valid", "有效投诉", 1);
	hl_tab_col(tab, "invalid", "无效投诉", 1);
	hl_tab_col(tab, "adopted", "建议采纳", 1);
	hl_tab_col(tab, "resolved", "办结", 1);
	hl_tab_col(tab, "open_at_end", "期末未结", 1);
	hl_tab_col(tab, "sla_met", "按时率%", 1);
	for (int k = 0; k < HL_NCLOCKS; k++) {
		struct hl_buf key = {0};
		hl_buf_printf(&key, "%s_met", hl_clock_names[k]);
		hl_tab_col(tab, key.s, clock_labels[k], 1);
		hl_buf_free(&key);
	}
	hl_tab_col(tab, "median_resolve", "办结时长中位", 1);
	hl_tab_col(tab, "followups", "回访", 1);
	hl_tab_col(tab, "satisfaction", "满意率%", 1);
	hl_tab_col(tab, "repeat_complaints", "重复投诉", 1);
	for (size_t i = 0; i < gs.n; i++)
		monthly_row(tab, &gs, &gs.g[i]);
	tab->totals = 1;
	/* per-clock columns no ticket ran */
	size_t first = gs.nby + 14;
	for (size_t c = first + HL_NCLOCKS; c-- > first;) {
		int empty = 1;
		for (size_t row = 0; empty && row < tab->nrows; row++)
			empty = !*tab->cell[row * tab->ncols + c];
		if (empty)
			hl_tab_drop(tab, c);
	}
	monthly_charts(doc, &gs);
	groups_free(&gs);
}

/* ---- weekly: calls and the complaint table (seeds 001, 004) ---- */

static int is_call(const struct hl_ticket *t)
{
	return !t->channel || t->channel == HL_CH_PHONE || t->channel == HL_CH_HOTLINE400;
}

static void weekly_calls(struct hl_reporter *r, struct hl_doc *doc)
{
	static const int by_day[] = {HL_BY_DAY, -1};
	struct groups gs;
	struct hl_clockv v[HL_NCLOCKS];
	groups_init(&gs, r->o.by, by_day);
	for (size_t i = 0; i < r->tickets.cap; i++) {
		const struct hl_ticket *t = r->tickets.slot[i];
		if (!t || !in_period(r, t->opened.t))
			continue;
		struct grp *g = group_for(&gs, t);
		if (t->missed) {
			g->missed++;
			hl_clocks(r->cfg, t, r->o.period.to, v, NULL);
			g->returned += v[HL_CLK_CALLBACK].done && v[HL_CLK_CALLBACK].stop <= v[HL_CLK_CALLBACK].due;
			continue;
		}
		g->received++;
		g->calls += is_call(t);
		g->fcr += facts_of(r, t)->fcr;
	}
	sorted_groups(&gs);
	struct hl_tab *tab = hl_doc_table(doc, "来电统计 (calls)");
	key_columns(tab, &gs);
	hl_tab_col(tab, "received", "受理", 1);
	hl_tab_col(tab, "calls", "接听来电", 1);
	hl_tab_col(tab, "missed", "未接", 1);
	hl_tab_col(tab, "loss_rate", "呼损率%", 1);
	hl_tab_col(tab, "returned_in_time", "及时回拨", 1);
	hl_tab_col(tab, "returned_rate", "及时回拨率%", 1);
	hl_tab_col(tab, "first_contact_resolution", "首问解决率%", 1);
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		size_t row = group_row(tab, &gs, g), c = gs.nby;
		num(tab, row, c++, g->received), num(tab, row, c++, g->calls), num(tab, row, c++, g->missed);
		pct(tab, row, c++, g->missed, g->calls + g->missed);
		num(tab, row, c++, g->returned);
		pct(tab, row, c++, g->returned, g->missed);
		pct(tab, row, c++, g->fcr, g->received);
	}
	tab->totals = 1;
	groups_free(&gs);
}

static void weekly_complaints(struct hl_reporter *r, struct hl_doc *doc)
{
	static const int by_dept[] = {HL_BY_DEPT, -1};
	struct groups gs;
	groups_init(&gs, by_dept, by_dept);
	for (size_t i = 0; i < r->tickets.cap; i++) {
		const struct hl_ticket *t = r->tickets.slot[i];
		if (!t || t->missed || t->category != HL_CAT_COMPLAINT)
			continue;
		const struct facts *f = facts_of(r, t);
		int received = in_period(r, t->opened.t);
		if (!received && !f->resolved_in && !unresolved(t))
			continue;
		struct grp *g = group_for(&gs, t);
		if (received) {
			g->received++;
			g->valid += t->verdict == HL_VER_VALID;
			g->invalid += t->verdict == HL_VER_INVALID;
			g->repeat += f->repeat;
		}
		g->resolved += f->resolved_in;
		g->open_end += unresolved(t);
	}
	sorted_groups(&gs);
	struct hl_tab *tab = hl_doc_table(doc, "客户投诉处理周报表 (complaints)");
	key_columns(tab, &gs);
	const char *keys[] = {"complaints", "valid", "invalid", "repeat", "resolved", "open_at_end"};
	const char *labels[] = {"投诉", "有效", "无效", "重复投诉", "办结", "期末未结"};
	for (int k = 0; k < 6; k++)
		hl_tab_col(tab, keys[k], labels[k], 1);
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		size_t row = group_row(tab, &gs, g), c = gs.nby;
		long vals[] = {g->received, g->valid, g->invalid, g->repeat, g->resolved, g->open_end};
		for (int k = 0; k < 6; k++)
			num(tab, row, c++, vals[k]);
	}
	tab->totals = 1;
	groups_free(&gs);
}

/* ---- staff: first contacts, work, breaches, fines (seed 001) ---- */

struct person {
	long first, handled, breaches, late_callbacks, late_tickets, fine;
};

static struct person *person(struct hl_strmap *m, const char *name)
{
	return hl_strmap_put(m, name ? name : "(none)");
}

/* The k-th (0-based) late item's fine: the schedule's last amount goes on. */
static long fine(const int *schedule, size_t n, long k)
{
	return n ? schedule[(size_t)k < n ? (size_t)k : n - 1] : 0;
}

static int by_opened(const void *a, const void *b);

/* The tickets in the order they were opened: fines rise in that order. */
static struct hl_ticket **in_order(const struct hl_reporter *r, size_t *n)
{
	struct hl_ticket **list = hl_xcalloc(r->tickets.n ? r->tickets.n : 1, sizeof *list);
	*n = 0;
	for (size_t i = 0; i < r->tickets.cap; i++)
		if (r->tickets.slot[i])
			list[(*n)++] = r->tickets.slot[i];
	if (*n)
		qsort(list, *n, sizeof *list, by_opened);
	return list;
}

static void staff(struct hl_reporter *r, struct hl_doc *doc)
{
	struct hl_strmap people;
	const struct hl_penalties *pen = &r->cfg->penalties;
	size_t nt;
	struct hl_ticket **order = in_order(r, &nt);
	hl_strmap_init(&people, sizeof(struct person));
	for (size_t i = 0; i < nt; i++) {
		const struct hl_ticket *t = order[i];
		struct grp scratch = {0};
		if (in_period(r, t->opened.t) && !t->missed)
			person(&people, t->opener)->first++;
		if (facts_of(r, t)->resolved_in && t->assignee)
			person(&people, t->assignee)->handled++;
		int late = judge(r, t, &scratch, 0);
		if (!late)
			continue;
		/* a late call-back is the first contact's; other clocks the assignee's */
		struct person *p = person(&people, t->missed ? t->opener : t->assignee ? t->assignee : t->opener);
		p->breaches += late;
		if (t->missed) {
			p->fine += fine(pen->callback, pen->ncallback, p->late_callbacks++);
		} else {
			long f = fine(pen->ticket, pen->nticket, p->late_tickets++);
			p->fine += facts_of(r, t)->repeat && pen->repeat_factor ? f * pen->repeat_factor : f;
		}
	}
	struct hl_tab *tab = hl_doc_table(doc, "人员统计");
	hl_tab_col(tab, "person", "人员", 0);
	hl_tab_col(tab, "first_contacts", "首问受理", 1);
	hl_tab_col(tab, "handled", "办结", 1);
	hl_tab_col(tab, "breaches", "超时", 1);
	hl_tab_col(tab, "late_callbacks", "回拨超时", 1);
	int fines = pen->ncallback || pen->nticket;
	if (fines)
		hl_tab_col(tab, "penalty", "扣罚(元)", 1);
	struct person total = {0};
	char **names = hl_xcalloc(people.n ? people.n : 1, sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < people.cap; i++)
		if (people.key[i])
			names[n++] = people.key[i];
	for (size_t i = 1; i < n; i++) /* insertion sort: a staff list is short */
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *x = names[j];
			names[j] = names[j - 1], names[j - 1] = x;
		}
	for (size_t i = 0; i <= n; i++) {
		const struct person *p = i < n ? hl_strmap_get(&people, names[i]) : &total;
		size_t row = hl_tab_row(tab);
		hl_tab_set(tab, row, 0, i < n ? names[i] : "合计");
		num(tab, row, 1, p->first), num(tab, row, 2, p->handled), num(tab, row, 3, p->breaches);
		num(tab, row, 4, p->late_callbacks);
		if (fines)
			num(tab, row, 5, p->fine);
		total.first += p->first, total.handled += p->handled, total.breaches += p->breaches;
		total.late_callbacks += p->late_callbacks, total.fine += p->fine;
	}
	tab->totals = 1;
	free(names);
	free(order);
	hl_strmap_free(&people);
}

/* ---- tickets and a caller's history ---- */

static int by_opened(const void *a, const void *b)
{
	const struct hl_ticket *x = *(struct hl_ticket *const *)a, *y = *(struct hl_ticket *const *)b;
	return x->opened.t != y->opened.t ? (x->opened.t > y->opened.t) - (x->opened.t < y->opened.t)
					  : strcmp(x->id, y->id);
}

static int listed(const struct hl_reporter *r, const struct hl_ticket *t)
{
	const struct hl_report_opts *o = &r->o;
	if (o->kind == HL_REP_CALLER)
		return 1;
	if (!in_period(r, t->opened.t) || (o->open_only && !unresolved(t) && t->state != HL_ST_MISSED))
		return 0;
	if (o->dept && (!t->dept || !hl_streq(o->dept, t->dept)))
		return 0;
	return !o->category || (int)t->category == o->category;
}

static void clock_cell(const struct hl_clockv *v, int64_t end, struct hl_buf *out)
{
	if (!v->runs)
		return;
	if (v->done && v->stop <= v->due) {
		hl_buf_adds(out, "met");
	} else if (v->done || v->due < end) {
		hl_buf_adds(out, "late ");
		hl_span_format((v->done ? v->stop : end) - v->due, out);
	} else {
		hl_buf_adds(out, "due ");
		hl_short_time(v->due, out);
	}
}

static void ticket_row(struct hl_reporter *r, struct hl_tab *tab, const struct hl_ticket *t)
{
	struct hl_buf b = {0};
	struct hl_clockv v[HL_NCLOCKS];
	size_t row = hl_tab_row(tab), c = 0;
	int caller = r->o.kind == HL_REP_CALLER;
	hl_tab_set(tab, row, c++, t->id);
	local_stamp(t->opened.t, &b);
	hl_tab_set(tab, row, c++, b.s);
	hl_tab_set(tab, row, c++, t->missed ? "missed" : hl_vocab_name(&hl_categories, t->category));
	if (!caller) {
		hl_tab_set(tab, row, c++, hl_vocab_name(&hl_priorities, t->priority));
		hl_buf_clear(&b);
		if (t->phone && !r->o.reveal_phones)
			hl_mask_phone(t->phone, &b);
		hl_tab_set(tab, row, c++, t->phone && r->o.reveal_phones ? t->phone : b.s);
	}
	hl_tab_set(tab, row, c++, hl_vocab_name(&hl_channels, t->channel));
	hl_tab_set(tab, row, c++, t->place);
	hl_tab_set(tab, row, c++, t->dept);
	hl_tab_set(tab, row, c++, t->assignee);
	hl_tab_set(tab, row, c++, hl_state_name(t->state));
	hl_buf_clear(&b);
	if (t->resolved.t && !unresolved(t))
		local_stamp(t->resolved.t, &b);
	hl_tab_set(tab, row, c++, b.s);
	hl_tab_set(tab, row, c++, hl_vocab_name(&hl_verdicts, t->verdict));
	if (t->followups)
		num(tab, row, c, t->last_score);
	c++;
	if (caller) {
		hl_tab_set(tab, row, c++, t->text);
	} else {
		hl_clocks(r->cfg, t, r->o.period.to, v, NULL);
		int64_t end = r->o.period.to;
		for (int k = 0; k < HL_NCLOCKS; k++) {
			hl_buf_clear(&b);
			clock_cell(&v[k], end, &b);
			hl_tab_set(tab, row, c++, b.s);
		}
	}
	hl_buf_free(&b);
}

static void tickets(struct hl_reporter *r, struct hl_doc *doc)
{
	int caller = r->o.kind == HL_REP_CALLER;
	struct hl_tab *tab = hl_doc_table(doc, caller ? "客户档案" : "工单");
	hl_tab_col(tab, "ticket", "工单", 0);
	hl_tab_col(tab, "opened", "受理时间", 0);
	hl_tab_col(tab, "category", "类别", 0);
	if (!caller) {
		hl_tab_col(tab, "priority", "优先级", 0);
		hl_tab_col(tab, "phone", "电话", 0);
	}
	const char *keys[] = {"channel", "place", "dept", "assignee", "state", "resolved", "verdict"};
	const char *labels[] = {"渠道", "地点", "部门", "承办人", "状态", "办结时间", "结论"};
	for (int k = 0; k < 7; k++)
		hl_tab_col(tab, keys[k], labels[k], 0);
	hl_tab_col(tab, "score", "满意度", 1);
	if (caller)
		hl_tab_col(tab, "text", "内容", 0);
	for (int k = 0; !caller && k < HL_NCLOCKS; k++)
		hl_tab_col(tab, hl_clock_names[k], hl_clock_names[k], 0);
	size_t n;
	struct hl_ticket **list = in_order(r, &n);
	for (size_t i = 0; i < n; i++)
		if (listed(r, list[i]))
			ticket_row(r, tab, list[i]);
	free(list);
	if (!caller)
		drop_empty(tab, tab->ncols - HL_NCLOCKS);
}

void hl_reporter_build(struct hl_reporter *r, struct hl_doc *doc)
{
	static const char *const titles[] = {"热线工作分析表 (monthly)", "热线周报 (weekly)",
					     "人员统计 (staff)", "工单明细 (tickets)", "客户档案 (caller)"};
	doc->title = hl_xstrdup(titles[r->o.kind]);
	doc->period = hl_xstrdup(r->o.period.label);
	if (r->o.kind == HL_REP_CALLER) {
		/* whose history: in the title, masked like every phone */
		struct hl_buf t = {0};
		hl_buf_printf(&t, "%s ", doc->title);
		if (r->o.reveal_phones)
			hl_buf_adds(&t, r->o.phone);
		else
			hl_mask_phone(r->o.phone, &t);
		free(doc->title);
		doc->title = t.s;
	}
	switch (r->o.kind) {
	case HL_REP_MONTHLY: monthly(r, doc); break;
	case HL_REP_WEEKLY: weekly_calls(r, doc), weekly_complaints(r, doc); break;
	case HL_REP_STAFF: staff(r, doc); break;
	default: tickets(r, doc); break;
	}
}
