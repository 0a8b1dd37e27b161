/* table.h - aligned text columns for a terminal, measured in display
 * width so that Chinese text lines up */
#ifndef HL_TABLE_H
#define HL_TABLE_H

#include <stdio.h>

#include "hl/util.h"

struct hl_table {
	char **cell;       /* rows * ncols, row-major */
	size_t ncols, nrows, cap;
	unsigned right;    /* bit c: column c is right-aligned */
};

void hl_table_init(struct hl_table *t, size_t ncols);
/* Adds a row of ncols cells, copied as hl_buf_add_visible shows them. */
void hl_table_row(struct hl_table *t, const char *const *cells);
/* Prints every row, columns two spaces apart; -1 on a write error. */
int hl_table_print(const struct hl_table *t, FILE *fp);
void hl_table_free(struct hl_table *t);

#endif
