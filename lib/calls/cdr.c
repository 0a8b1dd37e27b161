/* cdr.c - a CSV export of call detail records into finished calls */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "calls/cdr.h"
#include "hl/phone.h"
#include "io/reader.h"

/* Up to `most` digits at *p as a number; -1 when there are none. */
static long digits(const char **p, int most)
{
	long v = 0;
	int n = 0;
	while (n < most && isdigit((unsigned char)**p))
		v = v * 10 + (*(*p)++ - '0'), n++;
	return n ? v : -1;
}

/* A value the export had, echoed masked if it is a phone number (a
 * mapping that names the wrong column). */
__attribute__((format(printf, 2, 0)))
static int bad_value(struct hl_buf *err, const char *fmt, const char *col, const char *s)
{
	struct hl_buf shown = {0};
	hl_fail(err, fmt, col, hl_shown(s, &shown));
	hl_buf_free(&shown);
	return -1;
}

/* "2026-11-03 09:14:05", "2026/11/3 9:14", with T or an offset too, or
 * epoch seconds: rewritten for hl_time_parse_user (local zone). */
static int cdr_time(const char *s, int64_t *out, struct hl_buf *err)
{
	const char *p = s;
	size_t n = strspn(s, "0123456789");
	if (!s[n] && n >= 9 && n <= 11) {
		long long t = atoll(s); /* epoch seconds, up to the year 9999 */
		if (t < 253402300800LL) {
			*out = t;
			return 0;
		}
	}
	long y = digits(&p, 4), mo, d, h = 0, mi = 0, sec = 0;
	if (y < 1970 || (*p != '-' && *p != '/') || (p++, (mo = digits(&p, 2)) < 1) ||
	    (*p != '-' && *p != '/') || (p++, (d = digits(&p, 2)) < 1))
		return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", "time", s);
	if (*p == ' ' || *p == 'T') {
		p++;
		if ((h = digits(&p, 2)) < 0 || *p++ != ':' || (mi = digits(&p, 2)) < 0)
			return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", "time", s);
		if (*p == ':' && (p++, (sec = digits(&p, 2)) < 0))
			return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", "time", s);
		/* an export's milliseconds: calls are counted in whole
		 * seconds, the fraction is dropped (hl-log(1)) */
		if ((*p == '.' || *p == ',') && isdigit((unsigned char)p[1]))
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	struct hl_buf iso = {0};
	struct hl_time t;
	hl_buf_printf(&iso, "%04ld-%02ld-%02ldT%02ld:%02ld:%02ld%s", y, mo, d, h, mi, sec, p);
	int rc = hl_time_parse_user(iso.s, 0, &t, err);
	hl_buf_free(&iso);
	if (rc)
		return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", "time", s);
	*out = t.t;
	return 0;
}

/* "95", "1:35", "00:01:35" in seconds. */
static int cdr_seconds(const char *s, const char *col, long *out, struct hl_buf *err)
{
	const char *p = s;
	long parts[3], n = 0, v = 0;
	while (n < 3) {
		if ((parts[n++] = digits(&p, 6)) < 0)
			break;
		if (*p != ':')
			break;
		p++;
	}
	if (*p || parts[n - 1] < 0)
		return bad_value(err, "bad %s '%s' (want seconds, M:SS or H:MM:SS)", col, s);
	for (long i = 0; i < n; i++)
		v = v * 60 + parts[i];
	if (v > 86400)
		return bad_value(err, "bad %s '%s' (more than a day)", col, s);
	*out = v;
	return 0;
}

static const char *field(const struct hl_record *r, const char *col)
{
	const char *v = col ? hl_record_get(r, col) : NULL;
	return v && *v ? v : NULL;
}

static int answered(const struct hl_cdr_map *m, const char *result, long talk)
{
	if (!m->result)
		return talk > 0;
	for (size_t i = 0; result && i < m->nanswered; i++)
		if (hl_streq(result, m->answered[i]))
			return 1;
	return 0;
}

static int one_record(const struct hl_record *r, const struct hl_cdr_map *m, struct hl_callset *s,
		      struct hl_buf *err)
{
	struct hl_call c = {0};
	const char *v;
	c.wait = c.talk = 0;
	if (!(c.id = (char *)field(r, m->id)))
		return hl_fail(err, "no call id in column '%s'", m->id);
	if (!(v = field(r, m->time)))
		return hl_fail(err, "no time in column '%s'", m->time);
	if (cdr_time(v, &c.start, err))
		return -1;
	if ((v = field(r, m->wait)) && cdr_seconds(v, m->wait, &c.wait, err))
		return -1;
	if ((v = field(r, m->talk)) && cdr_seconds(v, m->talk, &c.talk, err))
		return -1;
	c.outcome = answered(m, field(r, m->result), c.talk) ? HL_OUT_ANSWERED : HL_OUT_ABANDONED;
	if (c.outcome != HL_OUT_ANSWERED)
		c.talk = -1;
	c.queue = (char *)field(r, m->queue);
	c.agent = (char *)field(r, m->agent);
	c.callerid = (char *)field(r, m->caller);
	c.line = r->line;
	hl_callset_add(s, &c);
	return 0;
}

/* Every mapped column must be in the export's header. */
static int check_columns(struct hl_reader *rd, const struct hl_cdr_map *m, struct hl_buf *err)
{
	size_t n;
	const char *const *cols = hl_reader_columns(rd, &n);
	const char *want[] = {m->id, m->time, m->caller, m->agent, m->queue, m->wait, m->talk, m->result};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		size_t k = 0;
		while (want[i] && k < n && !hl_streq(cols[k], want[i]))
			k++;
		if (want[i] && k == n)
			return hl_fail(err, "%s: no column '%s' (the calls section's cdr mapping names it)",
				       hl_reader_name(rd), want[i]);
	}
	return 0;
}

int hl_cdr_read(const char *path, const struct hl_telephony *t, struct hl_callset *s,
		struct hl_buf *err)
{
	const struct hl_cdr_map *m = &t->cdr;
	if (!m->id)
		return hl_fail(err, "no cdr columns in the configuration (calls: cdr: id:, time:, ...)");
	struct hl_reader *rd = hl_reader_open(path, HL_READ_FOREIGN, err);
	if (!rd)
		return -1;
	struct hl_record rec = {0};
	struct hl_buf e = {0};
	int rc, checked = 0;
	while ((rc = hl_reader_next(rd, &rec, err)) == HL_READ_RECORD) {
		if (!checked++ && check_columns(rd, m, err))
			break;
		if (one_record(&rec, m, s, &e)) {
			hl_fail(err, "%s:%ld: %s", hl_reader_name(rd), rec.line, e.s);
			break;
		}
	}
	if (rc == HL_READ_EOF && !checked && check_columns(rd, m, err))
		rc = -1;
	rc = rc == HL_READ_EOF ? 0 : -1;
	hl_record_free(&rec);
	hl_buf_free(&e);
	hl_reader_close(rd);
	return rc;
}
