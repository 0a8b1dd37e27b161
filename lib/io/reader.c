/* reader.c - record streams: format detection; CSV by physical lines,
 * split in place (libcsv for fields that span lines), read ahead by a
 * second thread on large files; YAML by libyaml events; constant memory
 * in the input's length */
#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "io/committed.h"
#include "hl/event.h"
#include "io/reader.h"
#include "base/utf8.h"

/* Longest physical line: every field of a journal record at its longest
 * fits; beyond it the line is refused before it is parsed. */
#define MAX_LINE (1024 * 1024)
/* Most fields a record may have: far above the 17 columns of a journal,
 * low enough that a hostile input cannot make a record huge in width. */
#define MAX_FIELDS 256
/* The byte a writer leaves to close a line an interrupted writer tore. */
#define TORN_MARK '\x18'
/* Input is read this much at a time; lines are views into it. */
#define CHUNK (1024 * 1024)
/* Zeros kept after the input read: the split reads a line's last block
 * whole, whatever its length. */
#define SLACK 16
/* Until a CSV header is read, reads are at most this long: a tool that
 * takes the header and then seeks near the end (through a state cache)
 * reads no megabyte it does not use. */
#define HEAD_READ (64 * 1024)
/* A CSV file longer than this past its header is split into records by
 * a second thread while the caller uses those before (reading ahead), in
 * batches of about AHEAD_READ bytes, AHEAD_SLOTS of them in flight. */
#define AHEAD_MIN (4 * CHUNK)
#define AHEAD_READ (256 * 1024)
#define AHEAD_SLOTS 3

struct hl_reader {
	char *name;
	FILE *fp;
	int fd;             /* fp's descriptor; -1 for a stream in memory */
	int own_fp;
	unsigned flags;
	enum hl_format fmt;
	/* What a caller reads for each record while a thread reads ahead
	 * comes first, set before the thread starts; what that thread
	 * writes begins a cache line of its own, below (the line would go
	 * back and forth between the two processors at every record). */
	struct ahead *ahead;  /* the thread reading ahead, if any */
	int ahead_tried;
	/* hl_reader_digest's work: done by the worker into its batch,
	 * dg_stride bytes a record, or in the caller's thread (below) */
	struct hl_digest dg;
	size_t dg_stride;
	/* CSV */
	char **cols;
	size_t ncols;
	int16_t colpos[HL_NCOLUMNS];  /* the journal's columns in cols */
	int all_columns;              /* none of them is missing */
	int in_order;                 /* and each is where hl-log puts it */
	int have_header;
	/* YAML */
	yaml_parser_t yp;
	int yaml_ready;
	int yaml_lists;     /* lists open in the document: 1 is the records' */
	char **keys;        /* interned mapping keys */
	size_t nkeys, capkeys;
	struct hl_record yrec;  /* a YAML record, for hl_reader_next_cols */
	/* What the caller writes for a record: a digest it makes itself, in
	 * own_digest, its message in dg_msg. */
	_Alignas(64) void *own_digest;
	struct hl_buf dg_msg;
	/* The input and its split: the worker's while it reads ahead. */
	_Alignas(64) long line;  /* physical lines consumed */
	int64_t offset;     /* bytes consumed */
	int64_t rec_end;    /* offset past the last returned record */
	int eof;
	/* input read and not yet consumed: buf[pos..end), buf[end] = '\0' */
	char *buf;
	size_t cap, pos, end;
	int in_eof;
	int64_t in_at;      /* the file's offset of buf[end] */
	int64_t limit;      /* where its committed part ends; -1: none */
	int head_reads;     /* reads are HEAD_READ at most */
	struct csv_parser csv;
	/* The record being read, as its line was split: field k is at
	 * row + span[2k], span[2k + 1] bytes long, a '\0' after it; row is
	 * buf, or rawtext for libcsv's. span is own_span, or room in the
	 * batch being filled when a thread reads ahead (no copy to make).
	 * The record's line and offset are rec_line, rec_start. */
	char *row;
	size_t nfields;
	uint32_t *span;
	uint32_t own_span[2 * MAX_FIELDS];
	long rec_line;
	int64_t rec_start;
	struct hl_buf rawtext;  /* libcsv's fields, each ended by '\0' */
	int rec_ended;
	int too_many;
	int line_clean;     /* the record's line is valid text throughout */
	int line_escapes;   /* and has a backslash somewhere */
	size_t line_len;    /* its length (no field of it is longer) */
	int any_doubled;    /* a quoted field of it has a "" */
	int by_libcsv;      /* the record's values are libcsv's (rawtext) */
	/* bit i: field i was quoted; and had a "" in it (none set by the
	 * split of a block of plain fields: fewer stores a field) */
	uint64_t quoted[MAX_FIELDS / 64], doubled[MAX_FIELDS / 64];
	int any_quoted;     /* a bit of them is set */
};

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

static int located(struct hl_reader *r, long line, struct hl_buf *err, const char *what)
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
static ssize_t raw_read(struct hl_reader *r, char *dst, size_t n)
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

static int ahead_switch(struct hl_reader *r);

/* Reads more after buf[end], moving the unconsumed part to the front and
 * growing the buffer when it is mostly full: 1 when input came, 0 at its
 * end, -1 on a read error. */
static int fill(struct hl_reader *r)
{
	if (r->in_eof)
		return 0;
	if (r->ahead) {
		if (ahead_switch(r))
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
	ssize_t got = raw_read(r, r->buf + r->end, room);
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
static ssize_t read_line(struct hl_reader *r, char **out)
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
		int got = fill(r);
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
	if (r->nfields >= MAX_FIELDS) {
		r->too_many = 1;
		return;
	}
	uint32_t *sp = &r->span[2 * r->nfields++];
	sp[0] = (uint32_t)r->rawtext.len;
	sp[1] = (uint32_t)(s ? len : 0);
	hl_buf_add(&r->rawtext, s ? s : "", sp[1]);
	hl_buf_addc(&r->rawtext, '\0');
}

static void csv_on_record(int c, void *data)
{
	(void)c;
	((struct hl_reader *)data)->rec_ended = 1;
}

static int take_header(struct hl_reader *r, long line, struct hl_buf *err)
{
	struct hl_buf m = {0};
	for (size_t i = 0; i < r->nfields; i++) {
		const char *name = r->row + r->span[2 * i];
		size_t len = r->span[2 * i + 1];
		int ok = r->flags & HL_READ_FOREIGN
				 ? *name && !hl_text_check(name, len, "header", NULL)
				 : hl_valid_name(name);
		if (!ok && (r->flags & HL_READ_FOREIGN) && !hl_utf8_valid(name, len, NULL))
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
	r->all_columns = 1;
	for (int c = 0; c < HL_NCOLUMNS; c++) {
		r->colpos[c] = -1;
		for (size_t i = 0; i < r->ncols; i++)
			if (hl_streq(r->cols[i], hl_columns[c]))
				r->colpos[c] = (int16_t)i;
		r->all_columns &= r->colpos[c] >= 0;
	}
	r->in_order = r->all_columns;
	for (int c = 0; c < HL_NCOLUMNS; c++)
		r->in_order &= r->colpos[c] == c;
	r->have_header = 1;
	r->head_reads = 0;
	return 0;
}

/* Checks the fields against the header, and each as text. */
static int check_fields(struct hl_reader *r, long line, struct hl_buf *err)
{
	struct hl_buf m = {0};
	if (r->nfields != r->ncols) {
		hl_buf_printf(&m, "%zu fields where the header has %zu", r->nfields, r->ncols);
		located(r, line, err, m.s);
		hl_buf_free(&m);
		return HL_READ_BAD;
	}
	int unescape = !(r->flags & HL_READ_FOREIGN) && r->line_escapes;
	if (!unescape && r->line_clean && r->line_len <= HL_MAX_FIELD)
		return HL_READ_RECORD; /* the line checked whole, no field too long */
	for (size_t i = 0; i < r->nfields; i++) {
		char *v = r->row + r->span[2 * i];
		uint32_t *len = &r->span[2 * i + 1];
		if (unescape)
			*len = (uint32_t)hl_csv_unescape(v, *len);
		if (r->line_clean && *len <= HL_MAX_FIELD)
			continue; /* checked as a whole line */
		if (hl_text_check(v, *len, r->cols[i], &m) < 0) {
			located(r, line, err, m.s);
			hl_buf_free(&m);
			return HL_READ_BAD;
		}
	}
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

/* ---- splitting a line, sixteen bytes at a time ---- */

/* What a line holds beyond plain printable ASCII, learnt in the pass that
 * splits it: backslashes, bytes of multibyte characters, control bytes;
 * and multibyte characters other than those of Chinese text, the UTF-8
 * of which the pass cannot vouch for (LINE_UNSURE). */
enum { LINE_ESCAPE = 1, LINE_HIGH = 2, LINE_CONTROL = 4, LINE_UNSURE = 8 };

/* Sixteen bytes of a line: a bit for each comma, quote, byte of a
 * multibyte character (high), control byte and backslash (bit k for byte
 * k). Of the high bytes, a bit for each continuation byte (0x80-0xbf),
 * each first byte of a three-byte character that any two continuations
 * make valid (0xe1-0xef but 0xed: U+1000-U+FFFF, not a surrogate;
 * Chinese text and its full-width punctuation), and any other (odd). */
struct block {
	unsigned commas, quotes, high, control, escape;
	unsigned cont, lead3, odd;
};

#define BLOCK 16

#if defined(__SSE2__) && !defined(HL_NO_SIMD)
#include <emmintrin.h>

static inline unsigned bytes_equal(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}

/* Bytes below c, compared as signed: 0x80-0xff are -128 to -1. */
static inline unsigned bytes_below(__m128i v, char c)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(c)));
}

static inline struct block scan_block(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	unsigned high = (unsigned)_mm_movemask_epi8(v);
	/* signed: bytes of multibyte characters are below 0x20 too */
	unsigned control = (bytes_below(v, 0x20) & ~high) | bytes_equal(v, 0x7f);
	struct block b = {bytes_equal(v, ','), bytes_equal(v, '"'), high, control,
			  bytes_equal(v, '\\'), 0, 0, 0};
	if (high) {
		b.cont = bytes_below(v, (char)0xc0);
		b.lead3 = (high & ~bytes_below(v, (char)0xe1) & bytes_below(v, (char)0xf0)) &
			  ~bytes_equal(v, (char)0xed);
		b.odd = high & ~b.cont & ~b.lead3;
	}
	return b;
}
#else
/* The same eight bytes at a time in a 64-bit word (SWAR). */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* 0x80 in each byte of v equal to c (exact: no borrow runs on into the
 * next byte). */
static inline uint64_t word_equal(uint64_t v, unsigned char c)
{
	uint64_t x = v ^ (ONES * c);
	return ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
}

/* The high bit of each byte of m gathered into bit k for byte k. */
static inline unsigned byte_bits(uint64_t m)
{
	return (unsigned)(((m >> 7) * 0x0102040810204080ULL) >> 56);
}

static inline uint64_t word_at(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline struct block scan_block(const char *p)
{
	/* no lead3 nor cont: every multibyte character is odd here, and the
	 * line's UTF-8 checked after */
	struct block b = {0, 0, 0, 0, 0, 0, 0, 0};
	for (int half = 0; half < 2; half++) {
		uint64_t v = word_at(p + 8 * half), low7 = v & ~HIGHS;
		/* of the bytes without a high bit: below 0x20 (+0x60 stays
		 * under 0x80) or 0x7f (+1 reaches it) */
		uint64_t control = (~(low7 + ONES * 0x60) | (low7 + ONES)) & ~v & HIGHS;
		b.commas |= byte_bits(word_equal(v, ',')) << (8 * half);
		b.quotes |= byte_bits(word_equal(v, '"')) << (8 * half);
		b.high |= byte_bits(v & HIGHS) << (8 * half);
		b.control |= byte_bits(control) << (8 * half);
		b.escape |= byte_bits(word_equal(v, '\\')) << (8 * half);
	}
	b.odd = b.high;
	return b;
}
#endif

/* The block at s + i, what is past n masked off: read whole, since the
 * input has SLACK bytes after it (no copy to pad, which would stall the
 * load that follows it). */
static inline struct block block_at(const char *s, size_t n, size_t i)
{
	struct block b = scan_block(s + i);
	if (n - i < BLOCK) {
		unsigned keep = (1u << (n - i)) - 1;
		b.commas &= keep, b.quotes &= keep, b.high &= keep, b.control &= keep;
		b.escape &= keep, b.cont &= keep, b.lead3 &= keep, b.odd &= keep;
	}
	return b;
}

struct split {
	struct hl_reader *r;
	char *s;
	uint32_t *span;   /* r's */
	size_t n;         /* fields pushed */
	uint32_t at_buf;  /* where s is in r->buf */
	size_t from;      /* the field being read starts here */
	int in_quotes;    /* it is quoted: s[from] is its opening quote */
	int doubled;      /* and has a "" in it */
	int any_doubled;  /* a field before had one */
	int closed;       /* the quoted field before from is pushed */
	size_t skip;      /* a quote before this is the second of a "" */
};

/* A field: where it is in the line, ended in place where its comma or
 * closing quote was. */
static inline int push(struct split *sp, size_t at, size_t len, int quoted, int doubled)
{
	size_t k = sp->n;
	if (k >= MAX_FIELDS) {
		sp->r->too_many = 1;
		return -1;
	}
	if (quoted) {
		sp->r->quoted[k / 64] |= (uint64_t)1 << k % 64;
		sp->r->doubled[k / 64] |= (uint64_t)(doubled != 0) << k % 64;
		sp->r->any_quoted = 1;
	}
	sp->span[2 * k] = sp->at_buf + (uint32_t)at;
	sp->span[2 * k + 1] = (uint32_t)len;
	sp->n = k + 1;
	sp->s[at + len] = '\0';
	return 0;
}

/* What push ended in place, put back (for libcsv to read the line). */
static void unpush(struct split *sp)
{
	for (size_t k = 0; k < sp->n; k++)
		sp->s[sp->span[2 * k] - sp->at_buf + sp->span[2 * k + 1]] =
			sp->r->quoted[k / 64] >> k % 64 & 1 ? '"' : ',';
	sp->n = 0;
}

/* A quote or comma at `at`: 0 to go on, 1 when the line is done, -1 for
 * a quote out of place (or too many fields). */
static inline int structural(struct split *sp, size_t at, int is_quote, size_t n)
{
	if (sp->in_quotes) {
		if (!is_quote || at == sp->from || at < sp->skip)
			return 0; /* a comma in the text, the opening quote, a "" */
		if (at + 1 < n && sp->s[at + 1] == '"') {
			sp->skip = at + 2, sp->doubled = 1;
			return 0;
		}
		if (at + 1 < n && sp->s[at + 1] != ',')
			return -1; /* text after a closing quote */
		if (push(sp, sp->from + 1, at - sp->from - 1, 1, sp->doubled))
			return -1;
		sp->any_doubled |= sp->doubled;
		sp->in_quotes = sp->doubled = 0;
		sp->closed = 1;
		sp->from = at + 1;
		return at + 1 >= n;
	}
	if (is_quote)
		return -1; /* a quote inside an unquoted field */
	if (!sp->closed && push(sp, sp->from, at - sp->from, 0, 0))
		return -1;
	sp->closed = 0;
	sp->from = at + 1;
	sp->in_quotes = sp->from < n && sp->s[sp->from] == '"';
	return 0;
}

/* Each comma of a block with no quote ends a field: push's work with
 * what it reads and writes held in registers (a store of a '\0' could
 * change anything behind a pointer), and room for sixteen known. */
static inline void split_commas(struct split *sp, unsigned commas, size_t i)
{
	char *s = sp->s;
	uint32_t *span = sp->span + 2 * sp->n, at_buf = sp->at_buf;
	size_t from = sp->from, k = 0;
	for (; commas; commas &= commas - 1, k++) {
		size_t at = i + (size_t)__builtin_ctz(commas);
		span[2 * k] = at_buf + (uint32_t)from;
		span[2 * k + 1] = (uint32_t)(at - from);
		s[at] = '\0';
		from = at + 1;
	}
	sp->n += k;
	sp->from = from;
}

/* Quoted fields with "" in them: each made one quote. */
static void unescape_quotes(struct hl_reader *r)
{
	for (size_t i = 0; i < r->nfields; i++) {
		if (!(r->doubled[i / 64] >> i % 64 & 1))
			continue;
		char *v = r->row + r->span[2 * i];
		size_t len = r->span[2 * i + 1];
		char *w = memchr(v, '"', len);
		for (size_t k = (size_t)(w - v); k < len; k++)
			if ((*w++ = v[k]) == '"')
				k++;
		r->span[2 * i + 1] = (uint32_t)(w - v);
		*w = '\0';
	}
}

/* Splits s[0..n) (a line without its break) into r's spans, RFC 4180
 * as libcsv reads it strictly, in one pass that also notes backslashes,
 * control bytes and multibyte characters (*seen). 0 when split; 1 when
 * a quoted field runs on past the line (libcsv's work: the line is as it
 * was); -1 when malformed. */
static int split_fields(struct hl_reader *r, char *s, size_t n, unsigned *seen)
{
	struct split sp = {.r = r, .s = s, .span = r->span, .at_buf = (uint32_t)(s - r->buf),
			   .in_quotes = n && s[0] == '"'};
	int rc = 0;
	/* continuation bytes the three-byte characters so far call for, from
	 * the block after the one they began in; and any not where wanted */
	unsigned carry = 0, unsure = 0, high = 0, control = 0, escape = 0;
	*seen = 0;
	if (r->any_quoted) { /* the line before had a quoted field */
		memset(r->quoted, 0, sizeof r->quoted);
		memset(r->doubled, 0, sizeof r->doubled);
		r->any_quoted = 0;
	}
	for (size_t i = 0; i < n && !rc; i += BLOCK) {
		struct block b = block_at(s, n, i);
		high |= b.high, control |= b.control, escape |= b.escape;
		unsigned want = b.lead3 << 1 | b.lead3 << 2 | carry;
		unsure |= b.odd | ((want & 0xffff) ^ b.cont);
		carry = want >> 16;
		if (!b.quotes && !sp.in_quotes && !sp.closed) {
			/* most blocks: every comma ends a field */
			if (sp.n + BLOCK <= MAX_FIELDS)
				split_commas(&sp, b.commas, i);
			else
				for (unsigned commas = b.commas; commas && !rc; commas &= commas - 1) {
					size_t at = i + (size_t)__builtin_ctz(commas);
					rc = push(&sp, sp.from, at - sp.from, 0, 0);
					sp.from = at + 1;
				}
			continue;
		}
		/* a field that began past a block of plain fields begins here:
		 * quoted when its first byte is this block's quote */
		if (!sp.in_quotes && !sp.closed)
			sp.in_quotes = sp.from < n && s[sp.from] == '"';
		for (unsigned marks = b.quotes | b.commas; marks && !rc; marks &= marks - 1) {
			int k = __builtin_ctz(marks);
			rc = structural(&sp, i + (size_t)k, (int)(b.quotes >> k & 1), n);
		}
	}
	if (!rc && sp.in_quotes) {
		unpush(&sp);
		r->nfields = 0;
		return 1;
	}
	if (!rc && !sp.closed)
		rc = push(&sp, sp.from, n - sp.from, 0, 0);
	r->nfields = sp.n;
	if (rc < 0)
		return -1;
	*seen = (high ? LINE_HIGH : 0) | (control ? LINE_CONTROL : 0) | (escape ? LINE_ESCAPE : 0) |
		(unsure || carry ? LINE_UNSURE : 0);
	r->any_doubled = sp.any_doubled;
	return 0;
}

/* Splits one line into r's row, views into the line (0); 1 when libcsv
 * has it instead (its fields go to r->rawtext); -1 for malformed CSV. */
static int split_line(struct hl_reader *r, char *s, size_t n, int complete)
{
	unsigned seen;
	r->row = r->buf;
	int rc = split_fields(r, s, complete ? n - 1 : n, &seen);
	if (rc < 0)
		return r->too_many ? 0 : -1;
	/* one check of the line spares one of each field; they are ended in
	 * place by now, so of what hl_text_check asks only valid UTF-8 is
	 * left to see, when the split could not tell */
	r->line_clean = !(seen & LINE_CONTROL) &&
			(!(seen & LINE_UNSURE) || hl_utf8_valid(s, n, NULL));
	r->line_escapes = (seen & LINE_ESCAPE) != 0;
	r->line_len = n;
	if (rc == 0) {
		/* after the check: this moves text, leaving bytes behind */
		if (r->any_doubled)
			unescape_quotes(r);
		r->rec_ended = 1;
		return 0;
	}
	/* a field that goes on: libcsv, from the start (unpush cleared the row) */
	hl_buf_clear(&r->rawtext);
	return csv_feed(r, s, n) ? -1 : 1;
}

/* The next record, in r's row (its fields checked and named by the header
 * when it is a record). */
static int csv_next(struct hl_reader *r, struct hl_buf *err)
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
		r->rec_end = r->offset;
		if (!s)
			return located(r, line, err, "record longer than 1 MiB");
		int complete = s[n - 1] == '\n';
		if (!complete && (r->flags & HL_READ_JOURNAL))
			return located(r, line, err, "torn last line (an interrupted write), skipped");
		if (n >= 2 && s[n - 2] == TORN_MARK && complete)
			return located(r, line, err, "torn line (an interrupted write, closed by a later one), skipped");
		if (line == 1 && n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
			s += 3, n -= 3;
		if (complete && n >= 2 && s[n - 2] == '\r')
			s[n - 2] = '\n', n--;
		if (n == 0 || (n == 1 && s[0] == '\n'))
			continue;
		if ((size_t)n > MAX_LINE)
			return located(r, line, err, "record longer than 1 MiB");
		if (r->dg.skip && r->colpos[HL_COL_TIME] == 0 && r->dg.skip(s, (size_t)n, r->dg.arg))
			continue;
		r->rec_ended = r->too_many = 0;
		int bad = split_line(r, s, (size_t)n, complete), by_libcsv = bad == 1;
		r->by_libcsv = by_libcsv;
		bad = bad < 0;
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
		if (by_libcsv)
			r->row = r->rawtext.s; /* where it is, now that it is all there */
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
		r->rec_line = line;
		r->rec_start = start;
		return check_fields(r, line, err);
	}
}

/* A record's fields as views of base (spans: start and length of each),
 * named by the header. */
static void fill_record(const struct hl_reader *r, char *base, const uint32_t *sp, size_t n,
			struct hl_record *rec)
{
	hl_record_clear(rec);
	while (rec->cap < n)
		hl_record_grow(rec);
	for (size_t k = 0; k < n; k++, sp += 2) {
		struct hl_field *f = &rec->f[k];
		if (f->cap)
			hl_field_disown(f);
		f->name = r->cols[k];
		f->value = base + sp[0];
		f->len = sp[1];
	}
	rec->n = n;
	rec->colpos = r->colpos;
}

/* The same as the journal's columns, no record built. */
static void fill_cols(const struct hl_reader *r, char *base, const uint32_t *sp,
		      struct hl_cols *c)
{
	/* an empty value made NULL without a branch to mispredict */
#define COLUMN(at) (const char *)((uintptr_t)(base + sp[at]) & -(uintptr_t)(sp[(at) + 1] != 0))
	if (r->in_order) { /* as hl-log writes them */
		int k = 0;
#if defined(__SSE2__) && defined(__x86_64__) && !defined(HL_NO_SIMD)
		/* two at a time: (start, length) pairs become 64-bit pointers */
		const __m128i at = _mm_set1_epi64x((long long)(uintptr_t)base);
		const __m128i starts = _mm_set_epi32(0, -1, 0, -1);
		for (; k + 2 <= HL_NCOLUMNS; k += 2) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(sp + 2 * k));
			__m128i empty = _mm_shuffle_epi32(_mm_cmpeq_epi32(x, _mm_setzero_si128()),
							  _MM_SHUFFLE(3, 3, 1, 1));
			__m128i p = _mm_add_epi64(_mm_and_si128(x, starts), at);
			_mm_storeu_si128((__m128i *)(void *)&c->v[k], _mm_andnot_si128(empty, p));
		}
#endif
		for (; k < HL_NCOLUMNS; k++)
			c->v[k] = COLUMN(2 * k);
		return;
	}
	if (r->all_columns) {
		for (int k = 0; k < HL_NCOLUMNS; k++)
			c->v[k] = COLUMN(2 * r->colpos[k]);
		return;
	}
#undef COLUMN
	for (int k = 0; k < HL_NCOLUMNS; k++) {
		int i = r->colpos[k];
		c->v[k] = i >= 0 && sp[2 * i + 1] ? base + sp[2 * i] : NULL;
	}
}

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
static int ahead_switch(struct hl_reader *r)
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
	fill_cols(r, r->row, r->span, &c);
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
		rc = csv_next(r, &err);
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
	if (env && hl_streq(env, "0"))
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

/* The digest of columns, made in the caller's thread. */
static void digest_here(struct hl_reader *r, const struct hl_cols *c, struct hl_digested *d)
{
	hl_buf_clear(&r->dg_msg);
	d->rc = r->dg.fn(c, r->own_digest, r->dg.arg, &r->dg_msg);
	d->out = r->own_digest;
	d->msg = r->dg_msg.len ? r->dg_msg.s : "";
	d->line = c->line, d->offset = c->offset;
}

/* A record of a batch, digested: by the worker, or now. */
static void take_digest(struct hl_reader *r, const struct batch *b, const struct item *it,
			char *base, struct hl_digested *d)
{
	if (!it->digested) {
		struct hl_cols c;
		fill_cols(r, base, b->spans + it->span, &c);
		c.line = it->line, c.offset = it->offset;
		digest_here(r, &c, d);
		return;
	}
	d->out = b->digests + (size_t)(it - b->items) * r->dg_stride;
	d->rc = it->digest_rc;
	d->msg = it->digest_rc < 0 ? b->msgs.s + it->msg : NULL;
	d->line = it->line, d->offset = it->offset;
}

/* The caller's next record from the batches the worker filled, as a
 * record (rec), as columns (c) or digested (d). */
static int ahead_next(struct hl_reader *r, struct hl_record *rec, struct hl_cols *c,
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
				fill_record(r, base, b->spans + it->span, it->nfields, rec);
				rec->line = it->line, rec->offset = it->offset;
			} else if (it->rc == HL_READ_RECORD && d) {
				take_digest(r, b, it, base, d);
			} else if (it->rc == HL_READ_RECORD) {
				fill_cols(r, base, b->spans + it->span, c);
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

static void ahead_stop(struct hl_reader *r)
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

/* ---- YAML ---- */

static int yaml_read(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct hl_reader *r = data;
	if (r->pos < r->end) { /* what format detection read first */
		size_t n = r->end - r->pos;
		if (n > size)
			n = size;
		memcpy(buf, r->buf + r->pos, n);
		r->pos += n;
		*got = n;
		return 1;
	}
	ssize_t n = raw_read(r, (char *)buf, size);
	*got = n > 0 ? (size_t)n : 0;
	return n >= 0;
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
			r->yaml_lists = 0;
			continue;
		case YAML_SEQUENCE_END_EVENT:
			r->yaml_lists--;
			continue;
		case YAML_SEQUENCE_START_EVENT:
			/* a list in the list was read past: nested 100,000 deep,
			 * with no record, it was an empty batch */
			if (r->yaml_lists++)
				return yaml_fatal(r, line, err, "records must be a YAML list of mappings, "
								"not a list within the list");
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
	while ((got = fill(r)) > 0 && !memchr(r->buf, '\n', r->end) && r->end < CHUNK)
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
	if (r->fmt != HL_FMT_CSV || r->fp == stdin || r->ahead)
		return hl_fail(err, "%s: only a CSV file can be read from an offset", r->name);
	/* the header names the columns of everything after it */
	while (!r->have_header) {
		int rc = csv_next(r, err);
		if (rc == HL_READ_EOF)
			return hl_fail(err, "%s: no header", r->name);
		if (rc < 0)
			return -1;
	}
	int moved = offset >= r->offset &&
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

/* A thread reads ahead once the header is read, when it is worth one. */
static void ahead_maybe(struct hl_reader *r)
{
	if (r->have_header && !r->ahead_tried) {
		r->ahead_tried = 1;
		if (ahead_worth(r))
			ahead_start(r);
	}
}

int hl_reader_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err)
{
	if (r->fmt != HL_FMT_CSV)
		return yaml_next(r, rec, err);
	ahead_maybe(r);
	if (r->ahead)
		return ahead_next(r, rec, NULL, NULL, err);
	int rc = csv_next(r, err);
	if (rc == HL_READ_RECORD) {
		fill_record(r, r->row, r->span, r->nfields, rec);
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
		if ((rc = yaml_next(r, &r->yrec, err)) == HL_READ_RECORD)
			hl_cols_of_record(&r->yrec, c);
		return rc;
	}
	ahead_maybe(r);
	if (r->ahead)
		return ahead_next(r, NULL, c, NULL, err);
	if ((rc = csv_next(r, err)) == HL_READ_RECORD) {
		fill_cols(r, r->row, r->span, c);
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
		ahead_maybe(r);
		if (r->ahead)
			return ahead_next(r, NULL, NULL, d, err);
	}
	int rc = hl_reader_next_cols(r, &c, err);
	if (rc == HL_READ_RECORD)
		digest_here(r, &c, d);
	return rc;
}

void hl_reader_close(struct hl_reader *r)
{
	if (!r)
		return;
	if (r->ahead)
		ahead_stop(r);
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
