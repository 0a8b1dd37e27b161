/* utf8.c - UTF-8 decoding, validation and display width */
#include <stdarg.h>
#include <string.h>

#include "base/utf8.h"
#include "hl/record.h"
#include "hl/util.h"

size_t hl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/* The length of the well-formed character at p[i] (n bytes in all), 0
 * when it is not one: the Chinese fast case (utf8.h) checked inline. */
static inline size_t char_len(const unsigned char *p, size_t i, size_t n)
{
	if (hl_utf8_lead3(p[i]) && i + 2 < n && (p[i + 1] & 0xc0) == 0x80 &&
	    (p[i + 2] & 0xc0) == 0x80)
		return 3;
	uint32_t cp;
	return hl_utf8_decode(p + i, n - i, &cp);
}

int hl_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		uint64_t v;
		if (i + 8 <= n && (memcpy(&v, p + i, 8), !(v & 0x8080808080808080ULL))) {
			i += 8; /* eight ASCII bytes */
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = char_len(p, i, n);
		if (!len) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += len;
	}
	return 1;
}

struct range {
	uint32_t lo, hi;
};

static int in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* East Asian Wide (W) and Fullwidth (F) blocks, Unicode 15, coarse-grained
 * by block: what matters here is CJK text, punctuation and emoji. */
static const struct range wide[] = {
	{0x1100, 0x115f},   {0x231a, 0x231b},   {0x2329, 0x232a},
	{0x23e9, 0x23ec},   {0x23f0, 0x23f0},   {0x23f3, 0x23f3},
	{0x25fd, 0x25fe},   {0x2614, 0x2615},   {0x2648, 0x2653},
	{0x267f, 0x267f},   {0x2693, 0x2693},   {0x26a1, 0x26a1},
	{0x26aa, 0x26ab},   {0x26bd, 0x26be},   {0x26c4, 0x26c5},
	{0x26ce, 0x26ce},   {0x26d4, 0x26d4},   {0x26ea, 0x26ea},
	{0x26f2, 0x26f3},   {0x26f5, 0x26f5},   {0x26fa, 0x26fa},
	{0x26fd, 0x26fd},   {0x2705, 0x2705},   {0x270a, 0x270b},
	{0x2728, 0x2728},   {0x274c, 0x274c},   {0x274e, 0x274e},
	{0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
	{0x27b0, 0x27b0},   {0x27bf, 0x27bf},   {0x2b1b, 0x2b1c},
	{0x2b50, 0x2b50},   {0x2b55, 0x2b55},   {0x2e80, 0x303e},
	{0x3041, 0x33ff},   {0x3400, 0x4dbf},   {0x4e00, 0x9fff},
	{0xa000, 0xa4cf},   {0xa960, 0xa97f},   {0xac00, 0xd7a3},
	{0xf900, 0xfaff},   {0xfe10, 0xfe19},   {0xfe30, 0xfe6f},
	{0xff00, 0xff60},   {0xffe0, 0xffe6},   {0x16fe0, 0x16fe4},
	{0x17000, 0x18cff}, {0x1b000, 0x1b2ff}, {0x1f004, 0x1f004},
	{0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
	{0x1f200, 0x1f251}, {0x1f300, 0x1f64f}, {0x1f680, 0x1f6ff},
	{0x1f7e0, 0x1f7eb}, {0x1f900, 0x1f9ff}, {0x1fa70, 0x1faff},
	{0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

static const struct range zero[] = {
	{0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd},
	{0x0610, 0x061a}, {0x064b, 0x065f}, {0x0e31, 0x0e31},
	{0x0e34, 0x0e3a}, {0x0e47, 0x0e4e}, {0x1160, 0x11ff},
	{0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064},
	{0x20d0, 0x20ff}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f},
	{0xfeff, 0xfeff}, {0xe0100, 0xe01ef},
};

int hl_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero, sizeof zero / sizeof zero[0]))
		return 0;
	if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

size_t hl_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, w = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = hl_utf8_decode(p + i, n - i, &cp);
		if (!len) {
			w++, i++;
			continue;
		}
		w += (size_t)hl_cp_width(cp);
		i += len;
	}
	return w;
}

/* The common case in one pass: printable ASCII, tabs and line breaks,
 * and well-formed multibyte characters (decoded only when met). */
int hl_text_clean(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		/* eight printable ASCII bytes at a time: no high bit, none
		 * below 0x20, no 0x7f */
		while (i + 8 <= n) {
			uint64_t v;
			memcpy(&v, p + i, 8);
			uint64_t high = v & 0x8080808080808080ULL;
			uint64_t low = (v - 0x2020202020202020ULL) & ~v & 0x8080808080808080ULL;
			uint64_t del = ((v ^ 0x7f7f7f7f7f7f7f7fULL) - 0x0101010101010101ULL) &
				       ~(v ^ 0x7f7f7f7f7f7f7f7fULL) & 0x8080808080808080ULL;
			if (high | low | del)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = p[i];
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c == '\t' || c == '\n' || c == '\r') {
			i++;
			continue;
		}
		size_t len = c >= 0x80 ? char_len(p, i, n) : 0;
		if (!len)
			return 0; /* let the careful check say what is wrong */
		i += len;
	}
	return 1;
}

int hl_text_check(const char *v, size_t len, const char *field, struct hl_buf *msg)
{
	if (len <= HL_MAX_FIELD && hl_text_clean(v, len))
		return 0;
	size_t bad;
	if (len > HL_MAX_FIELD)
		return hl_fail(msg, "field '%s' is longer than %d bytes", field, HL_MAX_FIELD);
	if (!hl_utf8_valid(v, len, &bad))
		return hl_fail(msg, "invalid UTF-8 in field '%s'", field);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return hl_fail(msg, "control character 0x%02x in field '%s'", c, field);
	}
	return 0;
}

/* What a terminal acts on or a line-based reader splits at: C0 controls,
 * DEL, C1 controls (U+009B is a CSI on many terminals), the line and
 * paragraph separators, and the bidi embeddings, overrides and isolates
 * that reorder what follows them on the screen. */
static int acts(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void hl_buf_add_field(struct hl_buf *b, const char *s, char end)
{
	if (s)
		hl_buf_add_visible(b, s, strlen(s));
	hl_buf_addc(b, end);
}

void hl_buf_add_visible(struct hl_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, plain = 0;
	while (i < n) {
		unsigned char c = p[i];
		uint32_t cp = c;
		size_t len = 1;
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c >= 0x80 && (len = hl_utf8_decode(p + i, n - i, &cp)) && !acts(cp)) {
			i += len;
			continue;
		}
		hl_buf_add(b, s + plain, i - plain);
		if (!len) /* not UTF-8: the byte, and on from the next */
			len = 1, hl_buf_printf(b, "\\x%02x", c);
		else if (c == '\n')
			hl_buf_add(b, "\\n", 2);
		else if (c == '\r')
			hl_buf_add(b, "\\r", 2);
		else if (c == '\t')
			hl_buf_add(b, "\\t", 2);
		else if (cp < 0x80)
			hl_buf_printf(b, "\\x%02x", c);
		else
			hl_buf_printf(b, "\\u%04x", (unsigned)cp);
		i += len;
		plain = i;
	}
	hl_buf_add(b, s + plain, i - plain);
}

void hl_buf_line(struct hl_buf *b, const char *fmt, ...)
{
	struct hl_buf line = {0};
	va_list ap;
	va_start(ap, fmt);
	hl_buf_vprintf(&line, fmt, ap);
	va_end(ap);
	hl_buf_add_visible(b, line.s ? line.s : "", line.len);
	hl_buf_addc(b, '\n');
	hl_buf_free(&line);
}

void hl_buf_add_cut(struct hl_buf *b, const char *s, size_t width)
{
	struct hl_buf v = {0};
	hl_buf_add_visible(&v, s, strlen(s));
	const unsigned char *p = (const unsigned char *)hl_buf_str(&v);
	size_t n = v.len, i = 0, w = 0, fit = 0;
	/* fit: the bytes that leave room for the ellipsis */
	while (i < n) {
		uint32_t cp;
		size_t len = hl_utf8_decode(p + i, n - i, &cp);
		int cw = len ? hl_cp_width(cp) : 1;
		if (!len)
			len = 1;
		if (w + (size_t)cw + 1 <= width)
			fit = i + len;
		w += (size_t)cw;
		i += len;
	}
	if (w <= width)
		hl_buf_add(b, (const char *)p, n);
	else if (width)
		hl_buf_add(b, (const char *)p, fit), hl_buf_adds(b, "\xe2\x80\xa6");
	hl_buf_free(&v);
}

/* ---- matching words (the tickets' search) ---- */

int hl_glob_match(const char *pat, const char *s)
{
	const char *star = NULL, *retry = NULL;
	while (*s) {
		if (*pat == '*') {
			star = ++pat, retry = s;
			continue;
		}
		size_t n = 1;
		uint32_t cp;
		if ((unsigned char)*s >= 0x80 && !(n = hl_utf8_decode((const unsigned char *)s, strlen(s), &cp)))
			n = 1;
		if (*pat == '?') {
			pat++, s += n;
			continue;
		}
		if (*pat && *pat == *s) {
			pat++, s++;
			continue;
		}
		if (!star)
			return 0;
		/* the star takes one more character */
		pat = star;
		n = 1;
		if ((unsigned char)*retry >= 0x80 &&
		    !(n = hl_utf8_decode((const unsigned char *)retry, strlen(retry), &cp)))
			n = 1;
		s = retry += n;
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int hl_text_has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!hay)
		return 0;
	for (const char *p = hay; *p; p++) {
		size_t i = 0;
		while (i < n && p[i] && lower((unsigned char)p[i]) == lower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return !n;
}

void hl_text_key(const char *s, struct hl_buf *out)
{
	while (s && *s) {
		char c = *s;
		int n = hl_fullwidth_ascii(s, &c);
		const unsigned char *p = (const unsigned char *)s;
		if (!n && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
			n = 3, c = ' ';
		s += n ? n : 1;
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			continue;
		hl_buf_addc(out, (char)lower((unsigned char)c));
	}
	hl_buf_str(out);
}
