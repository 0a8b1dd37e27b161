/* time.c - ISO 8601 instants and durations, without mktime's global state
 * wherever the offset is written out */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hl/phone.h"
#include "hl/time.h"

/* A message echoing what was typed: a phone number typed in the wrong
 * place is masked. */
__attribute__((format(printf, 2, 0)))
static int fail_word(struct hl_buf *err, const char *fmt, const char *s)
{
	struct hl_buf shown = {0};
	if (!err)
		return -1;
	hl_fail(err, fmt, hl_shown(s, &shown));
	hl_buf_free(&shown);
	return -1;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no tables, no time zone. */
int64_t hl_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void hl_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((int64_t)yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

int hl_days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int expect(const char **p, char c)
{
	if (**p != c)
		return -1;
	(*p)++;
	return 0;
}

struct civil {
	int y, mo, d, h, mi, s;
	int frac;   /* a fraction of a second was written */
};

/* The date and clock part; leaves *p after the seconds (or minutes). */
static int parse_civil(const char **p, struct civil *c)
{
	c->s = 0;
	c->frac = 0;
	if (digits(p, 4, &c->y) || expect(p, '-') || digits(p, 2, &c->mo) ||
	    expect(p, '-') || digits(p, 2, &c->d))
		return -1;
	if (**p != 'T' && **p != ' ')
		return -1;
	(*p)++;
	if (digits(p, 2, &c->h) || expect(p, ':') || digits(p, 2, &c->mi))
		return -1;
	if (**p == ':') {
		(*p)++;
		if (digits(p, 2, &c->s))
			return -1;
		if (**p == '.' || **p == ',') {
			(*p)++;
			if (!isdigit((unsigned char)**p))
				return -1;
			while (isdigit((unsigned char)**p))
				(*p)++;
			c->frac = 1;
		}
	}
	return 0;
}

static int check_civil(const struct civil *c, const char *s, struct hl_buf *err)
{
	if (c->y < 1970 || c->mo < 1 || c->mo > 12 || c->d < 1 ||
	    c->d > hl_days_in_month(c->y, c->mo) || c->h > 23 || c->mi > 59 ||
	    c->s > 60)
		return fail_word(err, "impossible date or time '%s'", s);
	/* Neither can be kept: a record's time is whole POSIX seconds, and
	 * dropping either without a word would move it */
	if (c->s == 60)
		return fail_word(err, "leap second in '%s' (hl counts POSIX seconds: write :59)", s);
	if (c->frac)
		return fail_word(err, "fractional seconds in '%s' (hl keeps whole seconds: drop the fraction)", s);
	return 0;
}

static int64_t civil_seconds(const struct civil *c)
{
	return hl_days_from_civil(c->y, (unsigned)c->mo, (unsigned)c->d) * 86400 +
	       c->h * 3600 + c->mi * 60 + c->s;
}

/* Z, +HH:MM, +HHMM, +HH; returns 1 if there is none, -1 if malformed. */
static int parse_offset(const char **p, int *off)
{
	int sign, h, m = 0;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		*off = 0;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return **p ? -1 : 1;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (digits(p, 2, &h))
		return -1;
	if (**p == ':')
		(*p)++;
	if (**p && digits(p, 2, &m))
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 60 + m);
	return 0;
}

/* The two digits at p as a number, -1 when they are not two digits. */
static inline int two_digits(const char *p)
{
	unsigned a = (unsigned)(unsigned char)p[0] - '0', b = (unsigned)(unsigned char)p[1] - '0';
	return a <= 9 && b <= 9 ? (int)(a * 10 + b) : -1;
}

/* The form every journal record has, 2026-11-03T09:14:00+08:00, read by
 * position: 0 when read, 1 for any other form or an impossible value
 * (the general parser then says what is wrong). The day's number is kept
 * from the time before: records come in order, most share their day. */
static int parse_canonical(const char *s, struct hl_time *out)
{
	static _Thread_local uint64_t day_text_head;
	static _Thread_local uint16_t day_text_tail;
	static _Thread_local int64_t day_number;
	if (strnlen(s, 26) != 25)
		return 1;
	/* 26 bytes to read from here: each check without a branch of its own */
	int bad = (s[4] != '-') | (s[7] != '-') | (s[10] != 'T') | (s[13] != ':') | (s[16] != ':') |
		  ((s[19] != '+') & (s[19] != '-')) | (s[22] != ':');
	int h = two_digits(s + 11), mi = two_digits(s + 14), sec = two_digits(s + 17);
	int oh = two_digits(s + 20), om = two_digits(s + 23);
	if (bad | ((h | mi | sec | oh | om) < 0) | (h > 23) | (mi > 59) | (sec > 59) | (oh > 23) | (om > 59))
		return 1;
	uint64_t head;
	uint16_t tail;
	memcpy(&head, s, sizeof head);
	memcpy(&tail, s + 8, sizeof tail);
	if (head != day_text_head || tail != day_text_tail) { /* never 0: digits */
		int yh = two_digits(s), yl = two_digits(s + 2), mo = two_digits(s + 5), d = two_digits(s + 8);
		int y = yh * 100 + yl;
		if ((yh | yl | mo | d) < 0 || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > hl_days_in_month(y, mo))
			return 1;
		day_number = hl_days_from_civil(y, (unsigned)mo, (unsigned)d);
		day_text_head = head, day_text_tail = tail;
	}
	int off = (s[19] == '-' ? -1 : 1) * (oh * 60 + om);
	out->t = day_number * 86400 + h * 3600 + mi * 60 + sec - (int64_t)off * 60;
	out->off = off;
	return 0;
}

int hl_time_parse(const char *s, struct hl_time *out, struct hl_buf *err)
{
	if (parse_canonical(s, out) == 0)
		return 0;
	const char *p = s;
	struct civil c = {0};
	int off;
	if (parse_civil(&p, &c))
		return fail_word(err, "bad time '%s' (want 2026-11-03T09:14:00+08:00)", s);
	int r = parse_offset(&p, &off);
	if (r == 1)
		return fail_word(err, "time '%s' has no UTC offset (want e.g. +08:00)", s);
	if (r < 0 || *p)
		return fail_word(err, "bad time '%s' (want 2026-11-03T09:14:00+08:00)", s);
	if (check_civil(&c, s, err))
		return -1;
	out->t = civil_seconds(&c) - (int64_t)off * 60;
	out->off = off;
	return 0;
}

struct hl_time hl_time_local(int64_t t)
{
	struct hl_time r = {t, 0};
	time_t tt = (time_t)t;
	struct tm tm;
	if (localtime_r(&tt, &tm))
		r.off = (int)(tm.tm_gmtoff / 60);
	return r;
}

/* A civil time in the local zone; the offset in force at that moment. */
static int local_to_time(const struct civil *c, struct hl_time *out)
{
	struct tm tm = {0};
	tm.tm_year = c->y - 1900;
	tm.tm_mon = c->mo - 1;
	tm.tm_mday = c->d;
	tm.tm_hour = c->h;
	tm.tm_min = c->mi;
	tm.tm_sec = c->s;
	tm.tm_isdst = -1;
	errno = 0;
	time_t t = mktime(&tm);
	if (t == (time_t)-1 && errno)
		return -1;
	*out = hl_time_local((int64_t)t);
	return 0;
}

int hl_time_parse_user(const char *s, int64_t now, struct hl_time *out,
		       struct hl_buf *err)
{
	const char *p = s;
	struct civil c = {0};
	int off;
	if (strlen(s) == 5 && s[2] == ':') {
		/* "09:14": today in the local zone */
		struct hl_time today = hl_time_local(now);
		hl_time_fields(today, &c.y, &c.mo, &c.d, &c.h, &c.mi, &c.s);
		c.s = 0;
		if (digits(&p, 2, &c.h) || expect(&p, ':') || digits(&p, 2, &c.mi))
			return fail_word(err, "bad time '%s'", s);
	} else if (parse_civil(&p, &c)) {
		return fail_word(err, "bad time '%s' (want 2026-11-03T09:14:00+08:00, "
				    "2026-11-03 09:14 or 09:14)", s);
	}
	int r = parse_offset(&p, &off);
	if (r < 0 || *p)
		return fail_word(err, "bad time '%s'", s);
	if (check_civil(&c, s, err))
		return -1;
	if (r == 0) {
		out->t = civil_seconds(&c) - (int64_t)off * 60;
		out->off = off;
		return 0;
	}
	if (local_to_time(&c, out))
		return fail_word(err, "time '%s' does not exist in the local zone", s);
	return 0;
}

void hl_time_fields(struct hl_time t, int *year, int *mon, int *day,
		    int *hour, int *min, int *sec)
{
	int64_t local = t.t + (int64_t)t.off * 60;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t rem = local - days * 86400;
	hl_civil_from_days(days, year, mon, day);
	*hour = (int)(rem / 3600);
	*min = (int)(rem / 60 % 60);
	*sec = (int)(rem % 60);
}

void hl_time_format(struct hl_time t, struct hl_buf *out)
{
	int y, mo, d, h, mi, s;
	hl_time_fields(t, &y, &mo, &d, &h, &mi, &s);
	int off = t.off < 0 ? -t.off : t.off;
	if (y < 0 || y > 9999) { /* never in a journal; printf says it as it is */
		hl_buf_printf(out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d,
			      h, mi, s, t.off < 0 ? '-' : '+', off / 60, off % 60);
		return;
	}
	/* by hand: every record written formats one or two of these */
	char b[25] = "0000-00-00T00:00:00+00:00";
	int two[] = {mo, d, h, mi, s, off / 60 % 100, off % 60};
	int at[] = {5, 8, 11, 14, 17, 20, 23};
	b[0] = (char)('0' + y / 1000), b[1] = (char)('0' + y / 100 % 10);
	b[2] = (char)('0' + y / 10 % 10), b[3] = (char)('0' + y % 10);
	for (int i = 0; i < 7; i++)
		b[at[i]] = (char)('0' + two[i] / 10), b[at[i] + 1] = (char)('0' + two[i] % 10);
	b[19] = t.off < 0 ? '-' : '+';
	hl_buf_add(out, b, sizeof b);
}

int hl_time_now(struct hl_time *out, struct hl_buf *err)
{
	const char *env = getenv("HL_NOW");
	if (env && *env) {
		if (hl_time_parse_user(env, (int64_t)time(NULL), out, err) < 0) {
			struct hl_buf msg = {0};
			hl_buf_printf(&msg, "HL_NOW: %s", hl_buf_str(err));
			hl_fail(err, "%s", msg.s);
			hl_buf_free(&msg);
			return -1;
		}
		return 0;
	}
	*out = hl_time_local((int64_t)time(NULL));
	return 0;
}

/* Durations: a run of NUMBER UNIT terms. Ten years is far more than any
 * deadline; the cap keeps arithmetic on deadlines far from overflow. */
#define DUR_MAX_SECONDS (3660LL * 86400)

static int unit_scale(const char *u, size_t n, enum hl_dur_unit *unit,
		      int64_t *scale)
{
	static const struct {
		const char *name;
		enum hl_dur_unit unit;
		int64_t scale;
	} units[] = {
		{"s", HL_DUR_CLOCK, 1},      {"m", HL_DUR_CLOCK, 60},
		{"h", HL_DUR_CLOCK, 3600},   {"d", HL_DUR_CLOCK, 86400},
		{"w", HL_DUR_CLOCK, 604800}, {"bm", HL_DUR_BMIN, 1},
		{"bh", HL_DUR_BMIN, 60},     {"bd", HL_DUR_BDAY, 1},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strlen(units[i].name) == n && !memcmp(units[i].name, u, n)) {
			*unit = units[i].unit;
			*scale = units[i].scale;
			return 0;
		}
	}
	return -1;
}

int hl_duration_parse(const char *s, struct hl_duration *d, struct hl_buf *err)
{
	const char *p = s;
	int64_t total = 0;
	int have_unit = 0;
	enum hl_dur_unit kind = HL_DUR_CLOCK;
	if (*p == '-')
		return fail_word(err, "negative duration '%s'", s);
	if (!*p)
		return hl_fail(err, "empty duration");
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return fail_word(err, "bad duration '%s' (want e.g. 30m, 24h, 8bh, 2bd)", s);
		int64_t n = 0;
		while (isdigit((unsigned char)*p)) {
			n = n * 10 + (*p++ - '0');
			if (n > DUR_MAX_SECONDS)
				return fail_word(err, "duration '%s' is too long", s);
		}
		const char *u = p;
		while (*p && isalpha((unsigned char)*p))
			p++;
		enum hl_dur_unit unit;
		int64_t scale;
		if (unit_scale(u, (size_t)(p - u), &unit, &scale))
			return fail_word(err, "bad duration '%s' (units: s m h d w, business bm bh bd)", s);
		if (have_unit && (unit != kind || unit == HL_DUR_BDAY))
			return fail_word(err, "duration '%s' mixes units that cannot be added", s);
		kind = unit;
		have_unit = 1;
		total += n * scale;
		if (total > DUR_MAX_SECONDS)
			return fail_word(err, "duration '%s' is too long", s);
	}
	d->unit = kind;
	d->amount = total;
	return 0;
}

void hl_duration_format(struct hl_duration d, struct hl_buf *out)
{
	int64_t a = d.amount;
	if (d.unit == HL_DUR_BDAY) {
		hl_buf_printf(out, "%" PRId64 "bd", a);
		return;
	}
	if (d.unit == HL_DUR_BMIN) {
		if (a % 60 == 0)
			hl_buf_printf(out, "%" PRId64 "bh", a / 60);
		else if (a > 60)
			hl_buf_printf(out, "%" PRId64 "bh%" PRId64 "bm", a / 60, a % 60);
		else
			hl_buf_printf(out, "%" PRId64 "bm", a);
		return;
	}
	if (a == 0) {
		hl_buf_adds(out, "0m");
		return;
	}
	static const struct {
		char unit;
		int64_t secs;
	} parts[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
	for (size_t i = 0; i < 4; i++) {
		if (a >= parts[i].secs) {
			hl_buf_printf(out, "%" PRId64 "%c", a / parts[i].secs, parts[i].unit);
			a %= parts[i].secs;
		}
	}
}

void hl_span_format(int64_t s, struct hl_buf *out)
{
	int64_t m = (s < 0 ? -s : s) / 60;
	if (s < 0)
		hl_buf_addc(out, '-');
	if (m >= 1440)
		hl_buf_printf(out, "%lldd", (long long)(m / 1440));
	if (m >= 60 && m % 1440 / 60)
		hl_buf_printf(out, "%lldh", (long long)(m % 1440 / 60));
	if (m % 60 || m == 0)
		hl_buf_printf(out, "%lldm", (long long)(m % 60));
}
