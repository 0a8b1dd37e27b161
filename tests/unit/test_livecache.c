/* test_livecache.c - a state cache whose checksum was recomputed after its
 * values were changed (anyone can compute it) is trusted only when every
 * value is one a fold can make; else it is rebuilt from the journal.
 *
 * "test_livecache reseal FILE" recomputes FILE's checksum line in place:
 * the shell tests craft caches with it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hl/config.h"
#include "tools/live.h"
#include "tap.h"

static const char journal_text[] =
	"time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,"
	"level,clock,notify,score,verdict,rule,call,queue,outcome,wait,talk,text\n"
	"2026-11-03T10:00:00+08:00,HL-20261103-0001,open,op,repair,,,,13800001111,3栋,,,,,,,,,,,,,,,漏水\n"
	"2026-11-03T10:00:00+08:00,HL-20261103-0002,open,op,complaint,urgent,,,13800002222,,,,,,,,,,,,,,,,噪音\n"
	"2026-11-03T10:00:00+08:00,HL-20261103-0003,missed,op,,,,,13900003333,,,,,,,,,,,,,,,,\n"
	"2026-11-03T10:00:00+08:00,HL-20261103-0001,hold,op,,,,,,,,,,,,,,,,,,,,,等料\n"
	"2026-11-03T10:05:00+08:00,HL-20261103-0002,escalate,cron,,,,,,,,,2026-11-03T11:00:00+08:00,"
	"1,reply,,,,,,,,,,\n";

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	size_t n = 0, cap = 0;
	int c;
	if (!fp)
		return NULL;
	while ((c = getc(fp)) != EOF) {
		if (n + 1 >= cap)
			s = hl_xreallocarray(s, cap = cap ? 2 * cap : 4096, 1);
		s[n++] = (char)c;
	}
	fclose(fp);
	if (!s)
		s = hl_xcalloc(1, 1);
	s[n] = '\0';
	*len = n;
	return s;
}

static int spit(const char *path, const char *s, size_t n)
{
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return -1;
	size_t w = fwrite(s, 1, n, fp);
	return fclose(fp) == 0 && w == n ? 0 : -1;
}

/* The text with its E line made anew for the lines before it. */
static void reseal(char *text, size_t *len)
{
	char *e = strstr(text, "\nE\t");
	if (!e)
		return;
	e++;
	*len = (size_t)(e - text);
	*len += (size_t)sprintf(e, "E\t%016llx\n", (unsigned long long)hl_sum64(text, *len));
}

static int reseal_file(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		return 2;
	text = hl_xreallocarray(text, len + 32, 1);
	reseal(text, &len);
	int rc = spit(path, text, len) ? 2 : 0;
	free(text);
	return rc;
}

/* The cache with field `field` (0: the line's kind) of the first line of
 * kind `kind` (and, when given, containing `with`) replaced by value. */
static char *tamper(const char *pristine, const char *kind, const char *with, int field,
		    const char *value, size_t *len)
{
	size_t n = strlen(pristine);
	char *s = hl_xmalloc(n + strlen(value) + 64);
	const char *line = pristine;
	for (;;) {
		line = strstr(line, kind);
		if (!line)
			return NULL;
		const char *end = strchr(line, '\n');
		if ((line == pristine || line[-1] == '\n') &&
		    (!with || (strstr(line, with) && strstr(line, with) < end)))
			break;
		line++;
	}
	const char *f = line;
	for (int i = 0; i < field; i++)
		f = strpbrk(f, "\t\n") + 1;
	const char *fend = f + strcspn(f, "\t\n");
	size_t head = (size_t)(f - pristine);
	memcpy(s, pristine, head);
	strcpy(s + head, value);
	strcpy(s + head + strlen(value), fend);
	*len = strlen(s);
	reseal(s, len);
	return s;
}

struct env {
	char dir[64], journal[96], cache[112];
	struct hl_config cfg;
};

/* Syncs a fresh state with the journal; whether the cache was trusted. */
static int sync_state(struct env *e)
{
	struct hl_live s;
	struct hl_buf err = {0};
	hl_live_init(&s, &e->cfg);
	int rc = hl_live_sync(&s, e->journal, &err);
	int from = s.from_cache;
	if (rc)
		printf("# sync: %s\n", hl_buf_str(&err));
	hl_live_free(&s);
	hl_buf_free(&err);
	return rc ? -1 : from;
}

static void refused(struct env *e, const char *pristine, const char *what, const char *kind,
		    const char *with, int field, const char *value)
{
	size_t len, got_len;
	char *s = tamper(pristine, kind, with, field, value, &len);
	if (!ok(s != NULL, "%s: the field is there", what))
		return;
	spit(e->cache, s, len);
	is_int(sync_state(e), 0, "%s: not trusted", what);
	char *got = slurp(e->cache, &got_len);
	is_str(got, pristine, "%s: rebuilt as a fresh fold makes it", what);
	free(got);
	free(s);
}

int main(int argc, char **argv)
{
	if (argc == 3 && hl_streq(argv[1], "reseal"))
		return reseal_file(argv[2]);
	struct env e;
	struct hl_buf err = {0};
	snprintf(e.dir, sizeof e.dir, "/tmp/hl-livecache.XXXXXX");
	if (!mkdtemp(e.dir))
		return 2;
	snprintf(e.journal, sizeof e.journal, "%s/hotline.csv", e.dir);
	snprintf(e.cache, sizeof e.cache, "%s/hotline.csv.state", e.dir);
	setenv("HL_STATE_REWRITE", "0", 1);
	ok(hl_config_load_text(NULL, NULL, 0, &e.cfg, &err) == 0, "defaults load");
	ok(spit(e.journal, journal_text, sizeof journal_text - 1) == 0, "journal written");

	is_int(sync_state(&e), 0, "first sync: from the journal");
	size_t len;
	char *pristine = slurp(e.cache, &len);
	ok(pristine && strstr(pristine, "\nT\t=HL-20261103-0002\t"), "the cache was written");
	is_int(sync_state(&e), 1, "second sync: from the cache");

	/* resealed but in range: trusted (the checksum helper is right) */
	char *s = tamper(pristine, "T\t", "0002", 8, "3", &len);
	spit(e.cache, s, len);
	is_int(sync_state(&e), 1, "a resealed cache of sane values is trusted");
	free(s);

	/* T: id state missed held reopens followups score escalations
	 * category priority channel verdict returns returned supervisions
	 * rejects asking; 7 strings; a link's master and duplicates; NTIMES
	 * times of two fields from field 27; held_since held_total nholds holds... the extension asked
	 * (5 fields) nexts exts... nsent sent... category2 (AFTER: the field after the
	 * times; SENT: nsent's, with no hold and no extension) */
	enum { NTIMES = 16, AFTER = 27 + 2 * NTIMES, SENT = AFTER + 9 };
	refused(&e, pristine, "category 1000000", "T\t", "0002", 9, "1000000");
	refused(&e, pristine, "negative category", "T\t", "0002", 9, "-1");
	refused(&e, pristine, "priority 6", "T\t", "0002", 10, "6");
	refused(&e, pristine, "channel 10", "T\t", "0002", 11, "10");
	refused(&e, pristine, "verdict 99", "T\t", "0002", 12, "99");
	refused(&e, pristine, "state 8 (void: forgotten, never kept)", "T\t", "0002", 2, "8");
	refused(&e, pristine, "state 10", "T\t", "0002", 2, "10");
	refused(&e, pristine, "linked without a master", "T\t", "0002", 2, "9");
	refused(&e, pristine, "a master that is no id", "T\t", "0002", 25, "=a b");
	refused(&e, pristine, "an empty list of duplicates", "T\t", "0002", 26, "=");
	refused(&e, pristine, "state 0", "T\t", "0002", 2, "0");
	refused(&e, pristine, "missed 2", "T\t", "0002", 3, "2");
	refused(&e, pristine, "reopens past an int", "T\t", "0002", 5, "4294967296");
	refused(&e, pristine, "reopens one short of overflow", "T\t", "0002", 5, "2147483647");
	refused(&e, pristine, "negative escalations", "T\t", "0002", 8, "-5");
	refused(&e, pristine, "score 6", "T\t", "0002", 7, "6");
	refused(&e, pristine, "opened in year 300000", "T\t", "0002", 19, "9223372036854775807");
	refused(&e, pristine, "an offset of 10000 minutes", "T\t", "0002", 20, "10000");
	refused(&e, pristine, "an offset past an int", "T\t", "0002", 20, "4294967776");
	refused(&e, pristine, "negative held total", "T\t", "0001", AFTER + 1, "-1");
	refused(&e, pristine, "on hold without a hold", "T\t", "0002", 4, "1");
	refused(&e, pristine, "a hold's time", "T\t", "0001", AFTER + 3, "-9223372036854775807");
	refused(&e, pristine, "escalation clock 9", "T\t", "0002", SENT + 1, "9");
	refused(&e, pristine, "escalation clock -1", "T\t", "0002", SENT + 1, "-1");
	refused(&e, pristine, "escalation level 100", "T\t", "0002", SENT + 2, "100");
	refused(&e, pristine, "escalation due", "T\t", "0002", SENT + 3, "-4000000000000");
	/* the steps that act on the clocks: returns, an extension asked */
	refused(&e, pristine, "returned 2", "T\t", "0002", 14, "2");
	refused(&e, pristine, "negative returns", "T\t", "0002", 13, "-1");
	refused(&e, pristine, "asking 2", "T\t", "0002", 17, "2");
	refused(&e, pristine, "extension of clock 99", "T\t", "0002", AFTER + 3, "99");
	refused(&e, pristine, "extension in unit 7", "T\t", "0002", AFTER + 4, "7");
	refused(&e, pristine, "extension asked in year 300000", "T\t", "0002", AFTER + 6,
		"9223372036854775807");
	refused(&e, pristine, "approved extensions past the line", "T\t", "0002", AFTER + 8, "99");
	/* 0003, a missed call: no hold, extension or notice; its second
	 * level the line's last field */
	refused(&e, pristine, "a second level of a missed call", "T\t", "0003", SENT + 1, "=noise");
	refused(&e, pristine, "a second level that is no word", "T\t", "0003", SENT + 1, "=no ise");
	refused(&e, pristine, "complaint time", "P\t", NULL, 3, "9223372036854775807");
	refused(&e, pristine, "id day of nine digits", "D\t", NULL, 1, "100000000");
	refused(&e, pristine, "id sequence -1", "D\t", NULL, 2, "-1");
	refused(&e, pristine, "id sequence near overflow", "D\t", NULL, 2, "9223372036854775807");
	refused(&e, pristine, "last time", "I\t", NULL, 1, "-9223372036854775807");
	free(pristine);

	hl_config_free(&e.cfg);
	hl_buf_free(&err);
	unlink(e.cache);
	unlink(e.journal);
	rmdir(e.dir);
	return tap_done();
}
