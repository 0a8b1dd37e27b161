/* export.c - journal records to stdout, CSV or YAML, streaming; or as a
 * table of typed cells for a spreadsheet */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hl/export.h"
#include "hl/i18n.h"
#include "io/reader.h"
#include "io/tindex.h"
#include "hl/time.h"

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

struct counted {
	int (*fn)(void *arg, struct hl_reader *rd, const struct hl_record *r, struct hl_buf *e);
	void *arg;
	long n;
};

static int count_one(void *arg, struct hl_reader *rd, const struct hl_record *r, struct hl_buf *e)
{
	struct counted *cn = arg;
	if (cn->fn(cn->arg, rd, r, e))
		return -1;
	cn->n++;
	return 0;
}

/* Calls fn for each record of the journal whose ticket is one of ids (any
 * when none), reporting and skipping bad lines; stops when fn fails (its
 * message in e). The records read, or -1 (message in err). */
static long each_wanted(const char *path, char *const *ids, size_t nids,
			int (*fn)(void *arg, struct hl_reader *rd, const struct hl_record *r,
				  struct hl_buf *e),
			void *arg, struct hl_buf *err)
{
	struct hl_reader *rd;
	struct hl_record r = {0};
	struct hl_buf e = {0};
	long count = 0;
	int rc;
	if (nids) {
		/* a few tickets: their records through the ticket index */
		struct counted cn = {fn, arg, 0};
		rc = hl_tindex_each(path, ids, nids, count_one, &cn, err);
		if (rc)
			return rc < 0 ? -1 : cn.n;
	}
	if (!(rd = hl_reader_open(path, HL_READ_JOURNAL, err)))
		return -1;
	while ((rc = hl_reader_next(rd, &r, &e)) != HL_READ_EOF && rc != HL_READ_FATAL) {
		if (rc == HL_READ_BAD) {
			hl_warnx("%s", e.s);
			continue;
		}
		if (!wanted(&r, ids, nids))
			continue;
		if (fn(arg, rd, &r, &e)) {
			rc = HL_READ_FATAL;
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
	hl_buf_free(&e);
	return count;
}

struct stream {
	enum hl_format fmt;
	FILE *out;
	struct hl_buf line;
	int header_done;
};

static int put_record(void *arg, struct hl_reader *rd, const struct hl_record *r,
		      struct hl_buf *e)
{
	struct stream *st = arg;
	size_t ncols;
	const char *const *cols = hl_reader_columns(rd, &ncols);
	hl_buf_clear(&st->line);
	if (!st->header_done) {
		hl_csv_put_header(&st->line, cols, ncols);
		st->header_done = 1;
	}
	if (st->fmt == HL_FMT_CSV)
		hl_csv_put_record(&st->line, cols, ncols, r);
	else
		hl_yaml_put_record(&st->line, r);
	if (fwrite(st->line.s, 1, st->line.len, st->out) != st->line.len)
		return hl_fail(e, "write error: %s", strerror(errno));
	return 0;
}

long hl_export(const char *path, enum hl_format fmt, char *const *ids, size_t nids,
	       FILE *out, struct hl_buf *err)
{
	struct stream st = {fmt, out, {0}, fmt != HL_FMT_CSV};
	long count = each_wanted(path, ids, nids, put_record, &st, err);
	hl_buf_free(&st.line);
	return count;
}

/* ---- for spreadsheets ---- */

static const struct {
	const char *key, *label;
	enum hl_cell_type type;
} sheet_cols[] = {
	{"time", N_("Time"), HL_CELL_TIME},          {"ticket", N_("Ticket"), HL_CELL_TEXT},
	{"event", N_("Event"), HL_CELL_TEXT},        {"actor", N_("Actor"), HL_CELL_TEXT},
	{"category", N_("Category"), HL_CELL_TEXT},  {"priority", N_("Priority"), HL_CELL_TEXT},
	{"channel", N_("Channel"), HL_CELL_TEXT},    {"caller", N_("Caller"), HL_CELL_TEXT},
	{"phone", N_("Phone"), HL_CELL_TEXT},        {"place", N_("Place"), HL_CELL_TEXT},
	{"dept", N_("Department"), HL_CELL_TEXT},    {"assignee", N_("Assignee"), HL_CELL_TEXT},
	{"due", N_("Due"), HL_CELL_TIME},            {"level", N_("Level"), HL_CELL_COUNT},
	{"clock", N_("Clock"), HL_CELL_TEXT},        {"notify", N_("Notify"), HL_CELL_TEXT},
	{"score", N_("Score"), HL_CELL_COUNT},       {"verdict", N_("Verdict"), HL_CELL_TEXT},
	{"rule", N_("Rule"), HL_CELL_TEXT},          {"call", N_("Call"), HL_CELL_TEXT},
	{"queue", N_("Queue"), HL_CELL_TEXT},        {"outcome", N_("Outcome"), HL_CELL_TEXT},
	{"wait", N_("Wait (s)"), HL_CELL_COUNT},     {"talk", N_("Talk (s)"), HL_CELL_COUNT},
	{"text", N_("Text"), HL_CELL_TEXT},
};

/* A journal time as a local date-time a spreadsheet reads; what does not
 * parse stays as written. */
static void sheet_time(const char *v, size_t len, struct hl_buf *out)
{
	struct hl_time t;
	int y, mo, d, h, mi, sec;
	struct hl_buf copy = {0};
	hl_buf_add(&copy, v, len);
	if (len && hl_time_parse(hl_buf_str(&copy), &t, NULL) == 0) {
		hl_time_fields(hl_time_local(t.t), &y, &mo, &d, &h, &mi, &sec);
		hl_buf_printf(out, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
	} else {
		hl_buf_add(out, v, len);
	}
	hl_buf_free(&copy);
}

struct sheet {
	struct hl_doc *doc;
	struct hl_tab *tab;
	int16_t *pos;
	struct hl_buf v;
};

static int put_row(void *arg, struct hl_reader *rd, const struct hl_record *r,
		   struct hl_buf *e)
{
	struct sheet *sh = arg;
	size_t ncols;
	const char *const *cols = hl_reader_columns(rd, &ncols);
	(void)e;
	if (!sh->tab) {
		sh->tab = hl_doc_table(sh->doc, _("Journal"));
		for (size_t c = 0; c < ncols; c++) {
			size_t k = 0, n = sizeof sheet_cols / sizeof sheet_cols[0];
			while (k < n && !hl_streq(sheet_cols[k].key, cols[c]))
				k++;
			hl_tab_col(sh->tab, cols[c], k < n ? _(sheet_cols[k].label) : cols[c],
				   k < n ? sheet_cols[k].type : HL_CELL_TEXT);
		}
		sh->pos = hl_xcalloc(ncols ? ncols : 1, sizeof *sh->pos);
	}
	hl_record_index(r, cols, ncols, sh->pos);
	size_t row = hl_tab_row(sh->tab);
	for (size_t c = 0; c < ncols && c < sh->tab->ncols; c++) {
		if (sh->pos[c] < 0)
			continue;
		const struct hl_field *f = &r->f[sh->pos[c]];
		hl_buf_clear(&sh->v);
		if (sh->tab->col[c].type == HL_CELL_TIME)
			sheet_time(f->value, f->len, &sh->v);
		else
			hl_buf_add(&sh->v, f->value, f->len);
		hl_tab_set(sh->tab, row, c, hl_buf_str(&sh->v));
	}
	return 0;
}

long hl_export_doc(const char *path, char *const *ids, size_t nids, struct hl_doc *doc,
		   struct hl_buf *err)
{
	struct sheet sh = {doc, NULL, NULL, {0}};
	doc->title = hl_xstrdup(_("Journal"));
	doc->period = hl_xstrdup(path);
	long count = each_wanted(path, ids, nids, put_row, &sh, err);
	hl_buf_free(&sh.v);
	free(sh.pos);
	return count;
}
