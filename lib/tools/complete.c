/* complete.c - the words of hl-log --complete: one function a kind, in a
 * table a new kind is one line of */
#include <stdlib.h>
#include <string.h>

#include "hl/complete.h"
#include "hl/config.h"
#include "tools/live.h"

/* What a kind's words are made from: the configuration only when a kind
 * asks for it (the vocabularies need none). */
struct source {
	const char *config, *journal;
	struct hl_config cfg;
	int loaded;
};

static int vocab(const struct hl_vocab *v, FILE *out)
{
	for (size_t i = 0; i < v->nwords; i++)
		fprintf(out, "%s\n", v->words[i].name);
	return v->nwords ? 0 : 1;
}

static int config(struct source *src);

/* The first Chinese word of a category (投诉), or its name. */
static const char *chinese(enum hl_category cat)
{
	for (const struct hl_word *w = hl_categories.words; w->name; w++)
		if (w->value == (int)cat && (unsigned char)w->name[0] >= 0x80)
			return w->name;
	return hl_vocab_name(&hl_categories, cat);
}

/* The categories' words, then the configured second levels as -c takes
 * them: complaint/noise, 投诉/噪音 when labelled, and the code. */
static int categories(struct source *src, FILE *out)
{
	vocab(&hl_categories, out);
	for (size_t i = 0; config(src) == 0 && i < src->cfg.nsubcats; i++) {
		const struct hl_subcat *c = &src->cfg.subcats[i];
		fprintf(out, "%s/%s\n", hl_vocab_name(&hl_categories, c->cat), c->name);
		if (c->label)
			fprintf(out, "%s/%s\n", chinese(c->cat), c->label);
		if (c->code)
			fprintf(out, "%s\n", c->code);
	}
	return 0;
}

static int clocks(struct source *src, FILE *out)
{
	(void)src;
	for (int c = 0; c < HL_NCLOCKS; c++)
		fprintf(out, "%s\n", hl_clock_names[c]);
	return 0;
}

/* The configuration, loaded once; -1 when it cannot be (said nowhere). */
static int config(struct source *src)
{
	struct hl_buf err = {0};
	if (!src->loaded)
		src->loaded = hl_config_load(src->config, &src->cfg, &err) ? -1 : 1;
	hl_buf_free(&err);
	return src->loaded < 0 ? -1 : 0;
}

static int depts(struct source *src, FILE *out)
{
	if (config(src))
		return 1;
	for (size_t i = 0; i < src->cfg.ndepts; i++)
		fprintf(out, "%s\n", src->cfg.depts[i].name);
	return src->cfg.ndepts ? 0 : 1;
}

static int people(struct source *src, FILE *out)
{
	if (config(src))
		return 1;
	for (size_t i = 0; i < src->cfg.nstaff; i++)
		fprintf(out, "%s\n", src->cfg.staff[i].name);
	return src->cfg.nstaff ? 0 : 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tickets not settled, oldest id first: from the state cache when it
 * is valid, else folded from the top (and not cached: a peek). */
static int tickets(struct source *src, FILE *out)
{
	const char *env = getenv("HL_JOURNAL");
	const char *path = src->journal && *src->journal ? src->journal
			   : env && *env			 ? env
								 : "hotline.csv";
	struct hl_live live;
	struct hl_buf err = {0};
	if (config(src))
		return 1;
	hl_live_init(&live, &src->cfg);
	live.peek = 1;
	int rc = hl_live_sync(&live, path, &err);
	hl_buf_free(&err);
	const char **ids = hl_xcalloc(live.tickets.n + 1, sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; rc == 0 && i < live.tickets.cap; i++) {
		const struct hl_ticket *t = live.tickets.slot[i].t;
		if (t && n < live.tickets.n && t->state != HL_ST_NONE && t->state != HL_ST_CLOSED &&
		    t->state != HL_ST_VOID)
			ids[n++] = t->id;
	}
	qsort(ids, n, sizeof *ids, by_name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\n", ids[i]);
	free(ids);
	hl_live_free(&live);
	return n ? 0 : 1;
}

/* A kind's words: a vocabulary (canonical names, then the aliases,
 * Chinese among them), or what a function finds. */
static const struct {
	const char *what;
	const struct hl_vocab *vocab;
	int (*words)(struct source *, FILE *);
} kinds[] = {
	{"categories", NULL, categories},     {"priorities", &hl_priorities, NULL},
	{"channels", &hl_channels, NULL},     {"verdicts", &hl_verdicts, NULL},
	{"results", &hl_results, NULL},       {"clocks", NULL, clocks},
	{"depts", NULL, depts},               {"people", NULL, people},
	{"tickets", NULL, tickets},
};

const char *hl_complete_kind(size_t i)
{
	return i < nitems(kinds) ? kinds[i].what : NULL;
}

int hl_complete(const char *what, const char *config_path, const char *journal, FILE *out)
{
	struct source src = {.config = config_path, .journal = journal};
	for (size_t i = 0; i < nitems(kinds); i++) {
		if (!hl_streq(kinds[i].what, what))
			continue;
		if (kinds[i].vocab)
			return vocab(kinds[i].vocab, out);
		int rc = kinds[i].words(&src, out);
		if (src.loaded > 0)
			hl_config_free(&src.cfg);
		return rc;
	}
	return -1;
}
