/* journalread.h - feeding one or more journals, record by record, to a
 * reader such as the router */
#ifndef HL_JOURNALREAD_H
#define HL_JOURNALREAD_H

#include "hl/event.h"
#include "hl/journalfile.h"
#include "io/reader.h"
#include "hl/util.h"

/* Calls feed for each record of each file in order (none: $HL_JOURNAL,
 * else ./hotline.csv), as the journal's columns, with the file's name: a
 * warning about a record is "file:line", the line being the record's. Lines that cannot be read are
 * reported and skipped. Returns -1 (message in err) when a file cannot be
 * opened or read at all. */
int hl_journal_read(char *const *files, int nfiles,
		    void (*feed)(void *arg, const struct hl_cols *c, const char *file),
		    void *arg, struct hl_buf *err);
/* The same, each record digested first (hl_reader_digest): by the thread
 * reading ahead, when a file is large enough for one, while feed has the
 * records before. */
int hl_journal_read_digested(char *const *files, int nfiles, const struct hl_digest *dg,
			     void (*feed)(void *arg, const struct hl_digested *d, const char *file),
			     void *arg, struct hl_buf *err);


#endif
