/* reader.h - a stream of records from a CSV or YAML file, format detected */
#ifndef HL_READER_H
#define HL_READER_H

#include <stdint.h>
#include <stdio.h>

#include "hl/event.h"
#include "hl/format.h"
#include "hl/record.h"
#include "hl/util.h"

struct hl_reader;

enum {
	/* The input is a journal: a last line without its newline is a torn
	 * write, not the end of the last record, and no record spans lines. */
	HL_READ_JOURNAL = 1,
	/* A spreadsheet's CSV, not ours: always CSV, any UTF-8 column names
	 * (Chinese ones among them), fields taken as they are (no backslash
	 * escapes). */
	HL_READ_FOREIGN = 2,
	/* A few records here and there (hl_reader_seek to each): reads of a
	 * few KiB, no reading ahead. */
	HL_READ_SPARSE = 4,
};

enum {
	HL_READ_RECORD = 1,  /* a record was read */
	HL_READ_EOF = 0,
	HL_READ_BAD = -1,    /* this record is unusable and was skipped */
	HL_READ_FATAL = -2,  /* the input cannot be read further */
};

/* path "-" reads standard input. NULL on error (message in err). A
 * journal (HL_READ_JOURNAL) that is a file is read only as far as its
 * commit record says it is committed (committed.h). */
struct hl_reader *hl_reader_open(const char *path, unsigned flags, struct hl_buf *err);
/* The same over an open stream, which the reader does not close. */
struct hl_reader *hl_reader_open_fp(FILE *fp, const char *name, unsigned flags,
				    struct hl_buf *err);
/* The same, reading nothing at or after byte limit of the file (the
 * stream's position now is its offset; limit < 0: no limit). */
struct hl_reader *hl_reader_open_upto(FILE *fp, const char *name, unsigned flags, int64_t limit,
				      struct hl_buf *err);
/* Reads the next record into rec; messages are "NAME:LINE: what". Its
 * values are views into the reader's input, good until the next call
 * (hl_record_copy keeps one); setting a field gives it its own value. */
int hl_reader_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err);
/* The same as the journal's columns, for a fold that reads no other:
 * no record is built. Views good until the next call. */
int hl_reader_next_cols(struct hl_reader *r, struct hl_cols *c, struct hl_buf *err);

/* Work on a record that needs nothing but its columns, parsing it say:
 * done where the record is split, so by the thread reading ahead when
 * there is one, while the caller uses the records before. It writes
 * what it makes at out (the digest's size bytes, suitably aligned) and
 * may point into the record's values; a message in err when it returns
 * less than 0. It must not touch what the caller's thread does. */
typedef int hl_digest_fn(const struct hl_cols *c, void *out, void *arg, struct hl_buf *err);
/* Whether a line (its break included) is of no use, seen before it is
 * split, where the digest runs: a line it passes over is neither split,
 * checked nor digested. Asked only of files whose header puts the time
 * first, as hl-log writes it. */
typedef int hl_skip_fn(const char *line, size_t len, void *arg);
struct hl_digest {
	hl_digest_fn *fn;
	size_t size;
	void *arg;
	hl_skip_fn *skip;  /* optional; given arg too */
};
/* A record digested: what the digest made and returned. */
struct hl_digested {
	const void *out;   /* good until the next call, as the values are */
	int rc;
	const char *msg;   /* when rc < 0 */
	long line;         /* the record's first physical line */
	int64_t offset;
};
/* Each record from now on is digested; before the first record read. */
void hl_reader_digest(struct hl_reader *r, const struct hl_digest *dg);
/* The next record, digested: HL_READ_RECORD and d filled, or what
 * hl_reader_next_cols returns. */
int hl_reader_next_digested(struct hl_reader *r, struct hl_digested *d, struct hl_buf *err);
void hl_reader_close(struct hl_reader *r);
/* Continues a CSV file from a byte offset that hl_reader_offset() gave
 * earlier, after the header (line: the physical lines before offset), so
 * a fold can resume from a saved state instead of reading from the top. */
int hl_reader_seek(struct hl_reader *r, int64_t offset, long line, struct hl_buf *err);
long hl_reader_line(const struct hl_reader *r);

/* The name used in messages ("<stdin>" for standard input). */
const char *hl_reader_name(const struct hl_reader *r);
enum hl_format hl_reader_format(const struct hl_reader *r);
/* The CSV header's columns (n = 0 for YAML or before the header). */
const char *const *hl_reader_columns(const struct hl_reader *r, size_t *n);
/* Byte offset just past the last record returned (CSV). */
int64_t hl_reader_offset(const struct hl_reader *r);

/* Checks a column or field name: non-empty, printable ASCII letters,
 * digits, '_' and '-'. */
int hl_valid_name(const char *s);

#endif
