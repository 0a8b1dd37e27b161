/* doc.h - a report as data: titled tables of typed cells and bar charts,
 * and the five ways to print one (aligned text, CSV for spreadsheets,
 * YAML, a self-contained HTML page with SVG charts, an xlsx workbook) */
#ifndef HL_DOC_H
#define HL_DOC_H

#include <stdio.h>

#include "hl/util.h"

/* What a column's cells hold: one type a column, so that each printer
 * shows a cell the same way (text for people, numbers for spreadsheets). */
enum hl_cell_type {
	HL_CELL_TEXT,      /* words, names, phones, places, ids: never a number or formula */
	HL_CELL_COUNT,     /* a whole number */
	HL_CELL_RATE,      /* a percentage, "12.5" for 12.5% */
	HL_CELL_DECIMAL,   /* a number with one decimal (seconds, minutes) */
	HL_CELL_DURATION,  /* whole seconds: 1h59m for people, hours for spreadsheets */
	HL_CELL_TIME,      /* local "YYYY-MM-DD HH:MM" or "YYYY-MM-DD": a date-time */
	HL_CELL_CLOCK,     /* a deadline: "met", "late SECONDS" or "due YYYY-MM-DD HH:MM";
			    * for people "late 2d1h", for spreadsheets two cells: the
			    * outcome (met, late, due ...) and the hours late */
};

struct hl_col {
	char *key;        /* machine name: YAML key */
	char *label;      /* for people: text, CSV, HTML and xlsx headers */
	enum hl_cell_type type;
};

/* A column right-aligned and never neutralized: a number of some kind. */
#define HL_CELL_NUMERIC(type) \
	((type) != HL_CELL_TEXT && (type) != HL_CELL_TIME && (type) != HL_CELL_CLOCK)

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
	char *generated;  /* local "YYYY-MM-DD HH:MM" the report was made, or NULL */
	struct hl_tab *tab;
	size_t ntabs;
	struct hl_chart *chart;
	size_t ncharts;
};

/* A report's title: the organisation and its unit (either may be NULL),
 * then what the report is. */
char *hl_doc_title(const char *organisation, const char *unit, const char *what);
struct hl_tab *hl_doc_table(struct hl_doc *d, const char *title);
void hl_tab_col(struct hl_tab *t, const char *key, const char *label, enum hl_cell_type type);
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

enum hl_doc_format { HL_DOC_TEXT, HL_DOC_CSV, HL_DOC_YAML, HL_DOC_HTML, HL_DOC_XLSX };
/* "text", "csv", "yaml", "html", "xlsx"; -1 when unknown. */
int hl_doc_format_parse(const char *s);
/* bom: a UTF-8 byte order mark first (CSV, for spreadsheets). -1 on a
 * write error (xlsx: message in err; the others: errno). */
int hl_doc_print(const struct hl_doc *d, enum hl_doc_format f, int bom, FILE *fp,
		 struct hl_buf *err);

/* A span of seconds as people read it, 1h59m, in the reports' language. */
void hl_span_show(int64_t secs, struct hl_buf *out);
/* The workbook: a sheet a table, written to fp (a file or a pipe). */
int hl_doc_xlsx(const struct hl_doc *d, FILE *fp, struct hl_buf *err);
/* -1 with a message when fp is a terminal: no place for a workbook. */
int hl_xlsx_refuse_tty(FILE *fp, struct hl_buf *err);

/* A cell a spreadsheet would run as a formula (= + - @ tab CR LF, and
 * their fullwidth forms) gets a ' in front. */
void hl_csv_neutralize(const char *v, struct hl_buf *out);

#endif
