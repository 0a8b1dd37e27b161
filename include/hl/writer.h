/* writer.h - records to a stream as CSV (header first) or YAML */
#ifndef HL_WRITER_H
#define HL_WRITER_H

#include <stdio.h>

#include "hl/format.h"

struct hl_writer {
	FILE *fp;
	enum hl_format fmt;
	int header_done;
	struct hl_buf line;
};

void hl_writer_init(struct hl_writer *w, FILE *fp, enum hl_format fmt);
/* Writes one record in the journal's columns; -1 on a write error. */
int hl_writer_put(struct hl_writer *w, const struct hl_record *r);
void hl_writer_free(struct hl_writer *w);

#endif
