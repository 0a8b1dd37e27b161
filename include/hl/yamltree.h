/* yamltree.h - a small YAML document tree with positions, for the
 * configuration: no anchors, no aliases, no duplicate keys */
#ifndef HL_YAMLTREE_H
#define HL_YAMLTREE_H

#include <stddef.h>

#include "hl/util.h"

enum hl_node_type { HL_NODE_SCALAR, HL_NODE_SEQ, HL_NODE_MAP };

struct hl_node {
	enum hl_node_type type;
	int line, col;            /* 1-based */
	char *value;              /* scalars */
	int is_null;              /* a plain ~, null or nothing */
	struct hl_node **kid;     /* sequence items; mapping key, value, key, ... */
	size_t n;
};

/* Parses text (len bytes); name is used in messages "name:line:col: ...".
 * An empty document gives an empty mapping. */
struct hl_node *hl_yaml_load(const char *name, const char *text, size_t len,
			     struct hl_buf *err);
void hl_node_free(struct hl_node *n);
const char *hl_node_kind(const struct hl_node *n);

#endif
