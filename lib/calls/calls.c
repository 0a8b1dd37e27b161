/* calls.c - finished calls of the phone system, as journal records */
#include <stdlib.h>
#include <string.h>

#include "calls/calls.h"
#include "base/utf8.h"

void hl_callset_init(struct hl_callset *s, const char *source)
{
	memset(s, 0, sizeof *s);
	s->source = hl_xstrdup(source);
	hl_strmap_init(&s->legs, sizeof(size_t));
	hl_strmap_init(&s->latest, sizeof(size_t));
}

/* A copy of a value the phone system gave, NULL for none or empty. */
static char *nonempty_dup(const char *s)
{
	return s && *s ? hl_xstrdup(s) : NULL;
}

static void call_strings_free(struct hl_call *c)
{
	free(c->id);
	free(c->queue);
	free(c->agent);
	free(c->callerid);
	free(c->rang);
}

void hl_callset_adopt(struct hl_callset *s, struct hl_call *c)
{
	struct hl_buf key = {0};
	hl_call_key(c->id, c->queue, &key);
	size_t *leg = hl_strmap_put(&s->legs, key.s);
	hl_buf_free(&key);
	if (*leg) {
		call_strings_free(c);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = hl_xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	struct hl_call *d = &s->v[s->n];
	*d = *c;
	d->rerouted = 0;
	*leg = ++s->n;
	/* the caller went on from the earlier leg: that one is not a miss to
	 * call back, the last leg says how the call ended */
	size_t *latest = hl_strmap_put(&s->latest, c->id);
	if (*latest)
		s->v[*latest - 1].rerouted = 1;
	*latest = s->n;
}

void hl_callset_add(struct hl_callset *s, const struct hl_call *c)
{
	struct hl_call d = *c;
	d.id = hl_xstrdup(c->id);
	d.queue = nonempty_dup(c->queue);
	d.agent = nonempty_dup(c->agent);
	d.callerid = nonempty_dup(c->callerid);
	d.rang = nonempty_dup(c->rang);
	hl_callset_adopt(s, &d);
}

void hl_callset_free(struct hl_callset *s)
{
	for (size_t i = 0; i < s->n; i++)
		call_strings_free(&s->v[i]);
	free(s->v);
	free(s->source);
	hl_strmap_free(&s->legs);
	hl_strmap_free(&s->latest);
	memset(s, 0, sizeof *s);
}

/* '"张三" <13800138000>' into a name and a number; either may be empty. */
static void split_callerid(const char *cid, struct hl_buf *name, struct hl_buf *number)
{
	const char *lt = strchr(cid, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	hl_buf_clear(name);
	hl_buf_clear(number);
	if (!gt) {
		hl_buf_adds(number, cid);
		return;
	}
	hl_buf_add(number, lt + 1, (size_t)(gt - lt - 1));
	const char *b = cid, *e = lt;
	while (b < e && (*b == ' ' || *b == '"'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '"'))
		e--;
	hl_buf_add(name, b, (size_t)(e - b));
}

static void set_seconds(struct hl_record *r, const char *col, long v)
{
	char num[24];
	if (v < 0)
		return;
	snprintf(num, sizeof num, "%ld", v);
	hl_record_set(r, col, num);
}

/* The person of the staff an unanswered call rang: theirs to call back. */
static void set_owner(const struct hl_call *c, const struct hl_config *cfg, struct hl_record *r)
{
	const struct hl_person *p = c->rang ? hl_config_person(cfg, hl_telephony_agent(&cfg->calls, c->rang)) : NULL;
	const char *owner = cfg->calls.owner;
	/* one that rang nobody is the hotline's: calls.owner calls back */
	if (!p && owner && !(p = hl_config_person(cfg, owner))) {
		hl_record_set(r, "dept", owner);
		return;
	}
	if (!p)
		return;
	hl_record_set(r, "assignee", p->name);
	if (p->dept)
		hl_record_set(r, "dept", p->dept);
}

/* A hang-up sooner than calls.short_abandon: a misdial, no call-back owed
 * unless calls.misdial_tickets says so. An unknown wait is no misdial. */
static int misdial(const struct hl_call *c, const struct hl_telephony *t)
{
	return c->outcome == HL_OUT_ABANDONED && c->wait >= 0 && c->wait < t->short_abandon &&
	       !t->misdial_tickets;
}

/* A call nobody answered whose caller id is no number (withheld,
 * anonymous, a name alone): a call record, for no ticket can be owed a
 * call-back without a number; its text says so, and hl-report calls
 * counts it (missed_no_number). The caller id is kept when it is short
 * plain text, to show what the phone system gave. */
#define NO_NUMBER "missed: no number to call back"
static void no_number_text(const char *cid, struct hl_record *r)
{
	struct hl_buf text = {0};
	int plain = *cid && strlen(cid) <= 64 && !hl_text_check(cid, strlen(cid), "caller", NULL);
	for (const char *p = cid; plain && *p; p++)
		plain = (unsigned char)*p >= 0x20 && *p != 0x7f && *p != '\'' && *p != '\\';
	if (plain)
		hl_buf_printf(&text, NO_NUMBER " (caller id '%s')", cid);
	else
		hl_buf_adds(&text, *cid ? NO_NUMBER " (caller id unreadable)" : NO_NUMBER " (no caller id)");
	hl_record_set(r, "text", text.s);
	hl_buf_free(&text);
}

static void call_record(const struct hl_call *c, const struct hl_config *cfg, struct hl_record *r)
{
	const struct hl_telephony *t = &cfg->calls;
	struct hl_buf name = {0}, number = {0}, phone = {0}, when = {0};
	split_callerid(c->callerid ? c->callerid : "", &name, &number);
	int known = number.len && !hl_phone_normalize(number.s, &phone, NULL);
	int unanswered = c->outcome != HL_OUT_ANSWERED && !c->rerouted;
	int missed = unanswered && known && !misdial(c, t);
	hl_time_format(hl_time_local(c->start), &when);
	hl_record_set(r, "time", when.s);
	hl_record_set(r, "event", missed ? "missed" : "call");
	if (c->outcome == HL_OUT_ANSWERED && c->agent)
		hl_record_set(r, "actor", hl_telephony_agent(t, c->agent));
	hl_record_set(r, "channel", hl_vocab_name(&hl_channels, t->channel));
	if (name.len && !hl_text_check(name.s, name.len, "caller", NULL))
		hl_record_set(r, "caller", name.s);
	if (known)
		hl_record_set(r, "phone", phone.s);
	if (missed)
		set_owner(c, cfg, r);
	hl_record_set(r, "call", c->id);
	if (c->queue)
		hl_record_set(r, "queue", c->queue);
	hl_record_set(r, "outcome", hl_vocab_name(&hl_outcomes, c->rerouted && c->outcome != HL_OUT_ANSWERED
							       ? HL_OUT_REROUTED : c->outcome));
	set_seconds(r, "wait", c->wait);
	set_seconds(r, "talk", c->outcome == HL_OUT_ANSWERED ? c->talk : -1);
	if (unanswered && !known)
		no_number_text(number.s, r);
	else if (unanswered && !missed)
		hl_record_set(r, "text", "short abandon: no call-back owed (calls.short_abandon)");
	r->line = c->line;
	hl_buf_free(&name);
	hl_buf_free(&number);
	hl_buf_free(&phone);
	hl_buf_free(&when);
}

static int by_start(const void *a, const void *b, void *arg)
{
	const struct hl_call *const *x = a, *const *y = b;
	(void)arg;
	if ((*x)->start != (*y)->start)
		return (*x)->start < (*y)->start ? -1 : 1;
	return *x < *y ? -1 : *x > *y; /* stable: the order they ended in */
}

void hl_calls_to_batch(const struct hl_callset *s, const struct hl_config *cfg,
		       struct hl_batch *b)
{
	const struct hl_call **order = hl_xcalloc(s->n ? s->n : 1, sizeof *order);
	for (size_t i = 0; i < s->n; i++)
		order[i] = &s->v[i];
	qsort_r(order, s->n, sizeof *order, by_start, NULL);
	free(b->source);
	b->source = hl_xstrdup(s->source);
	/* an extension calling: an internal call, or an agent's consulting
	 * call into a queue, is not the hotline's */
	struct hl_internal internal;
	struct hl_buf name = {0}, number = {0};
	hl_internal_init(&internal, &cfg->calls);  /* checked when configured */
	for (size_t i = 0; i < s->n; i++) {
		split_callerid(order[i]->callerid ? order[i]->callerid : "", &name, &number);
		if (number.len && hl_internal_match(&internal, number.s))
			continue;
		call_record(order[i], cfg, hl_batch_add(b));
	}
	hl_internal_free(&internal);
	hl_buf_free(&name);
	hl_buf_free(&number);
	free(order);
}
