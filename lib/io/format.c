/* format.c - writing records as CSV lines or YAML flow mappings, and to a
 * stream one line each */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hl/event.h"
#include "hl/format.h"
#include "hl/writer.h"
#include "base/utf8.h"

int hl_format_parse(const char *s)
{
	if (hl_streq(s, "csv"))
		return HL_FMT_CSV;
	if (hl_streq(s, "yaml") || hl_streq(s, "yml"))
		return HL_FMT_YAML;
	return -1;
}

static int csv_needs_quotes(const char *v, size_t len)
{
	if (!len)
		return 0;
	if (v[0] == ' ' || v[0] == '\t' || v[len - 1] == ' ' || v[len - 1] == '\t')
		return 1;
	return memchr(v, ',', len) || memchr(v, '"', len);
}

void hl_csv_put_field(struct hl_buf *b, const char *v, size_t len)
{
	int quote = csv_needs_quotes(v, len);
	hl_buf_reserve(b, len + 2);
	if (quote)
		hl_buf_addc(b, '"');
	/* most fields have nothing to escape: one copy */
	size_t plain = 0;
	while (plain < len && v[plain] != '\\' && v[plain] != '\n' && v[plain] != '\r' && v[plain] != '"')
		plain++;
	hl_buf_add(b, v, plain);
	for (size_t i = plain; i < len; i++) {
		switch (v[i]) {
		case '\\': hl_buf_add(b, "\\\\", 2); break;
		case '\n': hl_buf_add(b, "\\n", 2); break;
		case '\r': hl_buf_add(b, "\\r", 2); break;
		case '"': hl_buf_add(b, "\"\"", 2); break;
		default: hl_buf_addc(b, v[i]);
		}
	}
	if (quote)
		hl_buf_addc(b, '"');
}

void hl_csv_put_header(struct hl_buf *b, const char *const *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			hl_buf_addc(b, ',');
		hl_csv_put_field(b, cols[i], strlen(cols[i]));
	}
	hl_buf_addc(b, '\n');
}

void hl_csv_put_record(struct hl_buf *b, const char *const *cols, size_t n,
		       const struct hl_record *r)
{
	int16_t small[64], *pos = n <= 64 ? small : hl_xcalloc(n, sizeof *pos);
	hl_record_index(r, cols, n, pos);
	for (size_t i = 0; i < n; i++) {
		if (i)
			hl_buf_addc(b, ',');
		if (pos[i] >= 0)
			hl_csv_put_field(b, r->f[pos[i]].value, r->f[pos[i]].len);
	}
	hl_buf_addc(b, '\n');
	if (pos != small)
		free(pos);
}

size_t hl_csv_unescape(char *s, size_t len)
{
	char *p = memchr(s, '\\', len);
	if (!p)
		return len;
	size_t o = (size_t)(p - s);
	for (size_t i = o; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			char c = s[i + 1];
			if (c == '\\' || c == 'n' || c == 'r') {
				s[o++] = c == 'n' ? '\n' : c == 'r' ? '\r' : '\\';
				i++;
				continue;
			}
		}
		s[o++] = s[i];
	}
	s[o] = '\0';
	return o;
}

/* Words a YAML 1.1 reader resolves to booleans or null. */
static int yaml_special_word(const char *v, size_t len)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == len && !strncasecmp(words[i], v, len))
			return 1;
	return 0;
}

/* Plain only for text that starts with a letter and holds nothing a YAML
 * flow context or a type resolver would treat specially. */
static int yaml_plain_ok(const char *v, size_t len)
{
	if (!len || yaml_special_word(v, len))
		return 0;
	unsigned char c0 = (unsigned char)v[0];
	if (!(c0 >= 0x80 || ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z')))
		return 0;
	if (v[len - 1] == ' ')
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c >= 0x80) {
			/* U+0085, U+2028, U+2029 are line breaks to YAML 1.1 */
			if ((c == 0xc2 && i + 1 < len && (unsigned char)v[i + 1] == 0x85) ||
			    (c == 0xe2 && i + 2 < len && (unsigned char)v[i + 1] == 0x80 &&
			     ((unsigned char)v[i + 2] & 0xfe) == 0xa8))
				return 0;
			continue;
		}
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    !(c >= '0' && c <= '9') && !strchr("_-./@ ()", c))
			return 0;
	}
	return 1;
}

void hl_yaml_put_scalar(struct hl_buf *b, const char *v, size_t len)
{
	if (yaml_plain_ok(v, len)) {
		hl_buf_add(b, v, len);
		return;
	}
	hl_buf_addc(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c == '"' || c == '\\') {
			hl_buf_addc(b, '\\');
			hl_buf_addc(b, (char)c);
		} else if (c == '\n') {
			hl_buf_add(b, "\\n", 2);
		} else if (c == '\r') {
			hl_buf_add(b, "\\r", 2);
		} else if (c == '\t') {
			hl_buf_add(b, "\\t", 2);
		} else if (c < 0x20 || c == 0x7f) {
			hl_buf_printf(b, "\\x%02X", c);
		} else if (c == 0xc2 && i + 1 < len && (unsigned char)v[i + 1] == 0x85) {
			hl_buf_add(b, "\\N", 2);
			i++;
		} else if (c == 0xe2 && i + 2 < len && (unsigned char)v[i + 1] == 0x80 &&
			   ((unsigned char)v[i + 2] & 0xfe) == 0xa8) {
			hl_buf_add(b, (unsigned char)v[i + 2] == 0xa8 ? "\\L" : "\\P", 2);
			i += 2;
		} else {
			hl_buf_addc(b, (char)c);
		}
	}
	hl_buf_addc(b, '"');
}

void hl_yaml_put_record(struct hl_buf *b, const struct hl_record *r)
{
	int first = 1;
	hl_buf_add(b, "- {", 3);
	for (size_t i = 0; i < r->n; i++) {
		const struct hl_field *f = &r->f[i];
		if (!f->len)
			continue;
		if (!first)
			hl_buf_add(b, ", ", 2);
		first = 0;
		hl_yaml_put_scalar(b, f->name, strlen(f->name));
		hl_buf_add(b, ": ", 2);
		hl_yaml_put_scalar(b, f->value, f->len);
	}
	hl_buf_add(b, "}\n", 2);
}

/* ---- a stream of records: the header before the first ---- */

void hl_writer_init(struct hl_writer *w, FILE *fp, enum hl_format fmt)
{
	w->fp = fp;
	w->fmt = fmt;
	w->header_done = 0;
	w->line = (struct hl_buf){0};
}

int hl_writer_put(struct hl_writer *w, const struct hl_record *r)
{
	hl_buf_clear(&w->line);
	if (w->fmt == HL_FMT_CSV) {
		if (!w->header_done)
			hl_csv_put_header(&w->line, hl_columns, hl_ncolumns);
		hl_csv_put_record(&w->line, hl_columns, hl_ncolumns, r);
	} else {
		hl_yaml_put_record(&w->line, r);
	}
	w->header_done = 1;
	return fwrite(w->line.s, 1, w->line.len, w->fp) == w->line.len ? 0 : -1;
}

void hl_writer_free(struct hl_writer *w)
{
	hl_buf_free(&w->line);
}
