/* csvparse.c - the baseline: a bare libcsv parse of a file, counting
 * records and fields, and nothing else. What any CSV reader built on
 * libcsv pays before it does its work. usage: csvparse FILE */
#include <csv.h>
#include <stdio.h>

static void on_field(void *s, size_t n, void *arg)
{
	(void)s, (void)n;
	++*(unsigned long *)arg;
}

static void on_record(int c, void *arg)
{
	(void)c;
	++((unsigned long *)arg)[1];
}

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	unsigned long counts[2] = {0, 0};
	struct csv_parser p;
	FILE *fp = argc > 1 ? fopen(argv[1], "rb") : NULL;
	size_t n;
	if (!fp || csv_init(&p, 0))
		return 2;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, counts) != n)
			return 1;
	csv_fini(&p, on_field, on_record, counts);
	csv_free(&p);
	printf("%lu records, %lu fields\n", counts[1], counts[0]);
	return ferror(fp) ? 2 : 0;
}
