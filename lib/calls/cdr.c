/* cdr.c - a CSV export of call detail records into finished calls */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "calls/cdr.h"
#include "hl/phone.h"
#include "base/utf8.h"
#include "hl/strmap.h"
#include "io/csvin.h"

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

/* The hour of the last local time read: the calls of a file come an
 * hour at a time, and turning a local time into seconds costs more than
 * the rest of a call. Kept only for an hour the zone's offset does not
 * change in. */
struct hour_cache {
	long y, mo, d, h;
	int64_t base;     /* h:00:00 in epoch seconds */
	int uniform;
};

static int local_time(long y, long mo, long d, long h, long mi, long sec, int64_t *out,
		      struct hl_buf *err)
{
	struct hl_buf iso = {0};
	struct hl_time t = {0};
	hl_buf_printf(&iso, "%04ld-%02ld-%02ldT%02ld:%02ld:%02ld", y, mo, d, h, mi, sec);
	int rc = hl_time_parse_user(iso.s, 0, &t, err);
	hl_buf_free(&iso);
	*out = t.t;
	return rc;
}

/* "2026-11-03 09:14:05", "2026/11/3 9:14", with T or an offset too, or
 * epoch seconds: rewritten for hl_time_parse_user (local zone). */
static int cdr_time(const char *s, const char *col, struct hour_cache *hc, int64_t *out,
		    struct hl_buf *err)
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
		return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", col, s);
	if (*p == ' ' || *p == 'T') {
		p++;
		if ((h = digits(&p, 2)) < 0 || *p++ != ':' || (mi = digits(&p, 2)) < 0)
			return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", col, s);
		if (*p == ':' && (p++, (sec = digits(&p, 2)) < 0))
			return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", col, s);
		/* an export's milliseconds: calls are counted in whole
		 * seconds, the fraction is dropped (hl-log(1)) */
		if ((*p == '.' || *p == ',') && isdigit((unsigned char)p[1]))
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	if (!*p && hc && mi < 60 && sec < 60) {
		if (!hc->uniform || hc->y != y || hc->mo != mo || hc->d != d || hc->h != h) {
			int64_t end;
			hc->uniform = 0;
			if (local_time(y, mo, d, h, 0, 0, &hc->base, err) ||
			    local_time(y, mo, d, h, 59, 59, &end, err))
				return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", col, s);
			hc->y = y, hc->mo = mo, hc->d = d, hc->h = h;
			hc->uniform = end - hc->base == 3599;
		}
		if (hc->uniform) {
			*out = hc->base + mi * 60 + sec;
			return 0;
		}
	}
	struct hl_buf iso = {0};
	struct hl_time t;
	hl_buf_printf(&iso, "%04ld-%02ld-%02ldT%02ld:%02ld:%02ld%s", y, mo, d, h, mi, sec, p);
	int rc = hl_time_parse_user(iso.s, 0, &t, err);
	hl_buf_free(&iso);
	if (rc)
		return bad_value(err, "bad %s '%s' (want 2026-11-03 09:14:05)", col, s);
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

/* The legs of one call, merged as they come. */
struct merged {
	char *id, *callerid, *agent, *queue, *rang;
	int64_t start, end;    /* the earliest start, the latest end */
	int64_t rung;          /* an unanswered leg's start + ring: the longest, -1 none known */
	int64_t answered_at;   /* the answering leg's start + wait; -1 unknown */
	long talk;
	int answered, wait_unknown;
	long line;
};

struct cdr {
	const struct hl_telephony *t;
	const struct hl_cdr_map *m;
	int pos[HL_CDR_NCOLS];      /* the field of each column, -1 none */
	int positional;             /* the mapping gives positions */
	struct hl_internal internal;
	struct merged *v;
	size_t n, cap;
	struct hl_strmap groups;    /* leg key -> index + 1 of its call */
	struct hl_buf tmp;
	struct hour_cache hour;
	long left_out;              /* outbound and internal calls */
};

/* "10" or "$10": the 0-based field; -1 for a name. */
static int position(const char *col)
{
	const char *p = col + (*col == '$');
	long v;
	if (!*p || strspn(p, "0123456789") != strlen(p) || hl_parse_long(p, 1, 1000, &v))
		return -1;
	return (int)v - 1;
}

static int resolve(struct cdr *d, const struct hl_csvrow *hdr, const char *name, struct hl_buf *err)
{
	const struct hl_cdr_map *m = d->m;
	for (size_t i = 0; hdr && i < hdr->n; i++)
		if (!hl_utf8_valid(hdr->f[i], hdr->len[i], NULL))
			return hl_fail(err, "%s:%ld: column names are not UTF-8 (a GBK export? "
					    "--encoding gb18030 reads it)", name, hdr->line);
	for (int c = 0; c < HL_CDR_NCOLS; c++) {
		d->pos[c] = -1;
		if (!m->col[c])
			continue;
		if ((d->pos[c] = position(m->col[c])) >= 0)
			continue;
		for (size_t i = 0; hdr && i < hdr->n && d->pos[c] < 0; i++)
			if (hl_streq(hdr->f[i], m->col[c]))
				d->pos[c] = (int)i;
		if (d->pos[c] < 0)
			return hl_fail(err, "%s: no column '%s' (the calls section's cdr mapping names it)", name,
				       m->col[c]);
	}
	return 0;
}

/* A mapped column's value: NULL when empty. Checked as text: bad bytes
 * there are an error, in a column nobody mapped they do not matter. */
static int value(struct cdr *d, const struct hl_csvrow *row, int c, const char *name, const char **out,
		 struct hl_buf *err)
{
	int at = d->pos[c];
	*out = NULL;
	if (at < 0)
		return 0;
	if ((size_t)at >= row->n) {
		if (c == HL_CDR_LINK)
			return 0; /* an older export without it: the id groups */
		return hl_fail(err, "%s:%ld: %zu fields, the cdr mapping wants column %d (%s)", name, row->line,
			       row->n, at + 1, hl_cdr_keys[c]);
	}
	const char *v = row->f[at];
	size_t len = row->len[at];
	if (len > HL_MAX_FIELD || !hl_text_clean(v, len) || memchr(v, '\0', len)) {
		size_t bad = 0;
		int utf8 = hl_utf8_valid(v, len, &bad);
		const char *what = len > HL_MAX_FIELD ? "a value longer than 64 KB"
				   : !utf8 ? "bytes that are not UTF-8" : "a control character";
		return hl_fail(err, "%s:%ld:%d: %s in column %d (%s)%s", name, row->line, at + 1, what, at + 1,
			       hl_cdr_keys[c], utf8 ? "" : ": another encoding? --encoding NAME reads it");
	}
	/* a value as a spreadsheet pads it */
	while (len && v[len - 1] == ' ')
		len--;
	while (len && *v == ' ')
		v++, len--;
	if (len) {
		((char *)v)[len] = '\0';
		*out = v;
	}
	return 0;
}

/* "SIP/8001-0000001a", "Local/8001@from-queue-00000003;1": the
 * channel's sequence is not the agent's. */
static void agent_name(const char *v, struct hl_buf *out)
{
	size_t n = strlen(v);
	hl_buf_clear(out);
	if (strchr(v, '/')) {
		const char *semi = strrchr(v, ';');
		if (semi && semi[1] && strspn(semi + 1, "0123456789") == strlen(semi + 1))
			n = (size_t)(semi - v);
		const char *dash = NULL;
		for (size_t i = 0; i < n; i++)
			if (v[i] == '-')
				dash = v + i;
		size_t hex = dash ? n - (size_t)(dash - v) - 1 : 0;
		if (dash && hex >= 4) {
			size_t k = 0;
			while (k < hex && isxdigit((unsigned char)dash[1 + k]))
				k++;
			if (k == hex)
				n = (size_t)(dash - v);
		}
	}
	hl_buf_add(out, v, n);
}

/* '"张三" <13800138000>' or a name alone: the name */
static void name_part(const char *v, struct hl_buf *out)
{
	const char *e = strchr(v, '<');
	hl_buf_clear(out);
	if (!e)
		e = v + strlen(v);
	while (*v == ' ' || *v == '"')
		v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '"'))
		e--;
	hl_buf_add(out, v, (size_t)(e - v));
}

static int inbound(struct cdr *d, const char *dir, const char *number)
{
	const struct hl_cdr_map *m = d->m;
	if (m->ninbound) {
		size_t i = 0;
		while (i < m->ninbound && !(dir && hl_streq(dir, m->inbound[i])))
			i++;
		if (i == m->ninbound)
			return 0;
	}
	return !(number && hl_internal_match(&d->internal, number));
}

struct leg {
	const char *v[HL_CDR_NCOLS];
	int64_t start, answer, end;
	long wait, talk, duration;
	int answered;
};

static int leg_times(struct cdr *d, struct leg *l, struct hl_buf *err)
{
	const struct hl_cdr_map *m = d->m;
	const char **v = l->v;
	l->answer = l->end = -1;
	l->wait = l->talk = l->duration = -1;
	if (cdr_time(v[HL_CDR_TIME], "time", &d->hour, &l->start, err))
		return -1;
	if (v[HL_CDR_ANSWER] && cdr_time(v[HL_CDR_ANSWER], "answer", &d->hour, &l->answer, err))
		return -1;
	if (v[HL_CDR_END] && cdr_time(v[HL_CDR_END], "end", &d->hour, &l->end, err))
		return -1;
	int secs[] = {HL_CDR_WAIT, HL_CDR_TALK, HL_CDR_DURATION};
	long *to[] = {&l->wait, &l->talk, &l->duration};
	for (size_t i = 0; i < 3; i++)
		if (v[secs[i]] && cdr_seconds(v[secs[i]], m->col[secs[i]], to[i], err))
			return -1;
	if (m->col[HL_CDR_RESULT]) {
		for (size_t i = 0; v[HL_CDR_RESULT] && i < m->nanswered && !l->answered; i++)
			l->answered = hl_streq(v[HL_CDR_RESULT], m->answered[i]);
	} else {
		l->answered = l->talk > 0;
	}
	if (l->answered && l->talk < 0 && l->answer >= 0 && l->end >= l->answer)
		l->talk = (long)(l->end - l->answer);
	if (l->wait >= 0)
		return 0;
	/* no wait column: the ring time, where the format tells it */
	if (l->answered) {
		if (l->duration >= 0 && l->talk >= 0 && l->duration >= l->talk)
			l->wait = l->duration - l->talk;
		else if (l->answer >= l->start)
			l->wait = (long)(l->answer - l->start);
		else if (l->end >= l->start && l->talk >= 0 && l->end - l->start >= l->talk)
			l->wait = (long)(l->end - l->start) - l->talk;
	} else if (l->duration >= 0) {
		l->wait = l->duration;
	} else if (l->end >= l->start) {
		l->wait = (long)(l->end - l->start);
	}
	return 0;
}

static struct merged *group(struct cdr *d, const struct leg *l, const char *id)
{
	const char *link = l->v[HL_CDR_LINK] ? l->v[HL_CDR_LINK] : id;
	size_t *at = hl_strmap_put(&d->groups, link);
	int64_t end = l->end >= 0 ? l->end : l->start + (l->duration > 0 ? l->duration : 0);
	/* a channel name used again after a restart, hours later: another call */
	if (*at && l->start <= d->v[*at - 1].end + 3600 && l->start + 3600 >= d->v[*at - 1].start) {
		struct merged *c = &d->v[*at - 1];
		if (l->start < c->start)
			c->start = l->start;
		if (end > c->end)
			c->end = end;
		return c;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 256;
		d->v = hl_xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	struct merged *c = &d->v[d->n];
	memset(c, 0, sizeof *c);
	/* Master.csv without uniqueid: the channel with the time names the call */
	hl_buf_clear(&d->tmp);
	if (d->m->format == HL_CDR_ASTERISK)
		hl_buf_printf(&d->tmp, "%s@%lld", id, (long long)l->start);
	else
		hl_buf_adds(&d->tmp, l->v[HL_CDR_LINK] ? l->v[HL_CDR_LINK] : id);
	c->id = hl_xstrdup(d->tmp.s);
	c->start = l->start;
	c->end = end;
	c->rung = c->answered_at = -1;
	*at = ++d->n;
	return c;
}

static void set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = v && *v ? hl_xstrdup(v) : NULL;
}

static int one_row(struct cdr *d, const struct hl_csvrow *row, const char *name, struct hl_buf *err)
{
	struct leg l = {0};
	struct hl_buf e = {0};
	for (int c = 0; c < HL_CDR_NCOLS; c++)
		if (value(d, row, c, name, &l.v[c], err))
			return -1;
	const char *number = l.v[HL_CDR_CALLER];
	if (!inbound(d, l.v[HL_CDR_DIRECTION], number)) {
		d->left_out++;
		return 0;
	}
	if (!l.v[HL_CDR_ID])
		return hl_fail(err, "%s:%ld: no call id in column '%s'", name, row->line, d->m->col[HL_CDR_ID]);
	if (!l.v[HL_CDR_TIME])
		return hl_fail(err, "%s:%ld: no time in column '%s'", name, row->line, d->m->col[HL_CDR_TIME]);
	if (leg_times(d, &l, &e)) {
		hl_fail(err, "%s:%ld: %s", name, row->line, e.s);
		hl_buf_free(&e);
		return -1;
	}
	struct merged *c = group(d, &l, l.v[HL_CDR_ID]);
	c->line = row->line;
	if (!c->callerid) {
		const char *cid = l.v[HL_CDR_NAME];
		hl_buf_clear(&d->tmp);
		if (cid)
			name_part(cid, &d->tmp);
		if (!number || !d->tmp.len || hl_streq(d->tmp.s, number)) {
			set_str(&c->callerid, number ? number : cid);
		} else {
			hl_buf_clear(&e);
			hl_buf_printf(&e, "\"%s\" <%s>", d->tmp.s, number);
			set_str(&c->callerid, e.s);
		}
	}
	if (l.v[HL_CDR_QUEUE] && !c->queue)
		set_str(&c->queue, l.v[HL_CDR_QUEUE]);
	const char *agent = NULL;
	if (l.v[HL_CDR_AGENT]) {
		agent_name(l.v[HL_CDR_AGENT], &d->tmp);
		agent = d->tmp.s;
	}
	if (l.answered && !c->answered) {
		c->answered = 1;
		c->talk = l.talk > 0 ? l.talk : 0;
		c->answered_at = l.wait >= 0 ? l.start + l.wait : -1;
		set_str(&c->agent, agent);
	} else if (!l.answered) {
		if (l.wait >= 0 && l.start + l.wait > c->rung)
			c->rung = l.start + l.wait;
		if (l.wait < 0)
			c->wait_unknown = 1;
		if (agent)
			set_str(&c->rang, agent);
	}
	hl_buf_free(&e);
	return 0;
}

/* The merged calls into s, their strings with them. */
static void to_callset(struct cdr *d, struct hl_callset *s)
{
	for (size_t i = 0; i < d->n; i++) {
		struct merged *m = &d->v[i];
		struct hl_call c = {0};
		c.id = m->id;
		c.queue = m->queue;
		c.callerid = m->callerid;
		c.start = m->start;
		c.line = m->line;
		if (m->answered) {
			c.outcome = HL_OUT_ANSWERED;
			c.agent = m->agent;
			c.talk = m->talk;
			c.wait = m->answered_at >= m->start ? (long)(m->answered_at - m->start) : -1;
			free(m->rang);
		} else {
			c.outcome = HL_OUT_ABANDONED;
			c.talk = -1;
			c.rang = m->rang;
			/* a leg of unknown ring: the longest is not known either */
			c.wait = m->rung >= m->start && !m->wait_unknown ? (long)(m->rung - m->start) : -1;
			free(m->agent);
		}
		hl_callset_adopt(s, &c);
		memset(m, 0, sizeof *m);
	}
}

static void cdr_free(struct cdr *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].id);
		free(d->v[i].callerid);
		free(d->v[i].agent);
		free(d->v[i].queue);
		free(d->v[i].rang);
	}
	free(d->v);
	hl_strmap_free(&d->groups);
	hl_buf_free(&d->tmp);
	hl_internal_free(&d->internal);
}

static int read_file(struct cdr *d, const char *path, const char *encoding, struct hl_buf *err)
{
	struct hl_csvin *in = hl_csvin_open(path, encoding, err);
	if (!in)
		return -1;
	struct hl_csvrow row;
	const char *name = hl_csvin_name(in);
	int rc, resolved = 0;
	while ((rc = hl_csvin_next(in, &row, err)) == 1) {
		if (!resolved++) {
			if (resolve(d, d->m->header ? &row : NULL, name, err)) {
				rc = -1;
				break;
			}
			if (d->m->header)
				continue;
		}
		if (one_row(d, &row, name, err)) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && !resolved && d->m->header)
		rc = resolve(d, NULL, name, err);
	hl_csvin_close(in);
	return rc;
}

int hl_cdr_read(char *const *files, size_t n, const char *encoding, const struct hl_telephony *t,
		struct hl_callset *s, struct hl_buf *err)
{
	struct cdr d = {0};
	int rc = 0;
	d.t = t;
	d.m = &t->cdr;
	if (!d.m->configured)
		return hl_fail(err, "no cdr columns in the configuration (calls: cdr: format: or id:, time:, ...)");
	if (hl_internal_init(&d.internal, t))
		return hl_fail(err, "calls internal: not an extended regular expression");
	hl_strmap_init(&d.groups, sizeof(size_t));
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = read_file(&d, files[i], encoding, err);
	if (rc == 0)
		to_callset(&d, s);
	cdr_free(&d);
	return rc;
}
