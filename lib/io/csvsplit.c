/* csvsplit.c - CSV records: a physical line split in place sixteen
 * bytes at a time (SSE2, or eight in a word), libcsv for the fields that
 * span lines; the header read; each record's fields checked */
#include <errno.h>
#include <string.h>

#include "hl/event.h"
#include "io/reader_priv.h"
#include "base/utf8.h"

/* ---- CSV ---- */

static int csv_never_space(unsigned char c) { (void)c; return 0; }
static int csv_term(unsigned char c) { return c == '\n'; }

void hl_rd_csv_reset(struct hl_reader *r)
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
			hl_rd_located(r, line, err, m.s);
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
	int n = 0, rest_missing = 1;
	while (n < HL_NCOLUMNS && r->colpos[n] == n)
		n++;
	for (int c = n; c < HL_NCOLUMNS; c++)
		rest_missing &= r->colpos[c] < 0;
	r->in_place = rest_missing ? n : 0;
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
		hl_rd_located(r, line, err, m.s);
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
			hl_rd_located(r, line, err, m.s);
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
		hl_rd_csv_reset(r);
		return -1;
	}
	return 0;
}

/* ---- splitting a line, sixteen bytes at a time ---- */

/* Why: with the checks of clean lines skipped, the splitting thread went
 * from 690 M to 484 M instructions on 200 000 events, and SSE2 over SWAR
 * is part of it (bench/README.md); -DHL_NO_SIMD builds the SWAR path,
 * which make check tests too. */

/* What a line holds beyond plain printable ASCII, learnt in the pass that
 * splits it: backslashes, bytes of multibyte characters, control bytes;
 * and multibyte characters other than those of Chinese text, the UTF-8
 * of which the pass cannot vouch for (LINE_UNSURE). */
enum { LINE_ESCAPE = 1, LINE_HIGH = 2, LINE_CONTROL = 4, LINE_UNSURE = 8 };

/* Sixteen bytes of a line: a bit for each comma, quote, byte of a
 * multibyte character (high), control byte and backslash (bit k for byte
 * k). Of the high bytes, a bit for each continuation byte (0x80-0xbf),
 * each first byte of a three-byte character that any two continuations
 * make valid (the Chinese fast case, hl_utf8_lead3 in utf8.h), and any
 * other (odd). */
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
		b.lead3 = (high & ~bytes_below(v, (char)HL_LEAD3_MIN) &
			   bytes_below(v, (char)(HL_LEAD3_MAX + 1))) &
			  ~bytes_equal(v, (char)HL_LEAD3_SURROGATE);
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
int hl_rd_csv_next(struct hl_reader *r, struct hl_buf *err)
{
	for (;;) {
		char *s;
		ssize_t n = hl_rd_read_line(r, &s);
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
			return hl_rd_located(r, line, err, "record longer than 1 MiB");
		int complete = s[n - 1] == '\n';
		if (!complete && (r->flags & HL_READ_JOURNAL))
			return hl_rd_located(r, line, err, "torn last line (an interrupted write), skipped");
		if (n >= 2 && s[n - 2] == TORN_MARK && complete)
			return hl_rd_located(r, line, err, "torn line (an interrupted write, closed by a later one), skipped");
		if (line == 1 && n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
			s += 3, n -= 3;
		if (complete && n >= 2 && s[n - 2] == '\r')
			s[n - 2] = '\n', n--;
		if (n == 0 || (n == 1 && s[0] == '\n'))
			continue;
		if ((size_t)n > MAX_LINE)
			return hl_rd_located(r, line, err, "record longer than 1 MiB");
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
			n = hl_rd_read_line(r, &s);
			if (n <= 0)
				break;
			if ((total += (size_t)n) > MAX_LINE) {
				hl_rd_csv_reset(r);
				r->rec_end = r->offset;
				return hl_rd_located(r, line, err, "record longer than 1 MiB");
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
			hl_rd_csv_reset(r);
		}
		if (by_libcsv)
			r->row = r->rawtext.s; /* where it is, now that it is all there */
		r->rec_end = r->offset;
		if (bad)
			return hl_rd_located(r, line, err, "malformed CSV (an unbalanced quote, or text after a closing quote)");
		if (r->too_many)
			return hl_rd_located(r, line, err, "too many fields");
		if (!r->have_header) {
			int h = take_header(r, line, err);
			if (h)
				return h;
			r->head_end = r->offset;
			continue;
		}
		r->rec_line = line;
		r->rec_start = start;
		return check_fields(r, line, err);
	}
}

/* A record's fields as views of base (spans: start and length of each),
 * named by the header. */
void hl_rd_fill_record(const struct hl_reader *r, char *base, const uint32_t *sp, size_t n,
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

/* An empty value made NULL without a branch to mispredict. */
#define COLUMN(at) (const char *)((uintptr_t)(base + sp[at]) & -(uintptr_t)(sp[(at) + 1] != 0))

/* The first n columns at their places, the rest missing; inlined with n
 * a constant, so that the loops unroll (a variable n cost a report 1.7 %
 * more instructions). */
static inline __attribute__((always_inline)) void fill_in_place(char *base, const uint32_t *sp,
								 struct hl_cols *c, int n)
{
	int k = 0;
#if defined(__SSE2__) && defined(__x86_64__) && !defined(HL_NO_SIMD)
	/* with SSE2 two at a time, (start, length) pairs become 64-bit
	 * pointers: with hand-parsed numbers, 353 M -> 317 M instructions
	 * in the folding thread (bench/README.md, callgrind) */
	const __m128i at = _mm_set1_epi64x((long long)(uintptr_t)base);
	const __m128i starts = _mm_set_epi32(0, -1, 0, -1);
	for (; k + 2 <= n; k += 2) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(sp + 2 * k));
		__m128i empty = _mm_shuffle_epi32(_mm_cmpeq_epi32(x, _mm_setzero_si128()),
						  _MM_SHUFFLE(3, 3, 1, 1));
		__m128i p = _mm_add_epi64(_mm_and_si128(x, starts), at);
		_mm_storeu_si128((__m128i *)(void *)&c->v[k], _mm_andnot_si128(empty, p));
	}
#endif
	for (; k < n; k++)
		c->v[k] = COLUMN(2 * k);
	for (; k < HL_NCOLUMNS; k++)
		c->v[k] = NULL;
}

/* The same as the journal's columns, no record built. */
void hl_rd_fill_cols(const struct hl_reader *r, char *base, const uint32_t *sp,
		      struct hl_cols *c)
{
	/* as hl-log writes them, or did before the last column was added */
	if (r->in_place == HL_NCOLUMNS) {
		fill_in_place(base, sp, c, HL_NCOLUMNS);
		return;
	}
	if (r->in_place == HL_NCOLUMNS - 1) {
		fill_in_place(base, sp, c, HL_NCOLUMNS - 1);
		return;
	}
	if (r->in_place) {
		fill_in_place(base, sp, c, r->in_place);
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
