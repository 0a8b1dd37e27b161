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
	long *n;          /* nrows * ncols when some rate has one: its sample size, -1 none */
	size_t nrows, cap;
	int totals;       /* the last row sums the others */
};

struct hl_chart {
	char *title;
	char **label;
	double *value;
	long *size;       /* each bar's sample size, -1 none */
	size_t n;
	int percent;      /* values are 0..100 */
};

/* A term and what it means, printed under the tables of the page. */
struct hl_def {
	char *term, *text;
};

/* How a ticket's clocks were judged, for a late clock's link (HTML). */
struct hl_explain {
	char *id, *text;
};

struct hl_doc {
	char *title, *period;
	char *generated;  /* local "YYYY-MM-DD HH:MM" the report was made, or NULL */
	struct hl_def *def;
	size_t ndefs;
	struct hl_explain *explain;
	size_t nexplains;
	struct hl_doc *previous;  /* the period before, for comparison, or NULL */
	int signatures;   /* the page has lines to sign (制表, 审核, 日期) */
	/* how text is printed (hl_table): the width to fit, 0 for no limit,
	 * and whether late clocks are in colour */
	size_t width;
	int colour;
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
/* The sample size of a rate cell: n= under it on the page. */
void hl_tab_set_n(struct hl_tab *t, size_t row, size_t col, long n);
/* Keeps the columns a comma-separated list of keys names, in the list's
 * order, the row's key (the first column) always; -1 with the known keys
 * in err when a key is in no table. */
int hl_doc_select(struct hl_doc *d, const char *list, struct hl_buf *err);
/* A definition under the tables; an explanation a late clock links to. */
void hl_doc_define(struct hl_doc *d, const char *term, const char *text);
void hl_doc_add_explain(struct hl_doc *d, const char *id, const char *text);
/* 1 when no table has a row but a totals row: the report selected nothing. */
int hl_doc_empty(const struct hl_doc *d);
struct hl_chart *hl_doc_chart(struct hl_doc *d, const char *title, int percent);
void hl_chart_add(struct hl_chart *c, const char *label, double value);
/* A bar with its sample size (n= beside it). */
void hl_chart_add_n(struct hl_chart *c, const char *label, double value, long n);
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

/* The width text output should fit: $COLUMNS when it is a number, else
 * the terminal's when fd is one, else 0 (no limit: a pipe or a file). */
size_t hl_term_width(int fd);
/* Whether to colour: fd is a terminal and NO_COLOR is unset or empty. */
int hl_term_colour(int fd);

/* A cell a spreadsheet would run as a formula (= + - @ tab CR LF, and
 * their fullwidth forms) gets a ' in front. */
void hl_csv_neutralize(const char *v, struct hl_buf *out);

#endif
