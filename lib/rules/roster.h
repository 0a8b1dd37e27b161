/* roster.h - who is on duty when: shifts (fixed or rotating, night duty
 * across midnight) and leave with a delegate (the hand-over rule) */
#ifndef HL_ROSTER_H
#define HL_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "hl/cfgparse.h"

struct hl_shift {
	char *name;
	struct hl_span time;     /* may cross midnight: the shift belongs to its start day */
	unsigned days;           /* weekdays the shift starts on; bit 0 = Sunday */
	char **people;           /* all on duty during the shift */
	size_t npeople;
	char **rotate;           /* or one of these per shift, in turn */
	size_t nrotate;
	int64_t rotate_from;     /* the day rotate[0] works */
};

struct hl_leave {
	char *person, *delegate;
	int64_t from, to;        /* [from, to) */
};

struct hl_roster {
	struct hl_shift *shifts;
	size_t nshifts;
	struct hl_leave *leave;
	size_t nleave;
};

struct hl_config;
int hl_roster_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg);
int hl_leave_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_config *cfg);
/* Checks that everyone named is on the staff, once every section is read;
 * either node may be NULL when its section is not in this file. */
int hl_roster_check(struct hl_cfgctx *c, const struct hl_node *roster,
		    const struct hl_node *leave, const struct hl_config *cfg);
void hl_roster_free(struct hl_roster *r);

/* Whether person works at t: on a shift that covers t, or on no shift at
 * all (not rostered: reachable any time). why, when given, gets a reason
 * for an explanation, in the reader's language (hl_i18n_init). */
int hl_on_duty(const struct hl_roster *r, const char *person, int64_t t, struct hl_buf *why);
/* The leave entry that covers person at t, or NULL. */
const struct hl_leave *hl_on_leave(const struct hl_roster *r, const char *person, int64_t t);
/* Who stands in for person at t: the person, or the end of the chain of
 * delegates of those on leave; NULL when someone on leave left nobody. */
const char *hl_stand_in(const struct hl_roster *r, const char *person, int64_t t);

#endif
