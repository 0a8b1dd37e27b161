/* cfgparse.h - helpers for the configuration's section parsers: typed
 * values out of the YAML tree, every error placed at line:column */
#ifndef HL_CFGPARSE_H
#define HL_CFGPARSE_H

#include "hl/event.h"
#include "hl/yamltree.h"

struct hl_cfgctx {
	const char *name;    /* the file, for messages */
	struct hl_buf *err;
};

/* Minutes since midnight, [from, to); to <= from crosses midnight. */
struct hl_span {
	int from, to;
};

/* "name:line:col: message"; returns -1. */
int hl_cfg_fail(struct hl_cfgctx *c, const struct hl_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The node is of type t (a scalar must not be empty). */
int hl_cfg_want(struct hl_cfgctx *c, const struct hl_node *n, enum hl_node_type t,
		const char *key);
int hl_cfg_unknown(struct hl_cfgctx *c, const struct hl_node *k);
/* The value of key in a mapping, or the mapping itself: where to place an
 * error about that key. */
const struct hl_node *hl_cfg_child(const struct hl_node *map, const char *key);

typedef int (*hl_cfg_key_fn)(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
			     const struct hl_node *v, void *obj);
/* Calls fn for each key of a mapping (an empty value counts as {}). */
int hl_cfg_each_key(struct hl_cfgctx *c, const struct hl_node *map, const char *what,
		    hl_cfg_key_fn fn, void *obj);
/* Each item of a list (an empty value counts as []). */
int hl_cfg_each_item(struct hl_cfgctx *c, const struct hl_node *seq, const char *what,
		     int (*fn)(struct hl_cfgctx *c, const struct hl_node *item, void *obj),
		     void *obj);

/* The index of the first name that is an earlier one again, or n when
 * none is: in time linear in n. */
size_t hl_cfg_twice(char *const *names, size_t n);

int hl_cfg_str(struct hl_cfgctx *c, const char *key, const struct hl_node *v, char **out);
int hl_cfg_int(struct hl_cfgctx *c, const char *key, const struct hl_node *v, long min,
	       long max, int *out);
/* One value or a list of them, as an array of strings. */
int hl_cfg_strs(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		char ***out, size_t *n);
void hl_cfg_free_strs(char **v, size_t n);
/* One word of a vocabulary, as its value. */
int hl_cfg_vocab(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		 const struct hl_vocab *vocab, int *out);
/* Words of a vocabulary (one or a list) as a bit mask. */
int hl_cfg_vocab_set(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		     const struct hl_vocab *vocab, unsigned *mask);
/* Which tickets a rule is for, by category, priority and channel: a bit
 * mask of enum values each (bit v for value v), 0 for any. */
struct hl_kinds {
	unsigned categories, priorities, channels;
	/* second levels of categories (complaint/noise), matched beside the
	 * first levels of categories: a ticket matches one or the other */
	struct hl_kind2 {
		int cat;
		char *name;
	} *subs;
	size_t nsubs;
	int unresolved;  /* category items that are no first level: resolved
			  * against the categories section once it is read */
};
/* Parses key category, priority or channel into k: 1 when key was one of
 * them, 0 when it is not, -1 on error. */
int hl_cfg_kinds_key(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		     struct hl_kinds *k);
/* NULL when a ticket of this category (its second level cat2, or NULL),
 * priority (0 = normal) and channel is one of k's, else the first that
 * is not: "category", "priority" or "channel". */
const char *hl_kinds_mismatch(const struct hl_kinds *k, int category, const char *cat2,
			      int priority, int channel);
void hl_kinds_free(struct hl_kinds *k);
int hl_cfg_duration(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		    struct hl_duration *d);
/* "HH:MM" */
int hl_cfg_clock(struct hl_cfgctx *c, const struct hl_node *v, const char *s, int *minutes);
/* "08:00-17:00" (crossing midnight allowed when cross is set). */
int hl_cfg_span(struct hl_cfgctx *c, const char *key, const struct hl_node *v, int cross,
		struct hl_span *out);
/* "mon-fri", "sat", or a list of them: bit d for weekday d (0 = Sunday). */
int hl_cfg_days(struct hl_cfgctx *c, const char *key, const struct hl_node *v, unsigned *mask);
/* "2026-10-01" as a day number (days since 1970-01-01). */
int hl_cfg_date(struct hl_cfgctx *c, const struct hl_node *v, const char *s, int64_t *day);

#endif
