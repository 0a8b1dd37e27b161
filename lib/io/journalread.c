/* journalread.c - journals fed to a fold, torn and bad lines reported */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "io/journalread.h"
#include "io/reader.h"

/* How records reach the fold: as columns, or digested first. */
struct feeder {
	void (*cols)(void *arg, const struct hl_cols *c, const char *file);
	void (*digested)(void *arg, const struct hl_digested *d, const char *file);
	const struct hl_digest *dg;
	void *arg;
};

static int next(struct hl_reader *rd, const struct feeder *f, struct hl_cols *c,
		struct hl_digested *d, struct hl_buf *e)
{
	return f->dg ? hl_reader_next_digested(rd, d, e) : hl_reader_next_cols(rd, c, e);
}

static int read_one(const char *path, const struct feeder *f, struct hl_buf *err)
{
	struct hl_reader *rd = hl_reader_open(path, HL_READ_JOURNAL, err);
	struct hl_cols c;
	struct hl_digested d;
	struct hl_buf e = {0};
	int rc;
	if (!rd)
		return -1;
	if (f->dg)
		hl_reader_digest(rd, f->dg);
	while ((rc = next(rd, f, &c, &d, &e)) != HL_READ_EOF && rc != HL_READ_FATAL) {
		if (rc == HL_READ_BAD) {
			hl_warnx("%s", e.s);
			continue;
		}
		if (f->dg)
			f->digested(f->arg, &d, hl_reader_name(rd));
		else
			f->cols(f->arg, &c, hl_reader_name(rd));
	}
	if (rc == HL_READ_FATAL)
		hl_fail(err, "%s", e.s);
	hl_reader_close(rd);
	hl_buf_free(&e);
	return rc == HL_READ_FATAL ? -1 : 0;
}

static int read_all(char *const *files, int nfiles, const struct feeder *f, struct hl_buf *err)
{
	if (nfiles == 0) {
		return read_one(hl_journal_default(), f, err);
	}
	for (int i = 0; i < nfiles; i++)
		if (read_one(files[i], f, err))
			return -1;
	return 0;
}

int hl_journal_read(char *const *files, int nfiles,
		    void (*feed)(void *arg, const struct hl_cols *c, const char *file),
		    void *arg, struct hl_buf *err)
{
	struct feeder f = {.cols = feed, .arg = arg};
	return read_all(files, nfiles, &f, err);
}

int hl_journal_read_digested(char *const *files, int nfiles, const struct hl_digest *dg,
			     void (*feed)(void *arg, const struct hl_digested *d, const char *file),
			     void *arg, struct hl_buf *err)
{
	struct feeder f = {.digested = feed, .dg = dg, .arg = arg};
	return read_all(files, nfiles, &f, err);
}

const char *hl_journal_default(void)
{
	const char *env = getenv("HL_JOURNAL");
	return env && *env ? env : "hotline.csv";
}

int hl_journal_none_yet(char *const *files, int nfiles)
{
	struct stat st;
	(void)files; /* named files are the caller's to have */
	return nfiles == 0 && stat(hl_journal_default(), &st) < 0 && errno == ENOENT;
}
