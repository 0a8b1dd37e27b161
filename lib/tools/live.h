/* live.h - the fold that hl-route, hl-escalate and hl-log share: every
 * ticket not closed, who complained when, where each rotation stands, the
 * greatest id; kept up to date incrementally through a state cache beside
 * the journal (JOURNAL.state) */
#ifndef HL_LIVE_H
#define HL_LIVE_H

#include "hl/config.h"
#include "hl/fold.h"
#include "io/journal.h"
#include "hl/record.h"
#include "model/repeats.h"

struct hl_live {
	const struct hl_config *cfg;
	struct hl_tickets tickets;     /* every ticket not closed */
	struct hl_repeats complaints;
	size_t *rotation;              /* per route rule: the pool's next */
	size_t nrules;
	struct hl_ids ids;
	int64_t last;                  /* the latest time of a record */
	int64_t as_of;                 /* records dated later are not folded (0: all) */
	/* what the last sync did: whether the cache is worth rewriting */
	int from_cache;                /* 1: resumed from a valid cache */
	long long tail_bytes;          /* journal bytes read */
	size_t sweep_at;               /* tickets kept before settled ones are looked for */
	/* 1: a look that leaves no trace, neither the cache nor the ticket
	 * index written (hl-log --complete, run on every TAB) */
	int peek;
};

void hl_live_init(struct hl_live *s, const struct hl_config *cfg);
void hl_live_free(struct hl_live *s);
/* Folds one record; returns its ticket (NULL: reported, ignored, closed,
 * or no ticket's) with the event in ev. */
struct hl_ticket *hl_live_feed(struct hl_live *s, const struct hl_cols *c, const char *file,
				struct hl_event *ev);

/* A phone's complaints all older than this can no longer make a new
 * complaint a repeat: the longest repeat window of the configuration
 * before the journal's latest time. (An open written with --at further
 * back than that is not seen as a repeat of them.) */
int64_t hl_live_forget_before(const struct hl_live *s);
/* Adds to phones (a set: values unused) the key of each live ticket's
 * phone: a live ticket may still ask whether it was a repeat, so its
 * phone's complaints stay however old. */
void hl_live_asking_phones(const struct hl_live *s, struct hl_strmap *phones);
/* Whether t is settled as the journal stands (its latest time): closed,
 * resolved and followed up with a score that does not reopen it, or
 * resolved (a missed call called back) followup.autoclose or more before.
 * A settled ticket leaves the live state; a reopen revives it. */
int hl_live_settled(const struct hl_ticket *t, const void *s);

/* Forgets every settled ticket (hl_live_sync and hl_live_read do, last);
 * how many. */
size_t hl_live_settle(struct hl_live *s);

/* Brings an empty state up to date with the journal: from the state cache
 * when it is valid (same file, not shorter, the bytes it covers unchanged,
 * the same configuration), else from the top. Writes the cache anew when
 * much was read. */
int hl_live_sync(struct hl_live *s, const char *journal, struct hl_buf *err);

/* What the cron tools read: one journal (FILE, else $HL_JOURNAL, else
 * ./hotline.csv) through its cache; several, or standard input, from the
 * top without one. With as_of set, only the records dated up to it. */
int hl_live_read(struct hl_live *s, char *const *files, int nfiles, struct hl_buf *err);

/* The cache's path for a journal. */
void hl_live_cache_path(const char *journal, struct hl_buf *out);

#endif
