/* cfgparse.c - typed values out of the configuration's YAML tree */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hl/cfgparse.h"
#include "hl/strmap.h"

int hl_cfg_fail(struct hl_cfgctx *c, const struct hl_node *n, const char *fmt, ...)
{
	struct hl_buf m = {0};
	va_list ap;
	va_start(ap, fmt);
	hl_buf_vprintf(&m, fmt, ap);
	va_end(ap);
	hl_fail(c->err, "%s:%d:%d: %s", c->name, n->line, n->col, m.s);
	hl_buf_free(&m);
	return -1;
}

int hl_cfg_want(struct hl_cfgctx *c, const struct hl_node *n, enum hl_node_type t,
		const char *key)
{
	if (n->type == t && !(t == HL_NODE_SCALAR && n->is_null))
		return 0;
	const char *kind = t == HL_NODE_SCALAR ? "a value" : t == HL_NODE_SEQ ? "a list" : "a mapping";
	return hl_cfg_fail(c, n, "'%s' must be %s, not %s", key, kind,
			   n->is_null ? "empty" : hl_node_kind(n));
}

int hl_cfg_unknown(struct hl_cfgctx *c, const struct hl_node *k)
{
	return hl_cfg_fail(c, k, "unknown key '%s'", k->value);
}

const struct hl_node *hl_cfg_child(const struct hl_node *map, const char *key)
{
	for (size_t i = 0; map->type == HL_NODE_MAP && i + 1 < map->n; i += 2)
		if (hl_streq(map->kid[i]->value, key))
			return map->kid[i + 1];
	return map;
}

int hl_cfg_each_key(struct hl_cfgctx *c, const struct hl_node *map, const char *what,
		    hl_cfg_key_fn fn, void *obj)
{
	if (map->type == HL_NODE_SCALAR && map->is_null)
		return 0;
	if (hl_cfg_want(c, map, HL_NODE_MAP, what))
		return -1;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (fn(c, map->kid[i]->value, map->kid[i], map->kid[i + 1], obj))
			return -1;
	return 0;
}

int hl_cfg_each_item(struct hl_cfgctx *c, const struct hl_node *seq, const char *what,
		     int (*fn)(struct hl_cfgctx *c, const struct hl_node *item, void *obj),
		     void *obj)
{
	if (seq->type == HL_NODE_SCALAR && seq->is_null)
		return 0;
	if (hl_cfg_want(c, seq, HL_NODE_SEQ, what))
		return -1;
	for (size_t i = 0; i < seq->n; i++)
		if (fn(c, seq->kid[i], obj))
			return -1;
	return 0;
}

size_t hl_cfg_twice(char *const *names, size_t n)
{
	struct hl_strmap seen;
	size_t i;
	hl_strmap_init(&seen, 1);
	for (i = 0; i < n; i++) {
		size_t before = seen.n;
		hl_strmap_put(&seen, names[i]);
		if (seen.n == before)
			break;
	}
	hl_strmap_free(&seen);
	return i;
}

int hl_cfg_str(struct hl_cfgctx *c, const char *key, const struct hl_node *v, char **out)
{
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
		return -1;
	free(*out);
	*out = hl_xstrdup(v->value);
	return 0;
}

int hl_cfg_int(struct hl_cfgctx *c, const char *key, const struct hl_node *v, long min,
	       long max, int *out)
{
	long x;
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
		return -1;
	if (hl_parse_long(v->value, min, max, &x))
		return hl_cfg_fail(c, v, "'%s' must be a whole number from %ld to %ld", key, min, max);
	*out = (int)x;
	return 0;
}

/* The items of a value that may be one scalar or a list of them. */
static const struct hl_node *const *items_of(const struct hl_node *const *one,
					     size_t *n)
{
	const struct hl_node *v = *one;
	if (v->type == HL_NODE_SEQ) {
		*n = v->n;
		return (const struct hl_node *const *)v->kid;
	}
	*n = 1;
	return one;
}

int hl_cfg_strs(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		char ***out, size_t *n)
{
	size_t k;
	const struct hl_node *const *it = items_of(&v, &k);
	hl_cfg_free_strs(*out, *n);
	*out = hl_xcalloc(k, sizeof **out);
	*n = 0;
	for (size_t i = 0; i < k; i++) {
		if (hl_cfg_want(c, it[i], HL_NODE_SCALAR, key))
			return -1;
		(*out)[(*n)++] = hl_xstrdup(it[i]->value);
	}
	return 0;
}

void hl_cfg_free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int hl_cfg_vocab(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		 const struct hl_vocab *vocab, int *out)
{
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
		return -1;
	if ((*out = hl_vocab_parse(vocab, v->value)) < 0)
		return hl_cfg_fail(c, v, "unknown %s '%s'", vocab->what, v->value);
	return 0;
}

int hl_cfg_vocab_set(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		     const struct hl_vocab *vocab, unsigned *mask)
{
	size_t k;
	const struct hl_node *const *it = items_of(&v, &k);
	for (size_t i = 0; i < k; i++) {
		int x;
		if (hl_cfg_vocab(c, key, it[i], vocab, &x))
			return -1;
		*mask |= 1u << x;
	}
	return 0;
}

int hl_cfg_kinds_key(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		     struct hl_kinds *k)
{
	if (hl_streq(key, "category")) {
		/* a first level here; a second level (complaint/noise) or a code
		 * once the categories section is known (categories.c) */
		size_t n;
		const struct hl_node *const *it = items_of(&v, &n);
		for (size_t i = 0; i < n; i++) {
			int x;
			if (hl_cfg_want(c, it[i], HL_NODE_SCALAR, key))
				return -1;
			if ((x = hl_vocab_parse(&hl_categories, it[i]->value)) > 0)
				k->categories |= 1u << x;
			else
				k->unresolved++;
		}
		return 1;
	}
	if (hl_streq(key, "priority"))
		return hl_cfg_vocab_set(c, key, v, &hl_priorities, &k->priorities) ? -1 : 1;
	if (hl_streq(key, "channel"))
		return hl_cfg_vocab_set(c, key, v, &hl_channels, &k->channels) ? -1 : 1;
	return 0;
}

static int in_set(unsigned mask, int value)
{
	return !mask || (value && (mask & (1u << value)));
}

static int in_categories(const struct hl_kinds *k, int category, const char *cat2)
{
	if (!k->categories && !k->nsubs)
		return 1;
	if (category && (k->categories & (1u << category)))
		return 1;
	for (size_t i = 0; cat2 && i < k->nsubs; i++)
		if (k->subs[i].cat == category && hl_strcaseeq(k->subs[i].name, cat2))
			return 1;
	return 0;
}

const char *hl_kinds_mismatch(const struct hl_kinds *k, int category, const char *cat2,
			      int priority, int channel)
{
	if (!in_categories(k, category, cat2))
		return "category";
	if (!in_set(k->priorities, priority ? priority : HL_PRI_NORMAL))
		return "priority";
	return in_set(k->channels, channel) ? NULL : "channel";
}

void hl_kinds_free(struct hl_kinds *k)
{
	for (size_t i = 0; i < k->nsubs; i++)
		free(k->subs[i].name);
	free(k->subs);
	k->subs = NULL, k->nsubs = 0;
}

int hl_cfg_duration(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		    struct hl_duration *d)
{
	struct hl_buf e = {0};
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
		return -1;
	if (hl_duration_parse(v->value, d, &e)) {
		hl_cfg_fail(c, v, "%s", e.s);
		hl_buf_free(&e);
		return -1;
	}
	return 0;
}

static int two_digits(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' ? (s[0] - '0') * 10 + s[1] - '0' : -1;
}

int hl_cfg_clock(struct hl_cfgctx *c, const struct hl_node *v, const char *s, int *minutes)
{
	int ok = strlen(s) == 5 && s[2] == ':';
	int h = ok ? two_digits(s) : -1, m = ok ? two_digits(s + 3) : -1;
	if (h < 0 || m < 0 || h > 24 || m > 59 || (h == 24 && m))
		return hl_cfg_fail(c, v, "bad time of day '%s' (want HH:MM)", s);
	*minutes = h * 60 + m;
	return 0;
}

int hl_cfg_span(struct hl_cfgctx *c, const char *key, const struct hl_node *v, int cross,
		struct hl_span *out)
{
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
		return -1;
	const char *s = v->value;
	char from[8], to[8];
	const char *dash = strchr(s, '-');
	if (!dash || dash - s != 5 || strlen(dash + 1) != 5)
		return hl_cfg_fail(c, v, "bad hours '%s' (want e.g. 08:00-17:00)", s);
	memcpy(from, s, 5), from[5] = '\0';
	memcpy(to, dash + 1, 5), to[5] = '\0';
	if (hl_cfg_clock(c, v, from, &out->from) || hl_cfg_clock(c, v, to, &out->to))
		return -1;
	if (out->from == 1440)
		return hl_cfg_fail(c, v, "bad hours '%s' (want e.g. 08:00-17:00)", s);
	if (out->to == out->from || (!cross && out->to < out->from))
		return hl_cfg_fail(c, v, "hours '%s' end before they start", s);
	return 0;
}

static int weekday(const char *s, size_t n)
{
	static const char *const names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
	for (int d = 0; d < 7; d++)
		if (n == 3 && !strncmp(s, names[d], 3))
			return d;
	return -1;
}

int hl_cfg_days(struct hl_cfgctx *c, const char *key, const struct hl_node *v, unsigned *mask)
{
	size_t k;
	const struct hl_node *const *it = items_of(&v, &k);
	*mask = 0;
	for (size_t i = 0; i < k; i++) {
		if (hl_cfg_want(c, it[i], HL_NODE_SCALAR, key))
			return -1;
		const char *s = it[i]->value, *dash = strchr(s, '-');
		int a = weekday(s, dash ? (size_t)(dash - s) : strlen(s));
		int b = dash ? weekday(dash + 1, strlen(dash + 1)) : a;
		if (a < 0 || b < 0)
			return hl_cfg_fail(c, it[i], "bad days '%s' (want e.g. mon-fri, sat, sun)", s);
		for (int d = a;; d = (d + 1) % 7) {
			*mask |= 1u << d;
			if (d == b)
				break;
		}
	}
	return 0;
}

int hl_cfg_date(struct hl_cfgctx *c, const struct hl_node *v, const char *s, int64_t *day)
{
	int y = 0, m = -1, d = -1;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		for (int i = 0; i < 4 && y >= 0; i++)
			y = s[i] >= '0' && s[i] <= '9' ? y * 10 + s[i] - '0' : -1;
		m = two_digits(s + 5);
		d = two_digits(s + 8);
	}
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > hl_days_in_month(y, m))
		return hl_cfg_fail(c, v, "bad date '%s' (want YYYY-MM-DD)", s);
	*day = hl_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}
