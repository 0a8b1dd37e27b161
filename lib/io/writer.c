/* writer.c - records to a stream, one line each */
#include "hl/event.h"
#include "hl/writer.h"

void hl_writer_init(struct hl_writer *w, FILE *fp, enum hl_format fmt)
{
	w->fp = fp;
	w->fmt = fmt;
	w->header_done = 0;
	w->line = (struct hl_buf){0};
}

int hl_writer_put(struct hl_writer *w, const struct hl_record *r)
{
	hl_buf_clear(&w->line);
	if (w->fmt == HL_FMT_CSV) {
		if (!w->header_done)
			hl_csv_put_header(&w->line, hl_columns, hl_ncolumns);
		hl_csv_put_record(&w->line, hl_columns, hl_ncolumns, r);
	} else {
		hl_yaml_put_record(&w->line, r);
	}
	w->header_done = 1;
	return fwrite(w->line.s, 1, w->line.len, w->fp) == w->line.len ? 0 : -1;
}

void hl_writer_free(struct hl_writer *w)
{
	hl_buf_free(&w->line);
}
