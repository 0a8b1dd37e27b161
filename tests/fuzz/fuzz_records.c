/* fuzz_records.c - the CSV and YAML record readers on any bytes, as a
 * journal and as input, each record also written back out */
#include <stdio.h>

#include "hl/format.h"
#include "hl/reader.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

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

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (!size)
		return 0;
	read_all(data, size, 0);
	read_all(data, size, HL_READ_JOURNAL);
	return 0;
}
