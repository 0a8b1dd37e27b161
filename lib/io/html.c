/* html.c - a report as one self-contained page: no scripts, no external
 * resources, tables and SVG bar charts; a page to file: whose report,
 * when made, what each figure means, the period before beside this one,
 * lines to sign, printable on A4 landscape */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hl/i18n.h"
#include "io/doc_priv.h"

static void esc(struct hl_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': hl_buf_adds(b, "&lt;"); break;
		case '>': hl_buf_adds(b, "&gt;"); break;
		case '&': hl_buf_adds(b, "&amp;"); break;
		case '"': hl_buf_adds(b, "&quot;"); break;
		case '\'': hl_buf_adds(b, "&#39;"); break;
		default: hl_buf_addc(b, *s);
		}
	}
}

static const char style[] =
	"<style>\n"
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;"
	"margin:2em;color:#222}\n"
	"h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin-top:1.4em}\n"
	".period{color:#555;margin-top:0}\n"
	"table{border-collapse:collapse;font-size:.85em;margin:.5em 0}\n"
	"th,td{border:1px solid #bbb;padding:.2em .4em}th{background:#eef2f6;white-space:nowrap}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"td small{display:block;color:#777;font-size:.75em}\n"
	"tr.total td{font-weight:bold;background:#f6f6f6}\n"
	"td.late a{color:#b00}\n"
	".charts{display:flex;flex-wrap:wrap;gap:1.5em}\n"
	"figure{margin:0}figcaption{font-weight:bold;margin-bottom:.3em}\n"
	"dl.defs{font-size:.8em;columns:2;column-gap:2em}dl.defs dt{font-weight:bold;float:left;"
	"margin-right:.5em}dl.defs dd{margin:0 0 .2em 0}\n"
	"pre.explain{font-size:.8em;background:#f8f8f8;padding:.4em;white-space:pre-wrap}\n"
	".sign{display:flex;gap:4em;margin-top:2em}.sign span{min-width:12em;"
	"border-bottom:1px solid #222;padding-bottom:.2em}\n"
	"@page{size:A4 landscape;margin:12mm}\n"
	"@media print{body{margin:0;font-size:9pt}table{font-size:8pt}"
	"h2{page-break-after:avoid}table,figure,.sign,dl.defs{page-break-inside:avoid}"
	"thead{display:table-header-group}"
	"a{color:inherit;text-decoration:none}}\n"
	"</style>\n";

/* Columns a table on the page has at most: a wider one continues below,
 * the row's key repeated, so that no header breaks on A4 landscape. */
#define PAGE_COLS 13

static int explained(const struct hl_doc *d, const char *id)
{
	for (size_t i = 0; i < d->nexplains; i++)
		if (hl_streq(d->explain[i].id, id))
			return 1;
	return 0;
}

static void cell(struct hl_buf *b, const struct hl_doc *d, const struct hl_tab *t, size_t r,
		 size_t c, struct hl_buf *shown)
{
	const char *v = t->cell[r * t->ncols + c];
	const char *id = t->cell[r * t->ncols];
	int late = t->col[c].type == HL_CELL_CLOCK && !strncmp(v, "late", 4);
	long n = t->n ? t->n[r * t->ncols + c] : -1;
	hl_buf_adds(b, HL_CELL_NUMERIC(t->col[c].type) ? "<td class=\"n\">" : late ? "<td class=\"late\">" : "<td>");
	hl_buf_clear(shown);
	hl_cell_show(t->col[c].type, v, shown);
	if (late && explained(d, id)) {
		/* how it was judged, below: the link a disputed fine follows */
		hl_buf_adds(b, "<a href=\"#explain-");
		esc(b, id);
		hl_buf_adds(b, "\">");
		esc(b, hl_buf_str(shown));
		hl_buf_adds(b, "</a>");
	} else {
		esc(b, hl_buf_str(shown));
	}
	if (n >= 0 && *v)
		hl_buf_printf(b, "<small>n=%ld</small>", n);
	hl_buf_adds(b, "</td>");
}

static void table(struct hl_buf *b, const struct hl_doc *d, const struct hl_tab *t)
{
	struct hl_buf shown = {0};
	size_t *cols = hl_xcalloc(t->ncols ? t->ncols : 1, sizeof *cols);
	hl_buf_adds(b, "<h2>");
	esc(b, t->title);
	hl_buf_adds(b, "</h2>\n");
	for (size_t next = 1; next < t->ncols || next == 1;) {
		size_t n = 0;
		if (t->ncols)
			cols[n++] = 0;
		while (next < t->ncols && n < PAGE_COLS)
			cols[n++] = next++;
		hl_buf_adds(b, "<table>\n<thead><tr>");
		for (size_t i = 0; i < n; i++) {
			hl_buf_adds(b, "<th>");
			esc(b, t->col[cols[i]].label);
			hl_buf_adds(b, "</th>");
		}
		hl_buf_adds(b, "</tr></thead>\n<tbody>\n");
		for (size_t r = 0; r < t->nrows; r++) {
			int total = t->totals && r + 1 == t->nrows;
			hl_buf_adds(b, total ? "<tr class=\"total\">" : "<tr>");
			for (size_t i = 0; i < n; i++)
				cell(b, d, t, r, cols[i], &shown);
			hl_buf_adds(b, "</tr>\n");
		}
		hl_buf_adds(b, "</tbody>\n</table>\n");
		if (next == 1)
			break;
	}
	free(cols);
	hl_buf_free(&shown);
}

/* Horizontal bars, one a label, scaled to the largest value (or 100%),
 * an axis with its values below, a bar's sample size beside it. */
static void chart(struct hl_buf *b, const struct hl_chart *c)
{
	const int bar = 18, gap = 6, left = 130, width = 260, axis = 22;
	double max = c->percent ? 100 : 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->value[i] > max)
			max = c->value[i];
	/* counts: a scale of whole numbers at each quarter */
	if (!c->percent)
		max = max <= 4 ? 4 : 4 * (double)(long)((max + 3) / 4);
	int height = (int)c->n * (bar + gap) + gap;
	hl_buf_adds(b, "<figure><figcaption>");
	esc(b, c->title);
	hl_buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
			 "role=\"img\">\n", left + width + 90, height + axis);
	for (size_t i = 0; i < c->n; i++) {
		int y = gap + (int)i * (bar + gap);
		int w = max > 0 ? (int)(c->value[i] / max * width + 0.5) : 0;
		hl_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 6, y + 13);
		esc(b, c->label[i]);
		hl_buf_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a78a8\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"12\">%.*f%s",
			      left, y, w, bar, left + w + 4, y + 13, c->percent ? 1 : 0, c->value[i],
			      c->percent ? "%" : "");
		if (c->size && c->size[i] >= 0)
			hl_buf_printf(b, " (n=%ld)", c->size[i]);
		hl_buf_adds(b, "</text>\n");
	}
	/* the axis: a line and its values at each quarter */
	hl_buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n", left, height,
		      left + width, height);
	for (int q = 0; q <= 4; q++) {
		int x = left + width * q / 4;
		hl_buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.0f%s</text>\n",
			      x, height, x, height + 4, x, height + 15, max * q / 4, c->percent ? "%" : "");
	}
	hl_buf_adds(b, "</svg></figure>\n");
}

/* A figure's change from the period before, as the figure is written. */
static void change(struct hl_buf *b, enum hl_cell_type type, const char *now, const char *before)
{
	char *e1, *e2;
	double x = strtod(now, &e1), y = strtod(before, &e2);
	if (!*now || !*before || *e1 || *e2) {
		hl_buf_adds(b, "—");
		return;
	}
	if (type == HL_CELL_DURATION) {
		char secs[32];
		snprintf(secs, sizeof secs, "%.0f", x - y);
		if (x >= y)
			hl_buf_addc(b, '+');
		hl_cell_show(type, secs, b);
	} else if (type == HL_CELL_COUNT) {
		hl_buf_printf(b, "%+.0f", x - y);
	} else {
		hl_buf_printf(b, "%+.1f", x - y);
	}
}

/* This period's totals beside the period before's, and the change. */
static void comparison(struct hl_buf *b, const struct hl_doc *d)
{
	struct hl_buf shown = {0}, ch = {0};
	for (size_t i = 0; i < d->ntabs; i++) {
		const struct hl_tab *t = &d->tab[i], *p = NULL;
		for (size_t k = 0; k < d->previous->ntabs && !p; k++)
			if (hl_streq(d->previous->tab[k].title, t->title) && d->previous->tab[k].totals)
				p = &d->previous->tab[k];
		if (!t->totals || !p || !t->nrows || !p->nrows)
			continue;
		hl_buf_adds(b, "<h2>");
		esc(b, t->title);
		hl_buf_printf(b, "%s</h2>\n<table>\n<thead><tr><th>", _(": compared with the period before"));
		esc(b, _("Figure"));
		hl_buf_adds(b, "</th><th>");
		esc(b, d->previous->period);
		hl_buf_adds(b, "</th><th>");
		esc(b, d->period);
		hl_buf_adds(b, "</th><th>");
		esc(b, _("Change"));
		hl_buf_adds(b, "</th></tr></thead>\n<tbody>\n");
		for (size_t c = 0; c < t->ncols; c++) {
			if (!HL_CELL_NUMERIC(t->col[c].type))
				continue;
			const char *now = t->cell[(t->nrows - 1) * t->ncols + c], *before = "";
			for (size_t k = 0; k < p->ncols; k++)
				if (hl_streq(p->col[k].key, t->col[c].key))
					before = p->cell[(p->nrows - 1) * p->ncols + k];
			hl_buf_adds(b, "<tr><td>");
			esc(b, t->col[c].label);
			hl_buf_adds(b, "</td><td class=\"n\">");
			hl_buf_clear(&shown);
			hl_cell_show(t->col[c].type, before, &shown);
			esc(b, hl_buf_str(&shown));
			hl_buf_adds(b, "</td><td class=\"n\">");
			hl_buf_clear(&shown);
			hl_cell_show(t->col[c].type, now, &shown);
			esc(b, hl_buf_str(&shown));
			hl_buf_adds(b, "</td><td class=\"n\">");
			hl_buf_clear(&ch);
			change(&ch, t->col[c].type, now, before);
			esc(b, hl_buf_str(&ch));
			hl_buf_adds(b, "</td></tr>\n");
		}
		hl_buf_adds(b, "</tbody>\n</table>\n");
	}
	hl_buf_free(&shown);
	hl_buf_free(&ch);
}

int hl_doc_html(const struct hl_doc *d, FILE *fp)
{
	struct hl_buf b = {0};
	hl_buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		      hl_streq(hl_i18n_lang(), "zh") ? "zh-CN" : "en");
	esc(&b, d->title);
	hl_buf_adds(&b, " ");
	esc(&b, d->period);
	hl_buf_adds(&b, "</title>\n");
	hl_buf_adds(&b, style);
	hl_buf_adds(&b, "</head>\n<body>\n");
	hl_buf_adds(&b, "<h1>");
	esc(&b, d->title);
	hl_buf_adds(&b, "</h1>\n<p class=\"period\">");
	esc(&b, d->period);
	if (d->generated) {
		hl_buf_adds(&b, " · ");
		esc(&b, _("made"));
		hl_buf_adds(&b, " ");
		esc(&b, d->generated);
	}
	hl_buf_adds(&b, "</p>\n");
	if (d->ncharts) {
		hl_buf_adds(&b, "<div class=\"charts\">\n");
		for (size_t i = 0; i < d->ncharts; i++)
			if (d->chart[i].n)
				chart(&b, &d->chart[i]);
		hl_buf_adds(&b, "</div>\n");
	}
	for (size_t i = 0; i < d->ntabs; i++)
		table(&b, d, &d->tab[i]);
	if (d->previous)
		comparison(&b, d);
	if (d->ndefs) {
		hl_buf_adds(&b, "<h2>");
		esc(&b, _("What the figures mean"));
		hl_buf_adds(&b, "</h2>\n<dl class=\"defs\">\n");
		for (size_t i = 0; i < d->ndefs; i++) {
			hl_buf_adds(&b, "<dt>");
			esc(&b, d->def[i].term);
			hl_buf_adds(&b, "</dt><dd>");
			esc(&b, d->def[i].text);
			hl_buf_adds(&b, "</dd>\n");
		}
		hl_buf_adds(&b, "</dl>\n");
	}
	if (d->nexplains) {
		hl_buf_adds(&b, "<h2>");
		esc(&b, _("Why late"));
		hl_buf_adds(&b, "</h2>\n");
		for (size_t i = 0; i < d->nexplains; i++) {
			hl_buf_adds(&b, "<pre class=\"explain\" id=\"explain-");
			esc(&b, d->explain[i].id);
			hl_buf_adds(&b, "\">");
			esc(&b, d->explain[i].text);
			hl_buf_adds(&b, "</pre>\n");
		}
	}
	if (d->signatures) {
		const char *sign[] = {N_("Made by:"), N_("Checked by:"), N_("Date:")};
		hl_buf_adds(&b, "<div class=\"sign\">");
		for (size_t i = 0; i < nitems(sign); i++) {
			hl_buf_adds(&b, "<span>");
			esc(&b, _(sign[i]));
			hl_buf_adds(&b, "</span>");
		}
		hl_buf_adds(&b, "</div>\n");
	}
	hl_buf_adds(&b, "</body>\n</html>\n");
	int rc = fwrite(b.s, 1, b.len, fp) == b.len ? 0 : -1;
	hl_buf_free(&b);
	return rc;
}
