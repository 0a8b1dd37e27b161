/* reader.c - record streams: format detection, the input read in
 * chunks and cut into physical lines, and the calls; constant memory in
 * the input's length. CSV is split in csvsplit.c, read ahead by a second
 * thread in readahead.c; YAML is read in yamlread.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/committed.h"
#include "hl/event.h"
#include "io/reader_priv.h"
#include "base/utf8.h"

const char *hl_reader_name(const struct hl_reader *r) { return r->name; }
enum hl_format hl_reader_format(const struct hl_reader *r) { return r->fmt; }

const char *const *hl_reader_columns(const struct hl_reader *r, size_t *n)
{
	*n = r->ncols;
	return (const char *const *)r->cols;
}

int hl_valid_name(const char *s)
{
	size_t n = strlen(s);
	if (!n || s[0] == ' ' || s[n - 1] == ' ' || !hl_utf8_valid(s, n, NULL))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f || s[i] == ',' || s[i] == '"')
			return 0;
	return 1;
}

int hl_rd_located(struct hl_reader *r, long line, struct hl_buf *err, const char *what)
{
	struct hl_buf m = {0};
	hl_buf_printf(&m, "%s:%ld: %s", r->name, line, what);
	hl_fail(err, "%s", m.s);
	hl_buf_free(&m);
	return HL_READ_BAD;
}

/* ---- input ---- */

/* read(2) where there is a descriptor: what a pipe has is taken at once,
 * so records are handled as they come; fread for a stream in memory. */
ssize_t hl_rd_raw_read(struct hl_reader *r, char *dst, size_t n)
{
	ssize_t got;
	if (r->limit >= 0 && (int64_t)n > r->limit - r->in_at)
		n = r->limit > r->in_at ? (size_t)(r->limit - r->in_at) : 0;
	if (n == 0)
		return 0;
	if (r->fd < 0) {
		size_t in = fread(dst, 1, n, r->fp);
		got = in == 0 && ferror(r->fp) ? -1 : (ssize_t)in;
	} else {
		do
			got = read(r->fd, dst, n);
		while (got < 0 && errno == EINTR);
	}
	if (got > 0)
		r->in_at += got;
	return got;
}

/* Reads more after buf[end], moving the unconsumed part to the front and
 * growing the buffer when it is mostly full: 1 when input came, 0 at its
 * end, -1 on a read error. */
int hl_rd_fill(struct hl_reader *r)
{
	if (r->in_eof)
		return 0;
	if (r->ahead) {
		if (hl_rd_ahead_switch(r))
			return -1;
	} else if (r->pos) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->end < CHUNK / 4 + SLACK) {
		r->cap = r->cap ? r->cap * 2 : CHUNK + SLACK;
		r->buf = hl_xrealloc(r->buf, r->cap);
	}
	errno = 0;
	size_t room = r->cap - SLACK - r->end;
	if (r->ahead && room > AHEAD_READ)
		room = AHEAD_READ; /* batches small enough to stay in the caches */
	if (r->head_reads && room > HEAD_READ)
		room = HEAD_READ;
	if ((r->flags & HL_READ_SPARSE) && room > SPARSE_READ)
		room = SPARSE_READ;
	ssize_t got = hl_rd_raw_read(r, r->buf + r->end, room);
	if (got < 0)
		return -1;
	r->in_eof = got == 0;
	r->end += (size_t)got;
	memset(r->buf + r->end, 0, SLACK); /* a '\0' after the input among them */
	return got > 0;
}

/* The next physical line, '\n' included when it has one: a view into the
 * buffer, good until the next read. Its length; 0 at the end of input;
 * -1 on a read error. A line longer than MAX_LINE is read past in pieces
 * and given with *out NULL. */
ssize_t hl_rd_read_line(struct hl_reader *r, char **out)
{
	size_t seen = 0, dropped = 0, len;
	for (;;) {
		size_t avail = r->end - r->pos;
		char *nl = avail > seen ? memchr(r->buf + r->pos + seen, '\n', avail - seen) : NULL;
		if (nl) {
			len = (size_t)(nl - (r->buf + r->pos)) + 1;
			break;
		}
		if (avail > MAX_LINE) { /* its start is not needed: drop it */
			dropped += avail;
			r->pos = r->end;
			avail = 0;
		}
		seen = avail;
		int got = hl_rd_fill(r);
		if (got < 0)
			return -1;
		if (got == 0) {
			len = r->end - r->pos;
			if (!len && !dropped)
				return 0;
			break;
		}
	}
	*out = dropped ? NULL : r->buf + r->pos;
	r->pos += len;
	r->line++;
	r->offset += (int64_t)(dropped + len);
	return (ssize_t)(dropped + len);
}

/* The digest of columns, made in the caller's thread. */
void hl_rd_digest_here(struct hl_reader *r, const struct hl_cols *c, struct hl_digested *d)
{
	hl_buf_clear(&r->dg_msg);
	d->rc = r->dg.fn(c, r->own_digest, r->dg.arg, &r->dg_msg);
	d->out = r->own_digest;
	d->msg = r->dg_msg.len ? r->dg_msg.s : "";
	d->line = c->line, d->offset = c->offset;
}

/* ---- common ---- */

/* YAML starts with a sequence entry, a directive, a document marker, a flow
 * list or a comment; a CSV journal starts with its header's first name. */
static enum hl_format detect(const char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (i < n && strchr("-[{#%", s[i]))
		return HL_FMT_YAML;
	return HL_FMT_CSV;
}

struct hl_reader *hl_reader_open(const char *path, unsigned flags, struct hl_buf *err)
{
	FILE *fp = hl_streq(path, "-") ? stdin : fopen(path, "r");
	struct stat st;
	int64_t limit = -1;
	if (!fp) {
		hl_fail(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	/* a journal is read as far as it is committed, never into a batch
	 * being written */
	if (fp != stdin && (flags & HL_READ_JOURNAL) && fstat(fileno(fp), &st) == 0 &&
	    S_ISREG(st.st_mode) && hl_committed_read(path, fileno(fp), &limit, NULL, err) < 0) {
		fclose(fp);
		return NULL;
	}
	struct hl_reader *r = hl_reader_open_upto(fp, fp == stdin ? "<stdin>" : path, flags,
						  limit, err);
	if (r)
		r->own_fp = fp != stdin;
	else if (fp != stdin)
		fclose(fp);
	return r;
}

struct hl_reader *hl_reader_open_fp(FILE *fp, const char *name, unsigned flags, struct hl_buf *err)
{
	return hl_reader_open_upto(fp, name, flags, -1, err);
}

struct hl_reader *hl_reader_open_upto(FILE *fp, const char *name, unsigned flags, int64_t limit,
				      struct hl_buf *err)
{
	struct hl_reader *r = hl_xcalloc_lines(sizeof *r);
	r->fp = fp;
	r->fd = fileno(fp);
	r->limit = limit;
	if (limit >= 0) {
		off_t at = r->fd >= 0 ? lseek(r->fd, 0, SEEK_CUR) : ftello(fp);
		r->in_at = at > 0 ? (int64_t)at : 0;
	}
	r->flags = flags;
	r->name = hl_xstrdup(name);
	r->span = r->own_span;
	r->head_reads = 1;
	/* the first line (or as much of it as came) tells the format */
	int got;
	while ((got = hl_rd_fill(r)) > 0 && !memchr(r->buf, '\n', r->end) && r->end < CHUNK)
		;
	if (got < 0) {
		hl_fail(err, "%s: read error: %s", r->name, strerror(errno));
		hl_reader_close(r);
		return NULL;
	}
	const char *nl = memchr(r->buf, '\n', r->end);
	size_t first = nl ? (size_t)(nl - r->buf) + 1 : r->end;
	r->fmt = flags & HL_READ_FOREIGN ? HL_FMT_CSV : detect(r->buf, first);
	r->head_reads = r->fmt == HL_FMT_CSV;
	if (r->fmt == HL_FMT_CSV) {
		csv_init(&r->csv, 0);
		hl_rd_csv_reset(r);
	} else {
		yaml_parser_initialize(&r->yp);
		yaml_parser_set_input(&r->yp, hl_rd_yaml_read, r);
		r->yaml_ready = 1;
	}
	return r;
}

int hl_reader_seek(struct hl_reader *r, int64_t offset, long line, struct hl_buf *err)
{
	if (r->fmt != HL_FMT_CSV || r->fp == stdin || r->ahead)
		return hl_fail(err, "%s: only a CSV file can be read from an offset", r->name);
	/* the header names the columns of everything after it */
	while (!r->have_header) {
		int rc = hl_rd_csv_next(r, err);
		if (rc == HL_READ_EOF && !r->have_header)
			return hl_fail(err, "%s: no header", r->name);
		if (rc < 0)
			return -1;
	}
	/* reading the header may have read past offset: a journal of its
	 * header alone, cached, then appended to */
	int moved = offset >= r->head_end &&
		    (r->fd >= 0 ? lseek(r->fd, (off_t)offset, SEEK_SET) >= 0
				: fseeko(r->fp, (off_t)offset, SEEK_SET) == 0);
	if (!moved)
		return hl_fail(err, "%s: cannot seek to byte %lld", r->name, (long long)offset);
	r->pos = r->end = 0;
	r->in_eof = 0;
	r->in_at = offset;
	r->offset = r->rec_end = offset;
	r->line = line;
	return 0;
}

int hl_reader_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err)
{
	if (r->fmt != HL_FMT_CSV)
		return hl_rd_yaml_next(r, rec, err);
	hl_rd_ahead_maybe(r);
	if (r->ahead)
		return hl_rd_ahead_next(r, rec, NULL, NULL, err);
	int rc = hl_rd_csv_next(r, err);
	if (rc == HL_READ_RECORD) {
		hl_rd_fill_record(r, r->row, r->span, r->nfields, rec);
		rec->line = r->rec_line, rec->offset = r->rec_start;
	} else {
		hl_record_clear(rec);
	}
	return rc;
}

int hl_reader_next_cols(struct hl_reader *r, struct hl_cols *c, struct hl_buf *err)
{
	int rc;
	if (r->fmt != HL_FMT_CSV) {
		if ((rc = hl_rd_yaml_next(r, &r->yrec, err)) == HL_READ_RECORD)
			hl_cols_of_record(&r->yrec, c);
		return rc;
	}
	hl_rd_ahead_maybe(r);
	if (r->ahead)
		return hl_rd_ahead_next(r, NULL, c, NULL, err);
	if ((rc = hl_rd_csv_next(r, err)) == HL_READ_RECORD) {
		hl_rd_fill_cols(r, r->row, r->span, c);
		c->line = r->rec_line, c->offset = r->rec_start;
	}
	return rc;
}

void hl_reader_digest(struct hl_reader *r, const struct hl_digest *dg)
{
	r->dg = *dg;
	/* each digest aligned as malloc aligns */
	r->dg_stride = (dg->size + 15) & ~(size_t)15;
	free(r->own_digest);
	r->own_digest = hl_xcalloc_lines(r->dg_stride);
}

int hl_reader_next_digested(struct hl_reader *r, struct hl_digested *d, struct hl_buf *err)
{
	struct hl_cols c;
	if (r->fmt == HL_FMT_CSV) {
		hl_rd_ahead_maybe(r);
		if (r->ahead)
			return hl_rd_ahead_next(r, NULL, NULL, d, err);
	}
	int rc = hl_reader_next_cols(r, &c, err);
	if (rc == HL_READ_RECORD)
		hl_rd_digest_here(r, &c, d);
	return rc;
}

void hl_reader_close(struct hl_reader *r)
{
	if (!r)
		return;
	if (r->ahead)
		hl_rd_ahead_stop(r);
	if (r->own_fp)
		fclose(r->fp);
	if (r->fmt == HL_FMT_CSV)
		csv_free(&r->csv);
	if (r->yaml_ready)
		yaml_parser_delete(&r->yp);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i]);
	free(r->cols);
	free(r->keys);
	free(r->buf);
	free(r->name);
	hl_buf_free(&r->rawtext);
	hl_record_free(&r->yrec);
	free(r->own_digest);
	hl_buf_free(&r->dg_msg);
	free(r);
}
