/* table.c - aligned columns by display width, fitted to a terminal */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "hl/doc.h"
#include "io/table.h"
#include "base/utf8.h"

void hl_table_init(struct hl_table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->nkey = 1;
	t->shrink = -1;
}

void hl_table_row(struct hl_table *t, const char *const *cells)
{
	if ((t->nrows + 1) * t->ncols > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16 * t->ncols;
		t->cell = hl_xreallocarray(t->cell, t->cap, sizeof *t->cell);
		if (t->mark)
			t->mark = hl_xreallocarray(t->mark, t->cap, 1);
	}
	/* kept as shown: a cell's line break or terminal control would make
	 * a row of its own or move the cursor, and its escape has a width */
	for (size_t c = 0; c < t->ncols; c++) {
		struct hl_buf b = {0};
		const char *v = cells[c] ? cells[c] : "";
		hl_buf_add_visible(&b, v, strlen(v));
		t->cell[t->nrows * t->ncols + c] = b.s ? b.s : hl_xstrdup("");
		if (t->mark)
			t->mark[t->nrows * t->ncols + c] = 0;
	}
	t->nrows++;
}

void hl_table_mark(struct hl_table *t, size_t col)
{
	if (!t->nrows || col >= t->ncols)
		return;
	if (!t->mark)
		t->mark = hl_xcalloc(t->cap, 1);
	t->mark[(t->nrows - 1) * t->ncols + col] = 1;
}

/* Columns a run of columns takes, two spaces apart. */
static size_t span(const size_t *w, const size_t *cols, size_t n)
{
	size_t s = n ? 2 * (n - 1) : 0;
	for (size_t i = 0; i < n; i++)
		s += w[cols[i]];
	return s;
}

static int print_group(const struct hl_table *t, const size_t *w, const size_t *natural,
		       const size_t *cols, size_t n, FILE *fp)
{
	struct hl_buf line = {0}, cut = {0};
	int rc = 0;
	for (size_t r = 0; r < t->nrows && rc == 0; r++) {
		hl_buf_clear(&line);
		for (size_t i = 0; i < n; i++) {
			size_t c = cols[i];
			const char *s = t->cell[r * t->ncols + c];
			if (w[c] < natural[c]) {
				hl_buf_clear(&cut);
				hl_buf_add_cut(&cut, s, w[c]);
				s = hl_buf_str(&cut);
			}
			size_t sw = hl_utf8_width(s), pad = w[c] > sw ? w[c] - sw : 0;
			int right = c < 32 && (t->right >> c) & 1, last = i + 1 == n;
			int hot = t->colour && t->mark && t->mark[r * t->ncols + c] && *s;
			for (size_t k = 0; right && k < pad; k++)
				hl_buf_addc(&line, ' ');
			if (hot)
				hl_buf_adds(&line, "\033[31m");
			hl_buf_adds(&line, s);
			if (hot)
				hl_buf_adds(&line, "\033[0m");
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
	hl_buf_free(&cut);
	return rc;
}

/* The narrowest a cut column gets: a few characters and the ellipsis. */
#define MIN_CUT 6

int hl_table_print(const struct hl_table *t, FILE *fp)
{
	size_t *w = hl_xcalloc(t->ncols ? t->ncols : 1, sizeof *w);
	size_t *natural = hl_xcalloc(t->ncols ? t->ncols : 1, sizeof *natural);
	size_t *cols = hl_xcalloc(t->ncols ? t->ncols : 1, sizeof *cols);
	size_t nkey = t->nkey < t->ncols ? t->nkey : 0;
	int rc = 0;
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		size_t cw = hl_utf8_width(t->cell[i]);
		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	memcpy(natural, w, t->ncols * sizeof *w);
	for (size_t c = 0; c < t->ncols; c++)
		cols[c] = c;
	size_t all = span(w, cols, t->ncols);
	/* the long text first gives up what it must */
	int s = t->shrink >= 0 && (size_t)t->shrink < t->ncols ? t->shrink : -1;
	if (t->width && all > t->width && s >= 0) {
		size_t over = all - t->width, least = natural[s] < MIN_CUT ? natural[s] : MIN_CUT;
		w[s] = over < natural[s] && natural[s] - over > least ? natural[s] - over : least;
		all = span(w, cols, t->ncols);
		if (all > t->width)
			w[s] = natural[s]; /* groups it is: it may fit in its own */
	}
	if (!t->width || all <= t->width) {
		rc = print_group(t, w, natural, cols, t->ncols, fp);
		goto out;
	}
	/* column groups: the key, then as many columns as fit */
	for (size_t next = nkey, first = 1; next < t->ncols && rc == 0; first = 0) {
		size_t n = nkey;
		for (size_t k = 0; k < nkey; k++)
			cols[k] = k;
		cols[n++] = next++;
		while (next < t->ncols) {
			cols[n] = next;
			size_t need = span(w, cols, n + 1);
			if (need > t->width) {
				/* the long text takes what is left, when enough is */
				size_t room = t->width - (need - w[next]);
				if ((int)next == s && need - w[next] < t->width && room >= MIN_CUT)
					w[next] = room, n++, next++;
				break;
			}
			n++, next++;
		}
		/* one column alone too wide: cut to what is left */
		size_t keys = span(w, cols, nkey) + (nkey ? 2 : 0), c = cols[n - 1];
		if (n == nkey + 1 && keys + w[c] > t->width && t->width > keys + 1)
			w[c] = t->width - keys;
		if (!first && fputc('\n', fp) == EOF)
			rc = -1;
		if (rc == 0)
			rc = print_group(t, w, natural, cols, n, fp);
	}
out:
	free(w);
	free(natural);
	free(cols);
	return rc;
}

void hl_table_free(struct hl_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->mark);
	memset(t, 0, sizeof *t);
}

size_t hl_term_width(int fd)
{
	const char *env = getenv("COLUMNS");
	char *end;
	if (env && *env) {
		long n = strtol(env, &end, 10);
		if (!*end && n > 0 && n < 100000)
			return (size_t)n;
	}
	struct winsize ws;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

int hl_term_colour(int fd)
{
	const char *no = getenv("NO_COLOR");
	return isatty(fd) && !(no && *no);
}
