/* escalate.h - who must hear that a ticket is late, once: warnings at a
 * share of the time allowed, then the escalation ladder */
#ifndef HL_ESCALATE_H
#define HL_ESCALATE_H

#include <stdio.h>

#include "hl/config.h"
#include "hl/doc.h"
#include "hl/fold.h"
#include "hl/record.h"

/* The rungs of the ladder. */
enum { HL_RUNG_ASSIGNEE, HL_RUNG_HEAD, HL_RUNG_LEADER, HL_RUNG_MANAGER };

struct hl_alert {
	const struct hl_ticket *t;
	int clock, level;       /* level: the rung, a repeat complaint's one higher */
	int64_t due;
	const char *rule;       /* the sla rule behind the deadline */
	const char *to, *role;  /* who is told, and as what */
	const char *phone, *email;
	int overdue;
	int business;           /* the clock counts working time */
	int64_t left;           /* before the deadline: the time it counts left */
};

struct hl_escalator;
struct hl_escalator *hl_escalator_new(const struct hl_config *cfg, struct hl_time now);
/* Feeds the journal(s) the way the cron job reads them (live.h): one
 * journal through its state cache. */
int hl_escalator_read(struct hl_escalator *e, char *const *files, int nfiles, struct hl_buf *err);
/* Every notice due at now that was not written before, overdue ones first
 * (the longest late first), then warnings; valid until the escalator is
 * freed. Notices held back by the quiet hours are counted in *held. */
size_t hl_escalator_run(struct hl_escalator *e, const struct hl_alert **out, size_t *held);
/* The clocks of one ticket and how they were computed; -1 when no open
 * ticket has that id (hl_explain_read looks for the others). */
int hl_escalator_explain(struct hl_escalator *e, const char *id, struct hl_buf *out);
void hl_escalator_free(struct hl_escalator *e);
/* The clocks of any ticket, closed ones included, from the whole
 * journal as of now (records after it unread), or as of its close when
 * it closed before: 0, 1 when no ticket has that id, -1 when a file
 * cannot be read (message in err). */
int hl_explain_read(const struct hl_config *cfg, char *const *files, int nfiles, const char *id,
		    int64_t now, struct hl_buf *out, struct hl_buf *err);

/* An alert as an escalate record. */
void hl_alert_record(const struct hl_alert *a, struct hl_time now, struct hl_record *r);
/* A readable table, overdue first, in the reports' language, fitted to
 * width columns (0: no limit), overdue ones in colour when colour is set. */
int hl_alerts_text(const struct hl_alert *a, size_t n, int64_t now, size_t width, int colour,
		   FILE *fp);
/* The notices as a document (hl-escalate -o xlsx): a table of typed
 * cells, the lateness (now less the deadline) in seconds. */
void hl_alerts_doc(const struct hl_alert *a, size_t n, int64_t now, const char *organisation,
		   const char *unit, struct hl_doc *doc);
/* overdue or warning, and a recipient's role, in the reports' language. */
const char *hl_notice_label(int overdue);
const char *hl_role_label(const char *role);
/* One line per recipient: name, phone, e-mail and the message, tab-separated. */
int hl_alerts_notify(const struct hl_alert *a, size_t n, int64_t now, FILE *fp);

#endif
