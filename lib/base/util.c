/* util.c - allocation, dynamic strings, errors into a buffer, parsing
 * numbers, hashing */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "hl/util.h"

const char *hl_progname = "hl";

static void oom(void)
{
	fprintf(stderr, "%s: out of memory\n", hl_progname);
	exit(HL_EXIT_ERROR);
}

void *hl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *hl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *hl_xcalloc_lines(size_t size)
{
	size = (size + 63) & ~(size_t)63;
	void *p = aligned_alloc(64, size);
	if (!p)
		oom();
	return memset(p, 0, size);
}

void *hl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

void *hl_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return hl_xrealloc(p, n * size);
}

char *hl_xstrdup(const char *s)
{
	return hl_xstrndup(s, strlen(s));
}

char *hl_xstrdup_opt(const char *s)
{
	return s ? hl_xstrdup(s) : NULL;
}

char *hl_xstrndup(const char *s, size_t n)
{
	char *p = hl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void hl_buf_reserve(struct hl_buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		oom();
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->s = hl_xrealloc(b->s, cap);
	b->cap = cap;
}

void hl_buf_add(struct hl_buf *b, const void *p, size_t n)
{
	hl_buf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void hl_buf_add_number(struct hl_buf *b, unsigned long long v, int width)
{
	char digits[24]; /* 2^64 has 20 */
	int n = 0;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (; width > n; width--)
		hl_buf_addc(b, '0');
	while (n)
		hl_buf_addc(b, digits[--n]);
}

void hl_buf_adds(struct hl_buf *b, const char *s)
{
	hl_buf_add(b, s, strlen(s));
}

void hl_buf_vprintf(struct hl_buf *b, const char *fmt, va_list ap)
{
	/* into the room there is; formatted again only when it did not fit */
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	if ((size_t)n >= room) {
		hl_buf_reserve(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void hl_buf_printf(struct hl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void hl_buf_clear(struct hl_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void hl_buf_free(struct hl_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *hl_buf_str(const struct hl_buf *b)
{
	return b->s ? b->s : "";
}

int hl_fail(struct hl_buf *err, const char *fmt, ...)
{
	if (!err)
		return -1;
	va_list ap;
	hl_buf_clear(err);
	va_start(ap, fmt);
	hl_buf_vprintf(err, fmt, ap);
	va_end(ap);
	return -1;
}

int hl_streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

int hl_strcaseeq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

int hl_parse_llong(const char *s, long long min, long long max, long long *out)
{
	/* by hand, not strtoll: no space or plus sign before it, no locale,
	 * a few instructions a digit (a journal's numbers, a state cache's) */
	int neg = *s == '-';
	const char *p = s + neg;
	unsigned long long v = 0, limit = (unsigned long long)LLONG_MAX + (unsigned)neg;
	if (!*p)
		return -1;
	/* 18 digits cannot overflow: no division for them (loading a state
	 * cache of 2,964 tickets spent 22 % of its instructions here) */
	for (int k = 0; *p && k < 18; p++, k++) {
		unsigned d = (unsigned)(unsigned char)*p - '0';
		if (d > 9)
			return -1;
		v = v * 10 + d;
	}
	for (; *p; p++) {
		unsigned d = (unsigned)(unsigned char)*p - '0';
		if (d > 9 || v > (limit - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	long long x = neg ? (long long)(0 - v) : (long long)v;
	if (x < min || x > max)
		return -1;
	*out = x;
	return 0;
}

int hl_parse_long(const char *s, long min, long max, long *out)
{
	long long v;
	if (hl_parse_llong(s, min, max, &v))
		return -1;
	*out = (long)v;
	return 0;
}

uint64_t hl_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

/* n bytes mixed eight at a time, then the rest with the length: what
 * the checksum and the tables' hash share. */
static uint64_t mix8(const unsigned char *b, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, b, n);
	return (h ^ w) * 0x94d049bb133111ebULL;
}

uint64_t hl_sum64(const void *p, size_t n)
{
	/* (FNV's byte at a time was most of the checks of a state cache) */
	uint64_t h = mix8(p, n);
	return h ^ h >> 32;
}

size_t hl_hash_str(const char *s)
{
	/* ids, phones and names are short; the end mixed again so that keys
	 * alike (phone numbers) spread over the low bits the tables index by */
	uint64_t h = mix8((const unsigned char *)s, strlen(s));
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return (size_t)h;
}
