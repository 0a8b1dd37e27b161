/* entry.c - command-line entries into records */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "hl/entry.h"
#include "hl/phone.h"
#include "rules/roster.h"

/* Letters: c category, p priority, m channel, n caller, t phone, l place,
 * d dept, a assignee, D --done, V --verdict, S --score, F --force,
 * R --reason, Q --result, K --clock, B --by (extend's), Y --accept,
 * X --reject, L --to (link's master). */
const struct hl_verb hl_verbs[] = {
	{"open", HL_EV_OPEN, "cpmntldaD", 0,
	 "open -c CATEGORY [-p PRIORITY] [-m CHANNEL] [-n CALLER] [-t PHONE] [-l PLACE] [--done] TEXT",
	 "a call, visit, letter or message: a new ticket (its id printed)"},
	{"missed", HL_EV_MISSED, "tnm", 0, "missed -t PHONE [-n CALLER] [-m CHANNEL] [TEXT]",
	 "a call nobody answered, to be called back (its id printed)"},
	{"callback", HL_EV_CALLBACK, "", 1, "callback TICKET [TEXT]",
	 "the missed call was returned"},
	{"assign", HL_EV_ASSIGN, "dapF", 1,
	 "assign TICKET -d DEPT [-a PERSON [--force]] [-p PRIORITY] [TEXT]",
	 "dispatch or transfer to a department and person"},
	{"ack", HL_EV_ACK, "", 1, "ack TICKET [TEXT]",
	 "the department signs for the ticket"},
	{"reply", HL_EV_REPLY, "", 1, "reply TICKET [TEXT]",
	 "the caller was given an answer or a plan"},
	{"arrive", HL_EV_ARRIVE, "", 1, "arrive TICKET [TEXT]",
	 "the repairer is on site"},
	{"update", HL_EV_UPDATE, "", 1, "update TICKET [TEXT]",
	 "progress on the ticket"},
	{"hold", HL_EV_HOLD, "", 1, "hold TICKET [TEXT]",
	 "waiting on the caller or on parts: the clocks stop"},
	{"resume", HL_EV_RESUME, "", 1, "resume TICKET [TEXT]",
	 "the hold is over: the clocks run again"},
	{"resolve", HL_EV_RESOLVE, "V", 1, "resolve TICKET [--verdict VERDICT] [TEXT]",
	 "done (a verdict for complaints and suggestions)"},
	{"followup", HL_EV_FOLLOWUP, "SQ", 1,
	 "followup TICKET --score 1..5 | --result 满意|基本满意|不满意 [TEXT]",
	 "the caller asked how it went (回访), satisfaction 1 to 5"},
	{"reopen", HL_EV_REOPEN, "", 1, "reopen TICKET [TEXT]",
	 "back to dispatch"},
	{"close", HL_EV_CLOSE, "", 1, "close TICKET [TEXT]",
	 "archived"},
	{"amend", HL_EV_AMEND, "cpmntl", 1,
	 "amend TICKET [-c CATEGORY] [-p PRIORITY] [-m CHANNEL] [-n CALLER] [-t PHONE] [-l PLACE] [TEXT]",
	 "a correction of what the open recorded: the fields given, the text when words follow"},
	{"void", HL_EV_VOID, "R", 1, "void TICKET --reason REASON [TEXT]",
	 "opened by mistake, a test call, a duplicate, spam: in no count and no clock "
	 "(reopen undoes it)"},
	{"note", HL_EV_NOTE, "", 1, "note TICKET TEXT",
	 "a free remark, in any state"},
	{"return", HL_EV_RETURN, "R", 1, "return TICKET --reason REASON [TEXT]",
	 "退单: not this department's ticket; back to dispatch (a routing error)"},
	{"extend", HL_EV_EXTEND, "KBR", 1,
	 "extend TICKET --clock CLOCK --by DURATION --reason REASON [TEXT]",
	 "延期: more time asked for one clock (approve or refuse decides)"},
	{"approve", HL_EV_APPROVE, "", 1, "approve TICKET [TEXT]",
	 "the extension asked is granted: its clock's deadline moves on"},
	{"refuse", HL_EV_REFUSE, "R", 1, "refuse TICKET [--reason REASON] [TEXT]",
	 "the extension asked is refused: the deadline stands"},
	{"supervise", HL_EV_SUPERVISE, "", 1, "supervise TICKET TEXT",
	 "督办: the centre's written notice to the department, with a deadline to answer "
	 "(its next reply, arrive, update or resolve)"},
	{"review", HL_EV_REVIEW, "YX", 1, "review TICKET --accept|--reject [TEXT]",
	 "审核: the centre accepts a resolve, or sends it back to the department"},
	{"link", HL_EV_LINK, "LR", 1, "link TICKET --to MASTER [--reason REASON] [TEXT]",
	 "a duplicate of MASTER (the same matter, another caller): it follows the master, "
	 "resolved with it, counted once; its caller is still followed up (reopen unlinks it)"},
	{NULL, HL_EV_NONE, NULL, 0, NULL, NULL},
};

const struct hl_verb *hl_verb_find(const char *name)
{
	for (const struct hl_verb *v = hl_verbs; v->name; v++)
		if (hl_streq(v->name, name))
			return v;
	return NULL;
}

/* digits only, 1 to 9 of them */
static int all_digits(const char *s, size_t n)
{
	if (n == 0 || n > 9)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* PREFIX-YYYYMMDD-N, the prefix in any case: where N starts, or NULL. */
static const char *id_number(const char *s, const struct hl_config *cfg)
{
	size_t np = strlen(cfg->prefix);
	if (strncasecmp(s, cfg->prefix, np) != 0 || s[np] != '-' || !all_digits(s + np + 1, 8) ||
	    s[np + 9] != '-' || !all_digits(s + np + 10, strlen(s + np + 10)))
		return NULL;
	return s + np + 10;
}

int hl_entry_looks_like_id(const char *s, const struct hl_config *cfg)
{
	return id_number(s, cfg) != NULL;
}

void hl_entry_ticket(const char *typed, const struct hl_config *cfg, const struct hl_time *now,
		     struct hl_buf *out)
{
	const char *num = id_number(typed, cfg);
	hl_buf_clear(out);
	if (num) {
		hl_buf_adds(out, cfg->prefix);
		hl_buf_add(out, typed + strlen(cfg->prefix), (size_t)(num - typed) - strlen(cfg->prefix));
	} else if (all_digits(typed, strlen(typed))) {
		int y, mo, d, h, mi, sec;
		hl_time_fields(*now, &y, &mo, &d, &h, &mi, &sec);
		hl_buf_printf(out, "%s-%04d%02d%02d-", cfg->prefix, y, mo, d);
		num = typed;
	} else {
		hl_buf_adds(out, typed);
		return;
	}
	/* padded to the configured digits; more digits are kept as typed */
	size_t len = strlen(num);
	for (size_t i = len; i < (size_t)cfg->digits; i++)
		hl_buf_addc(out, '0');
	hl_buf_adds(out, num);
}

/* Edits (insert, delete, substitute, swap two neighbours) from a to b. */
static size_t distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > 32 || nb > 32)
		return SIZE_MAX;
	size_t d[33][33];
	for (size_t i = 0; i <= na; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			size_t m = sub < del ? sub : del;
			m = m < ins ? m : ins;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < m)
				m = d[i - 2][j - 2] + 1;
			d[i][j] = m;
		}
	return d[na][nb];
}

const char *hl_did_you_mean(const char *typed, const char *const *names)
{
	const char *best = NULL;
	size_t best_d = strlen(typed) / 3;
	if (best_d < 1)
		best_d = 1;
	for (size_t i = 0; names[i]; i++) {
		size_t d = distance(typed, names[i]);
		if (d <= best_d && (!best || d < distance(typed, best)))
			best = names[i];
	}
	return best;
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

/* An extension asked: its clock, a time to ask for, a reason. */
static int extend_check(const struct hl_entry *e, struct hl_duration *more, struct hl_buf *err)
{
	int known = 0;
	for (int c = 0; e->clock && c < HL_NCLOCKS; c++)
		known |= hl_streq(e->clock, hl_clock_names[c]);
	if (!e->clock || !known) {
		struct hl_buf l = {0}, m = {0};
		for (int c = 0; c < HL_NCLOCKS; c++)
			hl_buf_printf(&l, "%s%s", c ? ", " : "", hl_clock_names[c]);
		if (e->clock)
			hl_fail(err, "unknown clock '%s' (one of: %s)", hl_shown(e->clock, &m), l.s);
		else
			hl_fail(err, "extend needs --clock (one of: %s)", l.s);
		hl_buf_free(&l), hl_buf_free(&m);
		return -1;
	}
	if (!e->more)
		return hl_fail(err, "extend needs --by DURATION (the time asked for: 2bd, 24h)");
	if (hl_duration_parse(e->more, more, NULL) || more->amount <= 0)
		return hl_fail(err, "extend --by wants a duration such as 2bd or 24h, not '%s'", e->more);
	if (!e->reason || !*e->reason)
		return hl_fail(err, "extend needs --reason (why more time)");
	return 0;
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
	if (e->kind == HL_EV_VOID && (!e->reason || !*e->reason))
		return hl_fail(err, "void needs --reason (a mistake, a test call, a duplicate, spam...)");
	if (e->kind == HL_EV_RETURN && (!e->reason || !*e->reason))
		return hl_fail(err, "return needs --reason (why the ticket is not this department's)");
	if (e->kind == HL_EV_SUPERVISE && !e->text)
		return hl_fail(err, "supervise needs a text (the notice)");
	if (e->kind == HL_EV_REVIEW && e->accept == e->reject)
		return hl_fail(err, "review takes --accept or --reject");
	if (e->kind == HL_EV_LINK && (!e->master || !*e->master))
		return hl_fail(err, "link needs --to MASTER (the ticket it duplicates)");
	struct hl_duration more;
	if (e->kind == HL_EV_EXTEND && extend_check(e, &more, err))
		return -1;
	if (e->second && hl_entry_looks_like_id(e->second, cfg))
		return hl_fail(err, "%s: a second ticket id; an entry is about one ticket "
			       "(quote a text that starts with one)", e->second);
	struct hl_buf sbuf = {0};
	const char *score_s = e->score;
	int result = 0;
	if (e->result) {
		/* the word kept, the score the configuration gives it */
		if (e->score)
			return hl_fail(err, "followup takes --score or --result, not both");
		if ((result = hl_vocab_parse(&hl_results, e->result)) <= 0) {
			struct hl_buf m = {0}, l = {0};
			hl_vocab_list(&hl_results, &l);
			hl_fail(err, "unknown result '%s' (one of: %s)", hl_shown(e->result, &m), l.s);
			hl_buf_free(&m), hl_buf_free(&l);
			return -1;
		}
		hl_buf_printf(&sbuf, "%d", hl_config_score_of(cfg, (enum hl_result)result));
		score_s = sbuf.s;
	}
	hl_time_format(at, &tbuf);
	struct hl_record *r = hl_batch_add(b);
	hl_record_set(r, "time", tbuf.s);
	if (e->ticket) {
		/* 0015 and hl-20261103-15 as the journal writes them */
		hl_entry_ticket(e->ticket, cfg, now, &tbuf);
		hl_record_set(r, "ticket", tbuf.s);
		hl_buf_clear(&tbuf);
		hl_time_format(at, &tbuf);
	}
	hl_record_set(r, "event", hl_vocab_name(&hl_events, e->kind));
	set(r, "category", e->category);
	set(r, "priority", e->priority);
	set(r, "channel", e->channel);
	set(r, "caller", e->caller);
	set(r, "phone", e->phone);
	set(r, "place", e->place);
	set(r, "dept", e->dept);
	set(r, "assignee", e->assignee);
	set(r, "verdict", result ? hl_vocab_name(&hl_results, result) : e->verdict);
	if (e->kind == HL_EV_REVIEW)
		set(r, "verdict", e->accept ? "accepted" : "rejected");
	if (e->kind == HL_EV_EXTEND) {
		struct hl_buf d = {0};
		hl_duration_format(more, &d);
		set(r, "clock", e->clock);
		set(r, "due", d.s);
		hl_buf_free(&d);
	}
	set(r, "score", score_s);
	if (e->master) {
		/* typed as a ticket is: 0015 is today's */
		struct hl_buf m = {0};
		hl_entry_ticket(e->master, cfg, now, &m);
		hl_record_set(r, "master", m.s);
		hl_buf_free(&m);
	}
	if (e->reason) {
		/* the reason first, then what else was said */
		struct hl_buf why = {0};
		hl_buf_adds(&why, e->reason);
		if (e->text)
			hl_buf_printf(&why, ": %s", e->text);
		hl_record_set(r, "text", why.s);
		hl_buf_free(&why);
	} else {
		set(r, "text", e->text);
	}
	long score;
	if (e->kind == HL_EV_FOLLOWUP && score_s && !hl_parse_long(score_s, 1, 5, &score) &&
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
	hl_buf_free(&sbuf);
	return 0;
}
