/* test_doc.c - a report's typed cells in each form: CSV for spreadsheets
 * (a phone a text, a formula neutralized, hours), text for people, a
 * deadline in two cells; and the xlsx writer's refusals */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/doc_priv.h"
#include "tap.h"

/* The document printed in a format, as a string (free it). */
static char *printed(const struct hl_doc *d, enum hl_doc_format f, int bom)
{
	char *s = NULL;
	size_t n = 0;
	struct hl_buf err = {0};
	FILE *fp = open_memstream(&s, &n);
	if (!fp)
		abort();
	if (hl_doc_print(d, f, bom, fp, &err))
		printf("# print: %s\n", hl_buf_str(&err));
	fclose(fp);
	hl_buf_free(&err);
	return s;
}

static void one_row(struct hl_doc *d)
{
	struct hl_tab *t = hl_doc_table(d, "表");
	d->title = hl_xstrdup("测试");
	d->period = hl_xstrdup("2026-11");
	hl_tab_col(t, "phone", "电话", HL_CELL_TEXT);
	hl_tab_col(t, "place", "地点", HL_CELL_TEXT);
	hl_tab_col(t, "text", "内容", HL_CELL_TEXT);
	hl_tab_col(t, "n", "数", HL_CELL_COUNT);
	hl_tab_col(t, "rate", "率%", HL_CELL_RATE);
	hl_tab_col(t, "hours", "时长", HL_CELL_DURATION);
	hl_tab_col(t, "at", "时间", HL_CELL_TIME);
	hl_tab_col(t, "ack", "签收", HL_CELL_CLOCK);
	size_t r = hl_tab_row(t);
	const char *v[] = {"02012345678", "3/4", "=HYPERLINK(\"x\")", "7", "12.5", "7140",
			   "2026-11-03 09:14", "late 97200"};
	for (size_t c = 0; c < 8; c++)
		hl_tab_set(t, r, c, v[c]);
}

int main(void)
{
	struct hl_doc d = {0};
	one_row(&d);
	char *csv = printed(&d, HL_DOC_CSV, 0);
	is_str(csv, "电话,地点,内容,数,率%,时长 (hours),时间,签收,签收 late (hours)\r\n"
		    "\"\t02012345678\",\"\t3/4\",\"'=HYPERLINK(\"\"x\"\")\",7,12.5,2.0,2026-11-03 09:14,late,27.0\r\n",
	       "csv: a phone and a place text (a tab), a formula neutralized, hours, a deadline in two");
	free(csv);
	csv = printed(&d, HL_DOC_CSV, 1);
	ok(csv && !strncmp(csv, "\xef\xbb\xbf电话,", 10), "csv: the BOM when asked");
	free(csv);
	char *text = printed(&d, HL_DOC_TEXT, 1);
	ok(text && strstr(text, " 1h59m ") && strstr(text, "late 1d3h"), "text: a duration and a deadline for people");
	ok(text && !strstr(text, "\xef\xbb\xbf"), "text: never a BOM");
	free(text);
	char *yaml = printed(&d, HL_DOC_YAML, 0);
	ok(yaml && strstr(yaml, "hours: 2.0, at: \"2026-11-03 09:14\", ack: late, ack_late_hours: 27.0}"),
	   "yaml: hours, the deadline in two keys");
	free(yaml);
	char *html = printed(&d, HL_DOC_HTML, 0);
	ok(html && strstr(html, "<td class=\"n\">1h59m</td>") && strstr(html, "<td class=\"late\">late 1d3h</td>"),
	   "html: as people read them");
	free(html);

	struct hl_buf b = {0};
	hl_cell_show(HL_CELL_CLOCK, "due 2026-11-05 09:00", &b);
	is_str(hl_buf_str(&b), "due 11-05 09:00", "a deadline to come, without its year");
	hl_buf_clear(&b);
	hl_cell_show(HL_CELL_DURATION, "", &b);
	is_str(hl_buf_str(&b), "", "no duration, nothing shown");
	hl_buf_clear(&b);
	hl_cell_hours("90", &b);
	is_str(hl_buf_str(&b), "0.0", "90 seconds are 0.0 hours");
	hl_buf_free(&b);

	/* an xlsx to memory: a pipe's worth, and a zip */
	char *xlsx = printed(&d, HL_DOC_XLSX, 0);
	ok(xlsx && !memcmp(xlsx, "PK\x03\x04", 4), "xlsx: a zip");
	free(xlsx);
	hl_doc_free(&d);
	return tap_done();
}
