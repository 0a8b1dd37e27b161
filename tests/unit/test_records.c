/* test_records.c - CSV and YAML writing and reading, round trips, torn
 * lines, malformed input */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hl/event.h"
#include "hl/format.h"
#include "io/reader.h"
#include "io/table.h"
#include "base/utf8.h"
#include "tap.h"

static char tmpl[] = "/tmp/hl-test-XXXXXX";

static const char *write_file(const char *name, const char *text, size_t len)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", tmpl, name);
	FILE *fp = fopen(path, "w");
	fwrite(text, 1, len, fp);
	fclose(fp);
	return path;
}

static const char *cols[] = {"time", "ticket", "event", "text", "extra"};

static const char *const texts[] = {
	"楼上漏水，已经三天了",
	"commas, \"quotes\" and 'apostrophes'",
	"two\nlines\r\nand a CR",
	"back\\slash \\n literal",
	"  leading and trailing  ",
	"tab\there",
	"- looks like a list item: yes",
	"13800138000",
	"yes",
	"null",
	"#not a comment",
	"emoji 🚰 and U+2028 [\xe2\x80\xa8] here",
	"",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

static void fill(struct hl_record *r, size_t i)
{
	hl_record_clear(r);
	hl_record_push(r, "time", "2026-11-03T09:14:00+08:00", 25);
	hl_record_push(r, "ticket", "HL-20261103-0001", 16);
	hl_record_push(r, "event", "note", 4);
	hl_record_push(r, "text", texts[i], strlen(texts[i]));
	hl_record_push(r, "extra", "x", 1);
}

static void round_trip(enum hl_format fmt)
{
	const char *name = fmt == HL_FMT_CSV ? "csv" : "yaml";
	struct hl_buf out = {0}, err = {0};
	struct hl_record r = {0};
	if (fmt == HL_FMT_CSV)
		hl_csv_put_header(&out, cols, 5);
	for (size_t i = 0; i < NTEXTS; i++) {
		fill(&r, i);
		if (fmt == HL_FMT_CSV)
			hl_csv_put_record(&out, cols, 5, &r);
		else
			hl_yaml_put_record(&out, &r);
	}
	size_t lines = 0;
	for (size_t i = 0; i < out.len; i++)
		lines += out.s[i] == '\n';
	is_int(lines, NTEXTS + (fmt == HL_FMT_CSV), "%s: one physical line per record", name);
	const char *path = write_file(name, out.s, out.len);
	struct hl_reader *rd = hl_reader_open(path, HL_READ_JOURNAL, &err);
	ok(rd != NULL, "%s: opens", name);
	is_int(hl_reader_format(rd), fmt, "%s: format detected", name);
	size_t i = 0;
	int rc;
	while ((rc = hl_reader_next(rd, &r, &err)) == HL_READ_RECORD && i < NTEXTS) {
		const char *t = hl_record_get(&r, "text");
		is_str(t ? t : "", texts[i], "%s: text %zu survives", name, i);
		is_str(hl_record_get(&r, "extra"), "x", "%s: unknown column kept", name);
		i++;
	}
	is_int(rc, HL_READ_EOF, "%s: ends cleanly %s", name, err.s ? err.s : "");
	is_int(i, NTEXTS, "%s: every record read", name);
	hl_reader_close(rd);
	hl_record_free(&r);
	hl_buf_free(&out);
	hl_buf_free(&err);
}

/* Reads a whole text; returns a summary "R,R,B,..." of what each call gave. */
static void read_all(const char *text, size_t len, unsigned flags, struct hl_buf *trace,
		     struct hl_buf *msgs)
{
	struct hl_buf err = {0};
	struct hl_record r = {0};
	const char *path = write_file("in", text, len);
	struct hl_reader *rd = hl_reader_open(path, flags, &err);
	int rc;
	while ((rc = hl_reader_next(rd, &r, &err)) != HL_READ_EOF) {
		if (rc == HL_READ_RECORD) {
			const char *t = hl_record_get(&r, "text");
			hl_buf_printf(trace, "[%s]", t ? t : "");
		} else {
			hl_buf_adds(trace, rc == HL_READ_BAD ? "B" : "F");
			const char *m = strstr(err.s, "/in:");
			hl_buf_printf(msgs, "%s|", m ? m + 4 : err.s);
			if (rc == HL_READ_FATAL)
				break;
		}
	}
	hl_reader_close(rd);
	hl_record_free(&r);
	hl_buf_free(&err);
}

static void reads_n(const char *what, const char *text, size_t len, unsigned flags,
		    const char *want_trace, const char *want_msgs)
{
	struct hl_buf trace = {0}, msgs = {0};
	read_all(text, len, flags, &trace, &msgs);
	is_str(hl_buf_str(&trace), want_trace, "%s: records", what);
	is_str(hl_buf_str(&msgs), want_msgs, "%s: messages", what);
	hl_buf_free(&trace);
	hl_buf_free(&msgs);
}

#define reads(what, text, flags, trace, msgs) reads_n(what, text, strlen(text), flags, trace, msgs)

/* The split vouches for the UTF-8 of Chinese text itself and leaves the
 * rest to the full check: each sequence, valid or not, at every offset of
 * a 16-byte block, among Chinese characters that run across blocks, must
 * be taken exactly when hl_utf8_valid takes it. */
static void split_utf8(void)
{
	static const char *const seqs[] = {
		"中", "，", "。", "\xef\xbf\xbf", "\xed\x9f\xbf", "\xe0\xa0\x80", "é", "🚰",
		"\xed\xa0\x80", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xc0\xaf", "\xc1\xbf",
		"\xf5\x80\x80\x80", "\xf4\x90\x80\x80", "\xe4\xb8", "\xe4", "\xb8",
		"\xe4\x41\xad", "\xe4\xb8\xad\xad", "\xe4\xe4\xb8\xad", "\xff", "\x80\x80",
	};
	int wrong = 0, cases = 0;
	for (size_t q = 0; q < sizeof seqs / sizeof seqs[0]; q++) {
		for (int at = 0; at < 40; at++) {
			for (int tail = 0; tail < 3; tail++) {
				struct hl_buf line = {0}, trace = {0}, msgs = {0};
				hl_buf_adds(&line, "time,text\n1,");
				for (int k = 0; k < at; k++)
					hl_buf_adds(&line, k % 5 ? "x" : "水");
				hl_buf_adds(&line, seqs[q]);
				hl_buf_adds(&line, tail == 0 ? "" : tail == 1 ? "楼上漏水" : "z");
				size_t body = strlen("time,text\n1,");
				int valid = hl_utf8_valid(line.s + body, line.len - body, NULL);
				hl_buf_addc(&line, '\n');
				read_all(line.s, line.len, HL_READ_JOURNAL, &trace, &msgs);
				cases++;
				if ((trace.s[0] == '[') != valid) {
					wrong++;
					printf("# seq %zu at %d, tail %d: %s\n", q, at, tail, valid ? "refused" : "taken");
				}
				hl_buf_free(&line);
				hl_buf_free(&trace);
				hl_buf_free(&msgs);
			}
		}
	}
	is_int(wrong, 0, "split's UTF-8 check: %d lines, each taken exactly when valid", cases);
}

/* The journal's columns as hl_reader_next_cols hands them on, against
 * those of the record hl_reader_next reads: in hl-log's order, in another,
 * and with columns missing; in a small file and in one read ahead. */
static void cols_agree(void)
{
	static const char *const headers[] = {
		"time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,"
		"assignee,due,level,clock,notify,score,verdict,rule,call,queue,outcome,wait,talk,text,master",
		"text,talk,wait,outcome,queue,call,rule,verdict,score,notify,clock,level,due,"
		"assignee,dept,place,phone,caller,channel,priority,category,actor,event,ticket,time",
		"ticket,extra,time,text,event",
	};
	for (size_t h = 0; h < 3; h++) {
		for (int big = 0; big < 2; big++) {
			struct hl_buf j = {0}, err = {0};
			size_t ncols = 1;
			for (const char *p = headers[h]; *p; p++)
				ncols += *p == ',';
			hl_buf_printf(&j, "%s\n", headers[h]);
			/* values empty, plain, and quoted with a comma and a "" */
			for (int i = 0; j.len < (big ? 6u << 20 : 4096u); i++) {
				for (size_t k = 0; k < ncols; k++) {
					unsigned kind = (unsigned)(i + (int)k) % 4;
					hl_buf_adds(&j, k ? "," : "");
					if (kind == 1)
						hl_buf_printf(&j, "v%d.%zu", i, k);
					else if (kind == 2)
						hl_buf_printf(&j, "\"楼上, \"\"%d\"\"\"", i);
				}
				hl_buf_addc(&j, '\n');
			}
			const char *path = write_file("cols", j.s, j.len);
			struct hl_reader *ra = hl_reader_open(path, HL_READ_JOURNAL, &err);
			struct hl_reader *rb = hl_reader_open(path, HL_READ_JOURNAL, &err);
			struct hl_record rec = {0};
			struct hl_cols a, b;
			int rca, rcb, n = 0, wrong = 0;
			while ((rca = hl_reader_next_cols(ra, &a, &err)) == (rcb = hl_reader_next(rb, &rec, &err)) &&
			       rca != HL_READ_EOF && rca != HL_READ_FATAL) {
				if (rca != HL_READ_RECORD)
					continue;
				hl_cols_of_record(&rec, &b);
				n++;
				wrong += a.line != b.line || a.offset != b.offset;
				for (int k = 0; k < HL_NCOLUMNS; k++)
					wrong += a.v[k] && b.v[k] ? strcmp(a.v[k], b.v[k]) != 0 : a.v[k] != b.v[k];
			}
			ok(rca == HL_READ_EOF && rcb == HL_READ_EOF && n > 0 && !wrong,
			   "columns of header %zu, %s file: %d records alike", h, big ? "a big" : "a small", n);
			hl_reader_close(ra);
			hl_reader_close(rb);
			hl_record_free(&rec);
			hl_buf_free(&j);
			hl_buf_free(&err);
		}
	}
}

/* Input (not a journal) past the size read ahead, each record with a
 * quoted field that runs over two lines: libcsv's records, copied beside
 * the batch, come out whole and in order. */
static void multiline_ahead(void)
{
	struct hl_buf j = {0}, err = {0}, want = {0};
	hl_buf_adds(&j, "time,ticket,event,text\n");
	int n = 0;
	/* ids of many lengths: a record's fields misplaced would not happen
	 * to look right */
	for (; j.len < (5u << 20); n++)
		hl_buf_printf(&j, "2026-11-03T09:14:00+08:00,HL-%0*d,note,\"第%d行\n第二行, \"\"引\"\"\"\n",
			      1 + n % 11, n, n);
	const char *path = write_file("multi", j.s, j.len);
	struct hl_reader *rd = hl_reader_open(path, 0, &err);
	struct hl_cols c;
	int rc, i = 0, wrong = 0;
	while ((rc = hl_reader_next_cols(rd, &c, &err)) == HL_READ_RECORD) {
		hl_buf_clear(&want);
		hl_buf_printf(&want, "第%d行\n第二行, \"引\"", i);
		wrong += !c.v[HL_COL_TEXT] || strcmp(c.v[HL_COL_TEXT], want.s) != 0 || c.line != 2 + 2 * i;
		hl_buf_clear(&want);
		hl_buf_printf(&want, "HL-%0*d", 1 + i % 11, i);
		wrong += !c.v[HL_COL_TICKET] || strcmp(c.v[HL_COL_TICKET], want.s) != 0;
		i++;
	}
	ok(rc == HL_READ_EOF && i == n && !wrong, "fields over two lines, read ahead: %d of %d records whole", i - wrong, n);
	hl_reader_close(rd);
	hl_buf_free(&j);
	hl_buf_free(&err);
	hl_buf_free(&want);
}

/* A journal past the size that has a second thread read ahead: plain,
 * quoted ("" and commas), Chinese, a long text, a bad line and a torn
 * line among its lines, and a torn last line. */
static void big_journal(struct hl_buf *j)
{
	hl_buf_adds(j, "time,ticket,event,text,extra\n");
	for (int i = 0; j->len < 9 * 1024 * 1024; i++) {
		hl_buf_printf(j, "2026-11-03T09:%02d:00+08:00,HL-%06d,note,", i % 60, i);
		switch (i % 7) {
		case 0: hl_buf_printf(j, "\"报修, 第%d次 \"\"急\"\"\",x\n", i); break;
		case 1: hl_buf_printf(j, "楼上漏水%d,\n", i); break;
		case 2: hl_buf_printf(j, "%0*d,\n", 1000 + i % 5000, i); break; /* long */
		case 3: hl_buf_printf(j, "a\\nb,%d\n", i); break;            /* escaped */
		case 4: hl_buf_adds(j, i % 997 ? ",\n" : "one,two,three\n"); break; /* bad */
		case 5: hl_buf_adds(j, i % 1999 ? "\"\",\"\"\n" : "torn\x18\n"); break;
		default: hl_buf_printf(j, "plain %d,y\n", i);
		}
	}
	hl_buf_adds(j, "2026-11-03T10:00:00+08:00,HL-torn,note,half");
}

/* Everything a reader gives, record by record, with or without reading
 * ahead; stop: records to read before closing (0: all). */
static void trace_reader(const char *path, int ahead, size_t stop, struct hl_buf *out)
{
	struct hl_buf err = {0};
	struct hl_record r = {0};
	setenv("HL_READ_AHEAD", ahead ? "1" : "0", 1);
	struct hl_reader *rd = hl_reader_open(path, HL_READ_JOURNAL, &err);
	int rc;
	size_t n = 0;
	while ((rc = hl_reader_next(rd, &r, &err)) != HL_READ_EOF && (!stop || n++ < stop)) {
		hl_buf_printf(out, "%d %ld %ld %lld:", rc, rc == HL_READ_RECORD ? r.line : 0,
			      hl_reader_line(rd), (long long)hl_reader_offset(rd));
		for (size_t k = 0; rc == HL_READ_RECORD && k < r.n; k++)
			hl_buf_printf(out, "%s=%s|", r.f[k].name, r.f[k].value);
		hl_buf_printf(out, "%s\n", rc == HL_READ_RECORD ? "" : err.s);
		if (rc == HL_READ_FATAL)
			break;
	}
	hl_reader_close(rd);
	hl_record_free(&r);
	hl_buf_free(&err);
	unsetenv("HL_READ_AHEAD");
}

static void reading_ahead(void)
{
	struct hl_buf j = {0}, one = {0}, two = {0};
	big_journal(&j);
	const char *path = write_file("big.csv", j.s, j.len);
	trace_reader(path, 0, 0, &one);
	trace_reader(path, 1, 0, &two);
	ok(one.len > j.len, "a large journal read in this thread");
	ok(one.len == two.len && !memcmp(one.s, two.s, one.len),
	   "read ahead by a second thread: every record, line, offset and message the same");
	ok(strstr(one.s, ": 6 fields where the header has 5\n") != NULL,
	   "a bad line in it is reported");
	ok(strstr(one.s, "torn line (an interrupted write, closed by a later one), skipped\n") != NULL,
	   "a torn line in it is reported");
	ok(strstr(one.s, "torn last line") == NULL,
	   "its torn last line is not read: a write in progress, for all a reader knows");
	hl_buf_clear(&two);
	trace_reader(path, 1, 100, &two);
	ok(two.len < one.len && !memcmp(one.s, two.s, two.len),
	   "closed after 100 records while the thread reads on: those 100 the same");
	hl_buf_free(&j);
	hl_buf_free(&one);
	hl_buf_free(&two);
}

/* A digest that keeps two values, fails on some texts and returns a
 * number of its own on others, noting which records the worker made. */
struct digest_seen {
	pthread_t caller;
	long by_worker;  /* the worker's alone until the reader is closed */
};

static int digest_two(const struct hl_cols *c, void *out, void *arg, struct hl_buf *err)
{
	struct digest_seen *seen = arg;
	const char **v = out;
	if (!pthread_equal(pthread_self(), seen->caller))
		seen->by_worker++;
	v[0] = c->v[HL_COL_TICKET], v[1] = c->v[HL_COL_TEXT];
	if (v[1] && strstr(v[1], "99"))
		return hl_fail(err, "a 99 in '%.20s'", v[1]);
	return (int)(c->line % 3);
}

/* Lines of tickets numbered ...7 passed over unsplit. */
static int skip_sevens(const char *line, size_t len, void *arg)
{
	(void)arg;
	return len > 40 && !memcmp(line + 34, "7,note,", 7);
}

/* Everything a digesting reader gives; ahead: 0 not, 1 with a caller as
 * fast as it can, 2 with a slow one (the worker then digests). */
static long trace_digests(const char *path, int ahead, struct hl_buf *out)
{
	struct hl_buf err = {0};
	struct digest_seen seen = {pthread_self(), 0};
	const struct hl_digest dg = {digest_two, 2 * sizeof(char *), &seen, skip_sevens};
	struct hl_digested d;
	setenv("HL_READ_AHEAD", ahead ? "1" : "0", 1);
	struct hl_reader *rd = hl_reader_open(path, HL_READ_JOURNAL, &err);
	hl_reader_digest(rd, &dg);
	int rc;
	for (long n = 0; (rc = hl_reader_next_digested(rd, &d, &err)) != HL_READ_EOF; n++) {
		if (ahead == 2 && n % 4096 == 0)
			usleep(2000);
		const char *const *v = d.out;
		if (rc == HL_READ_RECORD)
			hl_buf_printf(out, "%ld %lld %d %s|%s|%s\n", d.line, (long long)d.offset, d.rc,
				      v[0] ? v[0] : "-", v[1] ? v[1] : "-", d.rc < 0 ? d.msg : "");
		else
			hl_buf_printf(out, "%d %s\n", rc, err.s);
		if (rc == HL_READ_FATAL)
			break;
	}
	hl_reader_close(rd);
	hl_buf_free(&err);
	unsetenv("HL_READ_AHEAD");
	return seen.by_worker;
}

static void digests_ahead(void)
{
	struct hl_buf j = {0}, one = {0}, fast = {0}, slow = {0};
	big_journal(&j);
	const char *path = write_file("digest.csv", j.s, j.len);
	long none = trace_digests(path, 0, &one);
	long some = trace_digests(path, 1, &fast);
	long most = trace_digests(path, 2, &slow);
	ok(none == 0 && strstr(one.s, "|a 99 in '") && strstr(one.s, " 2 HL-"),
	   "a journal digested in this thread: failures and returns as they were");
	int sevens = 0, eights = 0;
	for (const char *t = one.s; (t = strstr(t, " HL-")); t += 4)
		sevens += t[9] == '7', eights += t[9] == '8';
	ok(!sevens && eights > 100, "the lines a skip function passes over are not given");
	ok(one.len == fast.len && !memcmp(one.s, fast.s, one.len),
	   "read ahead, the caller fast: every digest, message and record the same (%ld made ahead)", some);
	ok(one.len == slow.len && !memcmp(one.s, slow.s, one.len) && most > 0,
	   "read ahead, the caller slow: the same, the worker digesting (%ld records)", most);
	hl_buf_free(&j);
	hl_buf_free(&one);
	hl_buf_free(&fast);
	hl_buf_free(&slow);
}

/* hl_buf_add_visible: what it shows, and that a table of shown text
 * still lines up by display width. */
static void visible(const char *in, size_t n, const char *want, const char *what)
{
	struct hl_buf b = {0};
	hl_buf_add_visible(&b, in, n);
	is_str(hl_buf_str(&b), want, "shown visibly: %s", what);
	hl_buf_free(&b);
}

static void shown_visibly(void)
{
	visible("工程部 3栋", strlen("工程部 3栋"), "工程部 3栋", "plain text as it is");
	visible("a\nb\rc\td", 7, "a\\nb\\rc\\td", "line feed, return and tab");
	visible("\x1b[2J\x7f", 5, "\\x1b[2J\\x7f", "escape and DEL");
	visible("a\0b", 3, "a\\x00b", "NUL");
	visible("\xc2\x9b" "31m", 5, "\\u009b31m", "C1 CSI (U+009B)");
	visible("\xc2\x85", 2, "\\u0085", "NEL (U+0085)");
	visible("\xc2\xa0", 2, "\xc2\xa0", "no-break space is text");
	visible("x\xe2\x80\xae" "evil", 8, "x\\u202eevil", "right-to-left override");
	visible("\xe2\x81\xa6\xe2\x81\xa9", 6, "\\u2066\\u2069", "isolates");
	visible("\xe2\x80\xa8\xe2\x80\xa9", 6, "\\u2028\\u2029", "line and paragraph separators");
	visible("\xe2\x80\x8f", 3, "\xe2\x80\x8f", "a right-to-left mark is text");
	visible("a\\nb", 4, "a\\nb", "a backslash stays");
	visible("a\xff" "b\xe5\xb7", 5, "a\\xffb\\xe5\\xb7", "bytes that are not UTF-8");

	struct hl_table t;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	hl_table_init(&t, 3);
	hl_table_row(&t, (const char *[]){"工单", "地点", "状态"});
	hl_table_row(&t, (const char *[]){"HL-1", "3栋\n伪造\xe2\x80\xae行", "open"});
	hl_table_row(&t, (const char *[]){"HL-2", "一号楼\r", "open"});
	ok(fp && hl_table_print(&t, fp) == 0 && fclose(fp) == 0, "table printed");
	is_str(out ? out : "",
	       "工单  地点               状态\n"
	       "HL-1  3栋\\n伪造\\u202e行  open\n"
	       "HL-2  一号楼\\r           open\n",
	       "escaped cells line up by display width, one row a line");
	hl_table_free(&t);
	free(out);
}

static void ticket_ids(void)
{
	const char *good[] = {"HL-20261103-0001", "7", "legacy_42.a", "A-b_c.d",
			      "x234567890123456789012345678901234567890123456789012345678901234"};
	const char *bad[] = {"-HL", ".hidden", "_x", "HL 1", "HL-1\n", "HL\t1", "HL,1", "HL/1",
			     "HL-\xe4\xb8\x80", "HL;1",
			     "x2345678901234567890123456789012345678901234567890123456789012345"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ok(!hl_ticket_id_check(good[i], NULL), "ticket id %s accepted", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ok(hl_ticket_id_check(bad[i], NULL), "ticket id #%zu refused", i);
}

int main(void)
{
	if (!mkdtemp(tmpl))
		return 1;
	round_trip(HL_FMT_CSV);
	round_trip(HL_FMT_YAML);

	/* a journal file without a commit record is read to its last line
	 * break: a last line without one may be a write in progress */
	reads("torn last line", "time,text\n1,a\n2,b\n3,c", HL_READ_JOURNAL, "[a][b]", "");
	{
		/* read as a stream (a pipe), it can only be the end: torn */
		struct hl_buf err = {0};
		struct hl_record r = {0};
		FILE *fp = fopen(write_file("in", "time,text\n1,a\n3,c", 17), "r");
		struct hl_reader *rd = hl_reader_open_fp(fp, "in", HL_READ_JOURNAL, &err);
		int a = hl_reader_next(rd, &r, &err), b = hl_reader_next(rd, &r, &err);
		ok(a == HL_READ_RECORD && b == HL_READ_BAD &&
		   strstr(err.s, "in:3: torn last line (an interrupted write), skipped"),
		   "torn last line of a stream: reported");
		hl_reader_close(rd);
		fclose(fp);
		hl_record_free(&r);
		hl_buf_free(&err);
	}
	reads("torn line closed by a later writer", "time,text\n1,a\n2,b\x18\n3,c\n",
	      HL_READ_JOURNAL, "[a]B[c]",
	      "3: torn line (an interrupted write, closed by a later one), skipped|");
	reads("last line without newline in input", "time,text\n1,a\n2,b", 0, "[a][b]", "");
	reads("BOM and CRLF", "\xef\xbb\xbftime,text\r\n1,a\r\n", 0, "[a]", "");
	reads("multi-line quoted field in input", "time,text\n1,\"a\nb\"\n2,c\n", 0, "[a\nb][c]", "");
	reads("multi-line quoted field in a journal", "time,text\n1,\"a\nb\"\n2,c\n",
	      HL_READ_JOURNAL, "BB[c]",
	      "2: malformed CSV (an unbalanced quote, or text after a closing quote)|"
	      "3: malformed CSV (an unbalanced quote, or text after a closing quote)|");
	reads("unbalanced quote at EOF", "time,text\n1,\"abc\n", 0, "B",
	      "2: malformed CSV (an unbalanced quote, or text after a closing quote)|");
	reads("text after closing quote", "time,text\n1,\"a\"b\n2,c\n", 0, "B[c]",
	      "2: malformed CSV (an unbalanced quote, or text after a closing quote)|");
	reads("wrong field count", "time,text\n1,a,extra\n2\n3,c\n", 0, "BB[c]",
	      "2: 3 fields where the header has 2|3: 1 fields where the header has 2|");
	reads("spaces are data", "time,text\n1,\t-5 \n", 0, "[\t-5 ]", "");
	reads("invalid UTF-8", "time,text\n1,a\xff\n2,b\n", 0, "B[b]", "2: invalid UTF-8 in field 'text'|");
	split_utf8();
	cols_agree();
	multiline_ahead();
	digests_ahead();
	reads_n("NUL byte", "time,text\n1,a\0b\n2,c\n", 19, 0, "B[c]",
		"2: control character 0x00 in field 'text'|");
	reads("control character", "time,text\n1,a\x1b[31m\n", 0, "B",
	      "2: control character 0x1b in field 'text'|");
	reads("duplicate header", "time,time\n1,2\n", 0, "F", "1: duplicate column 'time' in header|");
	reads("empty input", "", 0, "", "");
	reads("header only", "time,text\n", 0, "", "");
	reads("blank lines skipped", "time,text\n\n1,a\n\n", 0, "[a]", "");
	reads("YAML block mappings", "- time: 1\n  text: 一\n- {time: 2, text: \"二\\n三\"}\n", 0,
	      "[一][二\n三]", "");
	reads("YAML null is empty", "- {time: 1, text: ~}\n", 0, "[]", "");
	reads("YAML alias", "- &a {time: 1, text: x}\n- *a\n", 0, "F",
	      "1: YAML anchors and aliases are not allowed in records|");
	reads("YAML duplicate key", "- {time: 1, text: a, text: b}\n", 0, "F", "1: duplicate key 'text'|");
	reads("YAML nested value", "- {time: 1, text: [a, b]}\n", 0, "F",
	      "1: the value of 'text' must be a single value, not a list or mapping|");
	reads("YAML not a list", "# records\n{time: 1}\n", 0, "[]", "");
	reads("YAML scalar document", "---\njust text\n", 0, "F", "2: records must be a YAML list of mappings|");
	reads("YAML syntax error", "- {time: 1, text: \"open\n", 0, "F",
	      "2: YAML: found unexpected end of stream while scanning a quoted scalar|");
	reads("YAML tab indentation", "-\ttime: 1\n", 0, "F",
	      "1: YAML: found character that cannot start any token while scanning for the next token|");

	/* display width */
	is_int(hl_utf8_width("abc"), 3, "ASCII width");
	is_int(hl_utf8_width("工程部"), 6, "CJK is two columns each");
	is_int(hl_utf8_width("３栋，好"), 8, "fullwidth digits and punctuation");
	is_int(hl_utf8_width("e\xcc\x81"), 1, "combining mark takes no column");
	ok(!hl_utf8_valid("\xed\xa0\x80", 3, NULL), "surrogates are invalid");
	ok(!hl_utf8_valid("\xc0\xaf", 2, NULL), "overlong encodings are invalid");
	ok(hl_utf8_valid("张三 🚰", strlen("张三 🚰"), NULL), "valid UTF-8 passes");
	shown_visibly();
	ticket_ids();

	reading_ahead();

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
	if (system(cmd) != 0)
		return 1;
	return tap_done();
}
