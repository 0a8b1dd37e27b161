/* i18n.h - the language of what reports show: labels from a GNU gettext
 * message catalogue (domain "hl"), English in the code, Chinese in
 * po/zh_CN.po. The journal keeps its own English words; only what people
 * read is translated. */
#ifndef HL_I18N_H
#define HL_I18N_H

#include "hl/util.h"

#define HL_TEXTDOMAIN "hl"

/* A label marked for xgettext, translated later (in tables of labels). */
#define N_(s) s
/* A label in a context ("category", "state", ...): the same English word
 * may read differently in two places. Context and label are one string,
 * as gettext stores them. */
#define NC_(ctx, s) ctx "\004" s
#define _(s) hl_tr(s)

/* Picks the reports' language: lang "zh" or "en" (--lang), or NULL for
 * the environment's (LC_ALL, LC_MESSAGES, LANG, then LANGUAGE, as GNU
 * gettext reads them; a C or POSIX locale is English), and binds the
 * catalogue: $HL_LOCALEDIR, else ../locale beside the program (the build
 * tree), else the directory it was installed to. Chinese is used whether
 * or not the system has a zh_CN locale. Only LC_MESSAGES is set: numbers
 * and character classes stay as in the C locale. -1 with a message for
 * an unknown lang; a missing catalogue is a warning, and English. */
int hl_i18n_init(const char *lang, struct hl_buf *err);
/* "zh" or "en". */
const char *hl_i18n_lang(void);
/* The label in the chosen language (its context dropped): looked up in
 * the catalogue once, then kept, so that a label a row costs a probe.
 * msgid must be a string that lives as long as the program (a literal). */
const char *hl_tr(const char *msgid);

#endif
