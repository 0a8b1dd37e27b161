/* time.h - ISO 8601 instants with their UTC offset, and durations */
#ifndef HL_TIME_H
#define HL_TIME_H

#include <stdint.h>

#include "hl/util.h"

/* An instant plus the offset it was written with, so that a record reads
 * back exactly as it was typed. */
struct hl_time {
	int64_t t;   /* seconds since the epoch, UTC */
	int off;     /* minutes east of UTC */
};

/* Strict: YYYY-MM-DDTHH:MM[:SS] followed by Z, +HH:MM, +HHMM or +HH.
 * A space may stand for the T. A leap second (:60) and a fraction of a
 * second are refused, each with its own message: neither can be kept. */
int hl_time_parse(const char *s, struct hl_time *out, struct hl_buf *err);
/* As hl_time_parse, but a missing offset means the local zone (TZ), and
 * a bare HH:MM means that time today (relative to now). For --at and --now. */
int hl_time_parse_user(const char *s, int64_t now, struct hl_time *out,
		       struct hl_buf *err);
/* t in the local zone (TZ), with its offset. */
struct hl_time hl_time_local(int64_t t);
/* "2026-11-03T09:14:00+08:00" (Z is never written; +00:00 instead). */
void hl_time_format(struct hl_time t, struct hl_buf *out);
/* Calendar fields of t in its own offset. */
void hl_time_fields(struct hl_time t, int *year, int *mon, int *day,
		    int *hour, int *min, int *sec);
/* Days since 1970-01-01 for a proleptic Gregorian date. */
int64_t hl_days_from_civil(int64_t y, unsigned m, unsigned d);
void hl_civil_from_days(int64_t z, int *y, int *m, int *d);
int hl_days_in_month(int y, int m);

/* The current time: $HL_NOW when set (reproducible runs and tests), else
 * the clock. */
int hl_time_now(struct hl_time *out, struct hl_buf *err);

enum hl_dur_unit {
	HL_DUR_CLOCK,  /* amount in seconds of wall-clock time */
	HL_DUR_BMIN,   /* amount in business minutes (bh, bm) */
	HL_DUR_BDAY,   /* amount in business days (bd) */
};

struct hl_duration {
	enum hl_dur_unit unit;
	int64_t amount;
};

/* "30m", "24h", "7d", "1h30m", "90s", "2w"; business "8bh", "30bm",
 * "1bh30bm", "2bd". Zero is allowed ("0m": at once); negative is not. */
int hl_duration_parse(const char *s, struct hl_duration *d, struct hl_buf *err);
/* The shortest spelling that parses back to the same duration. */
void hl_duration_format(struct hl_duration d, struct hl_buf *out);

/* "1h13m", "45m", "2d3h": a span of seconds, rounded down to minutes. */
void hl_span_format(int64_t seconds, struct hl_buf *out);

#endif
