/* fuzz_split.c - the reader's own line splitters against libcsv: any line
 * that libcsv (strict, as the reader sets it up) reads as four fields,
 * the reader must read as the same four fields, and a line libcsv refuses
 * the reader must refuse too; and against hl_utf8_valid: a line that is
 * not UTF-8 is refused (the split vouches for Chinese text itself) */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/reader.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

struct fields {
	char *v[8];
	size_t len[8];
	size_t n;
	int records;
};

static void on_field(void *s, size_t n, void *arg)
{
	struct fields *f = arg;
	if (f->n < 8) {
		f->v[f->n] = malloc(n + 1);
		if (n)
			memcpy(f->v[f->n], s, n);
		f->v[f->n][n] = '\0';
		f->len[f->n] = n;
	}
	f->n++;
}

static void on_record(int c, void *arg)
{
	(void)c;
	((struct fields *)arg)->records++;
}

static int never_space(unsigned char c) { (void)c; return 0; }
static int term(unsigned char c) { return c == '\n'; }

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	/* one line of text, no control byte nor backslash (the reader's
	 * escapes are its own), so that both read the same bytes */
	for (size_t i = 0; i < size; i++)
		if (data[i] < 0x20 || data[i] == 0x7f || data[i] == '\\')
			return 0;
	int utf8 = hl_utf8_valid((const char *)data, size, NULL);
	struct fields want = {0};
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&p, never_space);
	csv_set_term_func(&p, term);
	int bad = csv_parse(&p, data, size, on_field, on_record, &want) != size ||
		  csv_parse(&p, "\n", 1, on_field, on_record, &want) != 1 ||
		  csv_fini(&p, on_field, on_record, &want) != 0;
	csv_free(&p);

	char *text = malloc(size + 16);
	memcpy(text, "a,b,c,d\n", 8);
	memcpy(text + 8, data, size);
	text[8 + size] = '\n';
	FILE *fp = fmemopen(text, size + 9, "r");
	struct hl_buf err = {0};
	struct hl_record r = {0};
	struct hl_reader *rd = hl_reader_open_fp(fp, "fuzz", HL_READ_JOURNAL, &err);
	int rc = rd ? hl_reader_next(rd, &r, &err) : HL_READ_FATAL;
	if (!utf8) {
		if (rc == HL_READ_RECORD)
			abort(); /* not UTF-8, and taken */
	} else if (!bad && want.records == 1 && want.n == 4) {
		if (rc != HL_READ_RECORD || r.n != 4)
			abort(); /* libcsv read it, the reader did not */
		for (size_t i = 0; i < 4; i++)
			if (r.f[i].len != want.len[i] || memcmp(r.f[i].value, want.v[i], want.len[i]))
				abort(); /* a field read differently */
	} else if (bad && rc == HL_READ_RECORD) {
		abort(); /* libcsv refused it, the reader took it */
	}
	hl_reader_close(rd);
	fclose(fp);
	hl_record_free(&r);
	hl_buf_free(&err);
	for (size_t i = 0; i < want.n && i < 8; i++)
		free(want.v[i]);
	free(text);
	return 0;
}
