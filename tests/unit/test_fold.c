/* test_fold.c - the ticket lifecycle, event parsing and ticket ids */
#include <string.h>
#include <unistd.h>

#include "hl/event.h"
#include "hl/fold.h"
#include "io/journal.h"
#include "io/reader.h"
#include <stdio.h>
#include <stdlib.h>
#include "tap.h"

/* Applies "event[:extra=value]" steps to one ticket; returns the message
 * of the first refusal, or "" when all were accepted. */
static const char *run(struct hl_ticket *t, const char *category, const char *const *steps,
		       struct hl_buf *err)
{
	struct hl_record r = {0};
	struct hl_event ev;
	static char msg[256];
	msg[0] = '\0';
	for (size_t i = 0; steps[i]; i++) {
		char step[64], *eq;
		snprintf(step, sizeof step, "%s", steps[i]);
		hl_record_clear(&r);
		hl_record_set(&r, "time", "2026-11-03T09:00:00+08:00");
		hl_record_set(&r, "ticket", "T1");
		hl_record_set(&r, "actor", "op");
		char *colon = strchr(step, ':');
		if (colon) {
			*colon = '\0';
			eq = strchr(colon + 1, '=');
			*eq = '\0';
			hl_record_set(&r, colon + 1, eq + 1);
		}
		hl_record_set(&r, "event", step);
		if (hl_streq(step, "open"))
			hl_record_set(&r, "category", category);
		if (hl_event_parse(&r, 0, &ev, err) || hl_ticket_apply(t, &ev, err)) {
			snprintf(msg, sizeof msg, "%s@%zu", err->s, i);
			break;
		}
	}
	hl_record_free(&r);
	return msg;
}

static void flow(const char *what, const char *category, const char *const *steps,
		 const char *want, enum hl_state end)
{
	struct hl_ticket t = {0};
	struct hl_buf err = {0};
	t.id = hl_xstrdup("T1");
	is_str(run(&t, category, steps, &err), want, "%s", what);
	if (!*want)
		is_str(hl_state_name(t.state), hl_state_name(end), "%s: ends %s", what, hl_state_name(end));
	hl_ticket_free(&t);
	hl_buf_free(&err);
}

#define STEPS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Folds path into tt from the reader's position; stops after stop records
 * (0: to the end). */
static void fold_from(struct hl_reader *rd, struct hl_tickets *tt, long stop)
{
	struct hl_record r = {0};
	struct hl_event ev;
	struct hl_buf err = {0};
	long n = 0;
	while ((stop == 0 || n < stop) && hl_reader_next(rd, &r, &err) == HL_READ_RECORD) {
		n++;
		if (hl_event_parse(&r, 0, &ev, &err) == 0)
			hl_ticket_apply(hl_tickets_add(tt, ev.ticket), &ev, &err);
	}
	hl_record_free(&r);
	hl_buf_free(&err);
}

static int same_tickets(const struct hl_tickets *a, const struct hl_tickets *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->cap; i++) {
		const struct hl_ticket *x = a->slot[i].t;
		const struct hl_ticket *y = x ? hl_tickets_get(b, x->id) : NULL;
		if (x && (!y || x->state != y->state || x->followups != y->followups ||
			  x->reopens != y->reopens || x->last.t != y->last.t ||
			  strcmp(x->dept ? x->dept : "", y->dept ? y->dept : "")))
			return 0;
	}
	return 1;
}

/* A fold stopped half way, kept, and resumed from the byte offset gives
 * the same tickets as one pass over the whole journal. */
static void resume_test(void)
{
	char path[] = "/tmp/hl-fold-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	fprintf(fp, "time,ticket,event,actor,category,dept,score,text\n");
	for (int i = 0; i < 300; i++) {
		fprintf(fp, "2026-11-03T09:%02d:00+08:00,T%d,open,op,repair,,,\"水管, 第%d\"\n", i % 60, i, i);
		fprintf(fp, "2026-11-03T10:%02d:00+08:00,T%d,assign,op,,工程部,,\n", i % 60, i);
		if (i % 3 == 0)
			fprintf(fp, "2026-11-03T11:%02d:00+08:00,T%d,resolve,op,,,,\n", i % 60, i);
		if (i % 6 == 0)
			fprintf(fp, "2026-11-03T12:%02d:00+08:00,T%d,followup,op,,,4,\n", i % 60, i);
	}
	fclose(fp);
	struct hl_buf err = {0};
	struct hl_tickets whole = {0}, part = {0};
	struct hl_reader *rd = hl_reader_open(path, HL_READ_JOURNAL, &err);
	fold_from(rd, &whole, 0);
	hl_reader_close(rd);
	rd = hl_reader_open(path, HL_READ_JOURNAL, &err);
	fold_from(rd, &part, 377);
	int64_t at = hl_reader_offset(rd);
	long line = hl_reader_line(rd);
	hl_reader_close(rd);
	ok(!same_tickets(&whole, &part), "half a fold differs from the whole");
	rd = hl_reader_open(path, HL_READ_JOURNAL, &err);
	ok(hl_reader_seek(rd, at, line, &err) == 0, "seek to the saved offset: %s", hl_buf_str(&err));
	fold_from(rd, &part, 0);
	hl_reader_close(rd);
	ok(same_tickets(&whole, &part), "resumed fold equals the whole fold");
	is_int(whole.n, 300, "300 tickets");
	hl_tickets_free(&whole);
	hl_tickets_free(&part);
	hl_buf_free(&err);
	unlink(path);
}

int main(void)
{
	resume_test();
	flow("full life", "repair",
	     STEPS("open", "route:dept=工程部", "ack", "arrive", "update", "resolve",
		   "followup:score=5", "close"), "", HL_ST_CLOSED);
	flow("low score reopens to dispatch", "complaint",
	     STEPS("open", "assign:dept=客服部", "ack", "resolve:verdict=valid",
		   "followup:score=1", "reopen"), "", HL_ST_OPEN);
	flow("hold and resume", "repair",
	     STEPS("open", "assign:dept=工程部", "hold", "update", "resume", "resolve"), "",
	     HL_ST_RESOLVED);
	flow("missed call returned and closed", "",
	     STEPS("missed:phone=13800138000", "callback", "close"), "", HL_ST_CLOSED);
	flow("transfer", "help", STEPS("open", "assign:dept=A", "ack", "assign:dept=B"), "",
	     HL_ST_ASSIGNED);
	flow("note and escalate after close", "consult",
	     STEPS("open", "resolve", "close", "note"), "", HL_ST_CLOSED);

	flow("unknown ticket", "", STEPS("ack"), "T1: unknown ticket@0", 0);
	flow("open twice", "help", STEPS("open", "open"), "T1: ticket already exists@1", 0);
	flow("ack before assign", "help", STEPS("open", "ack"),
	     "T1: ticket is not assigned to anyone yet@1", 0);
	flow("ack twice", "help", STEPS("open", "assign:dept=A", "ack", "ack"),
	     "T1: already acknowledged@3", 0);
	flow("followup before resolve", "complaint", STEPS("open", "followup:score=4"),
	     "T1: followup before resolve@1", 0);
	flow("resolve a closed ticket", "help", STEPS("open", "resolve", "close", "resolve"),
	     "T1: ticket is not open@3", 0);
	flow("resolve twice", "help", STEPS("open", "resolve", "resolve"),
	     "T1: ticket is already resolved@2", 0);
	flow("close unresolved", "help", STEPS("open", "close"), "T1: ticket is not resolved@1", 0);
	flow("hold twice", "help", STEPS("open", "hold", "hold"), "T1: ticket is already on hold@2", 0);
	flow("resume without hold", "help", STEPS("open", "resume"), "T1: ticket is not on hold@1", 0);
	flow("callback on a call that was not missed", "help", STEPS("open", "callback"),
	     "T1: not a missed call@1", 0);
	flow("callback twice", "", STEPS("missed:phone=110", "callback", "callback"),
	     "T1: missed call already called back@2", 0);
	flow("reopen an open ticket", "help", STEPS("open", "reopen"),
	     "T1: only a resolved, closed, void or linked ticket can be reopened@1", 0);
	flow("complaint verdict on a suggestion", "suggestion",
	     STEPS("open", "resolve:verdict=valid"), "T1: verdict valid/invalid is for complaints@1", 0);
	flow("suggestion verdict on a complaint", "complaint",
	     STEPS("open", "resolve:verdict=采纳"), "T1: verdict adopted/declined is for suggestions@1", 0);
	flow("score outside followup", "help", STEPS("open", "note:score=3"),
	     "score is only for followup, not note@1", 0);
	flow("escalate without clock", "help", STEPS("open", "escalate"),
	     "escalate record without clock@1", 0);
	flow("escalate without level", "help", STEPS("open", "escalate:clock=ack"),
	     "escalate record without level@1", 0);
	flow("escalate with an unknown clock", "help", STEPS("open", "escalate:clock=lunch"),
	     "unknown clock 'lunch'@1", 0);
	flow("bad score", "help", STEPS("open", "resolve", "followup:score=6"),
	     "bad score '6' (want 1 to 5)@2", 0);
	flow("unknown category", "cooking", STEPS("open"),
	     "unknown category 'cooking' (one of: consult, complaint, suggestion, booking, "
	     "emergency, help, repair, report, praise, other)@0", 0);

	/* hold time is excluded from the clocks */
	struct hl_ticket t = {0};
	struct hl_record r = {0};
	struct hl_event ev;
	struct hl_buf err = {0};
	t.id = hl_xstrdup("T2");
	const char *seq[][2] = {{"open", "2026-11-03T09:00:00+08:00"},
				{"hold", "2026-11-03T10:00:00+08:00"},
				{"resume", "2026-11-03T12:30:00+08:00"}};
	for (int i = 0; i < 3; i++) {
		hl_record_clear(&r);
		hl_record_set(&r, "time", seq[i][1]);
		hl_record_set(&r, "ticket", "T2");
		hl_record_set(&r, "event", seq[i][0]);
		hl_record_set(&r, "actor", "op");
		hl_record_set(&r, "category", i == 0 ? "报修" : "");
		ok(!hl_event_parse(&r, 0, &ev, &err) && !hl_ticket_apply(&t, &ev, &err), "T2 step %d", i);
	}
	is_int(t.held_total, 9000, "2h30m on hold counted");
	is_int(t.category, HL_CAT_REPAIR, "Chinese category alias");
	hl_ticket_free(&t);

	/* aliases become canonical names when stored */
	hl_record_clear(&r);
	hl_record_set(&r, "time", "2026-11-03T09:00:00+08:00");
	hl_record_set(&r, "event", "open");
	hl_record_set(&r, "category", "投诉");
	hl_record_set(&r, "channel", "微信");
	hl_record_set(&r, "priority", "紧急");
	hl_record_set(&r, "phone", "+86 138-0013-8000");
	ok(!hl_event_parse(&r, HL_EV_PARTIAL, &ev, &err), "partial open parses");
	hl_event_store(&ev, &r);
	is_str(hl_record_get(&r, "category"), "complaint", "category stored canonical");
	is_str(hl_record_get(&r, "channel"), "wechat", "channel stored canonical");
	is_str(hl_record_get(&r, "priority"), "urgent", "priority stored canonical");
	is_str(hl_record_get(&r, "phone"), "13800138000", "phone normalized, +86 dropped");

	/* the forms phone systems and input methods write a number in */
	static const char *const phones[][2] = {
		{"tel:+8613700000004", "13700000004"},
		{"TEL:+86-137-0000-0004;phone-context=example.com", "13700000004"},
		{"sip:13700000004@pbx.example.com;user=phone", "13700000004"},
		{"sips:+8613700000004@10.0.0.1", "13700000004"},
		{"13700000004@10.0.0.1", "13700000004"},
		{"１３７０００００００４", "13700000004"},  /* fullwidth digits */
		{"＋86　137－0000－0004", "13700000004"},
		{"+86 137 0000 0004", "13700000004"},
		{"0086-137-0000-0004", "13700000004"},
		{"013700000004", "13700000004"},            /* a trunk 0 before a mobile */
		{"(010) 6552.1234", "01065521234"},         /* a landline keeps its area code */
		{"+86 10 6552 1234", "01065521234"},
		{"0086 21 6555 1234", "02165551234"},
		{"0086013911112222", "13911112222"},        /* a trunk 0 after the code */
		{"+86 0139 1111 2222", "13911112222"},
		{"+86 010 6552 1234", "01065521234"},
		{"+44 20 7946 0000", "+442079460000"},      /* another country's */
		{"0044 20 7946 0000", "+442079460000"},
		{"010-12345", "01012345"},
		{" 13700000004 ", "13700000004"},
	};
	struct hl_buf num = {0};
	for (size_t i = 0; i < sizeof phones / sizeof phones[0]; i++) {
		int prc = hl_phone_normalize(phones[i][0], &num, &err);
		is_str(prc ? err.s : num.s, phones[i][1], "phone '%s'", phones[i][0]);
	}
	/* a stored number reads back as itself, even from odd input */
	static const char *const odd[] = {"000", "0.......00", "+861", "0086 1", "00860044123",
					  "0000", "+86 0 13911112222", "00860", "+0", "00 44 1"};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		struct hl_buf again = {0};
		int orc = hl_phone_normalize(odd[i], &num, &err);
		ok(orc < 0 || (!hl_phone_normalize(num.s, &again, &err) && hl_streq(again.s, num.s)),
		   "phone '%s' -> '%s' reads back as itself", odd[i], orc ? "" : num.s);
		hl_buf_free(&again);
	}
	hl_phone_set_country("");
	ok(!hl_phone_normalize("+86 137 0000 0004", &num, &err) && hl_streq(num.s, "+8613700000004"),
	   "country_code none: as dialled");
	hl_phone_set_country("44");
	ok(!hl_phone_normalize("+44 20 7946 0000", &num, &err) && hl_streq(num.s, "02079460000"),
	   "country_code 44: +44 20... is 020...");
	hl_phone_set_country("86");
	static const char *const not_phones[] = {"anonymous", "sip:anonymous@anonymous.invalid", "",
						 "tel:", "138-CALL-ME", "1+38", "13+8", "12", "１３８ａ"};
	for (size_t i = 0; i < sizeof not_phones / sizeof not_phones[0]; i++)
		ok(hl_phone_normalize(not_phones[i], &num, &err) < 0, "not a phone: '%s'", not_phones[i]);
	hl_buf_free(&num);

	/* ticket table */
	struct hl_tickets tt = {0};
	char id[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "HL-%d", i);
		hl_tickets_add(&tt, id)->reopens = i;
	}
	int good = tt.n == 5000;
	for (int i = 0; i < 5000 && good; i++) {
		snprintf(id, sizeof id, "HL-%d", i);
		good = hl_tickets_get(&tt, id) && hl_tickets_get(&tt, id)->reopens == i;
	}
	ok(good, "5000 tickets stored and found");
	ok(!hl_tickets_get(&tt, "HL-5000"), "absent ticket not found");
	hl_tickets_free(&tt);

	/* ids */
	struct hl_ids ids = {.prefix = "HL", .digits = 4};
	struct hl_buf b = {0};
	hl_ids_next(&ids, 2026, 11, 3, &b);
	is_str(b.s, "HL-20261103-0001", "first id of the day");
	hl_ids_see(&ids, "HL-20261103-0041");
	hl_ids_see(&ids, "HL-20261103-0007");
	hl_ids_see(&ids, "XX-20261103-0099");
	hl_ids_see(&ids, "HL-2026110-0099");
	hl_buf_clear(&b);
	hl_ids_next(&ids, 2026, 11, 3, &b);
	is_str(b.s, "HL-20261103-0042", "continues after the greatest id");
	hl_buf_clear(&b);
	hl_ids_next(&ids, 2026, 11, 4, &b);
	is_str(b.s, "HL-20261104-0001", "a new day starts at 1");
	hl_buf_clear(&b);
	hl_ids_next(&ids, 2026, 11, 3, &b);
	is_str(b.s, "HL-20261103-0043", "a clock set back continues its own day: no id given twice");
	hl_buf_clear(&b);
	hl_ids_next(&ids, 2026, 11, 2, &b);
	is_str(b.s, "HL-20261102-0001", "a day with no ids starts at 1, after later days too");
	hl_ids_see(&ids, "HL-20261104-9999");
	hl_buf_clear(&b);
	hl_ids_next(&ids, 2026, 11, 4, &b);
	is_str(b.s, "HL-20261104-10000", "the sequence grows past its digits");
	hl_ids_see(&ids, "HL-99991231-0001");
	hl_buf_clear(&b);
	hl_ids_next(&ids, 2026, 11, 5, &b);
	is_str(b.s, "HL-20261105-0001", "an id dated 9999 moves no other day's sequence");
	hl_buf_clear(&b);
	hl_ids_next(&ids, 2026, 11, 4, &b);
	is_str(b.s, "HL-20261104-10001", "nor the day before's");
	hl_ids_free(&ids);
	hl_buf_free(&b);
	hl_record_free(&r);
	hl_buf_free(&err);
	return tap_done();
}
