/* live.c - the fold of the cron tools and of hl-log's checks: open
 * tickets, complaints, rotations, ids */
#include <stdlib.h>
#include <string.h>

#include "rules/roster.h"
#include "hl/route.h"
#include "tools/live.h"

void hl_live_init(struct hl_live *s, const struct hl_config *cfg)
{
	memset(s, 0, sizeof *s);
	s->cfg = cfg;
	s->nrules = cfg->routes ? cfg->routes->n : 0;
	s->rotation = hl_xcalloc(s->nrules ? s->nrules : 1, sizeof *s->rotation);
	hl_repeats_init(&s->complaints);
	s->ids = (struct hl_ids){.prefix = cfg->prefix, .digits = cfg->digits};
}

void hl_live_free(struct hl_live *s)
{
	hl_tickets_free(&s->tickets);
	hl_repeats_free(&s->complaints);
	hl_ids_free(&s->ids);
	free(s->rotation);
	memset(s, 0, sizeof *s);
}

/* A route record of a pool rule: the first member from the rotation's
 * position whose ticket went to who (the member, or the one standing in
 * for them) is the one whose turn it was; the router chose the same. */
static void replay_rotation(struct hl_live *s, int rule, const char *who, int64_t t)
{
	const struct hl_route_rule *r = &s->cfg->routes->rule[rule];
	size_t *next = &s->rotation[rule];
	for (size_t k = 0; who && k < r->npool; k++) {
		size_t i = (*next + k) % r->npool;
		const char *in = hl_stand_in(s->cfg->roster, r->pool[i], t);
		if (hl_streq(r->pool[i], who) || (in && hl_streq(in, who))) {
			*next = (i + 1) % r->npool;
			return;
		}
	}
}

struct hl_ticket *hl_live_feed(struct hl_live *s, const struct hl_cols *c, const char *file,
				struct hl_event *ev)
{
	const char *id = c->v[HL_COL_TICKET];
	if (id)
		hl_ids_see(&s->ids, id);
	/* a fold of a journal nobody closes would keep every ticket: the
	 * settled ones go each time the table doubles (a ticket settled or
	 * not is the same to every record: the fold forgets it first) */
	if (s->tickets.n >= s->sweep_at) {
		hl_live_settle(s);
		s->sweep_at = 2 * s->tickets.n + 4096;
	}
	struct hl_ticket *t = hl_fold_open_live(&s->tickets, c, file, ev, s->as_of,
						hl_live_settled, s);
	if (ev->kind != HL_EV_NONE && ev->time.t > s->last)
		s->last = ev->time.t;
	if (!t)
		return NULL;
	int rule = ev->kind == HL_EV_ROUTE ? hl_routes_index(s->cfg->routes, ev->rule) : -1;
	if (rule >= 0)
		replay_rotation(s, rule, ev->assignee, hl_ticket_since(t));
	hl_repeats_note(&s->complaints, ev);
	return t;
}

/* The longest repeat window of the configuration. */
static int64_t repeat_window(const struct hl_config *cfg)
{
	int64_t window = cfg->ladder.repeat;
	for (size_t i = 0; cfg->routes && i < cfg->routes->n; i++)
		if (cfg->routes->rule[i].repeat > window)
			window = cfg->routes->rule[i].repeat;
	return window;
}

int64_t hl_live_forget_before(const struct hl_live *s)
{
	return s->last - repeat_window(s->cfg);
}

void hl_live_asking_phones(const struct hl_live *s, struct hl_strmap *phones)
{
	struct hl_buf key = {0};
	for (size_t i = 0; i < s->tickets.cap; i++) {
		const struct hl_ticket *t = s->tickets.slot[i].t;
		if (!t || !t->phone)
			continue;
		hl_repeats_key(t->phone, &key);
		hl_strmap_put(phones, key.s);
	}
	hl_buf_free(&key);
}

int hl_live_settled(const struct hl_ticket *t, const void *arg)
{
	const struct hl_live *s = arg;
	int64_t after = s->cfg->autoclose, last = s->last;
	if (t->state == HL_ST_CLOSED)
		return 1;
	/* followed up and content: nothing is left to do (a score that
	 * reopens it is followed by the reopen, and settles nothing) */
	if (t->state == HL_ST_RESOLVED && t->followed.t && t->followed.t >= t->resolved.t &&
	    t->last_score > s->cfg->reopen_at)
		return 1;
	if (!after)
		return 0;
	if (t->state == HL_ST_RESOLVED)
		return t->resolved.t && last - t->resolved.t >= after;
	if (t->state == HL_ST_CALLED_BACK)
		return t->called.t && last - t->called.t >= after;
	return 0;
}

size_t hl_live_settle(struct hl_live *s)
{
	/* found first, then removed: a removal moves other tickets */
	char **ids = NULL;
	size_t n = 0;
	for (size_t i = 0; i < s->tickets.cap; i++) {
		struct hl_ticket *t = s->tickets.slot[i].t;
		if (t && hl_live_settled(t, s)) {
			ids = hl_xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = hl_xstrdup(t->id);
		}
	}
	for (size_t i = 0; i < n; i++) {
		hl_tickets_del(&s->tickets, ids[i]);
		free(ids[i]);
	}
	free(ids);
	return n;
}
