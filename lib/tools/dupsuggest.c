/* dupsuggest.c - a master suggested for a new ticket: the live tickets
 * indexed by their place's key once a run, so that a cron run of many
 * new tickets looks at each place's tickets only, never the journal */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "hl/doc.h"
#include "hl/i18n.h"
#include "hl/strmap.h"
#include "tools/dupsuggest.h"

struct bucket {
	const struct hl_ticket **t;
	size_t n, cap;
};

struct hl_dupfind {
	const struct hl_dupconf *dc;
	const struct hl_tickets *tt;
	struct hl_strmap at;         /* place key -> size_t: bucket + 1 */
	struct bucket *b;
	size_t nb, capb;
};

/* What a link accepts as a master: open work. */
static int active(enum hl_state s)
{
	return s == HL_ST_OPEN || s == HL_ST_ASSIGNED || s == HL_ST_ACKED;
}

static void place_key(const struct hl_ticket *t, struct hl_buf *key)
{
	hl_buf_clear(key);
	hl_text_key(t->place, key);
}

struct hl_dupfind *hl_dupfind_new(const struct hl_config *cfg, const struct hl_tickets *tt)
{
	if (!cfg->dups.on)
		return NULL;
	struct hl_dupfind *f = hl_xcalloc(1, sizeof *f);
	struct hl_buf key = {0};
	f->dc = &cfg->dups;
	f->tt = tt;
	hl_strmap_init(&f->at, sizeof(size_t));
	for (size_t i = 0; i < tt->cap; i++) {
		const struct hl_ticket *t = tt->slot[i].t;
		/* a master, or a duplicate that leads to its master */
		if (!t || !t->text || !(active(t->state) || t->state == HL_ST_LINKED))
			continue;
		place_key(t, &key);
		if (!key.len)
			continue;
		size_t *at = hl_strmap_put(&f->at, key.s);
		if (!*at) {
			if (f->nb == f->capb) {
				f->capb = f->capb ? 2 * f->capb : 16;
				f->b = hl_xreallocarray(f->b, f->capb, sizeof *f->b);
			}
			f->b[f->nb++] = (struct bucket){0};
			*at = f->nb;
		}
		struct bucket *b = &f->b[*at - 1];
		if (b->n == b->cap) {
			b->cap = b->cap ? 2 * b->cap : 4;
			b->t = hl_xreallocarray(b->t, b->cap, sizeof *b->t);
		}
		b->t[b->n++] = t;
	}
	hl_buf_free(&key);
	return f;
}

void hl_dupfind_free(struct hl_dupfind *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nb; i++)
		free(f->b[i].t);
	free(f->b);
	hl_strmap_free(&f->at);
	free(f);
}

/* Ids in the order they were given: the day's part, then the sequence
 * (whose digits may outgrow the configured minimum). */
static int id_cmp(const char *a, const char *b)
{
	const char *da = strrchr(a, '-'), *db = strrchr(b, '-');
	if (!da || !db)
		return strcmp(a, b);
	size_t ha = (size_t)(da - a), hb = (size_t)(db - b), la = strlen(da), lb = strlen(db);
	int c = memcmp(a, b, ha < hb ? ha : hb);
	if (c || ha != hb)
		return c ? c : (ha > hb) - (ha < hb);
	return la != lb ? (la > lb) - (la < lb) : strcmp(da, db);
}

/* Whether c was opened before t: earlier, or at the same instant with a
 * lower id. */
static int before(const struct hl_ticket *c, const struct hl_ticket *t)
{
	return c->opened.t != t->opened.t ? c->opened.t < t->opened.t : id_cmp(c->id, t->id) < 0;
}

struct pick {
	const struct hl_ticket *master, *via; /* via: the duplicate that matched */
	size_t shared;
	int64_t apart;
};

/* Most shared words, then the nearest in time, then the lowest id. */
static int better(const struct pick *x, const struct pick *y)
{
	if (!y->master)
		return 1;
	if (x->shared != y->shared)
		return x->shared > y->shared;
	if (x->apart != y->apart)
		return x->apart < y->apart;
	return id_cmp(x->master->id, y->master->id) < 0;
}

static void explain(const struct hl_dupfind *f, const struct hl_ticket *t, const struct pick *p,
		    const size_t *tw, size_t ntw, struct hl_buf *ex)
{
	struct hl_buf words = {0}, apart = {0};
	const struct hl_ticket *c = p->via ? p->via : p->master;
	for (size_t k = 0; k < ntw; k++) {
		const char *w = f->dc->vocab[tw[k]];
		if (!hl_text_has(c->text, w))
			continue;
		if (words.len)
			hl_buf_adds(&words, _(NC_("list", ", ")));
		hl_buf_adds(&words, w);
	}
	hl_span_show(p->apart, &apart);
	if (p->via)
		hl_buf_line(ex, _("  may duplicate %s, the master of %s: same place %s, "
				  "shared words %s, opened %s before"),
			    p->master->id, p->via->id, t->place, words.s, apart.s);
	else
		hl_buf_line(ex, _("  may duplicate %s: same place %s, shared words %s, opened %s before"),
			    p->master->id, t->place, words.s, apart.s);
	hl_buf_free(&words);
	hl_buf_free(&apart);
}

const char *hl_dupfind(const struct hl_dupfind *f, const struct hl_ticket *t, struct hl_buf *ex)
{
	const struct hl_dupconf *dc = f->dc;
	struct hl_buf key = {0};
	if (t->dups) { /* a link of it would be refused */
		if (ex)
			hl_buf_line(ex, "%s", _("  no duplicate suggested: the ticket has duplicates of its own"));
		return NULL;
	}
	place_key(t, &key);
	if (!key.len) {
		if (ex)
			hl_buf_line(ex, "%s", _("  no likely duplicate: the ticket has no place"));
		hl_buf_free(&key);
		return NULL;
	}
	/* the vocabulary's words in this caller's text: only they can be shared */
	size_t *tw = hl_xcalloc(dc->nvocab ? dc->nvocab : 1, sizeof *tw), ntw = 0;
	for (size_t i = 0; t->text && i < dc->nvocab; i++)
		if (hl_text_has(t->text, dc->vocab[i]))
			tw[ntw++] = i;
	const size_t *at = hl_strmap_get(&f->at, key.s);
	const struct bucket *b = at && ntw >= (size_t)dc->need ? &f->b[*at - 1] : NULL;
	struct pick best = {0};
	size_t near = 0;
	for (size_t i = 0; b && i < b->n; i++) {
		const struct hl_ticket *c = b->t[i], *m = c;
		if (c == t || !before(c, t) || t->opened.t - c->opened.t > dc->window)
			continue;
		if (c->state == HL_ST_LINKED) {
			m = c->master ? hl_tickets_get(f->tt, c->master) : NULL;
			if (!m || m == t || !active(m->state) || m->master)
				continue;
		} else if (!active(c->state)) {
			continue;
		}
		near++;
		struct pick p = {m, c == m ? NULL : c, 0, t->opened.t - c->opened.t};
		for (size_t k = 0; k < ntw; k++)
			p.shared += (size_t)hl_text_has(c->text, dc->vocab[tw[k]]);
		if (p.shared >= (size_t)dc->need && better(&p, &best))
			best = p;
	}
	if (ex && best.master) {
		explain(f, t, &best, tw, ntw, ex);
	} else if (ex && ntw < (size_t)dc->need) {
		hl_buf_line(ex, _("  no likely duplicate: words of the vocabulary in the text: %zu; "
				  "needed: %d"), ntw, dc->need);
	} else if (ex) {
		struct hl_buf w = {0};
		hl_span_show(dc->window, &w);
		hl_buf_line(ex, _("  no likely duplicate: live tickets at the same place within %s: "
				  "%zu; shared words needed: %d"), w.s, near, dc->need);
		hl_buf_free(&w);
	}
	free(tw);
	hl_buf_free(&key);
	return best.master ? best.master->id : NULL;
}
