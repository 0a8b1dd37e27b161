/* export.h - a journal's records out again, as CSV or YAML */
#ifndef HL_EXPORT_H
#define HL_EXPORT_H

#include <stdio.h>

#include "hl/doc.h"
#include "hl/format.h"

/* Streams the records of path (those of the given tickets, or all when
 * nids is 0) to out. Unreadable lines are reported on stderr and skipped.
 * Returns the number of records written, or -1 on error (message in err). */
long hl_export(const char *path, enum hl_format fmt, char *const *ids, size_t nids,
	       FILE *out, struct hl_buf *err);

/* The same records as one table of typed cells for a spreadsheet (times
 * as local date-times, scores as numbers, the rest text), Chinese
 * headers; the count, or -1 (message in err). */
long hl_export_doc(const char *path, char *const *ids, size_t nids, struct hl_doc *doc,
		   struct hl_buf *err);

#endif
