/* strmap.h - a string-keyed hash map of small fixed-size values */
#ifndef HL_STRMAP_H
#define HL_STRMAP_H

#include <stddef.h>

struct hl_strmap {
	char **key;
	void *val;         /* cap values of size bytes each */
	size_t size, cap, n;
};

/* size: bytes of each value; call once before use. */
void hl_strmap_init(struct hl_strmap *m, size_t size);
/* The value for key, or NULL. */
void *hl_strmap_get(const struct hl_strmap *m, const char *key);
/* The value for key, added zero-filled when absent. */
void *hl_strmap_put(struct hl_strmap *m, const char *key);
void hl_strmap_free(struct hl_strmap *m);

#endif
