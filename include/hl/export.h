/* export.h - a journal's records out again, as CSV or YAML */
#ifndef HL_EXPORT_H
#define HL_EXPORT_H

#include <stdio.h>

#include "hl/format.h"

/* Streams the records of path (those of the given tickets, or all when
 * nids is 0) to out. Unreadable lines are reported on stderr and skipped.
 * Returns the number of records written, or -1 on error (message in err). */
long hl_export(const char *path, enum hl_format fmt, char *const *ids, size_t nids,
	       FILE *out, struct hl_buf *err);

#endif
