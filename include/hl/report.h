/* report.h - the reports of hl-report: the fold of the journal as of a
 * period's end, grouped and counted into a document */
#ifndef HL_REPORT_H
#define HL_REPORT_H

#include <stdio.h>

#include "hl/config.h"
#include "hl/doc.h"
#include "hl/period.h"
#include "hl/record.h"

enum hl_report_kind {
	HL_REP_MONTHLY, HL_REP_WEEKLY, HL_REP_STAFF, HL_REP_TICKETS, HL_REP_CALLER, HL_REP_CALLS,
	HL_REP_TODO,
};

enum hl_group_key {
	HL_BY_DEPT, HL_BY_CATEGORY, HL_BY_CHANNEL, HL_BY_ASSIGNEE, HL_BY_PLACE,
	HL_BY_DAY, HL_BY_WEEK, HL_BY_MONTH,
	HL_BY_CATEGORY2,  /* the second level (complaint/noise), else the first */
	HL_NBY
};

struct hl_report_opts {
	enum hl_report_kind kind;
	struct hl_period period;
	int by[4];               /* grouping keys, -1 ends */
	int open_only;           /* tickets: only unresolved ones */
	const char *dept;        /* tickets: one department */
	int category;            /* tickets: one category, 0 all */
	const char *category2;   /* and one second level of it, NULL all */
	const char *phone;       /* caller: normalized phone */
	/* tickets: the search (each NULL or -1 for any) */
	const char *assignee;    /* exactly */
	const char *place;       /* a glob: * any text, ? one character */
	const char *grep;        /* in the caller's words or any note, Latin in any case */
	const char *caller;      /* in the caller's name, Latin in any case */
	const char *phone_part;  /* normalized digits anywhere in the phone */
	int state;               /* enum hl_state, -1 any */
	/* todo: whose work (a person, else the department's) */
	const char *person;
	int explain;             /* late clocks explained (HTML links to them) */
	int reveal_phones;
	int64_t now;             /* when the report is made (its title says so) */
};

/* "monthly", ...; -1 when unknown. */
extern const char *const hl_report_names[];
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

/* The todo report as notify lines (hl-escalate(1)): a line a person,
 * name, phone, e-mail and the message, tab-separated, each shown
 * visibly; -1 on a write error. */
int hl_todo_notify(struct hl_reporter *r, FILE *fp);
/* Whether a name is one the configuration knows (staff, a head or a
 * leader, the manager); 1 when it knows nobody. known gets them all. */
int hl_config_knows_person(const struct hl_config *cfg, const char *name, struct hl_buf *known);
/* The same for a department. */
int hl_config_knows_dept(const struct hl_config *cfg, const char *name, struct hl_buf *known);

#endif
