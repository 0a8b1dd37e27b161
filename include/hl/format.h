/* format.h - writing records as CSV lines or YAML flow mappings */
#ifndef HL_FORMAT_H
#define HL_FORMAT_H

#include <stddef.h>

#include "hl/record.h"
#include "hl/util.h"

enum hl_format { HL_FMT_CSV, HL_FMT_YAML };

/* "csv" or "yaml"; -1 when unknown. */
int hl_format_parse(const char *s);

/* CSV, RFC 4180, one record per physical line: a backslash is written as
 * \\ and line breaks as \n and \r, and a field is quoted only when it must
 * be (comma, quote, leading or trailing blank). */
void hl_csv_put_field(struct hl_buf *b, const char *v, size_t len);
void hl_csv_put_header(struct hl_buf *b, const char *const *cols, size_t n);
/* The record's fields in the order of cols; absent fields stay empty. */
void hl_csv_put_record(struct hl_buf *b, const char *const *cols, size_t n,
		       const struct hl_record *r);
/* Undoes the backslash escapes in place; returns the new length. */
size_t hl_csv_unescape(char *s, size_t len);

/* YAML: "- {time: '...', ticket: HL-..., ...}" on one line, empty fields
 * left out, scalars quoted whenever a YAML 1.1 reader could take them for
 * anything but a string (numbers, dates, phones, yes/no). */
void hl_yaml_put_record(struct hl_buf *b, const struct hl_record *r);
void hl_yaml_put_scalar(struct hl_buf *b, const char *v, size_t len);

#endif
