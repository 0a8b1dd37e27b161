/* words.h - the journal's words as reports show them: categories,
 * channels, priorities, verdicts, states, clocks and roles in the
 * language of hl_i18n_init (the journal itself keeps the English) */
#ifndef HL_WORDS_H
#define HL_WORDS_H

#include "hl/event.h"
#include "hl/fold.h"

/* A vocabulary's word for value ("" for 0, or a value it has no label for). */
const char *hl_word_label(const struct hl_vocab *v, int value);
const char *hl_state_label(enum hl_state s);
/* A clock's name (enum hl_clock). */
const char *hl_clock_label(int clock);
/* The untranslated label of a vocabulary's value, context and all, or
 * NULL (for tests: each must be the vocabulary's own word). */
const char *hl_word_msgid(const struct hl_vocab *v, int value);

#endif
