/* queuelog.c - Asterisk queue_log lines into finished calls */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "calls/queuelog.h"
#include "base/utf8.h"

/* What the log said of a call before it ended. */
struct pending {
	char *callerid, *queue;
	char *rang;        /* the agent it last rang without an answer */
	int64_t entered;   /* 0: ENTERQUEUE not seen (the log began later) */
	int64_t connected; /* 0: not answered yet */
	long wait;         /* CONNECT's holdtime, -1 unknown */
};

enum { MAX_FIELDS = 16 };

struct line {
	char *f[MAX_FIELDS];  /* epoch, callid, queue, agent, event, data... */
	size_t n;
	int64_t epoch;
};

void hl_queuelog_init(struct hl_queuelog *q)
{
	hl_strmap_init(&q->pending, sizeof(struct pending));
}

static void pending_clear(struct pending *p)
{
	free(p->callerid);
	free(p->queue);
	free(p->rang);
	memset(p, 0, sizeof *p);
	p->wait = -1;
}

void hl_queuelog_free(struct hl_queuelog *q)
{
	for (size_t i = 0; i < q->pending.cap; i++)
		if (q->pending.key[i])
			pending_clear((struct pending *)((char *)q->pending.val + i * q->pending.size));
	hl_strmap_free(&q->pending);
}

/* Seconds in a data field: digits only, at most a day; else -1. */
static long seconds(const struct line *l, size_t i)
{
	long v;
	if (i >= l->n || !*l->f[i] || hl_parse_long(l->f[i], 0, 86400, &v))
		return -1;
	return v;
}

/* Splits on '|' in place and checks the fixed fields. */
static int split(char *s, struct line *l, struct hl_buf *err)
{
	l->n = 0;
	for (char *p = s;; p++) {
		if (l->n < MAX_FIELDS)
			l->f[l->n++] = p;
		p = strchr(p, '|');
		if (!p)
			break;
		*p = '\0';
	}
	if (l->n < 5)
		return hl_fail(err, "not a queue_log line (want epoch|callid|queue|agent|event|data...)");
	char *end;
	errno = 0;
	long long t = strtoll(l->f[0], &end, 10);
	/* the phone system's clock: after 2000, before the year 10000 */
	if (end == l->f[0] || (*end && *end != '.') || errno || t < 946684800 || t >= 253402300800LL)
		return hl_fail(err, "bad time '%s' (want seconds since 1970, a date after 2000)", l->f[0]);
	l->epoch = t;
	for (size_t i = 1; i < 4; i++)
		if (hl_text_check(l->f[i], strlen(l->f[i]), i == 1 ? "callid" : i == 2 ? "queue" : "agent", err))
			return -1;
	return 0;
}

/* The data fields of an ending event: where its wait and talk times are,
 * and the outcome. Talk -1: not answered. */
struct ending {
	const char *event;
	enum hl_outcome outcome;
	int wait_at, talk_at;   /* data index from 1; negative: from the end */
};

static const struct ending endings[] = {
	{"COMPLETECALLER", HL_OUT_ANSWERED, 1, 2},
	{"COMPLETEAGENT", HL_OUT_ANSWERED, 1, 2},
	{"TRANSFER", HL_OUT_ANSWERED, 3, 4},
	{"BLINDTRANSFER", HL_OUT_ANSWERED, -3, -2},
	{"ATTENDEDTRANSFER", HL_OUT_ANSWERED, -3, -2},
	{"ABANDON", HL_OUT_ABANDONED, 3, 0},
	{"EXITWITHTIMEOUT", HL_OUT_TIMEOUT, 3, 0},
	{"EXITEMPTY", HL_OUT_NOAGENT, 3, 0},
	{"EXITWITHKEY", HL_OUT_EXITKEY, 4, 0},
};

/* From the end, the fields the event has: 1.8 and later may write the
 * five data fields always, the unused ones empty. */
static size_t data_index(const struct line *l, int at)
{
	size_t back = (size_t)-at, n = l->n;
	if (at > 0)
		return 4 + (size_t)at;
	while (n > 5 && !*l->f[n - 1])
		n--;
	return n >= 5 + back ? n - back : MAX_FIELDS; /* MAX_FIELDS: none */
}

/* Seconds between two of the log's times; a clock set back gives 0. */
static long span(int64_t from, int64_t to)
{
	return to <= from ? 0 : to - from > 86400 ? 86400 : (long)(to - from);
}

static void end_call(const struct line *l, const struct ending *e, struct pending *p,
		     long lineno, struct hl_callset *s)
{
	struct hl_call c = {0};
	long wait = seconds(l, data_index(l, e->wait_at));
	long talk = e->talk_at ? seconds(l, data_index(l, e->talk_at)) : -1;
	if (e->outcome == HL_OUT_ANSWERED) {
		if (wait < 0)
			wait = p->wait >= 0 ? p->wait : p->connected && p->entered ? span(p->entered, p->connected) : 0;
		if (talk < 0)
			talk = p->connected ? span(p->connected, l->epoch) : 0;
	} else if (wait < 0) {
		wait = p->entered ? span(p->entered, l->epoch) : 0;
	}
	c.id = l->f[1];
	/* the queue of the line that ends it: a call transferred into
	 * another queue (CONNECT there again) ends, and counts, there */
	c.queue = *l->f[2] && strcmp(l->f[2], "NONE") ? l->f[2] : p->queue;
	c.agent = strcmp(l->f[3], "NONE") ? l->f[3] : NULL;
	c.callerid = p->callerid;
	c.rang = e->outcome == HL_OUT_ANSWERED ? NULL : p->rang;
	c.wait = wait;
	c.talk = e->outcome == HL_OUT_ANSWERED ? talk : -1;
	c.start = p->entered ? p->entered : l->epoch - wait - (talk > 0 ? talk : 0);
	c.outcome = e->outcome;
	c.line = lineno;
	hl_callset_add(s, &c);
	pending_clear(p);
}

static void take(struct hl_queuelog *q, const struct line *l, long lineno, struct hl_callset *s)
{
	const char *ev = l->f[4];
	if (!*l->f[1] || !strcmp(l->f[1], "NONE"))
		return; /* about the queue or an agent, not a call */
	struct pending *p = hl_strmap_put(&q->pending, l->f[1]);
	if (!p->entered && !p->connected && !p->callerid)
		p->wait = -1;
	if (!strcmp(ev, "ENTERQUEUE")) {
		pending_clear(p);
		p->entered = l->epoch;
		p->callerid = hl_xstrdup(l->n > 6 ? l->f[6] : "");
		p->queue = hl_xstrdup(l->f[2]);
		return;
	}
	if (!strcmp(ev, "CONNECT")) {
		p->connected = l->epoch;
		p->wait = seconds(l, 5);
		return;
	}
	if (!strcmp(ev, "RINGNOANSWER") && strcmp(l->f[3], "NONE")) {
		free(p->rang);
		p->rang = hl_xstrdup(l->f[3]);
		return;
	}
	for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++)
		if (!strcmp(ev, endings[i].event)) {
			end_call(l, &endings[i], p, lineno, s);
			return;
		}
	/* RINGCANCELED, DID, INFO, PAUSE...: not an ending */
}

/* One line without its end; 0, or -1 with err set. */
static int one_line(struct hl_queuelog *q, char *s, size_t n, const char *name, long lineno,
		    struct line *l, struct hl_buf *m, struct hl_callset *set, struct hl_buf *err)
{
	if (!n)
		return 0;
	if (memchr(s, '\0', n))
		return hl_fail(err, "%s:%ld: NUL byte in the line", name, lineno);
	if (split(s, l, m))
		return hl_fail(err, "%s:%ld: %s", name, lineno, m->s);
	take(q, l, lineno, set);
	return 0;
}

/* Lines end with LF, CRLF or a CR alone (a log that went through an old
 * Mac tool): read up to each LF, then split what was read at each CR. */
int hl_queuelog_read(struct hl_queuelog *q, FILE *fp, const char *name, struct hl_callset *s,
		     struct hl_buf *err)
{
	char *buf = NULL;
	size_t cap = 0;
	long lineno = 0;
	ssize_t n;
	struct line l = {0};
	struct hl_buf m = {0};
	int rc = 0, stop = 0;
	errno = 0;
	while (rc == 0 && !stop && (n = getline(&buf, &cap, fp)) > 0) {
		int complete = buf[n - 1] == '\n';
		char *p = buf, *end = buf + n - complete;
		for (;;) {
			char *cr = memchr(p, '\r', (size_t)(end - p));
			if (!cr && p == end && p != buf)
				break; /* nothing after the line's CR */
			lineno++;
			if (!cr && !complete) {
				hl_warnx("%s:%ld: incomplete last line (still being written?), left for the next import",
					 name, lineno);
				stop = 1;
				break;
			}
			char *e = cr ? cr : end;
			*e = '\0';
			if ((rc = one_line(q, p, (size_t)(e - p), name, lineno, &l, &m, s, err)) || !cr)
				break;
			p = cr + 1;
		}
	}
	if (rc == 0 && ferror(fp))
		rc = hl_fail(err, "%s: read error: %s", name, strerror(errno));
	free(buf);
	hl_buf_free(&m);
	return rc;
}
