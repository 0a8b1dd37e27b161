/* sla.h - which deadline the configuration gives a ticket's clocks */
#ifndef HL_SLA_H
#define HL_SLA_H

#include "hl/config.h"
#include "hl/fold.h"

/* The first rule of the sla section that matches a ticket of this kind
 * and sets clock c, or NULL when the clock does not run for it. */
const struct hl_sla_rule *hl_sla_rule_for(const struct hl_config *cfg, enum hl_category cat,
					  enum hl_priority pri, enum hl_channel ch, enum hl_clock c);

/* The deadline of clock c for t, counted from start on the calendar and
 * moved later by the time t spent on hold from start until now; -1 when
 * the clock does not run for it. rule, when given, gets the rule's name;
 * explain, when given, the walk on the calendar. A call missed in the
 * rule's daytime has the sooner of callback and callback_day. */
int64_t hl_sla_deadline(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
			int64_t start, int64_t now, const char **rule, struct hl_buf *explain);

#endif
