/* telephony.h - the calls section of the configuration: how calls from
 * the phone system are read (agents, a CSV export's columns) and judged
 * (service-level threshold, short abandons) */
#ifndef HL_TELEPHONY_H
#define HL_TELEPHONY_H

#include <stddef.h>

#include "hl/event.h"

struct hl_cfgctx;
struct hl_node;

/* Column names of a call-detail-record export (NULL: not in it). */
struct hl_cdr_map {
	char *id, *time, *caller, *agent, *queue, *wait, *talk, *result;
	char **answered;        /* values of result meaning answered */
	size_t nanswered;
};

struct hl_telephony {
	enum hl_channel channel;  /* of the records an import writes */
	long answer_within;       /* service level: answered within, seconds */
	long short_abandon;       /* hung up sooner: not counted as offered */
	char **agent_ids, **agent_names;  /* the phone system's name -> staff */
	size_t nagents;
	struct hl_cdr_map cdr;
};

void hl_telephony_defaults(struct hl_telephony *t);
int hl_telephony_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_telephony *t);
void hl_telephony_free(struct hl_telephony *t);
/* The staff name for an agent of the phone system, else the agent. */
const char *hl_telephony_agent(const struct hl_telephony *t, const char *agent);

#endif
