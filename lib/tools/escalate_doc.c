/* escalate_doc.c - the notices of hl-escalate as a report document, for
 * a workbook: typed cells (the deadline a date-time, the lateness in
 * hours), Chinese headers */
#include <stdio.h>
#include <string.h>

#include "rules/clocks.h"
#include "hl/escalate.h"
#include "hl/i18n.h"
#include "model/words.h"

static void stamp(int64_t t, struct hl_buf *out)
{
	int y, mo, d, h, mi, s;
	hl_time_fields(hl_time_local(t), &y, &mo, &d, &h, &mi, &s);
	hl_buf_printf(out, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

const char *hl_notice_label(int overdue)
{
	return overdue ? _(NC_("notice", "overdue")) : _(NC_("notice", "warning"));
}

const char *hl_role_label(const char *role)
{
	static const char *const roles[] = {
		NC_("role", "assignee"), NC_("role", "first contact"), NC_("role", "head"),
		NC_("role", "leader"), NC_("role", "manager"), NC_("role", "nobody"),
	};
	for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
		if (hl_streq(role, strchr(roles[i], '\004') + 1))
			return _(roles[i]);
	return role;
}

void hl_alerts_doc(const struct hl_alert *a, size_t n, int64_t now, const char *organisation,
		   const char *unit, struct hl_doc *doc)
{
	struct hl_buf b = {0};
	doc->title = hl_doc_title(organisation, unit, _("Escalation notices"));
	stamp(now, &b);
	doc->generated = hl_xstrdup(b.s);
	hl_buf_clear(&b);
	hl_buf_printf(&b, "%s %s", _("as of"), doc->generated);
	doc->period = hl_xstrdup(b.s);
	struct hl_tab *tab = hl_doc_table(doc, _("Escalation notices"));
	hl_tab_col(tab, "state", _("State"), HL_CELL_TEXT);
	hl_tab_col(tab, "ticket", _("Ticket"), HL_CELL_TEXT);
	hl_tab_col(tab, "clock", _("Clock"), HL_CELL_TEXT);
	hl_tab_col(tab, "due", _("Due"), HL_CELL_TIME);
	hl_tab_col(tab, "late_hours", _("Late"), HL_CELL_DURATION);
	hl_tab_col(tab, "dept", _("Department"), HL_CELL_TEXT);
	hl_tab_col(tab, "assignee", _("Assignee"), HL_CELL_TEXT);
	hl_tab_col(tab, "notify", _("Notify"), HL_CELL_TEXT);
	hl_tab_col(tab, "role", _("Role"), HL_CELL_TEXT);
	hl_tab_col(tab, "level", _("Level"), HL_CELL_COUNT);
	for (size_t i = 0; i < n; i++) {
		size_t row = hl_tab_row(tab);
		hl_tab_set(tab, row, 0, hl_notice_label(a[i].overdue));
		hl_tab_set(tab, row, 1, a[i].t->id);
		hl_tab_set(tab, row, 2, hl_clock_label(a[i].clock));
		hl_buf_clear(&b);
		stamp(a[i].due, &b);
		hl_tab_set(tab, row, 3, b.s);
		hl_tab_setf(tab, row, 4, "%lld", (long long)(now - a[i].due));
		hl_tab_set(tab, row, 5, a[i].t->dept);
		hl_tab_set(tab, row, 6, a[i].t->assignee);
		hl_tab_set(tab, row, 7, a[i].to);
		hl_tab_set(tab, row, 8, hl_role_label(a[i].role));
		hl_tab_setf(tab, row, 9, "%d", a[i].level);
	}
	hl_buf_free(&b);
}
