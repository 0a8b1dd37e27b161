/* export.c - journal records to stdout, CSV or YAML, streaming */
#include <errno.h>
#include <string.h>

#include "hl/export.h"
#include "hl/reader.h"

static int wanted(const struct hl_record *r, char *const *ids, size_t nids)
{
	if (!nids)
		return 1;
	const char *id = hl_record_get(r, "ticket");
	for (size_t i = 0; id && i < nids; i++)
		if (hl_streq(ids[i], id))
			return 1;
	return 0;
}

long hl_export(const char *path, enum hl_format fmt, char *const *ids, size_t nids,
	       FILE *out, struct hl_buf *err)
{
	struct hl_reader *rd = hl_reader_open(path, HL_READ_JOURNAL, err);
	struct hl_record r = {0};
	struct hl_buf line = {0}, e = {0};
	long count = 0;
	int rc, header_done = fmt != HL_FMT_CSV;
	if (!rd)
		return -1;
	while ((rc = hl_reader_next(rd, &r, &e)) != HL_READ_EOF && rc != HL_READ_FATAL) {
		if (rc == HL_READ_BAD) {
			hl_warnx("%s", e.s);
			continue;
		}
		if (!wanted(&r, ids, nids))
			continue;
		size_t ncols;
		const char *const *cols = hl_reader_columns(rd, &ncols);
		hl_buf_clear(&line);
		if (!header_done) {
			hl_csv_put_header(&line, cols, ncols);
			header_done = 1;
		}
		if (fmt == HL_FMT_CSV)
			hl_csv_put_record(&line, cols, ncols, &r);
		else
			hl_yaml_put_record(&line, &r);
		if (fwrite(line.s, 1, line.len, out) != line.len) {
			rc = HL_READ_FATAL;
			hl_fail(&e, "write error: %s", strerror(errno));
			break;
		}
		count++;
	}
	if (rc == HL_READ_FATAL) {
		hl_fail(err, "%s", e.s);
		count = -1;
	}
	hl_reader_close(rd);
	hl_record_free(&r);
	hl_buf_free(&line);
	hl_buf_free(&e);
	return count;
}
