/* report_counts.c - the count reports: the monthly analysis table and the
 * weekly figures, grouped by department or --by keys, with a totals row */
#include <stdlib.h>
#include <string.h>

#include "rules/clocks.h"
#include "report/reportint.h"
#include "hl/i18n.h"
#include "hl/strmap.h"
#include "model/words.h"

/* ---- groups ---- */

struct grp {
	char **keys;
	long received, cat[HL_NCATS], valid, invalid, adopted, resolved, open_end;
	long followups, good, satisfied, repeat, calls, missed, returned, fcr;
	long extended, supervised, rejected;  /* 延期, 督办, 审核驳回 */
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
	const struct hl_config *cfg;  /* the second levels' labels */
};

static struct grp *group_for(struct groups *gs, const struct hl_ticket *t)
{
	struct hl_buf joined = {0}, v = {0};
	for (size_t k = 0; k < gs->nby; k++) {
		hl_buf_clear(&v);
		hl_rep_group_value(gs->cfg, t, gs->by[k], &v);
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
			hl_rep_group_value(gs->cfg, t, gs->by[k], &v);
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

static void groups_init(struct groups *gs, const struct hl_reporter *r, const int *by,
			const int *fallback)
{
	memset(gs, 0, sizeof *gs);
	gs->cfg = r->cfg;
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
		t.keys[k] = hl_xstrdup(k ? "" : _("Total"));
	for (size_t i = 0; i < gs->n; i++) {
		struct grp *g = &gs->g[i];
		t.received += g->received, t.valid += g->valid, t.invalid += g->invalid;
		t.adopted += g->adopted, t.resolved += g->resolved, t.open_end += g->open_end;
		t.followups += g->followups, t.good += g->good, t.repeat += g->repeat;
		t.satisfied += g->satisfied;
		t.calls += g->calls, t.missed += g->missed, t.returned += g->returned, t.fcr += g->fcr;
		t.extended += g->extended, t.supervised += g->supervised, t.rejected += g->rejected;
		for (int c = 0; c < HL_NCATS; c++)
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

static void key_columns(struct hl_tab *tab, const struct groups *gs)
{
	for (size_t k = 0; k < gs->nby; k++)
		hl_tab_col(tab, hl_rep_by_names[gs->by[k]], _(hl_rep_by_labels[gs->by[k]]),
			   gs->by[k] == HL_BY_DAY ? HL_CELL_TIME : HL_CELL_TEXT);
}

static size_t group_row(struct hl_tab *tab, const struct groups *gs, const struct grp *g)
{
	size_t row = hl_tab_row(tab);
	for (size_t k = 0; k < gs->nby; k++)
		hl_tab_set(tab, row, k, g->keys[k]);
	return row;
}

/* ---- monthly: the hotline analysis table (the sales office's hotline rules) ---- */

static const char *const cat_keys[HL_NCATS] = {"", "consult", "complaint", "suggestion", "booking",
					       "emergency", "help", "repair", "report", "praise",
					       "other"};
static const char *const clock_labels[] = {N_("Assign on time %"), N_("Ack on time %"),
					   N_("Reply on time %"), N_("Arrive on time %"),
					   N_("Update on time %"), N_("Resolve on time %"),
					   N_("Follow-up on time %"), N_("Call-back on time %"),
					   N_("Supervision answered on time %")};

static void count_monthly(const struct hl_reporter *r, struct groups *gs)
{
	for (size_t i = 0; i < r->tickets.cap; i++) {
		const struct hl_ticket *t = r->tickets.slot[i].t;
		if (!t || t->missed)
			continue;
		const struct hl_facts *f = hl_rep_facts(r, t);
		int received = hl_rep_in_period(r, t->opened.t);
		if (!received && !f->resolved_in && !f->followups && !hl_rep_unresolved(t))
			continue;
		struct grp *g = group_for(gs, t);
		if (received) {
			g->received++;
			g->cat[t->category]++;
			g->valid += t->category == HL_CAT_COMPLAINT && t->verdict == HL_VER_VALID;
			g->invalid += t->category == HL_CAT_COMPLAINT && t->verdict == HL_VER_INVALID;
			g->adopted += t->category == HL_CAT_SUGGESTION && t->verdict == HL_VER_ADOPTED;
			g->repeat += f->repeat;
			hl_rep_judge(r, t, g->met, g->late, 1);
			g->extended += hl_rep_extended(r, t, 1);
			g->supervised += t->supervisions > 0;
			g->rejected += t->rejects;
		}
		if (f->resolved_in) {
			g->resolved++;
			g->durs = hl_xreallocarray(g->durs, g->ndurs + 1, sizeof *g->durs);
			g->durs[g->ndurs++] = f->resolve_secs;
		}
		g->open_end += hl_rep_unresolved(t);
		g->followups += f->followups;
		g->good += f->good;
		g->satisfied += f->satisfied;
	}
}

static void monthly_row(struct hl_tab *tab, const struct groups *gs, struct grp *g)
{
	size_t row = group_row(tab, gs, g), c = gs->nby;
	long met = 0, late = 0;
	hl_rep_num(tab, row, c++, g->received);
	for (int k = 1; k < HL_NCATS; k++)
		hl_rep_num(tab, row, c++, g->cat[k]);
	hl_rep_num(tab, row, c++, g->valid), hl_rep_num(tab, row, c++, g->invalid), hl_rep_num(tab, row, c++, g->adopted);
	hl_rep_num(tab, row, c++, g->resolved), hl_rep_num(tab, row, c++, g->open_end);
	for (int k = 0; k < HL_NCLOCKS; k++)
		met += g->met[k], late += g->late[k];
	hl_rep_pct(tab, row, c++, met, met + late);
	for (int k = 0; k < HL_NCLOCKS; k++)
		hl_rep_pct(tab, row, c++, g->met[k], g->met[k] + g->late[k]);
	if (g->ndurs) {
		qsort(g->durs, g->ndurs, sizeof *g->durs, cmp_i64);
		int64_t m = g->ndurs % 2 ? g->durs[g->ndurs / 2]
					 : (g->durs[g->ndurs / 2 - 1] + g->durs[g->ndurs / 2]) / 2;
		hl_tab_setf(tab, row, c, "%lld", (long long)m);
	}
	c++;
	hl_rep_num(tab, row, c++, g->followups);
	hl_rep_pct(tab, row, c++, g->good, g->followups);
	hl_rep_pct(tab, row, c++, g->satisfied, g->followups);
	hl_rep_num(tab, row, c++, g->repeat);
	hl_rep_num(tab, row, c++, g->extended);
	hl_rep_num(tab, row, c++, g->supervised);
	hl_rep_num(tab, row, c++, g->rejected);
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
			hl_chart_add_n(ch, name, 100.0 * (double)met / (double)(met + late), met + late);
		else if (what == 2 && g->followups)
			hl_chart_add_n(ch, name, 100.0 * (double)g->good / (double)g->followups, g->followups);
	}
}

static void monthly_charts(struct hl_doc *doc, const struct groups *gs)
{
	group_chart(doc, gs, _("Volume"), 0);
	struct hl_chart *cat = hl_doc_chart(doc, _("By category"), 0);
	const struct grp *tot = &gs->g[gs->n - 1];
	for (int k = 1; k < HL_NCATS; k++)
		if (tot->cat[k])
			hl_chart_add(cat, hl_word_label(&hl_categories, k), (double)tot->cat[k]);
	group_chart(doc, gs, _("On time"), 1);
	group_chart(doc, gs, _("Satisfaction"), 2);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 退单: the dispatches sent back in the period, by the department that
 * sent each back and the routing rule that had sent it there (none: by
 * hand). Only when there were any. */
static void monthly_returns(struct hl_reporter *r, struct hl_doc *doc)
{
	struct hl_strmap by = {0}, *m = &by;
	const struct hl_strmap *each = &r->returns;
	hl_strmap_init(&by, sizeof(long));
	/* each ticket's returns by department and rule; a void ticket's
	 * (no longer among the tickets) are in no count */
	for (size_t i = 0; i < each->cap; i++) {
		const char *k = each->key[i], *id = k ? strrchr(k, '\x1f') : NULL;
		if (!id || !hl_tickets_get(&r->tickets, id + 1))
			continue;
		struct hl_buf key = {0};
		hl_buf_add(&key, k, (size_t)(id - k));
		*(long *)hl_strmap_put(&by, key.s) += *(const long *)hl_strmap_get(each, k);
		hl_buf_free(&key);
	}
	if (!m->n) {
		hl_strmap_free(&by);
		return;
	}
	char **keys = hl_xcalloc(m->n, sizeof *keys);
	size_t n = 0;
	long total = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->key[i])
			keys[n++] = m->key[i];
	qsort(keys, n, sizeof *keys, by_str);
	struct hl_tab *tab = hl_doc_table(doc, _("Returned tickets"));
	hl_tab_col(tab, "dept", _("Department"), HL_CELL_TEXT);
	hl_tab_col(tab, "rule", _("Routing rule"), HL_CELL_TEXT);
	hl_tab_col(tab, "returns", _("Returns"), HL_CELL_COUNT);
	for (size_t i = 0; i < n; i++) {
		const char *sep = strchr(keys[i], '\x1f');
		long v = *(long *)hl_strmap_get(m, keys[i]);
		size_t row = hl_tab_row(tab);
		struct hl_buf dept = {0};
		hl_buf_add(&dept, keys[i], (size_t)(sep - keys[i]));
		hl_tab_set(tab, row, 0, dept.len ? dept.s : _("(not dispatched)"));
		hl_tab_set(tab, row, 1, sep[1] ? sep + 1 : _("(by hand)"));
		hl_rep_num(tab, row, 2, v);
		total += v;
		hl_buf_free(&dept);
	}
	size_t row = hl_tab_row(tab);
	hl_tab_set(tab, row, 0, _("Total"));
	hl_rep_num(tab, row, 2, total);
	tab->totals = 1;
	free(keys);
	hl_strmap_free(&by);
}

void hl_report_monthly(struct hl_reporter *r, struct hl_doc *doc)
{
	static const int by_dept[] = {HL_BY_DEPT, -1};
	struct groups gs;
	groups_init(&gs, r, r->o.by, by_dept);
	count_monthly(r, &gs);
	sorted_groups(&gs);
	struct hl_tab *tab = hl_doc_table(doc, _("Hotline work analysis"));
	key_columns(tab, &gs);
	hl_tab_col(tab, "received", _("Received"), HL_CELL_COUNT);
	for (int k = 1; k < HL_NCATS; k++)
		hl_tab_col(tab, cat_keys[k], hl_word_label(&hl_categories, k), HL_CELL_COUNT);
	hl_tab_col(tab, "valid", _("Valid complaints"), HL_CELL_COUNT);
	hl_tab_col(tab, "invalid", _("Invalid complaints"), HL_CELL_COUNT);
	hl_tab_col(tab, "adopted", _("Suggestions adopted"), HL_CELL_COUNT);
	hl_tab_col(tab, "resolved", _("Resolved"), HL_CELL_COUNT);
	hl_tab_col(tab, "open_at_end", _("Open at end"), HL_CELL_COUNT);
	hl_tab_col(tab, "sla_met", _("On time %"), HL_CELL_RATE);
	size_t first = tab->ncols; /* the clocks' columns */
	for (int k = 0; k < HL_NCLOCKS; k++) {
		struct hl_buf key = {0};
		hl_buf_printf(&key, "%s_met", hl_clock_names[k]);
		hl_tab_col(tab, key.s, _(clock_labels[k]), HL_CELL_RATE);
		hl_buf_free(&key);
	}
	hl_tab_col(tab, "median_resolve_hours", _("Median time to resolve"), HL_CELL_DURATION);
	hl_tab_col(tab, "followups", _("Follow-ups"), HL_CELL_COUNT);
	hl_tab_col(tab, "satisfaction", _("Satisfaction %"), HL_CELL_RATE);
	hl_tab_col(tab, "satisfied", _("Satisfied %"), HL_CELL_RATE);
	hl_tab_col(tab, "repeat_complaints", _("Repeat complaints"), HL_CELL_COUNT);
	size_t steps = tab->ncols; /* the steps that act on the clocks */
	hl_tab_col(tab, "extended", _("Extended"), HL_CELL_COUNT);
	hl_tab_col(tab, "supervised", _("Supervised"), HL_CELL_COUNT);
	hl_tab_col(tab, "review_rejected", _("Rejected in review"), HL_CELL_COUNT);
	for (size_t i = 0; i < gs.n; i++)
		monthly_row(tab, &gs, &gs.g[i]);
	tab->totals = 1;
	/* those only where a hotline has them: the totals row's zeros */
	const struct grp *all = &gs.g[gs.n - 1];
	long step_totals[] = {all->extended, all->supervised, all->rejected};
	for (size_t k = 3; k-- > 0;)
		if (!step_totals[k])
			hl_tab_drop(tab, steps + k);
	/* per-clock columns no ticket ran */
	for (size_t c = first + HL_NCLOCKS; c-- > first;) {
		int empty = 1;
		for (size_t row = 0; empty && row < tab->nrows; row++)
			empty = !*tab->cell[row * tab->ncols + c];
		if (empty)
			hl_tab_drop(tab, c);
	}
	/* the 12345 rules' categories only where a hotline has them */
	struct grp tot = {0};
	for (size_t i = 0; i < gs.n; i++)
		for (int k = HL_CAT_REPAIR + 1; k < HL_NCATS; k++)
			tot.cat[k] += gs.g[i].cat[k];
	for (int k = HL_NCATS; k-- > HL_CAT_REPAIR + 1;)
		if (!tot.cat[k])
			hl_tab_drop(tab, gs.nby + (size_t)k);
	monthly_charts(doc, &gs);
	groups_free(&gs);
	monthly_returns(r, doc);
}

/* ---- weekly: calls and the complaint table (the 400-line rules; the customer-service rules) ---- */

static int is_call(const struct hl_ticket *t)
{
	return !t->channel || t->channel == HL_CH_PHONE || t->channel == HL_CH_HOTLINE400;
}

static void weekly_calls(struct hl_reporter *r, struct hl_doc *doc)
{
	static const int by_day[] = {HL_BY_DAY, -1};
	struct groups gs;
	struct hl_clockv v[HL_NCLOCKS];
	groups_init(&gs, r, r->o.by, by_day);
	for (size_t i = 0; i < r->tickets.cap; i++) {
		const struct hl_ticket *t = r->tickets.slot[i].t;
		if (!t || !hl_rep_in_period(r, t->opened.t))
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
		g->fcr += hl_rep_facts(r, t)->fcr;
	}
	sorted_groups(&gs);
	struct hl_tab *tab = hl_doc_table(doc, _("Calls"));
	key_columns(tab, &gs);
	hl_tab_col(tab, "received", _("Received"), HL_CELL_COUNT);
	hl_tab_col(tab, "calls", _("Calls answered"), HL_CELL_COUNT);
	hl_tab_col(tab, "missed", _("Missed"), HL_CELL_COUNT);
	hl_tab_col(tab, "loss_rate", _("Loss rate %"), HL_CELL_RATE);
	hl_tab_col(tab, "returned_in_time", _("Called back in time"), HL_CELL_COUNT);
	hl_tab_col(tab, "returned_rate", _("Called back in time %"), HL_CELL_RATE);
	hl_tab_col(tab, "first_contact_resolution", _("First contact resolution %"), HL_CELL_RATE);
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		size_t row = group_row(tab, &gs, g), c = gs.nby;
		hl_rep_num(tab, row, c++, g->received), hl_rep_num(tab, row, c++, g->calls), hl_rep_num(tab, row, c++, g->missed);
		hl_rep_pct(tab, row, c++, g->missed, g->calls + g->missed);
		hl_rep_num(tab, row, c++, g->returned);
		hl_rep_pct(tab, row, c++, g->returned, g->missed);
		hl_rep_pct(tab, row, c++, g->fcr, g->received);
	}
	tab->totals = 1;
	groups_free(&gs);
}

static void weekly_complaints(struct hl_reporter *r, struct hl_doc *doc)
{
	static const int by_dept[] = {HL_BY_DEPT, -1};
	struct groups gs;
	groups_init(&gs, r, by_dept, by_dept);
	for (size_t i = 0; i < r->tickets.cap; i++) {
		const struct hl_ticket *t = r->tickets.slot[i].t;
		if (!t || t->missed || t->category != HL_CAT_COMPLAINT)
			continue;
		const struct hl_facts *f = hl_rep_facts(r, t);
		int received = hl_rep_in_period(r, t->opened.t);
		if (!received && !f->resolved_in && !hl_rep_unresolved(t))
			continue;
		struct grp *g = group_for(&gs, t);
		if (received) {
			g->received++;
			g->valid += t->verdict == HL_VER_VALID;
			g->invalid += t->verdict == HL_VER_INVALID;
			g->repeat += f->repeat;
		}
		g->resolved += f->resolved_in;
		g->open_end += hl_rep_unresolved(t);
	}
	sorted_groups(&gs);
	struct hl_tab *tab = hl_doc_table(doc, _("Complaints handled this week"));
	key_columns(tab, &gs);
	const char *keys[] = {"complaints", "valid", "invalid", "repeat", "resolved", "open_at_end"};
	const char *labels[] = {N_("Complaints"), N_("Valid"), N_("Invalid"), N_("Repeat complaints"),
				N_("Resolved"), N_("Open at end")};
	for (int k = 0; k < 6; k++)
		hl_tab_col(tab, keys[k], _(labels[k]), HL_CELL_COUNT);
	for (size_t i = 0; i < gs.n; i++) {
		struct grp *g = &gs.g[i];
		size_t row = group_row(tab, &gs, g), c = gs.nby;
		long vals[] = {g->received, g->valid, g->invalid, g->repeat, g->resolved, g->open_end};
		for (int k = 0; k < 6; k++)
			hl_rep_num(tab, row, c++, vals[k]);
	}
	tab->totals = 1;
	groups_free(&gs);
}

void hl_report_weekly(struct hl_reporter *r, struct hl_doc *doc)
{
	weekly_calls(r, doc);
	hl_report_calls_summary(r, doc);
	weekly_complaints(r, doc);
}
