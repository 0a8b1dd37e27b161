/* fold.c - the ticket lifecycle and a table of tickets */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hl/fold.h"
#include "hl/phone.h"

static const char *const state_names[] = {
	[HL_ST_NONE] = "none",         [HL_ST_OPEN] = "open",
	[HL_ST_ASSIGNED] = "assigned", [HL_ST_ACKED] = "acked",
	[HL_ST_RESOLVED] = "resolved", [HL_ST_CLOSED] = "closed",
	[HL_ST_MISSED] = "missed",     [HL_ST_CALLED_BACK] = "called-back",
	[HL_ST_VOID] = "void",         [HL_ST_LINKED] = "linked",
};

const char *hl_state_name(enum hl_state s)
{
	return state_names[s];
}

int hl_state_parse(const char *name)
{
	for (size_t i = 1; i < sizeof state_names / sizeof state_names[0]; i++)
		if (hl_streq(state_names[i], name))
			return (int)i;
	return -1;
}

static int active(enum hl_state s)
{
	return s == HL_ST_OPEN || s == HL_ST_ASSIGNED || s == HL_ST_ACKED;
}

/* A string of t's own allocation (its spare room), not to be freed
 * alone; addresses compared as integers, the string being anywhere. */
static int in_block(const struct hl_ticket *t, const char *p)
{
	uintptr_t at = (uintptr_t)p;
	return at >= (uintptr_t)(t + 1) && at < (uintptr_t)t->spare_end;
}

static void drop_str(struct hl_ticket *t, char **s)
{
	if (*s && !in_block(t, *s))
		free(*s);
	*s = NULL;
}

/* *dst becomes a copy of v (NULL: kept as it is), in the spare room
 * when it fits. */
static void set_str(struct hl_ticket *t, char **dst, const char *v)
{
	if (!v || (*dst && hl_streq(*dst, v)))
		return; /* a route's department assigned again keeps its copy */
	drop_str(t, dst);
	size_t n = strlen(v) + 1;
	if (t->spare && (size_t)(t->spare_end - t->spare) >= n) {
		*dst = memcpy(t->spare, v, n);
		t->spare += n;
	} else {
		*dst = hl_xstrndup(v, n - 1);
	}
}

/* The refusal for ev on t, or NULL when the lifecycle allows it. */
static const char *refusal(const struct hl_ticket *t, const struct hl_event *ev)
{
	enum hl_state s = t->state;
	if (ev->kind == HL_EV_OPEN || ev->kind == HL_EV_MISSED)
		return s == HL_ST_NONE ? NULL : "ticket already exists";
	if (s == HL_ST_NONE)
		return "unknown ticket";
	/* a void ticket takes a note, a correction, or a reopen that undoes
	 * the void */
	if (s == HL_ST_VOID && ev->kind != HL_EV_NOTE && ev->kind != HL_EV_REOPEN &&
	    ev->kind != HL_EV_AMEND)
		return ev->kind == HL_EV_VOID ? "ticket is already void" : "ticket is void";
	/* a duplicate waits on its master: a note, a correction, the
	 * tools' records, or a reopen that unlinks it (hl_ticket_apply
	 * names the master) */
	if (s == HL_ST_LINKED && ev->kind != HL_EV_NOTE && ev->kind != HL_EV_REOPEN &&
	    ev->kind != HL_EV_AMEND && ev->kind != HL_EV_ESCALATE)
		return "linked";
	switch (ev->kind) {
	case HL_EV_CALLBACK:
		return s == HL_ST_MISSED ? NULL
		       : s == HL_ST_CALLED_BACK ? "missed call already called back"
		       : "not a missed call";
	case HL_EV_ROUTE:
		/* automatic dispatch of a waiting ticket; a transfer is an assign.
		 * Two routers racing cannot both dispatch one ticket. */
		return s == HL_ST_OPEN ? NULL : active(s) ? "ticket is already dispatched"
		       : "ticket is not open";
	case HL_EV_ASSIGN:
	case HL_EV_REPLY:
	case HL_EV_ARRIVE:
	case HL_EV_UPDATE:
		return active(s) ? NULL : "ticket is not open";
	case HL_EV_ACK:
		return s == HL_ST_ASSIGNED ? NULL
		       : s == HL_ST_ACKED ? "already acknowledged"
		       : active(s) ? "ticket is not assigned to anyone yet"
		       : "ticket is not open";
	case HL_EV_HOLD:
		return !active(s) ? "ticket is not open" : t->held ? "ticket is already on hold" : NULL;
	case HL_EV_RESUME:
		return !active(s) ? "ticket is not open" : !t->held ? "ticket is not on hold" : NULL;
	case HL_EV_RESOLVE:
		return active(s) ? NULL : s == HL_ST_RESOLVED ? "ticket is already resolved"
		       : "ticket is not open";
	case HL_EV_FOLLOWUP:
		return s == HL_ST_RESOLVED || s == HL_ST_CLOSED ? NULL
		       : "followup before resolve";
	case HL_EV_REOPEN:
		return s == HL_ST_RESOLVED || s == HL_ST_CLOSED || s == HL_ST_VOID ||
		       s == HL_ST_LINKED ? NULL
		       : "only a resolved, closed, void or linked ticket can be reopened";
	case HL_EV_VOID:
		/* its duplicates would follow a ticket in no count */
		return t->dups ? "ticket has duplicates linked to it (reopen them first)" : NULL;
	case HL_EV_AMEND:
		return NULL;
	case HL_EV_LINK:
		/* a duplicate of live work, found while it is waited on */
		if (t->dups)
			return "ticket has duplicates of its own: link them and it to one master, "
			       "or link the other way";
		return active(s) ? NULL : "only an open, assigned or acked ticket can be linked";
	case HL_EV_RETURN:
	case HL_EV_SUPERVISE:
		/* a department's ticket: dispatched to it */
		return s == HL_ST_ASSIGNED || s == HL_ST_ACKED ? NULL
		       : s == HL_ST_OPEN ? "ticket is not dispatched" : "ticket is not open";
	case HL_EV_EXTEND:
		return !active(s) ? "ticket is not open"
		       : t->asking ? "an extension already waits for approval" : NULL;
	case HL_EV_APPROVE:
	case HL_EV_REFUSE:
		return t->asking ? NULL : "no extension waits for approval";
	case HL_EV_REVIEW:
		return s != HL_ST_RESOLVED ? "ticket is not resolved"
		       : !hl_ticket_unreviewed(t) ? "the resolve is already reviewed" : NULL;
	case HL_EV_CLOSE:
		return s == HL_ST_RESOLVED || s == HL_ST_CALLED_BACK ? NULL
		       : s == HL_ST_CLOSED ? "ticket is already closed"
		       : "ticket is not resolved";
	case HL_EV_ESCALATE:
		/* one notice per clock, rung, deadline and person, however many
		 * cron jobs */
		if (ev->clock >= 0 && ev->has_due &&
		    hl_ticket_was_sent_to(t, ev->clock, ev->level, ev->due.t, hl_notice_who(ev->notify)))
			return "this escalation was already recorded";
		return s == HL_ST_CLOSED ? "ticket is closed" : NULL;
	default:
		return NULL; /* note: always */
	}
}

static const char *verdict_refusal(const struct hl_ticket *t, const struct hl_event *ev)
{
	if (ev->kind != HL_EV_RESOLVE || !ev->verdict)
		return NULL;
	int complaint_word = ev->verdict == HL_VER_VALID || ev->verdict == HL_VER_INVALID;
	if (complaint_word && t->category != HL_CAT_COMPLAINT)
		return "verdict valid/invalid is for complaints";
	if (!complaint_word && t->category != HL_CAT_SUGGESTION)
		return "verdict adopted/declined is for suggestions";
	return NULL;
}

static void apply_open(struct hl_ticket *t, const struct hl_event *ev)
{
	t->state = ev->kind == HL_EV_OPEN ? HL_ST_OPEN : HL_ST_MISSED;
	t->missed = ev->kind == HL_EV_MISSED;
	t->category = ev->category;
	set_str(t, &t->category2, ev->category2);
	t->priority = ev->priority ? ev->priority : HL_PRI_NORMAL;
	t->channel = ev->channel;
	t->opened = ev->time;
	set_str(t, &t->opener, ev->actor);
	set_str(t, &t->phone, ev->phone);
	set_str(t, &t->place, ev->place);
	set_str(t, &t->dept, ev->dept);
	set_str(t, &t->assignee, ev->assignee);
	set_str(t, &t->text, ev->text);
	set_str(t, &t->caller, ev->caller);
}

/* A correction: the new values from now on. The clocks are computed
 * from the ticket as it stands, so a corrected category, priority or
 * channel has its SLA rules from the ticket's start. */
static void amend(struct hl_ticket *t, const struct hl_event *ev)
{
	if (ev->category) {
		/* the category corrected whole: its second level with it */
		t->category = ev->category;
		if (ev->category2)
			set_str(t, &t->category2, ev->category2);
		else
			drop_str(t, &t->category2);
	}
	if (ev->priority)
		t->priority = ev->priority;
	if (ev->channel)
		t->channel = ev->channel;
	set_str(t, &t->phone, ev->phone);
	set_str(t, &t->place, ev->place);
	set_str(t, &t->text, ev->text);
}

static void start_hold(struct hl_ticket *t, const struct hl_event *ev)
{
	t->held = 1;
	t->held_since = ev->time.t;
	t->holds = hl_xreallocarray(t->holds, t->nholds + 1, sizeof *t->holds);
	t->holds[t->nholds++] = (struct hl_hold){ev->time.t, 0};
}

static void end_hold(struct hl_ticket *t, const struct hl_event *ev)
{
	if (!t->held)
		return;
	if (ev->time.t > t->held_since)
		t->held_total += ev->time.t - t->held_since;
	t->holds[t->nholds - 1].to = ev->time.t;
	t->held = 0;
}

static void note_sent(struct hl_ticket *t, const struct hl_event *ev)
{
	t->escalations++;
	if (!ev->has_due || ev->clock < 0)
		return;
	t->sent = hl_xreallocarray(t->sent, t->nsent + 1, sizeof *t->sent);
	t->sent[t->nsent++] = (struct hl_notice){ev->clock, ev->level, ev->due.t,
						 hl_notice_who(ev->notify)};
}

int hl_ticket_unreviewed(const struct hl_ticket *t)
{
	/* a duplicate was resolved with its master: no review of its own */
	return (t->state == HL_ST_RESOLVED || t->state == HL_ST_CLOSED) && t->resolved.t &&
	       t->reviewed.t < t->resolved.t && !t->master;
}

/* A department sends its dispatch back (退单): the ticket waits for
 * dispatch again. The assign clock runs again from the open (a routing
 * error is the dispatch's); the department's ack clock waits for the
 * next dispatch, as after a reopen. dept names who sent it back, so that
 * a router does not send it there again. */
static void send_back(struct hl_ticket *t, const struct hl_event *ev)
{
	end_hold(t, ev);
	t->state = HL_ST_OPEN;
	t->assigned = t->dispatched = (struct hl_time){0};
	drop_str(t, &t->assignee);
	t->returns++;
	t->returned = 1;
}

/* The centre's review of a resolve: accepted, the resolve stands (its
 * clocks stop here); rejected, back to the department that resolved. */
static void review(struct hl_ticket *t, const struct hl_event *ev)
{
	if (ev->review == HL_REV_ACCEPTED) {
		t->reviewed = ev->time;
		return;
	}
	t->rejects++;
	t->state = t->acked.t && t->acked.t >= t->assigned.t ? HL_ST_ACKED
		   : t->assigned.t ? HL_ST_ASSIGNED : HL_ST_OPEN;
}

static void decide_ext(struct hl_ticket *t, const struct hl_event *ev)
{
	t->asking = 0;
	if (ev->kind != HL_EV_APPROVE)
		return;
	t->asked.approved = ev->time.t;
	t->exts = hl_xreallocarray(t->exts, t->nexts + 1, sizeof *t->exts);
	t->exts[t->nexts++] = t->asked;
}

int64_t hl_ticket_since(const struct hl_ticket *t)
{
	return t->reopens && t->reopened.t ? t->reopened.t : t->opened.t;
}

int hl_ticket_held_at(const struct hl_ticket *t, int64_t now)
{
	for (size_t i = t->nholds; i-- > 0;)
		if (t->holds[i].from <= now && (!t->holds[i].to || t->holds[i].to > now))
			return 1;
	return 0;
}

int64_t hl_notice_who(const char *notify)
{
	return (int64_t)(hl_hash_str(notify ? notify : "") >> 1);
}

int hl_ticket_was_sent_to(const struct hl_ticket *t, int clock, int level, int64_t due,
			  int64_t who)
{
	for (size_t i = 0; i < t->nsent; i++)
		if (t->sent[i].clock == clock && t->sent[i].level == level && t->sent[i].due == due &&
		    t->sent[i].who == who)
			return 1;
	return 0;
}

int hl_ticket_was_sent(const struct hl_ticket *t, int clock, int level, int64_t due)
{
	for (size_t i = 0; i < t->nsent; i++)
		if (t->sent[i].clock == clock && t->sent[i].level == level && t->sent[i].due == due)
			return 1;
	return 0;
}

/* Records written by the tools, and notes, may be written after the
 * fact: a late entry may come before them. */
static int robot_or_note(enum hl_event_kind k)
{
	/* a correction is no step of the ticket's either */
	return k == HL_EV_ESCALATE || k == HL_EV_ROUTE || k == HL_EV_NOTE || k == HL_EV_AMEND;
}

/* The earliest time ev may have on t: the ticket's latest step entered
 * by a person (t->last), and the step ev's own state needs. */
static struct hl_time late_floor(const struct hl_ticket *t, const struct hl_event *ev)
{
	struct hl_time need = {0};
	switch (ev->kind) {
	case HL_EV_ACK:
		need = t->assigned; /* the dispatch it signs for */
		break;
	case HL_EV_RESUME:
		need = hl_time_local(t->held_since);
		break;
	case HL_EV_FOLLOWUP:
	case HL_EV_REOPEN:
		need = t->resolved;
		break;
	case HL_EV_CLOSE:
		need = t->state == HL_ST_CALLED_BACK ? t->called : t->resolved;
		break;
	default:
		break;
	}
	return need.t > t->last.t ? need : t->last;
}

int hl_ticket_apply(struct hl_ticket *t, const struct hl_event *ev, struct hl_buf *err)
{
	const char *why = refusal(t, ev);
	if (!why)
		why = verdict_refusal(t, ev);
	if (why && hl_streq(why, "linked")) {
		struct hl_buf m = {0};
		hl_fail(err, "%s: ticket is linked to %s: it follows its master "
			"(reopen unlinks it)", ev->ticket ? hl_shown(ev->ticket, &m) : "?",
			t->master ? t->master : "?");
		hl_buf_free(&m);
		return -1;
	}
	if (why) {
		/* a phone typed where the ticket goes is not echoed whole */
		struct hl_buf m = {0};
		hl_fail(err, "%s: %s", ev->ticket ? hl_shown(ev->ticket, &m) : "?", why);
		hl_buf_free(&m);
		return -1;
	}
	struct hl_time after = late_floor(t, ev);
	if (t->state != HL_ST_NONE && ev->time.t < after.t) {
		/* a late entry may not come before the step it follows: every
		 * interval the reports measure stays non-negative */
		struct hl_buf a = {0}, b = {0};
		hl_time_format(ev->time, &a);
		hl_time_format(after, &b);
		hl_fail(err, "%s: %s at %s is before the ticket's previous step at %s",
			ev->ticket ? ev->ticket : "?", hl_vocab_name(&hl_events, ev->kind), a.s, b.s);
		hl_buf_free(&a);
		hl_buf_free(&b);
		return -1;
	}
	switch (ev->kind) {
	case HL_EV_OPEN:
	case HL_EV_MISSED:
		apply_open(t, ev);
		break;
	case HL_EV_CALLBACK:
		t->state = HL_ST_CALLED_BACK;
		t->called = ev->time;
		break;
	case HL_EV_ROUTE:
	case HL_EV_ASSIGN:
		t->state = HL_ST_ASSIGNED;
		t->assigned = ev->time;
		if (!t->dispatched.t)
			t->dispatched = ev->time;
		set_str(t, &t->dept, ev->dept);
		if (ev->assignee)
			set_str(t, &t->assignee, ev->assignee);
		else
			drop_str(t, &t->assignee);
		if (ev->priority)
			t->priority = ev->priority;
		/* the rule behind it (none: by hand), for the returns' report */
		if (ev->rule)
			set_str(t, &t->rule, ev->rule);
		else
			drop_str(t, &t->rule);
		t->returned = 0;
		break;
	case HL_EV_ACK:
		t->state = HL_ST_ACKED;
		t->acked = ev->time;
		break;
	case HL_EV_HOLD:
		start_hold(t, ev);
		break;
	case HL_EV_RESUME:
		end_hold(t, ev);
		break;
	case HL_EV_RESOLVE:
		end_hold(t, ev);
		t->asking = 0; /* nothing left to extend: an extension waiting lapses */
		t->state = HL_ST_RESOLVED;
		t->resolved = ev->time;
		if (!t->first_resolved.t)
			t->first_resolved = ev->time;
		if (ev->verdict)
			t->verdict = ev->verdict;
		break;
	case HL_EV_FOLLOWUP:
		t->followups++;
		t->last_score = ev->score;
		t->followed = ev->time;
		break;
	case HL_EV_REPLY:
		if (!t->replied.t)
			t->replied = ev->time;
		t->progress = ev->time;
		break;
	case HL_EV_ARRIVE:
		if (!t->arrived.t)
			t->arrived = ev->time;
		t->progress = ev->time;
		break;
	case HL_EV_UPDATE:
		t->progress = ev->time;
		break;
	case HL_EV_REOPEN:
		/* a duplicate reopened is its own ticket again, as a void
		 * ticket reopened is counted again */
		drop_str(t, &t->master);
		t->reopened = ev->time;
		/* waiting for dispatch again; dept still names the department
		 * that resolved it, where a router sends it back. The ack clock
		 * waits for that dispatch. */
		t->state = HL_ST_OPEN;
		t->assigned = (struct hl_time){0};
		t->reopens++;
		break;
	case HL_EV_CLOSE:
		t->state = HL_ST_CLOSED;
		t->closed = ev->time;
		break;
	case HL_EV_AMEND:
		amend(t, ev);
		break;
	case HL_EV_VOID:
		/* a hold ends with it: no clock runs for a void ticket */
		end_hold(t, ev);
		t->asking = 0;
		t->state = HL_ST_VOID;
		break;
	case HL_EV_LINK:
		/* its own clocks stop: a hold ends, an extension asked lapses */
		end_hold(t, ev);
		t->asking = 0;
		t->state = HL_ST_LINKED;
		set_str(t, &t->master, ev->master);
		break;
	case HL_EV_ESCALATE:
		note_sent(t, ev);
		break;
	case HL_EV_RETURN:
		send_back(t, ev);
		break;
	case HL_EV_EXTEND:
		t->asking = 1;
		t->asked = (struct hl_ext){ev->clock, ev->more, ev->time.t, 0};
		break;
	case HL_EV_APPROVE:
	case HL_EV_REFUSE:
		decide_ext(t, ev);
		break;
	case HL_EV_SUPERVISE:
		t->supervisions++;
		t->supervised = ev->time;
		break;
	case HL_EV_REVIEW:
		review(t, ev);
		break;
	default:
		break;
	}
	if (!robot_or_note(ev->kind))
		t->last = ev->time;
	return 0;
}

/* The strings t owns (not its id), freed. */
static void drop_strs(struct hl_ticket *t)
{
	char **strs[] = {&t->opener, &t->phone, &t->dept, &t->assignee, &t->place, &t->text,
			 &t->caller, &t->rule, &t->master, &t->dups, &t->category2};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		drop_str(t, strs[i]);
	free(t->holds);
	free(t->sent);
	free(t->exts);
}

void hl_ticket_copy(struct hl_ticket *dst, const struct hl_ticket *src)
{
	/* dst keeps its id and its room, src's strings copied to the heap */
	struct hl_ticket keep = *dst;
	drop_strs(dst);
	*dst = *src;
	memcpy(dst->idbuf, keep.idbuf, sizeof dst->idbuf);
	dst->id = keep.id;
	dst->spare = keep.spare, dst->spare_end = keep.spare_end;
	dst->opener = hl_xstrdup_opt(src->opener);
	dst->phone = hl_xstrdup_opt(src->phone);
	dst->dept = hl_xstrdup_opt(src->dept);
	dst->assignee = hl_xstrdup_opt(src->assignee);
	dst->place = hl_xstrdup_opt(src->place);
	dst->text = hl_xstrdup_opt(src->text);
	dst->caller = hl_xstrdup_opt(src->caller);
	dst->category2 = hl_xstrdup_opt(src->category2);
	dst->holds = hl_xcalloc(src->nholds ? src->nholds : 1, sizeof *dst->holds);
	if (src->nholds)
		memcpy(dst->holds, src->holds, src->nholds * sizeof *dst->holds);
	dst->sent = hl_xcalloc(src->nsent ? src->nsent : 1, sizeof *dst->sent);
	if (src->nsent)
		memcpy(dst->sent, src->sent, src->nsent * sizeof *dst->sent);
	dst->rule = hl_xstrdup_opt(src->rule);
	dst->master = hl_xstrdup_opt(src->master);
	dst->dups = hl_xstrdup_opt(src->dups);
	dst->exts = hl_xcalloc(src->nexts ? src->nexts : 1, sizeof *dst->exts);
	if (src->nexts)
		memcpy(dst->exts, src->exts, src->nexts * sizeof *dst->exts);
}

void hl_ticket_free(struct hl_ticket *t)
{
	if (t->id != t->idbuf)
		free(t->id);
	drop_strs(t);
}

/* An id's hash, never 0 (0 marks an empty slot). Kept beside the slots,
 * it settles most comparisons, and a growing table's moves, without
 * reaching the ticket (a cache miss each). */
static size_t hash_of(const char *id)
{
	/* the top bit: the low ones choose the slot */
	return hl_hash_str(id) | ~(SIZE_MAX >> 1);
}

static size_t find_slot(const struct hl_tickets *tt, const char *id, size_t hash)
{
	size_t i = hash & (tt->cap - 1);
	while (tt->slot[i].hash && (tt->slot[i].hash != hash || strcmp(tt->slot[i].t->id, id) != 0))
		i = (i + 1) & (tt->cap - 1);
	return i;
}

static void place(struct hl_tickets *tt, struct hl_ticket *t, size_t hash)
{
	size_t i = hash & (tt->cap - 1);
	while (tt->slot[i].hash)
		i = (i + 1) & (tt->cap - 1);
	tt->slot[i] = (struct hl_ticket_slot){hash, t};
}

/* The ticket of that id and hash, or NULL. */
static struct hl_ticket *lookup(const struct hl_tickets *tt, const char *id, size_t hash)
{
	return tt->cap ? tt->slot[find_slot(tt, id, hash)].t : NULL;
}

struct hl_ticket *hl_tickets_get(const struct hl_tickets *tt, const char *id)
{
	return lookup(tt, id, hash_of(id));
}

static void grow(struct hl_tickets *tt)
{
	struct hl_tickets old = *tt;
	tt->cap = old.cap ? old.cap * 2 : 64;
	tt->slot = hl_xcalloc(tt->cap, sizeof *tt->slot);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i].hash)
			place(tt, old.slot[i].t, old.slot[i].hash);
	free(old.slot);
}

/* A new ticket of that id, room bytes spare after it for its strings. */
static struct hl_ticket *add_new(struct hl_tickets *tt, const char *id, size_t hash, size_t room)
{
	if ((tt->n + 1) * 4 > tt->cap * 3)
		grow(tt);
	struct hl_ticket *t = hl_xcalloc(1, sizeof *t + room);
	size_t n = strlen(id) + 1;
	t->id = n <= sizeof t->idbuf ? memcpy(t->idbuf, id, n) : hl_xstrndup(id, n - 1);
	if (room)
		t->spare = (char *)(t + 1), t->spare_end = t->spare + room;
	place(tt, t, hash);
	tt->n++;
	return t;
}

struct hl_ticket *hl_tickets_add(struct hl_tickets *tt, const char *id)
{
	size_t hash = hash_of(id);
	struct hl_ticket *t = lookup(tt, id, hash);
	return t ? t : add_new(tt, id, hash, 0);
}

void hl_tickets_del(struct hl_tickets *tt, const char *id)
{
	if (!tt->cap)
		return;
	size_t i = find_slot(tt, id, hash_of(id));
	if (!tt->slot[i].hash)
		return;
	hl_ticket_free(tt->slot[i].t);
	free(tt->slot[i].t);
	tt->slot[i] = (struct hl_ticket_slot){0, NULL};
	tt->n--;
	/* linear probing: move later members of the run back into the gap */
	for (size_t j = (i + 1) & (tt->cap - 1); tt->slot[j].hash; j = (j + 1) & (tt->cap - 1)) {
		struct hl_ticket_slot moved = tt->slot[j];
		tt->slot[j] = (struct hl_ticket_slot){0, NULL};
		place(tt, moved.t, moved.hash);
	}
}

void hl_tickets_free(struct hl_tickets *tt)
{
	for (size_t i = 0; i < tt->cap; i++) {
		if (tt->slot[i].t) {
			hl_ticket_free(tt->slot[i].t);
			free(tt->slot[i].t);
		}
	}
	free(tt->slot);
	memset(tt, 0, sizeof *tt);
}

/* Bytes the strings of ev take with their ends, 0 for those absent. */
static size_t room_for(const char *const *strs, size_t n)
{
	size_t room = 0;
	for (size_t i = 0; i < n; i++)
		room += strs[i] ? strlen(strs[i]) + 1 : 0;
	return room;
}

/* A reopen of a ticket forgotten when it closed: hl-log writes where the
 * ticket stood into every reopen record. What it does not carry ended
 * before the reopen: the resolve stands in for the first round's steps. */
static struct hl_ticket *revive(struct hl_tickets *tt, const struct hl_event *ev, size_t hash)
{
	const char *strs[] = {ev->dept, ev->assignee, ev->phone, ev->place, ev->actor,
			      ev->category2};
	struct hl_ticket *t = add_new(tt, ev->ticket, hash, room_for(strs, 6));
	t->state = HL_ST_RESOLVED;
	t->category = ev->category;
	set_str(t, &t->category2, ev->category2);
	t->priority = ev->priority ? ev->priority : HL_PRI_NORMAL;
	t->channel = ev->channel;
	t->opened = t->resolved = t->first_resolved = ev->time;
	set_str(t, &t->dept, ev->dept);
	set_str(t, &t->assignee, ev->assignee);
	set_str(t, &t->phone, ev->phone);
	set_str(t, &t->place, ev->place);
	/* the record does not carry the first-contact owner: who reopened
	 * it stands in, so that a late round is still heard of */
	set_str(t, &t->opener, ev->actor);
	return t;
}

/* A ticket for an opening event, with room for the strings it keeps. */
static struct hl_ticket *opened(struct hl_tickets *tt, const struct hl_event *ev, size_t hash)
{
	const char *strs[] = {ev->actor, ev->phone, ev->place, ev->dept, ev->assignee, ev->text,
			      ev->caller, ev->category2};
	return add_new(tt, ev->ticket, hash, room_for(strs, 8));
}

struct hl_ticket *hl_tickets_add_for(struct hl_tickets *tt, const struct hl_event *ev)
{
	size_t hash = hash_of(ev->ticket);
	struct hl_ticket *t = lookup(tt, ev->ticket, hash);
	return t ? t : opened(tt, ev, hash);
}

typedef int settled_fn(const struct hl_ticket *, const void *);

/* The fold; revive: a reopen of an unknown ticket is of one forgotten;
 * settled: a ticket to forget before the record (NULL: none). */
/* Whether ev acts on other tickets than t: a link on its master, a
 * reopen on the master it leaves, a master's resolve or close on its
 * duplicates. */
static inline int touches_others(const struct hl_ticket *t, const struct hl_event *ev)
{
	return ev->kind == HL_EV_LINK || ev->kind == HL_EV_REOPEN ||
	       ((ev->kind == HL_EV_RESOLVE || ev->kind == HL_EV_CLOSE) && t->dups);
}

static struct hl_ticket *fold(struct hl_tickets *tt, const struct hl_event *ev, const char *file,
			      long line, int revive_it, settled_fn *settled, const void *arg)
{
	struct hl_buf err = {0};
	if (ev->kind == HL_EV_CALL)
		return NULL; /* a call of the phone queue, not a ticket's */
	size_t hash = hash_of(ev->ticket);
	struct hl_ticket *t = lookup(tt, ev->ticket, hash);
	if (t && settled && settled(t, arg)) {
		hl_tickets_del(tt, ev->ticket);
		t = NULL;
	}
	if (!t && (ev->kind == HL_EV_OPEN || ev->kind == HL_EV_MISSED))
		t = opened(tt, ev, hash);
	else if (!t && ev->kind == HL_EV_REOPEN && revive_it)
		t = revive(tt, ev, hash);
	/* most records touch no other ticket: straight to it (the call
	 * through hl_tickets_apply cost a report's fold 1.3 % more
	 * instructions) */
	if (t && (touches_others(t, ev) ? hl_tickets_apply(tt, t, ev, &err)
					: hl_ticket_apply(t, ev, &err))) {
		hl_warnx("%s:%ld: %s (record ignored)", file, line, err.s);
		if (t->state == HL_ST_NONE)
			hl_tickets_del(tt, ev->ticket);
		t = NULL;
	}
	hl_buf_free(&err);
	return t;
}

struct hl_ticket *hl_fold_event(struct hl_tickets *tt, const struct hl_event *ev,
				const char *file, long line)
{
	return fold(tt, ev, file, line, 0, NULL, NULL);
}

struct hl_ticket *hl_fold_open_live(struct hl_tickets *tt, const struct hl_cols *c,
				    const char *file, struct hl_event *ev, int64_t upto,
				    settled_fn *settled, const void *arg)
{
	struct hl_buf err = {0};
	if (hl_event_parse_cols(c, 0, ev, &err)) {
		hl_warnx("%s:%ld: %s (record ignored)", file, c->line, err.s);
		hl_buf_free(&err);
		ev->kind = HL_EV_NONE;
		return NULL;
	}
	if (upto && ev->time.t > upto) {
		ev->kind = HL_EV_NONE;
		return NULL;
	}
	struct hl_ticket *t = fold(tt, ev, file, c->line, 1, settled, arg);
	/* a void ticket is forgotten as a closed one is: its reopen carries
	 * where it stood, and sends it back to dispatch */
	if (t && (t->state == HL_ST_CLOSED || t->state == HL_ST_VOID)) {
		hl_tickets_del(tt, ev->ticket);
		t = NULL;
	}
	return t;
}

struct hl_ticket *hl_fold_open_upto(struct hl_tickets *tt, const struct hl_cols *c,
				    const char *file, struct hl_event *ev, int64_t upto)
{
	return hl_fold_open_live(tt, c, file, ev, upto, NULL, NULL);
}

struct hl_ticket *hl_fold_open(struct hl_tickets *tt, const struct hl_cols *c,
			       const char *file, struct hl_event *ev)
{
	return hl_fold_open_live(tt, c, file, ev, 0, NULL, NULL);
}

/* ---- link: the steps between a duplicate and its master ---- */

/* Where id is in the space-separated list, or NULL. */
static const char *find_word(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = list; p && *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && !memcmp(p, id, n))
			return p;
		p += k;
		p += *p == ' ';
	}
	return NULL;
}

int hl_ticket_has_dup(const struct hl_ticket *t, const char *id)
{
	return find_word(t->dups, id) != NULL;
}

static void add_dup(struct hl_ticket *m, const char *id)
{
	struct hl_buf b = {0};
	if (hl_ticket_has_dup(m, id))
		return;
	if (m->dups)
		hl_buf_printf(&b, "%s ", m->dups);
	hl_buf_adds(&b, id);
	set_str(m, &m->dups, b.s);
	hl_buf_free(&b);
}

static void drop_dup(struct hl_ticket *m, const char *id)
{
	const char *at = find_word(m->dups, id);
	if (!at)
		return;
	struct hl_buf b = {0};
	size_t n = strlen(id);
	hl_buf_add(&b, m->dups, (size_t)(at - m->dups));
	hl_buf_adds(&b, at[n] == ' ' ? at + n + 1 : at + n);
	if (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	if (b.len)
		set_str(m, &m->dups, b.s);
	else
		drop_str(m, &m->dups);
	hl_buf_free(&b);
}

void hl_ticket_set_dup(struct hl_ticket *t, const char *id, int on)
{
	if (on)
		add_dup(t, id);
	else
		drop_dup(t, id);
}

/* The refusal of a link by its master as the table holds it (NULL: a
 * master the table does not hold is the caller's to judge). */
static int master_refusal(const struct hl_tickets *tt, const struct hl_ticket *t,
			  const struct hl_event *ev, struct hl_buf *err)
{
	struct hl_buf m = {0};
	const char *id = ev->ticket ? hl_shown(ev->ticket, &m) : "?";
	const struct hl_ticket *mt = hl_tickets_get(tt, ev->master);
	int rc = 0;
	if (t->state == HL_ST_NONE || t->state == HL_ST_VOID || t->state == HL_ST_LINKED ||
	    t->dups)
		rc = 0; /* the ticket's own refusal says it */
	else if (hl_streq(ev->master, t->id))
		rc = hl_fail(err, "%s: a ticket cannot be linked to itself", id);
	else if (!mt || mt->state == HL_ST_NONE)
		rc = 0;
	else if (mt->master)
		rc = hl_fail(err, "%s: %s is itself a duplicate of %s: link to %s", id, mt->id,
			     mt->master, mt->master);
	else if (mt->state == HL_ST_VOID)
		rc = hl_fail(err, "%s: master %s is void", id, mt->id);
	else if (!active(mt->state))
		rc = hl_fail(err, "%s: master %s is %s: a duplicate follows open work "
			     "(answer this caller on the ticket itself, or reopen %s first)", id,
			     mt->id, hl_state_name(mt->state), mt->id);
	hl_buf_free(&m);
	return rc;
}

/* A duplicate follows its master's resolve (resolved at that instant)
 * and, once its own caller was followed up, its close. */
static void follow(struct hl_ticket *d, const struct hl_ticket *m, const struct hl_event *ev)
{
	if (!d->master || !hl_streq(d->master, m->id))
		return;
	if (ev->kind == HL_EV_RESOLVE && d->state == HL_ST_LINKED) {
		d->state = HL_ST_RESOLVED;
		d->resolved = ev->time;
		if (!d->first_resolved.t)
			d->first_resolved = ev->time;
	} else if (ev->kind == HL_EV_CLOSE && d->state == HL_ST_RESOLVED && d->followed.t &&
		   d->followed.t >= d->resolved.t) {
		d->state = HL_ST_CLOSED;
		d->closed = ev->time;
	} else {
		return;
	}
	if (ev->time.t > d->last.t)
		d->last = ev->time;
}

int hl_tickets_apply(struct hl_tickets *tt, struct hl_ticket *t, const struct hl_event *ev,
		     struct hl_buf *err)
{
	if (!touches_others(t, ev))
		return hl_ticket_apply(t, ev, err);
	if (ev->kind == HL_EV_LINK && ev->master && master_refusal(tt, t, ev, err))
		return -1;
	/* the master a reopen unlinks from: the ticket's, else the record's
	 * (a ticket revived from its reopen) */
	struct hl_buf was = {0};
	if (ev->kind == HL_EV_REOPEN && (t->master || ev->master))
		hl_buf_adds(&was, t->master ? t->master : ev->master);
	if (hl_ticket_apply(t, ev, err)) {
		hl_buf_free(&was);
		return -1;
	}
	struct hl_ticket *m;
	if (ev->kind == HL_EV_LINK && (m = hl_tickets_get(tt, ev->master)) != NULL)
		add_dup(m, t->id);
	else if (was.len && (m = hl_tickets_get(tt, was.s)) != NULL)
		drop_dup(m, t->id);
	hl_buf_free(&was);
	if ((ev->kind == HL_EV_RESOLVE || ev->kind == HL_EV_CLOSE) && t->dups) {
		/* the ids copied: a duplicate is another ticket of the table */
		char *ids = hl_xstrdup(t->dups);
		for (char *id = ids; *id;) {
			size_t k = strcspn(id, " ");
			char *next = id[k] ? id + k + 1 : id + k;
			id[k] = '\0';
			struct hl_ticket *d = *id ? hl_tickets_get(tt, id) : NULL;
			if (d && d != t)
				follow(d, t, ev);
			id = next;
		}
		free(ids);
	}
	return 0;
}
