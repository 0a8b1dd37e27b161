/* batch.c - validate a batch against the journal, then commit it whole */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hl/batch.h"
#include "hl/event.h"
#include "hl/fold.h"
#include "hl/format.h"
#include "io/journal.h"
#include "io/journalread.h"
#include "io/tindex.h"
#include "hl/categories.h"
#include "tools/live.h"
#include "tools/steps.h"
#include "hl/phone.h"
#include "io/reader.h"
#include "base/utf8.h"

struct hl_record *hl_batch_add(struct hl_batch *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		b->rec = hl_xreallocarray(b->rec, cap, sizeof *b->rec);
		memset(b->rec + b->cap, 0, (cap - b->cap) * sizeof *b->rec);
		b->chained = hl_xrealloc(b->chained, cap);
		b->cap = cap;
	}
	b->chained[b->n] = 0;
	struct hl_record *r = &b->rec[b->n++];
	hl_record_clear(r);
	return r;
}

struct hl_record *hl_batch_add_chained(struct hl_batch *b)
{
	struct hl_record *r = hl_batch_add(b);
	b->chained[b->n - 1] = b->n > 1;
	return r;
}

/* Field names must outlive the reader they came from. */
static const char *own_name(struct hl_batch *b, const char *name)
{
	for (size_t i = 0; i < hl_ncolumns; i++)
		if (hl_streq(hl_columns[i], name))
			return hl_columns[i];
	for (size_t i = 0; i < b->nnames; i++)
		if (hl_streq(b->names[i], name))
			return b->names[i];
	b->names = hl_xreallocarray(b->names, b->nnames + 1, sizeof *b->names);
	return b->names[b->nnames++] = hl_xstrdup(name);
}

int hl_batch_read(struct hl_batch *b, const char *path, struct hl_buf *err)
{
	struct hl_reader *rd = hl_reader_open(path, 0, err);
	struct hl_record tmp = {0};
	/* a reader names fields with its header's strings: own each once */
	const char **seen = NULL, **owned = NULL;
	size_t nseen = 0;
	int rc;
	if (!rd)
		return -1;
	free(b->source);
	b->source = hl_xstrdup(hl_reader_name(rd));
	while ((rc = hl_reader_next(rd, &tmp, err)) == HL_READ_RECORD) {
		struct hl_record *r = hl_batch_add(b);
		if (tmp.n > nseen) {
			seen = hl_xreallocarray(seen, tmp.n, sizeof *seen);
			owned = hl_xreallocarray(owned, tmp.n, sizeof *owned);
			memset(seen + nseen, 0, (tmp.n - nseen) * sizeof *seen);
			nseen = tmp.n;
		}
		for (size_t i = 0; i < tmp.n; i++) {
			if (seen[i] != tmp.f[i].name) {
				seen[i] = tmp.f[i].name;
				owned[i] = own_name(b, tmp.f[i].name);
			}
		}
		/* a batch holds every record until the commit: packed */
		hl_record_pack_copy(r, &tmp, owned);
	}
	free(seen);
	free(owned);
	hl_record_free(&tmp);
	hl_reader_close(rd);
	return rc == HL_READ_EOF ? 0 : -1;
}

void hl_batch_free(struct hl_batch *b)
{
	for (size_t i = 0; i < b->cap; i++)
		hl_record_free(&b->rec[i]);
	for (size_t i = 0; i < b->nnames; i++)
		free(b->names[i]);
	free(b->names);
	free(b->rec);
	free(b->chained);
	free(b->source);
	memset(b, 0, sizeof *b);
}

/* "SOURCE:LINE: what" for input records, plain "what" for the command line. */
static int at(const struct hl_batch *b, const struct hl_record *r, struct hl_buf *err)
{
	if (!b->source)
		return -1;
	struct hl_buf m = {0};
	hl_buf_printf(&m, "%s:%ld: %s", b->source, r->line, hl_buf_str(err));
	hl_fail(err, "%s", m.s);
	hl_buf_free(&m);
	return -1;
}

/* The category an open or an amend gives, as typed (投诉/噪音, a code),
 * made the journal's word against the configured second levels. Other
 * records carry a ticket's category as the journal has it. */
static int category(struct hl_record *r, const struct hl_config *cfg, struct hl_buf *err)
{
	const char *kind = hl_record_get(r, "event"), *typed = hl_record_get(r, "category");
	if (!typed || !kind || !(hl_streq(kind, "open") || hl_streq(kind, "amend")))
		return 0;
	struct hl_buf canon = {0};
	int rc = hl_config_category(cfg, typed, &canon, err);
	if (!rc)
		hl_record_set(r, "category", canon.s);
	hl_buf_free(&canon);
	return rc;
}

/* Column checks, defaults filled in, aliases made canonical. */
static int prepare(struct hl_batch *b, struct hl_record *r, const struct hl_config *cfg,
		   const struct hl_commit *c, struct hl_buf *err)
{
	struct hl_event ev;
	struct hl_buf m = {0};
	for (size_t i = 0; i < r->n; i++)
		if (hl_text_check(r->f[i].value, r->f[i].len, r->f[i].name, err))
			return at(b, r, err);
	if (category(r, cfg, err) || hl_event_parse(r, HL_EV_PARTIAL, &ev, err))
		return at(b, r, err);
	if (ev.time.t == INT64_MIN)
		ev.time = c->now;
	if (!ev.actor)
		ev.actor = c->actor;
	if (ev.time.t > c->now.t + c->future_slack) {
		hl_time_format(ev.time, &m);
		hl_fail(err, "time %s is in the future", m.s);
		hl_buf_free(&m);
		return at(b, r, err);
	}
	if (ev.dept && cfg->ndepts && !hl_config_dept(cfg, ev.dept)) {
		hl_fail(err, "unknown department '%s'", hl_shown(ev.dept, &m));
		hl_buf_free(&m);
		return at(b, r, err);
	}
	if (ev.assignee && cfg->nstaff && !hl_config_person(cfg, ev.assignee)) {
		hl_fail(err, "unknown person '%s'", hl_shown(ev.assignee, &m));
		hl_buf_free(&m);
		return at(b, r, err);
	}
	hl_event_store(&ev, r);
	return 0;
}

struct scan {
	struct hl_tickets *tt;
	struct hl_ids *ids;
	struct hl_strmap *calls;   /* an import's call keys -> record index + 1 */
	unsigned char *known;      /* records whose call the journal has */
	struct hl_buf key;
	const struct hl_strmap *named; /* add the tickets it has (an append) */
};

static void see_call(struct scan *sc, const struct hl_cols *c)
{
	const char *call = c->v[HL_COL_CALL];
	if (!call)
		return;
	hl_call_key(call, c->v[HL_COL_QUEUE], &sc->key);
	size_t *at = hl_strmap_get(sc->calls, sc->key.s);
	if (at)
		sc->known[*at - 1] = 1;
}

static void scan_record(void *arg, const struct hl_cols *c, const char *file)
{
	struct scan *sc = arg;
	struct hl_event ev;
	struct hl_buf e = {0};
	const char *id = c->v[HL_COL_TICKET];
	if (sc->calls)
		see_call(sc, c);
	if (!id)
		return;
	hl_ids_see(sc->ids, id);
	struct hl_ticket *t = hl_tickets_get(sc->tt, id);
	if (!t && sc->named && hl_strmap_get(sc->named, id))
		t = hl_tickets_add(sc->tt, id);
	const char *master = c->v[HL_COL_MASTER];
	struct hl_ticket *m = !t && master ? hl_tickets_get(sc->tt, master) : NULL;
	if (m) {
		/* a duplicate the batch does not name, of a master it does */
		const char *kind = c->v[HL_COL_EVENT];
		if (kind && (hl_streq(kind, "link") || hl_streq(kind, "reopen")))
			hl_ticket_set_dup(m, id, hl_streq(kind, "link"));
	}
	if (t && (hl_event_parse_cols(c, 0, &ev, &e) || hl_tickets_apply(sc->tt, t, &ev, &e)))
		hl_warnx("%s:%ld: %s (record ignored)", file, c->line, e.s);
	hl_buf_free(&e);
}

/* One pass over the journal: the state of the tickets the batch names,
 * and every id (for fresh ones). Memory: the batch's tickets only. */
static int scan(const struct hl_journal *j, struct scan *sc, struct hl_buf *err)
{
	char *path = j->path;
	return hl_journal_read(&path, 1, scan_record, sc, err);
}

/* A record of a ticket read through the index, folded as scan() does. */
static int apply_indexed(void *arg, struct hl_reader *rd, const struct hl_record *r,
			 struct hl_buf *e)
{
	struct hl_cols c;
	(void)e;
	hl_cols_of_record(r, &c);
	c.line = r->line, c.offset = r->offset;
	scan_record(arg, &c, hl_reader_name(rd));
	return 0;
}

/* The masters of the links among a settled ticket's records. */
struct masters {
	char **ids;
	size_t n, first;     /* first: the tickets asked for, before the masters */
};

static int note_master(void *arg, struct hl_reader *rd, const struct hl_record *r,
		       struct hl_buf *e)
{
	struct masters *m = arg;
	const char *kind = hl_record_get(r, "event"), *master = hl_record_get(r, "master");
	(void)rd, (void)e;
	if (!kind || !hl_streq(kind, "link") || !master || hl_ticket_id_check(master, NULL))
		return 0;
	for (size_t k = 0; k < m->n; k++)
		if (hl_streq(m->ids[k], master))
			return 0;
	m->ids = hl_xreallocarray(m->ids, m->n + 1, sizeof *m->ids);
	m->ids[m->n++] = hl_xstrdup(master);
	return 0;
}

/* A duplicate read from its own records alone would miss its master's
 * resolve and close, which it followed: the masters of the settled
 * tickets' links are read with them, in file order (their state in the
 * table, as a ticket the batch does not name). 1 when done. */
static int with_masters(const struct hl_journal *j, struct scan *sc, char **gone, size_t ngone,
			struct hl_buf *err)
{
	struct masters m = {hl_xcalloc(ngone, sizeof *m.ids), ngone, ngone};
	memcpy(m.ids, gone, ngone * sizeof *m.ids);
	int rc = hl_tindex_each(j->path, gone, ngone, note_master, &m, err);
	for (size_t i = m.first; rc == 1 && i < m.n; i++)
		if (!hl_tickets_get(sc->tt, m.ids[i]))
			hl_tickets_add(sc->tt, m.ids[i]);
	if (rc == 1)
		rc = hl_tindex_each(j->path, m.ids, m.n, apply_indexed, sc, err);
	for (size_t i = m.first; i < m.n; i++)
		free(m.ids[i]);
	free(m.ids);
	return rc;
}

/* The state of the named tickets (keys, as tt's or a map's) from the live
 * state, and of those it no longer holds (settled, closed, voided) from
 * their records, found through the ticket index; every id from the live
 * state. 1 when done, 0 when the whole journal must be read (no index for
 * this journal). add: give tt each ticket the journal has (else they are
 * in it already). */
static int from_live(const struct hl_journal *j, const struct hl_config *cfg, struct scan *sc,
		     char *const *keys, size_t nkeys, int add, struct hl_buf *err)
{
	struct hl_live live;
	int rc = 1;
	hl_live_init(&live, cfg);
	if (hl_live_sync(&live, j->path, err)) {
		hl_live_free(&live);
		return -1;
	}
	char **gone = hl_xcalloc(nkeys ? nkeys : 1, sizeof *gone);
	size_t ngone = 0;
	for (size_t i = 0; i < nkeys; i++)
		if (!hl_tickets_get(&live.tickets, keys[i]))
			gone[ngone++] = keys[i];
	if (ngone)
		rc = with_masters(j, sc, gone, ngone, err);
	if (rc == 1) {
		for (size_t i = 0; i < nkeys; i++) {
			struct hl_ticket *t = hl_tickets_get(&live.tickets, keys[i]);
			if (t)
				hl_ticket_copy(add ? hl_tickets_add(sc->tt, keys[i])
						   : hl_tickets_get(sc->tt, keys[i]), t);
		}
		hl_ids_copy(sc->ids, &live.ids);
	}
	free(gone);
	hl_live_free(&live);
	return rc;
}

/* The same for a batch's tickets (all in tt). 1 when done, 0 when the
 * whole journal must be read (an import that must see every call, no
 * index for this journal). */
static int scan_live(const struct hl_journal *j, const struct hl_config *cfg, struct scan *sc,
		     struct hl_buf *err)
{
	if (sc->calls)
		return 0;
	struct hl_tickets *tt = sc->tt;
	char **keys = hl_xcalloc(tt->n ? tt->n : 1, sizeof *keys);
	size_t n = 0;
	for (size_t i = 0; i < tt->cap; i++)
		if (tt->slot[i].t)
			keys[n++] = tt->slot[i].t->id;
	int rc = from_live(j, cfg, sc, keys, n, 0, err);
	free(keys);
	return rc;
}

/* A reopen carries where the ticket stood, so that a reader keeping only
 * open tickets can send it back to the department that resolved it. */
static void carry_ticket(struct hl_record *r, const struct hl_ticket *t)
{
	/* a duplicate's reopen names the master it leaves */
	if (t && t->master && !hl_record_get(r, "master"))
		hl_record_set(r, "master", t->master);
	if (!t || t->state == HL_ST_NONE || hl_record_get(r, "dept"))
		return;
	struct hl_buf cat = {0};
	hl_category_format(t->category, t->category2, &cat);
	const char *vals[][2] = {
		{"dept", t->dept},
		{"assignee", t->assignee},
		{"category", hl_buf_str(&cat)},
		{"priority", hl_vocab_name(&hl_priorities, t->priority)},
		{"channel", hl_vocab_name(&hl_channels, t->channel)},
		{"phone", t->phone},
		{"place", t->place},
	};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		if (vals[i][1] && *vals[i][1] && !hl_record_get(r, vals[i][0]))
			hl_record_set(r, vals[i][0], vals[i][1]);
	hl_buf_free(&cat);
}

/* A return (退单) names the department that sends the ticket back and
 * the routing rule that sent it there: the trail, and the returns'
 * report, say whose dispatch it was. */
static void carry_return(struct hl_record *r, const struct hl_ticket *t)
{
	if (!t || (t->state != HL_ST_ASSIGNED && t->state != HL_ST_ACKED))
		return;
	if (t->dept && !hl_record_get(r, "dept"))
		hl_record_set(r, "dept", t->dept);
	if (t->rule && !hl_record_get(r, "rule"))
		hl_record_set(r, "rule", t->rule);
}

/* Gives fresh ids (marking them in fresh), then runs the lifecycle over
 * the batch in order. */
static int check_lifecycle(struct hl_batch *b, const struct hl_config *cfg, struct hl_tickets *tt,
			   struct hl_ids *ids, const struct hl_commit *c, unsigned char *fresh,
			   struct hl_buf *err)
{
	struct hl_buf id = {0};
	struct hl_event ev;
	int y, mo, d, h, mi, s;
	hl_time_fields(c->now, &y, &mo, &d, &h, &mi, &s);
	for (size_t i = 0; i < b->n; i++) {
		struct hl_record *r = &b->rec[i];
		const char *kind = hl_record_get(r, "event");
		if (hl_streq(kind, "call"))
			continue; /* no ticket; checked whole by prepare */
		if (hl_record_get(r, "ticket")) {
			/* named by the input */
		} else if (b->chained[i]) {
			hl_record_set(r, "ticket", hl_record_get(&b->rec[i - 1], "ticket"));
		} else if (hl_streq(kind, "open") || hl_streq(kind, "missed")) {
			hl_buf_clear(&id);
			hl_ids_next(ids, y, mo, d, &id);
			hl_record_set(r, "ticket", id.s);
			fresh[i] = 1;
		}
		if (kind && hl_streq(kind, "reopen"))
			carry_ticket(r, hl_tickets_get(tt, hl_record_get(r, "ticket")));
		if (kind && hl_streq(kind, "return"))
			carry_return(r, hl_tickets_get(tt, hl_record_get(r, "ticket")));
		if (hl_event_parse(r, 0, &ev, err) ||
		    hl_step_apply(cfg, tt, hl_tickets_add_for(tt, &ev), &ev, err)) {
			hl_buf_free(&id);
			return at(b, r, err);
		}
	}
	hl_buf_free(&id);
	return 0;
}

/* Every field of the batch has a column in the journal's header (a new
 * journal's header gains them). */
static int check_columns(struct hl_batch *b, struct hl_journal *j, struct hl_buf *err)
{
	const char **known = NULL; /* names found in the header (by pointer) */
	size_t nknown = 0;
	int rc = 0;
	for (size_t i = 0; i < b->n && rc == 0; i++) {
		struct hl_record *r = &b->rec[i];
		for (size_t k = 0; k < r->n; k++) {
			size_t q = 0;
			while (q < nknown && known[q] != r->f[k].name)
				q++;
			if (q < nknown)
				continue;
			if (hl_journal_has_column(j, r->f[k].name)) {
				known = hl_xreallocarray(known, nknown + 1, sizeof *known);
				known[nknown++] = r->f[k].name;
				continue;
			}
			if (j->is_new) {
				hl_journal_add_column(j, r->f[k].name);
				continue;
			}
			if (!r->f[k].len)
				continue;
			hl_fail(err, "column '%s' is not in the journal's header%s", r->f[k].name,
				hl_is_column(r->f[k].name)
					? " (a journal older than the column: carry it over, see hl-journal(5))"
					: "");
			rc = at(b, r, err);
			break;
		}
	}
	free(known);
	return rc;
}

/* The batch as CSV lines in the journal's column order, committed whole
 * (hl_journal_append: 0, -1 or 1). */
static int write_batch(struct hl_batch *b, struct hl_journal *j, struct hl_buf *err)
{
	struct hl_buf out = {0};
	/* the header's names as the batch's records name their fields (the
	 * journal's own strings for the known columns), so that a lookup
	 * finds them by pointer */
	const char **cols = hl_xcalloc(j->ncols ? j->ncols : 1, sizeof *cols);
	for (size_t c = 0; c < j->ncols; c++) {
		cols[c] = j->cols[c];
		for (size_t k = 0; k < hl_ncolumns; k++)
			if (hl_streq(j->cols[c], hl_columns[k]))
				cols[c] = hl_columns[k];
	}
	/* room for all of it at once, escapes aside: no copies as it grows */
	size_t room = 0;
	for (size_t i = 0; i < b->n; i++) {
		room += j->ncols + 2;
		for (size_t k = 0; k < b->rec[i].n; k++)
			room += b->rec[i].f[k].len;
	}
	hl_buf_reserve(&out, room + room / 16);
	for (size_t i = 0; i < b->n; i++)
		hl_csv_put_record(&out, cols, j->ncols, &b->rec[i]);
	free(cols);
	int rc = hl_journal_append(j, hl_buf_str(&out), out.len, err);
	hl_buf_free(&out);
	return rc;
}

/* An import's calls by key, so that the scan can tell those the journal has. */
static void index_calls(struct hl_batch *b, struct scan *sc)
{
	hl_strmap_init(sc->calls, sizeof(size_t));
	sc->known = hl_xcalloc(b->n, 1);
	for (size_t i = 0; i < b->n; i++) {
		const char *call = hl_record_get(&b->rec[i], "call");
		if (!call)
			continue;
		hl_call_key(call, hl_record_get(&b->rec[i], "queue"), &sc->key);
		*(size_t *)hl_strmap_put(sc->calls, sc->key.s) = i + 1;
	}
}

/* Drops the records of calls the journal has (keeping the order). */
static size_t drop_known(struct hl_batch *b, const unsigned char *known)
{
	size_t kept = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (known[i])
			continue;
		struct hl_record tmp = b->rec[kept];
		b->rec[kept] = b->rec[i];
		b->rec[i] = tmp;
		b->chained[kept++] = 0;
	}
	size_t dropped = b->n - kept;
	b->n = kept;
	return dropped;
}

/* A journal that must exist and does not: refused, with how to make one. */
static int missing(const struct hl_commit *c, struct hl_buf *err)
{
	if (!c->must_exist || access(c->journal, F_OK) == 0 || errno != ENOENT)
		return 0;
	return hl_fail(err, "no journal here (%s): hl-log init makes one, "
		       "or name it with -f or HL_JOURNAL", c->journal);
}

int hl_batch_commit(struct hl_batch *b, const struct hl_config *cfg,
		    const struct hl_commit *c, struct hl_buf *err)
{
	struct hl_tickets tt = {0};
	struct hl_journal j;
	struct hl_ids ids = {.prefix = cfg->prefix, .digits = cfg->digits};
	int rc = -1;
	if (b->n == 0)
		return 0; /* an empty pipeline (nothing routed) writes nothing */
	if (missing(c, err))
		return -1;
	for (size_t i = 0; i < b->n; i++)
		if (prepare(b, &b->rec[i], cfg, c, err))
			return -1;
	if (hl_journal_lock(&j, c->journal, c->wait_seconds, err))
		return -1;
	for (size_t i = 0; i < b->n; i++) {
		const char *id = hl_record_get(&b->rec[i], "ticket");
		if (id)
			hl_tickets_add(&tt, id);
		/* a link's master: checked against, and its list kept */
		if ((id = hl_record_get(&b->rec[i], "master")) != NULL && !hl_ticket_id_check(id, NULL))
			hl_tickets_add(&tt, id);
	}
	struct hl_strmap calls;
	struct scan sc = {&tt, &ids, c->calls_known ? &calls : NULL, NULL, {0}, NULL};
	if (sc.calls)
		index_calls(b, &sc);
	unsigned char *fresh = hl_xcalloc(b->n, 1);
	int wrote = 0;
	int live = j.is_new ? 1 : scan_live(&j, cfg, &sc, err);
	if (live == 1 || (live == 0 && !scan(&j, &sc, err))) {
		if (sc.calls)
			*c->calls_known = drop_known(b, sc.known);
		if (b->n == 0)
			rc = 0; /* every call imported before */
		else if (!check_lifecycle(b, cfg, &tt, &ids, c, fresh, err) &&
			 !check_columns(b, &j, err) && (rc = write_batch(b, &j, err)) >= 0)
			wrote = 1;
		else
			rc = -1;
	}
	if (sc.calls) {
		hl_strmap_free(&calls);
		free(sc.known);
	}
	hl_buf_free(&sc.key);
	if (!wrote)
		hl_journal_abandon(&j);
	else
		hl_journal_close(&j);
	/* ids are printed only once they are committed */
	for (size_t i = 0; rc >= 0 && c->ids_out && i < b->n; i++)
		if (fresh[i]) {
			fputs(hl_record_get(&b->rec[i], "ticket"), c->ids_out);
			putc('\n', c->ids_out);
		}
	free(fresh);
	hl_tickets_free(&tt);
	hl_ids_free(&ids);
	return rc;
}

void hl_call_key(const char *id, const char *queue, struct hl_buf *out)
{
	hl_buf_clear(out);
	hl_buf_printf(out, "%s\x1f%s", id, queue ? queue : "");
}

/* ---- append: a batch of any size, streamed ----
 *
 * Two passes over the input (spooled beside the journal when it cannot be
 * read twice). The first, before the lock, learns the batch's field names
 * and the tickets it names, with the record that names each last; the
 * second, under the lock, checks each record against the state of its
 * ticket and writes it past the committed length at once; a refusal cuts
 * the journal back. Memory: the tickets the batch names and a buffer,
 * never its records. */

struct stream {
	struct hl_batch b;         /* its source and owned names only */
	FILE *fp;                  /* the input, at its start */
	struct hl_strmap named;    /* ticket id -> index of its last record + 1 */
	const char **order;        /* field names, as first met */
	size_t norder, nrec;
	/* input field name (pointer) -> owned name, for the last record's
	 * fields: a reader names them the same record after record */
	const char **seen, **owned;
	size_t nseen;
};

/* The records' fields named by owned names (the journal's column
 * strings for columns): compared by pointer from then on. */
static void own_names(struct stream *s, struct hl_record *r)
{
	if (r->n > s->nseen) {
		s->seen = hl_xreallocarray(s->seen, r->n, sizeof *s->seen);
		s->owned = hl_xreallocarray(s->owned, r->n, sizeof *s->owned);
		memset(s->seen + s->nseen, 0, (r->n - s->nseen) * sizeof *s->seen);
		s->nseen = r->n;
	}
	for (size_t i = 0; i < r->n; i++) {
		if (s->seen[i] != r->f[i].name) {
			s->seen[i] = r->f[i].name;
			s->owned[i] = own_name(&s->b, r->f[i].name);
		}
		r->f[i].name = s->owned[i];
	}
	r->colpos = NULL;
}

/* Standard input that cannot be read twice goes to a file beside the
 * journal, unlinked at once (a spool, not a copy anyone sees). */
static FILE *spool(const char *journal, struct hl_buf *err)
{
	struct hl_buf tmp = {0};
	char buf[1 << 16];
	hl_buf_printf(&tmp, "%s.spool.XXXXXX", journal);
	int fd = mkostemp(tmp.s, O_CLOEXEC);
	if (fd < 0) {
		hl_fail(err, "%s: %s", tmp.s, strerror(errno));
		hl_buf_free(&tmp);
		return NULL;
	}
	unlink(tmp.s);
	for (;;) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			hl_fail(err, "<stdin>: read error: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			FILE *fp = lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "r") : NULL;
			if (fp) {
				hl_buf_free(&tmp);
				return fp;
			}
			hl_fail(err, "%s: %s", tmp.s, strerror(errno));
			break;
		}
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(fd, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				hl_fail(err, "%s: %s", tmp.s, w < 0 ? strerror(errno) : "short write");
				close(fd);
				hl_buf_free(&tmp);
				return NULL;
			}
			done += w;
		}
	}
	close(fd);
	hl_buf_free(&tmp);
	return NULL;
}

static int open_input(struct stream *s, const char *path, const char *journal,
		      struct hl_buf *err)
{
	struct stat st;
	if (!hl_streq(path, "-")) {
		s->fp = fopen(path, "r");
		s->b.source = hl_xstrdup(path);
		if (!s->fp)
			return hl_fail(err, "%s: %s", path, strerror(errno));
		return 0;
	}
	s->b.source = hl_xstrdup("<stdin>");
	/* a file given as standard input is read twice where it is */
	int fd = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) ? dup(STDIN_FILENO) : -1;
	off_t at = fd >= 0 ? lseek(fd, 0, SEEK_CUR) : -1;
	if (fd >= 0 && at >= 0 && (s->fp = fdopen(fd, "r")) != NULL)
		return 0;
	if (fd >= 0)
		close(fd);
	s->fp = spool(journal, err);
	return s->fp ? 0 : -1;
}

/* A reader over the input from where it starts: pass says which. */
static struct hl_reader *rewind_input(struct stream *s, off_t start, struct hl_buf *err)
{
	if (fseeko(s->fp, start, SEEK_SET) != 0) {
		hl_fail(err, "%s: %s", s->b.source, strerror(errno));
		return NULL;
	}
	return hl_reader_open_upto(s->fp, s->b.source, 0, -1, err);
}

/* The first pass: names, and the tickets named. */
static int learn(struct stream *s, off_t start, struct hl_buf *err)
{
	struct hl_record tmp = {0};
	struct hl_reader *rd = rewind_input(s, start, err);
	int rc;
	if (!rd)
		return -1;
	while ((rc = hl_reader_next(rd, &tmp, err)) == HL_READ_RECORD) {
		own_names(s, &tmp);
		for (size_t i = 0; i < tmp.n; i++) {
			const char *name = tmp.f[i].name;
			size_t k = 0;
			while (k < s->norder && s->order[k] != name)
				k++;
			if (k == s->norder) {
				s->order = hl_xreallocarray(s->order, s->norder + 1, sizeof *s->order);
				s->order[s->norder++] = name;
			}
			if ((name == hl_columns[HL_COL_TICKET] || name == hl_columns[HL_COL_MASTER]) &&
			    tmp.f[i].len) {
				/* the value as the record gives it: no bytes
				 * to skip (a NUL in it is refused later) */
				struct hl_buf id = {0};
				hl_buf_add(&id, tmp.f[i].value, tmp.f[i].len);
				*(size_t *)hl_strmap_put(&s->named, id.s) = s->nrec + 1;
				hl_buf_free(&id);
			}
		}
		s->nrec++;
	}
	hl_record_free(&tmp);
	hl_reader_close(rd);
	return rc == HL_READ_EOF ? 0 : -1;
}

/* The journal's state of the tickets the batch names (and every id):
 * from the live state when it has them all, else by reading the journal. */
static int scan_named(struct hl_journal *j, const struct hl_config *cfg, struct stream *s,
		      struct hl_tickets *tt, struct hl_ids *ids, struct hl_buf *err)
{
	if (j->is_new)
		return 0;
	struct scan sc = {tt, ids, NULL, NULL, {0}, &s->named};
	char **keys = hl_xcalloc(s->named.n ? s->named.n : 1, sizeof *keys);
	size_t n = 0;
	for (size_t i = 0; i < s->named.cap; i++)
		if (s->named.key[i])
			keys[n++] = s->named.key[i];
	int rc = from_live(j, cfg, &sc, keys, n, 1, err);
	free(keys);
	if (rc == 0)
		rc = scan(j, &sc, err);
	hl_buf_free(&sc.key);
	return rc < 0 ? -1 : 0;
}

/* Where each field goes in the journal's line: its column, by the
 * field's name (a pointer: the names are owned, few and stable). */
struct colmap {
	const char *name[64];
	int col[64];
	size_t n, next;
};

static int column_of(struct colmap *m, const struct hl_journal *j, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->name[i] == name)
			return m->col[i];
	int col = -1;
	for (size_t c = 0; c < j->ncols && col < 0; c++)
		if (hl_streq(j->cols[c], name))
			col = (int)c;
	size_t at = m->n < 64 ? m->n++ : m->next++ % 64;
	m->name[at] = name;
	m->col[at] = col;
	return col;
}

/* The record as a journal line in out; a field the header has no column
 * for is refused unless empty (a new journal's header has them all). */
static int put_line(struct stream *s, struct colmap *m, const struct hl_journal *j,
		    struct hl_record *r, int *pos, struct hl_buf *out, struct hl_buf *err)
{
	for (size_t c = 0; c < j->ncols; c++)
		pos[c] = -1;
	for (size_t i = 0; i < r->n; i++) {
		int c = column_of(m, j, r->f[i].name);
		if (c < 0 && r->f[i].len) {
			hl_fail(err, "column '%s' is not in the journal's header%s", r->f[i].name,
				hl_is_column(r->f[i].name)
					? " (a journal older than the column: carry it over, see hl-journal(5))"
					: "");
			return at(&s->b, r, err);
		}
		if (c >= 0 && pos[c] < 0)
			pos[c] = (int)i;
	}
	for (size_t c = 0; c < j->ncols; c++) {
		if (c)
			hl_buf_addc(out, ',');
		if (pos[c] >= 0)
			hl_csv_put_field(out, r->f[pos[c]].value, r->f[pos[c]].len);
	}
	hl_buf_addc(out, '\n');
	return 0;
}

/* One record of the second pass: checked, given an id when it opens a
 * ticket without one, and applied to its ticket's state. A ticket's state
 * is dropped after the last record that names it, a new ticket's at once
 * unless the input names its id later (nothing else can: the id was not
 * given before). *fresh counts the ids given. */
static int take(struct stream *s, const struct hl_config *cfg, const struct hl_commit *c,
		struct hl_tickets *tt, struct hl_ids *ids, size_t index, struct hl_record *r,
		size_t *fresh, struct hl_buf *err)
{
	struct hl_buf id = {0};
	struct hl_event ev;
	int y, mo, d, h, mi, sec, rc = -1;
	if (prepare(&s->b, r, cfg, c, err))
		return -1;
	const char *kind = hl_record_get(r, "event");
	if (hl_streq(kind, "call"))
		return 0; /* no ticket; checked whole by prepare */
	const char *named = hl_record_get(r, "ticket");
	size_t *last = named ? hl_strmap_get(&s->named, named) : NULL;
	if (named && !last) {
		hl_fail(err, "the input changed while it was read");
		return at(&s->b, r, err);
	}
	if (!named && (hl_streq(kind, "open") || hl_streq(kind, "missed"))) {
		hl_time_fields(c->now, &y, &mo, &d, &h, &mi, &sec);
		hl_ids_next(ids, y, mo, d, &id);
		hl_record_set(r, hl_columns[HL_COL_TICKET], id.s);
		last = hl_strmap_get(&s->named, id.s);
		++*fresh;
	}
	if (kind && hl_streq(kind, "reopen"))
		carry_ticket(r, hl_tickets_get(tt, named));
	if (kind && hl_streq(kind, "return"))
		carry_return(r, hl_tickets_get(tt, named));
	if (hl_event_parse(r, 0, &ev, err) ||
	    hl_step_apply(cfg, tt, hl_tickets_add_for(tt, &ev), &ev, err)) {
		at(&s->b, r, err);
		goto out;
	}
	if (ev.ticket && (!last || *last == index + 1))
		hl_tickets_del(tt, ev.ticket);
	rc = 0;
out:
	hl_buf_free(&id);
	return rc;
}

/* The second pass, under the lock: every record checked and written past
 * the committed length. 0 when all were (not committed yet), -1. */
static int stream_out(struct stream *s, off_t start, struct hl_journal *j,
		      const struct hl_config *cfg, const struct hl_commit *c,
		      struct hl_tickets *tt, struct hl_ids *ids, size_t *fresh,
		      struct hl_buf *err)
{
	struct hl_record tmp = {0};
	struct hl_buf out = {0};
	struct colmap m = {0};
	int *pos = hl_xcalloc(j->ncols ? j->ncols : 1, sizeof *pos);
	int rc = -1, got;
	size_t index = 0;
	struct hl_reader *rd = rewind_input(s, start, err);
	if (!rd || hl_journal_begin(j, err))
		goto out;
	hl_buf_reserve(&out, 1 << 20);
	while ((got = hl_reader_next(rd, &tmp, err)) == HL_READ_RECORD) {
		own_names(s, &tmp);
		if (take(s, cfg, c, tt, ids, index++, &tmp, fresh, err) ||
		    put_line(s, &m, j, &tmp, pos, &out, err))
			goto out;
		if (out.len >= 1 << 20) {
			if (hl_journal_write(j, out.s, out.len, err))
				goto out;
			hl_buf_clear(&out);
		}
	}
	if (got != HL_READ_EOF || index != s->nrec) {
		if (got == HL_READ_EOF)
			hl_fail(err, "%s: the input changed while it was read", s->b.source);
		goto out;
	}
	rc = hl_journal_write(j, out.s, out.len, err);
out:
	hl_reader_close(rd);
	hl_record_free(&tmp);
	hl_buf_free(&out);
	free(pos);
	return rc;
}

int hl_batch_append(const char *path, const struct hl_config *cfg, const struct hl_commit *c,
		    struct hl_buf *err)
{
	struct stream s = {0};
	struct hl_tickets tt = {0};
	struct hl_ids ids = {.prefix = cfg->prefix, .digits = cfg->digits};
	struct hl_journal j;
	size_t fresh = 0;
	int64_t day = 0;
	long first = 0;
	int rc = -1, locked = 0;
	hl_strmap_init(&s.named, sizeof(size_t));
	if (open_input(&s, path, c->journal, err))
		goto out;
	off_t start = ftello(s.fp);
	if (start < 0)
		start = 0;
	if (learn(&s, start, err))
		goto out;
	if (s.nrec == 0) {
		rc = 0; /* nothing to write */
		goto out;
	}
	if (missing(c, err))
		goto out;
	if (hl_journal_lock(&j, c->journal, c->wait_seconds, err))
		goto out;
	locked = 1;
	if (j.is_new)
		for (size_t i = 0; i < s.norder; i++)
			hl_journal_add_column(&j, s.order[i]);
	if (scan_named(&j, cfg, &s, &tt, &ids, err))
		goto out;
	/* the ids given are today's, one after another from here */
	int y, mo, d, h, mi, sec;
	hl_time_fields(c->now, &y, &mo, &d, &h, &mi, &sec);
	day = (int64_t)y * 10000 + mo * 100 + d;
	for (size_t i = 0; i < ids.ndays; i++)
		if (ids.days[i].day == day)
			first = ids.days[i].seq;
	if (stream_out(&s, start, &j, cfg, c, &tt, &ids, &fresh, err)) {
		hl_journal_rollback(&j);
		goto out;
	}
	rc = hl_journal_commit(&j, err);
out:
	if (locked && rc < 0)
		hl_journal_abandon(&j);
	else if (locked)
		hl_journal_close(&j);
	/* ids are printed only once they are committed: the same sequence
	 * given again */
	if (rc >= 0 && fresh && c->ids_out) {
		struct hl_ids again = {.prefix = cfg->prefix, .digits = cfg->digits};
		struct hl_buf id = {0};
		hl_ids_see_day(&again, day, first);
		for (size_t i = 0; i < fresh; i++) {
			hl_buf_clear(&id);
			hl_ids_next(&again, (int)(day / 10000), (int)(day / 100 % 100), (int)(day % 100), &id);
			hl_buf_addc(&id, '\n');
			fwrite(id.s, 1, id.len, c->ids_out);
		}
		hl_buf_free(&id);
		hl_ids_free(&again);
	}
	if (s.fp)
		fclose(s.fp);
	for (size_t i = 0; i < s.b.nnames; i++)
		free(s.b.names[i]);
	free(s.b.names);
	free(s.b.source);
	free(s.order);
	free(s.seen);
	free(s.owned);
	hl_strmap_free(&s.named);
	hl_tickets_free(&tt);
	hl_ids_free(&ids);
	return rc;
}
