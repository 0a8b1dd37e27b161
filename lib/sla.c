/* sla.c - SLA rules matched to tickets, deadlines on the calendar */
#include <stdint.h>

#include "hl/sla.h"

const struct hl_sla_rule *hl_sla_rule_for(const struct hl_config *cfg, enum hl_category cat,
					  enum hl_priority pri, enum hl_channel ch, enum hl_clock c)
{
	for (size_t i = 0; i < cfg->nsla; i++) {
		const struct hl_sla_rule *r = &cfg->sla[i];
		if ((r->has & (1u << c)) && !hl_kinds_mismatch(&r->kinds, cat, pri, ch))
			return r;
	}
	return NULL;
}

int64_t hl_sla_deadline(const struct hl_config *cfg, const struct hl_ticket *t, enum hl_clock c,
			int64_t start, int64_t now, const char **rule, struct hl_buf *explain)
{
	const struct hl_sla_rule *r = hl_sla_rule_for(cfg, t->category, t->priority, t->channel, c);
	if (!r)
		return -1;
	if (rule)
		*rule = r->name;
	int64_t due = hl_cal_add(&cfg->cal, start, r->due[c], explain);
	if (due >= 0 && c == HL_CLK_CALLBACK && r->has_callback_day) {
		int64_t day;
		int minute;
		hl_local_day(start, &day, &minute);
		if (minute >= r->daytime.from && minute < r->daytime.to) {
			int64_t sooner = hl_cal_add(&cfg->cal, start, r->callback_day, NULL);
			if (sooner >= 0 && sooner < due)
				due = sooner;
		}
	}
	return due < 0 ? -1 : due + hl_ticket_held(t, start, now);
}
