/* test_calls.c - queue_log reading, call records, the queue's figures */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/callstats.h"
#include "calls/calls.h"
#include "hl/event.h"
#include "calls/queuelog.h"
#include "tap.h"

/* Reads text as one queue_log file into s; returns the reader's status. */
static int read_text(struct hl_queuelog *q, const char *text, struct hl_callset *s,
		     struct hl_buf *err)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc = hl_queuelog_read(q, fp, "ql", s, err);
	fclose(fp);
	return rc;
}

static void test_queuelog(void)
{
	struct hl_queuelog q;
	struct hl_callset s;
	struct hl_buf err = {0};
	hl_queuelog_init(&q);
	hl_callset_init(&s, "ql");
	int rc = read_text(&q,
			   "1793660100|NONE|NONE|NONE|QUEUESTART|\n"
			   "1793661000|c1|q|NONE|ENTERQUEUE||\"Zhang\" <138 0013 8000>|1\n"
			   "1793661012|c1|q|SIP/1|CONNECT|12|b1|3\n"
			   "1793661100|c2|q|NONE|ENTERQUEUE||13900001111|2\n"
			   "1793661192|c1|q|SIP/1|COMPLETEAGENT|12|180|1\n"
			   "1793661130|c2|q|NONE|ABANDON|1|2|30\n"
			   "1793661200|c3|q|NONE|ENTERQUEUE||139|1\n"
			   "1793661300|c3|q|NONE|EXITWITHTIMEOUT|1\n"   /* old form: no waittime */
			   "1793661400|c4|q|SIP/2|COMPLETECALLER|7|60|1\n" /* began before the log */
			   "1793661500|c5|q|NONE|ENTERQUEUE||13700000000|1\n"
			   "1793661501|c5|q|NONE|SOMETHINGNEW|a|b\n",
			   &s, &err);
	is_int(rc, 0, "a queue_log reads");
	is_int(s.n, 4, "four calls ended; the fifth is still waiting");
	is_str(s.v[0].id, "c1", "ended first: c1");
	is_int(s.v[0].outcome, HL_OUT_ANSWERED, "COMPLETEAGENT: answered");
	is_int(s.v[0].wait, 12, "holdtime is the wait");
	is_int(s.v[0].talk, 180, "calltime is the talk");
	is_int(s.v[0].start, 1793661000, "it began when it entered the queue");
	is_str(s.v[0].agent, "SIP/1", "the agent");
	is_str(s.v[0].callerid, "\"Zhang\" <138 0013 8000>", "caller id kept as given");
	is_int(s.v[1].outcome, HL_OUT_ABANDONED, "ABANDON");
	is_int(s.v[1].wait, 30, "its waittime");
	is_int(s.v[2].outcome, HL_OUT_TIMEOUT, "EXITWITHTIMEOUT");
	is_int(s.v[2].wait, 100, "no waittime in the line: from ENTERQUEUE");
	is_int(s.v[3].start, 1793661400 - 7 - 60, "no ENTERQUEUE seen: start from the times");
	ok(!s.v[3].callerid, "and no caller id");

	/* the rest of c5's call comes in the next (rotated) file */
	rc = read_text(&q, "1793661540|c5|q|SIP/1|CONNECT|40|b|1\n1793661600|c5|q|SIP/1|TRANSFER|8001|ctx|40|60|1\n", &s, &err);
	is_int(rc, 0, "a second file continues the first");
	is_int(s.n, 5, "the call that spanned them ended");
	is_str(s.v[4].callerid, "13700000000", "with the caller id of the first file");
	is_int(s.v[4].wait, 40, "TRANSFER's holdtime");
	is_int(s.v[4].talk, 60, "TRANSFER's calltime");

	rc = read_text(&q, "1793661700|c6|q|NONE|ENTERQUEUE||1|1\nnot a line\n", &s, &err);
	is_int(rc, -1, "a line that is not queue_log stops the import");
	is_str(err.s, "ql:2: not a queue_log line (want epoch|callid|queue|agent|event|data...)",
	       "it is named with its line");
	rc = read_text(&q, "12x|c7|q|NONE|ABANDON|1|1|3\n", &s, &err);
	is_str(err.s, "ql:1: bad time '12x' (want seconds since 1970, a date after 2000)", "a bad epoch");
	rc = read_text(&q, "1000|c7|q|NONE|ABANDON|1|1|3\n", &s, &err);
	is_str(err.s, "ql:1: bad time '1000' (want seconds since 1970, a date after 2000)", "a clock never set");
	rc = read_text(&q, "570361000000000|c7|q|NONE|ABANDON|1|1|3\n", &s, &err);
	is_int(rc, -1, "a time past the year 9999 (fuzzing found it)");
	rc = read_text(&q, "1793669000|c8|q|NONE|ENTERQUEUE||1|1\n1793669010|c8|q|A|CONNECT||b|1\n"
			   "1793569000|c8|q|A|COMPLETECALLER|||1\n", &s, &err);
	is_int(s.v[s.n - 1].talk, 0, "the clock set back: no negative talk (fuzzing found it)");
	rc = read_text(&q, "1793661800|c8|q\xff|NONE|ABANDON|1|1|3\n", &s, &err);
	is_str(err.s, "ql:1: invalid UTF-8 in field 'queue'", "a queue name that is not UTF-8");
	size_t before = s.n;
	rc = read_text(&q, "1793661900|c9|q|NONE|ENTERQUEUE||1|1\n1793661930|c9|q|NONE|ABAN", &s, &err);
	is_int(rc, 0, "an incomplete last line is no error");
	is_int(s.n, before, "and is left for the next import");

	hl_callset_free(&s);
	hl_queuelog_free(&q);
	hl_buf_free(&err);
}

static void test_legs(void)
{
	struct hl_callset s;
	struct hl_call c = {.id = "x", .queue = "a", .start = 10, .wait = 60, .talk = -1,
			    .outcome = HL_OUT_TIMEOUT, .callerid = "13800138000"};
	struct hl_batch b = {0};
	struct hl_config cfg;
	struct hl_buf err = {0};
	hl_config_load_text("t", "", 0, &cfg, &err);
	hl_callset_init(&s, "ql");
	hl_callset_add(&s, &c);
	hl_callset_add(&s, &c);
	is_int(s.n, 1, "the same leg twice is one call");
	c.queue = "b", c.outcome = HL_OUT_ABANDONED, c.start = 70, c.wait = 25;
	hl_callset_add(&s, &c);
	is_int(s.n, 2, "a leg in another queue is another");
	ok(s.v[0].rerouted && !s.v[1].rerouted, "the earlier leg was rerouted");
	hl_calls_to_batch(&s, &cfg, &b);
	is_str(hl_record_get(&b.rec[0], "event"), "call", "a rerouted leg is no missed call");
	is_str(hl_record_get(&b.rec[0], "outcome"), "rerouted", "and says so");
	is_str(hl_record_get(&b.rec[1], "event"), "missed", "the last leg unanswered: missed");
	is_str(hl_record_get(&b.rec[1], "phone"), "13800138000", "with the caller's number");
	is_str(hl_record_get(&b.rec[1], "wait"), "25", "and the wait");
	ok(!hl_record_get(&b.rec[1], "talk"), "no talk time for a missed call");
	hl_batch_free(&b);
	hl_callset_free(&s);
	hl_config_free(&cfg);
	hl_buf_free(&err);
}

static void test_stats(void)
{
	struct hl_callstats cs;
	struct hl_telephony t;
	struct hl_event ev = {0};
	hl_telephony_defaults(&t);
	hl_callstats_init(&cs);
	struct {
		enum hl_outcome o;
		long wait, talk;
	} calls[] = {
		{HL_OUT_ANSWERED, 10, 100}, {HL_OUT_ANSWERED, 20, 50}, {HL_OUT_ANSWERED, 21, 30},
		{HL_OUT_ABANDONED, 4, -1},  {HL_OUT_ABANDONED, 5, -1}, {HL_OUT_ABANDONED, 40, -1},
		{HL_OUT_TIMEOUT, 300, -1},  {HL_OUT_REROUTED, 60, -1},
	};
	ev.queue = "q";
	ev.actor = "a";
	ev.time.t = 1793667600; /* 09:00 in Shanghai */
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		ev.kind = HL_EV_CALL;
		ev.outcome = calls[i].o, ev.wait = calls[i].wait, ev.talk = calls[i].talk;
		hl_callstats_add(&cs, &t, &ev);
	}
	const struct hl_qstat *q = &cs.total;
	is_int(q->short_abandoned, 1, "hung up within 5 s: a short abandon");
	is_int(q->offered, 6, "offered: all but the short abandon and the rerouted leg");
	is_int(q->answered, 3, "answered");
	is_int(q->abandoned, 2, "abandoned (5 s is not short)");
	is_int(q->other, 1, "timed out");
	is_int(q->answered_in_sl, 2, "answered within 20 s (20 counts)");
	is_int(q->abandoned_in_sl, 1, "abandoned within 20 s");
	is_int(q->wait_answered, 51, "the answered calls' wait");
	is_int(cs.hour[9].offered, 6, "all in the 09:00 hour");
	is_int(cs.queues.st[0].offered, 7, "the queue also counts the leg that left it");
	is_int(cs.agents.st[0].answered, 3, "the agent answered three");
	hl_callstats_free(&cs);
}

static void test_event_fields(void)
{
	struct hl_record r = {0};
	struct hl_event ev;
	struct hl_buf err = {0};
	hl_record_set(&r, "time", "2026-11-03T09:00:00+08:00");
	hl_record_set(&r, "event", "call");
	hl_record_set(&r, "actor", "op");
	is_int(hl_event_parse(&r, 0, &ev, &err), -1, "a call record wants an outcome");
	is_str(err.s, "call record without outcome", "says so");
	hl_record_set(&r, "outcome", "接通");
	hl_record_set(&r, "wait", "12");
	hl_record_set(&r, "talk", "90");
	is_int(hl_event_parse(&r, 0, &ev, &err), 0, "no ticket needed for a call");
	is_int(ev.outcome, HL_OUT_ANSWERED, "Chinese outcome");
	is_int(ev.talk, 90, "talk");
	hl_record_set(&r, "ticket", "HL-1");
	is_int(hl_event_parse(&r, 0, &ev, &err), -1, "a call has no ticket");
	hl_record_set(&r, "ticket", "");
	hl_record_set(&r, "wait", "-3");
	is_int(hl_event_parse(&r, 0, &ev, &err), -1, "negative wait");
	is_str(err.s, "bad wait '-3' (want seconds, 0 to 86400)", "says so");
	hl_record_set(&r, "wait", "3");
	hl_record_set(&r, "outcome", "abandoned");
	is_int(hl_event_parse(&r, 0, &ev, &err), -1, "talk time on an abandoned call");
	hl_record_clear(&r);
	hl_record_set(&r, "time", "2026-11-03T09:00:00+08:00");
	hl_record_set(&r, "event", "note");
	hl_record_set(&r, "ticket", "HL-1");
	hl_record_set(&r, "actor", "op");
	hl_record_set(&r, "wait", "3");
	is_int(hl_event_parse(&r, 0, &ev, &err), -1, "wait on a note");
	is_str(err.s, "call, queue, outcome, wait and talk are only for call and missed, not note",
	       "says so");
	hl_record_free(&r);
	hl_buf_free(&err);
}

int main(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	test_queuelog();
	test_legs();
	test_stats();
	test_event_fields();
	return tap_done();
}
