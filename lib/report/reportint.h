/* reportint.h - what the report modules share: the reader's state, the
 * facts kept per ticket, and the helpers each report uses */
#ifndef HL_REPORTINT_H
#define HL_REPORTINT_H

#include "calls/callstats.h"
#include "hl/fold.h"
#include "model/repeats.h"
#include "hl/report.h"
#include "hl/strmap.h"

/* What happened to a ticket within the period. */
struct hl_facts {
	int resolved_in;       /* a resolve in the period */
	int64_t resolve_secs;  /* from the call to the latest resolve */
	int fcr;               /* resolved on the spot by who took the call */
	int followups, good;   /* 回访 in the period, and those 满意 or 基本满意 */
	int satisfied;         /* those 满意 */
	int repeat;            /* a repeat complaint */
	int hit;               /* --grep: its words or a note hold the text */
};

struct hl_reporter {
	const struct hl_config *cfg;
	struct hl_report_opts o;
	struct hl_tickets tickets;
	struct hl_strmap facts;
	struct hl_repeats complaints;
	struct hl_callstats calls;   /* the phone queue's records in the period */
	struct hl_strmap returns;    /* "dept\x1frule\x1fticket" -> returns (long) in the period */
};

extern const char *const hl_rep_by_names[], *const hl_rep_by_labels[];

int hl_rep_in_period(const struct hl_reporter *r, int64_t t);
/* Of the same clocks, those an approved extension moved (延期). */
int hl_rep_extended(const struct hl_reporter *r, const struct hl_ticket *t, int all);
int hl_rep_unresolved(const struct hl_ticket *t);
/* Void tickets out of the report, unless it lists them (--state void). */
void hl_rep_drop_void(struct hl_reporter *r);
/* What each figure of a filed page means, under its tables. */
void hl_rep_define_figures(struct hl_doc *doc);
const struct hl_facts *hl_rep_facts(const struct hl_reporter *r, const struct hl_ticket *t);
/* "2026-11-03 09:14" */
void hl_rep_stamp(int64_t t, struct hl_buf *out);
/* A ticket's category as shown (a missed call its own). */
const char *hl_rep_category(const struct hl_ticket *t);
/* The value of a --by key for a ticket. */
void hl_rep_group_value(const struct hl_config *cfg, const struct hl_ticket *t, int key,
			struct hl_buf *out);
/* Met and missed clocks of a ticket as of the period's end (those whose
 * deadline fell in the period, or all); returns the missed ones. */
int hl_rep_judge(const struct hl_reporter *r, const struct hl_ticket *t, long met[HL_NCLOCKS],
		 long late_by_clock[HL_NCLOCKS], int all);
/* Every ticket, in the order they were opened (free the array). */
struct hl_ticket **hl_rep_in_order(const struct hl_reporter *r, size_t *n);
void hl_rep_num(struct hl_tab *t, size_t row, size_t col, long v);
void hl_rep_pct(struct hl_tab *t, size_t row, size_t col, long part, long whole);

void hl_report_monthly(struct hl_reporter *r, struct hl_doc *doc);
void hl_report_weekly(struct hl_reporter *r, struct hl_doc *doc);
void hl_report_staff(struct hl_reporter *r, struct hl_doc *doc);
void hl_report_tickets(struct hl_reporter *r, struct hl_doc *doc);
/* The work in hand of o.person, else of o.dept, as of o.now. */
void hl_report_todo(struct hl_reporter *r, struct hl_doc *doc);
/* The phone queue: per queue, hour of day and agent. */
void hl_report_calls(struct hl_reporter *r, struct hl_doc *doc);
/* The per-queue table alone (weekly), when the period has call records. */
void hl_report_calls_summary(struct hl_reporter *r, struct hl_doc *doc);

#endif
