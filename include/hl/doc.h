/* doc.h - a report as data: titled tables of cells and bar charts, and
 * the four ways to print one (aligned text, CSV for spreadsheets, YAML,
 * a self-contained HTML page with SVG charts) */
#ifndef HL_DOC_H
#define HL_DOC_H

#include <stdio.h>

#include "hl/util.h"

struct hl_col {
	char *key;        /* machine name: CSV header, YAML key */
	char *label;      /* for people: text and HTML headers */
	int numeric;      /* right-aligned, never neutralized, plain in YAML */
};

struct hl_tab {
	char *title;
	struct hl_col *col;
	size_t ncols;
	char **cell;      /* nrows * ncols, row-major; "" for none */
	size_t nrows, cap;
	int totals;       /* the last row sums the others */
};

struct hl_chart {
	char *title;
	char **label;
	double *value;
	size_t n;
	int percent;      /* values are 0..100 */
};

struct hl_doc {
	char *title, *period;
	struct hl_tab *tab;
	size_t ntabs;
	struct hl_chart *chart;
	size_t ncharts;
};

struct hl_tab *hl_doc_table(struct hl_doc *d, const char *title);
void hl_tab_col(struct hl_tab *t, const char *key, const char *label, int numeric);
/* Adds an empty row; returns its index. */
size_t hl_tab_row(struct hl_tab *t);
void hl_tab_set(struct hl_tab *t, size_t row, size_t col, const char *value);
void hl_tab_setf(struct hl_tab *t, size_t row, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Drops column c (a column with nothing in it). */
void hl_tab_drop(struct hl_tab *t, size_t c);
struct hl_chart *hl_doc_chart(struct hl_doc *d, const char *title, int percent);
void hl_chart_add(struct hl_chart *c, const char *label, double value);
void hl_doc_free(struct hl_doc *d);

enum hl_doc_format { HL_DOC_TEXT, HL_DOC_CSV, HL_DOC_YAML, HL_DOC_HTML };
/* "text", "csv", "yaml", "html"; -1 when unknown. */
int hl_doc_format_parse(const char *s);
/* bom: a UTF-8 byte order mark first (CSV, for Excel). -1 on write error. */
int hl_doc_print(const struct hl_doc *d, enum hl_doc_format f, int bom, FILE *fp);

/* A cell a spreadsheet would run as a formula (= + - @ tab CR LF, and
 * their fullwidth forms) gets a ' in front. */
void hl_csv_neutralize(const char *v, struct hl_buf *out);

#endif
