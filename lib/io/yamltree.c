/* yamltree.c - libyaml events composed into a tree, refusing what a
 * configuration never needs and an attacker would use (aliases) */
#include <string.h>
#include <yaml.h>

#include "hl/strmap.h"
#include "hl/yamltree.h"

#define MAX_DEPTH 32

struct loader {
	yaml_parser_t p;
	const char *name;
	struct hl_buf *err;
};

static int fail_at(struct loader *l, const yaml_mark_t *m, const char *what)
{
	hl_fail(l->err, "%s:%zu:%zu: %s", l->name, m->line + 1, m->column + 1, what);
	return -1;
}

static int next_event(struct loader *l, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&l->p, ev)) {
		struct hl_buf m = {0};
		hl_buf_printf(&m, "%s", l->p.problem ? l->p.problem : "YAML syntax error");
		if (l->p.context)
			hl_buf_printf(&m, " %s", l->p.context);
		fail_at(l, &l->p.problem_mark, m.s);
		hl_buf_free(&m);
		return -1;
	}
	const yaml_char_t *anchor = NULL;
	if (ev->type == YAML_SCALAR_EVENT)
		anchor = ev->data.scalar.anchor;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		anchor = ev->data.sequence_start.anchor;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		anchor = ev->data.mapping_start.anchor;
	if (anchor || ev->type == YAML_ALIAS_EVENT) {
		fail_at(l, &ev->start_mark, "YAML anchors and aliases are not allowed");
		yaml_event_delete(ev);
		return -1;
	}
	return 0;
}

static struct hl_node *new_node(enum hl_node_type t, const yaml_mark_t *m)
{
	struct hl_node *n = hl_xcalloc(1, sizeof *n);
	n->type = t;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	return n;
}

/* The array doubles at each power of two: a list of 100,000 people is
 * not 100,000 reallocations. */
static void add_kid(struct hl_node *n, struct hl_node *kid)
{
	if ((n->n & (n->n - 1)) == 0)
		n->kid = hl_xreallocarray(n->kid, n->n ? 2 * n->n : 1, sizeof *n->kid);
	n->kid[n->n++] = kid;
}

/* Whether a mapping has the key already: a scan while it is small, then
 * a table of its keys (made at the first lookup past the scan). */
#define SCAN_KEYS 16
static int has_key(struct hl_node *n, struct hl_strmap *keys, const char *key)
{
	if (n->n / 2 <= SCAN_KEYS && !keys->cap) {
		for (size_t i = 0; i < n->n; i += 2)
			if (hl_streq(n->kid[i]->value, key))
				return 1;
		return 0;
	}
	if (!keys->cap)
		for (size_t i = 0; i < n->n; i += 2)
			hl_strmap_put(keys, n->kid[i]->value);
	size_t before = keys->n;
	hl_strmap_put(keys, key);
	return keys->n == before;
}

static struct hl_node *load_node(struct loader *l, yaml_event_t *ev, int depth);

static int load_children(struct loader *l, struct hl_node *n, yaml_event_type_t end, int depth)
{
	struct hl_strmap keys;
	int rc = 0;
	hl_strmap_init(&keys, 1);
	for (;;) {
		yaml_event_t ev;
		if (next_event(l, &ev)) {
			rc = -1;
			break;
		}
		if (ev.type == end) {
			yaml_event_delete(&ev);
			break;
		}
		struct hl_node *kid = load_node(l, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!kid) {
			rc = -1;
			break;
		}
		if (n->type == HL_NODE_MAP && n->n % 2 == 0) {
			if (kid->type != HL_NODE_SCALAR) {
				hl_fail(l->err, "%s:%d:%d: a key must be a plain name", l->name, kid->line, kid->col);
				hl_node_free(kid);
				rc = -1;
				break;
			}
			if (has_key(n, &keys, kid->value)) {
				hl_fail(l->err, "%s:%d:%d: duplicate key '%s'", l->name, kid->line, kid->col,
					kid->value);
				hl_node_free(kid);
				rc = -1;
				break;
			}
		}
		add_kid(n, kid);
	}
	hl_strmap_free(&keys);
	return rc;
}

static struct hl_node *load_node(struct loader *l, yaml_event_t *ev, int depth)
{
	struct hl_node *n;
	if (depth > MAX_DEPTH) {
		fail_at(l, &ev->start_mark, "nested too deeply");
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = new_node(HL_NODE_SCALAR, &ev->start_mark);
		n->value = hl_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		if (strlen(n->value) != ev->data.scalar.length) {
			fail_at(l, &ev->start_mark, "NUL character in a value");
			hl_node_free(n);
			return NULL;
		}
		n->is_null = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
			     (!*n->value || hl_streq(n->value, "~") || hl_strcaseeq(n->value, "null"));
		return n;
	case YAML_SEQUENCE_START_EVENT:
		n = new_node(HL_NODE_SEQ, &ev->start_mark);
		break;
	case YAML_MAPPING_START_EVENT:
		n = new_node(HL_NODE_MAP, &ev->start_mark);
		break;
	default:
		fail_at(l, &ev->start_mark, "unexpected YAML structure");
		return NULL;
	}
	yaml_event_type_t end = n->type == HL_NODE_SEQ ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT;
	if (load_children(l, n, end, depth) < 0) {
		hl_node_free(n);
		return NULL;
	}
	return n;
}

struct hl_node *hl_yaml_load(const char *name, const char *text, size_t len, struct hl_buf *err)
{
	struct loader l = {.name = name, .err = err};
	struct hl_node *root = NULL;
	yaml_event_t ev;
	yaml_parser_initialize(&l.p);
	yaml_parser_set_input_string(&l.p, (const unsigned char *)text, len);
	for (;;) {
		if (next_event(&l, &ev))
			goto fail;
		yaml_event_type_t t = ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
		    t == YAML_MAPPING_START_EVENT) {
			if (root) {
				fail_at(&l, &ev.start_mark, "only one YAML document is allowed");
				yaml_event_delete(&ev);
				goto fail;
			}
			root = load_node(&l, &ev, 0);
			yaml_event_delete(&ev);
			if (!root)
				goto fail;
			continue;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&l.p);
	if (!root || (root->type == HL_NODE_SCALAR && root->is_null)) {
		hl_node_free(root);
		yaml_mark_t m = {0, 0, 0};
		root = new_node(HL_NODE_MAP, &m);
	}
	return root;
fail:
	hl_node_free(root);
	yaml_parser_delete(&l.p);
	return NULL;
}

void hl_node_free(struct hl_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		hl_node_free(n->kid[i]);
	free(n->kid);
	free(n->value);
	free(n);
}

const char *hl_node_kind(const struct hl_node *n)
{
	return n->type == HL_NODE_SCALAR ? "a single value"
	       : n->type == HL_NODE_SEQ ? "a list" : "a mapping";
}
