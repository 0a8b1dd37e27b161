/* record.c - named text fields in column order */
#include <stdlib.h>
#include <string.h>

#include "hl/record.h"
#include "hl/util.h"

/* Values in a packed record's block are not the fields' own. */
static void drop_block(struct hl_record *r)
{
	if (!r->block)
		return;
	for (size_t i = 0; i < r->cap; i++)
		if (!r->f[i].cap)
			r->f[i].value = NULL;
	free(r->block);
	r->block = NULL;
}

void hl_record_clear(struct hl_record *r)
{
	drop_block(r);
	r->n = 0;
	r->line = 0;
	r->offset = 0;
	r->colpos = NULL;
}

void hl_record_free(struct hl_record *r)
{
	drop_block(r);
	for (size_t i = 0; i < r->cap; i++)
		if (r->f[i].cap)
			free(r->f[i].value);
	free(r->f);
	memset(r, 0, sizeof *r);
}

static void field_assign(struct hl_field *f, const char *v, size_t len)
{
	if (len + 1 > f->cap) {
		if (!f->cap)
			f->value = NULL; /* in a block, or none: a buffer of its own */
		f->cap = len + 1 < 32 ? 32 : len + 1;
		f->value = hl_xrealloc(f->value, f->cap);
	}
	if (len)
		memcpy(f->value, v, len);
	f->value[len] = '\0';
	f->len = len;
}

void hl_record_grow(struct hl_record *r)
{
	size_t cap = r->cap ? r->cap * 2 : 32;
	r->f = hl_xreallocarray(r->f, cap, sizeof *r->f);
	memset(r->f + r->cap, 0, (cap - r->cap) * sizeof *r->f);
	r->cap = cap;
}

void hl_field_disown(struct hl_field *f)
{
	free(f->value);
	f->value = NULL;
	f->cap = 0;
}

void hl_record_push(struct hl_record *r, const char *name, const char *v, size_t len)
{
	if (r->n == r->cap)
		hl_record_grow(r);
	struct hl_field *f = &r->f[r->n++];
	f->name = name;
	field_assign(f, v, len);
	r->colpos = NULL;
}

struct hl_field *hl_record_find(const struct hl_record *r, const char *name)
{
	/* the hottest loop of a batch: names are mostly the same strings
	 * (hl_columns), so pointers first; then by text, the first byte
	 * settling most comparisons without strcmp */
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i].name == name)
			return &r->f[i];
	for (size_t i = 0; i < r->n; i++) {
		const char *n = r->f[i].name;
		if (n[0] == name[0] && strcmp(n, name) == 0)
			return &r->f[i];
	}
	return NULL;
}

void hl_record_set_at(struct hl_record *r, size_t i, const char *v)
{
	struct hl_field *f = &r->f[i];
	size_t len = strlen(v);
	if (f->len == len && f->value && !memcmp(f->value, v, len))
		return; /* the same (a canonical value, often): a packed value stays */
	field_assign(f, v, len);
}

void hl_record_set(struct hl_record *r, const char *name, const char *v)
{
	struct hl_field *f = hl_record_find(r, name);
	if (f)
		hl_record_set_at(r, (size_t)(f - r->f), v);
	else
		hl_record_push(r, name, v, strlen(v));
}

const char *hl_record_get(const struct hl_record *r, const char *name)
{
	struct hl_field *f = hl_record_find(r, name);
	return f && f->len ? f->value : NULL;
}

void hl_record_index(const struct hl_record *r, const char *const *names, size_t n, int16_t *pos)
{
	for (size_t k = 0; k < n; k++)
		pos[k] = -1;
	for (size_t i = 0; i < r->n && i < INT16_MAX; i++) {
		const char *name = r->f[i].name;
		size_t k = 0;
		while (k < n && names[k] != name)
			k++;
		if (k == n)
			for (k = 0; k < n && strcmp(names[k], name); k++)
				;
		if (k < n && pos[k] < 0)
			pos[k] = (int16_t)i;
	}
}

void hl_record_pack_copy(struct hl_record *dst, const struct hl_record *src,
			 const char *const *names)
{
	size_t total = 0, cap = src->n + 4; /* room for a few fields set later */
	for (size_t i = 0; i < src->n; i++)
		total += src->f[i].len + 1;
	hl_record_free(dst);
	dst->f = hl_xcalloc(cap, sizeof *dst->f);
	dst->cap = cap;
	dst->block = hl_xmalloc(total ? total : 1);
	char *p = dst->block;
	for (size_t i = 0; i < src->n; i++) {
		struct hl_field *f = &dst->f[i];
		f->name = names ? names[i] : src->f[i].name;
		f->value = p;
		f->len = src->f[i].len;
		f->cap = 0;
		memcpy(p, src->f[i].value, f->len);
		p[f->len] = '\0';
		p += f->len + 1;
	}
	dst->n = src->n;
	dst->line = src->line;
	dst->offset = src->offset;
}

void hl_record_copy(struct hl_record *dst, const struct hl_record *src)
{
	hl_record_clear(dst);
	for (size_t i = 0; i < src->n; i++)
		hl_record_push(dst, src->f[i].name, src->f[i].value, src->f[i].len);
	dst->line = src->line;
	dst->offset = src->offset;
}
