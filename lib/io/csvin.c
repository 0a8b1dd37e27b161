/* csvin.c - another program's CSV, read a byte at a time from a buffer
 * that iconv(3) fills: the file is never held whole */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csvin.h"

enum { CHUNK = 64 * 1024 };
/* A row longer than this is a quote left open, not a call record. */
#define MAX_ROW (1024 * 1024)

struct hl_csvin {
	FILE *fp;
	char *name, *encoding;
	iconv_t cd;              /* (iconv_t)-1: the bytes are taken as they are */
	char raw[CHUNK];         /* read, not yet converted */
	size_t nraw;
	char dec[CHUNK];         /* converted: what the parser reads */
	size_t pos, end;
	int eof, bad;            /* bad: a conversion error, message kept */
	struct hl_buf badmsg;
	long line;               /* lines read so far (the current one) */
	int started;
	struct hl_buf text;      /* the row's fields, each ended by a NUL */
	size_t *start, *len;
	char **f;
	size_t cap;
};

const char *hl_csvin_name(const struct hl_csvin *r)
{
	return r->name;
}

struct hl_csvin *hl_csvin_open(const char *path, const char *encoding, struct hl_buf *err)
{
	int std = hl_streq(path, "-");
	FILE *fp = std ? stdin : fopen(path, "rb");
	if (!fp) {
		hl_fail(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct hl_csvin *r = hl_xcalloc(1, sizeof *r);
	r->fp = fp;
	r->name = hl_xstrdup(std ? "<stdin>" : path);
	r->cd = (iconv_t)-1;
	r->line = 1;
	if (encoding && strcasecmp(encoding, "UTF-8") && strcasecmp(encoding, "UTF8")) {
		r->cd = iconv_open("UTF-8", encoding);
		if (r->cd == (iconv_t)-1) {
			hl_fail(err, "unknown encoding '%s' (iconv -l lists those known)", encoding);
			hl_csvin_close(r);
			return NULL;
		}
		r->encoding = hl_xstrdup(encoding);
	}
	return r;
}

void hl_csvin_close(struct hl_csvin *r)
{
	if (!r)
		return;
	if (r->fp && r->fp != stdin)
		fclose(r->fp);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->name);
	free(r->encoding);
	hl_buf_free(&r->badmsg);
	hl_buf_free(&r->text);
	free(r->start);
	free(r->len);
	free(r->f);
	free(r);
}

/* More converted bytes into dec; 0 at the end or on an error (bad set). */
static size_t fill(struct hl_csvin *r)
{
	r->pos = r->end = 0;
	if (r->bad)
		return 0;
	if (r->cd == (iconv_t)-1) {
		r->end = r->eof ? 0 : fread(r->dec, 1, sizeof r->dec, r->fp);
		if (r->end < sizeof r->dec)
			r->eof = 1;
		return r->end;
	}
	while (r->end == 0) {
		if (!r->eof && r->nraw < sizeof r->raw) {
			size_t n = fread(r->raw + r->nraw, 1, sizeof r->raw - r->nraw, r->fp);
			r->nraw += n;
			if (n == 0)
				r->eof = 1;
		}
		if (r->nraw == 0)
			return 0;
		char *in = r->raw, *out = r->dec;
		size_t inleft = r->nraw, outleft = sizeof r->dec;
		size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
		int e = rc == (size_t)-1 ? errno : 0;
		r->end = sizeof r->dec - outleft;
		memmove(r->raw, in, inleft);
		r->nraw = inleft;
		if (e == EILSEQ || (e == EINVAL && r->eof)) {
			/* what converted is read first; the message waits for it */
			hl_buf_printf(&r->badmsg, "bytes that are not %s (byte 0x%02x)", r->encoding,
				      (unsigned char)r->raw[0]);
			r->bad = 1;
			return r->end;
		}
		if (r->end == 0 && r->eof && e == 0)
			return 0;
	}
	return r->end;
}

static inline int getb(struct hl_csvin *r)
{
	if (r->pos == r->end && !fill(r))
		return EOF;
	return (unsigned char)r->dec[r->pos++];
}

static inline int peekb(struct hl_csvin *r)
{
	if (r->pos == r->end && !fill(r))
		return EOF;
	return (unsigned char)r->dec[r->pos];
}

int hl_csvin_next(struct hl_csvin *r, struct hl_csvrow *row, struct hl_buf *err)
{
	size_t n = 0;
	long first;
	int c;
	if (!r->started) {
		r->started = 1;
		if (peekb(r) == 0xEF && r->end - r->pos >= 3 && !memcmp(r->dec + r->pos, "\xEF\xBB\xBF", 3))
			r->pos += 3;
	}
again:
	hl_buf_clear(&r->text);
	n = 0;
	first = r->line;
	c = getb(r);
	if (c == EOF)
		goto end;
	if (c == '\n' || c == '\r') { /* a blank line */
		if (c == '\r' && peekb(r) == '\n')
			getb(r);
		r->line++;
		goto again;
	}
	for (;;) {
		size_t from = r->text.len;
		if (c == '"') {
			long opened = r->line;
			for (;;) {
				c = getb(r);
				if (c == EOF) {
					if (r->bad)
						goto end;
					return hl_fail(err, "%s:%ld: a quote opened here is never closed", r->name, opened);
				}
				if (c == '"') {
					int d = peekb(r);
					if (d == '"') {
						getb(r);
					} else if (d == ',' || d == '\n' || d == '\r' || d == EOF) {
						break;
					}
					/* else a quote inside the field, as some exporters
					 * write a caller id: kept, as spreadsheets keep it */
				} else if (c == '\n') {
					r->line++;
				}
				hl_buf_addc(&r->text, (char)c);
				if (r->text.len > MAX_ROW)
					return hl_fail(err, "%s:%ld: a row longer than 1 MB (a quote left open?)", r->name,
						       opened);
			}
			c = getb(r);
		} else {
			/* an unquoted field: the bytes up to its end at once */
			while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
				size_t first_byte = r->pos - 1, at = r->pos;
				while (at < r->end && r->dec[at] != ',' && r->dec[at] != '\n' && r->dec[at] != '\r')
					at++;
				hl_buf_add(&r->text, r->dec + first_byte, at - first_byte);
				r->pos = at;
				if (r->text.len > MAX_ROW)
					return hl_fail(err, "%s:%ld: a row longer than 1 MB", r->name, first);
				c = getb(r);
			}
		}
		if (n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 32;
			r->start = hl_xreallocarray(r->start, r->cap, sizeof *r->start);
			r->len = hl_xreallocarray(r->len, r->cap, sizeof *r->len);
			r->f = hl_xreallocarray(r->f, r->cap, sizeof *r->f);
		}
		r->start[n] = from;
		r->len[n++] = r->text.len - from;
		hl_buf_addc(&r->text, '\0');
		if (c == ',') {
			c = getb(r);
			continue;
		}
		if (c == '\r' && peekb(r) == '\n')
			getb(r);
		if (c != EOF)
			r->line++;
		break;
	}
	if (r->bad && c == EOF)
		goto end;
	for (size_t i = 0; i < n; i++)
		r->f[i] = r->text.s + r->start[i];
	row->f = r->f;
	row->len = r->len;
	row->n = n;
	row->line = first;
	return 1;
end:
	if (r->bad)
		return hl_fail(err, "%s:%ld: %s (is --encoding right?)", r->name, r->line, r->badmsg.s);
	if (ferror(r->fp))
		return hl_fail(err, "%s: read error: %s", r->name, strerror(errno));
	return 0;
}
