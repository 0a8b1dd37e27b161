/* complete.h - the words a shell's completion offers for an argument
 * (hl-log --complete KIND): the vocabularies, the configuration's
 * departments and people, the tickets still open */
#ifndef HL_COMPLETE_H
#define HL_COMPLETE_H

#include <stdio.h>

/* Prints the words of kind what to out, one a line: 0 when there were
 * some, 1 when none, -1 when no kind has that name. The configuration
 * is found as hl_config_load finds it, the journal is journal (NULL:
 * $HL_JOURNAL, else ./hotline.csv); one missing or unreadable is no words
 * and no message. Writes no file, not even the state cache: it runs on
 * every TAB. */
int hl_complete(const char *what, const char *config, const char *journal, FILE *out);

/* The name of the i-th kind, or NULL past the last (for messages). */
const char *hl_complete_kind(size_t i);

#endif
