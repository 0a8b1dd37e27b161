/* roster.c - shifts, rotations, leave and delegates */
#include <stdlib.h>
#include <string.h>

#include "hl/calendar.h"
#include "hl/config.h"
#include "hl/i18n.h"
#include "rules/roster.h"

static int listed(char *const *names, size_t n, const char *who)
{
	for (size_t i = 0; i < n; i++)
		if (hl_streq(names[i], who))
			return 1;
	return 0;
}

static int in_shift(const struct hl_shift *s, const char *person)
{
	return listed(s->people, s->npeople, person) || listed(s->rotate, s->nrotate, person);
}

/* Whether the shift that starts on day covers person. */
static int works_day(const struct hl_shift *s, const char *person, int64_t day)
{
	if (!(s->days & (1u << hl_weekday(day))))
		return 0;
	if (s->nrotate) {
		int64_t k = day - s->rotate_from;
		if (k < 0)
			return 0;
		return hl_streq(s->rotate[k % (int64_t)s->nrotate], person);
	}
	return listed(s->people, s->npeople, person);
}

int hl_on_duty(const struct hl_roster *r, const char *person, int64_t t, struct hl_buf *why)
{
	int64_t day;
	int minute, rostered = 0;
	if (!r) { /* no roster at all: everyone is reachable */
		if (why)
			hl_buf_adds(why, _("on no shift (always reachable)"));
		return 1;
	}
	hl_local_day(t, &day, &minute);
	for (size_t i = 0; i < r->nshifts; i++) {
		const struct hl_shift *s = &r->shifts[i];
		if (!in_shift(s, person))
			continue;
		rostered = 1;
		int crosses = s->time.to <= s->time.from;
		int on = crosses ? (minute >= s->time.from && works_day(s, person, day)) ||
					   (minute < s->time.to && works_day(s, person, day - 1))
				 : minute >= s->time.from && minute < s->time.to && works_day(s, person, day);
		if (on) {
			if (why)
				hl_buf_printf(why, _("on duty (%s)"), s->name);
			return 1;
		}
	}
	if (why)
		hl_buf_adds(why, rostered ? _("off duty") : _("on no shift (always reachable)"));
	return !rostered;
}

const struct hl_leave *hl_on_leave(const struct hl_roster *r, const char *person, int64_t t)
{
	for (size_t i = 0; r && i < r->nleave; i++)
		if (hl_streq(r->leave[i].person, person) && t >= r->leave[i].from && t < r->leave[i].to)
			return &r->leave[i];
	return NULL;
}

const char *hl_stand_in(const struct hl_roster *r, const char *person, int64_t t)
{
	/* a chain of delegates is short; the bound stops a cycle */
	for (size_t hops = 0; person && hops <= (r ? r->nleave : 0); hops++) {
		const struct hl_leave *l = hl_on_leave(r, person, t);
		if (!l)
			return person;
		person = l->delegate;
	}
	return NULL;
}

/* ---- configuration ---- */

static void free_shifts(struct hl_roster *r)
{
	for (size_t i = 0; i < r->nshifts; i++) {
		free(r->shifts[i].name);
		hl_cfg_free_strs(r->shifts[i].people, r->shifts[i].npeople);
		hl_cfg_free_strs(r->shifts[i].rotate, r->shifts[i].nrotate);
	}
	free(r->shifts);
	r->shifts = NULL;
	r->nshifts = 0;
}

static void free_leave(struct hl_roster *r)
{
	for (size_t i = 0; i < r->nleave; i++) {
		free(r->leave[i].person);
		free(r->leave[i].delegate);
	}
	free(r->leave);
	r->leave = NULL;
	r->nleave = 0;
}

static int no_twice(struct hl_cfgctx *c, const struct hl_node *v, char *const *names, size_t n)
{
	size_t i = hl_cfg_twice(names, n);
	return i < n ? hl_cfg_fail(c, v, "'%s' is listed twice", names[i]) : 0;
}

struct shift_ctx {
	struct hl_shift *s;
	int has_time;
};

static int shift_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		     const struct hl_node *v, void *obj)
{
	struct shift_ctx *x = obj;
	struct hl_shift *s = x->s;
	if (hl_streq(key, "name"))
		return hl_cfg_str(c, key, v, &s->name);
	if (hl_streq(key, "time"))
		return x->has_time = 1, hl_cfg_span(c, key, v, 1, &s->time);
	if (hl_streq(key, "days"))
		return hl_cfg_days(c, key, v, &s->days);
	if (hl_streq(key, "people"))
		return hl_cfg_strs(c, key, v, &s->people, &s->npeople) ||
		       no_twice(c, v, s->people, s->npeople);
	if (hl_streq(key, "rotate"))
		return hl_cfg_strs(c, key, v, &s->rotate, &s->nrotate) ||
		       no_twice(c, v, s->rotate, s->nrotate);
	if (hl_streq(key, "from")) {
		if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
			return -1;
		return hl_cfg_date(c, v, v->value, &s->rotate_from);
	}
	return hl_cfg_unknown(c, k);
}

/* Two shifts of one person that can cover the same minute. */
static int spans_meet(struct hl_span a, struct hl_span b)
{
	int am[2][2] = {{a.from, a.to <= a.from ? 1440 : a.to}, {0, a.to <= a.from ? a.to : 0}};
	int bm[2][2] = {{b.from, b.to <= b.from ? 1440 : b.to}, {0, b.to <= b.from ? b.to : 0}};
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			if (am[i][0] < am[i][1] && bm[j][0] < bm[j][1] && am[i][0] < bm[j][1] &&
			    bm[j][0] < am[i][1])
				return 1;
	return 0;
}

static const char *shared_person(const struct hl_shift *a, const struct hl_shift *b)
{
	for (size_t i = 0; i < a->npeople + a->nrotate; i++) {
		const char *p = i < a->npeople ? a->people[i] : a->rotate[i - a->npeople];
		if (in_shift(b, p))
			return p;
	}
	return NULL;
}

static int check_overlaps(struct hl_cfgctx *c, const struct hl_node *v, const struct hl_roster *r)
{
	for (size_t i = 0; i < r->nshifts; i++) {
		for (size_t j = 0; j < i; j++) {
			const struct hl_shift *a = &r->shifts[i], *b = &r->shifts[j];
			const char *p = shared_person(a, b);
			if (p && (a->days & b->days) && spans_meet(a->time, b->time))
				return hl_cfg_fail(c, v->kid[i], "shifts '%s' and '%s' overlap for %s",
						   b->name, a->name, p);
		}
	}
	return 0;
}

int hl_roster_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg)
{
	if (!cfg->roster)
		cfg->roster = hl_xcalloc(1, sizeof *cfg->roster);
	struct hl_roster *r = cfg->roster;
	free_shifts(r);
	if (v->is_null)
		return 0;
	if (hl_cfg_want(c, v, HL_NODE_SEQ, "roster"))
		return -1;
	r->shifts = hl_xcalloc(v->n, sizeof *r->shifts);
	for (size_t i = 0; i < v->n; i++) {
		struct hl_shift *s = &r->shifts[r->nshifts++];
		struct shift_ctx x = {s, 0};
		s->days = 0x7f;
		if (hl_cfg_each_key(c, v->kid[i], "shift", shift_key, &x))
			return -1;
		if (!s->name)
			return hl_cfg_fail(c, v->kid[i], "shift without name");
		if (!x.has_time)
			return hl_cfg_fail(c, v->kid[i], "shift '%s' without time", s->name);
		if (!s->npeople == !s->nrotate)
			return hl_cfg_fail(c, v->kid[i], "shift '%s' needs either people or rotate", s->name);
		if (s->nrotate && !s->rotate_from)
			return hl_cfg_fail(c, v->kid[i], "shift '%s' rotates: it needs from (the first day)", s->name);
	}
	return check_overlaps(c, v, r);
}

struct leave_ctx {
	struct hl_leave *l;
};

/* A date is a whole day; a date and time is that moment. end: the day's
 * end instead of its start. */
static int when(struct hl_cfgctx *c, const struct hl_node *v, int end, int64_t *out)
{
	struct hl_time t;
	struct hl_buf e = {0};
	int64_t day;
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, "from"))
		return -1;
	if (strlen(v->value) == 10) {
		if (hl_cfg_date(c, v, v->value, &day))
			return -1;
		*out = hl_local_epoch(day + end, 0);
		return 0;
	}
	if (hl_time_parse_user(v->value, 0, &t, &e)) {
		hl_cfg_fail(c, v, "%s", e.s);
		hl_buf_free(&e);
		return -1;
	}
	*out = t.t;
	return 0;
}

static int leave_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		     const struct hl_node *v, void *obj)
{
	struct leave_ctx *x = obj;
	if (hl_streq(key, "person") || hl_streq(key, "delegate")) {
		char **slot = key[0] == 'p' ? &x->l->person : &x->l->delegate;
		return hl_cfg_str(c, key, v, slot);
	}
	if (hl_streq(key, "from"))
		return when(c, v, 0, &x->l->from);
	if (hl_streq(key, "to"))
		return when(c, v, 1, &x->l->to);
	return hl_cfg_unknown(c, k);
}

int hl_leave_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg)
{
	if (!cfg->roster)
		cfg->roster = hl_xcalloc(1, sizeof *cfg->roster);
	struct hl_roster *r = cfg->roster;
	free_leave(r);
	if (v->is_null)
		return 0;
	if (hl_cfg_want(c, v, HL_NODE_SEQ, "leave"))
		return -1;
	r->leave = hl_xcalloc(v->n, sizeof *r->leave);
	for (size_t i = 0; i < v->n; i++) {
		struct hl_leave *l = &r->leave[r->nleave++];
		struct leave_ctx x = {l};
		l->from = INT64_MIN;
		l->to = INT64_MAX;
		if (hl_cfg_each_key(c, v->kid[i], "leave", leave_key, &x))
			return -1;
		if (!l->person)
			return hl_cfg_fail(c, v->kid[i], "leave without person");
		if (l->from == INT64_MIN || l->to == INT64_MAX)
			return hl_cfg_fail(c, v->kid[i], "leave of %s needs from and to", l->person);
		if (l->to <= l->from)
			return hl_cfg_fail(c, v->kid[i], "leave of %s ends before it starts", l->person);
		if (l->delegate && hl_streq(l->delegate, l->person))
			return hl_cfg_fail(c, v->kid[i], "%s cannot stand in for themselves", l->person);
	}
	return 0;
}

int hl_roster_check(struct hl_cfgctx *c, const struct hl_node *roster,
		    const struct hl_node *leave, const struct hl_config *cfg)
{
	const struct hl_roster *r = cfg->roster;
	for (size_t i = 0; roster && r && i < r->nshifts; i++) {
		const struct hl_shift *s = &r->shifts[i];
		for (size_t j = 0; j < s->npeople; j++)
			if (hl_config_need_person(c, hl_cfg_child(roster->kid[i], "people"), cfg, s->people[j]))
				return -1;
		for (size_t j = 0; j < s->nrotate; j++)
			if (hl_config_need_person(c, hl_cfg_child(roster->kid[i], "rotate"), cfg, s->rotate[j]))
				return -1;
	}
	for (size_t i = 0; leave && r && i < r->nleave; i++) {
		if (hl_config_need_person(c, hl_cfg_child(leave->kid[i], "person"), cfg, r->leave[i].person) ||
		    hl_config_need_person(c, hl_cfg_child(leave->kid[i], "delegate"), cfg, r->leave[i].delegate))
			return -1;
	}
	return 0;
}

void hl_roster_free(struct hl_roster *r)
{
	if (!r)
		return;
	free_shifts(r);
	free_leave(r);
	free(r);
}

const struct hl_dept *hl_config_dept(const struct hl_config *cfg, const char *name)
{
	const size_t *at = hl_strmap_get(&cfg->dept_index, name);
	return at && *at <= cfg->ndepts ? &cfg->depts[*at - 1] : NULL;
}
const struct hl_person *hl_config_person(const struct hl_config *cfg, const char *name)
{
	const size_t *at = hl_strmap_get(&cfg->staff_index, name);
	return at && *at <= cfg->nstaff ? &cfg->staff[*at - 1] : NULL;
}
int hl_config_need_person(struct hl_cfgctx *c, const struct hl_node *at,
			  const struct hl_config *cfg, const char *who)
{
	if (who && !hl_config_person(cfg, who))
		return hl_cfg_fail(c, at, "unknown person '%s'", who);
	return 0;
}
