/* cdr.h - call detail records exported as CSV by a 400-number provider or
 * a PBX, read through the column mapping of the calls section */
#ifndef HL_CDR_H
#define HL_CDR_H

#include "calls/calls.h"
#include "hl/telephony.h"

/* Reads the files in order ("-": stdin) through the calls section's
 * cdr mapping, in encoding (NULL: UTF-8). The rows of a call (its legs:
 * the same id, or link) become one call: answered when a leg was, its
 * wait until that leg answered, or the longest ring. Calls the direction
 * filter finds outbound or internal are left out. Times without an
 * offset are in the configuration's zone; "2026-11-03 09:14:05",
 * "2026/11/3 9:14" and epoch seconds are understood, durations as
 * seconds, M:SS or H:MM:SS. Errors are "NAME:LINE: what"; on error s may
 * hold some calls. */
int hl_cdr_read(char *const *files, size_t n, const char *encoding, const struct hl_telephony *t,
		struct hl_callset *s, struct hl_buf *err);

#endif
