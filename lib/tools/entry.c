/* entry.c - command-line entries into records */
#include <string.h>

#include "hl/entry.h"
#include "hl/roster.h"

/* Letters: c category, p priority, m channel, n caller, t phone, l place,
 * d dept, a assignee, D --done, V --verdict, S --score, F --force. */
const struct hl_verb hl_verbs[] = {
	{"open", HL_EV_OPEN, "cpmntldaD", 0,
	 "open -c CATEGORY [-p PRIORITY] [-m CHANNEL] [-n CALLER] [-t PHONE] [-l PLACE] [--done] TEXT"},
	{"missed", HL_EV_MISSED, "tnm", 0, "missed -t PHONE [-n CALLER] [-m CHANNEL] [TEXT]"},
	{"callback", HL_EV_CALLBACK, "", 1, "callback TICKET [TEXT]"},
	{"assign", HL_EV_ASSIGN, "dapF", 1,
	 "assign TICKET -d DEPT [-a PERSON [--force]] [-p PRIORITY] [TEXT]"},
	{"ack", HL_EV_ACK, "", 1, "ack TICKET [TEXT]"},
	{"reply", HL_EV_REPLY, "", 1, "reply TICKET [TEXT]"},
	{"arrive", HL_EV_ARRIVE, "", 1, "arrive TICKET [TEXT]"},
	{"update", HL_EV_UPDATE, "", 1, "update TICKET [TEXT]"},
	{"hold", HL_EV_HOLD, "", 1, "hold TICKET [TEXT]"},
	{"resume", HL_EV_RESUME, "", 1, "resume TICKET [TEXT]"},
	{"resolve", HL_EV_RESOLVE, "V", 1, "resolve TICKET [--verdict VERDICT] [TEXT]"},
	{"followup", HL_EV_FOLLOWUP, "S", 1, "followup TICKET --score 1..5 [TEXT]"},
	{"reopen", HL_EV_REOPEN, "", 1, "reopen TICKET [TEXT]"},
	{"close", HL_EV_CLOSE, "", 1, "close TICKET [TEXT]"},
	{"note", HL_EV_NOTE, "", 1, "note TICKET TEXT"},
	{NULL, HL_EV_NONE, NULL, 0, NULL},
};

const struct hl_verb *hl_verb_find(const char *name)
{
	for (const struct hl_verb *v = hl_verbs; v->name; v++)
		if (hl_streq(v->name, name))
			return v;
	return NULL;
}

static void set(struct hl_record *r, const char *col, const char *v)
{
	if (v && *v)
		hl_record_set(r, col, v);
}

int hl_entry_check_assign(const struct hl_entry *e, const struct hl_config *cfg, int64_t at,
			  struct hl_buf *err)
{
	const struct hl_person *p;
	if (e->kind != HL_EV_ASSIGN || !e->assignee || e->force ||
	    !(p = hl_config_person(cfg, e->assignee)))
		return 0; /* a person not on the staff is refused with the batch */
	struct hl_buf why = {0}, when = {0};
	const struct hl_leave *l;
	int rc = 0;
	if (e->dept && p->dept && !hl_streq(p->dept, e->dept)) {
		rc = hl_fail(err, "%s is in %s, not %s (--force to assign anyway)", p->name,
			     p->dept, e->dept);
	} else if ((l = hl_on_leave(cfg->roster, p->name, at))) {
		hl_time_format(hl_time_local(l->to), &when);
		const char *in = hl_stand_in(cfg->roster, p->name, at);
		if (in)
			rc = hl_fail(err, "%s is on leave until %s: the delegate is %s "
				     "(--force to assign anyway)", p->name, when.s, in);
		else
			rc = hl_fail(err, "%s is on leave until %s, with no delegate "
				     "(--force to assign anyway)", p->name, when.s);
	} else if (!hl_on_duty(cfg->roster, p->name, at, &why)) {
		hl_time_format(hl_time_local(at), &when);
		rc = hl_fail(err, "%s is off duty at %s (--force to assign anyway)", p->name,
			     when.s);
	}
	hl_buf_free(&why);
	hl_buf_free(&when);
	return rc;
}

int hl_entry_to_batch(const struct hl_entry *e, const struct hl_config *cfg,
		      const struct hl_time *now, struct hl_batch *b, struct hl_buf *err)
{
	struct hl_time at = *now;
	struct hl_buf tbuf = {0};
	if (e->at && hl_time_parse_user(e->at, now->t, &at, err))
		return -1;
	if (e->at && at.t > now->t)
		return hl_fail(err, "--at %s is in the future", e->at);
	if ((e->kind == HL_EV_NOTE || e->kind == HL_EV_OPEN) && !e->text)
		return hl_fail(err, "%s needs a text (what was said)", hl_vocab_name(&hl_events, e->kind));
	if (hl_entry_check_assign(e, cfg, at.t, err))
		return -1;
	hl_time_format(at, &tbuf);
	struct hl_record *r = hl_batch_add(b);
	hl_record_set(r, "time", tbuf.s);
	set(r, "ticket", e->ticket);
	hl_record_set(r, "event", hl_vocab_name(&hl_events, e->kind));
	set(r, "category", e->category);
	set(r, "priority", e->priority);
	set(r, "channel", e->channel);
	set(r, "caller", e->caller);
	set(r, "phone", e->phone);
	set(r, "place", e->place);
	set(r, "dept", e->dept);
	set(r, "assignee", e->assignee);
	set(r, "verdict", e->verdict);
	set(r, "score", e->score);
	set(r, "text", e->text);
	long score;
	if (e->kind == HL_EV_FOLLOWUP && e->score && !hl_parse_long(e->score, 1, 5, &score) &&
	    score <= cfg->reopen_at) {
		/* the customer-service rules, 9.5: unsatisfied, back to the department until satisfied */
		struct hl_record *ro = hl_batch_add_chained(b);
		hl_record_set(ro, "time", tbuf.s);
		hl_record_set(ro, "event", "reopen");
		hl_buf_clear(&tbuf);
		hl_buf_printf(&tbuf, "回访不满意 (score %ld)", score);
		hl_record_set(ro, "text", tbuf.s);
	} else if (e->kind == HL_EV_OPEN && e->done) {
		struct hl_record *rs = hl_batch_add_chained(b);
		hl_record_set(rs, "time", tbuf.s);
		hl_record_set(rs, "event", "resolve");
		hl_record_set(rs, "text", "answered on first contact");
	}
	hl_buf_free(&tbuf);
	return 0;
}
