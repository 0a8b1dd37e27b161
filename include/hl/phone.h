/* phone.h - what an error message may show of a word the user typed:
 * a phone number in the wrong place is masked as reports mask it */
#ifndef HL_PHONE_H
#define HL_PHONE_H

#include "hl/util.h"

/* s itself, or, when it reads as a phone number of 7 digits or more (and
 * not as a date), its digits masked into tmp ("138****1111"), returned.
 * The caller frees tmp. */
const char *hl_shown(const char *s, struct hl_buf *tmp);

/* "138****1111" */
void hl_mask_phone(const char *phone, struct hl_buf *out);

#endif
