/* steps.h - the lifecycle's rules that need the configuration: who may
 * approve an extension, how many a ticket may have, which resolves wait
 * for a review */
#ifndef HL_STEPS_H
#define HL_STEPS_H

#include "hl/config.h"
#include "hl/fold.h"

/* The configuration's refusal of ev on t (err says why, without a file
 * position), then hl_tickets_apply within tt (which holds t): 0, or -1
 * with t unchanged. A link's master must be in tt. */
int hl_step_apply(const struct hl_config *cfg, struct hl_tickets *tt, struct hl_ticket *t,
		  const struct hl_event *ev, struct hl_buf *err);

#endif
