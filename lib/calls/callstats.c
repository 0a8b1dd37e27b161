/* callstats.c - a phone queue's figures, counted as call records pass */
#include <stdlib.h>
#include <string.h>

#include "calls/callstats.h"

static void qgroup_init(struct hl_qgroup *g)
{
	memset(g, 0, sizeof *g);
	hl_strmap_init(&g->index, sizeof(size_t));
}

static void qgroup_free(struct hl_qgroup *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->name[i]);
	free(g->name);
	free(g->st);
	hl_strmap_free(&g->index);
}

struct hl_qstat *hl_qgroup_get(struct hl_qgroup *g, const char *name)
{
	size_t *at = hl_strmap_put(&g->index, name);
	if (!*at) {
		g->name = hl_xreallocarray(g->name, g->n + 1, sizeof *g->name);
		g->st = hl_xreallocarray(g->st, g->n + 1, sizeof *g->st);
		g->name[g->n] = hl_xstrdup(name);
		memset(&g->st[g->n], 0, sizeof *g->st);
		*at = ++g->n;
	}
	return &g->st[*at - 1];
}

void hl_callstats_init(struct hl_callstats *cs)
{
	memset(cs, 0, sizeof *cs);
	qgroup_init(&cs->queues);
	qgroup_init(&cs->agents);
	hl_strmap_init(&cs->missed, sizeof(size_t));
}

void hl_callstats_free(struct hl_callstats *cs)
{
	qgroup_free(&cs->queues);
	qgroup_free(&cs->agents);
	hl_strmap_free(&cs->missed);
}

/* A short abandon is not an offered call: a misdial, a caller who changed
 * their mind before anyone could answer. A call whose wait is not known
 * (an export without one) is offered, and left out of the speed of
 * answer and the service level: no figure from missing data. */
static void tally(struct hl_qstat *q, const struct hl_telephony *t, const struct hl_event *ev)
{
	int known = ev->wait >= 0;
	long wait = known ? ev->wait : 0;
	int within = known && wait <= t->answer_within;
	if (ev->outcome == HL_OUT_ABANDONED && known && wait < t->short_abandon) {
		q->short_abandoned++;
		q->misdials += ev->kind == HL_EV_CALL && ev->phone;
		return;
	}
	q->offered++;
	q->wait_unknown += !known;
	switch (ev->outcome) {
	case HL_OUT_ANSWERED:
		q->answered++;
		q->answered_timed += known;
		q->answered_in_sl += within;
		q->wait_answered += wait;
		q->talk += ev->talk > 0 ? ev->talk : 0;
		break;
	case HL_OUT_ABANDONED:
		q->abandoned++;
		q->abandoned_in_sl += within;
		break;
	default:
		q->other++;
	}
}

void hl_callstats_add(struct hl_callstats *cs, const struct hl_telephony *t,
		      const struct hl_event *ev)
{
	int hour, y, mo, d, mi, s;
	hl_time_fields(hl_time_local(ev->time.t), &y, &mo, &d, &hour, &mi, &s);
	cs->records++;
	struct hl_qstat *queue = hl_qgroup_get(&cs->queues, ev->queue ? ev->queue : "(none)");
	size_t qindex = (size_t)(queue - cs->queues.st);
	tally(queue, t, ev);
	if (ev->outcome == HL_OUT_REROUTED)
		return; /* the call counts once, in the queue where it ended */
	tally(&cs->total, t, ev);
	tally(&cs->hour[hour], t, ev);
	if (ev->outcome == HL_OUT_ANSWERED)
		tally(hl_qgroup_get(&cs->agents, ev->actor ? ev->actor : "(none)"), t, ev);
	if (ev->kind == HL_EV_MISSED && ev->ticket)
		*(size_t *)hl_strmap_put(&cs->missed, ev->ticket) = qindex + 1;
	if (ev->kind == HL_EV_CALL && ev->outcome != HL_OUT_ANSWERED && !ev->phone)
		queue->no_number++, cs->total.no_number++;
}

void hl_callstats_callback(struct hl_callstats *cs, size_t queue, enum hl_callback_state s)
{
	struct hl_qstat *q[] = {&cs->total, queue < cs->queues.n ? &cs->queues.st[queue] : NULL};
	for (size_t i = 0; i < 2 && q[i]; i++) {
		q[i]->missed++;
		q[i]->back_in_time += s == HL_BACK_IN_TIME;
		q[i]->back_late += s == HL_BACK_LATE;
		q[i]->back_pending += s == HL_BACK_PENDING;
	}
}
