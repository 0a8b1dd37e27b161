/* journalread.c - journals fed to a fold, torn and bad lines reported */
#include <stdlib.h>

#include "hl/journalread.h"
#include "hl/reader.h"

static int read_one(const char *path, void (*feed)(void *, const struct hl_cols *, const char *),
		    void *arg, struct hl_buf *err)
{
	struct hl_reader *rd = hl_reader_open(path, HL_READ_JOURNAL, err);
	struct hl_cols c;
	struct hl_buf e = {0};
	int rc;
	if (!rd)
		return -1;
	while ((rc = hl_reader_next_cols(rd, &c, &e)) != HL_READ_EOF && rc != HL_READ_FATAL) {
		if (rc == HL_READ_BAD) {
			hl_warnx("%s", e.s);
			continue;
		}
		feed(arg, &c, hl_reader_name(rd));
	}
	if (rc == HL_READ_FATAL)
		hl_fail(err, "%s", e.s);
	hl_reader_close(rd);
	hl_buf_free(&e);
	return rc == HL_READ_FATAL ? -1 : 0;
}

int hl_journal_read(char *const *files, int nfiles,
		    void (*feed)(void *arg, const struct hl_cols *c, const char *file),
		    void *arg, struct hl_buf *err)
{
	if (nfiles == 0) {
		const char *env = getenv("HL_JOURNAL");
		return read_one(env && *env ? env : "hotline.csv", feed, arg, err);
	}
	for (int i = 0; i < nfiles; i++)
		if (read_one(files[i], feed, arg, err))
			return -1;
	return 0;
}
