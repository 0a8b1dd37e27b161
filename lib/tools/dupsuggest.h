/* dupsuggest.h - hl-route's suggestion of a master for a new ticket: an
 * earlier live ticket at the same place whose caller said enough of the
 * same words (the duplicates section of hotline.yaml) */
#ifndef HL_DUPSUGGEST_H
#define HL_DUPSUGGEST_H

#include "hl/config.h"
#include "hl/fold.h"

/* The live tickets by place, built once a run: a suggestion looks only
 * at the tickets of its place. */
struct hl_dupfind;
/* NULL when the configuration has no duplicates section. The tickets
 * must outlive it and stay in the table (their states may change). */
struct hl_dupfind *hl_dupfind_new(const struct hl_config *cfg, const struct hl_tickets *tt);
void hl_dupfind_free(struct hl_dupfind *f);
/* The master to suggest for t, a ticket dispatched for the first time, or
 * NULL; ex, when given, gets the line that says why (or why none). */
const char *hl_dupfind(const struct hl_dupfind *f, const struct hl_ticket *t, struct hl_buf *ex);

#endif
