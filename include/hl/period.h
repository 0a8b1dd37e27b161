/* period.h - the span a report covers: a month, an ISO week, or dates */
#ifndef HL_PERIOD_H
#define HL_PERIOD_H

#include <stdint.h>

#include "hl/util.h"

struct hl_period {
	int64_t from, to;     /* [from, to) in the local zone */
	char label[48];       /* "2026-10", "2026-W44", "2026-10-01..2026-10-15" */
};

int hl_period_month(const char *s, struct hl_period *p, struct hl_buf *err);
int hl_period_week(const char *s, struct hl_period *p, struct hl_buf *err);
/* Dates, both days included. */
int hl_period_dates(const char *from, const char *to, struct hl_period *p, struct hl_buf *err);
/* The last full month or ISO week before now. */
void hl_period_last_month(int64_t now, struct hl_period *p);
void hl_period_last_week(int64_t now, struct hl_period *p);
/* All time, up to now (clocks are judged as of now). */
void hl_period_all(int64_t now, struct hl_period *p);
/* ISO 8601 week of a day number: year and week. */
void hl_iso_week(int64_t day, int *year, int *week);

#endif
