/* steps.c - the lifecycle's rules that need the configuration */
#include "rules/clocks.h"
#include "hl/phone.h"
#include "tools/steps.h"

/* The refusal of ev on t by the configuration, or NULL. msg is room for
 * one made up. */
static const char *refusal(const struct hl_config *cfg, const struct hl_ticket *t,
			   const struct hl_event *ev, struct hl_buf *msg)
{
	struct hl_clockv v[HL_NCLOCKS];
	switch (ev->kind) {
	case HL_EV_EXTEND:
		if ((t->state != HL_ST_OPEN && t->state != HL_ST_ASSIGNED && t->state != HL_ST_ACKED) ||
		    t->asking)
			return NULL; /* the lifecycle's own refusal says it */
		if ((int)t->nexts >= cfg->ext_max) {
			hl_buf_printf(msg, "at most %d extension%s a ticket (extension: max in the configuration)",
				      cfg->ext_max, cfg->ext_max == 1 ? "" : "s");
			return msg->s;
		}
		hl_clocks(cfg, t, ev->time.t, v, NULL);
		if (!v[ev->clock].runs || v[ev->clock].before_reopen)
			hl_buf_printf(msg, "the %s clock does not run for this ticket",
				      hl_clock_names[ev->clock]);
		else if (v[ev->clock].done)
			hl_buf_printf(msg, "the %s clock has stopped", hl_clock_names[ev->clock]);
		return msg->len ? msg->s : NULL;
	case HL_EV_APPROVE:
	case HL_EV_REFUSE:
		/* with a staff list, the role the configuration names */
		if (!cfg->nstaff || hl_config_has_role(cfg, ev->actor, cfg->ext_approver))
			return NULL;
		hl_buf_printf(msg, "%s cannot %s an extension (it takes the role '%s' on the staff list)",
			      ev->actor ? ev->actor : "?", hl_vocab_name(&hl_events, ev->kind),
			      cfg->ext_approver);
		return msg->s;
	case HL_EV_REVIEW:
		if (t->state == HL_ST_NONE || hl_config_reviews(cfg, t->category))
			return NULL;
		hl_buf_printf(msg, "%s tickets are not reviewed (review in the configuration)",
			      hl_vocab_name(&hl_categories, t->category));
		return msg->s;
	case HL_EV_FOLLOWUP:
	case HL_EV_CLOSE:
		return hl_config_reviews(cfg, t->category) && hl_ticket_unreviewed(t)
		       ? "the resolve waits for its review (review --accept)" : NULL;
	default:
		return NULL;
	}
}

int hl_step_apply(const struct hl_config *cfg, struct hl_tickets *tt, struct hl_ticket *t,
		  const struct hl_event *ev, struct hl_buf *err)
{
	struct hl_buf msg = {0}, id = {0};
	const char *why = refusal(cfg, t, ev, &msg);
	/* the fold leaves a master it does not hold to its writer */
	const struct hl_ticket *m = ev->kind == HL_EV_LINK && ev->master && t->state != HL_ST_NONE
				    ? hl_tickets_get(tt, ev->master) : NULL;
	if (!why && ev->kind == HL_EV_LINK && ev->master && t->state != HL_ST_NONE &&
	    !hl_streq(ev->master, t->id) && (!m || m->state == HL_ST_NONE)) {
		hl_buf_printf(&msg, "unknown master %s", ev->master);
		why = msg.s;
	}
	if (why) {
		hl_fail(err, "%s: %s", ev->ticket ? hl_shown(ev->ticket, &id) : "?", why);
		hl_buf_free(&msg);
		hl_buf_free(&id);
		return -1;
	}
	hl_buf_free(&msg);
	return hl_tickets_apply(tt, t, ev, err);
}
