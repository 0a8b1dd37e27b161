/* journalfile.h - the journal as a file: which one a tool reads, whether
 * there is one yet, and making one (hl-log init) */
#ifndef HL_JOURNALFILE_H
#define HL_JOURNALFILE_H

#include "hl/util.h"

/* The journal a tool reads when no file is named: $HL_JOURNAL, else
 * ./hotline.csv. */
const char *hl_journal_default(void);
/* 1 when no file is named and that journal does not exist yet: a fresh
 * directory, where the cron tools have nothing to do (not an error). */
int hl_journal_none_yet(char *const *files, int nfiles);
/* Makes a new journal at path, its header committed. 0: made; 1: there
 * is one already (err says so); -1: error; 2: made, but its commit not
 * known to be on disk (err says why). */
int hl_journal_create(const char *path, int wait_seconds, struct hl_buf *err);

#endif
