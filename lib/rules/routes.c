/* routes.c - the routes section: ordered rules, conditions and targets */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "hl/config.h"
#include "hl/route.h"
#include "hl/strmap.h"

/* A glob fnmatch(3) can take: brackets closed, no dangling backslash. */
static int glob_ok(const char *g)
{
	for (const char *p = g; *p; p++) {
		if (*p == '\\' && !*++p)
			return 0;
		if (*p == '[') {
			const char *q = p + 1;
			if (*q == '!' || *q == '^')
				q++;
			if (*q == ']')
				q++;
			while (*q && *q != ']')
				q++;
			if (!*q)
				return 0;
			p = q;
		}
	}
	return 1;
}

static void fold_latin(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int match_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		     const struct hl_node *v, void *obj)
{
	struct hl_route_rule *r = obj;
	int known = hl_cfg_kinds_key(c, key, v, &r->kinds);
	r->nconditions++;
	if (known)
		return known < 0 ? -1 : 0;
	if (hl_streq(key, "place")) {
		if (hl_cfg_strs(c, key, v, &r->places, &r->nplaces))
			return -1;
		for (size_t i = 0; i < r->nplaces; i++)
			if (!glob_ok(r->places[i]))
				return hl_cfg_fail(c, v, "bad glob '%s' (an unclosed [ or a trailing \\)",
						   r->places[i]);
		return 0;
	}
	if (hl_streq(key, "keywords")) {
		if (hl_cfg_strs(c, key, v, &r->keywords, &r->nkeywords))
			return -1;
		for (size_t i = 0; i < r->nkeywords; i++)
			fold_latin(r->keywords[i]);
		return 0;
	}
	if (hl_streq(key, "repeat")) {
		struct hl_duration d;
		if (hl_cfg_duration(c, key, v, &d))
			return -1;
		if (d.unit != HL_DUR_CLOCK || d.amount == 0)
			return hl_cfg_fail(c, v, "repeat wants a clock duration such as 30d");
		r->repeat = d.amount;
		return 0;
	}
	if (hl_streq(key, "time"))
		return r->has_time = 1, hl_cfg_span(c, key, v, 1, &r->time);
	return hl_cfg_unknown(c, k);
}

static int rule_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		    const struct hl_node *v, void *obj)
{
	struct hl_route_rule *r = obj;
	if (hl_streq(key, "name"))
		return hl_cfg_str(c, key, v, &r->name);
	if (hl_streq(key, "match"))
		return hl_cfg_each_key(c, v, key, match_key, r);
	if (hl_streq(key, "dept"))
		return hl_cfg_str(c, key, v, &r->dept);
	if (hl_streq(key, "person"))
		return hl_cfg_str(c, key, v, &r->person);
	if (hl_streq(key, "pool")) {
		if (hl_cfg_want(c, v, HL_NODE_SEQ, key) || hl_cfg_strs(c, key, v, &r->pool, &r->npool))
			return -1;
		if (!r->npool)
			return hl_cfg_fail(c, v, "empty pool");
		return 0;
	}
	if (hl_streq(key, "strategy")) {
		if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
			return -1;
		if (hl_streq(v->value, "round-robin"))
			r->strategy = HL_STRAT_ROUND_ROBIN;
		else if (hl_streq(v->value, "least-open"))
			r->strategy = HL_STRAT_LEAST_OPEN;
		else
			return hl_cfg_fail(c, v, "unknown strategy '%s' (round-robin or least-open)", v->value);
		return 0;
	}
	if (hl_streq(key, "priority")) {
		unsigned mask = 0;
		if (hl_cfg_want(c, v, HL_NODE_SCALAR, key) ||
		    hl_cfg_vocab_set(c, key, v, &hl_priorities, &mask))
			return -1;
		r->raise = __builtin_ctz(mask);
		return 0;
	}
	return hl_cfg_unknown(c, k);
}

static int check_rule_shape(struct hl_cfgctx *c, const struct hl_node *n, struct hl_route_rule *r)
{
	if (!r->name)
		return hl_cfg_fail(c, n, "route without name");
	if (hl_streq(r->name, "reopen"))
		return hl_cfg_fail(c, n, "route name 'reopen' is taken (it marks reopened tickets)");
	if (!r->dept)
		return hl_cfg_fail(c, n, "route '%s' without dept", r->name);
	if (r->person && r->npool)
		return hl_cfg_fail(c, n, "route '%s' has both person and pool", r->name);
	if (r->npool && !r->strategy)
		r->strategy = HL_STRAT_ROUND_ROBIN;
	if (r->strategy && !r->npool)
		return hl_cfg_fail(c, n, "route '%s' has a strategy but no pool", r->name);
	return 0;
}

int hl_routes_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg)
{
	hl_routes_free(cfg->routes);
	cfg->routes = hl_xcalloc(1, sizeof *cfg->routes);
	struct hl_routes *rs = cfg->routes;
	if (v->is_null)
		return 0;
	if (hl_cfg_want(c, v, HL_NODE_SEQ, "routes"))
		return -1;
	rs->rule = hl_xcalloc(v->n, sizeof *rs->rule);
	struct hl_strmap names;
	const char *catchall = NULL; /* an earlier rule that matches everything */
	int rc = 0;
	hl_strmap_init(&names, 1);
	for (size_t i = 0; rc == 0 && i < v->n; i++) {
		struct hl_route_rule *r = &rs->rule[rs->n++];
		size_t before = names.n;
		if (hl_cfg_each_key(c, v->kid[i], "route", rule_key, r) ||
		    check_rule_shape(c, v->kid[i], r))
			rc = -1;
		else if (hl_strmap_put(&names, r->name), names.n == before)
			rc = hl_cfg_fail(c, v->kid[i], "route '%s' is named twice", r->name);
		else if (catchall)
			rc = hl_cfg_fail(c, v->kid[i], "route '%s' can never match: '%s' before it matches everything",
					 r->name, catchall);
		else if (!r->nconditions)
			catchall = r->name;
	}
	hl_strmap_free(&names);
	return rc;
}

int hl_routes_check(struct hl_cfgctx *c, const struct hl_node *v, const struct hl_config *cfg)
{
	const struct hl_routes *rs = cfg->routes;
	for (size_t i = 0; rs && i < rs->n; i++) {
		const struct hl_route_rule *r = &rs->rule[i];
		const struct hl_node *n = v->kid[i];
		if (!hl_config_dept(cfg, r->dept))
			return hl_cfg_fail(c, hl_cfg_child(n, "dept"), "unknown department '%s'", r->dept);
		if (r->person && hl_config_need_person(c, hl_cfg_child(n, "person"), cfg, r->person))
			return -1;
		for (size_t j = 0; j < r->npool; j++)
			if (hl_config_need_person(c, hl_cfg_child(n, "pool"), cfg, r->pool[j]))
				return -1;
		size_t twice = hl_cfg_twice(r->pool, r->npool);
		if (twice < r->npool)
			return hl_cfg_fail(c, hl_cfg_child(n, "pool"), "'%s' is twice in the pool", r->pool[twice]);
	}
	return 0;
}

int hl_routes_index(const struct hl_routes *rs, const char *name)
{
	for (size_t i = 0; name && rs && i < rs->n; i++)
		if (hl_streq(rs->rule[i].name, name))
			return (int)i;
	return -1;
}

void hl_routes_free(struct hl_routes *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->n; i++) {
		struct hl_route_rule *r = &rs->rule[i];
		free(r->name);
		free(r->dept);
		free(r->person);
		hl_cfg_free_strs(r->places, r->nplaces);
		hl_cfg_free_strs(r->keywords, r->nkeywords);
		hl_cfg_free_strs(r->pool, r->npool);
		hl_kinds_free(&r->kinds);
	}
	free(rs->rule);
	free(rs);
}
