/* repeats.h - who complained when, for "a second complaint on the same
 * matter from the same caller" (seed 001): the last few complaints of
 * each phone */
#ifndef HL_REPEATS_H
#define HL_REPEATS_H

#include <stdint.h>

#include "hl/event.h"
#include "hl/strmap.h"

struct hl_repeats {
	struct hl_strmap phones;
	uint64_t seq;
};

void hl_repeats_init(struct hl_repeats *r);  /* (zeroes seq) */
/* Notes an open record if it is a complaint with a phone. */
void hl_repeats_note(struct hl_repeats *r, const struct hl_event *ev);
/* Whether phone opened another complaint than ticket id within window
 * seconds before at. */
int hl_repeats_is_repeat(const struct hl_repeats *r, const char *phone, const char *id,
			 int64_t at, int64_t window);
void hl_repeats_free(struct hl_repeats *r);

#endif
