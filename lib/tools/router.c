/* router.c - the tickets waiting for dispatch, matched to rules, given to
 * someone on duty; memory grows with open tickets, not with the journal */
#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "hl/calendar.h"
#include "hl/categories.h"
#include "rules/clocks.h"
#include "hl/config.h"
#include "hl/fold.h"
#include "hl/i18n.h"
#include "tools/dupsuggest.h"
#include "tools/live.h"
#include "model/repeats.h"
#include "rules/roster.h"
#include "hl/route.h"
#include "rules/sla.h"
#include "hl/strmap.h"
#include "base/utf8.h"

struct hl_router {
	const struct hl_config *cfg;
	struct hl_time now;
	struct hl_live live;         /* open tickets, complaints, rotations */
	struct hl_strmap load;       /* person -> long: open tickets */
};

/* A routing decision, before it becomes a record. */
struct decision {
	const char *rule, *dept, *assignee, *slot;
	size_t next;                 /* the rotation's next position */
	int raise;
	struct hl_buf why;           /* the record's text */
};

struct hl_router *hl_router_new(const struct hl_config *cfg, struct hl_time now)
{
	struct hl_router *rt = hl_xcalloc(1, sizeof *rt);
	rt->cfg = cfg;
	rt->now = now;
	hl_live_init(&rt->live, cfg);
	rt->live.as_of = now.t;
	hl_strmap_init(&rt->load, sizeof(long));
	return rt;
}

void hl_router_free(struct hl_router *rt)
{
	hl_live_free(&rt->live);
	hl_strmap_free(&rt->load);
	free(rt);
}

int hl_router_read(struct hl_router *rt, char *const *files, int nfiles, struct hl_buf *err)
{
	return hl_live_read(&rt->live, files, nfiles, err);
}

/* ---- matching ---- */

static int contains_folded(const char *text, const char *word)
{
	struct hl_buf low = {0};
	hl_buf_adds(&low, text);
	for (size_t i = 0; i < low.len; i++)
		low.s[i] = (char)tolower((unsigned char)low.s[i]);
	int found = strstr(low.s, word) != NULL;
	hl_buf_free(&low);
	return found;
}

static int in_span(struct hl_span s, int minute)
{
	return s.to > s.from ? minute >= s.from && minute < s.to : minute >= s.from || minute < s.to;
}

/* NULL when the rule matches, else the first condition that does not. */
static const char *mismatch(const struct hl_router *rt, const struct hl_route_rule *r,
			    const struct hl_ticket *t)
{
	int64_t day;
	int minute;
	const char *kind = hl_kinds_mismatch(&r->kinds, t->category, t->category2, t->priority, t->channel);
	if (kind)
		return kind;
	if (r->nplaces) {
		size_t i = 0;
		while (t->place && i < r->nplaces && fnmatch(r->places[i], t->place, 0))
			i++;
		if (!t->place || i == r->nplaces)
			return "place";
	}
	if (r->nkeywords) {
		size_t i = 0;
		while (t->text && i < r->nkeywords && !contains_folded(t->text, r->keywords[i]))
			i++;
		if (!t->text || i == r->nkeywords)
			return "keywords";
	}
	if (r->repeat && !hl_repeats_is_repeat(&rt->live.complaints, t->phone, t->id, t->opened.t, r->repeat))
		return "repeat";
	hl_local_day(hl_ticket_since(t), &day, &minute);
	if (r->has_time && !in_span(r->time, minute))
		return "time";
	return NULL;
}

/* ---- choosing a person ---- */

/* Who takes member's tickets at t and whether they are on duty; the
 * reasoning goes to ex. NULL when nobody can. */
static const char *available(const struct hl_router *rt, const char *member, int64_t t,
			     struct hl_buf *ex)
{
	const struct hl_roster *ro = rt->cfg->roster;
	const char *who = hl_stand_in(ro, member, t);
	struct hl_buf why = {0};
	if (!who) {
		if (ex)
			hl_buf_line(ex, _("    %s: on leave, no delegate"), member);
		return NULL;
	}
	int on = hl_on_duty(ro, who, t, &why);
	if (ex && who != member)
		hl_buf_line(ex, _("    %s: on leave, delegate %s: %s"), member, who, why.s);
	else if (ex)
		hl_buf_line(ex, _("    %s: %s"), member, why.s);
	hl_buf_free(&why);
	return on ? who : NULL;
}

static long load_of(const struct hl_router *rt, const char *who)
{
	const long *n = hl_strmap_get(&rt->load, who);
	return n ? *n : 0;
}

static void pick_from_pool(const struct hl_router *rt, const struct hl_route_rule *r, int rule,
			   int64_t at, struct decision *d, struct hl_buf *ex)
{
	size_t start = r->strategy == HL_STRAT_ROUND_ROBIN ? rt->live.rotation[rule] % r->npool : 0;
	long best = -1;
	if (ex && r->strategy == HL_STRAT_ROUND_ROBIN)
		hl_buf_line(ex, _("  pool of %zu, round-robin from %s"), r->npool, r->pool[start]);
	else if (ex)
		hl_buf_line(ex, _("  pool of %zu, fewest open tickets"), r->npool);
	for (size_t k = 0; k < r->npool; k++) {
		const char *member = r->pool[(start + k) % r->npool];
		const char *who = available(rt, member, at, ex);
		if (!who)
			continue;
		if (r->strategy == HL_STRAT_ROUND_ROBIN) {
			d->assignee = who, d->slot = member;
			d->next = (start + k + 1) % r->npool;
			break;
		}
		long n = load_of(rt, who);
		if (ex)
			hl_buf_line(ex, _("      %ld open"), n);
		if (best < 0 || n < best)
			best = n, d->assignee = who, d->slot = member;
	}
	if (!d->assignee)
		return;
	hl_buf_printf(&d->why, "%s: %s", r->strategy == HL_STRAT_ROUND_ROBIN ? "round-robin" : "least-open",
		      d->slot);
	if (r->strategy == HL_STRAT_LEAST_OPEN)
		hl_buf_printf(&d->why, " (%ld open)", best);
	if (!hl_streq(d->slot, d->assignee))
		hl_buf_printf(&d->why, " on leave, delegate %s", d->assignee);
}

/* The department head, when nobody chosen can take the ticket. */
static void to_head(const struct hl_router *rt, const char *dept, int64_t at, struct decision *d,
		    struct hl_buf *ex)
{
	const struct hl_dept *dp = hl_config_dept(rt->cfg, dept);
	struct hl_time lt = hl_time_local(at);
	int y, mo, da, h, mi, s;
	hl_time_fields(lt, &y, &mo, &da, &h, &mi, &s);
	hl_buf_clear(&d->why);
	/* the record's reason in the journal's words, the explanation's in
	 * the reader's */
	if (dp && dp->head) {
		d->assignee = dp->head;
		hl_buf_printf(&d->why, "nobody on duty at %02d:%02d; to the head, %s", h, mi, dp->head);
		if (ex)
			hl_buf_line(ex, _("  nobody on duty at %02d:%02d; to the head, %s"), h, mi,
				    dp->head);
	} else {
		hl_buf_printf(&d->why, "nobody on duty at %02d:%02d and %s has no head", h, mi, dept);
		if (ex)
			hl_buf_line(ex, _("  nobody on duty at %02d:%02d and %s has no head"), h, mi,
				    dept);
	}
}

static void pick_person(const struct hl_router *rt, const struct hl_route_rule *r, int rule,
			int64_t at, struct decision *d, struct hl_buf *ex)
{
	if (r->npool) {
		pick_from_pool(rt, r, rule, at, d, ex);
	} else if (r->person) {
		if (ex)
			hl_buf_line(ex, _("  person %s"), r->person);
		d->assignee = available(rt, r->person, at, ex);
		if (d->assignee)
			hl_buf_printf(&d->why, "person: %s", d->assignee);
	} else {
		hl_buf_printf(&d->why, "to the department");
		return;
	}
	if (!d->assignee)
		to_head(rt, r->dept, at, d, ex);
}

/* A reopened ticket goes back where it was resolved (the customer-service rules, 9.5). */
static void back_to_resolver(const struct hl_router *rt, const struct hl_ticket *t,
			     struct decision *d, struct hl_buf *ex)
{
	int64_t at = hl_ticket_since(t);
	d->rule = "reopen";
	d->dept = t->dept;
	if (ex && t->assignee)
		hl_buf_line(ex, _("  reopened: back to %s, %s"), t->dept, t->assignee);
	else if (ex)
		hl_buf_line(ex, _("  reopened: back to %s"), t->dept);
	d->assignee = t->assignee ? available(rt, t->assignee, at, ex) : NULL;
	if (d->assignee)
		hl_buf_printf(&d->why, "reopened: back to %s", d->assignee);
	else if (t->assignee)
		to_head(rt, t->dept, at, d, ex);
	else
		hl_buf_printf(&d->why, "reopened: back to %s", t->dept);
}

/* A ticket sent back twice (退单) goes to the hotline's head, the
 * escalation section's manager, when the staff list says where; else
 * to an operator. 1 when routed. */
static int to_hotline_head(const struct hl_router *rt, const struct hl_ticket *t,
			   struct decision *d, struct hl_buf *ex)
{
	const char *head = rt->cfg->ladder.manager;
	const struct hl_person *p = head ? hl_config_person(rt->cfg, head) : NULL;
	if (!p || !p->dept) {
		if (ex)
			hl_buf_line(ex, _("  returned %d times: left for the hotline's head to assign "
					  "(no escalation manager with a department on the staff list)"),
				    t->returns);
		return 0;
	}
	d->rule = "returned";
	d->dept = p->dept;
	d->assignee = p->name;
	hl_buf_printf(&d->why, "returned %d times: to the hotline's head, %s", t->returns, p->name);
	if (ex)
		hl_buf_line(ex, _("  returned %d times: to the hotline's head, %s"), t->returns, p->name);
	return 1;
}

/* The words of mismatch (the configuration's keys) as the reader reads
 * them; English as they are. */
static const char *const conditions[] = {
	NC_("condition", "category"), NC_("condition", "priority"),
	NC_("condition", "channel"),  NC_("condition", "place"),
	NC_("condition", "keywords"), NC_("condition", "repeat"),
	NC_("condition", "time"),     NC_("condition", "returned by that department"),
};

static const char *condition(const char *key)
{
	for (size_t i = 0; i < nitems(conditions); i++)
		if (hl_streq(strchr(conditions[i], '\004') + 1, key))
			return _(conditions[i]);
	return key;
}

/* 1 when the ticket can be routed; d filled in. */
static int decide(const struct hl_router *rt, const struct hl_ticket *t, struct decision *d,
		  struct hl_buf *ex)
{
	const struct hl_routes *rs = rt->cfg->routes;
	if (t->returned && t->returns >= 2)
		return to_hotline_head(rt, t, d, ex);
	if (t->reopens && t->dept && !t->returned) {
		back_to_resolver(rt, t, d, ex);
		return 1;
	}
	for (size_t i = 0; rs && i < rs->n; i++) {
		const struct hl_route_rule *r = &rs->rule[i];
		/* not back to the department that sent it back */
		const char *why = t->returned && t->dept && hl_streq(r->dept, t->dept)
				  ? "returned by that department" : mismatch(rt, r, t);
		if (ex && why)
			hl_buf_line(ex, _("  rule %s: no, %s"), r->name, condition(why));
		else if (ex)
			hl_buf_line(ex, _("  rule %s: matches"), r->name);
		if (why)
			continue;
		d->rule = r->name;
		d->dept = r->dept;
		d->raise = r->raise > (int)t->priority ? r->raise : 0;
		pick_person(rt, r, (int)i, hl_ticket_since(t), d, ex);
		return 1;
	}
	if (ex)
		hl_buf_line(ex, "%s", _("  no rule matches: left for an operator to assign"));
	return 0;
}

/* ---- the run ---- */

/* The earliest deadline now running: the ack of this dispatch, and the
 * ticket's clocks that have not ended (as hl-escalate computes them). */
static int64_t first_due(const struct hl_router *rt, const struct hl_ticket *t, const char **clock)
{
	static const enum hl_clock running[] = {HL_CLK_REPLY, HL_CLK_ARRIVE, HL_CLK_RESOLVE};
	struct hl_clockv v[HL_NCLOCKS];
	int64_t best = hl_sla_deadline(rt->cfg, t, HL_CLK_ACK, rt->now.t, rt->now.t, NULL, NULL);
	if (best >= 0)
		*clock = hl_clock_names[HL_CLK_ACK];
	hl_clocks(rt->cfg, t, rt->now.t, v, NULL);
	for (size_t i = 0; i < sizeof running / sizeof running[0]; i++) {
		const struct hl_clockv *c = &v[running[i]];
		if (c->runs && !c->done && (best < 0 || c->due < best)) {
			best = c->due;
			*clock = hl_clock_names[running[i]];
		}
	}
	return best;
}

static int by_time(const void *a, const void *b)
{
	const struct hl_ticket *x = *(struct hl_ticket *const *)a, *y = *(struct hl_ticket *const *)b;
	int64_t tx = hl_ticket_since(x), ty = hl_ticket_since(y);
	return tx != ty ? (tx > ty) - (tx < ty) : strcmp(x->id, y->id);
}

static void count_load(struct hl_router *rt)
{
	for (size_t i = 0; i < rt->live.tickets.cap; i++) {
		const struct hl_ticket *t = rt->live.tickets.slot[i].t;
		if (t && t->assignee && (t->state == HL_ST_ASSIGNED || t->state == HL_ST_ACKED))
			++*(long *)hl_strmap_put(&rt->load, t->assignee);
	}
}

static void build_record(const struct hl_router *rt, struct hl_ticket *t, const struct decision *d,
			 const char *dup, struct hl_record *r)
{
	struct hl_buf b = {0};
	const char *clock = NULL;
	hl_record_clear(r);
	hl_time_format(rt->now, &b);
	hl_record_set(r, "time", b.s);
	hl_record_set(r, "ticket", t->id);
	hl_record_set(r, "event", "route");
	hl_record_set(r, "actor", "hl-route");
	hl_record_set(r, "dept", d->dept);
	if (d->assignee)
		hl_record_set(r, "assignee", d->assignee);
	if (d->raise) {
		t->priority = (enum hl_priority)d->raise;
		hl_record_set(r, "priority", hl_vocab_name(&hl_priorities, d->raise));
	}
	int64_t due = first_due(rt, t, &clock);
	if (due >= 0) {
		hl_buf_clear(&b);
		hl_time_format(hl_time_local(due), &b);
		hl_record_set(r, "due", b.s);
	}
	hl_record_set(r, "rule", d->rule);
	hl_buf_clear(&b);
	hl_buf_printf(&b, "%s%s%s", d->why.s ? d->why.s : "", clock ? "; first deadline: " : "",
		      clock ? clock : "");
	/* a suggestion only, last, in words a script can find (hl-route(1)) */
	if (dup)
		hl_buf_printf(&b, "%smay duplicate %s", b.len ? "; " : "", dup);
	hl_record_set(r, "text", b.s);
	hl_buf_free(&b);
}

/* What routing changes in the state, so the next ticket of this run sees it. */
static void routed(struct hl_router *rt, struct hl_ticket *t, const struct decision *d)
{
	int rule = hl_routes_index(rt->cfg->routes, d->rule);
	if (rule >= 0 && d->slot && rt->cfg->routes->rule[rule].strategy == HL_STRAT_ROUND_ROBIN)
		rt->live.rotation[rule] = d->next;
	if (d->assignee)
		++*(long *)hl_strmap_put(&rt->load, d->assignee);
	t->state = HL_ST_ASSIGNED;
}

static void explain_head(const struct hl_router *rt, const struct hl_ticket *t, struct hl_buf *ex)
{
	struct hl_buf when = {0}, cat = {0};
	hl_time_format(hl_time_local(hl_ticket_since(t)), &when);
	/* the journal's words in English, the configured labels otherwise */
	if (hl_streq(hl_i18n_lang(), "zh"))
		hl_config_category_label(rt->cfg, t->category, t->category2, &cat);
	else
		hl_category_format(t->category, t->category2, &cat);
	hl_buf_line(ex, "%s %s%s%s %s%s%s", t->id, cat.s,
		    t->place ? " " : "", t->place ? t->place : "", when.s,
		    t->reopens ? _(" (reopened)") : "", t->returned ? _(" (returned)") : "");
	hl_buf_free(&when);
	hl_buf_free(&cat);
}

long hl_router_run(struct hl_router *rt, int (*emit)(const struct hl_record *r, void *arg),
		   void *arg, struct hl_buf *explain)
{
	size_t n = 0;
	struct hl_ticket **todo = hl_xcalloc(rt->live.tickets.n ? rt->live.tickets.n : 1, sizeof *todo);
	for (size_t i = 0; i < rt->live.tickets.cap; i++)
		if (rt->live.tickets.slot[i].t && rt->live.tickets.slot[i].t->state == HL_ST_OPEN &&
		    hl_ticket_since(rt->live.tickets.slot[i].t) <= rt->now.t)
			todo[n++] = rt->live.tickets.slot[i].t;
	if (n)
		qsort(todo, n, sizeof *todo, by_time);
	count_load(rt);
	struct hl_dupfind *df = n ? hl_dupfind_new(rt->cfg, &rt->live.tickets) : NULL;
	struct hl_record rec = {0};
	long done = 0;
	for (size_t i = 0; i < n && done >= 0; i++) {
		struct decision d = {0};
		const char *dup = NULL;
		if (explain)
			explain_head(rt, todo[i], explain);
		int go = decide(rt, todo[i], &d, explain);
		/* only a new ticket: a reopened or returned one was looked at
		 * when it was first dispatched */
		if (df && !todo[i]->reopens && !todo[i]->returns)
			dup = hl_dupfind(df, todo[i], explain);
		if (go) {
			build_record(rt, todo[i], &d, dup, &rec);
			const char *due = hl_record_get(&rec, "due");
			if (explain && d.assignee)
				hl_buf_line(explain, _("  -> %s / %s, due %s"), d.dept, d.assignee,
					    due ? due : _(NC_("due", "none")));
			else if (explain)
				hl_buf_line(explain, _("  -> %s, due %s"), d.dept,
					    due ? due : _(NC_("due", "none")));
			routed(rt, todo[i], &d);
			done = emit(&rec, arg) ? -1 : done + 1;
		}
		hl_buf_free(&d.why);
	}
	hl_record_free(&rec);
	hl_dupfind_free(df);
	free(todo);
	return done;
}
