/* categories.c - the categories section: second levels under the first
 * (投诉/噪音, code 0301), as input takes them, reports show them and
 * rules match them */
#include <stdlib.h>
#include <string.h>

#include "hl/i18n.h"
#include "hl/phone.h"
#include "model/words.h"
#include "hl/categories.h"

/* ---- the section ---- */

struct item_ctx {
	struct hl_config *cfg;
	enum hl_category cat;
};

static int code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 16)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!((ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')))
			return 0;
	}
	return 1;
}

static int subcat_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		      const struct hl_node *v, void *obj)
{
	struct hl_subcat *s = obj;
	char **field = hl_streq(key, "name") ? &s->name
		       : hl_streq(key, "label") ? &s->label
		       : hl_streq(key, "code") ? &s->code : NULL;
	if (!field)
		return hl_cfg_unknown(c, k);
	return hl_cfg_str(c, key, v, field);
}

/* Another second level of the same category answering to word (its name
 * or label), or NULL. */
static const struct hl_subcat *clash(const struct hl_config *cfg, const struct hl_subcat *s,
				     const char *word)
{
	for (size_t i = 0; word && i < cfg->nsubcats; i++) {
		const struct hl_subcat *o = &cfg->subcats[i];
		if (o != s && o->cat == s->cat &&
		    (hl_strcaseeq(o->name, word) || (o->label && hl_streq(o->label, word))))
			return o;
	}
	return NULL;
}

static int check_subcat(struct hl_cfgctx *c, const struct hl_node *item,
			const struct hl_config *cfg, const struct hl_subcat *s)
{
	struct hl_buf e = {0};
	const char *first = hl_vocab_name(&hl_categories, s->cat);
	if (!s->name)
		return hl_cfg_fail(c, item, "second level of %s without name", first);
	if (hl_category2_check(s->name, &e)) {
		hl_cfg_fail(c, hl_cfg_child(item, "name"), "%s", e.s);
		hl_buf_free(&e);
		return -1;
	}
	if (s->label && strchr(s->label, '/'))
		return hl_cfg_fail(c, hl_cfg_child(item, "label"), "label '%s' has a slash "
				   "(it separates the levels)", s->label);
	const struct hl_subcat *o;
	if ((o = clash(cfg, s, s->name)))
		return hl_cfg_fail(c, item, "second level '%s' of %s is listed twice%s", s->name,
				   first, hl_strcaseeq(o->name, s->name) ? "" : " (as a label)");
	if ((o = clash(cfg, s, s->label)))
		return hl_cfg_fail(c, hl_cfg_child(item, "label"), "label '%s' of %s/%s is "
				   "already %s/%s's", s->label, first, s->name, first, o->name);
	if (!s->code)
		return 0;
	if (!code_ok(s->code))
		return hl_cfg_fail(c, hl_cfg_child(item, "code"),
				   "bad code '%s' (1 to 16 letters and digits)", s->code);
	if (hl_vocab_parse(&hl_categories, s->code) > 0)
		return hl_cfg_fail(c, hl_cfg_child(item, "code"), "code '%s' is a category's name",
				   s->code);
	for (size_t i = 0; i < cfg->nsubcats; i++) {
		o = &cfg->subcats[i];
		if (o != s && o->code && hl_strcaseeq(o->code, s->code))
			return hl_cfg_fail(c, hl_cfg_child(item, "code"), "code '%s' is already %s/%s",
					   s->code, hl_vocab_name(&hl_categories, o->cat), o->name);
	}
	return 0;
}

static int parse_item(struct hl_cfgctx *c, const struct hl_node *item, void *obj)
{
	struct item_ctx *ic = obj;
	struct hl_config *cfg = ic->cfg;
	cfg->subcats = hl_xreallocarray(cfg->subcats, cfg->nsubcats + 1, sizeof *cfg->subcats);
	struct hl_subcat *s = &cfg->subcats[cfg->nsubcats++];
	memset(s, 0, sizeof *s);
	s->cat = ic->cat;
	/* a bare word is a name alone */
	if (item->type == HL_NODE_SCALAR && !item->is_null)
		s->name = hl_xstrdup(item->value);
	else if (hl_cfg_each_key(c, item, "second level", subcat_key, s))
		return -1;
	return check_subcat(c, item, cfg, s);
}

static int first_level(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		       const struct hl_node *v, void *obj)
{
	struct hl_config *cfg = obj;
	int x;
	(void)key;
	if (hl_cfg_vocab(c, "categories", k, &hl_categories, &x))
		return -1;
	if (cfg->has_subcats & (1u << x))
		return hl_cfg_fail(c, k, "category %s is listed twice",
				   hl_vocab_name(&hl_categories, x));
	if (hl_cfg_want(c, v, HL_NODE_SEQ, hl_vocab_name(&hl_categories, x)))
		return -1;
	if (!v->n)
		return hl_cfg_fail(c, v, "category %s has an empty list",
				   hl_vocab_name(&hl_categories, x));
	cfg->has_subcats |= 1u << x;
	struct item_ctx ic = {cfg, (enum hl_category)x};
	return hl_cfg_each_item(c, v, key, parse_item, &ic);
}

void hl_categories_free(struct hl_config *cfg)
{
	for (size_t i = 0; i < cfg->nsubcats; i++) {
		free(cfg->subcats[i].name);
		free(cfg->subcats[i].label);
		free(cfg->subcats[i].code);
	}
	free(cfg->subcats);
	cfg->subcats = NULL, cfg->nsubcats = 0;
	cfg->has_subcats = 0;
}

int hl_categories_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg)
{
	hl_categories_free(cfg);
	return hl_cfg_each_key(c, v, "categories", first_level, cfg);
}

/* ---- lookups ---- */

const struct hl_subcat *hl_config_subcat(const struct hl_config *cfg, enum hl_category cat,
					 const char *word)
{
	/* names first: a label never shadows a name (check_subcat) */
	for (size_t i = 0; i < cfg->nsubcats; i++)
		if (cfg->subcats[i].cat == cat && hl_strcaseeq(cfg->subcats[i].name, word))
			return &cfg->subcats[i];
	for (size_t i = 0; i < cfg->nsubcats; i++)
		if (cfg->subcats[i].cat == cat && cfg->subcats[i].label &&
		    hl_streq(cfg->subcats[i].label, word))
			return &cfg->subcats[i];
	return NULL;
}

static void names_of(const struct hl_config *cfg, enum hl_category cat, struct hl_buf *out)
{
	for (size_t i = 0; i < cfg->nsubcats; i++)
		if (cfg->subcats[i].cat == cat)
			hl_buf_printf(out, "%s%s", out->len ? ", " : "", cfg->subcats[i].name);
}

static int unknown_category(const struct hl_config *cfg, const char *typed, struct hl_buf *err)
{
	struct hl_buf list = {0}, shown = {0};
	const struct hl_subcat *only = NULL;
	int n = 0;
	/* a second level typed alone: the one it may be */
	for (int cat = 1; cat < HL_NCATS; cat++) {
		const struct hl_subcat *s = hl_config_subcat(cfg, (enum hl_category)cat, typed);
		if (s)
			only = s, n++;
	}
	const char *what = hl_shown(typed, &shown);
	if (n == 1) {
		hl_fail(err, "unknown category '%s' (did you mean %s/%s?)", what,
			hl_vocab_name(&hl_categories, only->cat), only->name);
	} else {
		int codes = 0;
		for (size_t i = 0; i < cfg->nsubcats; i++)
			codes |= cfg->subcats[i].code != NULL;
		hl_vocab_list(&hl_categories, &list);
		hl_fail(err, "unknown category%s '%s' (one of: %s)", codes ? " or code" : "", what,
			list.s);
	}
	hl_buf_free(&list);
	hl_buf_free(&shown);
	return -1;
}

static int second_level(const struct hl_config *cfg, enum hl_category cat, const char *word,
			struct hl_buf *out, struct hl_buf *err)
{
	const char *first = hl_vocab_name(&hl_categories, cat);
	struct hl_buf list = {0}, shown = {0};
	const struct hl_subcat *s;
	if (!(cfg->has_subcats & (1u << cat)))
		return hl_fail(err, "category %s has no second levels (see categories in hotline.yaml)",
			       first);
	if ((s = hl_config_subcat(cfg, cat, word))) {
		hl_buf_printf(out, "%s/%s", first, s->name);
		return 0;
	}
	names_of(cfg, cat, &list);
	hl_fail(err, "unknown second level '%s' of %s (one of: %s)", hl_shown(word, &shown), first,
		list.s);
	hl_buf_free(&list);
	hl_buf_free(&shown);
	return -1;
}

int hl_config_category(const struct hl_config *cfg, const char *typed, struct hl_buf *out,
		       struct hl_buf *err)
{
	const char *slash = strchr(typed, '/');
	int x;
	hl_buf_clear(out);
	if ((x = hl_vocab_parse(&hl_categories, typed)) > 0) {
		if (cfg->has_subcats & (1u << x)) {
			struct hl_buf list = {0};
			names_of(cfg, (enum hl_category)x, &list);
			hl_fail(err, "category %s needs a second level (one of: %s)",
				hl_vocab_name(&hl_categories, x), list.s);
			hl_buf_free(&list);
			return -1;
		}
		hl_buf_adds(out, hl_vocab_name(&hl_categories, x));
		return 0;
	}
	if (slash) {
		struct hl_buf first = {0};
		hl_buf_add(&first, typed, (size_t)(slash - typed));
		x = hl_vocab_parse(&hl_categories, hl_buf_str(&first));
		int rc = x > 0 ? second_level(cfg, (enum hl_category)x, slash + 1, out, err)
			       : unknown_category(cfg, hl_buf_str(&first), err);
		hl_buf_free(&first);
		return rc;
	}
	for (size_t i = 0; i < cfg->nsubcats; i++) {
		const struct hl_subcat *s = &cfg->subcats[i];
		if (s->code && hl_strcaseeq(s->code, typed)) {
			hl_buf_printf(out, "%s/%s", hl_vocab_name(&hl_categories, s->cat), s->name);
			return 0;
		}
	}
	return unknown_category(cfg, typed, err);
}

void hl_config_category_label(const struct hl_config *cfg, enum hl_category cat,
			      const char *cat2, struct hl_buf *out)
{
	hl_buf_adds(out, hl_word_label(&hl_categories, cat));
	if (!cat || !cat2)
		return;
	const struct hl_subcat *s = hl_config_subcat(cfg, cat, cat2);
	int zh = hl_streq(hl_i18n_lang(), "zh");
	/* a second level no longer configured is shown as the journal has it */
	hl_buf_printf(out, "/%s", zh && s && s->label ? s->label : s ? s->name : cat2);
}

/* ---- rules ---- */

int hl_config_kinds_resolve(struct hl_cfgctx *c, const struct hl_node *rule,
			    const struct hl_config *cfg, struct hl_kinds *k)
{
	const struct hl_node *match = hl_cfg_child(rule, "match"), *v;
	if (!k->unresolved || match == rule || (v = hl_cfg_child(match, "category")) == match)
		return 0;
	const struct hl_node *const *it = v->type == HL_NODE_SEQ
						  ? (const struct hl_node *const *)v->kid
						  : (const struct hl_node *const *)&v;
	size_t n = v->type == HL_NODE_SEQ ? v->n : 1;
	struct hl_buf canon = {0}, e = {0};
	int rc = 0;
	hl_kinds_free(k);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (hl_vocab_parse(&hl_categories, it[i]->value) > 0)
			continue; /* a first level: in the mask already */
		if (hl_config_category(cfg, it[i]->value, &canon, &e)) {
			rc = hl_cfg_fail(c, it[i], "%s", e.s);
			break;
		}
		const char *slash = strchr(canon.s, '/');
		k->subs = hl_xreallocarray(k->subs, k->nsubs + 1, sizeof *k->subs);
		struct hl_buf first = {0};
		hl_buf_add(&first, canon.s, (size_t)(slash - canon.s));
		k->subs[k->nsubs].cat = hl_vocab_parse(&hl_categories, first.s);
		k->subs[k->nsubs].name = hl_xstrdup(slash + 1);
		k->nsubs++;
		hl_buf_free(&first);
	}
	k->unresolved = 0;
	hl_buf_free(&canon);
	hl_buf_free(&e);
	return rc;
}
