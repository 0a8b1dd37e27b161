/* report_calls.c - the phone queue report: offered, answered, abandoned,
 * speed of answer and service level per queue, hour of day and agent,
 * and whether the missed calls were called back in time */
#include <stdlib.h>
#include <string.h>

#include "rules/clocks.h"
#include "report/reportint.h"
#include "hl/i18n.h"

/* Each missed-call ticket's call-back, judged at the period's end. */
static void judge_callbacks(struct hl_reporter *r)
{
	struct hl_callstats *cs = &r->calls;
	struct hl_clockv v[HL_NCLOCKS];
	for (size_t i = 0; i < cs->missed.cap; i++) {
		const char *id = cs->missed.key[i];
		const struct hl_ticket *t = id ? hl_tickets_get(&r->tickets, id) : NULL;
		if (!t)
			continue;
		size_t queue = *(size_t *)((char *)cs->missed.val + i * cs->missed.size) - 1;
		hl_clocks(r->cfg, t, r->o.period.to, v, NULL);
		const struct hl_clockv *cb = &v[HL_CLK_CALLBACK];
		enum hl_callback_state s = HL_BACK_PENDING;
		if (cb->runs && cb->done)
			s = cb->stop <= cb->due ? HL_BACK_IN_TIME : HL_BACK_LATE;
		else if (cb->runs && cb->due < r->o.period.to)
			s = HL_BACK_LATE;
		hl_callstats_callback(cs, queue, s);
	}
}

static void avg(struct hl_tab *t, size_t row, size_t col, int64_t sum, long n)
{
	if (n)
		hl_tab_setf(t, row, col, "%.1f", (double)sum / (double)n);
}

enum { Q_MISSED = 1, Q_AGENT = 2 };

static void stat_columns(struct hl_tab *tab, unsigned what)
{
	if (what & Q_AGENT) {
		hl_tab_col(tab, "answered", _("Answered"), HL_CELL_COUNT);
		hl_tab_col(tab, "share", _("Share %"), HL_CELL_RATE);
		hl_tab_col(tab, "asa_seconds", _("Average answer (s)"), HL_CELL_DECIMAL);
		hl_tab_col(tab, "talk_minutes", _("Talk (min)"), HL_CELL_DECIMAL);
		hl_tab_col(tab, "average_talk_seconds", _("Average talk (s)"), HL_CELL_DECIMAL);
		return;
	}
	static const char *const keys[] = {
		"offered", "answered", "abandoned", "short_abandoned", "unanswered_other",
		"abandon_rate", "loss_rate", "asa_seconds", "average_talk_seconds",
		"service_level", "service_level_with_abandons", "wait_unknown"};
	static const char *const labels[] = {
		N_("Offered"), N_("Answered"), N_("Abandoned"), N_("Short abandoned"),
		N_("Other unanswered"), N_("Abandon rate %"), N_("Loss rate %"),
		N_("Average answer (s)"), N_("Average talk (s)"), N_("Service level %"),
		N_("Service level with abandoned %"), N_("Wait unknown")};
	static const enum hl_cell_type types[] = {
		HL_CELL_COUNT, HL_CELL_COUNT, HL_CELL_COUNT, HL_CELL_COUNT, HL_CELL_COUNT,
		HL_CELL_RATE, HL_CELL_RATE, HL_CELL_DECIMAL, HL_CELL_DECIMAL, HL_CELL_RATE, HL_CELL_RATE,
		HL_CELL_COUNT};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		hl_tab_col(tab, keys[k], _(labels[k]), types[k]);
	if (what & Q_MISSED) {
		hl_tab_col(tab, "missed_tickets", _("Missed-call tickets"), HL_CELL_COUNT);
		hl_tab_col(tab, "called_back_in_time", _("Called back in time"), HL_CELL_COUNT);
		hl_tab_col(tab, "called_back_late", _("Called back late"), HL_CELL_COUNT);
		hl_tab_col(tab, "callback_pending", _("Call-back pending"), HL_CELL_COUNT);
		hl_tab_col(tab, "callback_in_time_rate", _("Called back in time %"), HL_CELL_RATE);
		hl_tab_col(tab, "missed_no_number", _("Missed, no number"), HL_CELL_COUNT);
		hl_tab_col(tab, "misdials_no_ticket", _("Misdials, no ticket"), HL_CELL_COUNT);
	}
}

static void stat_row(struct hl_tab *tab, size_t row, size_t c, const struct hl_qstat *q,
		     unsigned what, long all_answered)
{
	if (what & Q_AGENT) {
		hl_rep_num(tab, row, c++, q->answered);
		hl_rep_pct(tab, row, c++, q->answered, all_answered);
		avg(tab, row, c++, q->wait_answered, q->answered_timed);
		hl_tab_setf(tab, row, c++, "%.1f", (double)q->talk / 60.0);
		avg(tab, row, c++, q->talk, q->answered);
		return;
	}
	long counts[] = {q->offered, q->answered, q->abandoned, q->short_abandoned, q->other};
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
		hl_rep_num(tab, row, c++, counts[k]);
	hl_rep_pct(tab, row, c++, q->abandoned, q->offered);
	hl_rep_pct(tab, row, c++, q->abandoned + q->other, q->offered);
	avg(tab, row, c++, q->wait_answered, q->answered_timed);
	avg(tab, row, c++, q->talk, q->answered);
	hl_rep_pct(tab, row, c++, q->answered_in_sl, q->answered_timed);
	hl_rep_pct(tab, row, c++, q->answered_in_sl + q->abandoned_in_sl, q->offered - q->wait_unknown);
	hl_rep_num(tab, row, c++, q->wait_unknown);
	if (what & Q_MISSED) {
		long m[] = {q->missed, q->back_in_time, q->back_late, q->back_pending};
		for (size_t k = 0; k < sizeof m / sizeof m[0]; k++)
			hl_rep_num(tab, row, c++, m[k]);
		hl_rep_pct(tab, row, c++, q->back_in_time, q->missed);
		hl_rep_num(tab, row, c++, q->no_number);
		hl_rep_num(tab, row, c++, q->misdials);
	}
}

static int by_name(const void *a, const void *b, void *names)
{
	char **n = names;
	return strcmp(n[*(const size_t *)a], n[*(const size_t *)b]);
}

/* One row per name (sorted), then the total; calls of no queue (agent)
 * in the row none. */
static void group_table(struct hl_tab *tab, const struct hl_qgroup *g, const struct hl_qstat *total,
			unsigned what, const char *none)
{
	size_t *order = hl_xcalloc(g->n ? g->n : 1, sizeof *order);
	for (size_t i = 0; i < g->n; i++)
		order[i] = i;
	qsort_r(order, g->n, sizeof *order, by_name, g->name);
	for (size_t i = 0; i < g->n; i++) {
		size_t row = hl_tab_row(tab);
		const char *name = g->name[order[i]];
		hl_tab_set(tab, row, 0, hl_streq(name, "(none)") ? none : name);
		stat_row(tab, row, 1, &g->st[order[i]], what, total->answered);
	}
	size_t row = hl_tab_row(tab);
	hl_tab_set(tab, row, 0, _("Total"));
	stat_row(tab, row, 1, total, what, total->answered);
	tab->totals = 1;
	free(order);
}

/* Said in words where figures would mislead: calls without a wait are
 * in no speed of answer or service level. */
static void notes(struct hl_reporter *r, struct hl_doc *doc)
{
	const struct hl_qstat *q = &r->calls.total;
	if (!q->wait_unknown)
		return;
	struct hl_tab *tab = hl_doc_table(doc, _("Notes"));
	hl_tab_col(tab, "note", _("Note"), HL_CELL_TEXT);
	size_t row = hl_tab_row(tab);
	hl_tab_setf(tab, row, 0,
		    _("%ld of %ld offered calls have no wait time in the phone system's records: they count as "
		      "offered, answered or not, but not in asa_seconds or service_level%s"),
		    q->wait_unknown, q->offered,
		    q->wait_unknown == q->offered ? _(" (no service level can be given)") : "");
}

static void queue_table(struct hl_reporter *r, struct hl_doc *doc)
{
	struct hl_tab *tab = hl_doc_table(doc, _("Call queues"));
	hl_tab_col(tab, "queue", _("Queue"), HL_CELL_TEXT);
	stat_columns(tab, Q_MISSED);
	group_table(tab, &r->calls.queues, &r->calls.total, Q_MISSED, _("(no queue)"));
}

static void hour_table(struct hl_reporter *r, struct hl_doc *doc)
{
	struct hl_tab *tab = hl_doc_table(doc, _("By hour of day"));
	struct hl_chart *chart = hl_doc_chart(doc, _("Calls offered per hour"), 0);
	struct hl_buf label = {0};
	hl_tab_col(tab, "hour", _("Hour"), HL_CELL_TEXT);
	stat_columns(tab, 0);
	for (int h = 0; h < 24; h++) {
		const struct hl_qstat *q = &r->calls.hour[h];
		if (!q->offered && !q->short_abandoned)
			continue;
		size_t row = hl_tab_row(tab);
		hl_buf_clear(&label);
		hl_buf_printf(&label, "%02d:00", h);
		hl_tab_set(tab, row, 0, label.s);
		stat_row(tab, row, 1, q, 0, 0);
		hl_chart_add(chart, label.s, (double)q->offered);
	}
	size_t row = hl_tab_row(tab);
	hl_tab_set(tab, row, 0, _("Total"));
	stat_row(tab, row, 1, &r->calls.total, 0, 0);
	tab->totals = 1;
	hl_buf_free(&label);
}

static void agent_table(struct hl_reporter *r, struct hl_doc *doc)
{
	struct hl_tab *tab = hl_doc_table(doc, _("Agents"));
	hl_tab_col(tab, "agent", _("Agent"), HL_CELL_TEXT);
	stat_columns(tab, Q_AGENT);
	group_table(tab, &r->calls.agents, &r->calls.total, Q_AGENT, _("(no agent)"));
}

void hl_report_calls(struct hl_reporter *r, struct hl_doc *doc)
{
	judge_callbacks(r);
	queue_table(r, doc);
	hour_table(r, doc);
	agent_table(r, doc);
	notes(r, doc);
}

void hl_report_calls_summary(struct hl_reporter *r, struct hl_doc *doc)
{
	if (!r->calls.records)
		return;
	judge_callbacks(r);
	queue_table(r, doc);
	notes(r, doc);
}
