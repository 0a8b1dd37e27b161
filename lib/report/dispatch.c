/* dispatch.c - the report asked for, built: its title, then the tables of
 * its kind */
#include <stdlib.h>

#include "hl/i18n.h"
#include "hl/phone.h"
#include "report/reportint.h"

void hl_reporter_build(struct hl_reporter *r, struct hl_doc *doc)
{
	static const char *const titles[] = {N_("Hotline work analysis"), N_("Hotline weekly report"),
					     N_("Staff statistics"), N_("Ticket list"), N_("Caller history"),
					     N_("Call centre report"), N_("To do")};
	hl_rep_drop_void(r);
	doc->title = hl_doc_title(r->cfg->organisation, r->cfg->unit, _(titles[r->o.kind]));
	doc->period = hl_xstrdup(r->o.period.label);
	if (r->o.now) {
		struct hl_buf g = {0};
		hl_rep_stamp(r->o.now, &g);
		doc->generated = g.s;
	}
	if (r->o.kind == HL_REP_CALLER) {
		/* whose history: in the title, masked like every phone */
		struct hl_buf t = {0};
		hl_buf_printf(&t, "%s ", doc->title);
		if (r->o.reveal_phones)
			hl_buf_adds(&t, r->o.phone);
		else
			hl_mask_phone(r->o.phone, &t);
		free(doc->title);
		doc->title = t.s;
	}
	switch (r->o.kind) {
	case HL_REP_MONTHLY: hl_report_monthly(r, doc); break;
	case HL_REP_WEEKLY: hl_report_weekly(r, doc); break;
	case HL_REP_STAFF: hl_report_staff(r, doc); break;
	case HL_REP_CALLS: hl_report_calls(r, doc); break;
	case HL_REP_TODO: hl_report_todo(r, doc); break;
	default: hl_report_tickets(r, doc); break;
	}
	/* a page to file: what each figure means, lines to sign (whose it
	 * is, the title says) */
	if (r->o.kind == HL_REP_MONTHLY || r->o.kind == HL_REP_WEEKLY || r->o.kind == HL_REP_STAFF) {
		doc->signatures = 1;
		hl_rep_define_figures(doc);
	}
}
