/* report_lists.c - the reports of people and tickets: staff with their
 * fines, tickets with every clock, a caller's history */
#include <stdlib.h>
#include <string.h>

#include "hl/categories.h"
#include "rules/clocks.h"
#include "hl/phone.h"
#include "base/utf8.h"
#include "report/reportint.h"
#include "hl/i18n.h"
#include "hl/strmap.h"
#include "model/words.h"

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

/* ---- staff: first contacts, work, breaches, fines (the 400-line rules) ---- */

struct person {
	long first, handled, breaches, late_callbacks, late_tickets, fine;
	long extended;   /* deadlines in the period moved by an extension */
};

static struct person *person(struct hl_strmap *m, const char *name)
{
	return hl_strmap_put(m, name ? name : _("(no one named)"));
}

/* The k-th (0-based) late item's fine: the schedule's last amount goes on. */
static long fine(const int *schedule, size_t n, long k)
{
	return n ? schedule[(size_t)k < n ? (size_t)k : n - 1] : 0;
}

/* Not a person: the tools that write records of their own, and the actor
 * an import writes missed calls as (--by 总机), unless the staff list
 * names them. */
static int pseudo(const struct hl_reporter *r, const struct hl_strmap *importers, const char *name)
{
	if (hl_streq(name, "hl-route") || hl_streq(name, "hl-escalate"))
		return 1;
	return hl_strmap_get(importers, name) && !hl_config_person(r->cfg, name);
}

void hl_report_staff(struct hl_reporter *r, struct hl_doc *doc)
{
	struct hl_strmap people, importers;
	const struct hl_penalties *pen = &r->cfg->penalties;
	size_t nt;
	struct hl_ticket **order = hl_rep_in_order(r, &nt);
	hl_strmap_init(&people, sizeof(struct person));
	hl_strmap_init(&importers, 1);
	for (size_t i = 0; i < nt; i++)
		if (order[i]->missed && order[i]->opener)
			hl_strmap_put(&importers, order[i]->opener);
	for (size_t i = 0; i < nt; i++) {
		const struct hl_ticket *t = order[i];
		long met[HL_NCLOCKS] = {0}, late_by[HL_NCLOCKS] = {0};
		if (hl_rep_in_period(r, t->opened.t) && !t->missed)
			person(&people, t->opener)->first++;
		if (hl_rep_facts(r, t)->resolved_in && t->assignee)
			person(&people, t->assignee)->handled++;
		int late = hl_rep_judge(r, t, met, late_by, 0);
		int extended = hl_rep_extended(r, t, 0);
		if (extended && (t->assignee || t->opener) &&
		    !pseudo(r, &importers, t->assignee ? t->assignee : t->opener))
			person(&people, t->assignee ? t->assignee : t->opener)->extended += extended;
		if (!late)
			continue;
		/* the assignee's: for a missed call who let it ring (an import
		 * names them) or calls.owner, else the first contact; a missed
		 * call the switchboard wrote and nobody owns is the hotline's,
		 * no person's to be fined for */
		const char *who = t->assignee ? t->assignee : t->opener;
		if (!who || pseudo(r, &importers, who))
			continue;
		struct person *p = person(&people, who);
		p->breaches += late;
		if (t->missed) {
			p->fine += fine(pen->callback, pen->ncallback, p->late_callbacks++);
		} else {
			long f = fine(pen->ticket, pen->nticket, p->late_tickets++);
			p->fine += hl_rep_facts(r, t)->repeat && pen->repeat_factor ? f * pen->repeat_factor : f;
		}
	}
	struct hl_tab *tab = hl_doc_table(doc, _("Staff statistics"));
	hl_tab_col(tab, "person", _("Person"), HL_CELL_TEXT);
	hl_tab_col(tab, "first_contacts", _("First contacts"), HL_CELL_COUNT);
	hl_tab_col(tab, "handled", _("Resolved"), HL_CELL_COUNT);
	hl_tab_col(tab, "breaches", _("Breaches"), HL_CELL_COUNT);
	hl_tab_col(tab, "late_callbacks", _("Late call-backs"), HL_CELL_COUNT);
	int fines = pen->ncallback || pen->nticket;
	if (fines)
		hl_tab_col(tab, "penalty", _("Penalty (yuan)"), HL_CELL_COUNT);
	long extended = 0;
	for (size_t i = 0; i < people.cap; i++)
		if (people.key[i])
			extended += ((struct person *)people.val)[i].extended;
	if (extended) /* beside the breaches, where a hotline extends */
		hl_tab_col(tab, "extended", _("Extended"), HL_CELL_COUNT);
	struct person total = {0};
	char **names = hl_xcalloc(people.n ? people.n : 1, sizeof *names);
	size_t n = 0;
	for (size_t i = 0; i < people.cap; i++)
		if (people.key[i] && !pseudo(r, &importers, people.key[i]))
			names[n++] = people.key[i];
	for (size_t i = 1; i < n; i++) /* insertion sort: a staff list is short */
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *x = names[j];
			names[j] = names[j - 1], names[j - 1] = x;
		}
	for (size_t i = 0; i <= n; i++) {
		const struct person *p = i < n ? hl_strmap_get(&people, names[i]) : &total;
		size_t row = hl_tab_row(tab);
		hl_tab_set(tab, row, 0, i < n ? names[i] : _("Total"));
		hl_rep_num(tab, row, 1, p->first), hl_rep_num(tab, row, 2, p->handled), hl_rep_num(tab, row, 3, p->breaches);
		hl_rep_num(tab, row, 4, p->late_callbacks);
		if (fines)
			hl_rep_num(tab, row, 5, p->fine);
		if (extended)
			hl_rep_num(tab, row, fines ? 6 : 5, p->extended);
		total.first += p->first, total.handled += p->handled, total.breaches += p->breaches;
		total.late_callbacks += p->late_callbacks, total.fine += p->fine;
		total.extended += p->extended;
	}
	tab->totals = 1;
	free(names);
	free(order);
	hl_strmap_free(&people);
	hl_strmap_free(&importers);
}

/* ---- tickets and a caller's history ---- */

static int listed(const struct hl_reporter *r, const struct hl_ticket *t)
{
	const struct hl_report_opts *o = &r->o;
	if (o->kind == HL_REP_CALLER) {
		/* the phone the ticket has at the end: an amend may correct it */
		struct hl_buf norm = {0};
		int yes = t->phone && !hl_phone_normalize(t->phone, &norm, NULL) &&
			  hl_streq(norm.s, o->phone);
		hl_buf_free(&norm);
		return yes;
	}
	if (!hl_rep_in_period(r, t->opened.t) || (o->open_only && !hl_rep_unresolved(t) && t->state != HL_ST_MISSED))
		return 0;
	if (o->dept && (!t->dept || !hl_streq(o->dept, t->dept)))
		return 0;
	if (o->category && (int)t->category != o->category)
		return 0;
	if (o->category2 && (!t->category2 || !hl_strcaseeq(o->category2, t->category2)))
		return 0;
	/* the search */
	if (o->assignee && (!t->assignee || !hl_streq(o->assignee, t->assignee)))
		return 0;
	/* linked: every duplicate, waiting on its master or resolved with it */
	if (o->state == HL_ST_LINKED ? !t->master : o->state >= 0 && (int)t->state != o->state)
		return 0;
	if (o->place && (!t->place || !hl_glob_match(o->place, t->place)))
		return 0;
	if (o->caller && (!t->caller || !hl_text_has(t->caller, o->caller)))
		return 0;
	if (o->grep && !hl_rep_facts(r, t)->hit)
		return 0;
	if (o->phone_part) {
		struct hl_buf norm = {0};
		int yes = t->phone && !hl_phone_normalize(t->phone, &norm, NULL) &&
			  strstr(norm.s, o->phone_part);
		hl_buf_free(&norm);
		return yes;
	}
	return 1;
}

/* A deadline cell (HL_CELL_CLOCK): met, late by how many seconds, or due when. */
static void clock_cell(const struct hl_clockv *v, int64_t end, struct hl_buf *out)
{
	if (!v->runs)
		return;
	if (v->done && v->stop <= v->due) {
		hl_buf_adds(out, "met");
	} else if (v->done || v->due < end) {
		hl_buf_printf(out, "late %lld", (long long)((v->done ? v->stop : end) - v->due));
	} else {
		hl_buf_adds(out, "due ");
		hl_rep_stamp(v->due, out);
	}
}

static void ticket_row(struct hl_reporter *r, struct hl_doc *doc, struct hl_tab *tab,
		       const struct hl_ticket *t)
{
	struct hl_buf b = {0};
	struct hl_clockv v[HL_NCLOCKS];
	size_t row = hl_tab_row(tab), c = 0;
	int caller = r->o.kind == HL_REP_CALLER;
	hl_tab_set(tab, row, c++, t->id);
	hl_rep_stamp(t->opened.t, &b);
	hl_tab_set(tab, row, c++, b.s);
	if (t->category2 && !t->missed) {
		hl_buf_clear(&b);
		hl_config_category_label(r->cfg, t->category, t->category2, &b);
		hl_tab_set(tab, row, c++, b.s);
	} else {
		hl_tab_set(tab, row, c++, hl_rep_category(t));
	}
	if (!caller) {
		hl_tab_set(tab, row, c++, hl_word_label(&hl_priorities, t->priority));
		hl_buf_clear(&b);
		if (t->phone && !r->o.reveal_phones)
			hl_mask_phone(t->phone, &b);
		hl_tab_set(tab, row, c++, t->phone && r->o.reveal_phones ? t->phone : b.s);
	}
	hl_tab_set(tab, row, c++, hl_word_label(&hl_channels, t->channel));
	hl_tab_set(tab, row, c++, t->place);
	if (!caller)
		hl_tab_set(tab, row, c++, t->caller);
	hl_tab_set(tab, row, c++, t->dept);
	hl_tab_set(tab, row, c++, t->assignee);
	hl_tab_set(tab, row, c++, hl_state_label(t->state));
	if (!caller) {
		/* the deadline to watch: the nearest of the clocks running */
		int64_t next = 0;
		hl_clocks(r->cfg, t, r->o.period.to, v, NULL);
		for (int k = 0; k < HL_NCLOCKS; k++)
			if (v[k].runs && !v[k].done && (!next || v[k].due < next))
				next = v[k].due;
		hl_buf_clear(&b);
		if (next)
			hl_rep_stamp(next, &b);
		hl_tab_set(tab, row, c++, b.s);
	}
	hl_buf_clear(&b);
	if (t->resolved.t && !hl_rep_unresolved(t))
		hl_rep_stamp(t->resolved.t, &b);
	hl_tab_set(tab, row, c++, b.s);
	hl_tab_set(tab, row, c++, hl_word_label(&hl_verdicts, t->verdict));
	if (t->followups)
		hl_rep_num(tab, row, c, t->last_score);
	c++;
	hl_tab_set(tab, row, c++, t->text);
	if (!caller) {
		int64_t end = r->o.period.to;
		for (int k = 0; k < HL_NCLOCKS; k++) {
			hl_buf_clear(&b);
			clock_cell(&v[k], end, &b);
			hl_tab_set(tab, row, c++, b.s);
		}
	}
	/* a late clock links to how it was judged (HTML) */
	if (r->o.explain) {
		long met[HL_NCLOCKS] = {0}, late[HL_NCLOCKS] = {0};
		if (hl_rep_judge(r, t, met, late, 1)) {
			int64_t at = r->o.period.to < r->o.now ? r->o.period.to : r->o.now;
			if (t->state == HL_ST_CLOSED && t->closed.t < at)
				at = t->closed.t;
			hl_buf_clear(&b);
			hl_ticket_explain(r->cfg, t, at, &b);
			hl_doc_add_explain(doc, t->id, b.s);
		}
	}
	hl_buf_free(&b);
}

void hl_report_tickets(struct hl_reporter *r, struct hl_doc *doc)
{
	int caller = r->o.kind == HL_REP_CALLER;
	struct hl_tab *tab = hl_doc_table(doc, caller ? _("Caller history") : _("Tickets"));
	hl_tab_col(tab, "ticket", _("Ticket"), HL_CELL_TEXT);
	hl_tab_col(tab, "opened", _("Opened"), HL_CELL_TIME);
	hl_tab_col(tab, "category", _("Category"), HL_CELL_TEXT);
	if (!caller) {
		hl_tab_col(tab, "priority", _("Priority"), HL_CELL_TEXT);
		hl_tab_col(tab, "phone", _("Phone"), HL_CELL_TEXT);
	}
	hl_tab_col(tab, "channel", _("Channel"), HL_CELL_TEXT);
	hl_tab_col(tab, "place", _("Place"), HL_CELL_TEXT);
	if (!caller)
		hl_tab_col(tab, "caller", _("Caller"), HL_CELL_TEXT);
	hl_tab_col(tab, "dept", _("Department"), HL_CELL_TEXT);
	hl_tab_col(tab, "assignee", _("Assignee"), HL_CELL_TEXT);
	hl_tab_col(tab, "state", _("State"), HL_CELL_TEXT);
	if (!caller)
		hl_tab_col(tab, "next_due", _("Next deadline"), HL_CELL_TIME);
	hl_tab_col(tab, "resolved", _("Resolved at"), HL_CELL_TIME);
	hl_tab_col(tab, "verdict", _("Verdict"), HL_CELL_TEXT);
	hl_tab_col(tab, "score", _("Score"), HL_CELL_COUNT);
	hl_tab_col(tab, "text", _("Text"), HL_CELL_TEXT);
	for (int k = 0; !caller && k < HL_NCLOCKS; k++)
		hl_tab_col(tab, hl_clock_names[k], hl_clock_label(k), HL_CELL_CLOCK);
	size_t n;
	struct hl_ticket **list = hl_rep_in_order(r, &n);
	for (size_t i = 0; i < n; i++)
		if (listed(r, list[i]))
			ticket_row(r, doc, tab, list[i]);
	free(list);
	if (!caller)
		drop_empty(tab, tab->ncols - HL_NCLOCKS);
}
