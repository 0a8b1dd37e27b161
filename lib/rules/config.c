/* config.c - hotline.yaml read into typed sections, every error placed */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hl/config.h"
#include "hl/cfgparse.h"
#include "hl/categories.h"
#include "rules/roster.h"
#include "hl/route.h"
#include "hl/yamltree.h"

/* Largest configuration file read: far above any real hotline's. */
#define MAX_CONFIG_BYTES (16 * 1024 * 1024)

/* ---- ticket, followup, timezone ---- */

static int ticket_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		      const struct hl_node *v, void *obj)
{
	struct hl_config *cfg = obj;
	if (hl_streq(key, "prefix")) {
		if (hl_cfg_str(c, key, v, &cfg->prefix))
			return -1;
		for (const char *p = cfg->prefix; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			      (*p >= '0' && *p <= '9')))
				return hl_cfg_fail(c, v, "ticket prefix '%s' must be letters and digits", cfg->prefix);
		if (strlen(cfg->prefix) > 16)
			return hl_cfg_fail(c, v, "ticket prefix '%s' is longer than 16", cfg->prefix);
		if (!*cfg->prefix) /* an id must start with a letter or digit */
			return hl_cfg_fail(c, v, "ticket prefix is empty");
		return 0;
	}
	if (hl_streq(key, "digits"))
		return hl_cfg_int(c, key, v, 1, 9, &cfg->digits);
	return hl_cfg_unknown(c, k);
}

static int followup_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
			const struct hl_node *v, void *obj)
{
	struct hl_config *cfg = obj;
	struct hl_duration d;
	if (hl_streq(key, "reopen_at"))
		return hl_cfg_int(c, key, v, 0, 5, &cfg->reopen_at);
	if (hl_streq(key, "autoclose")) {
		/* 0 keeps resolved tickets live for ever */
		if (v->type == HL_NODE_SCALAR && v->value && hl_streq(v->value, "0")) {
			cfg->autoclose = 0;
			return 0;
		}
		if (hl_cfg_duration(c, key, v, &d))
			return -1;
		if (d.unit != HL_DUR_CLOCK || d.amount <= 0)
			return hl_cfg_fail(c, v, "autoclose wants a clock duration such as 7d, or 0");
		cfg->autoclose = d.amount;
		return 0;
	}
	if (hl_streq(key, "satisfied_at"))
		return hl_cfg_int(c, key, v, 2, 5, &cfg->satisfied_at);
	if (hl_streq(key, "fair_at"))
		return hl_cfg_int(c, key, v, 1, 4, &cfg->fair_at);
	return hl_cfg_unknown(c, k);
}

static int check_zone(struct hl_cfgctx *c, const struct hl_node *v)
{
	const char *tz = v->value;
	const char *dir = getenv("TZDIR");
	struct hl_buf path = {0};
	struct stat st;
	if (strstr(tz, "..") || tz[0] == '/')
		return hl_cfg_fail(c, v, "unknown time zone '%s'", tz);
	hl_buf_printf(&path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	int ok = stat(path.s, &st) == 0 && S_ISREG(st.st_mode);
	hl_buf_free(&path);
	if (!ok && !hl_streq(tz, "UTC"))
		return hl_cfg_fail(c, v, "unknown time zone '%s' (want e.g. Asia/Shanghai)", tz);
	return 0;
}

/* ---- departments and staff ---- */

static int dept_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		    const struct hl_node *v, void *obj)
{
	struct hl_dept *d = obj;
	char **field = hl_streq(key, "name") ? &d->name
		       : hl_streq(key, "head") ? &d->head
		       : hl_streq(key, "leader") ? &d->leader
		       : hl_streq(key, "phone") ? &d->phone
		       : hl_streq(key, "email") ? &d->email : NULL;
	if (!field)
		return hl_cfg_unknown(c, k);
	return hl_cfg_str(c, key, v, field);
}

static int person_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		      const struct hl_node *v, void *obj)
{
	struct hl_person *p = obj;
	if (hl_streq(key, "roles")) {
		hl_cfg_free_strs(p->roles, p->nroles);
		p->roles = NULL, p->nroles = 0;
		return hl_cfg_strs(c, key, v, &p->roles, &p->nroles);
	}
	char **field = hl_streq(key, "name") ? &p->name
		       : hl_streq(key, "dept") ? &p->dept
		       : hl_streq(key, "role") ? &p->role
		       : hl_streq(key, "phone") ? &p->phone
		       : hl_streq(key, "email") ? &p->email : NULL;
	if (!field)
		return hl_cfg_unknown(c, k);
	return hl_cfg_str(c, key, v, field);
}

static void free_dept(struct hl_dept *d)
{
	free(d->name), free(d->head), free(d->leader), free(d->phone), free(d->email);
}

static void free_person(struct hl_person *p)
{
	free(p->name), free(p->dept), free(p->role), free(p->phone), free(p->email);
	hl_cfg_free_strs(p->roles, p->nroles);
}

static int parse_depts(struct hl_cfgctx *c, const struct hl_node *seq, struct hl_config *cfg)
{
	if (hl_cfg_want(c, seq, HL_NODE_SEQ, "departments"))
		return -1;
	cfg->depts = hl_xcalloc(seq->n, sizeof *cfg->depts);
	for (size_t i = 0; i < seq->n; i++) {
		struct hl_dept *d = &cfg->depts[cfg->ndepts++];
		if (hl_cfg_each_key(c, seq->kid[i], "department", dept_key, d))
			return -1;
		if (!d->name)
			return hl_cfg_fail(c, seq->kid[i], "department without %s", "name");
		size_t *at = hl_strmap_put(&cfg->dept_index, d->name);
		if (*at)
			return hl_cfg_fail(c, seq->kid[i], "department '%s' is listed twice", d->name);
		*at = i + 1;
	}
	return 0;
}

static int parse_staff(struct hl_cfgctx *c, const struct hl_node *seq, struct hl_config *cfg)
{
	if (hl_cfg_want(c, seq, HL_NODE_SEQ, "staff"))
		return -1;
	cfg->staff = hl_xcalloc(seq->n, sizeof *cfg->staff);
	for (size_t i = 0; i < seq->n; i++) {
		struct hl_person *p = &cfg->staff[cfg->nstaff++];
		if (hl_cfg_each_key(c, seq->kid[i], "person", person_key, p))
			return -1;
		if (!p->name)
			return hl_cfg_fail(c, seq->kid[i], "person without %s", "name");
		size_t *at = hl_strmap_put(&cfg->staff_index, p->name);
		if (*at)
			return hl_cfg_fail(c, seq->kid[i], "'%s' is listed twice in staff", p->name);
		*at = i + 1;
	}
	return 0;
}

/* Every name a department or person refers to must exist. */
static const struct hl_node *section(const struct hl_node *root, const char *key)
{
	for (size_t i = 0; i + 1 < root->n; i += 2)
		if (hl_streq(root->kid[i]->value, key))
			return root->kid[i + 1];
	return NULL;
}

static int dup_vocab(struct hl_cfgctx *c, const struct hl_node *sect, struct hl_config *cfg);

/* Every name a section refers to must exist, wherever in the file (or in
 * the defaults) it is defined. */
static int check_refs(struct hl_cfgctx *c, const struct hl_node *root, struct hl_config *cfg)
{
	const struct hl_node *staff = section(root, "staff"), *routes = section(root, "routes");
	const struct hl_node *depts = section(root, "departments");
	/* a head or leader is told of late tickets: a name nobody answers
	 * to would be a notice lost (checked once there is a staff list) */
	for (size_t i = 0; depts && cfg->nstaff && i < cfg->ndepts && i < depts->n; i++) {
		const struct hl_dept *d = &cfg->depts[i];
		if (d->head && !hl_config_person(cfg, d->head))
			return hl_cfg_fail(c, depts->kid[i], "head '%s' of %s is not on the staff list",
					   d->head, d->name);
		if (d->leader && !hl_config_person(cfg, d->leader))
			return hl_cfg_fail(c, depts->kid[i],
					   "leader '%s' of %s is not on the staff list", d->leader,
					   d->name);
	}
	for (size_t i = 0; staff && i < cfg->nstaff; i++) {
		const char *d = cfg->staff[i].dept;
		if (d && cfg->ndepts && !hl_config_dept(cfg, d))
			return hl_cfg_fail(c, staff->kid[i], "unknown department '%s'", d);
	}
	if (hl_roster_check(c, section(root, "roster"), section(root, "leave"), cfg))
		return -1;
	const struct hl_node *calls = section(root, "calls"), *agents = NULL;
	if (calls && hl_cfg_child(calls, "agents") != calls)
		agents = hl_cfg_child(calls, "agents");
	for (size_t i = 0; agents && agents->type == HL_NODE_MAP && cfg->nstaff && i < cfg->calls.nagents; i++)
		if (hl_config_need_person(c, agents->kid[2 * i + 1], cfg, cfg->calls.agent_names[i]))
			return -1;
	const char *owner = cfg->calls.owner;
	if (owner && (cfg->nstaff || cfg->ndepts) && !hl_config_person(cfg, owner) && !hl_config_dept(cfg, owner))
		return hl_cfg_fail(c, hl_cfg_child(calls, "owner"), "calls owner '%s' is neither a person nor a department", owner);
	/* second levels in rules' matches, once the categories are known */
	const struct hl_node *sla = section(root, "sla");
	for (size_t i = 0; sla && sla->type == HL_NODE_SEQ && i < cfg->nsla && i < sla->n; i++)
		if (hl_config_kinds_resolve(c, sla->kid[i], cfg, &cfg->sla[i].kinds))
			return -1;
	for (size_t i = 0; routes && routes->type == HL_NODE_SEQ && cfg->routes &&
			   i < cfg->routes->n && i < routes->n; i++)
		if (hl_config_kinds_resolve(c, routes->kid[i], cfg, &cfg->routes->rule[i].kinds))
			return -1;
	if (routes && !routes->is_null && hl_routes_check(c, routes, cfg))
		return -1;
	const struct hl_node *dups = section(root, "duplicates");
	return cfg->dups.on ? dup_vocab(c, dups ? dups : root, cfg) : 0;
}

/* ---- sla ---- */

static int match_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		     const struct hl_node *v, void *obj)
{
	struct hl_sla_rule *r = obj;
	int known = hl_cfg_kinds_key(c, key, v, &r->kinds);
	return known ? (known < 0 ? -1 : 0) : hl_cfg_unknown(c, k);
}

static int sla_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		   const struct hl_node *v, void *obj)
{
	struct hl_sla_rule *r = obj;
	if (hl_streq(key, "name"))
		return hl_cfg_str(c, key, v, &r->name);
	if (hl_streq(key, "match"))
		return hl_cfg_each_key(c, v, "match", match_key, r);
	if (hl_streq(key, "callback_day"))
		return r->has_callback_day = 1, hl_cfg_duration(c, key, v, &r->callback_day);
	if (hl_streq(key, "daytime"))
		return hl_cfg_span(c, key, v, 0, &r->daytime);
	for (int i = 0; i < HL_NCLOCKS; i++) {
		if (!hl_streq(key, hl_clock_names[i]))
			continue;
		r->has |= 1u << i;
		return hl_cfg_duration(c, key, v, &r->due[i]);
	}
	return hl_cfg_unknown(c, k);
}

static int parse_sla(struct hl_cfgctx *c, const struct hl_node *seq, struct hl_config *cfg)
{
	if (hl_cfg_want(c, seq, HL_NODE_SEQ, "sla"))
		return -1;
	cfg->sla = hl_xcalloc(seq->n, sizeof *cfg->sla);
	for (size_t i = 0; i < seq->n; i++) {
		struct hl_sla_rule *r = &cfg->sla[cfg->nsla++];
		if (hl_cfg_each_key(c, seq->kid[i], "sla rule", sla_key, r))
			return -1;
		if (!r->name)
			return hl_cfg_fail(c, seq->kid[i], "sla rule without %s", "name");
		if (r->has_callback_day && !r->daytime.to) /* hotline.yaml(5)'s default */
			r->daytime = (struct hl_span){8 * 60, 20 * 60};
	}
	return 0;
}

/* ---- escalation ---- */

static int manager_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		       const struct hl_node *v, void *obj)
{
	struct hl_ladder *l = obj;
	if (hl_streq(key, "name"))
		return hl_cfg_str(c, key, v, &l->manager);
	if (hl_streq(key, "phone"))
		return hl_cfg_str(c, key, v, &l->manager_phone);
	if (hl_streq(key, "email"))
		return hl_cfg_str(c, key, v, &l->manager_email);
	return hl_cfg_unknown(c, k);
}

static int percent(struct hl_cfgctx *c, const struct hl_node *v, int *out)
{
	struct hl_buf num = {0};
	long x;
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, "warn"))
		return -1;
	hl_buf_adds(&num, v->value);
	if (num.len && num.s[num.len - 1] == '%')
		num.s[--num.len] = '\0';
	int bad = hl_parse_long(num.s, 0, 99, &x);
	hl_buf_free(&num);
	if (bad)
		return hl_cfg_fail(c, v, "'warn' must be a share from 0%% to 99%%, not '%s'", v->value);
	*out = (int)x;
	return 0;
}

static int ladder_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		      const struct hl_node *v, void *obj)
{
	struct hl_ladder *l = obj;
	struct hl_duration d;
	if (hl_streq(key, "warn"))
		return percent(c, v, &l->warn_percent);
	if (hl_streq(key, "leader_after"))
		return hl_cfg_duration(c, key, v, &l->leader_after);
	if (hl_streq(key, "manager_after"))
		return hl_cfg_duration(c, key, v, &l->manager_after);
	if (hl_streq(key, "manager"))
		return hl_cfg_each_key(c, v, key, manager_key, l);
	if (hl_streq(key, "quiet"))
		return l->has_quiet = 1, hl_cfg_span(c, key, v, 1, &l->quiet);
	if (hl_streq(key, "repeat")) {
		if (hl_cfg_duration(c, key, v, &d))
			return -1;
		if (d.unit != HL_DUR_CLOCK)
			return hl_cfg_fail(c, v, "repeat wants a clock duration such as 30d");
		l->repeat = d.amount;
		return 0;
	}
	return hl_cfg_unknown(c, k);
}

static void free_ladder(struct hl_ladder *l)
{
	free(l->manager);
	free(l->manager_phone);
	free(l->manager_email);
	memset(l, 0, sizeof *l);
}

/* ---- penalties ---- */

static int amounts(struct hl_cfgctx *c, const char *key, const struct hl_node *v, int **out,
		   size_t *n)
{
	if (hl_cfg_want(c, v, HL_NODE_SEQ, key))
		return -1;
	free(*out);
	*out = hl_xcalloc(v->n, sizeof **out);
	*n = v->n;
	for (size_t i = 0; i < v->n; i++)
		if (hl_cfg_int(c, key, v->kid[i], 0, 1000000, &(*out)[i]))
			return -1;
	return 0;
}

static int penalty_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		       const struct hl_node *v, void *obj)
{
	struct hl_penalties *p = obj;
	if (hl_streq(key, "callback"))
		return amounts(c, key, v, &p->callback, &p->ncallback);
	if (hl_streq(key, "ticket"))
		return amounts(c, key, v, &p->ticket, &p->nticket);
	if (hl_streq(key, "repeat_factor"))
		return hl_cfg_int(c, key, v, 1, 10, &p->repeat_factor);
	return hl_cfg_unknown(c, k);
}

/* ---- duplicates ---- */

static void fold_latin(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

static int dup_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		   const struct hl_node *v, void *obj)
{
	struct hl_dupconf *d = obj;
	struct hl_duration w;
	if (hl_streq(key, "window")) {
		if (hl_cfg_duration(c, key, v, &w))
			return -1;
		if (w.unit != HL_DUR_CLOCK || w.amount <= 0)
			return hl_cfg_fail(c, v, "window wants a clock duration such as 24h");
		d->window = w.amount;
		return 0;
	}
	if (hl_streq(key, "keywords"))
		return hl_cfg_int(c, key, v, 1, 99, &d->need);
	if (hl_streq(key, "words")) {
		hl_cfg_free_strs(d->words, d->nwords);
		d->words = NULL, d->nwords = 0;
		if (hl_cfg_strs(c, key, v, &d->words, &d->nwords))
			return -1;
		for (size_t i = 0; i < d->nwords; i++) {
			if (!*d->words[i]) /* it would be in every text */
				return hl_cfg_fail(c, v, "empty word in words");
			fold_latin(d->words[i]);
		}
		return 0;
	}
	return hl_cfg_unknown(c, k);
}

static void free_dups(struct hl_dupconf *d)
{
	hl_cfg_free_strs(d->words, d->nwords);
	free(d->vocab);
	memset(d, 0, sizeof *d);
}

/* w joins the vocabulary unless it is in it already. */
static void add_word(struct hl_dupconf *d, struct hl_strmap *seen, const char *w)
{
	size_t before = seen->n;
	hl_strmap_put(seen, w);
	if (seen->n > before)
		d->vocab[d->nvocab++] = w;
}

/* The vocabulary, each word once; an error when it cannot give the
 * shared words asked for (no ticket would ever be suggested). */
static int dup_vocab(struct hl_cfgctx *c, const struct hl_node *sect, struct hl_config *cfg)
{
	struct hl_dupconf *d = &cfg->dups;
	const struct hl_routes *rs = cfg->routes;
	struct hl_strmap seen;
	size_t n = d->nwords;
	for (size_t i = 0; rs && i < rs->n; i++)
		n += rs->rule[i].nkeywords;
	free(d->vocab);
	d->vocab = hl_xcalloc(n ? n : 1, sizeof *d->vocab);
	d->nvocab = 0;
	hl_strmap_init(&seen, 1);
	for (size_t i = 0; rs && i < rs->n; i++)
		for (size_t j = 0; j < rs->rule[i].nkeywords; j++)
			if (*rs->rule[i].keywords[j]) /* an empty one would be in every text */
				add_word(d, &seen, rs->rule[i].keywords[j]);
	for (size_t i = 0; i < d->nwords; i++)
		add_word(d, &seen, d->words[i]);
	hl_strmap_free(&seen);
	if ((size_t)d->need > d->nvocab)
		return hl_cfg_fail(c, hl_cfg_child(sect, "keywords"),
				   "keywords: %d shared words needed, but the routes' keywords and "
				   "words give only %zu", d->need, d->nvocab);
	return 0;
}

/* ---- sections ---- */

static void clear_section(struct hl_config *cfg, const char *key)
{
	if (hl_streq(key, "departments")) {
		for (size_t i = 0; i < cfg->ndepts; i++)
			free_dept(&cfg->depts[i]);
		free(cfg->depts);
		cfg->depts = NULL, cfg->ndepts = 0;
		hl_strmap_free(&cfg->dept_index);
		hl_strmap_init(&cfg->dept_index, sizeof(size_t));
	} else if (hl_streq(key, "staff")) {
		for (size_t i = 0; i < cfg->nstaff; i++)
			free_person(&cfg->staff[i]);
		free(cfg->staff);
		cfg->staff = NULL, cfg->nstaff = 0;
		hl_strmap_free(&cfg->staff_index);
		hl_strmap_init(&cfg->staff_index, sizeof(size_t));
	} else if (hl_streq(key, "sla")) {
		for (size_t i = 0; i < cfg->nsla; i++) {
			free(cfg->sla[i].name);
			hl_kinds_free(&cfg->sla[i].kinds);
		}
		free(cfg->sla);
		cfg->sla = NULL, cfg->nsla = 0;
	}
}

/* ---- extension (延期) ---- */

static int extension_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
			 const struct hl_node *v, void *obj)
{
	struct hl_config *cfg = obj;
	if (hl_streq(key, "max"))
		return hl_cfg_int(c, key, v, 0, 99, &cfg->ext_max);
	if (hl_streq(key, "approver")) {
		free(cfg->ext_approver);
		cfg->ext_approver = NULL;
		return hl_cfg_str(c, key, v, &cfg->ext_approver);
	}
	return hl_cfg_unknown(c, k);
}

int hl_config_has_role(const struct hl_config *cfg, const char *name, const char *role)
{
	const struct hl_person *p = name ? hl_config_person(cfg, name) : NULL;
	for (size_t i = 0; p && role && i < p->nroles; i++)
		if (hl_streq(p->roles[i], role))
			return 1;
	return 0;
}

int hl_config_reviews(const struct hl_config *cfg, enum hl_category cat)
{
	return cat > 0 && (cfg->review & (1u << cat));
}

static int top_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		   const struct hl_node *v, void *obj)
{
	struct hl_config *cfg = obj;
	clear_section(cfg, key);
	if (hl_streq(key, "timezone")) {
		if (v->is_null) {
			free(cfg->timezone);
			cfg->timezone = NULL;
			return 0;
		}
		return hl_cfg_str(c, key, v, &cfg->timezone) || check_zone(c, v);
	}
	if (hl_streq(key, "organisation") || hl_streq(key, "unit")) {
		char **field = hl_streq(key, "unit") ? &cfg->unit : &cfg->organisation;
		free(*field);
		*field = NULL;
		return v->is_null ? 0 : hl_cfg_str(c, key, v, field);
	}
	if (hl_streq(key, "country_code")) {
		if (!v->is_null && hl_cfg_want(c, v, HL_NODE_SCALAR, key))
			return -1;
		if (v->is_null || hl_streq(v->value, "none") || !*v->value) {
			cfg->country_code[0] = '\0';
			return 0;
		}
		const char *d = v->value + (v->value[0] == '+');
		if (!*d || strlen(d) > 3 ||
		    strspn(d, "0123456789") != strlen(d) || *d == '0')
			return hl_cfg_fail(c, v, "country_code wants a calling code (86), or none");
		snprintf(cfg->country_code, sizeof cfg->country_code, "%s", d);
		return 0;
	}
	if (hl_streq(key, "ticket"))
		return hl_cfg_each_key(c, v, key, ticket_key, cfg);
	if (hl_streq(key, "followup")) {
		if (hl_cfg_each_key(c, v, key, followup_key, cfg))
			return -1;
		if (cfg->fair_at >= cfg->satisfied_at)
			return hl_cfg_fail(c, v, "fair_at (%d) must be below satisfied_at (%d)",
					   cfg->fair_at, cfg->satisfied_at);
		return 0;
	}
	if (hl_streq(key, "departments"))
		return v->is_null ? 0 : parse_depts(c, v, cfg);
	if (hl_streq(key, "staff"))
		return v->is_null ? 0 : parse_staff(c, v, cfg);
	if (hl_streq(key, "sla"))
		return v->is_null ? 0 : parse_sla(c, v, cfg);
	if (hl_streq(key, "calendar"))
		return hl_calendar_parse(c, v, &cfg->cal);
	if (hl_streq(key, "roster"))
		return hl_roster_parse(c, v, cfg);
	if (hl_streq(key, "leave"))
		return hl_leave_parse(c, v, cfg);
	if (hl_streq(key, "routes"))
		return hl_routes_parse(c, v, cfg);
	if (hl_streq(key, "escalation"))
		return hl_cfg_each_key(c, v, key, ladder_key, &cfg->ladder);
	if (hl_streq(key, "calls"))
		return hl_telephony_parse(c, v, &cfg->calls);
	if (hl_streq(key, "extension"))
		return hl_cfg_each_key(c, v, key, extension_key, cfg);
	if (hl_streq(key, "categories"))
		return hl_categories_parse(c, v, cfg);
	if (hl_streq(key, "review")) {
		cfg->review = 0;
		return v->is_null ? 0 : hl_cfg_vocab_set(c, key, v, &hl_categories, &cfg->review);
	}
	if (hl_streq(key, "duplicates")) {
		free_dups(&cfg->dups);
		cfg->dups.on = 1;
		cfg->dups.window = 86400;
		cfg->dups.need = 1;
		return hl_cfg_each_key(c, v, key, dup_key, &cfg->dups);
	}
	if (hl_streq(key, "penalties")) {
		free(cfg->penalties.callback);
		free(cfg->penalties.ticket);
		memset(&cfg->penalties, 0, sizeof cfg->penalties);
		cfg->penalties.repeat_factor = 1;
		return hl_cfg_each_key(c, v, key, penalty_key, &cfg->penalties);
	}
	return hl_cfg_unknown(c, k);
}

static int apply_text(const char *name, const char *text, size_t len,
		      struct hl_config *cfg, struct hl_buf *err)
{
	struct hl_cfgctx c = {name, err};
	struct hl_node *root = hl_yaml_load(name, text, len, err);
	if (!root)
		return -1;
	int rc = hl_cfg_each_key(&c, root, "the configuration", top_key, cfg);
	if (!rc)
		rc = check_refs(&c, root, cfg);
	hl_node_free(root);
	return rc;
}

static void set_zone(const struct hl_config *cfg)
{
	if (cfg->timezone) {
		setenv("TZ", cfg->timezone, 1);
		tzset();
	}
}

/* FNV-1a over the text and the zone the tools run in */
static uint64_t fingerprint(const char *text, size_t len)
{
	const char *tz = getenv("TZ");
	uint64_t h = hl_fnv(HL_FNV_START, text, len);
	return tz ? hl_fnv(h, tz, strlen(tz)) : h;
}

int hl_config_load_text(const char *name, const char *text, size_t len,
			struct hl_config *cfg, struct hl_buf *err)
{
	memset(cfg, 0, sizeof *cfg);
	hl_strmap_init(&cfg->dept_index, sizeof(size_t));
	hl_strmap_init(&cfg->staff_index, sizeof(size_t));
	cfg->prefix = hl_xstrdup("HL");
	cfg->digits = 4;
	cfg->reopen_at = 2;
	cfg->autoclose = 7 * 86400;
	cfg->satisfied_at = 5;
	cfg->fair_at = 4;
	cfg->ext_max = 2;
	cfg->ext_approver = hl_xstrdup("approver");
	strcpy(cfg->country_code, "86");
	hl_telephony_defaults(&cfg->calls);
	if (apply_text("(defaults)", hl_default_config, strlen(hl_default_config), cfg, err) ||
	    (text && apply_text(name, text, len, cfg, err))) {
		hl_config_free(cfg);
		return -1;
	}
	cfg->source = hl_xstrdup(text ? name : "(defaults)");
	set_zone(cfg);
	hl_phone_set_country(cfg->country_code);
	cfg->fingerprint = fingerprint(text, text ? len : 0);
	return 0;
}

static int slurp(const char *path, struct hl_buf *out, struct hl_buf *err)
{
	FILE *fp = fopen(path, "r");
	char chunk[8192];
	size_t n;
	if (!fp)
		return hl_fail(err, "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		hl_buf_add(out, chunk, n);
		if (out->len > MAX_CONFIG_BYTES) {
			fclose(fp);
			return hl_fail(err, "%s: larger than %d bytes", path, MAX_CONFIG_BYTES);
		}
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad)
		return hl_fail(err, "%s: read error", path);
	return 0;
}

int hl_config_load(const char *path, struct hl_config *cfg, struct hl_buf *err)
{
	if (!path || !*path)
		path = getenv("HL_CONFIG");
	if ((!path || !*path) && access("hotline.yaml", F_OK) == 0)
		path = "hotline.yaml";
	if (!path || !*path)
		return hl_config_load_text(NULL, NULL, 0, cfg, err);
	struct hl_buf text = {0};
	int rc = slurp(path, &text, err);
	if (!rc)
		rc = hl_config_load_text(path, hl_buf_str(&text), text.len, cfg, err);
	hl_buf_free(&text);
	return rc;
}

void hl_config_free(struct hl_config *cfg)
{
	clear_section(cfg, "departments");
	clear_section(cfg, "staff");
	clear_section(cfg, "sla");
	hl_calendar_free(&cfg->cal);
	hl_roster_free(cfg->roster);
	hl_routes_free(cfg->routes);
	free_ladder(&cfg->ladder);
	free(cfg->penalties.callback);
	free(cfg->penalties.ticket);
	hl_telephony_free(&cfg->calls);
	free_dups(&cfg->dups);
	hl_categories_free(cfg);
	free(cfg->source);
	free(cfg->timezone);
	free(cfg->prefix);
	free(cfg->organisation);
	free(cfg->unit);
	free(cfg->ext_approver);
	memset(cfg, 0, sizeof *cfg);
}

enum hl_result hl_config_result_of(const struct hl_config *cfg, int score)
{
	return score >= cfg->satisfied_at ? HL_RES_SATISFIED
	       : score >= cfg->fair_at	  ? HL_RES_FAIR
					  : HL_RES_UNSATISFIED;
}

int hl_config_score_of(const struct hl_config *cfg, enum hl_result r)
{
	return r == HL_RES_SATISFIED ? 5 : r == HL_RES_FAIR ? cfg->fair_at : 1;
}

int hl_config_load_at(const char *path, const char *now_arg, struct hl_config *cfg,
		      struct hl_time *now, struct hl_buf *err)
{
	if (hl_config_load(path, cfg, err))
		return -1;
	if (hl_time_now(now, err) || (now_arg && hl_time_parse_user(now_arg, now->t, now, err))) {
		hl_config_free(cfg);
		return -1;
	}
	return 0;
}
