/* reader_priv.h - what the parts of the reader share: the reader itself
 * and the functions one part calls in another (reader.c: input and the
 * calls; csvsplit.c: CSV; readahead.c: the second thread; yamlread.c) */
#ifndef HL_READER_PRIV_H
#define HL_READER_PRIV_H

#include <csv.h>
#include <yaml.h>

#include "io/reader.h"

/* Longest physical line: every field of a journal record at its longest
 * fits; beyond it the line is refused before it is parsed. */
#define MAX_LINE (1024 * 1024)
/* Most fields a record may have: far above the HL_NCOLUMNS columns of a
 * journal, low enough that a hostile input cannot make a record huge in
 * width. */
#define MAX_FIELDS 256
_Static_assert(MAX_FIELDS >= HL_NCOLUMNS, "a journal record fits");
/* The byte a writer leaves to close a line an interrupted writer tore. */
#define TORN_MARK '\x18'
/* Input is read this much at a time; lines are views into it. */
#define CHUNK (1024 * 1024)
/* Zeros kept after the input read: the split reads a line's last block
 * whole, whatever its length. */
#define SLACK 16
/* Until a CSV header is read, reads are at most this long: a tool that
 * takes the header and then seeks near the end (through a state cache)
 * reads no megabyte it does not use. */
#define HEAD_READ (64 * 1024)
/* The reads of a reader of a few records (HL_READ_SPARSE). */
#define SPARSE_READ 4096
/* A CSV file longer than this past its header is split into records by
 * a second thread while the caller uses those before (reading ahead), in
 * batches of about AHEAD_READ bytes, AHEAD_SLOTS of them in flight.
 * Why: the monthly report on 10 M events, 2.39-2.50 s in one thread,
 * 2.0-2.4 s in two (bench/README.md); 128 KiB to 1 MiB batches alike. */
#define AHEAD_MIN (4 * CHUNK)
#define AHEAD_READ (256 * 1024)
#define AHEAD_SLOTS 3

struct ahead;

struct hl_reader {
	char *name;
	FILE *fp;
	int fd;             /* fp's descriptor; -1 for a stream in memory */
	int own_fp;
	unsigned flags;
	enum hl_format fmt;
	/* What a caller reads for each record while a thread reads ahead
	 * comes first, set before the thread starts; what that thread
	 * writes begins a cache line of its own, below (the line would go
	 * back and forth between the two processors at every record: 80% of
	 * hl_reader_next_digested's samples were that one load; the report's
	 * CPU went from 3.7-4.3 s to 2.6-2.9 s, bench/README.md). */
	struct ahead *ahead;  /* the thread reading ahead, if any */
	int ahead_tried;
	/* hl_reader_digest's work: done by the worker into its batch,
	 * dg_stride bytes a record, or in the caller's thread (below) */
	struct hl_digest dg;
	size_t dg_stride;
	/* CSV */
	char **cols;
	size_t ncols;
	int16_t colpos[HL_NCOLUMNS];  /* the journal's columns in cols */
	int all_columns;              /* none of them is missing */
	/* the first in_place columns are where hl-log puts them and the
	 * rest are missing (a journal made before a column was added):
	 * records are read by position, not looked up */
	int in_place;
	int have_header;
	int64_t head_end;    /* the byte after the header line */
	/* YAML */
	yaml_parser_t yp;
	int yaml_ready;
	int yaml_lists;     /* lists open in the document: 1 is the records' */
	char **keys;        /* interned mapping keys */
	size_t nkeys, capkeys;
	struct hl_record yrec;  /* a YAML record, for hl_reader_next_cols */
	/* What the caller writes for a record: a digest it makes itself, in
	 * own_digest, its message in dg_msg. */
	_Alignas(64) void *own_digest;
	struct hl_buf dg_msg;
	/* The input and its split: the worker's while it reads ahead. */
	_Alignas(64) long line;  /* physical lines consumed */
	int64_t offset;     /* bytes consumed */
	int64_t rec_end;    /* offset past the last returned record */
	int eof;
	/* input read and not yet consumed: buf[pos..end), buf[end] = '\0' */
	char *buf;
	size_t cap, pos, end;
	int in_eof;
	int64_t in_at;      /* the file's offset of buf[end] */
	int64_t limit;      /* where its committed part ends; -1: none */
	int head_reads;     /* reads are HEAD_READ at most */
	struct csv_parser csv;
	/* The record being read, as its line was split: field k is at
	 * row + span[2k], span[2k + 1] bytes long, a '\0' after it; row is
	 * buf, or rawtext for libcsv's. span is own_span, or room in the
	 * batch being filled when a thread reads ahead (no copy to make).
	 * The record's line and offset are rec_line, rec_start. */
	char *row;
	size_t nfields;
	uint32_t *span;
	uint32_t own_span[2 * MAX_FIELDS];
	long rec_line;
	int64_t rec_start;
	struct hl_buf rawtext;  /* libcsv's fields, each ended by '\0' */
	int rec_ended;
	int too_many;
	int line_clean;     /* the record's line is valid text throughout */
	int line_escapes;   /* and has a backslash somewhere */
	size_t line_len;    /* its length (no field of it is longer) */
	int any_doubled;    /* a quoted field of it has a "" */
	int by_libcsv;      /* the record's values are libcsv's (rawtext) */
	/* bit i: field i was quoted; and had a "" in it (none set by the
	 * split of a block of plain fields: fewer stores a field) */
	uint64_t quoted[MAX_FIELDS / 64], doubled[MAX_FIELDS / 64];
	int any_quoted;     /* a bit of them is set */
};

/* reader.c */
int hl_rd_located(struct hl_reader *r, long line, struct hl_buf *err, const char *what);
ssize_t hl_rd_raw_read(struct hl_reader *r, char *dst, size_t n);
int hl_rd_fill(struct hl_reader *r);
ssize_t hl_rd_read_line(struct hl_reader *r, char **out);
void hl_rd_digest_here(struct hl_reader *r, const struct hl_cols *c, struct hl_digested *d);

/* csvsplit.c */
void hl_rd_csv_reset(struct hl_reader *r);
int hl_rd_csv_next(struct hl_reader *r, struct hl_buf *err);
void hl_rd_fill_record(const struct hl_reader *r, char *base, const uint32_t *sp, size_t n,
		       struct hl_record *rec);
void hl_rd_fill_cols(const struct hl_reader *r, char *base, const uint32_t *sp,
		     struct hl_cols *c);

/* readahead.c */
int hl_rd_ahead_switch(struct hl_reader *r);
void hl_rd_ahead_maybe(struct hl_reader *r);
int hl_rd_ahead_next(struct hl_reader *r, struct hl_record *rec, struct hl_cols *c,
		     struct hl_digested *d, struct hl_buf *err);
void hl_rd_ahead_stop(struct hl_reader *r);

/* yamlread.c */
int hl_rd_yaml_read(void *data, unsigned char *buf, size_t size, size_t *got);
int hl_rd_yaml_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err);

#endif
