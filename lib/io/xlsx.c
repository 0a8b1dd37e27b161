/* xlsx.c - a report as an xlsx workbook, written with libxlsxwriter: a
 * sheet a table, each column's cells of its type (numbers, percentages,
 * hours, date-times; text always a string, never a formula), a title row,
 * the header frozen, columns as wide as their text, printed landscape
 * one page wide */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "io/doc_priv.h"
#include "base/utf8.h"
#include "hl/i18n.h"

#define T_DATE (HL_CELL_CLOCK + 1) /* a date without a time */
#define T_SECS (HL_CELL_CLOCK + 2) /* a time to the second */
#define NTYPES (HL_CELL_CLOCK + 3)
#define CELL_MAX 32767 /* bytes a string cell holds (libxlsxwriter counts bytes) */

struct book {
	lxw_workbook *wb;
	lxw_format *title, *head, *cell[2][NTYPES]; /* [totals row][type] */
	struct hl_buf names;                          /* sheet names so far, NUL-separated */
};

static lxw_format *number_format(lxw_workbook *wb, const char *num, int bold)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	format_set_font_size(f, 10);
	return f;
}

static void book_formats(struct book *b)
{
	static const char *const nums[NTYPES] = {
		[HL_CELL_TEXT] = "@",         [HL_CELL_COUNT] = "0",   [HL_CELL_RATE] = "0.0%",
		[HL_CELL_DECIMAL] = "0.0",    [HL_CELL_DURATION] = "0.0",
		[HL_CELL_TIME] = "yyyy-mm-dd hh:mm", [HL_CELL_CLOCK] = "@", [T_DATE] = "yyyy-mm-dd",
		[T_SECS] = "yyyy-mm-dd hh:mm:ss",
	};
	b->title = workbook_add_format(b->wb);
	format_set_bold(b->title);
	format_set_font_size(b->title, 13);
	b->head = workbook_add_format(b->wb);
	format_set_bold(b->head);
	format_set_font_size(b->head, 10);
	format_set_text_wrap(b->head);
	format_set_align(b->head, LXW_ALIGN_CENTER);
	format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_bg_color(b->head, 0xEEF2F7);
	for (int bold = 0; bold < 2; bold++)
		for (int t = 0; t < NTYPES; t++) {
			b->cell[bold][t] = number_format(b->wb, nums[t], bold);
			if (bold)
				format_set_top(b->cell[bold][t], LXW_BORDER_THIN);
		}
}

/* "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DD": HL_CELL_TIME, T_SECS or
 * T_DATE, 0 for neither. */
static int parse_time(const char *v, lxw_datetime *dt)
{
	int n = 0, sec = 0;
	memset(dt, 0, sizeof *dt);
	if (sscanf(v, "%4d-%2d-%2d%n", &dt->year, &dt->month, &dt->day, &n) != 3 || n != 10)
		return 0;
	if (dt->year < 1900 || dt->month < 1 || dt->month > 12 || dt->day < 1 || dt->day > 31)
		return 0;
	if (!v[10])
		return T_DATE;
	if (v[10] != ' ' || sscanf(v + 11, "%2d:%2d%n", &dt->hour, &dt->min, &n) != 2 ||
	    dt->hour > 23 || dt->min > 59 || dt->hour < 0 || dt->min < 0)
		return 0;
	if (v[11 + n] == ':' && (sscanf(v + 12 + n, "%2d", &sec) != 1 || sec < 0 || sec > 60 ||
				 strlen(v + 12 + n) != 2))
		return 0;
	if (v[11 + n] && v[11 + n] != ':')
		return 0;
	dt->sec = sec;
	return v[11 + n] ? T_SECS : HL_CELL_TIME;
}

/* A number cell's value: "" is no value, anything else not a number is
 * written as text (never guessed at). */
static int parse_number(const char *v, double *d)
{
	char *end;
	if (!*v)
		return 0;
	errno = 0;
	*d = strtod(v, &end);
	return !*end && !errno;
}

/* The longest head of v of at most max bytes that ends between two
 * characters: a cell holds at most LXW_STR_MAX bytes. */
static size_t clip_utf8(const char *v, size_t max)
{
	size_t n = strlen(v);
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)v[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static lxw_error put_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v,
			  lxw_format *f)
{
	size_t n = clip_utf8(v, CELL_MAX);
	if (!v[n])
		return worksheet_write_string(ws, row, col, v, f);
	char *head = hl_xstrdup(v);
	head[n] = '\0';
	lxw_error e = worksheet_write_string(ws, row, col, head, f);
	free(head);
	return e;
}

static lxw_error put_cell(struct book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			  enum hl_cell_type type, const char *v, int total, size_t *width)
{
	lxw_format *const *f = b->cell[total];
	lxw_datetime dt;
	double d;
	int kind;
	struct hl_buf shown = {0};
	lxw_error e = LXW_NO_ERROR;
	switch (type) {
	case HL_CELL_TEXT:
		if (*v)
			e = put_text(ws, row, col, v, f[HL_CELL_TEXT]);
		else if (total)
			e = worksheet_write_blank(ws, row, col, f[HL_CELL_TEXT]);
		hl_buf_adds(&shown, v);
		break;
	case HL_CELL_TIME:
		if ((kind = parse_time(v, &dt)))
			e = worksheet_write_datetime(ws, row, col, &dt, f[kind]);
		else if (*v)
			e = put_text(ws, row, col, v, f[HL_CELL_TEXT]);
		hl_buf_adds(&shown, v);
		break;
	default:
		if (parse_number(v, &d)) {
			if (type == HL_CELL_RATE)
				d /= 100.0;
			else if (type == HL_CELL_DURATION)
				d /= 3600.0;
			e = worksheet_write_number(ws, row, col, d, f[type]);
			if (type == HL_CELL_DURATION)
				hl_cell_hours(v, &shown);
			else
				hl_buf_adds(&shown, v);
		} else if (*v) {
			e = put_text(ws, row, col, v, f[HL_CELL_TEXT]);
			hl_buf_adds(&shown, v);
		} else if (total) {
			e = worksheet_write_blank(ws, row, col, f[type]);
		}
		break;
	}
	size_t w = shown.len ? hl_utf8_width(hl_buf_str(&shown)) : 0;
	if (w > *width)
		*width = w;
	hl_buf_free(&shown);
	return e;
}

/* A sheet's name: the table's title without the characters a sheet name
 * may not hold, at most 31 characters, unique in the book. */
static void sheet_name(struct book *b, const char *title, size_t i, struct hl_buf *out)
{
	size_t chars = 0;
	for (const char *p = title; *p && chars < 28; chars++) {
		size_t n = 1;
		while (((unsigned char)p[n] & 0xc0) == 0x80)
			n++;
		if (strchr("[]:*?/\\'", *p) || (unsigned char)*p < 0x20)
			hl_buf_addc(out, '_');
		else
			hl_buf_add(out, p, n);
		p += n;
	}
	if (!out->len)
		hl_buf_adds(out, "Sheet");
	for (const char *p = b->names.s; p && p < b->names.s + b->names.len; p += strlen(p) + 1)
		if (!strcasecmp(p, out->s)) {
			hl_buf_printf(out, " %zu", i + 1);
			break;
		}
	hl_buf_add(&b->names, out->s, out->len + 1);
}

static lxw_error put_tab(struct book *b, const struct hl_doc *d, const struct hl_tab *t, size_t i,
			 struct hl_buf *err)
{
	struct hl_buf name = {0}, title = {0}, label = {0};
	lxw_error e = LXW_NO_ERROR;
	if (t->nrows + 2 > LXW_ROW_MAX) {
		hl_fail(err, "%s: %zu rows, more than a sheet holds", t->title, t->nrows);
		return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
	}
	sheet_name(b, t->title, i, &name);
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name.s);
	hl_buf_free(&name);
	if (!ws) {
		hl_fail(err, "%s: cannot add a sheet", t->title);
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	/* the title: the report, the table, the period, when it was made */
	hl_buf_adds(&title, d->title);
	if (d->ntabs > 1)
		hl_buf_printf(&title, " · %s", t->title);
	if (d->period && *d->period)
		hl_buf_printf(&title, " · %s", d->period);
	if (d->generated)
		hl_buf_printf(&title, " · %s %s", _("generated"), d->generated);
	e = put_text(ws, 0, 0, title.s, b->title);
	hl_buf_free(&title);
	/* a deadline takes two columns: its outcome and the hours late */
	size_t nout = t->ncols;
	for (size_t c = 0; c < t->ncols; c++)
		nout += t->col[c].type == HL_CELL_CLOCK;
	if (nout > LXW_COL_MAX) {
		hl_fail(err, "%s: %zu columns, more than a sheet holds", t->title, nout);
		return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
	}
	size_t *width = hl_xcalloc(nout ? nout : 1, sizeof *width);
	for (size_t c = 0, o = 0; c < t->ncols && !e; c++, o++) {
		hl_buf_clear(&label);
		hl_col_header(&t->col[c], 0, &label);
		e = put_text(ws, 1, (lxw_col_t)o, label.s, b->head);
		width[o] = hl_utf8_width(label.s);
		if (t->col[c].type == HL_CELL_CLOCK && !e) {
			hl_buf_clear(&label);
			hl_col_header(&t->col[c], 1, &label);
			e = put_text(ws, 1, (lxw_col_t)++o, label.s, b->head);
			width[o] = hl_utf8_width(label.s);
		}
	}
	hl_buf_free(&label);
	struct hl_buf outcome = {0}, late = {0};
	for (size_t r = 0; r < t->nrows && !e; r++) {
		int total = t->totals && r + 1 == t->nrows;
		lxw_row_t row = (lxw_row_t)(r + 2);
		for (size_t c = 0, o = 0; c < t->ncols && !e; c++, o++) {
			const char *v = t->cell[r * t->ncols + c];
			if (t->col[c].type != HL_CELL_CLOCK) {
				e = put_cell(b, ws, row, (lxw_col_t)o, t->col[c].type, v, total, &width[o]);
				continue;
			}
			hl_buf_clear(&outcome), hl_buf_clear(&late);
			hl_cell_clock(v, &outcome, &late);
			e = put_cell(b, ws, row, (lxw_col_t)o, HL_CELL_TEXT, hl_buf_str(&outcome), total, &width[o]);
			if (!e) {
				o++;
				e = put_cell(b, ws, row, (lxw_col_t)o, HL_CELL_DURATION, hl_buf_str(&late), total, &width[o]);
			}
		}
	}
	hl_buf_free(&outcome), hl_buf_free(&late);
	for (size_t o = 0; o < nout && !e; o++) {
		double w = (double)(width[o] < 4 ? 4 : width[o] > 60 ? 60 : width[o]) + 2;
		e = worksheet_set_column(ws, (lxw_col_t)o, (lxw_col_t)o, w, NULL);
	}
	free(width);
	if (e) {
		hl_fail(err, "%s: %s", t->title, lxw_strerror(e));
		return e;
	}
	worksheet_freeze_panes(ws, 2, 0);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 1);
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
	return LXW_NO_ERROR;
}

int hl_xlsx_refuse_tty(FILE *fp, struct hl_buf *err)
{
	if (isatty(fileno(fp)))
		return hl_fail(err, "an xlsx workbook is binary: redirect it to a file (> report.xlsx)");
	return 0;
}

/* The workbook is zipped into a file of its own (the zip's directory is
 * written after its members, and a pipe cannot seek), then copied out. */
static int copy_out(const char *path, FILE *fp, struct hl_buf *err)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = 0;
	if (!in)
		return hl_fail(err, "%s: %s", path, strerror(errno));
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, fp) != n)
			rc = hl_fail(err, "write error: %s", strerror(errno));
	if (rc == 0 && ferror(in))
		rc = hl_fail(err, "%s: read error", path);
	fclose(in);
	return rc;
}

int hl_doc_xlsx(const struct hl_doc *d, FILE *fp, struct hl_buf *err)
{
	struct book b = {0};
	struct hl_buf path = {0};
	const char *tmp = getenv("TMPDIR");
	int rc = 0;
	if (hl_xlsx_refuse_tty(fp, err))
		return -1;
	hl_buf_printf(&path, "%s/hl-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path.s);
	if (fd < 0) {
		rc = hl_fail(err, "%s: %s", path.s, strerror(errno));
		hl_buf_free(&path);
		return rc;
	}
	close(fd);
	lxw_workbook_options opt = {.constant_memory = 1, .tmpdir = tmp && *tmp ? (char *)tmp : NULL};
	b.wb = workbook_new_opt(path.s, &opt);
	if (!b.wb) {
		unlink(path.s);
		rc = hl_fail(err, "cannot make a workbook in %s", path.s);
		hl_buf_free(&path);
		return rc;
	}
	book_formats(&b);
	workbook_set_properties(b.wb, &(lxw_doc_properties){.title = d->title, .subject = d->period});
	for (size_t i = 0; i < d->ntabs && rc == 0; i++)
		if (put_tab(&b, d, &d->tab[i], i, err))
			rc = -1;
	if (rc == 0 && !d->ntabs && put_tab(&b, d, &(struct hl_tab){.title = d->title}, 0, err))
		rc = -1;
	lxw_error e = workbook_close(b.wb);
	if (rc == 0 && e)
		rc = hl_fail(err, "xlsx: %s", lxw_strerror(e));
	if (rc == 0)
		rc = copy_out(path.s, fp, err);
	unlink(path.s);
	hl_buf_free(&path);
	hl_buf_free(&b.names);
	return rc;
}
