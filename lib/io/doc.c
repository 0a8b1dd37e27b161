/* doc.c - report tables and charts, and their text, CSV and YAML forms */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hl/time.h"
#include "io/doc_priv.h"
#include "hl/format.h"
#include "io/table.h"
#include "base/utf8.h"
#include "hl/i18n.h"

char *hl_doc_title(const char *organisation, const char *unit, const char *what)
{
	struct hl_buf b = {0};
	const char *part[] = {organisation, unit, what};
	for (size_t i = 0; i < 3; i++)
		if (part[i] && *part[i])
			hl_buf_printf(&b, "%s%s", b.len ? " " : "", part[i]);
	return b.s ? b.s : hl_xstrdup("");
}

struct hl_tab *hl_doc_table(struct hl_doc *d, const char *title)
{
	d->tab = hl_xreallocarray(d->tab, d->ntabs + 1, sizeof *d->tab);
	struct hl_tab *t = &d->tab[d->ntabs++];
	memset(t, 0, sizeof *t);
	t->title = hl_xstrdup(title);
	return t;
}

void hl_tab_col(struct hl_tab *t, const char *key, const char *label, enum hl_cell_type type)
{
	t->col = hl_xreallocarray(t->col, t->ncols + 1, sizeof *t->col);
	t->col[t->ncols++] = (struct hl_col){hl_xstrdup(key), hl_xstrdup(label), type};
}

size_t hl_tab_row(struct hl_tab *t)
{
	if ((t->nrows + 1) * t->ncols > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16 * t->ncols;
		t->cell = hl_xreallocarray(t->cell, t->cap, sizeof *t->cell);
		if (t->n)
			t->n = hl_xreallocarray(t->n, t->cap, sizeof *t->n);
	}
	for (size_t c = 0; c < t->ncols; c++) {
		t->cell[t->nrows * t->ncols + c] = hl_xstrdup("");
		if (t->n)
			t->n[t->nrows * t->ncols + c] = -1;
	}
	return t->nrows++;
}

void hl_tab_set_n(struct hl_tab *t, size_t row, size_t col, long n)
{
	if (!t->n) {
		t->n = hl_xreallocarray(NULL, t->cap, sizeof *t->n);
		for (size_t i = 0; i < t->cap; i++)
			t->n[i] = -1;
	}
	t->n[row * t->ncols + col] = n;
}

void hl_tab_set(struct hl_tab *t, size_t row, size_t col, const char *value)
{
	char **cell = &t->cell[row * t->ncols + col];
	free(*cell);
	*cell = hl_xstrdup(value ? value : "");
}

void hl_tab_setf(struct hl_tab *t, size_t row, size_t col, const char *fmt, ...)
{
	struct hl_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	hl_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	hl_tab_set(t, row, col, b.s);
	hl_buf_free(&b);
}

void hl_tab_drop(struct hl_tab *t, size_t c)
{
	size_t k = 0;
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		if (i % t->ncols == c) {
			free(t->cell[i]);
			continue;
		}
		if (t->n)
			t->n[k] = t->n[i];
		t->cell[k++] = t->cell[i];
	}
	free(t->col[c].key);
	free(t->col[c].label);
	memmove(t->col + c, t->col + c + 1, (t->ncols - c - 1) * sizeof *t->col);
	t->ncols--;
}

struct hl_chart *hl_doc_chart(struct hl_doc *d, const char *title, int percent)
{
	d->chart = hl_xreallocarray(d->chart, d->ncharts + 1, sizeof *d->chart);
	struct hl_chart *c = &d->chart[d->ncharts++];
	memset(c, 0, sizeof *c);
	c->title = hl_xstrdup(title);
	c->percent = percent;
	return c;
}

void hl_chart_add_n(struct hl_chart *c, const char *label, double value, long n)
{
	c->label = hl_xreallocarray(c->label, c->n + 1, sizeof *c->label);
	c->value = hl_xreallocarray(c->value, c->n + 1, sizeof *c->value);
	c->size = hl_xreallocarray(c->size, c->n + 1, sizeof *c->size);
	c->label[c->n] = hl_xstrdup(label);
	c->size[c->n] = n;
	c->value[c->n++] = value;
}

void hl_chart_add(struct hl_chart *c, const char *label, double value)
{
	hl_chart_add_n(c, label, value, -1);
}

void hl_doc_define(struct hl_doc *d, const char *term, const char *text)
{
	d->def = hl_xreallocarray(d->def, d->ndefs + 1, sizeof *d->def);
	d->def[d->ndefs++] = (struct hl_def){hl_xstrdup(term), hl_xstrdup(text)};
}

void hl_doc_add_explain(struct hl_doc *d, const char *id, const char *text)
{
	d->explain = hl_xreallocarray(d->explain, d->nexplains + 1, sizeof *d->explain);
	d->explain[d->nexplains++] = (struct hl_explain){hl_xstrdup(id), hl_xstrdup(text)};
}

int hl_doc_empty(const struct hl_doc *d)
{
	for (size_t i = 0; i < d->ntabs; i++)
		if (d->tab[i].nrows > (size_t)(d->tab[i].totals ? 1 : 0))
			return 0;
	return 1;
}

/* Whether key is in the comma-separated list. */
static int listed_key(const char *list, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, key, n))
			return 1;
		p += len + (p[len] == ',');
	}
	return 0;
}

int hl_doc_select(struct hl_doc *d, const char *list, struct hl_buf *err)
{
	/* every key asked for is some table's */
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ","), found = 0;
		for (size_t i = 0; i < d->ntabs && !found; i++)
			for (size_t c = 0; c < d->tab[i].ncols && !found; c++)
				found = strlen(d->tab[i].col[c].key) == len &&
					!strncmp(d->tab[i].col[c].key, p, len);
		if (!found) {
			hl_fail(err, "unknown column '%.*s' (", (int)len, p);
			for (size_t i = 0; i < d->ntabs; i++)
				for (size_t c = 0; c < d->tab[i].ncols; c++)
					hl_buf_printf(err, "%s%s", i || c ? ", " : "", d->tab[i].col[c].key);
			hl_buf_adds(err, ")");
			return -1;
		}
		p += len + (p[len] == ',');
	}
	for (size_t i = 0; i < d->ntabs; i++) {
		struct hl_tab *t = &d->tab[i];
		for (size_t c = t->ncols; c-- > 1;)
			if (!listed_key(list, t->col[c].key))
				hl_tab_drop(t, c);
	}
	return 0;
}

void hl_doc_free(struct hl_doc *d)
{
	for (size_t i = 0; i < d->ntabs; i++) {
		struct hl_tab *t = &d->tab[i];
		for (size_t k = 0; k < t->nrows * t->ncols; k++)
			free(t->cell[k]);
		for (size_t c = 0; c < t->ncols; c++)
			free(t->col[c].key), free(t->col[c].label);
		free(t->cell), free(t->n), free(t->col), free(t->title);
	}
	for (size_t i = 0; i < d->ncharts; i++) {
		for (size_t k = 0; k < d->chart[i].n; k++)
			free(d->chart[i].label[k]);
		free(d->chart[i].label), free(d->chart[i].value), free(d->chart[i].size);
		free(d->chart[i].title);
	}
	for (size_t i = 0; i < d->ndefs; i++)
		free(d->def[i].term), free(d->def[i].text);
	for (size_t i = 0; i < d->nexplains; i++)
		free(d->explain[i].id), free(d->explain[i].text);
	if (d->previous) {
		hl_doc_free(d->previous);
		free(d->previous);
	}
	free(d->def), free(d->explain);
	free(d->tab), free(d->chart), free(d->title), free(d->period), free(d->generated);
	memset(d, 0, sizeof *d);
}

int hl_doc_format_parse(const char *s)
{
	static const char *const names[] = {"text", "csv", "yaml", "html", "xlsx"};
	for (int i = 0; i < 5; i++)
		if (hl_streq(s, names[i]))
			return i;
	return -1;
}

/* ---- cells ---- */

void hl_span_show(int64_t secs, struct hl_buf *out)
{
	int64_t m = (secs < 0 ? -secs : secs) / 60;
	if (secs < 0)
		hl_buf_addc(out, '-');
	if (m >= 1440)
		hl_buf_printf(out, "%lld%s", (long long)(m / 1440), _(NC_("span", "d")));
	if (m >= 60 && m % 1440 / 60)
		hl_buf_printf(out, "%lld%s", (long long)(m % 1440 / 60), _(NC_("span", "h")));
	if (m % 60 || m == 0)
		hl_buf_printf(out, "%lld%s", (long long)(m % 60), _(NC_("span", "m")));
}

void hl_cell_show(enum hl_cell_type type, const char *v, struct hl_buf *out)
{
	char *end;
	long long secs;
	if (type == HL_CELL_DURATION && *v && (secs = strtoll(v, &end, 10), !*end)) {
		hl_span_show((int64_t)secs, out);
		return;
	}
	if (type == HL_CELL_CLOCK && !strncmp(v, "late ", 5) && (secs = strtoll(v + 5, &end, 10), !*end)) {
		hl_buf_printf(out, "%s ", _(NC_("deadline", "late")));
		hl_span_show((int64_t)secs, out);
		return;
	}
	if (type == HL_CELL_CLOCK && !strncmp(v, "due ", 4) && strlen(v) == 20) {
		/* "due MM-DD HH:MM": the year goes without saying */
		hl_buf_printf(out, "%s %s", _(NC_("deadline", "due")), v + 9);
		return;
	}
	hl_buf_adds(out, type == HL_CELL_CLOCK && hl_streq(v, "met") ? _(NC_("deadline", "met")) : v);
}

void hl_cell_clock(const char *v, struct hl_buf *outcome, struct hl_buf *late)
{
	if (!strncmp(v, "late ", 5)) {
		hl_buf_adds(outcome, _(NC_("deadline", "late")));
		hl_buf_adds(late, v + 5);
	} else if (!strncmp(v, "due ", 4)) {
		hl_buf_printf(outcome, "%s %s", _(NC_("deadline", "due")), v + 4);
	} else {
		hl_buf_adds(outcome, hl_streq(v, "met") ? _(NC_("deadline", "met")) : v);
	}
}

void hl_col_header(const struct hl_col *c, int late, struct hl_buf *out)
{
	hl_buf_adds(out, c->label);
	if (late)
		hl_buf_adds(out, _(" late (hours)"));
	else if (c->type == HL_CELL_DURATION)
		hl_buf_adds(out, _(" (hours)"));
}

void hl_cell_hours(const char *v, struct hl_buf *out)
{
	char *end;
	long long secs = strtoll(v, &end, 10);
	if (*v && !*end)
		hl_buf_printf(out, "%.1f", (double)secs / 3600.0);
	else
		hl_buf_adds(out, v);
}

/* ---- CSV ---- */

void hl_csv_neutralize(const char *v, struct hl_buf *out)
{
	static const char *const fullwidth[] = {"\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0"};
	int risky = v[0] && strchr("=+-@\t\r\n", v[0]);
	for (size_t i = 0; !risky && i < 4; i++)
		risky = !strncmp(v, fullwidth[i], 3);
	if (risky)
		hl_buf_addc(out, '\'');
	hl_buf_adds(out, v);
}

/* Text a spreadsheet's CSV import would take for a number or a date
 * (02012345678, +8613800000000, 3/4, 2026-11, 1e5, 50%): digits and
 * what numbers and dates are written with, nothing else. */
static int looks_numeric(const char *v)
{
	int digit = 0;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = 1;
		else if (!strchr("+-./:, eE%", *p))
			return 0;
	}
	return digit;
}

/* RFC 4180 for spreadsheets: quoted when needed, raw line breaks kept in
 * quotes (a spreadsheet cell may hold them), a duration in hours. A text
 * cell that would be read as a number gets a leading tab, which keeps it
 * text (and its leading zeros) in LibreOffice's and Excel's default
 * import; one that would run as a formula gets a ' (hl-report(1)). */
static void csv_cell(struct hl_buf *line, const char *v, enum hl_cell_type type)
{
	struct hl_buf cell = {0};
	if (type == HL_CELL_DURATION) {
		hl_cell_hours(v, &cell);
	} else if (HL_CELL_NUMERIC(type) || type == HL_CELL_TIME) {
		hl_buf_adds(&cell, v);
	} else if (looks_numeric(v)) {
		hl_buf_addc(&cell, '\t');
		hl_buf_adds(&cell, v);
	} else {
		hl_csv_neutralize(v, &cell);
	}
	const char *s = hl_buf_str(&cell);
	int quote = s[0] == '\'' || s[0] == '\t' || strpbrk(s, ",\"\r\n") ||
		    (*s && (s[0] == ' ' || s[cell.len - 1] == ' '));
	if (quote)
		hl_buf_addc(line, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			hl_buf_addc(line, '"');
		hl_buf_addc(line, *p);
	}
	if (quote)
		hl_buf_addc(line, '"');
	hl_buf_free(&cell);
}

static void csv_tab(const struct hl_doc *d, const struct hl_tab *t, struct hl_buf *out)
{
	if (d->ntabs > 1) {
		csv_cell(out, t->title, HL_CELL_TEXT);
		hl_buf_add(out, "\r\n", 2);
	}
	struct hl_buf a = {0}, b = {0};
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			hl_buf_addc(out, ',');
		hl_buf_clear(&a);
		hl_col_header(&t->col[c], 0, &a);
		csv_cell(out, a.s, HL_CELL_TEXT);
		if (t->col[c].type == HL_CELL_CLOCK) {
			hl_buf_clear(&a);
			hl_col_header(&t->col[c], 1, &a);
			hl_buf_addc(out, ',');
			csv_cell(out, a.s, HL_CELL_TEXT);
		}
	}
	hl_buf_add(out, "\r\n", 2);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cell[r * t->ncols + c];
			if (c)
				hl_buf_addc(out, ',');
			if (t->col[c].type != HL_CELL_CLOCK) {
				csv_cell(out, v, t->col[c].type);
				continue;
			}
			hl_buf_clear(&a), hl_buf_clear(&b);
			hl_cell_clock(v, &a, &b);
			csv_cell(out, hl_buf_str(&a), HL_CELL_TEXT);
			hl_buf_addc(out, ',');
			csv_cell(out, hl_buf_str(&b), HL_CELL_DURATION);
		}
		hl_buf_add(out, "\r\n", 2);
	}
	hl_buf_free(&a), hl_buf_free(&b);
}

/* ---- text ---- */

static void text_tab(const struct hl_doc *d, const struct hl_tab *t, int titled, FILE *fp, int *rc)
{
	struct hl_table tt;
	const char **row = hl_xcalloc(t->ncols, sizeof *row);
	struct hl_buf *shown = hl_xcalloc(t->ncols, sizeof *shown);
	hl_table_init(&tt, t->ncols);
	tt.width = d->width;
	tt.colour = d->colour;
	for (size_t c = 0; c < t->ncols; c++) {
		row[c] = t->col[c].label;
		if (HL_CELL_NUMERIC(t->col[c].type) && c < 32)
			tt.right |= 1u << c;
		/* the caller's words give way first */
		if (hl_streq(t->col[c].key, "text"))
			tt.shrink = (int)c;
	}
	hl_table_row(&tt, row);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			row[c] = t->cell[r * t->ncols + c];
			if (t->col[c].type == HL_CELL_DURATION || t->col[c].type == HL_CELL_CLOCK) {
				hl_buf_clear(&shown[c]);
				hl_cell_show(t->col[c].type, row[c], &shown[c]);
				row[c] = hl_buf_str(&shown[c]);
			}
		}
		hl_table_row(&tt, row);
		for (size_t c = 0; c < t->ncols; c++)
			if ((t->col[c].type == HL_CELL_CLOCK && !strncmp(t->cell[r * t->ncols + c], "late ", 5)) ||
			    (hl_streq(t->col[c].key, "late") && *row[c]))
				hl_table_mark(&tt, c);
	}
	for (size_t c = 0; c < t->ncols; c++)
		hl_buf_free(&shown[c]);
	free(shown);
	struct hl_buf title = {0};
	if (titled)
		hl_buf_line(&title, "%s", t->title);
	if ((titled && fputs(title.s, fp) == EOF) || hl_table_print(&tt, fp))
		*rc = -1;
	hl_buf_free(&title);
	hl_table_free(&tt);
	free(row);
}

/* ---- YAML: one flow mapping a row ---- */

static void yaml_tab(const struct hl_tab *t, struct hl_buf *out)
{
	for (size_t r = 0; r < t->nrows; r++) {
		hl_buf_adds(out, "- {table: ");
		hl_yaml_put_scalar(out, t->title, strlen(t->title));
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cell[r * t->ncols + c];
			if (!*v)
				continue;
			hl_buf_adds(out, ", ");
			hl_yaml_put_scalar(out, t->col[c].key, strlen(t->col[c].key));
			hl_buf_adds(out, ": ");
			if (t->col[c].type == HL_CELL_CLOCK) {
				struct hl_buf a = {0}, b = {0};
				hl_cell_clock(v, &a, &b);
				hl_yaml_put_scalar(out, a.s, a.len);
				if (b.len) {
					hl_buf_printf(out, ", %s_late_hours: ", t->col[c].key);
					hl_cell_hours(b.s, out);
				}
				hl_buf_free(&a), hl_buf_free(&b);
			} else if (t->col[c].type == HL_CELL_DURATION && strspn(v, "0123456789") == strlen(v))
				hl_cell_hours(v, out);
			else if (HL_CELL_NUMERIC(t->col[c].type) && strspn(v, "0123456789.") == strlen(v))
				hl_buf_adds(out, v);
			else
				hl_yaml_put_scalar(out, v, strlen(v));
		}
		hl_buf_adds(out, "}\n");
	}
}

int hl_doc_print(const struct hl_doc *d, enum hl_doc_format f, int bom, FILE *fp,
		 struct hl_buf *err)
{
	struct hl_buf out = {0};
	int rc = 0;
	if (f == HL_DOC_HTML)
		return hl_doc_html(d, fp);
	if (f == HL_DOC_XLSX)
		return hl_doc_xlsx(d, fp, err);
	if (f == HL_DOC_TEXT) {
		hl_buf_line(&out, "%s  %s", d->title, d->period);
		rc = fprintf(fp, "%s\n", out.s) < 0 ? -1 : 0;
		hl_buf_free(&out);
		if (rc)
			return -1;
		for (size_t i = 0; i < d->ntabs; i++) {
			if (i && fputc('\n', fp) == EOF)
				rc = -1;
			text_tab(d, &d->tab[i], d->ntabs > 1, fp, &rc);
		}
		return rc;
	}
	if (f == HL_DOC_CSV && bom)
		hl_buf_adds(&out, "\xef\xbb\xbf");
	for (size_t i = 0; i < d->ntabs; i++) {
		if (f == HL_DOC_CSV) {
			if (i)
				hl_buf_add(&out, "\r\n", 2);
			csv_tab(d, &d->tab[i], &out);
		} else {
			yaml_tab(&d->tab[i], &out);
		}
	}
	if (out.len && fwrite(out.s, 1, out.len, fp) != out.len)
		rc = -1;
	hl_buf_free(&out);
	return rc;
}
