/* readahead.c - a large CSV file split into records by a second thread,
 * in batches, while the caller uses the records before */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hl/event.h"
#include "io/reader_priv.h"

/* ---- reading ahead ---- */

/* A batch: the records read from one buffer of input, with what
 * hl_reader_next returns for each. The worker fills one while the caller
 * reads another; the buffer stays as it is until the caller is done.
 * A record is kept as the start and length of each field (in buf, or in
 * extra for the rare one libcsv parsed): a few bytes a field, read in
 * order, where its fields themselves would be scattered cache misses. */
struct item {
	size_t span;        /* its first field's (start, length) in spans */
	size_t nfields;
	int rc;
	int in_extra;
	int digested;       /* its digest made: in digests, as it returned */
	int digest_rc;
	long line, end_line;
	int64_t offset, end;  /* where it starts; hl_reader_offset after it */
	size_t msg;         /* its message in msgs, when not a record */
};

struct batch {
	_Alignas(64) char *buf;  /* batches side by side share no line */
	size_t cap;
	struct hl_buf extra, msgs;
	uint32_t *spans;
	size_t nspans, spanroom;
	struct item *items;
	char *digests;      /* the reader's dg_stride bytes an item */
	int digest;         /* the worker digests this batch's records */
	size_t n, room;
	enum { SLOT_FREE, SLOT_FILLING, SLOT_READY, SLOT_READING } state;
};

struct ahead {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;                 /* the reader is being closed */
	struct batch slot[AHEAD_SLOTS];
	/* each thread's own, a line apart */
	_Alignas(64) size_t filling;  /* the worker's slot */
	_Alignas(64) size_t reading;  /* the caller's */
	size_t next;              /* the caller's next record in its slot */
	int has_reading;
	int done;                 /* the caller had the last record */
	int64_t end;              /* what the caller's last record was */
	long line;
};

/* The split writes the next record's spans straight into the batch: room
 * for the most a record may have. */
static void span_room(struct hl_reader *r, struct batch *b)
{
	if (b->spanroom - b->nspans < 2 * MAX_FIELDS) {
		b->spanroom = (b->spanroom ? b->spanroom * 2 : 32768) + 2 * MAX_FIELDS;
		b->spans = hl_xreallocarray(b->spans, b->spanroom, sizeof *b->spans);
	}
	r->span = b->spans + b->nspans;
}

/* The worker has filled its batch: the caller may have it, and what was
 * not consumed goes on at the start of the next free slot's buffer. -1
 * when the reader is closing. */
int hl_rd_ahead_switch(struct hl_reader *r)
{
	struct ahead *a = r->ahead;
	struct batch *full = &a->slot[a->filling];
	size_t tail = r->end - r->pos;
	full->buf = r->buf, full->cap = r->cap;
	if (!full->n) { /* nothing refers to this buffer: reuse it */
		memmove(r->buf, r->buf + r->pos, tail);
		r->end = tail, r->pos = 0;
		return 0;
	}
	pthread_mutex_lock(&a->mu);
	full->state = SLOT_READY;
	size_t k = (a->filling + 1) % AHEAD_SLOTS;
	pthread_cond_broadcast(&a->cv);
	/* the worker digests the next batch when it had to wait for the
	 * caller, and leaves that batch to the caller when not: whichever
	 * thread would wait does the work */
	int waited = 0;
	for (; a->slot[k].state != SLOT_FREE && !a->stop; waited = 1)
		pthread_cond_wait(&a->cv, &a->mu);
	int stop = a->stop;
	if (!stop)
		a->slot[k].state = SLOT_FILLING, a->filling = k, a->slot[k].digest = waited;
	pthread_mutex_unlock(&a->mu);
	if (stop)
		return -1;
	struct batch *b = &a->slot[k];
	b->n = b->nspans = 0;
	/* a record libcsv is reading over lines has its first fields' spans
	 * in the batch handed over: they go on with it */
	const uint32_t *was = r->span;
	span_room(r, b);
	memcpy(r->span, was, 2 * r->nfields * sizeof *r->span);
	hl_buf_clear(&b->extra);
	hl_buf_clear(&b->msgs);
	if (b->cap < tail + CHUNK / 2) {
		b->cap = tail + CHUNK + SLACK;
		b->buf = hl_xrealloc(b->buf, b->cap);
	}
	memcpy(b->buf, full->buf + r->pos, tail);
	r->buf = b->buf, r->cap = b->cap;
	r->pos = 0, r->end = tail;
	return 0;
}

/* The record just split is digested in the worker, beside its item. */
static void batch_digest(struct hl_reader *r, struct batch *b, struct item *it, struct hl_buf *msg)
{
	struct hl_cols c;
	hl_rd_fill_cols(r, r->row, r->span, &c);
	c.line = it->line, c.offset = it->offset;
	hl_buf_clear(msg);
	it->digest_rc = r->dg.fn(&c, b->digests + (b->n - 1) * r->dg_stride, r->dg.arg, msg);
	it->digested = 1;
	it->msg = b->msgs.len;
	if (it->digest_rc < 0)
		hl_buf_add(&b->msgs, msg->len ? msg->s : "", msg->len + 1);
}

static void batch_add(struct batch *b, int rc, const struct hl_buf *err, struct hl_reader *r,
		      struct hl_buf *msg)
{
	if (b->n == b->room) {
		b->room = b->room ? b->room * 2 : 1024;
		b->items = hl_xreallocarray(b->items, b->room, sizeof *b->items);
		if (r->dg.fn)
			b->digests = hl_xreallocarray(b->digests, b->room, r->dg_stride);
	}
	size_t nf = rc == HL_READ_RECORD ? r->nfields : 0;
	struct item *it = &b->items[b->n++];
	*it = (struct item){.span = b->nspans, .nfields = nf, .rc = rc, .line = r->rec_line,
			    .end_line = r->line, .offset = r->rec_start, .end = r->rec_end,
			    .msg = b->msgs.len};
	/* its spans are where the split put them; libcsv's values are
	 * copied, the others stay where they were split */
	it->in_extra = r->by_libcsv;
	if (it->in_extra && nf) {
		uint32_t base = (uint32_t)b->extra.len;
		hl_buf_add(&b->extra, r->rawtext.s, r->rawtext.len);
		for (size_t k = 0; k < 2 * nf; k += 2)
			r->span[k] += base;
	} else if (nf && r->dg.fn && b->digest) {
		batch_digest(r, b, it, msg); /* else when read */
	}
	b->nspans += 2 * nf;
	span_room(r, b);
	if (rc != HL_READ_RECORD && err->len)
		hl_buf_add(&b->msgs, err->s, err->len + 1);
}

static void *ahead_work(void *arg)
{
	struct hl_reader *r = arg;
	struct ahead *a = r->ahead;
	struct hl_buf err = {0}, msg = {0};
	int rc;
	do {
		hl_buf_clear(&err);
		rc = hl_rd_csv_next(r, &err);
		/* after csv_next: a switch in it moved the record to the next slot */
		batch_add(&a->slot[a->filling], rc, &err, r, &msg);
	} while (rc != HL_READ_EOF && rc != HL_READ_FATAL);
	pthread_mutex_lock(&a->mu);
	a->slot[a->filling].buf = r->buf, a->slot[a->filling].cap = r->cap;
	a->slot[a->filling].state = SLOT_READY;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	hl_buf_free(&err);
	hl_buf_free(&msg);
	return NULL;
}

/* Worth a thread: a CSV file on disk with much left to read, unless
 * HL_READ_AHEAD=0 says otherwise (tests compare both ways). */
static int ahead_worth(const struct hl_reader *r)
{
	struct stat st;
	const char *env = getenv("HL_READ_AHEAD");
	if ((env && hl_streq(env, "0")) || (r->flags & HL_READ_SPARSE))
		return 0;
	return r->fmt == HL_FMT_CSV && r->fd >= 0 && fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	       st.st_size - r->offset >= AHEAD_MIN;
}

static void ahead_start(struct hl_reader *r)
{
	struct ahead *a = hl_xcalloc_lines(sizeof *a);
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	/* the worker goes on in the buffer the caller's records came from */
	a->slot[0].buf = r->buf, a->slot[0].cap = r->cap;
	a->slot[0].state = SLOT_FILLING;
	span_room(r, &a->slot[0]);
	r->ahead = a;
	if (pthread_create(&a->thread, NULL, ahead_work, r) != 0) {
		r->ahead = NULL; /* no thread to be had: read in this one */
		r->span = r->own_span;
		free(a->slot[0].spans);
		pthread_mutex_destroy(&a->mu);
		pthread_cond_destroy(&a->cv);
		free(a);
	}
}

/* A record of a batch, digested: by the worker, or now. */
static void take_digest(struct hl_reader *r, const struct batch *b, const struct item *it,
			char *base, struct hl_digested *d)
{
	if (!it->digested) {
		struct hl_cols c;
		hl_rd_fill_cols(r, base, b->spans + it->span, &c);
		c.line = it->line, c.offset = it->offset;
		hl_rd_digest_here(r, &c, d);
		return;
	}
	d->out = b->digests + (size_t)(it - b->items) * r->dg_stride;
	d->rc = it->digest_rc;
	d->msg = it->digest_rc < 0 ? b->msgs.s + it->msg : NULL;
	d->line = it->line, d->offset = it->offset;
}

/* The caller's next record from the batches the worker filled, as a
 * record (rec), as columns (c) or digested (d). */
int hl_rd_ahead_next(struct hl_reader *r, struct hl_record *rec, struct hl_cols *c,
		      struct hl_digested *d, struct hl_buf *err)
{
	struct ahead *a = r->ahead;
	for (;;) {
		struct batch *b = &a->slot[a->reading];
		if (a->done)
			return HL_READ_EOF;
		if (a->has_reading && a->next < b->n) {
			const struct item *it = &b->items[a->next++];
			a->end = it->end, a->line = it->end_line;
			a->done = it->rc == HL_READ_EOF || it->rc == HL_READ_FATAL;
			char *base = it->in_extra ? b->extra.s : b->buf;
			if (it->rc == HL_READ_RECORD && rec) {
				hl_rd_fill_record(r, base, b->spans + it->span, it->nfields, rec);
				rec->line = it->line, rec->offset = it->offset;
			} else if (it->rc == HL_READ_RECORD && d) {
				take_digest(r, b, it, base, d);
			} else if (it->rc == HL_READ_RECORD) {
				hl_rd_fill_cols(r, base, b->spans + it->span, c);
				c->line = it->line, c->offset = it->offset;
			} else if (b->msgs.len > it->msg)
				hl_fail(err, "%s", b->msgs.s + it->msg);
			return it->rc;
		}
		pthread_mutex_lock(&a->mu);
		if (a->has_reading) {
			b->state = SLOT_FREE;
			a->reading = (a->reading + 1) % AHEAD_SLOTS;
			pthread_cond_broadcast(&a->cv);
		}
		while (a->slot[a->reading].state != SLOT_READY)
			pthread_cond_wait(&a->cv, &a->mu);
		a->slot[a->reading].state = SLOT_READING;
		a->has_reading = 1;
		a->next = 0;
		pthread_mutex_unlock(&a->mu);
	}
}

int64_t hl_reader_offset(const struct hl_reader *r) { return r->ahead ? r->ahead->end : r->rec_end; }
long hl_reader_line(const struct hl_reader *r) { return r->ahead ? r->ahead->line : r->line; }

void hl_rd_ahead_stop(struct hl_reader *r)
{
	struct ahead *a = r->ahead;
	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	for (size_t k = 0; k < AHEAD_SLOTS; k++) {
		struct batch *b = &a->slot[k];
		free(b->buf);
		free(b->spans);
		free(b->items);
		free(b->digests);
		hl_buf_free(&b->extra);
		hl_buf_free(&b->msgs);
	}
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	free(a);
	r->ahead = NULL;
	r->buf = NULL; /* one of the slots' */
}

/* A thread reads ahead once the header is read, when it is worth one. */
void hl_rd_ahead_maybe(struct hl_reader *r)
{
	if (r->have_header && !r->ahead_tried) {
		r->ahead_tried = 1;
		if (ahead_worth(r))
			ahead_start(r);
	}
}
