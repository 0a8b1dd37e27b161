/* repeats.h - who complained when, for "a second complaint on the same
 * matter from the same caller" (the 400-line rules): the last few complaints of
 * each phone */
#ifndef HL_REPEATS_H
#define HL_REPEATS_H

#include <stdint.h>

#include "hl/event.h"
#include "hl/strmap.h"

/* Enough to see through a burst of complaints about one matter. */
#define HL_REPEATS_KEPT 4

/* A phone's last complaints (the values of phones; the state cache saves
 * them as they are). */
struct hl_complaints {
	int64_t t[HL_REPEATS_KEPT];
	size_t id_hash[HL_REPEATS_KEPT];
	uint64_t seq[HL_REPEATS_KEPT];   /* journal order, for complaints of one minute */
	int n;
};

struct hl_repeats {
	struct hl_strmap phones;   /* phone -> struct hl_complaints */
	uint64_t seq;
};

void hl_repeats_init(struct hl_repeats *r);  /* (zeroes seq) */
/* The key a phone's complaints are kept under (its normalized form). */
void hl_repeats_key(const char *phone, struct hl_buf *key);
/* Notes an open record if it is a complaint with a phone. */
void hl_repeats_note(struct hl_repeats *r, const struct hl_event *ev);
/* Whether phone opened another complaint than ticket id within window
 * seconds before at. */
int hl_repeats_is_repeat(const struct hl_repeats *r, const char *phone, const char *id,
			 int64_t at, int64_t window);
void hl_repeats_free(struct hl_repeats *r);

#endif
