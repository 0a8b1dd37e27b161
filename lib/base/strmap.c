/* strmap.c - string keys to fixed-size values stored inline: open
 * addressing with linear probing, keys hashed by hl_hash_str */
#include <stdlib.h>
#include <string.h>

#include "hl/strmap.h"
#include "hl/util.h"

void hl_strmap_init(struct hl_strmap *m, size_t size)
{
	memset(m, 0, sizeof *m);
	m->size = size;
}

static size_t slot(char *const *keys, size_t cap, const char *key)
{
	size_t i = hl_hash_str(key) & (cap - 1);
	while (keys[i] && strcmp(keys[i], key))
		i = (i + 1) & (cap - 1);
	return i;
}

void *hl_strmap_get(const struct hl_strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = slot(m->key, m->cap, key);
	return m->key[i] ? (char *)m->val + i * m->size : NULL;
}

static void grow(struct hl_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 32;
	char **key = hl_xcalloc(cap, sizeof *key);
	char *val = hl_xcalloc(cap, m->size);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->key[i])
			continue;
		size_t j = slot(key, cap, m->key[i]);
		key[j] = m->key[i];
		memcpy(val + j * m->size, (char *)m->val + i * m->size, m->size);
	}
	free(m->key);
	free(m->val);
	m->key = key;
	m->val = val;
	m->cap = cap;
}

void *hl_strmap_put(struct hl_strmap *m, const char *key)
{
	void *v = hl_strmap_get(m, key);
	if (v)
		return v;
	if ((m->n + 1) * 4 > m->cap * 3)
		grow(m);
	size_t i = slot(m->key, m->cap, key);
	m->key[i] = hl_xstrdup(key);
	m->n++;
	return (char *)m->val + i * m->size;
}

void hl_strmap_free(struct hl_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->key[i]);
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}
