/* report.h - the reports of hl-report: the fold of the journal as of a
 * period's end, grouped and counted into a document */
#ifndef HL_REPORT_H
#define HL_REPORT_H

#include "hl/config.h"
#include "hl/doc.h"
#include "hl/period.h"
#include "hl/record.h"

enum hl_report_kind {
	HL_REP_MONTHLY, HL_REP_WEEKLY, HL_REP_STAFF, HL_REP_TICKETS, HL_REP_CALLER, HL_REP_CALLS,
};

enum hl_group_key {
	HL_BY_DEPT, HL_BY_CATEGORY, HL_BY_CHANNEL, HL_BY_ASSIGNEE, HL_BY_PLACE,
	HL_BY_DAY, HL_BY_WEEK, HL_BY_MONTH,
};

struct hl_report_opts {
	enum hl_report_kind kind;
	struct hl_period period;
	int by[4];               /* grouping keys, -1 ends */
	int open_only;           /* tickets: only unresolved ones */
	const char *dept;        /* tickets: one department */
	int category;            /* tickets: one category, 0 all */
	int state;               /* tickets: one state (enum hl_state), 0 all */
	const char *phone;       /* caller: normalized phone */
	int reveal_phones;
	int64_t now;             /* when the report is made (its title says so) */
};

/* "monthly", ...; -1 when unknown. */
int hl_report_kind_parse(const char *s);
/* "dept,category" into by; -1 with a message for an unknown key. */
int hl_report_by_parse(const char *s, int by[4], struct hl_buf *err);

struct hl_reporter;
struct hl_reporter *hl_reporter_new(const struct hl_config *cfg, const struct hl_report_opts *o);
/* Folds the journals (none: $HL_JOURNAL, else ./hotline.csv) into the
 * report, records read and parsed in a second thread when they are many;
 * -1 when a file cannot be read (message in err). */
int hl_reporter_read(struct hl_reporter *r, char *const *files, int nfiles, struct hl_buf *err);
void hl_reporter_build(struct hl_reporter *r, struct hl_doc *doc);
void hl_reporter_free(struct hl_reporter *r);

#endif
