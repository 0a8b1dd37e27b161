/* calendar.c - business hours, holidays, make-up days, deadlines */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hl/i18n.h"
#include "hl/calendar.h"

/* Ten years of days: the longest walk before a calendar is declared empty. */
#define MAX_WALK_DAYS 3660

void hl_local_day(int64_t t, int64_t *day, int *minute)
{
	struct hl_time lt = hl_time_local(t);
	int64_t local = t + (int64_t)lt.off * 60;
	int64_t d = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	*day = d;
	*minute = (int)((local - d * 86400) / 60);
}

int64_t hl_local_epoch(int64_t day, int minute)
{
	int y, m, d;
	hl_civil_from_days(day, &y, &m, &d);
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int hl_weekday(int64_t day)
{
	/* 1970-01-01 was a Thursday */
	return (int)(((day % 7) + 7 + 4) % 7);
}

static int day_in(const int64_t *days, size_t n, int64_t day)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && days[lo] == day;
}

static int is_holiday(const struct hl_calendar *cal, int64_t day)
{
	if (day_in(cal->holidays, cal->nholidays, day))
		return 1;
	int y, m, d;
	hl_civil_from_days(day, &y, &m, &d);
	for (size_t i = 0; i < cal->nyearly; i++)
		if (cal->yearly[i] == m * 100 + d)
			return 1;
	return 0;
}

const struct hl_span *hl_cal_hours(const struct hl_calendar *cal, int64_t day, size_t *n)
{
	if (day_in(cal->workdays, cal->nworkdays, day)) {
		*n = cal->nmakeup;
		return cal->makeup;
	}
	int wd = hl_weekday(day);
	if (!cal->nhours[wd] || is_holiday(cal, day)) {
		*n = 0;
		return NULL;
	}
	*n = cal->nhours[wd];
	return cal->hours[wd];
}

static void explain_day(struct hl_buf *ex, int64_t day, const char *what)
{
	int y, m, d;
	if (!ex)
		return;
	hl_civil_from_days(day, &y, &m, &d);
	hl_buf_printf(ex, "  %04d-%02d-%02d %s\n", y, m, d, what);
}

/* Walks business seconds forward from t; remaining 0 gives the next
 * working moment at or after t. */
static int64_t walk(const struct hl_calendar *cal, int64_t t, int64_t remaining,
		    struct hl_buf *ex)
{
	int64_t day;
	int minute;
	hl_local_day(t, &day, &minute);
	for (int64_t k = 0; k < MAX_WALK_DAYS; k++, day++) {
		size_t n;
		const struct hl_span *h = hl_cal_hours(cal, day, &n);
		if (!n) {
			if (ex && k < 60)
				explain_day(ex, day, is_holiday(cal, day) ? _("holiday, skipped") : _("no working hours, skipped"));
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			int64_t start = hl_local_epoch(day, h[i].from), end = hl_local_epoch(day, h[i].to);
			if (end <= t)
				continue;
			if (start < t)
				start = t;
			if (remaining <= end - start) {
				if (ex && remaining) {
					struct hl_buf w = {0};
					hl_buf_printf(&w, _("%02d:%02d + %lld min"), (int)((start - hl_local_epoch(day, 0)) / 3600),
						      (int)((start - hl_local_epoch(day, 0)) / 60 % 60), (long long)(remaining / 60));
					explain_day(ex, day, w.s);
					hl_buf_free(&w);
				}
				return start + remaining;
			}
			remaining -= end - start;
			if (ex) {
				struct hl_buf w = {0};
				hl_buf_printf(&w, _("%02d:%02d-%02d:%02d worked (%lld min)"), h[i].from / 60, h[i].from % 60,
					      h[i].to / 60, h[i].to % 60, (long long)((end - start) / 60));
				explain_day(ex, day, w.s);
				hl_buf_free(&w);
			}
		}
	}
	return -1;
}

/* The same time of day, to the second, n working days after the next
 * working moment; on a day whose hours end sooner (a make-up Saturday) at
 * their end, begin later at their start. */
static int64_t add_days(const struct hl_calendar *cal, int64_t t, int64_t n, struct hl_buf *ex)
{
	int64_t at = walk(cal, t, 0, NULL), day;
	int minute;
	if (at < 0)
		return -1;
	hl_local_day(at, &day, &minute);
	int64_t sec = at - hl_local_epoch(day, minute);
	if (sec < 0 || sec > 59)
		sec = 0; /* a minute that does not exist (DST): none to keep */
	for (int64_t k = 0; n > 0 && k < MAX_WALK_DAYS; k++) {
		size_t cnt;
		day++;
		hl_cal_hours(cal, day, &cnt);
		if (cnt)
			n--;
		else
			explain_day(ex, day, is_holiday(cal, day) ? _("holiday, skipped") : _("not a working day, skipped"));
	}
	if (n > 0)
		return -1;
	size_t cnt;
	const struct hl_span *h = hl_cal_hours(cal, day, &cnt);
	if (minute >= h[cnt - 1].to)
		minute = h[cnt - 1].to, sec = 0;
	if (minute < h[0].from)
		minute = h[0].from, sec = 0;
	explain_day(ex, day, _("the deadline's working day"));
	return hl_local_epoch(day, minute) + sec;
}

int64_t hl_cal_add(const struct hl_calendar *cal, int64_t t, struct hl_duration d,
		   struct hl_buf *explain)
{
	switch (d.unit) {
	case HL_DUR_CLOCK:
		return t + d.amount;
	case HL_DUR_BMIN:
		return walk(cal, t, d.amount * 60, explain);
	default:
		return add_days(cal, t, d.amount, explain);
	}
}

int64_t hl_cal_walk(const struct hl_calendar *cal, int64_t t, int64_t secs)
{
	return secs > 0 ? walk(cal, t, secs, NULL) : t;
}

int64_t hl_cal_work(const struct hl_calendar *cal, int64_t a, int64_t b)
{
	int64_t day, last, sum = 0;
	int minute;
	if (b <= a)
		return 0;
	hl_local_day(a, &day, &minute);
	hl_local_day(b, &last, &minute);
	for (; day <= last; day++) {
		size_t n;
		const struct hl_span *h = hl_cal_hours(cal, day, &n);
		for (size_t i = 0; i < n; i++) {
			int64_t from = hl_local_epoch(day, h[i].from), to = hl_local_epoch(day, h[i].to);
			if (from < a)
				from = a;
			if (to > b)
				to = b;
			if (to > from)
				sum += to - from;
		}
	}
	return sum;
}

/* ---- the calendar section ---- */

static int cmp_span(const void *a, const void *b)
{
	return ((const struct hl_span *)a)->from - ((const struct hl_span *)b)->from;
}

static int cmp_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* A list of "HH:MM-HH:MM", sorted, refused when they overlap. */
static int parse_spans(struct hl_cfgctx *c, const char *key, const struct hl_node *v,
		       struct hl_span **out, size_t *n)
{
	if (v->type == HL_NODE_SCALAR && v->is_null) {
		*n = 0;
		return 0;
	}
	if (hl_cfg_want(c, v, HL_NODE_SEQ, key))
		return -1;
	*out = hl_xcalloc(v->n, sizeof **out);
	*n = v->n;
	for (size_t i = 0; i < v->n; i++)
		if (hl_cfg_span(c, key, v->kid[i], 0, &(*out)[i]))
			return -1;
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_span);
	for (size_t i = 1; i < *n; i++)
		if ((*out)[i].from < (*out)[i - 1].to)
			return hl_cfg_fail(c, v, "overlapping hours in '%s'", key);
	return 0;
}

static int hours_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		     const struct hl_node *v, void *obj)
{
	struct hl_calendar *cal = obj;
	unsigned days;
	if (hl_cfg_days(c, "hours", k, &days))
		return -1;
	for (int d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		if (cal->hours[d])
			return hl_cfg_fail(c, k, "hours of a weekday in '%s' are given twice", key);
		if (parse_spans(c, key, v, &cal->hours[d], &cal->nhours[d]))
			return -1;
		if (!cal->hours[d])
			cal->hours[d] = hl_xcalloc(1, sizeof *cal->hours[d]);
	}
	return 0;
}

static void add_day(int64_t **days, size_t *n, int64_t day)
{
	*days = hl_xreallocarray(*days, *n + 1, sizeof **days);
	(*days)[(*n)++] = day;
}

static int holiday_item(struct hl_cfgctx *c, const struct hl_node *item, void *obj)
{
	struct hl_calendar *cal = obj;
	int64_t a, b;
	if (hl_cfg_want(c, item, HL_NODE_SCALAR, "holidays"))
		return -1;
	const char *s = item->value, *dots = strstr(s, "..");
	if (strlen(s) == 5 && s[2] == '-') {
		int m = atoi(s), d = atoi(s + 3);
		if (m < 1 || m > 12 || d < 1 || d > hl_days_in_month(2024, m))
			return hl_cfg_fail(c, item, "bad date '%s' (want MM-DD or YYYY-MM-DD)", s);
		cal->yearly = hl_xreallocarray(cal->yearly, cal->nyearly + 1, sizeof *cal->yearly);
		cal->yearly[cal->nyearly++] = m * 100 + d;
		return 0;
	}
	if (!dots)
		return hl_cfg_date(c, item, s, &a) ? -1 : (add_day(&cal->holidays, &cal->nholidays, a), 0);
	char first[16];
	if (dots - s >= (long)sizeof first)
		return hl_cfg_fail(c, item, "bad date range '%s'", s);
	memcpy(first, s, (size_t)(dots - s));
	first[dots - s] = '\0';
	if (hl_cfg_date(c, item, first, &a) || hl_cfg_date(c, item, dots + 2, &b))
		return -1;
	if (b < a || b - a > 366)
		return hl_cfg_fail(c, item, "bad date range '%s'", s);
	for (int64_t d = a; d <= b; d++)
		add_day(&cal->holidays, &cal->nholidays, d);
	return 0;
}

static int workday_item(struct hl_cfgctx *c, const struct hl_node *item, void *obj)
{
	struct hl_calendar *cal = obj;
	int64_t day;
	if (hl_cfg_want(c, item, HL_NODE_SCALAR, "workdays") || hl_cfg_date(c, item, item->value, &day))
		return -1;
	add_day(&cal->workdays, &cal->nworkdays, day);
	return 0;
}

static int calendar_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
			const struct hl_node *v, void *obj)
{
	struct hl_calendar *cal = obj;
	if (hl_streq(key, "hours")) {
		cal->has_hours = 1;
		return hl_cfg_each_key(c, v, key, hours_key, cal);
	}
	if (hl_streq(key, "workday_hours"))
		return parse_spans(c, key, v, &cal->makeup, &cal->nmakeup);
	if (hl_streq(key, "holidays"))
		return hl_cfg_each_item(c, v, key, holiday_item, cal);
	if (hl_streq(key, "workdays"))
		return hl_cfg_each_item(c, v, key, workday_item, cal);
	return hl_cfg_unknown(c, k);
}

int hl_calendar_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_calendar *cal)
{
	hl_calendar_free(cal);
	if (hl_cfg_each_key(c, v, "calendar", calendar_key, cal))
		return -1;
	/* a calendar of holidays alone keeps the documented office hours,
	 * Monday to Friday 08:00-17:00 */
	for (int d = 1; !cal->has_hours && d <= 5; d++) {
		cal->hours[d] = hl_xcalloc(1, sizeof *cal->hours[d]);
		cal->hours[d][0] = (struct hl_span){8 * 60, 17 * 60};
		cal->nhours[d] = 1;
	}
	if (!cal->makeup && cal->nhours[1]) {
		/* a make-up day works like a Monday unless told otherwise */
		cal->nmakeup = cal->nhours[1];
		cal->makeup = hl_xcalloc(cal->nmakeup, sizeof *cal->makeup);
		memcpy(cal->makeup, cal->hours[1], cal->nmakeup * sizeof *cal->makeup);
	}
	if (cal->nworkdays && !cal->nmakeup)
		return hl_cfg_fail(c, v, "make-up workdays need workday_hours (or hours on mon)");
	int any = 0;
	for (int d = 0; d < 7; d++)
		any |= cal->nhours[d] != 0;
	/* business time would never pass: clocks that silently never run */
	if (!any)
		return hl_cfg_fail(c, v, "the calendar has no working hours");
	if (cal->nholidays)
		qsort(cal->holidays, cal->nholidays, sizeof *cal->holidays, cmp_day);
	if (cal->nworkdays)
		qsort(cal->workdays, cal->nworkdays, sizeof *cal->workdays, cmp_day);
	return 0;
}

void hl_calendar_free(struct hl_calendar *cal)
{
	for (int d = 0; d < 7; d++)
		free(cal->hours[d]);
	free(cal->makeup);
	free(cal->holidays);
	free(cal->yearly);
	free(cal->workdays);
	memset(cal, 0, sizeof *cal);
}
