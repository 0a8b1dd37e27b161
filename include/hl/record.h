/* record.h - one journal record: named text fields in column order */
#ifndef HL_RECORD_H
#define HL_RECORD_H

#include <stddef.h>
#include <stdint.h>

/* Longest value of a field: a caller's words fit many times over; a 10 MB
 * field is an accident or an attack. */
#define HL_MAX_FIELD (64 * 1024)

/* Field names are borrowed (a reader's header, or string constants). A
 * value with cap > 0 is the field's own, its buffer reused from record to
 * record; with cap 0 it is borrowed: from a packed record's block, or
 * from a reader's input buffer until its next record (so a reading loop
 * copies nothing). Setting a borrowed value gives the field its own. */
struct hl_field {
	const char *name;
	char *value;
	size_t len, cap;
};

struct hl_record {
	struct hl_field *f;
	size_t n, cap;
	long line;       /* physical line (1-based) the record starts on */
	int64_t offset;  /* byte offset of its first byte in the input */
	/* From a reader: where each of the journal's columns (event.h's
	 * enum hl_column) is in f, -1 when absent, so that finding them costs
	 * no name comparison; NULL: by name. Adding a field drops it. */
	const int16_t *colpos;
	/* A packed record's values, one block (hl_record_pack_copy); its
	 * fields have cap 0 until a value is set anew. */
	char *block;
};

void hl_record_clear(struct hl_record *r);
void hl_record_free(struct hl_record *r);
/* Appends a field (no check for an existing one of that name). */
void hl_record_push(struct hl_record *r, const char *name, const char *v, size_t len);
/* Room for more fields; a field's own value freed (for a reader filling
 * fields in place). */
void hl_record_grow(struct hl_record *r);
void hl_field_disown(struct hl_field *f);
/* Sets the named field, replacing its value or appending it. */
void hl_record_set(struct hl_record *r, const char *name, const char *v);
/* Sets field i's value (v must not point into it unless equal to it). */
void hl_record_set_at(struct hl_record *r, size_t i, const char *v);
/* The value, or NULL when the field is absent or empty. */
const char *hl_record_get(const struct hl_record *r, const char *name);
struct hl_field *hl_record_find(const struct hl_record *r, const char *name);
/* pos[k]: where the field named names[k] is in r (the first of that
 * name), -1 when absent: one pass, for loops that look many up. */
void hl_record_index(const struct hl_record *r, const char *const *names, size_t n, int16_t *pos);
void hl_record_copy(struct hl_record *dst, const struct hl_record *src);
/* dst, empty, becomes a copy of src in two allocations (its fields, and
 * one block of values), with the field names names[i] (NULL: src's): for
 * records held by the thousand, such as a batch. */
void hl_record_pack_copy(struct hl_record *dst, const struct hl_record *src,
			 const char *const *names);

#endif
