/* fuzz_calls.c - any bytes as an Asterisk queue_log: the reader, the
 * records the calls become, and the queue's figures over them */
#include <stdio.h>
#include <stdlib.h>

#include "calls/callstats.h"
#include "calls/calls.h"
#include "hl/config.h"
#include "calls/queuelog.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static struct hl_config cfg;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static int loaded;
	struct hl_buf err = {0};
	if (!loaded++ && hl_config_load_text("fuzz", "", 0, &cfg, &err))
		abort();
	FILE *fp = fmemopen((void *)data, size, "r");
	if (!fp)
		return 0;
	struct hl_queuelog q;
	struct hl_callset s;
	struct hl_batch b = {0};
	struct hl_callstats cs;
	hl_queuelog_init(&q);
	hl_callset_init(&s, "fuzz");
	hl_callstats_init(&cs);
	hl_queuelog_read(&q, fp, "fuzz", &s, &err);
	fclose(fp);
	hl_calls_to_batch(&s, &cfg, &b);
	for (size_t i = 0; i < b.n; i++) {
		struct hl_event ev;
		hl_record_set(&b.rec[i], "actor", "fuzz");
		/* what the import writes must read back as a valid record */
		if (hl_event_parse(&b.rec[i], HL_EV_PARTIAL, &ev, &err)) {
			fprintf(stderr, "record %zu: %s\n", i, err.s);
			abort();
		}
		hl_callstats_add(&cs, &cfg.calls, &ev);
	}
	hl_callstats_free(&cs);
	hl_batch_free(&b);
	hl_callset_free(&s);
	hl_queuelog_free(&q);
	hl_buf_free(&err);
	return 0;
}
