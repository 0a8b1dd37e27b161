/* phone.c - a phone number as callers, operators and phone systems write
 * it, made the digits to dial: 138-0013-8000, (010) 6552 1234, a URI
 * (tel:+86-137..., sip:137...@pbx), digits typed in fullwidth by a Chinese
 * input method (１３７...) */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "hl/phone.h"

static int ideographic_space(const unsigned char *p)
{
	return p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
}

static char country[8] = "86";

void hl_phone_set_country(const char *cc)
{
	snprintf(country, sizeof country, "%s", cc ? cc : "");
}

/* Mainland China: 1[3-9] and nine digits more. */
static int cn_mobile(const char *d, size_t n)
{
	return n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/* The digits dialled (a leading + kept) made one form for one line:
 * the country's own code (+86, 0086) dropped, a trunk 0 before a mobile
 * number dropped, a landline's area code kept with its trunk 0; another
 * country's number as +CC... */
static void canonical(char *d, size_t *len)
{
	size_t cl = strlen(country);
	size_t n = *len, skip = 0;
	int intl = 0;
	if (!cl)
		return;
	if (d[0] == '+')
		skip = 1, intl = 1;
	else if (n > 2 && d[0] == '0' && d[1] == '0')
		skip = 2, intl = 1;
	if (intl && !(n - skip > cl && !strncmp(d + skip, country, cl))) {
		if (skip == 2) { /* 0044...: +44... */
			memmove(d + 1, d + 2, n - 1);
			d[0] = '+';
			*len = n - 1;
		}
		return;
	}
	if (intl) {
		size_t from = skip + cl;
		int mobile = hl_streq(country, "86") && cn_mobile(d + from, n - from);
		if (!mobile && d[from] != '0') { /* a landline: its area code after the trunk 0 */
			memmove(d + 1, d + from, n - from + 1);
			d[0] = '0';
			*len = n - from + 1;
			return;
		}
		/* 0086 0139...: a trunk 0 dialled after the code, dropped below */
		memmove(d, d + from, n - from + 1);
		*len = n = n - from;
	}
	if (hl_streq(country, "86") && d[0] == '0' && cn_mobile(d + 1, n - 1)) {
		memmove(d, d + 1, n);
		*len = n - 1;
	}
}

/* canonical() until it changes nothing (each change shortens the
 * number), stopping short of a form under 3 digits: "000" stays "000",
 * not "+0". So a stored number normalizes to itself. */
static void settle(struct hl_buf *b)
{
	char d[32]; /* 20 digits and a + at most, checked by the caller */
	size_t n = b->len;
	memcpy(d, b->s, n + 1);
	for (;;) {
		char next[32];
		size_t m = n;
		memcpy(next, d, n + 1);
		canonical(next, &m);
		if (m == n || m - (next[0] == '+') < 3)
			break;
		memcpy(d, next, m + 1);
		n = m;
	}
	hl_buf_clear(b);
	hl_buf_add(b, d, n);
}

int hl_phone_normalize(const char *in, struct hl_buf *out, struct hl_buf *err)
{
	static const char *const schemes[] = {"tel:", "sip:", "sips:"};
	const unsigned char *p = (const unsigned char *)in, *end = p + strlen(in);
	size_t ndigits = 0;
	int plus = 0, uri = 0;
	if (out)
		hl_buf_clear(out);
	while (p < end && (*p == ' ' || ideographic_space(p)))
		p += *p == ' ' ? 1 : 3;
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (!strncasecmp((const char *)p, schemes[i], strlen(schemes[i]))) {
			p += strlen(schemes[i]);
			uri = 1;
			break;
		}
	/* user@host: the number is the user part; a URI's ;parameters go */
	const unsigned char *at = memchr(p, '@', (size_t)(end - p));
	if (at)
		end = at;
	const unsigned char *semi = uri ? memchr(p, ';', (size_t)(end - p)) : NULL;
	if (semi)
		end = semi;
	while (p < end) {
		char c = (char)*p;
		int n = hl_fullwidth_ascii((const char *)p, &c);
		if (!n)
			n = ideographic_space(p) ? (c = ' ', 3) : 1;
		p += n;
		if (isdigit((unsigned char)c)) {
			if (out)
				hl_buf_addc(out, c);
			ndigits++;
		} else if (c == '+' && !ndigits && !plus) {
			if (out)
				hl_buf_addc(out, '+');
			plus = 1;
		} else if (!strchr(" -.()", c) || !c) {
			return hl_fail(err, "bad phone number (only digits, a leading +, spaces, dashes, dots "
					    "and parentheses)");
		}
	}
	if (ndigits < 3 || ndigits > 20)
		return hl_fail(err, "bad phone number (want 3 to 20 digits)");
	if (out)
		settle(out);
	return 0;
}

/* 2026-11-03, 2026/11/3, 2026.11.03: digits and dashes like a phone's */
static int date_like(const char *s)
{
	int groups = 0, digits = 0;
	if (!((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
		return 0;
	for (const char *p = s;; p++) {
		if (isdigit((unsigned char)*p)) {
			digits++;
			continue;
		}
		if (!digits || (groups == 0 && digits != 4) || (groups > 0 && digits > 2))
			return 0;
		groups++, digits = 0;
		if (!*p)
			return groups == 3;
		if (!strchr("-/.", *p) || groups == 3)
			return 0;
	}
}

const char *hl_shown(const char *s, struct hl_buf *tmp)
{
	struct hl_buf digits = {0};
	hl_buf_clear(tmp);
	if (!s || hl_phone_normalize(s, &digits, NULL) || date_like(s)) {
		hl_buf_free(&digits);
		return s;
	}
	const char *d = digits.s + (digits.s[0] == '+');
	if (strlen(d) < 7) {
		hl_buf_free(&digits);
		return s;
	}
	hl_mask_phone(digits.s, tmp);
	hl_buf_free(&digits);
	return hl_buf_str(tmp);
}

void hl_mask_phone(const char *phone, struct hl_buf *out)
{
	size_t n = strlen(phone), keep_head = n >= 7 ? 3 : 0, keep_tail = n >= 7 ? 4 : 2;
	for (size_t i = 0; i < n; i++)
		hl_buf_addc(out, i < keep_head || i + keep_tail >= n ? phone[i] : '*');
}
