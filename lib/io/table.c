/* table.c - aligned columns by display width */
#include <stdlib.h>
#include <string.h>

#include "io/table.h"
#include "base/utf8.h"

void hl_table_init(struct hl_table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
}

void hl_table_row(struct hl_table *t, const char *const *cells)
{
	if ((t->nrows + 1) * t->ncols > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16 * t->ncols;
		t->cell = hl_xreallocarray(t->cell, t->cap, sizeof *t->cell);
	}
	/* kept as shown: a cell's line break or terminal control would make
	 * a row of its own or move the cursor, and its escape has a width */
	for (size_t c = 0; c < t->ncols; c++) {
		struct hl_buf b = {0};
		const char *v = cells[c] ? cells[c] : "";
		hl_buf_add_visible(&b, v, strlen(v));
		t->cell[t->nrows * t->ncols + c] = b.s ? b.s : hl_xstrdup("");
	}
	t->nrows++;
}

int hl_table_print(const struct hl_table *t, FILE *fp)
{
	size_t *w = hl_xcalloc(t->ncols, sizeof *w);
	struct hl_buf line = {0};
	int rc = 0;
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		size_t cw = hl_utf8_width(t->cell[i]);
		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	for (size_t r = 0; r < t->nrows && rc == 0; r++) {
		hl_buf_clear(&line);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cell[r * t->ncols + c];
			size_t pad = w[c] - hl_utf8_width(s);
			int right = (t->right >> c) & 1, last = c + 1 == t->ncols;
			for (size_t k = 0; right && k < pad; k++)
				hl_buf_addc(&line, ' ');
			hl_buf_adds(&line, s);
			for (size_t k = 0; !right && !last && k < pad; k++)
				hl_buf_addc(&line, ' ');
			if (!last)
				hl_buf_add(&line, "  ", 2);
		}
		hl_buf_addc(&line, '\n');
		if (fwrite(line.s, 1, line.len, fp) != line.len)
			rc = -1;
	}
	hl_buf_free(&line);
	free(w);
	return rc;
}

void hl_table_free(struct hl_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof *t);
}
