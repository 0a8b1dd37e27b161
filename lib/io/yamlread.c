/* yamlread.c - records from YAML: a stream of documents, each a
 * sequence of mappings, read by libyaml events */
#include <stdlib.h>
#include <string.h>

#include "io/reader_priv.h"
#include "base/utf8.h"

/* ---- YAML ---- */

int hl_rd_yaml_read(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct hl_reader *r = data;
	if (r->pos < r->end) { /* what format detection read first */
		size_t n = r->end - r->pos;
		if (n > size)
			n = size;
		memcpy(buf, r->buf + r->pos, n);
		r->pos += n;
		*got = n;
		return 1;
	}
	ssize_t n = hl_rd_raw_read(r, (char *)buf, size);
	*got = n > 0 ? (size_t)n : 0;
	return n >= 0;
}

static const char *intern_key(struct hl_reader *r, const char *k)
{
	for (size_t i = 0; i < r->nkeys; i++)
		if (hl_streq(r->keys[i], k))
			return r->keys[i];
	if (r->nkeys == r->capkeys) {
		r->capkeys = r->capkeys ? r->capkeys * 2 : 32;
		r->keys = hl_xreallocarray(r->keys, r->capkeys, sizeof *r->keys);
	}
	return r->keys[r->nkeys++] = hl_xstrdup(k);
}

static int yaml_fatal(struct hl_reader *r, long line, struct hl_buf *err, const char *what)
{
	hl_rd_located(r, line, err, what);
	r->eof = 1;
	return HL_READ_FATAL;
}

static int yaml_event(struct hl_reader *r, yaml_event_t *ev, struct hl_buf *err)
{
	if (!yaml_parser_parse(&r->yp, ev)) {
		struct hl_buf m = {0};
		hl_buf_printf(&m, "YAML: %s", r->yp.problem ? r->yp.problem : "syntax error");
		if (r->yp.context)
			hl_buf_printf(&m, " %s", r->yp.context);
		yaml_fatal(r, (long)r->yp.problem_mark.line + 1, err, m.s);
		hl_buf_free(&m);
		return -1;
	}
	const char *anchor = NULL;
	if (ev->type == YAML_SCALAR_EVENT)
		anchor = (const char *)ev->data.scalar.anchor;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		anchor = (const char *)ev->data.mapping_start.anchor;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		anchor = (const char *)ev->data.sequence_start.anchor;
	if (ev->type == YAML_ALIAS_EVENT || anchor) {
		long line = (long)ev->start_mark.line + 1;
		yaml_event_delete(ev);
		yaml_fatal(r, line, err, "YAML anchors and aliases are not allowed in records");
		return -1;
	}
	return 0;
}

static int scalar_is_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return !*v || hl_streq(v, "~") || hl_strcaseeq(v, "null");
}

/* One mapping, its MAPPING-START already consumed. */
static int yaml_mapping(struct hl_reader *r, struct hl_record *rec, long line,
			struct hl_buf *err)
{
	struct hl_buf m = {0};
	hl_record_clear(rec);
	rec->line = line;
	for (;;) {
		yaml_event_t k, v;
		if (yaml_event(r, &k, err))
			return HL_READ_FATAL;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return HL_READ_RECORD;
		}
		long kl = (long)k.start_mark.line + 1;
		if (k.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&k);
			return yaml_fatal(r, kl, err, "a record's keys must be plain names");
		}
		const char *key = (const char *)k.data.scalar.value;
		if (!hl_valid_name(key))
			hl_buf_printf(&m, "bad field name '%s'", key);
		else if (hl_record_find(rec, key))
			hl_buf_printf(&m, "duplicate key '%s'", key);
		else if (rec->n >= MAX_FIELDS)
			hl_buf_printf(&m, "too many fields");
		if (m.len) {
			yaml_event_delete(&k);
			yaml_fatal(r, kl, err, m.s);
			hl_buf_free(&m);
			return HL_READ_FATAL;
		}
		const char *name = intern_key(r, key);
		yaml_event_delete(&k);
		if (yaml_event(r, &v, err))
			return HL_READ_FATAL;
		long vl = (long)v.start_mark.line + 1;
		if (v.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&v);
			hl_buf_printf(&m, "the value of '%s' must be a single value, not a list or mapping", name);
			yaml_fatal(r, vl, err, m.s);
			hl_buf_free(&m);
			return HL_READ_FATAL;
		}
		const char *val = scalar_is_null(&v) ? "" : (const char *)v.data.scalar.value;
		size_t len = scalar_is_null(&v) ? 0 : v.data.scalar.length;
		if (hl_text_check(val, len, name, &m) < 0) {
			yaml_event_delete(&v);
			yaml_fatal(r, vl, err, m.s);
			hl_buf_free(&m);
			return HL_READ_FATAL;
		}
		hl_record_push(rec, name, val, len);
		yaml_event_delete(&v);
	}
}

/* Stream -> documents, each a sequence of mappings (or empty). */
int hl_rd_yaml_next(struct hl_reader *r, struct hl_record *rec, struct hl_buf *err)
{
	for (;;) {
		yaml_event_t ev;
		if (r->eof)
			return HL_READ_EOF;
		if (yaml_event(r, &ev, err))
			return HL_READ_FATAL;
		long line = (long)ev.start_mark.line + 1;
		yaml_event_type_t t = ev.type;
		int plain_null = t == YAML_SCALAR_EVENT && scalar_is_null(&ev);
		yaml_event_delete(&ev);
		switch (t) {
		case YAML_STREAM_END_EVENT:
			r->eof = 1;
			return HL_READ_EOF;
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			r->yaml_lists = 0;
			continue;
		case YAML_SEQUENCE_END_EVENT:
			r->yaml_lists--;
			continue;
		case YAML_SEQUENCE_START_EVENT:
			/* a list in the list was read past: nested 100,000 deep,
			 * with no record, it was an empty batch */
			if (r->yaml_lists++)
				return yaml_fatal(r, line, err, "records must be a YAML list of mappings, "
								"not a list within the list");
			continue;
		case YAML_MAPPING_START_EVENT:
			return yaml_mapping(r, rec, line, err);
		default:
			if (plain_null)
				continue; /* an empty document */
			return yaml_fatal(r, line, err, "records must be a YAML list of mappings");
		}
	}
}
