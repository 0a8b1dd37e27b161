/* table.h - aligned text columns for a terminal, measured in display
 * width so that Chinese text lines up, fitted to the terminal's width */
#ifndef HL_TABLE_H
#define HL_TABLE_H

#include <stdio.h>

#include "hl/util.h"

struct hl_table {
	char **cell;       /* rows * ncols, row-major */
	size_t ncols, nrows, cap;
	unsigned right;    /* bit c: column c is right-aligned */
	/* how it is printed (hl_table_init: no limit, the first column the
	 * row's key, nothing cut, no colour) */
	size_t width;      /* the terminal's columns; 0: no limit (a pipe) */
	size_t nkey;       /* leading columns every column group repeats */
	int shrink;        /* the column cut with an ellipsis to fit; -1 none */
	int colour;        /* marked cells in red (a terminal, NO_COLOR unset) */
	unsigned char *mark;  /* per cell: 1 marked (late, overdue) */
};

void hl_table_init(struct hl_table *t, size_t ncols);
/* Adds a row of ncols cells, copied as hl_buf_add_visible shows them. */
void hl_table_row(struct hl_table *t, const char *const *cells);
/* Marks a cell of the last row added (shown in colour when t->colour). */
void hl_table_mark(struct hl_table *t, size_t col);
/* Prints every row, columns two spaces apart, no line wider than
 * t->width: the shrink column cut first, then the columns split into
 * groups, one after the other, each repeating the key columns; -1 on a
 * write error. */
int hl_table_print(const struct hl_table *t, FILE *fp);
void hl_table_free(struct hl_table *t);

#endif
