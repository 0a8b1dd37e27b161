/* csvin.h - rows of a CSV file that another program wrote (a phone
 * system's call records, a spreadsheet): any encoding iconv(3) knows,
 * with or without a header, quotes read as spreadsheets read them. Never
 * the journal, which is held to strict CSV (reader.h). */
#ifndef HL_CSVIN_H
#define HL_CSVIN_H

#include "hl/util.h"

struct hl_csvin;

/* One row: n fields, each NUL-terminated (a field may hold a NUL byte of
 * its own: len says where it ends). Good until the next call. Fields are
 * not checked as text: the caller checks those it uses. */
struct hl_csvrow {
	char **f;
	size_t *len;
	size_t n;
	long line;     /* the physical line the row starts on */
};

/* path "-": standard input. encoding NULL (or UTF-8): taken as it is,
 * else converted to UTF-8 as it is read. A UTF-8 byte order mark at the
 * start is dropped. NULL on error (message in err). */
struct hl_csvin *hl_csvin_open(const char *path, const char *encoding, struct hl_buf *err);
/* 1: a row; 0: the end; -1: an error, "NAME:LINE: what" in err. Blank
 * lines are skipped. */
int hl_csvin_next(struct hl_csvin *r, struct hl_csvrow *row, struct hl_buf *err);
const char *hl_csvin_name(const struct hl_csvin *r);
void hl_csvin_close(struct hl_csvin *r);

#endif
