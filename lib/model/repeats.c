/* repeats.c - the last complaints of each phone */
#include <string.h>

#include "hl/event.h"
#include "model/repeats.h"

#define KEPT HL_REPEATS_KEPT

void hl_repeats_init(struct hl_repeats *r)
{
	hl_strmap_init(&r->phones, sizeof(struct hl_complaints));
	r->seq = 0;
}

void hl_repeats_key(const char *phone, struct hl_buf *key)
{
	/* as stored now, whatever form an older journal line has */
	if (hl_phone_normalize(phone, key, NULL)) {
		hl_buf_clear(key);
		hl_buf_adds(key, phone);
	}
}

void hl_repeats_note(struct hl_repeats *r, const struct hl_event *ev)
{
	if (ev->kind != HL_EV_OPEN || ev->category != HL_CAT_COMPLAINT || !ev->phone)
		return;
	struct hl_buf key = {0};
	hl_repeats_key(ev->phone, &key);
	struct hl_complaints *c = hl_strmap_put(&r->phones, key.s);
	hl_buf_free(&key);
	if (c->n == KEPT) {
		memmove(c->t, c->t + 1, sizeof c->t[0] * (KEPT - 1));
		memmove(c->id_hash, c->id_hash + 1, sizeof c->id_hash[0] * (KEPT - 1));
		memmove(c->seq, c->seq + 1, sizeof c->seq[0] * (KEPT - 1));
		c->n--;
	}
	c->t[c->n] = ev->time.t;
	c->seq[c->n] = ++r->seq;
	c->id_hash[c->n++] = hl_hash_str(ev->ticket);
}

int hl_repeats_is_repeat(const struct hl_repeats *r, const char *phone, const char *id,
			 int64_t at, int64_t window)
{
	struct hl_buf key = {0};
	if (phone)
		hl_repeats_key(phone, &key);
	const struct hl_complaints *c = phone ? hl_strmap_get(&r->phones, key.s) : NULL;
	hl_buf_free(&key);
	size_t me = hl_hash_str(id);
	uint64_t mine = UINT64_MAX;
	/* its own open, when kept, says when it complained: a ticket revived
	 * by a reopen after its close knows only the reopen's time */
	for (int i = 0; c && i < c->n; i++)
		if (c->id_hash[i] == me)
			mine = c->seq[i], at = c->t[i];
	/* only complaints before this one: earlier, or of the same minute and
	 * earlier in the journal */
	for (int i = 0; c && i < c->n; i++)
		if (c->id_hash[i] != me && at - c->t[i] <= window &&
		    (c->t[i] < at || (c->t[i] == at && c->seq[i] < mine)))
			return 1;
	return 0;
}

void hl_repeats_free(struct hl_repeats *r)
{
	hl_strmap_free(&r->phones);
}
