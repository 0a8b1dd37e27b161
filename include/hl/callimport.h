/* callimport.h - the phone system's logs into a batch for the journal */
#ifndef HL_CALLIMPORT_H
#define HL_CALLIMPORT_H

#include "hl/batch.h"
#include "hl/config.h"

enum hl_call_source {
	HL_CALLS_ASTERISK,  /* queue_log */
	HL_CALLS_CDR,       /* a CSV export, mapped by the calls section */
};

/* Reads the files in order ("-": stdin; rotated queue_logs oldest first,
 * the calls carry over) and adds one record per finished call to b. A
 * CSV export is read in encoding (NULL: UTF-8). */
int hl_calls_import(enum hl_call_source src, char *const *files, size_t n, const char *encoding,
		    const struct hl_config *cfg, struct hl_batch *b, struct hl_buf *err);

#endif
