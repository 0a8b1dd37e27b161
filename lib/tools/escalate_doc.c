/* escalate_doc.c - the notices of hl-escalate as a report document, for
 * a workbook: typed cells (the deadline a date-time, the lateness in
 * hours), Chinese headers */
#include <stdio.h>

#include "rules/clocks.h"
#include "hl/escalate.h"

static void stamp(int64_t t, struct hl_buf *out)
{
	int y, mo, d, h, mi, s;
	hl_time_fields(hl_time_local(t), &y, &mo, &d, &h, &mi, &s);
	hl_buf_printf(out, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

void hl_alerts_doc(const struct hl_alert *a, size_t n, int64_t now, struct hl_doc *doc)
{
	struct hl_buf b = {0};
	doc->title = hl_xstrdup("超时预警 (escalate)");
	stamp(now, &b);
	doc->generated = hl_xstrdup(b.s);
	hl_buf_clear(&b);
	hl_buf_printf(&b, "截至 %s", doc->generated);
	doc->period = hl_xstrdup(b.s);
	struct hl_tab *tab = hl_doc_table(doc, "超时预警");
	hl_tab_col(tab, "state", "状态", HL_CELL_TEXT);
	hl_tab_col(tab, "ticket", "工单", HL_CELL_TEXT);
	hl_tab_col(tab, "clock", "时钟", HL_CELL_TEXT);
	hl_tab_col(tab, "due", "到期时间", HL_CELL_TIME);
	hl_tab_col(tab, "late_hours", "超时", HL_CELL_DURATION);
	hl_tab_col(tab, "dept", "部门", HL_CELL_TEXT);
	hl_tab_col(tab, "assignee", "承办人", HL_CELL_TEXT);
	hl_tab_col(tab, "notify", "通知", HL_CELL_TEXT);
	hl_tab_col(tab, "role", "角色", HL_CELL_TEXT);
	hl_tab_col(tab, "level", "级别", HL_CELL_COUNT);
	for (size_t i = 0; i < n; i++) {
		size_t row = hl_tab_row(tab);
		hl_tab_set(tab, row, 0, a[i].overdue ? "overdue" : "warning");
		hl_tab_set(tab, row, 1, a[i].t->id);
		hl_tab_set(tab, row, 2, hl_clock_names[a[i].clock]);
		hl_buf_clear(&b);
		stamp(a[i].due, &b);
		hl_tab_set(tab, row, 3, b.s);
		hl_tab_setf(tab, row, 4, "%lld", (long long)(now - a[i].due));
		hl_tab_set(tab, row, 5, a[i].t->dept);
		hl_tab_set(tab, row, 6, a[i].t->assignee);
		hl_tab_set(tab, row, 7, a[i].to);
		hl_tab_set(tab, row, 8, a[i].role);
		hl_tab_setf(tab, row, 9, "%d", a[i].level);
	}
	hl_buf_free(&b);
}
