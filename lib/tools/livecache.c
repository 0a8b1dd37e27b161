/* livecache.c - the live state saved beside the journal (JOURNAL.state)
 * and resumed from. The cache is derived: it is trusted only when it is of
 * this very file (device and inode), the file is not shorter than what it
 * covers, the last 64 KiB it covers are byte for byte what they were, and
 * the configuration is the same; else it is rebuilt from the top. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/committed.h"
#include "io/journalread.h"
#include "io/tindex.h"
#include "tools/live.h"
#include "io/reader.h"
#include "hl/route.h"

#define VERSION "hl-state 8\n"
#define TAIL_CHECK 65536
/* rewrite the cache once this much more than it covers was read (or
 * $HL_STATE_REWRITE bytes: 0 rewrites it on every run, for tests) */
#define REWRITE_AFTER (1 << 20)
#define NTIMES 16                    /* the times of a ticket the cache keeps */

static long long rewrite_after(size_t cache_size)
{
	const char *env = getenv("HL_STATE_REWRITE");
	long v;
	if (env && *env && !hl_parse_long(env, 0, 1L << 40, &v))
		return v;
	return cache_size > REWRITE_AFTER ? (long long)cache_size : REWRITE_AFTER;
}


void hl_live_cache_path(const char *journal, struct hl_buf *out)
{
	hl_buf_clear(out);
	hl_buf_printf(out, "%s.state", journal);
}

/* ---- writing: tab-separated fields; a string is ~ (none) or = and its
 * text with \ tab and line breaks escaped ---- */

static void put_int(struct hl_buf *b, long long v)
{
	hl_buf_printf(b, "\t%lld", v);
}

static void put_str(struct hl_buf *b, const char *s)
{
	hl_buf_adds(b, s ? "\t=" : "\t~");
	for (; s && *s; s++) {
		const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;
		if (esc)
			hl_buf_adds(b, esc);
		else
			hl_buf_addc(b, *s);
	}
}

static void put_time(struct hl_buf *b, struct hl_time t)
{
	put_int(b, t.t);
	put_int(b, t.off);
}

/* A ticket's numbers, as the cache stores them (NTIMES: its times). */
enum { NINTS = 16 };

/* The ticket's times, in the cache's order. */
static void ticket_times(struct hl_ticket *t, struct hl_time *out[NTIMES])
{
	struct hl_time *all[] = {&t->opened,   &t->last,    &t->assigned, &t->acked,
				 &t->resolved, &t->closed,  &t->reopened, &t->replied,
				 &t->arrived,  &t->progress, &t->followed, &t->called,
				 &t->dispatched, &t->first_resolved, &t->supervised, &t->reviewed};
	_Static_assert(nitems(all) == NTIMES, "NTIMES counts a ticket's times");
	memcpy(out, all, sizeof all);
}

static void put_ext(struct hl_buf *b, const struct hl_ext *e)
{
	put_int(b, e->clock), put_int(b, e->more.unit), put_int(b, e->more.amount);
	put_int(b, e->asked), put_int(b, e->approved);
}

static void put_ticket(struct hl_buf *b, struct hl_ticket *t)
{
	struct hl_time *times[NTIMES];
	ticket_times(t, times);
	hl_buf_addc(b, 'T');
	put_str(b, t->id);
	long long ints[] = {t->state, t->missed, t->held, t->reopens, t->followups, t->last_score,
			    t->escalations, t->category, t->priority, t->channel, t->verdict,
			    t->returns, t->returned, t->supervisions, t->rejects, t->asking};
	_Static_assert(nitems(ints) == NINTS, "NINTS counts a ticket's numbers");
	for (size_t i = 0; i < nitems(ints); i++)
		put_int(b, ints[i]);
	const char *strs[] = {t->opener, t->phone, t->dept, t->assignee, t->place, t->text, t->rule};
	for (size_t i = 0; i < nitems(strs); i++)
		put_str(b, strs[i]);
	/* link: the master of a duplicate, the duplicates of a master */
	put_str(b, t->master);
	put_str(b, t->dups);
	for (size_t i = 0; i < NTIMES; i++)
		put_time(b, *times[i]);
	put_int(b, t->held_since);
	put_int(b, t->held_total);
	put_int(b, (long long)t->nholds);
	for (size_t i = 0; i < t->nholds; i++)
		put_int(b, t->holds[i].from), put_int(b, t->holds[i].to);
	/* the extension asked (whatever asking says), then those approved */
	put_ext(b, &t->asked);
	put_int(b, (long long)t->nexts);
	for (size_t i = 0; i < t->nexts; i++)
		put_ext(b, &t->exts[i]);
	put_int(b, (long long)t->nsent);
	for (size_t i = 0; i < t->nsent; i++)
		put_int(b, t->sent[i].clock), put_int(b, t->sent[i].level), put_int(b, t->sent[i].due),
			put_int(b, t->sent[i].who);
	/* last, the category's second level: routes and SLA rules match it */
	put_str(b, t->category2);
	hl_buf_addc(b, '\n');
}

static int by_key(const void *a, const void *b)
{
	return strcmp(**(char *const *const *)a, **(char *const *const *)b);
}

/* The slots of a table in the order of their keys: written in slot order,
 * the entries would be read back in hash order and pile up in the
 * reader's growing table (linear probing). */
static size_t *key_order(char *const *keys, size_t stride, size_t cap, size_t *n)
{
	char *const **ptrs = hl_xcalloc(cap ? cap : 1, sizeof *ptrs);
	size_t k = 0;
	for (size_t i = 0; i < cap; i++) {
		char *const *key = (char *const *)((const char *)keys + i * stride);
		if (*key)
			ptrs[k++] = key;
	}
	qsort(ptrs, k, sizeof *ptrs, by_key);
	size_t *order = hl_xcalloc(k ? k : 1, sizeof *order);
	for (size_t i = 0; i < k; i++)
		order[i] = (size_t)((const char *)ptrs[i] - (const char *)keys) / stride;
	free(ptrs);
	*n = k;
	return order;
}

/* Only phones that can still matter: one with a complaint inside the
 * longest repeat window as of now, or a live ticket's (the rest would
 * make the cache grow with the history: 46,214 phones over two years) */
static void put_complaints(struct hl_buf *b, const struct hl_live *s)
{
	const struct hl_repeats *r = &s->complaints;
	int64_t forget = hl_live_forget_before(s);
	struct hl_strmap asking;
	hl_strmap_init(&asking, 1);
	hl_live_asking_phones(s, &asking);
	size_t n, *order = key_order(r->phones.key, sizeof *r->phones.key, r->phones.cap, &n);
	hl_buf_printf(b, "Q\t%" PRIu64 "\n", r->seq);
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		const struct hl_complaints *c;
		c = (const struct hl_complaints *)((const char *)r->phones.val + i * r->phones.size);
		if (c->n == 0 || (c->t[c->n - 1] < forget && !hl_strmap_get(&asking, r->phones.key[i])))
			continue;
		hl_buf_addc(b, 'P');
		put_str(b, r->phones.key[i]);
		put_int(b, c->n);
		for (int j = 0; j < c->n; j++)
			put_int(b, c->t[j]), put_int(b, (long long)c->id_hash[j]), put_int(b, (long long)c->seq[j]);
		hl_buf_addc(b, '\n');
	}
	free(order);
	hl_strmap_free(&asking);
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(struct hl_ticket *const *)a)->id, (*(struct hl_ticket *const *)b)->id);
}

struct coverage {
	dev_t dev;
	ino_t ino;
	long long offset, line;
	uint64_t tail;
};

static void serialize(const struct hl_live *s, const struct coverage *cov, struct hl_buf *b)
{
	hl_buf_adds(b, VERSION);
	hl_buf_printf(b, "J\t%llu\t%llu\t%lld\t%lld\t%" PRIu64 "\t%" PRIu64 "\n",
		      (unsigned long long)cov->dev, (unsigned long long)cov->ino, cov->offset,
		      cov->line, cov->tail, s->cfg->fingerprint);
	hl_buf_printf(b, "I\t%lld\n", (long long)s->last);
	for (size_t i = 0; i < s->ids.ndays; i++)
		hl_buf_printf(b, "D\t%lld\t%ld\n", (long long)s->ids.days[i].day, s->ids.days[i].seq);
	for (size_t i = 0; i < s->nrules; i++)
		hl_buf_printf(b, "R\t%zu\t%zu\n", i, s->rotation[i]);
	put_complaints(b, s);
	struct hl_ticket **sorted = hl_xcalloc(s->tickets.n ? s->tickets.n : 1, sizeof *sorted);
	size_t n = 0;
	for (size_t i = 0; i < s->tickets.cap; i++)
		if (s->tickets.slot[i].t)
			sorted[n++] = s->tickets.slot[i].t;
	qsort(sorted, n, sizeof *sorted, by_id);
	for (size_t i = 0; i < n; i++)
		put_ticket(b, sorted[i]);
	free(sorted);
	hl_buf_printf(b, "E\t%016" PRIx64 "\n", hl_sum64(b->s, b->len));
}

/* ---- reading ---- */

struct fields {
	char **f;
	size_t n, at, cap;
	int bad;
};

static void split(char *line, struct fields *fs)
{
	fs->n = fs->at = 0;
	fs->bad = 0;
	for (char *p = line;;) {
		if (fs->n == fs->cap) {
			fs->cap = fs->cap ? 2 * fs->cap : 64;
			fs->f = hl_xreallocarray(fs->f, fs->cap, sizeof *fs->f);
		}
		fs->f[fs->n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	fs->at = 1; /* after the line's kind */
}

static long long get_int(struct fields *fs)
{
	long long v = 0;
	if (fs->at >= fs->n) {
		fs->bad = 1;
		return 0;
	}
	if (hl_parse_llong(fs->f[fs->at++], LLONG_MIN, LLONG_MAX, &v))
		fs->bad = 1;
	return v;
}

/* A string field, unescaped in place; NULL for ~. */
static char *get_str(struct fields *fs)
{
	if (fs->at >= fs->n || (fs->f[fs->at][0] != '=' && fs->f[fs->at][0] != '~')) {
		fs->bad = 1;
		return NULL;
	}
	char *s = fs->f[fs->at++];
	if (*s == '~')
		return NULL;
	char *w = s;
	for (char *r = s + 1; *r; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		r++;
		*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
		if (!*r) {
			fs->bad = 1;
			break;
		}
	}
	*w = '\0';
	return s;
}

/* Values read back are checked against what a fold can make: the
 * checksum is no seal (anyone can compute it), and a value out of range
 * would index a table or shift a mask out of bounds later. Anything else
 * and the cache is not trusted, as if its checksum were wrong. */
#define TIME_MIN (-86400LL)          /* 1970-01-01 at the westmost offset */
#define TIME_MAX 253402387200LL      /* 10000-01-02: past any journal's year */
#define OFF_MAX (23 * 60 + 59)       /* minutes, as +HH:MM allows */
#define COUNT_MAX (INT_MAX / 2)      /* reopens...: far from overflow when counted on */

static int in_range(long long v, long long lo, long long hi)
{
	return v >= lo && v <= hi;
}

/* An instant as the fold keeps it: 0 for not yet, else a journal's time. */
static int sane_time(long long t)
{
	return t == 0 || in_range(t, TIME_MIN, TIME_MAX);
}

static int sane_ticket(struct hl_ticket *t, long long held_total)
{
	struct hl_time *times[NTIMES];
	ticket_times(t, times);
	for (size_t i = 0; i < NTIMES; i++)
		if (!sane_time(times[i]->t))
			return 0;
	if (!sane_time(t->held_since) || !in_range(held_total, 0, TIME_MAX - TIME_MIN) ||
	    (t->held && t->nholds == 0))
		return 0;
	for (size_t i = 0; i < t->nholds; i++)
		if (!sane_time(t->holds[i].from) || !sane_time(t->holds[i].to))
			return 0;
	for (size_t i = 0; i < t->nsent; i++)
		if (!in_range(t->sent[i].clock, 0, HL_NCLOCKS - 1) || !in_range(t->sent[i].level, 0, 99) ||
		    !sane_time(t->sent[i].due))
			return 0;
	return 1;
}

/* An extension as put_ext wrote it, each number within what a fold makes. */
static int get_ext(struct fields *fs, struct hl_ext *e)
{
	long long clock = get_int(fs), unit = get_int(fs), amount = get_int(fs);
	long long asked = get_int(fs), approved = get_int(fs);
	if (fs->bad || !in_range(clock, 0, HL_NCLOCKS - 1) || !in_range(unit, HL_DUR_CLOCK, HL_DUR_BDAY) ||
	    !in_range(amount, 0, TIME_MAX - TIME_MIN) || !sane_time(asked) || !sane_time(approved))
		return -1;
	*e = (struct hl_ext){(int)clock, {(enum hl_dur_unit)unit, amount}, asked, approved};
	return 0;
}

static int get_ticket(struct hl_live *s, struct fields *fs)
{
	const char *id = get_str(fs);
	if (!id || fs->bad || hl_tickets_get(&s->tickets, id))
		return -1;
	long long v[NINTS];
	for (size_t i = 0; i < NINTS; i++)
		v[i] = get_int(fs);
	/* each within its enum or the range a fold counts to, before any is
	 * stored: an int or enum cannot hold just any number */
	static const long long lo[] = {HL_ST_OPEN, 0, 0, 0, 0, 0, 0, HL_CAT_NONE, HL_PRI_NONE, HL_CH_NONE,
				       HL_VER_NONE, 0, 0, 0, 0, 0};
	static const long long hi[] = {HL_ST_LINKED, 1, 1, COUNT_MAX, COUNT_MAX, 5, COUNT_MAX,
					 HL_CAT_OTHER, HL_PRI_CRITICAL, HL_CH_SMS, HL_VER_DECLINED,
					 COUNT_MAX, 1, COUNT_MAX, COUNT_MAX, 1};
	_Static_assert(nitems(lo) == NINTS && nitems(hi) == NINTS, "a range for each number");
	for (size_t i = 0; i < NINTS; i++)
		if (!in_range(v[i], lo[i], hi[i]))
			return -1;
	if (fs->bad || v[0] == HL_ST_VOID) /* a void ticket is forgotten */
		return -1;
	struct hl_ticket *t = hl_tickets_add(&s->tickets, id);
	t->state = (enum hl_state)v[0], t->missed = (int)v[1], t->held = (int)v[2];
	t->reopens = (int)v[3], t->followups = (int)v[4], t->last_score = (int)v[5];
	t->escalations = (int)v[6], t->category = (enum hl_category)v[7];
	t->priority = (enum hl_priority)v[8], t->channel = (enum hl_channel)v[9];
	t->verdict = (enum hl_verdict)v[10];
	t->returns = (int)v[11], t->returned = (int)v[12], t->supervisions = (int)v[13];
	t->rejects = (int)v[14], t->asking = (int)v[15];
	char **strs[] = {&t->opener, &t->phone, &t->dept, &t->assignee, &t->place, &t->text, &t->rule};
	for (size_t i = 0; i < nitems(strs); i++)
		*strs[i] = hl_xstrdup_opt(get_str(fs));
	/* link: a master an id, a linked ticket one; duplicates ids */
	t->master = hl_xstrdup_opt(get_str(fs));
	t->dups = hl_xstrdup_opt(get_str(fs));
	if ((t->master && hl_ticket_id_check(t->master, NULL)) ||
	    (t->state == HL_ST_LINKED && !t->master) ||
	    (t->dups && !*t->dups))
		return -1;
	struct hl_time *times[NTIMES];
	ticket_times(t, times);
	for (size_t i = 0; i < NTIMES; i++) {
		times[i]->t = get_int(fs);
		long long off = get_int(fs);
		if (!in_range(off, -OFF_MAX, OFF_MAX))
			return -1;
		times[i]->off = (int)off;
	}
	t->held_since = get_int(fs);
	long long held_total = get_int(fs);
	t->held_total = held_total;
	long long n = get_int(fs);
	if (fs->bad || n < 0 || (size_t)n > fs->n)
		return -1;
	t->holds = hl_xcalloc(n ? (size_t)n : 1, sizeof *t->holds);
	for (t->nholds = 0; t->nholds < (size_t)n; t->nholds++) {
		t->holds[t->nholds].from = get_int(fs);
		t->holds[t->nholds].to = get_int(fs);
	}
	if (get_ext(fs, &t->asked))
		return -1;
	n = get_int(fs);
	if (fs->bad || n < 0 || (size_t)n > fs->n)
		return -1;
	t->exts = hl_xcalloc(n ? (size_t)n : 1, sizeof *t->exts);
	for (t->nexts = 0; t->nexts < (size_t)n; t->nexts++)
		if (get_ext(fs, &t->exts[t->nexts]))
			return -1;
	n = get_int(fs);
	if (fs->bad || n < 0 || (size_t)n > fs->n)
		return -1;
	t->sent = hl_xcalloc(n ? (size_t)n : 1, sizeof *t->sent);
	for (t->nsent = 0; t->nsent < (size_t)n; t->nsent++) {
		long long clock = get_int(fs), level = get_int(fs);
		if (!in_range(clock, 0, HL_NCLOCKS - 1) || !in_range(level, 0, 99))
			return -1;
		t->sent[t->nsent].clock = (int)clock;
		t->sent[t->nsent].level = (int)level;
		t->sent[t->nsent].due = get_int(fs);
		t->sent[t->nsent].who = get_int(fs);
	}
	t->category2 = hl_xstrdup_opt(get_str(fs));
	if (t->category2 && (!t->category || hl_category2_check(t->category2, NULL)))
		return -1;
	return fs->bad || fs->at != fs->n || !sane_ticket(t, held_total) ? -1 : 0;
}

static int get_phone(struct hl_live *s, struct fields *fs)
{
	const char *phone = get_str(fs);
	long long n = get_int(fs);
	if (!phone || fs->bad || n < 0 || n > HL_REPEATS_KEPT || hl_strmap_get(&s->complaints.phones, phone))
		return -1;
	struct hl_complaints *c = hl_strmap_put(&s->complaints.phones, phone);
	for (c->n = 0; c->n < n; c->n++) {
		c->t[c->n] = get_int(fs);
		c->id_hash[c->n] = (size_t)get_int(fs);
		c->seq[c->n] = (uint64_t)get_int(fs);
		if (!sane_time(c->t[c->n]))
			return -1;
	}
	return fs->bad || fs->at != fs->n ? -1 : 0;
}

static int get_line(struct hl_live *s, char *line, struct fields *fs)
{
	split(line, fs);
	switch (line[0] == '\0' || fs->f[0][1] ? '?' : line[0]) {
	case 'I':
		s->last = get_int(fs);
		return fs->bad || fs->at != fs->n || !sane_time(s->last) ? -1 : 0;
	case 'D': {
		/* as hl_ids_see takes them: eight digits, and a sequence it
		 * stops reading at ten (counted on from there, far from overflow) */
		long long day = get_int(fs), seq = get_int(fs);
		if (fs->bad || fs->at != fs->n || !in_range(day, 0, 99999999) || !in_range(seq, 0, 1LL << 40))
			return -1;
		hl_ids_see_day(&s->ids, day, (long)seq);
		return 0;
	}
	case 'R': {
		long long i = get_int(fs), next = get_int(fs);
		/* a place in the rule's pool (0 for a rule without one) */
		if (fs->bad || fs->at != fs->n || i < 0 || (size_t)i >= s->nrules || next < 0 ||
		    (size_t)next >= (s->cfg->routes->rule[i].npool ? s->cfg->routes->rule[i].npool : 1))
			return -1;
		s->rotation[i] = (size_t)next;
		return 0;
	}
	case 'Q':
		s->complaints.seq = (uint64_t)get_int(fs);
		return fs->bad || fs->at != fs->n ? -1 : 0;
	case 'P':
		return get_phone(s, fs);
	case 'T':
		return get_ticket(s, fs);
	default:
		return -1;
	}
}

static int slurp_fd(int fd, struct hl_buf *out)
{
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		hl_buf_add(out, chunk, (size_t)n);
	return n < 0 ? -1 : 0;
}

/* The hash of the bytes of fd in [offset - TAIL_CHECK, offset). */
static int tail_hash(int fd, long long offset, uint64_t *out)
{
	long long from = offset > TAIL_CHECK ? offset - TAIL_CHECK : 0;
	size_t n = (size_t)(offset - from);
	char *buf = hl_xmalloc(n ? n : 1);
	ssize_t got = pread(fd, buf, n, (off_t)from);
	*out = hl_sum64(buf, n);
	free(buf);
	return got == (ssize_t)n ? 0 : -1;
}

/* Loads the cache into the empty state s when it is valid for the journal
 * open as fd; 1 when loaded, 0 when not (s left empty). */
static int load(struct hl_live *s, const char *path, int fd, const struct stat *st,
		int64_t committed, struct coverage *cov, size_t *cache_size)
{
	struct hl_buf text = {0};
	struct fields fs = {0};
	int cfd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), ok = 0;
	if (cfd < 0)
		return 0;
	if (slurp_fd(cfd, &text) == 0 && text.len > strlen(VERSION) &&
	    !memcmp(text.s, VERSION, strlen(VERSION)) && text.s[text.len - 1] == '\n') {
		char *e = text.len >= 19 ? memrchr(text.s, '\n', text.len - 1) : NULL;
		unsigned long long sum = 0, dev = 0, ino = 0;
		uint64_t fp = 0, tail = 0;
		ok = e && sscanf(e + 1, "E\t%llx", &sum) == 1 && sum == hl_sum64(text.s, (size_t)(e + 1 - text.s)) &&
		     sscanf(text.s + strlen(VERSION), "J\t%llu\t%llu\t%lld\t%lld\t%" SCNu64 "\t%" SCNu64, &dev,
			    &ino, &cov->offset, &cov->line, &cov->tail, &fp) == 6 &&
		     dev == (unsigned long long)st->st_dev && ino == (unsigned long long)st->st_ino &&
		     cov->offset > 0 && cov->offset <= committed && fp == s->cfg->fingerprint &&
		     tail_hash(fd, cov->offset, &tail) == 0 && tail == cov->tail;
		if (ok) {
			e[1] = '\0'; /* the body: every line up to E's */
			char *line = strchr(text.s + strlen(VERSION), '\n') + 1, *nl;
			for (; ok && line <= e; line = nl + 1) {
				nl = strchr(line, '\n');
				*nl = '\0';
				ok = get_line(s, line, &fs) == 0;
			}
		}
	}
	*cache_size = text.len;
	free(fs.f);
	hl_buf_free(&text);
	close(cfd);
	return ok;
}

/* Writes the cache next to the journal: a new file (made afresh, never
 * through a link someone left at its name) renamed over the old, so a
 * reader sees the old cache or the new, whole. Failing to write it is no
 * error: it only saves time; the new file does not stay behind. */
static void save(const struct hl_live *s, const char *path, const struct coverage *cov)
{
	struct hl_buf text = {0}, tmp = {0};
	serialize(s, cov, &text);
	hl_buf_printf(&tmp, "%s.XXXXXX", path);
	int fd = mkostemp(tmp.s, O_CLOEXEC);
	if (fd >= 0) {
		size_t done = 0;
		while (done < text.len) {
			ssize_t n = write(fd, text.s + done, text.len - done);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			done += (size_t)n;
		}
		if (close(fd) == 0 && done == text.len && rename(tmp.s, path) == 0)
			tmp.len = 0;
		if (tmp.len)
			unlink(tmp.s);
	}
	hl_buf_free(&tmp);
	hl_buf_free(&text);
}

static void reset(struct hl_live *s)
{
	const struct hl_config *cfg = s->cfg;
	int peek = s->peek;
	hl_live_free(s);
	hl_live_init(s, cfg);
	s->peek = peek;
}

static int read_from(struct hl_live *s, int fd, const struct stat *st, const char *name,
		     int64_t committed, struct coverage *cov, struct hl_buf *err)
{
	int dupfd = dup(fd);
	FILE *fp = dupfd >= 0 ? fdopen(dupfd, "r") : NULL;
	struct hl_cols c;
	struct hl_buf e = {0};
	struct hl_event ev;
	int rc = HL_READ_EOF;
	if (!fp) {
		if (dupfd >= 0)
			close(dupfd);
		return hl_fail(err, "%s: %s", name, strerror(errno));
	}
	struct hl_reader *rdr = hl_reader_open_upto(fp, name, HL_READ_JOURNAL, committed, err);
	if (rdr && cov->offset && hl_reader_seek(rdr, cov->offset, (long)cov->line, err))
		rc = HL_READ_FATAL;
	/* the ticket index goes on with what is read here, at no other cost */
	struct hl_tindex_ext *x = rdr && rc != HL_READ_FATAL && !s->peek
					  ? hl_tindex_extend(name, fd, st, cov->offset, committed)
					  : NULL;
	while (rdr && rc != HL_READ_FATAL && (rc = hl_reader_next_cols(rdr, &c, &e)) != HL_READ_EOF &&
	       rc != HL_READ_FATAL) {
		if (rc == HL_READ_BAD) {
			hl_warnx("%s", e.s);
			continue;
		}
		hl_tindex_add(x, c.v[HL_COL_TICKET], c.offset, c.line);
		hl_live_feed(s, &c, name, &ev);
		cov->line = c.line;
	}
	if (rdr && rc == HL_READ_EOF && hl_reader_format(rdr) == HL_FMT_CSV)
		hl_tindex_done(x, hl_reader_offset(rdr), (long)cov->line);
	else
		hl_tindex_drop(x);
	if (rc == HL_READ_FATAL && e.len)
		hl_fail(err, "%s", e.s);
	if (rdr) {
		s->tail_bytes = (long long)hl_reader_offset(rdr) - cov->offset;
		cov->offset = hl_reader_offset(rdr);
	}
	hl_reader_close(rdr);
	fclose(fp);
	hl_buf_free(&e);
	return !rdr || rc == HL_READ_FATAL ? -1 : 0;
}

int hl_live_sync(struct hl_live *s, const char *journal, struct hl_buf *err)
{
	struct stat st;
	struct coverage cov = {0};
	struct hl_buf path = {0};
	size_t cache_size = 0;
	int fd = open(journal, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hl_fail(err, "%s: %s", journal, strerror(errno));
	if (fstat(fd, &st) < 0) {
		close(fd);
		return hl_fail(err, "%s: %s", journal, strerror(errno));
	}
	/* only what is committed: a batch being written is not read, and so
	 * never cached as damage */
	int64_t committed = -1;
	if (S_ISREG(st.st_mode) && hl_committed_read(journal, fd, &committed, NULL, err) < 0) {
		close(fd);
		return -1;
	}
	hl_live_cache_path(journal, &path);
	s->from_cache = S_ISREG(st.st_mode) &&
			load(s, path.s, fd, &st, committed, &cov, &cache_size);
	if (!s->from_cache) {
		reset(s);
		memset(&cov, 0, sizeof cov);
	}
	size_t cached = s->tickets.n;
	int rc = read_from(s, fd, &st, journal, committed, &cov, err);
	/* time moved on (a record days later): tickets the cache holds may
	 * have settled since. Each run would load them only to drop them:
	 * a quarter of them gone, the cache is written anew (an entry on
	 * the 10 M never-closed journal loaded 2,964 tickets and kept 146,
	 * 4.5x an entry on an empty journal) */
	size_t settled = hl_live_settle(s);
	int shrunk = s->from_cache && settled >= 32 && settled * 4 > cached;
	if (rc == 0 && S_ISREG(st.st_mode) && cov.offset > 0 && !s->peek &&
	    (!s->from_cache || shrunk || s->tail_bytes > rewrite_after(cache_size))) {
		cov.dev = st.st_dev;
		cov.ino = st.st_ino;
		if (tail_hash(fd, cov.offset, &cov.tail) == 0)
			save(s, path.s, &cov);
	}
	close(fd);
	hl_buf_free(&path);
	return rc;
}

static void feed(void *arg, const struct hl_cols *c, const char *file)
{
	struct hl_event ev;
	hl_live_feed(arg, c, file, &ev);
}

int hl_live_read(struct hl_live *s, char *const *files, int nfiles, struct hl_buf *err)
{
	const char *env = getenv("HL_JOURNAL");
	const char *path = nfiles == 1 ? files[0] : env && *env ? env : "hotline.csv";
	if (nfiles > 1 || hl_streq(path, "-")) {
		int rc = hl_journal_read(files, nfiles, feed, s, err);
		hl_live_settle(s);
		return rc;
	}
	/* the cache holds the whole journal: as of an earlier time (a --now
	 * in the past) the fold is redone from the top without what came
	 * later, and not cached */
	int64_t as_of = s->as_of;
	s->as_of = 0;
	int rc = hl_live_sync(s, path, err);
	if (rc || !as_of || s->last <= as_of) {
		s->as_of = as_of;
		return rc;
	}
	const struct hl_config *cfg = s->cfg;
	char *one[] = {(char *)path};
	hl_live_free(s);
	hl_live_init(s, cfg);
	s->as_of = as_of;
	rc = hl_journal_read(one, 1, feed, s, err);
	hl_live_settle(s);
	return rc;
}
