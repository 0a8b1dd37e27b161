/* categories.h - second levels of the categories (the categories
 * section): read, looked up, typed in, shown, and matched by rules */
#ifndef HL_CATEGORIES_H
#define HL_CATEGORIES_H

#include "hl/cfgparse.h"
#include "hl/config.h"

/* Parses the categories section into cfg (replacing what it had). */
int hl_categories_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg);
void hl_categories_free(struct hl_config *cfg);

/* The second level of cat whose name (Latin in any case) or label is
 * word, or NULL. */
const struct hl_subcat *hl_config_subcat(const struct hl_config *cfg, enum hl_category cat,
					 const char *word);

/* A category as typed -- complaint, 投诉, complaint/noise, 投诉/噪音,
 * a configured code -- as the journal writes it ("complaint/noise"), in
 * out. -1 with a one-line message: an unknown word, a second level not
 * configured, or a first level without the second its list requires. */
int hl_config_category(const struct hl_config *cfg, const char *typed, struct hl_buf *out,
		       struct hl_buf *err);

/* A category as people read it, in the reports' language: the first
 * level's label, then "/" and the second level's configured label (in
 * Chinese) or name when there is one. */
void hl_config_category_label(const struct hl_config *cfg, enum hl_category cat,
			      const char *cat2, struct hl_buf *out);

/* The category items of a rule's match (rule: the rule's node) that are
 * no first level, resolved into k's second levels; errors placed at the
 * item. */
int hl_config_kinds_resolve(struct hl_cfgctx *c, const struct hl_node *rule,
			    const struct hl_config *cfg, struct hl_kinds *k);

#endif
