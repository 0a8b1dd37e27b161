/* fuzz_time.c - the time, duration and phone parsers on any string */
#include <stdlib.h>
#include <string.h>

#include "hl/event.h"
#include "hl/time.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s = malloc(size + 1);
	struct hl_buf err = {0}, out = {0};
	struct hl_time t;
	struct hl_duration d;
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (hl_time_parse(s, &t, &err) == 0) {
		/* the journal's form is read by position; the user's parser
		 * reads it the general way and must agree */
		struct hl_time u;
		if (hl_time_parse_user(s, 0, &u, &err) != 0 || u.t != t.t || u.off != t.off)
			abort();
		hl_time_format(t, &out);
	}
	if (hl_time_parse_user(s, 1793668440, &t, &err) == 0)
		hl_time_format(t, &out);
	if (hl_duration_parse(s, &d, &err) == 0)
		hl_duration_format(d, &out);
	if (hl_phone_normalize(s, &out, &err) == 0) {
		/* a number as stored must read back as itself */
		struct hl_buf again = {0};
		if (hl_phone_normalize(out.s, &again, &err) != 0 || !hl_streq(again.s, out.s))
			abort();
		hl_buf_free(&again);
	}
	free(s);
	hl_buf_free(&err);
	hl_buf_free(&out);
	return 0;
}
