/* report_counts.c - the count reports: the monthly analysis table and the
 * weekly figures, grouped by department or --by keys, with a totals row */
#include <stdlib.h>
#include <string.h>

#include "rules/clocks.h"
#include "report/reportint.h"
#include "hl/strmap.h"

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
		hl_rep_group_value(t, gs->by[k], &v);
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
			hl_rep_group_value(t, gs->by[k], &v);
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

static void key_columns(struct hl_tab *tab, const struct groups *gs)
{
	for (size_t k = 0; k < gs->nby; k++)
		hl_tab_col(tab, hl_rep_by_names[gs->by[k]], hl_rep_by_labels[gs->by[k]],
			   gs->by[k] == HL_BY_DAY ? HL_CELL_TIME : HL_CELL_TEXT);
}

static size_t group_row(struct hl_tab *tab, const struct groups *gs, const struct grp *g)
{
	size_t row = hl_tab_row(tab);
	for (size_t k = 0; k < gs->nby; k++)
		hl_tab_set(tab, row, k, g->keys[k]);
	return row;
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
		}
		if (f->resolved_in) {
			g->resolved++;
			g->durs = hl_xreallocarray(g->durs, g->ndurs + 1, sizeof *g->durs);
			g->durs[g->ndurs++] = f->resolve_secs;
		}
		g->open_end += hl_rep_unresolved(t);
		g->followups += f->followups;
		g->good += f->good;
	}
}

static void monthly_row(struct hl_tab *tab, const struct groups *gs, struct grp *g)
{
	size_t row = group_row(tab, gs, g), c = gs->nby;
	long met = 0, late = 0;
	hl_rep_num(tab, row, c++, g->received);
	for (int k = 1; k < 8; k++)
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
	hl_rep_num(tab, row, c++, g->repeat);
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
	group_chart(doc, gs, "受理量 (volume)", 0);
	struct hl_chart *cat = hl_doc_chart(doc, "类别 (by category)", 0);
	const struct grp *tot = &gs->g[gs->n - 1];
	for (int k = 1; k < 8; k++)
		if (tot->cat[k])
			hl_chart_add(cat, cat_labels[k], (double)tot->cat[k]);
	group_chart(doc, gs, "按时率 (SLA met)", 1);
	group_chart(doc, gs, "满意率 (satisfaction)", 2);
}

void hl_report_monthly(struct hl_reporter *r, struct hl_doc *doc)
{
	static const int by_dept[] = {HL_BY_DEPT, -1};
	struct groups gs;
	groups_init(&gs, r->o.by, by_dept);
	count_monthly(r, &gs);
	sorted_groups(&gs);
	struct hl_tab *tab = hl_doc_table(doc, "热线工作分析表");
	key_columns(tab, &gs);
	hl_tab_col(tab, "received", "受理", HL_CELL_COUNT);
	for (int k = 1; k < 8; k++)
		hl_tab_col(tab, cat_keys[k], cat_labels[k], HL_CELL_COUNT);
	hl_tab_col(tab, "valid", "有效投诉", HL_CELL_COUNT);
	hl_tab_col(tab, "invalid", "无效投诉", HL_CELL_COUNT);
	hl_tab_col(tab, "adopted", "建议采纳", HL_CELL_COUNT);
	hl_tab_col(tab, "resolved", "办结", HL_CELL_COUNT);
	hl_tab_col(tab, "open_at_end", "期末未结", HL_CELL_COUNT);
	hl_tab_col(tab, "sla_met", "按时率%", HL_CELL_RATE);
	for (int k = 0; k < HL_NCLOCKS; k++) {
		struct hl_buf key = {0};
		hl_buf_printf(&key, "%s_met", hl_clock_names[k]);
		hl_tab_col(tab, key.s, clock_labels[k], HL_CELL_RATE);
		hl_buf_free(&key);
	}
	hl_tab_col(tab, "median_resolve_hours", "办结时长中位", HL_CELL_DURATION);
	hl_tab_col(tab, "followups", "回访", HL_CELL_COUNT);
	hl_tab_col(tab, "satisfaction", "满意率%", HL_CELL_RATE);
	hl_tab_col(tab, "repeat_complaints", "重复投诉", HL_CELL_COUNT);
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
	struct hl_tab *tab = hl_doc_table(doc, "来电统计 (calls)");
	key_columns(tab, &gs);
	hl_tab_col(tab, "received", "受理", HL_CELL_COUNT);
	hl_tab_col(tab, "calls", "接听来电", HL_CELL_COUNT);
	hl_tab_col(tab, "missed", "未接", HL_CELL_COUNT);
	hl_tab_col(tab, "loss_rate", "呼损率%", HL_CELL_RATE);
	hl_tab_col(tab, "returned_in_time", "及时回拨", HL_CELL_COUNT);
	hl_tab_col(tab, "returned_rate", "及时回拨率%", HL_CELL_RATE);
	hl_tab_col(tab, "first_contact_resolution", "首问解决率%", HL_CELL_RATE);
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
	groups_init(&gs, by_dept, by_dept);
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
	struct hl_tab *tab = hl_doc_table(doc, "客户投诉处理周报表 (complaints)");
	key_columns(tab, &gs);
	const char *keys[] = {"complaints", "valid", "invalid", "repeat", "resolved", "open_at_end"};
	const char *labels[] = {"投诉", "有效", "无效", "重复投诉", "办结", "期末未结"};
	for (int k = 0; k < 6; k++)
		hl_tab_col(tab, keys[k], labels[k], HL_CELL_COUNT);
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
