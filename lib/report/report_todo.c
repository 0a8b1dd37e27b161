/* report_todo.c - the work in hand of a person or a department (each
 * running clock, the nearest deadline first), and the names the
 * configuration knows */
#include <stdlib.h>
#include <string.h>

#include "rules/clocks.h"
#include "hl/phone.h"
#include "report/reportint.h"
#include "base/utf8.h"
#include "hl/i18n.h"
#include "model/words.h"

/* ---- what the configuration knows ---- */

static void known(struct hl_buf *list, const char *name)
{
	if (!name || !*name)
		return;
	/* a head may be on the staff too: each name once */
	for (const char *p = hl_buf_str(list); *p;) {
		size_t len = strcspn(p, ",");
		if (len == strlen(name) && !strncmp(p, name, len))
			return;
		p += len + (p[len] == ',') + (p[len] == ',' && p[len + 1] == ' ');
	}
	hl_buf_printf(list, "%s%s", list->len ? ", " : "", name);
}

int hl_config_knows_person(const struct hl_config *cfg, const char *name, struct hl_buf *list)
{
	for (size_t i = 0; i < cfg->nstaff; i++)
		known(list, cfg->staff[i].name);
	for (size_t i = 0; i < cfg->ndepts; i++)
		known(list, cfg->depts[i].head), known(list, cfg->depts[i].leader);
	known(list, cfg->ladder.manager);
	if (!list->len || hl_config_person(cfg, name))
		return 1;
	for (size_t i = 0; i < cfg->ndepts; i++)
		if ((cfg->depts[i].head && hl_streq(cfg->depts[i].head, name)) ||
		    (cfg->depts[i].leader && hl_streq(cfg->depts[i].leader, name)))
			return 1;
	return cfg->ladder.manager && hl_streq(cfg->ladder.manager, name);
}

int hl_config_knows_dept(const struct hl_config *cfg, const char *name, struct hl_buf *list)
{
	for (size_t i = 0; i < cfg->ndepts; i++)
		known(list, cfg->depts[i].name);
	return !cfg->ndepts || hl_config_dept(cfg, name) != NULL;
}

/* ---- todo ---- */

/* Whose a clock is: the 回访 and a call-back the hotline's (the first
 * contact, or who an import says let it ring), the rest the assignee's. */
static const char *owner(const struct hl_ticket *t, int clock)
{
	if (clock == HL_CLK_FOLLOWUP)
		return t->opener;
	return t->assignee && *t->assignee ? t->assignee : t->opener;
}

static int ours(const struct hl_reporter *r, const struct hl_ticket *t, int clock)
{
	const char *who = owner(t, clock);
	if (r->o.person)
		return who && hl_streq(who, r->o.person);
	if (t->dept)
		return hl_streq(t->dept, r->o.dept);
	/* not dispatched yet: the department of who took the call */
	const struct hl_person *p = t->opener ? hl_config_person(r->cfg, t->opener) : NULL;
	return p && p->dept && hl_streq(p->dept, r->o.dept);
}

struct item {
	const struct hl_ticket *t;
	int clock, held;
	struct hl_clockv v;
};

static int by_due(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->held != y->held)
		return x->held - y->held;
	if (x->v.due != y->v.due)
		return (x->v.due > y->v.due) - (x->v.due < y->v.due);
	return strcmp(x->t->id, y->t->id);
}

/* Each ticket's nearest running clock of ours, the nearest first. */
static struct item *todo_items(struct hl_reporter *r, size_t *n)
{
	size_t nt;
	struct hl_ticket **list = hl_rep_in_order(r, &nt);
	struct item *items = hl_xcalloc(nt ? nt : 1, sizeof *items);
	int64_t now = r->o.now;
	*n = 0;
	for (size_t i = 0; i < nt; i++) {
		const struct hl_ticket *t = list[i];
		struct hl_clockv v[HL_NCLOCKS];
		int best = -1;
		if (t->opened.t > now || t->state == HL_ST_CLOSED)
			continue;
		hl_clocks(r->cfg, t, now, v, NULL);
		for (int c = 0; c < HL_NCLOCKS; c++)
			if (v[c].runs && !v[c].done && ours(r, t, c) && (best < 0 || v[c].due < v[best].due))
				best = c;
		if (best < 0)
			continue;
		items[*n] = (struct item){t, best, hl_ticket_held_at(t, now), v[best]};
		(*n)++;
	}
	free(list);
	if (*n)
		qsort(items, *n, sizeof *items, by_due);
	return items;
}

void hl_report_todo(struct hl_reporter *r, struct hl_doc *doc)
{
	size_t n;
	struct item *items = todo_items(r, &n);
	struct hl_buf b = {0};
	int64_t now = r->o.now;
	free(doc->period);
	hl_buf_printf(&b, "%s", r->o.person ? r->o.person : r->o.dept);
	doc->period = hl_xstrdup(b.s);
	struct hl_tab *tab = hl_doc_table(doc, _("To do"));
	hl_tab_col(tab, "ticket", _("Ticket"), HL_CELL_TEXT);
	if (!r->o.person)
		hl_tab_col(tab, "assignee", _("Assignee"), HL_CELL_TEXT);
	hl_tab_col(tab, "clock", _("Clock"), HL_CELL_TEXT);
	hl_tab_col(tab, "due", _("Due"), HL_CELL_TIME);
	hl_tab_col(tab, "left", _("Left"), HL_CELL_DURATION);
	hl_tab_col(tab, "late", _("Late"), HL_CELL_DURATION);
	hl_tab_col(tab, "place", _("Place"), HL_CELL_TEXT);
	hl_tab_col(tab, "caller", _("Caller"), HL_CELL_TEXT);
	hl_tab_col(tab, "phone", _("Phone"), HL_CELL_TEXT);
	hl_tab_col(tab, "text", _("Text"), HL_CELL_TEXT);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		const struct hl_ticket *t = it->t;
		size_t row = hl_tab_row(tab), c = 0;
		hl_tab_set(tab, row, c++, t->id);
		if (!r->o.person)
			hl_tab_set(tab, row, c++, owner(t, it->clock));
		hl_buf_clear(&b);
		hl_buf_adds(&b, hl_clock_label(it->clock));
		if (it->held)
			hl_buf_printf(&b, " (%s)", _("on hold"));
		hl_tab_set(tab, row, c++, b.s);
		hl_buf_clear(&b);
		hl_rep_stamp(it->v.due, &b);
		hl_tab_set(tab, row, c++, b.s);
		/* on hold the clock stands still: neither left nor late */
		if (!it->held && now < it->v.due)
			hl_tab_setf(tab, row, c, "%lld", (long long)hl_clock_left(r->cfg, &it->v, now));
		c++;
		if (!it->held && now >= it->v.due)
			hl_tab_setf(tab, row, c, "%lld", (long long)(now - it->v.due));
		c++;
		hl_tab_set(tab, row, c++, t->place);
		hl_tab_set(tab, row, c++, t->caller);
		hl_buf_clear(&b);
		if (t->phone && !r->o.reveal_phones)
			hl_mask_phone(t->phone, &b);
		hl_tab_set(tab, row, c++, t->phone && r->o.reveal_phones ? t->phone : b.s);
		hl_tab_set(tab, row, c++, t->text);
	}
	hl_buf_free(&b);
	free(items);
}

/* One ticket of a message: what is due when, and what it is about. */
static void notice(const struct hl_reporter *r, const struct item *it, struct hl_buf *m)
{
	struct hl_buf due = {0}, span = {0};
	int64_t now = r->o.now;
	hl_short_time(it->v.due, &due);
	hl_buf_printf(m, "[hl] %s ", it->t->id);
	if (it->t->missed && it->t->phone) /* the number to call back */
		hl_buf_printf(m, "missed call %s: ", it->t->phone);
	if (it->held) {
		hl_buf_printf(m, "%s on hold (due %s)", hl_clock_names[it->clock], due.s);
	} else if (now >= it->v.due) {
		hl_span_format(now - it->v.due, &span);
		hl_buf_printf(m, "%s overdue by %s (due %s)", hl_clock_names[it->clock], span.s, due.s);
	} else {
		hl_span_format(hl_clock_left(r->cfg, &it->v, now), &span);
		hl_buf_printf(m, "%s due %s, %s%s left", hl_clock_names[it->clock], due.s, span.s,
			      it->v.business ? " of working time" : "");
	}
	hl_buf_addc(m, ' ');
	hl_ticket_gist(it->t, 0, m);
	hl_buf_free(&due);
	hl_buf_free(&span);
}

int hl_todo_notify(struct hl_reporter *r, FILE *fp)
{
	size_t n;
	struct item *items = todo_items(r, &n);
	unsigned char *done = hl_xcalloc(n ? n : 1, 1);
	struct hl_buf line = {0}, msg = {0};
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (done[i])
			continue;
		const char *who = owner(items[i].t, items[i].clock);
		const struct hl_person *p = who ? hl_config_person(r->cfg, who) : NULL;
		hl_buf_clear(&line), hl_buf_clear(&msg);
		hl_buf_add_field(&line, who, '\t');
		hl_buf_add_field(&line, p ? p->phone : NULL, '\t');
		hl_buf_add_field(&line, p ? p->email : NULL, '\t');
		/* everything of one person in one message */
		for (size_t j = i, k = 0; j < n; j++) {
			const char *w = owner(items[j].t, items[j].clock);
			if (done[j] || !(w == who || (w && who && hl_streq(w, who))))
				continue;
			done[j] = 1;
			if (k++)
				hl_buf_adds(&msg, "; ");
			notice(r, &items[j], &msg);
		}
		hl_buf_add_field(&line, msg.s, '\n');
		if (fwrite(line.s, 1, line.len, fp) != line.len)
			rc = -1;
	}
	hl_buf_free(&line);
	hl_buf_free(&msg);
	free(done);
	free(items);
	return rc;
}
