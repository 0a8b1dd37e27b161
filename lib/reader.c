/* reader.c - record streams: format detection, CSV by physical lines over
 * libcsv, YAML by libyaml events; constant memory in the input's length */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "hl/event.h"
#include "hl/reader.h"
#include "hl/utf8.h"

/* Longest physical line: every field of a journal record at its longest
 * fits; beyond it the line is refused before it is parsed. */
#define MAX_LINE (1024 * 1024)
/* Most fields a record may have: far above the 17 columns of a journal,
 * low enough that a hostile input cannot make a record huge in width. */
#define MAX_FIELDS 256
/* The byte a writer leaves to close a line an interrupted writer tore. */
#define TORN_MARK '\x18'

struct hl_reader {
	char *name;
	FILE *fp;
	int own_fp;
	unsigned flags;
	enum hl_format fmt;
	long line;          /* physical lines consumed */
	int64_t offset;     /* bytes consumed */
	int64_t rec_end;    /* offset past the last returned record */
	int eof;
	/* the first line, read to detect the format */
	char *first;
	size_t first_len;
	int first_pending;
	/* CSV */
	char *lbuf;
	size_t lcap;
	char **cols;
	size_t ncols;
	int16_t colpos[HL_NCOLUMNS];  /* the journal's columns in cols */
	int have_header;
	struct csv_parser csv;
	struct hl_record raw;  /* fields as parsed, not yet named */
	int rec_ended;
	int too_many;
	int line_clean;     /* the record's line is valid text throughout */
	int line_escapes;   /* and has a backslash somewhere */
	/* YAML */
	yaml_parser_t yp;
	int yaml_ready;
	size_t first_pos;
	char **keys;        /* interned mapping keys */
	size_t nkeys, capkeys;
};

const char *hl_reader_name(const struct hl_reader *r) { return r->name; }
enum hl_format hl_reader_format(const struct hl_reader *r) { return r->fmt; }
int64_t hl_reader_offset(const struct hl_reader *r) { return r->rec_end; }
long hl_reader_line(const struct hl_reader *r) { return r->line; }

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

static int located(struct hl_reader *r, long line, struct hl_buf *err, const char *what)
{
	struct hl_buf m = {0};
	hl_buf_printf(&m, "%s:%ld: %s", r->name, line, what);
	hl_fail(err, "%s", m.s);
	hl_buf_free(&m);
	return HL_READ_BAD;
}

/* Reads one physical line into r->lbuf; returns its length, 0 at EOF,
 * -1 on a read error. */
static ssize_t read_line(struct hl_reader *r, char **out)
{
	if (r->first_pending) {
		r->first_pending = 0;
		*out = r->first;
		r->line++;
		r->offset += (int64_t)r->first_len;
		return (ssize_t)r->first_len;
	}
	errno = 0;
	ssize_t n = getline(&r->lbuf, &r->lcap, r->fp);
	if (n < 0)
		return ferror(r->fp) ? -1 : 0;
	*out = r->lbuf;
	r->line++;
	r->offset += n;
	return n;
}

/* ---- CSV ---- */

static int csv_never_space(unsigned char c) { (void)c; return 0; }
static int csv_term(unsigned char c) { return c == '\n'; }

static void csv_reset(struct hl_reader *r)
{
	csv_free(&r->csv);
	csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&r->csv, csv_never_space);
	csv_set_term_func(&r->csv, csv_term);
	/* libcsv grows a field by this much at a time: the default 128 bytes
	 * makes a long field cost a realloc every 128 bytes */
	csv_set_blk_size(&r->csv, 16384);
}

static void csv_on_field(void *s, size_t len, void *data)
{
	struct hl_reader *r = data;
	if (r->raw.n >= MAX_FIELDS) {
		r->too_many = 1;
		return;
	}
	hl_record_push(&r->raw, "", s ? s : "", s ? len : 0);
}

static void csv_on_record(int c, void *data)
{
	(void)c;
	((struct hl_reader *)data)->rec_ended = 1;
}

static int take_header(struct hl_reader *r, long line, struct hl_buf *err)
{
	struct hl_buf m = {0};
	for (size_t i = 0; i < r->raw.n; i++) {
		const char *name = r->raw.f[i].value;
		int ok = r->flags & HL_READ_FOREIGN
				 ? *name && !hl_text_check(name, r->raw.f[i].len, "header", NULL)
				 : hl_valid_name(name);
		if (!ok && (r->flags & HL_READ_FOREIGN) && !hl_utf8_valid(name, r->raw.f[i].len, NULL))
			hl_buf_printf(&m, "column names are not UTF-8 (a GBK export? iconv -f GBK -t UTF-8 converts it)");
		else if (!ok)
			hl_buf_printf(&m, "bad column name '%s' in header", name);
		for (size_t j = 0; j < i && !m.len; j++)
			if (hl_streq(r->cols[j], name))
				hl_buf_printf(&m, "duplicate column '%s' in header", name);
		if (m.len) {
			located(r, line, err, m.s);
			hl_buf_free(&m);
			return HL_READ_FATAL;
		}
		r->cols = hl_xreallocarray(r->cols, i + 1, sizeof *r->cols);
		r->cols[i] = hl_xstrdup(name);
		r->ncols = i + 1;
	}
	for (int c = 0; c < HL_NCOLUMNS; c++) {
		r->colpos[c] = -1;
		for (size_t i = 0; i < r->ncols; i++)
			if (hl_streq(r->cols[i], hl_columns[c]))
				r->colpos[c] = (int16_t)i;
	}
	r->have_header = 1;
	return 0;
}

/* Names the raw fields after the header and checks them. */
static int name_fields(struct hl_reader *r, struct hl_record *rec, long line,
		       struct hl_buf *err)
{
	struct hl_buf m = {0};
	if (r->raw.n != r->ncols) {
		hl_buf_printf(&m, "%zu fields where the header has %zu", r->raw.n, r->ncols);
		located(r, line, err, m.s);
		hl_buf_free(&m);
		return HL_READ_BAD;
	}
	/* the parsed fields become the record's: the two swap buffers, so no
	 * value is copied */
	struct hl_record tmp = *rec;
	hl_record_clear(&tmp);
	*rec = r->raw;
	r->raw = tmp;
	for (size_t i = 0; i < rec->n; i++) {
		struct hl_field *f = &rec->f[i];
		f->name = r->cols[i];
		if (!(r->flags & HL_READ_FOREIGN) && r->line_escapes) {
			f->len = hl_csv_unescape(f->value, f->len);
			f->value[f->len] = '\0';
		}
		if (r->line_clean && f->len <= HL_MAX_FIELD)
			continue; /* checked as a whole line */
		if (hl_text_check(f->value, f->len, r->cols[i], &m) < 0) {
			located(r, line, err, m.s);
			hl_buf_free(&m);
			return HL_READ_BAD;
		}
	}
	rec->colpos = r->colpos;
	return HL_READ_RECORD;
}

/* Feeds one physical line to libcsv; 0 when fed, -1 on a syntax error. */
static int csv_feed(struct hl_reader *r, const char *s, size_t n)
{
	if (csv_parse(&r->csv, s, n, csv_on_field, csv_on_record, r) != n) {
		csv_reset(r);
		return -1;
	}
	return 0;
}

/* A line without a quote needs no CSV parser: its fields are what lies
 * between the commas. The journal writer quotes only fields with a comma,
 * a quote or blanks at an end, so most lines take this path (libcsv's
 * byte-at-a-time parse was a third of a report's time). */
static int split_plain(struct hl_reader *r, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	if (n && end[-1] == '\n')
		end--;
	for (;;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		if (r->raw.n >= MAX_FIELDS) {
			r->too_many = 1;
			break;
		}
		hl_record_push(&r->raw, "", p, (size_t)((comma ? comma : end) - p));
		if (!comma)
			break;
		p = comma + 1;
	}
	r->rec_ended = 1;
	return 0;
}

/* A line with quotes, when every quoted field ends on it (always so in a
 * journal): RFC 4180 as libcsv reads it strictly. 1 when a quoted field
 * runs on past the line (the caller hands it to libcsv), -1 for a quote
 * out of place, 0 when split. */
static int split_quoted(struct hl_reader *r, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	if (n && end[-1] == '\n')
		end--;
	hl_record_clear(&r->raw);
	for (;;) {
		if (r->raw.n >= MAX_FIELDS) {
			r->too_many = 1;
			break;
		}
		const char *stop;
		if (p < end && *p == '"') {
			const char *q = ++p;
			for (;;) {
				q = memchr(q, '"', (size_t)(end - q));
				if (!q)
					return 1;
				if (q + 1 < end && q[1] == '"') {
					q += 2;
					continue;
				}
				break;
			}
			hl_record_push(&r->raw, "", p, (size_t)(q - p));
			struct hl_field *f = &r->raw.f[r->raw.n - 1];
			char *w = f->value;
			for (size_t i = 0; i < f->len; i++) /* "" is one quote */
				if ((*w++ = f->value[i]) == '"')
					i++;
			*w = '\0';
			f->len = (size_t)(w - f->value);
			stop = q + 1;
			if (stop < end && *stop != ',')
				return -1; /* text after a closing quote */
		} else {
			const char *comma = memchr(p, ',', (size_t)(end - p));
			stop = comma ? comma : end;
			if (memchr(p, '"', (size_t)(stop - p)))
				return -1; /* a quote inside an unquoted field */
			hl_record_push(&r->raw, "", p, (size_t)(stop - p));
		}
		if (stop >= end)
			break;
		p = stop + 1;
	}
	r->rec_ended = 1;
	return 0;
}

static int csv_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err)
{
	for (;;) {
		char *s;
		ssize_t n = read_line(r, &s);
		if (n < 0) {
			hl_fail(err, "%s: read error: %s", r->name, strerror(errno));
			return HL_READ_FATAL;
		}
		if (n == 0)
			return HL_READ_EOF;
		long line = r->line;
		int64_t start = r->offset - n;
		int complete = s[n - 1] == '\n';
		if (!complete && (r->flags & HL_READ_JOURNAL)) {
			r->rec_end = r->offset;
			return located(r, line, err, "torn last line (an interrupted write), skipped");
		}
		if (n >= 2 && s[n - 2] == TORN_MARK && complete) {
			r->rec_end = r->offset;
			return located(r, line, err, "torn line (an interrupted write, closed by a later one), skipped");
		}
		if (line == 1 && n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
			s += 3, n -= 3;
		if (complete && n >= 2 && s[n - 2] == '\r')
			s[n - 2] = '\n', n--;
		if (n == 0 || (n == 1 && s[0] == '\n'))
			continue;
		if ((size_t)n > MAX_LINE) {
			r->rec_end = r->offset;
			return located(r, line, err, "record longer than 1 MiB");
		}
		hl_record_clear(&r->raw);
		r->rec_ended = r->too_many = 0;
		int bad;
		/* one pass over the line spares a check of each field */
		r->line_clean = hl_text_clean(s, (size_t)n);
		r->line_escapes = (r->flags & HL_READ_FOREIGN) || memchr(s, '\\', (size_t)n);
		if (!memchr(s, '"', (size_t)n)) {
			bad = split_plain(r, s, (size_t)n);
		} else {
			bad = split_quoted(r, s, (size_t)n);
			if (bad == 1) { /* a field that goes on: libcsv, from the start */
				hl_record_clear(&r->raw);
				r->too_many = 0;
				bad = csv_feed(r, s, (size_t)n);
			}
		}
		/* a quoted field may hold raw line breaks, except in a journal */
		size_t total = (size_t)n;
		while (!bad && !r->rec_ended && r->csv.quoted && complete &&
		       !(r->flags & HL_READ_JOURNAL)) {
			n = read_line(r, &s);
			if (n <= 0)
				break;
			if ((total += (size_t)n) > MAX_LINE) {
				csv_reset(r);
				r->rec_end = r->offset;
				return located(r, line, err, "record longer than 1 MiB");
			}
			complete = s[n - 1] == '\n';
			if (complete && n >= 2 && s[n - 2] == '\r')
				s[n - 2] = '\n', n--;
			r->line_clean = 0, r->line_escapes = 1; /* fields of several lines */
			bad = csv_feed(r, s, (size_t)n);
		}
		if (!bad && !r->rec_ended) {
			if (r->csv.quoted && r->csv.pstate != 0 && (complete || (r->flags & HL_READ_JOURNAL)))
				bad = 1;
			else if (csv_fini(&r->csv, csv_on_field, csv_on_record, r) != 0)
				bad = 1;
			csv_reset(r);
		}
		r->rec_end = r->offset;
		if (bad)
			return located(r, line, err, "malformed CSV (an unbalanced quote, or text after a closing quote)");
		if (r->too_many)
			return located(r, line, err, "too many fields");
		if (!r->have_header) {
			int h = take_header(r, line, err);
			if (h)
				return h;
			continue;
		}
		int rc = name_fields(r, rec, line, err);
		rec->line = line;
		rec->offset = start;
		return rc;
	}
}

/* ---- YAML ---- */

static int yaml_read(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct hl_reader *r = data;
	if (r->first_pos < r->first_len) {
		size_t n = r->first_len - r->first_pos;
		if (n > size)
			n = size;
		memcpy(buf, r->first + r->first_pos, n);
		r->first_pos += n;
		*got = n;
		return 1;
	}
	*got = fread(buf, 1, size, r->fp);
	return !ferror(r->fp);
}

static const char *intern_key(struct hl_reader *r, const char *k)
{
	for (size_t i = 0; i < r->nkeys; i++)
		if (hl_streq(r->keys[i], k))
			return r->keys[i];
	if (r->nkeys == r->capkeys) {
		r->capkeys = r->capkeys ? r->capkeys * 2 : 32;
		r->keys = hl_xreallocarray(r->keys, r->capkeys, sizeof *r->keys);
	}
	return r->keys[r->nkeys++] = hl_xstrdup(k);
}

static int yaml_fatal(struct hl_reader *r, long line, struct hl_buf *err, const char *what)
{
	located(r, line, err, what);
	r->eof = 1;
	return HL_READ_FATAL;
}

static int yaml_event(struct hl_reader *r, yaml_event_t *ev, struct hl_buf *err)
{
	if (!yaml_parser_parse(&r->yp, ev)) {
		struct hl_buf m = {0};
		hl_buf_printf(&m, "YAML: %s", r->yp.problem ? r->yp.problem : "syntax error");
		if (r->yp.context)
			hl_buf_printf(&m, " %s", r->yp.context);
		yaml_fatal(r, (long)r->yp.problem_mark.line + 1, err, m.s);
		hl_buf_free(&m);
		return -1;
	}
	const char *anchor = NULL;
	if (ev->type == YAML_SCALAR_EVENT)
		anchor = (const char *)ev->data.scalar.anchor;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		anchor = (const char *)ev->data.mapping_start.anchor;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		anchor = (const char *)ev->data.sequence_start.anchor;
	if (ev->type == YAML_ALIAS_EVENT || anchor) {
		long line = (long)ev->start_mark.line + 1;
		yaml_event_delete(ev);
		yaml_fatal(r, line, err, "YAML anchors and aliases are not allowed in records");
		return -1;
	}
	return 0;
}

static int scalar_is_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return !*v || hl_streq(v, "~") || hl_strcaseeq(v, "null");
}

/* One mapping, its MAPPING-START already consumed. */
static int yaml_mapping(struct hl_reader *r, struct hl_record *rec, long line,
			struct hl_buf *err)
{
	struct hl_buf m = {0};
	hl_record_clear(rec);
	rec->line = line;
	for (;;) {
		yaml_event_t k, v;
		if (yaml_event(r, &k, err))
			return HL_READ_FATAL;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return HL_READ_RECORD;
		}
		long kl = (long)k.start_mark.line + 1;
		if (k.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&k);
			return yaml_fatal(r, kl, err, "a record's keys must be plain names");
		}
		const char *key = (const char *)k.data.scalar.value;
		if (!hl_valid_name(key))
			hl_buf_printf(&m, "bad field name '%s'", key);
		else if (hl_record_find(rec, key))
			hl_buf_printf(&m, "duplicate key '%s'", key);
		else if (rec->n >= MAX_FIELDS)
			hl_buf_printf(&m, "too many fields");
		if (m.len) {
			yaml_event_delete(&k);
			yaml_fatal(r, kl, err, m.s);
			hl_buf_free(&m);
			return HL_READ_FATAL;
		}
		const char *name = intern_key(r, key);
		yaml_event_delete(&k);
		if (yaml_event(r, &v, err))
			return HL_READ_FATAL;
		long vl = (long)v.start_mark.line + 1;
		if (v.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&v);
			hl_buf_printf(&m, "the value of '%s' must be a single value, not a list or mapping", name);
			yaml_fatal(r, vl, err, m.s);
			hl_buf_free(&m);
			return HL_READ_FATAL;
		}
		const char *val = scalar_is_null(&v) ? "" : (const char *)v.data.scalar.value;
		size_t len = scalar_is_null(&v) ? 0 : v.data.scalar.length;
		if (hl_text_check(val, len, name, &m) < 0) {
			yaml_event_delete(&v);
			yaml_fatal(r, vl, err, m.s);
			hl_buf_free(&m);
			return HL_READ_FATAL;
		}
		hl_record_push(rec, name, val, len);
		yaml_event_delete(&v);
	}
}

/* Stream -> documents, each a sequence of mappings (or empty). */
static int yaml_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err)
{
	for (;;) {
		yaml_event_t ev;
		if (r->eof)
			return HL_READ_EOF;
		if (yaml_event(r, &ev, err))
			return HL_READ_FATAL;
		long line = (long)ev.start_mark.line + 1;
		yaml_event_type_t t = ev.type;
		int plain_null = t == YAML_SCALAR_EVENT && scalar_is_null(&ev);
		yaml_event_delete(&ev);
		switch (t) {
		case YAML_STREAM_END_EVENT:
			r->eof = 1;
			return HL_READ_EOF;
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			continue;
		case YAML_MAPPING_START_EVENT:
			return yaml_mapping(r, rec, line, err);
		default:
			if (plain_null)
				continue; /* an empty document */
			return yaml_fatal(r, line, err, "records must be a YAML list of mappings");
		}
	}
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
	if (!fp) {
		hl_fail(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct hl_reader *r = hl_reader_open_fp(fp, fp == stdin ? "<stdin>" : path, flags, err);
	if (r)
		r->own_fp = fp != stdin;
	else if (fp != stdin)
		fclose(fp);
	return r;
}

struct hl_reader *hl_reader_open_fp(FILE *fp, const char *name, unsigned flags, struct hl_buf *err)
{
	struct hl_reader *r = hl_xcalloc(1, sizeof *r);
	r->fp = fp;
	r->flags = flags;
	r->name = hl_xstrdup(name);
	errno = 0;
	ssize_t n = getline(&r->first, &r->lcap, fp);
	if (n < 0 && ferror(fp)) {
		hl_fail(err, "%s: read error: %s", r->name, strerror(errno));
		hl_reader_close(r);
		return NULL;
	}
	r->lcap = 0;
	r->first_len = n > 0 ? (size_t)n : 0;
	r->first_pending = n > 0;
	r->fmt = flags & HL_READ_FOREIGN ? HL_FMT_CSV : detect(r->first ? r->first : "", r->first_len);
	if (r->fmt == HL_FMT_CSV) {
		csv_init(&r->csv, 0);
		csv_reset(r);
	} else {
		yaml_parser_initialize(&r->yp);
		yaml_parser_set_input(&r->yp, yaml_read, r);
		r->yaml_ready = 1;
	}
	return r;
}

int hl_reader_seek(struct hl_reader *r, int64_t offset, long line, struct hl_buf *err)
{
	struct hl_record none = {0};
	if (r->fmt != HL_FMT_CSV || r->fp == stdin)
		return hl_fail(err, "%s: only a CSV file can be read from an offset", r->name);
	/* the header names the columns of everything after it */
	while (!r->have_header) {
		int rc = csv_next(r, &none, err);
		hl_record_free(&none);
		if (rc == HL_READ_EOF)
			return hl_fail(err, "%s: no header", r->name);
		if (rc < 0)
			return -1;
	}
	if (offset < r->offset || fseeko(r->fp, (off_t)offset, SEEK_SET) != 0)
		return hl_fail(err, "%s: cannot seek to byte %lld", r->name, (long long)offset);
	r->first_pending = 0;
	r->offset = r->rec_end = offset;
	r->line = line;
	return 0;
}

int hl_reader_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err)
{
	return r->fmt == HL_FMT_CSV ? csv_next(r, rec, err) : yaml_next(r, rec, err);
}

void hl_reader_close(struct hl_reader *r)
{
	if (!r)
		return;
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
	free(r->first);
	free(r->lbuf);
	free(r->name);
	hl_record_free(&r->raw);
	free(r);
}
