/* html.c - a report as one self-contained page: no scripts, no external
 * resources, tables and SVG bar charts, printable on A4 */
#include <stdio.h>
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
	"h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.1em;margin-top:1.6em}\n"
	".period{color:#555;margin-top:0}\n"
	"table{border-collapse:collapse;font-size:.85em;margin:.5em 0}\n"
	"th,td{border:1px solid #bbb;padding:.25em .5em}th{background:#eef2f6}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"tr.total td{font-weight:bold;background:#f6f6f6}\n"
	".charts{display:flex;flex-wrap:wrap;gap:1.5em}\n"
	"figure{margin:0}figcaption{font-weight:bold;margin-bottom:.3em}\n"
	"@page{size:A4;margin:15mm}\n"
	"@media print{body{margin:0}h2,table,figure{page-break-inside:avoid}}\n"
	"</style>\n";

static void table(struct hl_buf *b, const struct hl_tab *t)
{
	hl_buf_adds(b, "<h2>");
	esc(b, t->title);
	hl_buf_adds(b, "</h2>\n<table>\n<tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		hl_buf_adds(b, "<th>");
		esc(b, t->col[c].label);
		hl_buf_adds(b, "</th>");
	}
	hl_buf_adds(b, "</tr>\n");
	struct hl_buf shown = {0};
	for (size_t r = 0; r < t->nrows; r++) {
		int total = t->totals && r + 1 == t->nrows;
		hl_buf_adds(b, total ? "<tr class=\"total\">" : "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			hl_buf_adds(b, HL_CELL_NUMERIC(t->col[c].type) ? "<td class=\"n\">" : "<td>");
			hl_buf_clear(&shown);
			hl_cell_show(t->col[c].type, t->cell[r * t->ncols + c], &shown);
			esc(b, hl_buf_str(&shown));
			hl_buf_adds(b, "</td>");
		}
		hl_buf_adds(b, "</tr>\n");
	}
	hl_buf_free(&shown);
	hl_buf_adds(b, "</table>\n");
}

/* Horizontal bars, one a label, scaled to the largest value (or 100%). */
static void chart(struct hl_buf *b, const struct hl_chart *c)
{
	const int bar = 18, gap = 6, left = 130, width = 260;
	double max = c->percent ? 100 : 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->value[i] > max)
			max = c->value[i];
	int height = (int)c->n * (bar + gap) + gap;
	hl_buf_adds(b, "<figure><figcaption>");
	esc(b, c->title);
	hl_buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
			 "role=\"img\">\n", left + width + 60, height);
	for (size_t i = 0; i < c->n; i++) {
		int y = gap + (int)i * (bar + gap);
		int w = max > 0 ? (int)(c->value[i] / max * width + 0.5) : 0;
		hl_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 6, y + 13);
		esc(b, c->label[i]);
		hl_buf_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a78a8\"/>"
				 "<text x=\"%d\" y=\"%d\" font-size=\"12\">%.*f%s</text>\n",
			      left, y, w, bar, left + w + 4, y + 13, c->percent ? 1 : 0, c->value[i],
			      c->percent ? "%" : "");
	}
	hl_buf_adds(b, "</svg></figure>\n");
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
	hl_buf_adds(&b, "</head>\n<body>\n<h1>");
	esc(&b, d->title);
	hl_buf_adds(&b, "</h1>\n<p class=\"period\">");
	esc(&b, d->period);
	hl_buf_adds(&b, "</p>\n");
	if (d->ncharts) {
		hl_buf_adds(&b, "<div class=\"charts\">\n");
		for (size_t i = 0; i < d->ncharts; i++)
			if (d->chart[i].n)
				chart(&b, &d->chart[i]);
		hl_buf_adds(&b, "</div>\n");
	}
	for (size_t i = 0; i < d->ntabs; i++)
		table(&b, &d->tab[i]);
	hl_buf_adds(&b, "</body>\n</html>\n");
	int rc = fwrite(b.s, 1, b.len, fp) == b.len ? 0 : -1;
	hl_buf_free(&b);
	return rc;
}
