/* calendar.h - the hotline's business calendar: working hours per weekday,
 * holidays, make-up working days (调休), and deadline arithmetic on it */
#ifndef HL_CALENDAR_H
#define HL_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "hl/cfgparse.h"
#include "hl/time.h"

struct hl_calendar {
	struct hl_span *hours[7];   /* by weekday, 0 = Sunday; sorted, disjoint */
	size_t nhours[7];
	int has_hours;              /* the hours key was given */
	struct hl_span *makeup;     /* hours of a make-up working day */
	size_t nmakeup;
	int64_t *holidays;          /* day numbers, sorted */
	size_t nholidays;
	int *yearly;                /* MMDD of holidays every year */
	size_t nyearly;
	int64_t *workdays;          /* make-up working days, sorted */
	size_t nworkdays;
};

/* Parses the calendar section into cal (which it replaces). */
int hl_calendar_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_calendar *cal);
void hl_calendar_free(struct hl_calendar *cal);

/* Day number (days since 1970-01-01) and minute of the day of t in the
 * local zone, and back (DST-aware through the C library). */
void hl_local_day(int64_t t, int64_t *day, int *minute);
int64_t hl_local_epoch(int64_t day, int minute);
/* 0 = Sunday */
int hl_weekday(int64_t day);

/* The working hours of a day: none on a holiday or a free weekday, the
 * make-up hours on a make-up working day. */
const struct hl_span *hl_cal_hours(const struct hl_calendar *cal, int64_t day, size_t *n);

/* t + d: clock durations add plainly; business minutes are walked through
 * the working hours; business days land at the same time of day that many
 * working days later (from the next working moment when t is outside
 * hours). When explain is given, the walk is described there. Returns -1
 * when the calendar has no working time in the next ten years. */
int64_t hl_cal_add(const struct hl_calendar *cal, int64_t t, struct hl_duration d,
		   struct hl_buf *explain);
/* t moved later by secs of working time (t itself when secs is 0). */
int64_t hl_cal_walk(const struct hl_calendar *cal, int64_t t, int64_t secs);
/* The working seconds in [a, b). */
int64_t hl_cal_work(const struct hl_calendar *cal, int64_t a, int64_t b);

#endif
