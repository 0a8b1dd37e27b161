/* callstats.h - the figures of a phone queue (offered, answered,
 * abandoned, speed of answer, service level), summed per queue, hour of
 * day and agent as call records stream past */
#ifndef HL_CALLSTATS_H
#define HL_CALLSTATS_H

#include <stdint.h>

#include "hl/event.h"
#include "hl/strmap.h"
#include "hl/telephony.h"

struct hl_qstat {
	long offered;          /* every call but the short abandons */
	long answered, abandoned, short_abandoned;
	long other;            /* left unanswered: timeout, no agent, a key */
	long answered_in_sl, abandoned_in_sl;  /* within answer_within */
	int64_t wait_answered, talk;           /* seconds, summed */
	/* the missed-call tickets of these calls, judged at the period's end */
	long missed, back_in_time, back_late, back_pending;
	long no_number;        /* unanswered, no caller number: nobody owed a call-back */
	long misdials;         /* short abandons from a number: no ticket opened */
	long wait_unknown;     /* calls whose wait the phone system did not give */
	long answered_timed;   /* answered, wait known: the speed of answer's base */
};

/* Figures under names, in the order the names first came. */
struct hl_qgroup {
	char **name;
	struct hl_qstat *st;
	size_t n;
	struct hl_strmap index;   /* name -> index + 1 */
};

struct hl_callstats {
	struct hl_qstat total, hour[24];
	struct hl_qgroup queues, agents;
	struct hl_strmap missed;  /* ticket of a missed call -> queue index + 1 */
	long records;
};

void hl_callstats_init(struct hl_callstats *cs);
void hl_callstats_free(struct hl_callstats *cs);
/* Counts one call or missed record that the phone system reported. */
void hl_callstats_add(struct hl_callstats *cs, const struct hl_telephony *t,
		      const struct hl_event *ev);
/* The call-back of a missed-call ticket: in time, late, or still to come. */
enum hl_callback_state { HL_BACK_IN_TIME, HL_BACK_LATE, HL_BACK_PENDING };
void hl_callstats_callback(struct hl_callstats *cs, size_t queue, enum hl_callback_state s);
struct hl_qstat *hl_qgroup_get(struct hl_qgroup *g, const char *name);

#endif
