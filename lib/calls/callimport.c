/* callimport.c - queue_log or CDR files into one batch of call records */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hl/callimport.h"
#include "calls/calls.h"
#include "calls/cdr.h"
#include "calls/queuelog.h"

static int read_queuelogs(char *const *files, size_t n, struct hl_callset *s, struct hl_buf *err)
{
	struct hl_queuelog q;
	int rc = 0;
	hl_queuelog_init(&q);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int std = hl_streq(files[i], "-");
		FILE *fp = std ? stdin : fopen(files[i], "r");
		if (!fp) {
			rc = hl_fail(err, "%s: %s", files[i], strerror(errno));
			break;
		}
		rc = hl_queuelog_read(&q, fp, std ? "<stdin>" : files[i], s, err);
		if (!std)
			fclose(fp);
	}
	hl_queuelog_free(&q);
	return rc;
}

int hl_calls_import(enum hl_call_source src, char *const *files, size_t n, const char *encoding,
		    const struct hl_config *cfg, struct hl_batch *b, struct hl_buf *err)
{
	static char *const std[] = {"-"};
	struct hl_callset s;
	int rc = 0;
	if (n == 0)
		files = std, n = 1;
	hl_callset_init(&s, hl_streq(files[n - 1], "-") ? "<stdin>" : files[n - 1]);
	if (src == HL_CALLS_ASTERISK)
		rc = read_queuelogs(files, n, &s, err);
	if (src == HL_CALLS_CDR)
		rc = hl_cdr_read(files, n, encoding, &cfg->calls, &s, err);
	if (rc == 0)
		hl_calls_to_batch(&s, cfg, b);
	hl_callset_free(&s);
	return rc;
}
