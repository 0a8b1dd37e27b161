/* telephony.h - the calls section of the configuration: how calls from
 * the phone system are read (agents, a CSV export's columns) and judged
 * (service-level threshold, short abandons) */
#ifndef HL_TELEPHONY_H
#define HL_TELEPHONY_H

#include <regex.h>
#include <stddef.h>

#include "hl/event.h"

struct hl_cfgctx;
struct hl_node;

/* The columns of a call-detail-record export that calls are read from:
 * each a column name of the header, or a position from 1 ("10" or
 * "$10") in a file without one. NULL: not in the export. */
enum hl_cdr_col {
	HL_CDR_ID,        /* the call's id (a leg's, when link is given) */
	HL_CDR_LINK,      /* the id its legs share (Asterisk's linkedid) */
	HL_CDR_TIME,      /* when it began */
	HL_CDR_ANSWER,    /* when it was answered (empty: it was not) */
	HL_CDR_END,
	HL_CDR_CALLER,    /* the caller's number, or "name" <number> */
	HL_CDR_NAME,      /* the caller's name (or a caller id it is taken from) */
	HL_CDR_AGENT, HL_CDR_QUEUE,
	HL_CDR_WAIT,      /* seconds until answered or hung up */
	HL_CDR_DURATION,  /* seconds from start to end, ringing included */
	HL_CDR_TALK, HL_CDR_RESULT,
	HL_CDR_DIRECTION, /* a column whose inbound values keep a call */
	HL_CDR_NCOLS
};
extern const char *const hl_cdr_keys[HL_CDR_NCOLS];

/* The formats of phone systems that hl knows by name. */
enum hl_cdr_format {
	HL_CDR_MAPPED,            /* columns named in the configuration */
	HL_CDR_ASTERISK,          /* cdr_csv's Master.csv */
	HL_CDR_ASTERISK_EXT,      /* with uniqueid, userfield, linkedid... */
	HL_CDR_FREESWITCH,        /* mod_cdr_csv's default template */
};

struct hl_cdr_map {
	enum hl_cdr_format format;
	int configured;           /* a cdr section was given */
	char *col[HL_CDR_NCOLS];
	int header;               /* the first row names the columns */
	char **answered;          /* values of result meaning answered */
	size_t nanswered;
	char **inbound;           /* values of direction meaning inbound */
	size_t ninbound;
};

struct hl_telephony {
	enum hl_channel channel;  /* of the records an import writes */
	long answer_within;       /* service level: answered within, seconds */
	long short_abandon;       /* hung up sooner: not counted as offered */
	int misdial_tickets;      /* a short abandon opens a ticket too */
	char *owner;              /* a person or department: missed calls nobody rang */
	char *internal;           /* an ERE: callers that are extensions, left out
				   * (NULL: the default, "": none) */
	char **agent_ids, **agent_names;  /* the phone system's name -> staff */
	size_t nagents;
	struct hl_cdr_map cdr;
};

void hl_telephony_defaults(struct hl_telephony *t);
int hl_telephony_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_telephony *t);
void hl_telephony_free(struct hl_telephony *t);
/* The pattern of internal callers, NULL for none. */
const char *hl_telephony_internal(const struct hl_telephony *t);
/* The pattern compiled, to ask of many callers: the default one is
 * matched without regexec, which costs more than the rest of a call. */
struct hl_internal {
	int mode;       /* 0 none, 1 the default, 2 re */
	regex_t re;
};
/* 0, or -1 when the configured pattern does not compile. */
int hl_internal_init(struct hl_internal *in, const struct hl_telephony *t);
int hl_internal_match(const struct hl_internal *in, const char *number);
void hl_internal_free(struct hl_internal *in);
/* The staff name for an agent of the phone system, else the agent. */
const char *hl_telephony_agent(const struct hl_telephony *t, const char *agent);

#endif
