/* escalate.c - the escalation ladder over every running clock */
#include <stdlib.h>
#include <string.h>

#include "hl/calendar.h"
#include "rules/clocks.h"
#include "hl/escalate.h"
#include "io/journalread.h"
#include "tools/live.h"
#include "model/repeats.h"
#include "io/table.h"
#include "base/utf8.h"
#include "hl/i18n.h"
#include "model/words.h"

struct hl_escalator {
	const struct hl_config *cfg;
	struct hl_time now;
	struct hl_live live;   /* open tickets, complaints */
	struct hl_alert *alerts;
	size_t nalerts, cap;
};

struct hl_escalator *hl_escalator_new(const struct hl_config *cfg, struct hl_time now)
{
	struct hl_escalator *e = hl_xcalloc(1, sizeof *e);
	e->cfg = cfg;
	e->now = now;
	hl_live_init(&e->live, cfg);
	e->live.as_of = now.t;
	return e;
}

void hl_escalator_free(struct hl_escalator *e)
{
	hl_live_free(&e->live);
	free(e->alerts);
	free(e);
}

int hl_escalator_read(struct hl_escalator *e, char *const *files, int nfiles, struct hl_buf *err)
{
	return hl_live_read(&e->live, files, nfiles, err);
}

/* ---- who ---- */

static const struct hl_dept *dept_of(const struct hl_config *cfg, const struct hl_ticket *t)
{
	const struct hl_dept *d = t->dept ? hl_config_dept(cfg, t->dept) : NULL;
	const struct hl_person *p = t->opener ? hl_config_person(cfg, t->opener) : NULL;
	/* not dispatched yet: the department of the first-contact owner */
	if (!d && p && p->dept)
		d = hl_config_dept(cfg, p->dept);
	return d;
}

/* A person's phone and e-mail from every place the configuration names
 * them: the staff list, the manager's entry, the line of a department
 * they head (the ticket's first). */
static void contact(const struct hl_config *cfg, const struct hl_dept *d, struct hl_alert *a)
{
	const struct hl_person *p = hl_config_person(cfg, a->to);
	const struct hl_ladder *l = &cfg->ladder;
	const struct hl_dept *heads = d && d->head && hl_streq(d->head, a->to) ? d : NULL;
	for (size_t i = 0; !heads && i < cfg->ndepts; i++)
		if (cfg->depts[i].head && hl_streq(cfg->depts[i].head, a->to))
			heads = &cfg->depts[i];
	int mgr = l->manager && hl_streq(l->manager, a->to);
	a->phone = p && p->phone ? p->phone : mgr && l->manager_phone ? l->manager_phone
		   : heads ? heads->phone : NULL;
	a->email = p && p->email ? p->email : mgr && l->manager_email ? l->manager_email
		   : heads ? heads->email : NULL;
}

/* Who a rung names for t, or NULL. */
static const char *named(const struct hl_config *cfg, const struct hl_ticket *t, int level,
			 const char **role)
{
	const struct hl_dept *d = dept_of(cfg, t);
	const char *who = NULL;
	switch (level) {
	case HL_RUNG_ASSIGNEE:
		who = t->assignee ? t->assignee : t->opener;
		*role = t->assignee ? "assignee" : "first contact";
		break;
	case HL_RUNG_HEAD:
		who = d ? d->head : NULL, *role = "head";
		break;
	case HL_RUNG_LEADER:
		who = d ? d->leader : NULL, *role = "leader";
		break;
	default:
		who = cfg->ladder.manager, *role = "manager";
		break;
	}
	return who && *who ? who : NULL;
}

/* Who hears of a rung (at most two): the person it names, else the next
 * rung up's, else the manager, else the first-contact owner and the
 * assignee, else nobody by name (an empty notify, still written). */
static size_t recipients(const struct hl_config *cfg, const struct hl_ticket *t, int level,
			 const char *to[2], const char *role[2])
{
	for (int up = level; up <= HL_RUNG_MANAGER; up++)
		if ((to[0] = named(cfg, t, up, &role[0])) != NULL)
			return 1;
	size_t n = 0;
	if (t->opener && *t->opener)
		to[n] = t->opener, role[n++] = "first contact";
	if (t->assignee && *t->assignee && !(n && hl_streq(t->assignee, to[0])))
		to[n] = t->assignee, role[n++] = "assignee";
	if (!n)
		to[n] = "", role[n++] = "nobody";
	return n;
}

/* ---- when ---- */

static int is_emergency(const struct hl_ticket *t)
{
	return t->category == HL_CAT_EMERGENCY;
}

static int quiet_now(const struct hl_escalator *e)
{
	const struct hl_ladder *l = &e->cfg->ladder;
	int64_t day;
	int m;
	if (!l->has_quiet)
		return 0;
	hl_local_day(e->now.t, &day, &m);
	return l->quiet.to > l->quiet.from ? m >= l->quiet.from && m < l->quiet.to
					   : m >= l->quiet.from || m < l->quiet.to;
}

/* When each rung of a clock's ladder is reached; -1 for none. The
 * warning at its share of the counted time; the head at the deadline, the
 * leader leader_after later, the manager manager_after after the leader.
 * Emergencies tell the head and the leader at the deadline (critical
 * ones the manager too), and the manager manager_after after that. */
static void rung_times(const struct hl_escalator *e, const struct hl_ticket *t,
		       const struct hl_clockv *v, int64_t at[4])
{
	const struct hl_ladder *l = &e->cfg->ladder;
	const struct hl_calendar *cal = &e->cfg->cal;
	at[0] = v->warn;
	at[1] = v->due;
	at[2] = is_emergency(t) ? v->due : hl_cal_add(cal, v->due, l->leader_after, NULL);
	if (is_emergency(t) && t->priority == HL_PRI_CRITICAL)
		at[3] = v->due;
	else
		at[3] = at[2] < 0 ? -1 : hl_cal_add(cal, at[2], l->manager_after, NULL);
}

static void push(struct hl_escalator *e, const struct hl_alert *a)
{
	if (e->nalerts == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->alerts = hl_xreallocarray(e->alerts, e->cap, sizeof *e->alerts);
	}
	e->alerts[e->nalerts++] = *a;
}

static void mark_sent(struct hl_ticket *t, int clock, int level, int64_t due, const char *to)
{
	int64_t who = hl_notice_who(to);
	if (hl_ticket_was_sent_to(t, clock, level, due, who))
		return;
	t->sent = hl_xreallocarray(t->sent, t->nsent + 1, sizeof *t->sent);
	t->sent[t->nsent++] = (struct hl_notice){clock, level, due, who};
}

/* Whether who already heard of the breach of this deadline: a notice
 * above the warning's rung was written to them. */
static int told(const struct hl_ticket *t, int clock, int64_t due, const char *who)
{
	for (int level = HL_RUNG_HEAD; level <= HL_RUNG_MANAGER; level++)
		if (hl_ticket_was_sent_to(t, clock, level, due, hl_notice_who(who)))
			return 1;
	return 0;
}

static void ladder(struct hl_escalator *e, struct hl_ticket *t, int clock,
		   const struct hl_clockv *v, size_t *held)
{
	const struct hl_ladder *l = &e->cfg->ladder;
	int64_t at[4], now = e->now.t;
	int up = l->repeat && t->category == HL_CAT_COMPLAINT &&
		 hl_repeats_is_repeat(&e->live.complaints, t->phone, t->id, t->opened.t, l->repeat);
	int reached[4] = {0}, sent_hi = -1;
	rung_times(e, t, v, at);
	for (int level = 0; level < 4; level++)
		if (hl_ticket_was_sent(t, clock, level, v->due))
			sent_hi = level;
	/* a warning once the deadline passed is no news: the breach is */
	for (int step = 0; step < 4; step++)
		if (at[step] >= 0 && now >= at[step] && !(step == 0 && now >= v->due))
			reached[step + up > 3 ? 3 : step + up] = 1;
	/* everyone a reached rung names, once, at the highest rung naming
	 * them; a rung below one already written is moot */
	struct hl_alert out[8];
	size_t nout = 0;
	for (int level = 3; level > sent_hi; level--) {
		const char *to[2], *role[2];
		if (!reached[level])
			continue;
		size_t n = recipients(e->cfg, t, level, to, role);
		for (size_t i = 0; i < n; i++) {
			int dup = level > 0 && told(t, clock, v->due, to[i]);
			for (size_t k = 0; k < nout && !dup; k++)
				dup = hl_streq(out[k].to, to[i]);
			if (dup)
				continue;
			struct hl_alert a = {t, clock, level, v->due, v->rule, to[i], role[i],
					     NULL, NULL, now >= v->due, v->business, 0};
			/* what is left, in the time the clock counts */
			a.left = hl_clock_left(e->cfg, v, now);
			contact(e->cfg, dept_of(e->cfg, t), &a);
			out[nout++] = a;
		}
	}
	if (nout && quiet_now(e) && !is_emergency(t)) {
		*held += nout;
		return;
	}
	for (size_t k = 0; k < nout; k++) {
		mark_sent(t, clock, out[k].level, v->due, out[k].to);
		push(e, &out[k]);
	}
}

static int by_urgency(const void *x, const void *y)
{
	const struct hl_alert *a = x, *b = y;
	if (a->overdue != b->overdue)
		return b->overdue - a->overdue;
	if (a->due != b->due)
		return (a->due > b->due) - (a->due < b->due);
	int c = strcmp(a->t->id, b->t->id);
	return c ? c : a->clock != b->clock ? a->clock - b->clock : a->level - b->level;
}

size_t hl_escalator_run(struct hl_escalator *e, const struct hl_alert **out, size_t *held)
{
	struct hl_clockv v[HL_NCLOCKS];
	*held = 0;
	for (size_t i = 0; i < e->live.tickets.cap; i++) {
		struct hl_ticket *t = e->live.tickets.slot[i].t;
		/* on hold as at now, not as the journal ends: its deadlines
		 * are provisional */
		if (!t || t->opened.t > e->now.t || hl_ticket_held_at(t, e->now.t))
			continue;
		hl_clocks(e->cfg, t, e->now.t, v, NULL);
		for (int c = 0; c < HL_NCLOCKS; c++)
			if (v[c].runs && !v[c].done)
				ladder(e, t, c, &v[c], held);
	}
	if (e->nalerts)
		qsort(e->alerts, e->nalerts, sizeof *e->alerts, by_urgency);
	*out = e->alerts;
	return e->nalerts;
}

int hl_escalator_explain(struct hl_escalator *e, const char *id, struct hl_buf *out)
{
	const struct hl_ticket *t = hl_tickets_get(&e->live.tickets, id);
	if (!t)
		return -1;
	hl_ticket_explain(e->cfg, t, e->now.t, out);
	return 0;
}

/* ---- any ticket, closed ones too ---- */

struct one {
	const char *id;
	int64_t until;
	struct hl_tickets tickets;
};

/* A record (a time first: not the header) that does not hold the id is
 * no record of the ticket. */
static int not_its(const char *line, size_t len, void *arg)
{
	const struct one *o = arg;
	return len && line[0] >= '0' && line[0] <= '9' && !memmem(line, len, o->id, strlen(o->id));
}

static int parse_one(const struct hl_cols *c, void *out, void *arg, struct hl_buf *err)
{
	const struct one *o = arg;
	return hl_event_parse_before(c, o->until, out, err);
}

/* Damaged records were the live read's to report: only the ticket's
 * events are folded here. */
static void feed_one(void *arg, const struct hl_digested *d, const char *file)
{
	struct one *o = arg;
	const struct hl_event *ev = d->out;
	if (d->rc == 0 && ev->ticket && hl_streq(ev->ticket, o->id))
		hl_fold_event(&o->tickets, ev, file, d->line);
}

int hl_explain_read(const struct hl_config *cfg, char *const *files, int nfiles, const char *id,
		    int64_t now, struct hl_buf *out, struct hl_buf *err)
{
	struct one o = {id, now + 1, {0}};
	const struct hl_digest dg = {parse_one, sizeof(struct hl_event), &o, not_its};
	int rc = hl_journal_read_digested(files, nfiles, &dg, feed_one, &o, err);
	const struct hl_ticket *t = rc ? NULL : hl_tickets_get(&o.tickets, id);
	if (!rc && t && t->state != HL_ST_NONE)
		/* a closed ticket as it was closed: its clocks as judged then */
		hl_ticket_explain(cfg, t, t->state == HL_ST_CLOSED && t->closed.t < now ? t->closed.t : now, out);
	else if (!rc)
		rc = 1;
	hl_tickets_free(&o.tickets);
	return rc;
}

/* ---- output ---- */

static void message(const struct hl_alert *a, int64_t now, struct hl_buf *m)
{
	struct hl_buf due = {0}, late = {0};
	hl_short_time(a->due, &due);
	hl_span_format(a->overdue ? now - a->due : a->left, &late);
	if (a->overdue)
		hl_buf_printf(m, "%s overdue by %s (due %s)", hl_clock_names[a->clock], late.s, due.s);
	else
		hl_buf_printf(m, "%s due %s, %s%s left", hl_clock_names[a->clock], due.s, late.s,
			      a->business ? " of working time" : "");
	/* what and where: the one told can act without looking it up */
	hl_buf_addc(m, ' ');
	hl_ticket_gist(a->t, 0, m);
	hl_buf_free(&due);
	hl_buf_free(&late);
}

void hl_alert_record(const struct hl_alert *a, struct hl_time now, struct hl_record *r)
{
	struct hl_buf b = {0};
	char level[4];
	hl_record_clear(r);
	hl_time_format(now, &b);
	hl_record_set(r, "time", b.s);
	hl_record_set(r, "ticket", a->t->id);
	hl_record_set(r, "event", "escalate");
	hl_record_set(r, "actor", "hl-escalate");
	if (a->t->dept)
		hl_record_set(r, "dept", a->t->dept);
	if (a->t->assignee)
		hl_record_set(r, "assignee", a->t->assignee);
	hl_buf_clear(&b);
	hl_time_format(hl_time_local(a->due), &b);
	hl_record_set(r, "due", b.s);
	snprintf(level, sizeof level, "%d", a->level);
	hl_record_set(r, "level", level);
	hl_record_set(r, "clock", hl_clock_names[a->clock]);
	hl_record_set(r, "notify", a->to);
	hl_record_set(r, "rule", a->rule);
	hl_buf_clear(&b);
	hl_buf_printf(&b, "%s: ", a->role);
	message(a, now.t, &b);
	hl_record_set(r, "text", b.s);
	hl_buf_free(&b);
}

int hl_alerts_text(const struct hl_alert *a, size_t n, int64_t now, size_t width, int colour,
		   FILE *fp)
{
	struct hl_table tab;
	struct hl_buf due = {0}, late = {0}, who = {0}, to = {0};
	struct hl_buf what = {0};
	hl_table_init(&tab, 8);
	tab.right = 1u << 4;
	tab.nkey = 2;
	tab.shrink = 7;
	tab.width = width;
	tab.colour = colour;
	const char *head[] = {_("STATE"), _("TICKET"), _("CLOCK"), _("DUE"), _("LATE"),
			      _("DEPT/ASSIGNEE"), _("NOTIFY"), _("WHAT")};
	hl_table_row(&tab, head);
	for (size_t i = 0; i < n; i++) {
		hl_buf_clear(&due), hl_buf_clear(&late), hl_buf_clear(&who), hl_buf_clear(&to);
		hl_short_time(a[i].due, &due);
		hl_span_show(now - a[i].due, &late);
		hl_buf_printf(&who, "%s/%s", a[i].t->dept ? a[i].t->dept : "-",
			      a[i].t->assignee ? a[i].t->assignee : "-");
		hl_buf_printf(&to, "%s (%s)", a[i].to, hl_role_label(a[i].role));
		hl_buf_clear(&what);
		hl_ticket_gist(a[i].t, 1, &what);
		const char *row[] = {hl_notice_label(a[i].overdue), a[i].t->id,
				     hl_clock_label(a[i].clock), due.s, late.s, who.s, to.s, what.s};
		hl_table_row(&tab, row);
		if (a[i].overdue)
			hl_table_mark(&tab, 0), hl_table_mark(&tab, 4);
	}
	hl_buf_free(&what);
	int rc = hl_table_print(&tab, fp);
	hl_table_free(&tab);
	hl_buf_free(&due), hl_buf_free(&late), hl_buf_free(&who), hl_buf_free(&to);
	return rc;
}

/* A notify field: shown visibly (hl_buf_add_visible), so that a tab or a
 * line break in a name, a department or a text can start no field and
 * no line of its own. */
int hl_alerts_notify(const struct hl_alert *a, size_t n, int64_t now, FILE *fp)
{
	unsigned char *done = hl_xcalloc(n ? n : 1, 1);
	struct hl_buf line = {0}, msg = {0};
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (done[i])
			continue;
		hl_buf_clear(&line);
		hl_buf_clear(&msg);
		hl_buf_add_field(&line, a[i].to, '\t');
		hl_buf_add_field(&line, a[i].phone, '\t');
		hl_buf_add_field(&line, a[i].email, '\t');
		/* everything for one person in one message */
		for (size_t j = i, k = 0; j < n; j++) {
			if (done[j] || !hl_streq(a[j].to, a[i].to))
				continue;
			done[j] = 1;
			hl_buf_printf(&msg, "%s[hl] %s ", k++ ? "; " : "", a[j].t->id);
			if (a[j].t->missed) /* the number to call back */
				hl_buf_printf(&msg, "missed call %s", a[j].t->phone ? a[j].t->phone : "");
			else
				hl_buf_printf(&msg, "%s%s%s", a[j].t->dept ? a[j].t->dept : "-",
					      a[j].t->assignee ? "/" : "",
					      a[j].t->assignee ? a[j].t->assignee : "");
			hl_buf_adds(&msg, ": ");
			message(&a[j], now, &msg);
		}
		hl_buf_add_field(&line, msg.s, '\n');
		if (fwrite(line.s, 1, line.len, fp) != line.len)
			rc = -1;
	}
	hl_buf_free(&line);
	hl_buf_free(&msg);
	free(done);
	return rc;
}
