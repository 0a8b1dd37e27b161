/* tindex.c - the ticket index (JOURNAL.index): a hash table on disk from
 * a ticket id to every record of the ticket, so that a step on a ticket
 * settled long ago reads its records and not the journal.
 *
 * Layout (this machine's byte order, told by the header): a header; the
 * buckets, each the number (1-based, 0: none) of the latest entry of its
 * chain; the entries in journal order, each a record's offset and line,
 * the ticket's hash and the number of the bucket's entry before it.
 * Entries and buckets are only added to or moved forward, and an entry is
 * written before the bucket that names it, so a reader never follows a
 * bucket to an entry not yet there.
 *
 * Like the state cache it is derived, and trusted only when it is of
 * this very journal (device and inode), the journal's committed part is
 * not shorter than what it covers, the last 64 KiB it covers are what
 * they were, its header's checksum holds and no extension was cut short;
 * a record it points to must carry the ticket's hash. Else it is made
 * anew from the journal. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "io/committed.h"
#include "io/tindex.h"

#define MAGIC "hl-index 1\n"
#define ORDER 0x0102030405060708ULL
#define TAIL_CHECK 65536
#define MIN_BUCKETS 1024
#define JOURNAL_PER_BUCKET 256     /* bytes: a bucket for about every 2 records */
#define CHAIN_MAX 16               /* entries a bucket: past it, made anew */
#define BUF_ENTRIES 4096

struct head {
	char magic[16];
	uint64_t order, dev, ino;
	uint64_t covered;   /* the journal's bytes indexed */
	uint64_t line;      /* the physical lines before covered */
	uint64_t tail;      /* hl_sum64 of the TAIL_CHECK bytes before covered */
	uint64_t nbuckets, nentries;
	uint64_t dirty;     /* an extension is under way (or died) */
	uint64_t check;     /* hl_sum64 of the fields before */
};

struct entry {
	uint64_t off;
	uint32_t next;      /* the bucket's entry before (1-based; 0: none) */
	uint32_t tag;       /* the ticket's hash, its low half */
	uint32_t line;      /* the record's first physical line (saturated) */
	uint32_t check;     /* of the fields before */
};

_Static_assert(sizeof(struct head) == 96, "the header's layout");
_Static_assert(sizeof(struct entry) == 24, "an entry's layout");

void hl_tindex_path(const char *journal, struct hl_buf *out)
{
	hl_buf_clear(out);
	hl_buf_printf(out, "%s.index", journal);
}

static uint64_t id_hash(const char *id)
{
	return hl_sum64(id, strlen(id));
}

static uint32_t entry_check(const struct entry *e)
{
	return (uint32_t)hl_sum64(e, offsetof(struct entry, check));
}

static off_t bucket_at(uint64_t b)
{
	return (off_t)(sizeof(struct head) + 4 * b);
}

static off_t entry_at(const struct head *h, uint64_t n)
{
	return (off_t)(sizeof(struct head) + 4 * h->nbuckets + sizeof(struct entry) * n);
}

static int pread_all(int fd, void *buf, size_t n, off_t at)
{
	ssize_t got;
	do
		got = pread(fd, buf, n, at);
	while (got < 0 && errno == EINTR);
	return got == (ssize_t)n ? 0 : -1;
}

static int pwrite_all(int fd, const void *buf, size_t n, off_t at)
{
	const char *p = buf;
	while (n) {
		ssize_t put = pwrite(fd, p, n, at);
		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0)
			return -1;
		p += put, n -= (size_t)put, at += put;
	}
	return 0;
}

/* The hash of the journal's bytes [covered - TAIL_CHECK, covered). */
static int tail_hash(int jfd, uint64_t covered, uint64_t *out)
{
	uint64_t from = covered > TAIL_CHECK ? covered - TAIL_CHECK : 0;
	size_t n = (size_t)(covered - from);
	char *buf = hl_xmalloc(n ? n : 1);
	int rc = pread_all(jfd, buf, n, (off_t)from);
	*out = hl_sum64(buf, n);
	free(buf);
	return rc;
}

static void seal(struct head *h)
{
	memset(h->magic, 0, sizeof h->magic);
	memcpy(h->magic, MAGIC, strlen(MAGIC));
	h->order = ORDER;
	h->check = hl_sum64(h, offsetof(struct head, check));
}

/* The header of the index open as ifd, when it is one of the journal open
 * as jfd as it stands (committed bytes of it): 1, else 0. */
static int trusted(int ifd, int jfd, const struct stat *st, int64_t committed, struct head *h)
{
	struct stat ist;
	uint64_t tail;
	char magic[16] = {0};
	memcpy(magic, MAGIC, strlen(MAGIC));
	if (pread_all(ifd, h, sizeof *h, 0) || memcmp(h->magic, magic, sizeof magic) ||
	    h->order != ORDER || h->check != hl_sum64(h, offsetof(struct head, check)))
		return 0;
	if (h->dev != (uint64_t)st->st_dev || h->ino != (uint64_t)st->st_ino ||
	    h->covered > (uint64_t)committed || h->nbuckets < 2 || h->nbuckets > (1U << 30) ||
	    h->nentries >= UINT32_MAX || fstat(ifd, &ist) ||
	    (uint64_t)ist.st_size < (uint64_t)entry_at(h, h->nentries))
		return 0;
	return tail_hash(jfd, h->covered, &tail) == 0 && tail == h->tail;
}

/* ---- extending ---- */

struct hl_tindex_ext {
	int fd, jfd;
	struct hl_buf path, tmp;   /* tmp: a new index, renamed over path when done */
	struct head h;
	uint32_t *heads;           /* a new index's buckets, all here */
	struct entry *buf;         /* a new index's entries not yet written */
	size_t nbuf;
	int failed;
};

static void ext_free(struct hl_tindex_ext *x)
{
	if (x->tmp.len)
		unlink(x->tmp.s);
	if (x->fd >= 0)
		close(x->fd); /* the lock with it */
	hl_buf_free(&x->path);
	hl_buf_free(&x->tmp);
	free(x->heads);
	free(x->buf);
	free(x);
}

/* A new index, in a new file (mode 0600, never through a link). */
static struct hl_tindex_ext *ext_new(struct hl_tindex_ext *x, const struct stat *st, int64_t size)
{
	uint64_t nb = (uint64_t)size / JOURNAL_PER_BUCKET;
	nb = nb < MIN_BUCKETS ? MIN_BUCKETS : nb > (1U << 30) ? (1U << 30) : (nb + 1) & ~1ULL;
	if (x->fd >= 0)
		close(x->fd);
	hl_buf_printf(&x->tmp, "%s.XXXXXX", x->path.s);
	x->fd = mkostemp(x->tmp.s, O_CLOEXEC);
	if (x->fd < 0) {
		x->tmp.len = 0;
		ext_free(x);
		return NULL;
	}
	memset(&x->h, 0, sizeof x->h);
	x->h.dev = (uint64_t)st->st_dev, x->h.ino = (uint64_t)st->st_ino;
	x->h.nbuckets = nb;
	x->heads = hl_xcalloc(nb, sizeof *x->heads);
	x->buf = hl_xcalloc(BUF_ENTRIES, sizeof *x->buf);
	return x;
}

/* The index for a journal read from byte from: opened, locked and
 * checked; with make, a new one when it is missing or untrusted. */
static struct hl_tindex_ext *ext_open(const char *journal, int jfd, const struct stat *st,
				      int64_t from, int64_t committed, int wait, int make)
{
	struct hl_tindex_ext *x = hl_xcalloc(1, sizeof *x);
	x->jfd = jfd;
	hl_tindex_path(journal, &x->path);
	x->fd = open(x->path.s, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (x->fd >= 0 && flock(x->fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) < 0) {
		ext_free(x);
		return NULL; /* another is at it */
	}
	int ok = x->fd >= 0 && trusted(x->fd, jfd, st, committed, &x->h) && !x->h.dirty;
	if (ok && (int64_t)x->h.covered >= from &&
	    (!make || x->h.nentries <= CHAIN_MAX * x->h.nbuckets))
		return x;
	if (make || (from == 0 && !ok))
		return ext_new(x, st, committed);
	ext_free(x);
	return NULL;
}

struct hl_tindex_ext *hl_tindex_extend(const char *journal, int fd, const struct stat *st,
				       int64_t from, int64_t committed)
{
	if (!S_ISREG(st->st_mode))
		return NULL;
	return ext_open(journal, fd, st, from, committed, 0, 0);
}

static int flush(struct hl_tindex_ext *x)
{
	size_t n = x->nbuf;
	x->nbuf = 0;
	if (!n || x->failed)
		return x->failed;
	if (pwrite_all(x->fd, x->buf, n * sizeof *x->buf, entry_at(&x->h, x->h.nentries - n)))
		x->failed = 1;
	return x->failed;
}

void hl_tindex_add(struct hl_tindex_ext *x, const char *ticket, int64_t offset, long line)
{
	if (!x || x->failed || !ticket || !*ticket || (uint64_t)offset < x->h.covered)
		return;
	if (x->h.nentries >= UINT32_MAX - 1) {
		x->failed = 1;
		return;
	}
	uint64_t h = id_hash(ticket), b = (h >> 32) % x->h.nbuckets;
	struct entry e = {(uint64_t)offset, 0, (uint32_t)h,
			  line < 0 ? 0 : (unsigned long)line > UINT32_MAX ? UINT32_MAX : (uint32_t)line, 0};
	uint32_t self = (uint32_t)x->h.nentries + 1;
	if (x->heads) {
		e.next = x->heads[b];
		e.check = entry_check(&e);
		x->heads[b] = self;
		x->buf[x->nbuf++] = e;
		x->h.nentries++;
		if (x->nbuf == BUF_ENTRIES)
			flush(x);
		return;
	}
	/* in place: the header says an extension is under way until it ends */
	if (!x->h.dirty) {
		x->h.dirty = 1;
		seal(&x->h);
		if (pwrite_all(x->fd, &x->h, sizeof x->h, 0)) {
			x->failed = 1;
			return;
		}
	}
	if (pread_all(x->fd, &e.next, sizeof e.next, bucket_at(b))) {
		x->failed = 1;
		return;
	}
	e.check = entry_check(&e);
	if (pwrite_all(x->fd, &e, sizeof e, entry_at(&x->h, x->h.nentries)) ||
	    pwrite_all(x->fd, &self, sizeof self, bucket_at(b)))
		x->failed = 1;
	x->h.nentries++;
}

void hl_tindex_drop(struct hl_tindex_ext *x)
{
	if (x)
		ext_free(x); /* a dirty header stays: the next one makes it anew */
}

void hl_tindex_done(struct hl_tindex_ext *x, int64_t offset, long line)
{
	if (!x)
		return;
	if ((uint64_t)offset <= x->h.covered && !x->h.dirty && !x->heads) {
		ext_free(x); /* nothing new */
		return;
	}
	flush(x);
	if (x->heads && !x->failed &&
	    pwrite_all(x->fd, x->heads, 4 * x->h.nbuckets, bucket_at(0)))
		x->failed = 1;
	x->h.covered = (uint64_t)offset;
	x->h.line = line < 0 ? 0 : (uint64_t)line;
	x->h.dirty = 0;
	if (!x->failed && tail_hash(x->jfd, x->h.covered, &x->h.tail) == 0) {
		seal(&x->h);
		if (pwrite_all(x->fd, &x->h, sizeof x->h, 0) == 0 && x->tmp.len &&
		    rename(x->tmp.s, x->path.s) == 0)
			x->tmp.len = 0;
	}
	ext_free(x);
}

/* ---- finding ---- */

struct hit {
	int64_t off;
	long line;
	uint32_t tag;
	int skip;          /* another ticket's, of the same hash */
};

static int by_off(const void *a, const void *b)
{
	int64_t x = ((const struct hit *)a)->off, y = ((const struct hit *)b)->off;
	return x < y ? -1 : x > y;
}

/* The entries of the ticket id: 0, or -1 when the index is wrong. */
static int lookup(int fd, const struct head *h, const char *id, struct hit **hits, size_t *n)
{
	uint64_t hash = id_hash(id);
	uint32_t at;
	struct entry e;
	if (pread_all(fd, &at, sizeof at, bucket_at((hash >> 32) % h->nbuckets)))
		return -1;
	for (uint32_t prev = UINT32_MAX; at; prev = at, at = e.next) {
		if (at > h->nentries || at >= prev ||
		    pread_all(fd, &e, sizeof e, entry_at(h, at - 1)) || e.check != entry_check(&e) ||
		    e.off >= h->covered)
			return -1;
		if (e.tag != (uint32_t)hash)
			continue;
		*hits = hl_xreallocarray(*hits, *n + 1, sizeof **hits);
		(*hits)[(*n)++] = (struct hit){(int64_t)e.off, (long)e.line, e.tag, 0};
	}
	return 0;
}

/* Reads [from, committed) of the journal into x. */
static int index_pass(struct hl_tindex_ext *x, const char *journal, int jfd, int64_t committed,
		      struct hl_buf *err)
{
	int dupfd = dup(jfd);
	FILE *fp = dupfd >= 0 ? fdopen(dupfd, "r") : NULL;
	struct hl_cols c;
	struct hl_buf e = {0};
	int rc = HL_READ_EOF;
	long line = (long)x->h.line;
	if (!fp) {
		if (dupfd >= 0)
			close(dupfd);
		hl_tindex_drop(x);
		return hl_fail(err, "%s: %s", journal, strerror(errno));
	}
	if (lseek(dupfd, 0, SEEK_SET) < 0)
		rc = HL_READ_FATAL;
	struct hl_reader *rd = hl_reader_open_upto(fp, journal, HL_READ_JOURNAL, committed, err);
	if (rd && x->h.covered && hl_reader_seek(rd, (int64_t)x->h.covered, (long)x->h.line, err))
		rc = HL_READ_FATAL;
	/* a bad line is reported by the run that reads it, as a full read
	 * would: not again by the runs after, through the index */
	while (rd && rc != HL_READ_FATAL && (rc = hl_reader_next_cols(rd, &c, &e)) != HL_READ_EOF) {
		if (rc == HL_READ_BAD)
			hl_warnx("%s", e.s);
		if (rc == HL_READ_RECORD) {
			hl_tindex_add(x, c.v[HL_COL_TICKET], c.offset, c.line);
			line = c.line;
		}
	}
	if (rc == HL_READ_FATAL && e.len)
		hl_fail(err, "%s", e.s);
	if (rd && rc == HL_READ_EOF && hl_reader_format(rd) == HL_FMT_CSV)
		hl_tindex_done(x, hl_reader_offset(rd), line);
	else
		hl_tindex_drop(x);
	int fmt = rd ? (int)hl_reader_format(rd) : -1;
	hl_reader_close(rd);
	fclose(fp);
	hl_buf_free(&e);
	return !rd || rc == HL_READ_FATAL ? -1 : fmt == HL_FMT_CSV ? 1 : 0;
}

/* The records of ids as the index has them, brought up to the committed
 * length first (remake: made anew whatever it holds). 1 found, 0 no
 * index here, -1 error. */
static int find(const char *journal, int jfd, const struct stat *st, int64_t committed,
		char *const *ids, size_t nids, int remake, struct hit **hits, size_t *nhits,
		struct hl_buf *err)
{
	struct hl_buf path = {0};
	hl_tindex_path(journal, &path);
	if (remake)
		unlink(path.s);
	struct hl_tindex_ext *x = ext_open(journal, jfd, st, 0, committed, 1, 1);
	if (!x) {
		hl_buf_free(&path);
		return 0; /* not even a new file can be made */
	}
	if ((x->heads || (int64_t)x->h.covered < committed)) {
		int rc = index_pass(x, journal, jfd, committed, err);
		if (rc <= 0) {
			hl_buf_free(&path);
			return rc;
		}
	} else {
		ext_free(x);
	}
	/* now read what it says, locked against an extension */
	int fd = open(path.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), rc = 0;
	struct head h;
	hl_buf_free(&path);
	if (fd < 0)
		return 0;
	/* past what it covers, if anything, only lines no reader takes */
	if (flock(fd, LOCK_SH) == 0 && trusted(fd, jfd, st, committed, &h) && !h.dirty) {
		rc = 1;
		for (size_t i = 0; i < nids && rc == 1; i++)
			if (lookup(fd, &h, ids[i], hits, nhits))
				rc = 2; /* wrong */
	}
	close(fd);
	if (rc == 2 && !remake) {
		free(*hits);
		*hits = NULL, *nhits = 0;
		return find(journal, jfd, st, committed, ids, nids, 1, hits, nhits, err);
	}
	if (rc != 1)
		return 0;
	if (*nhits)
		qsort(*hits, *nhits, sizeof **hits, by_off);
	return 1;
}

static int wanted(const struct hl_record *r, char *const *ids, size_t nids)
{
	const char *id = hl_record_get(r, "ticket");
	for (size_t i = 0; id && i < nids; i++)
		if (hl_streq(ids[i], id))
			return 1;
	return 0;
}

/* Each hit read: checked to be what the index says (check), or given to fn.
 * 1 done, 0 the index is wrong, -1 error. */
static int walk(struct hl_reader *rd, struct hit *hits, size_t n, char *const *ids, size_t nids,
		int check,
		int (*fn)(void *arg, struct hl_reader *rd, const struct hl_record *r, struct hl_buf *e),
		void *arg, struct hl_buf *err)
{
	struct hl_record r = {0};
	int rc = 1;
	for (size_t i = 0; i < n && rc == 1; i++) {
		if (hits[i].skip || (i && hits[i].off == hits[i - 1].off)) {
			hits[i].skip = 1;
			continue;
		}
		if (hl_reader_seek(rd, hits[i].off, hits[i].line - 1, err) ||
		    hl_reader_next(rd, &r, err) != HL_READ_RECORD) {
			rc = check ? 0 : -1;
			break;
		}
		const char *id = hl_record_get(&r, "ticket");
		if (check && (!id || r.offset != hits[i].off)) {
			rc = 0;
		} else if (check && !wanted(&r, ids, nids)) {
			/* another ticket's of the same hash, or a wrong index */
			if ((uint32_t)id_hash(id) != hits[i].tag)
				rc = 0;
			hits[i].skip = 1;
		} else if (!check && fn(arg, rd, &r, err)) {
			rc = -1;
		}
	}
	hl_record_free(&r);
	return rc;
}

int hl_tindex_each(const char *journal, char *const *ids, size_t nids,
		   int (*fn)(void *arg, struct hl_reader *rd, const struct hl_record *r,
			     struct hl_buf *e),
		   void *arg, struct hl_buf *err)
{
	struct stat st;
	int64_t committed;
	struct hit *hits = NULL;
	size_t n = 0;
	int rc = 0;
	FILE *fp = hl_streq(journal, "-") ? NULL : fopen(journal, "re");
	if (!fp)
		return 0; /* as a full read would say */
	if (fstat(fileno(fp), &st) || !S_ISREG(st.st_mode) ||
	    hl_committed_read(journal, fileno(fp), &committed, NULL, err) < 0) {
		fclose(fp);
		return 0;
	}
	for (int remake = 0; remake < 2; remake++) {
		free(hits);
		hits = NULL, n = 0;
		rc = find(journal, fileno(fp), &st, committed, ids, nids, remake, &hits, &n, err);
		if (rc <= 0)
			break;
		if (!n)
			break; /* no such ticket: nothing to read */
		rewind(fp);
		struct hl_reader *rd = hl_reader_open_upto(fp, journal, HL_READ_JOURNAL | HL_READ_SPARSE,
							   committed, err);
		if (!rd) {
			rc = -1;
			break;
		}
		struct hl_buf e = {0};
		rc = walk(rd, hits, n, ids, nids, 1, NULL, NULL, &e);
		if (rc == 1)
			rc = walk(rd, hits, n, ids, nids, 0, fn, arg, err);
		hl_reader_close(rd);
		hl_buf_free(&e);
		if (rc != 0)
			break;
		rc = 0; /* wrong: made anew, once */
	}
	free(hits);
	fclose(fp);
	return rc;
}
