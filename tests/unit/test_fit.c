/* test_fit.c - text for a terminal of some width: a cell cut with an
 * ellipsis by display width, a table's rows never wider than the
 * terminal (the text cut, else column groups repeating the key); and the
 * search's glob and case-blind match */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "hl/report.h"
#include "io/table.h"
#include "tap.h"

static char *cut(const char *s, size_t w)
{
	struct hl_buf b = {0};
	hl_buf_add_cut(&b, s, w);
	return b.s ? b.s : hl_xstrdup("");
}

static char *print(const struct hl_table *t)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	if (!fp || hl_table_print(t, fp))
		abort();
	fclose(fp);
	return s;
}

/* The widest line of s, in display columns. */
static size_t widest(const char *s)
{
	size_t w = 0;
	char *copy = hl_xstrdup(s), *save;
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (hl_utf8_width(l) > w)
			w = hl_utf8_width(l);
	free(copy);
	return w;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

int main(void)
{
	char *s;
	s = cut("abcdef", 6);
	is_str(s, "abcdef", "a text that fits is whole");
	free(s);
	s = cut("abcdefg", 6);
	is_str(s, "abcde\xe2\x80\xa6", "one too long: cut, the ellipsis last");
	free(s);
	s = cut("水管爆了", 8);
	is_str(s, "水管爆了", "Chinese two columns a character: 8 fit 4");
	free(s);
	s = cut("水管爆了", 7);
	is_str(s, "水管爆\xe2\x80\xa6", "7 columns: 3 characters and the ellipsis");
	free(s);
	s = cut("水管爆了", 6);
	is_str(s, "水管\xe2\x80\xa6", "6: the third no longer fits beside the ellipsis");
	free(s);
	s = cut("a\nb\033[2Jc", 40);
	is_str(s, "a\\nb\\x1b[2Jc", "controls shown, never acted on");
	free(s);
	s = cut("a\nbcdef", 4);
	is_str(s, "a\\n\xe2\x80\xa6", "an escape is measured as shown");
	free(s);

	struct hl_table t;
	hl_table_init(&t, 4);
	const char *head[] = {"工单", "地点", "状态", "内容"};
	const char *row[] = {"HL-1", "5栋2单元", "assigned", "水管爆了，一楼全淹了，楼下也在漏水"};
	hl_table_row(&t, head);
	hl_table_row(&t, row);
	s = print(&t);
	is_str(s, "工单  地点      状态      内容\nHL-1  5栋2单元  assigned  水管爆了，一楼全淹了，楼下也在漏水\n",
	       "no width: as wide as it takes");
	free(s);
	t.width = 40;
	t.shrink = 3;
	s = print(&t);
	ok(widest(s) == 39, "the text cut: the row as wide as the terminal but a Chinese character's half (%zu)",
	   widest(s));
	ok(count(s, "\xe2\x80\xa6") == 1 && count(s, "\n") == 2, "one row a line, the text cut with an ellipsis");
	free(s);
	t.width = 24;
	s = print(&t);
	ok(widest(s) <= 24, "too narrow for a cut: no line wider (%zu)", widest(s));
	ok(count(s, "HL-1") >= 2 && count(s, "工单") >= 2, "column groups, each repeating the key");
	ok(strstr(s, "\n\n") != NULL, "a blank line between groups");
	free(s);
	t.shrink = -1;
	t.width = 10;
	s = print(&t);
	ok(widest(s) <= 10, "one column wider than the terminal alone: cut to it (%zu)", widest(s));
	free(s);
	t.width = 0;
	t.colour = 1;
	hl_table_mark(&t, 2);
	s = print(&t);
	ok(strstr(s, "\033[31massigned\033[0m") != NULL, "a marked cell in colour");
	ok(strstr(s, "\033[31m状态") == NULL, "and only it");
	free(s);
	t.colour = 0;
	s = print(&t);
	ok(!strchr(s, '\033'), "no colour asked: none");
	free(s);
	hl_table_free(&t);

	ok(hl_glob_match("5栋*", "5栋2单元"), "glob: a star");
	ok(hl_glob_match("?栋", "5栋") && !hl_glob_match("?栋", "15栋"), "glob: ? one character");
	ok(hl_glob_match("?栋", "东栋"), "glob: ? one Chinese character");
	ok(hl_glob_match("*单元*", "5栋2单元302") && !hl_glob_match("*单元", "5栋2单元302"), "glob: stars on both sides");
	ok(!hl_glob_match("5栋", "5栋2单元"), "glob: the whole text");
	ok(hl_text_has("Valve LEAKING again", "leaking"), "Latin in any case");
	ok(hl_text_has("水管爆了", "爆了") && !hl_text_has("水管爆了", "漏水"), "Chinese as written");
	return tap_done();
}
