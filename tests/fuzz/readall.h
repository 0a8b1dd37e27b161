/* readall.h - the fuzzers' common step: read every record of a buffer,
 * as a journal and as input, and write each back out */
#ifndef HL_FUZZ_READALL_H
#define HL_FUZZ_READALL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hl/format.h"
#include "io/reader.h"

static void read_all(const unsigned char *data, size_t size, unsigned flags)
{
	FILE *fp = fmemopen((void *)data, size, "r");
	struct hl_buf err = {0}, out = {0};
	struct hl_record r = {0};
	if (!fp)
		return;
	struct hl_reader *rd = hl_reader_open_fp(fp, "fuzz", flags, &err);
	int rc;
	while (rd && (rc = hl_reader_next(rd, &r, &err)) != HL_READ_EOF && rc != HL_READ_FATAL) {
		if (rc != HL_READ_RECORD)
			continue;
		hl_buf_clear(&out);
		hl_yaml_put_record(&out, &r);
		size_t ncols;
		const char *const *cols = hl_reader_columns(rd, &ncols);
		if (ncols)
			hl_csv_put_record(&out, cols, ncols, &r);
	}
	hl_reader_close(rd);
	fclose(fp);
	hl_record_free(&r);
	hl_buf_free(&err);
	hl_buf_free(&out);
}

/* The input behind a prefix that settles the format detection. */
static void read_with(const char *prefix, const unsigned char *data, size_t size)
{
	size_t n = strlen(prefix);
	unsigned char *buf = malloc(n + size);
	if (!buf)
		return;
	memcpy(buf, prefix, n);
	memcpy(buf + n, data, size);
	read_all(buf, n + size, 0);
	read_all(buf, n + size, HL_READ_JOURNAL);
	free(buf);
}

#endif
