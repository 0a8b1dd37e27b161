/* period.c - months, ISO weeks and date ranges in the local zone */
#include <stdio.h>
#include <string.h>

#include "hl/calendar.h"
#include "hl/i18n.h"
#include "hl/period.h"

static int num(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	*out = v;
	return 0;
}

static int64_t monday_of_week1(int y)
{
	int64_t jan4 = hl_days_from_civil(y, 1, 4);
	return jan4 - (hl_weekday(jan4) + 6) % 7;
}

void hl_iso_week(int64_t day, int *year, int *week)
{
	int y, m, d;
	hl_civil_from_days(day - (hl_weekday(day) + 6) % 7 + 3, &y, &m, &d); /* its Thursday */
	*year = y;
	*week = (int)((day - monday_of_week1(y)) / 7) + 1;
}

static void set(struct hl_period *p, int64_t from_day, int64_t to_day)
{
	p->from = hl_local_epoch(from_day, 0);
	p->to = hl_local_epoch(to_day, 0);
}

int hl_period_month(const char *s, struct hl_period *p, struct hl_buf *err)
{
	int y, m;
	if (strlen(s) != 7 || num(s, 4, &y) || s[4] != '-' || num(s + 5, 2, &m) || m < 1 || m > 12 ||
	    y < 1970)
		return hl_fail(err, "bad month '%s' (want YYYY-MM)", s);
	set(p, hl_days_from_civil(y, (unsigned)m, 1),
	    m == 12 ? hl_days_from_civil(y + 1, 1, 1) : hl_days_from_civil(y, (unsigned)m + 1, 1));
	snprintf(p->label, sizeof p->label, "%04d-%02d", y, m);
	return 0;
}

int hl_period_week(const char *s, struct hl_period *p, struct hl_buf *err)
{
	int y, w, yy, ww;
	if (strlen(s) != 8 || num(s, 4, &y) || s[4] != '-' || (s[5] != 'W' && s[5] != 'w') ||
	    num(s + 6, 2, &w) || w < 1 || y < 1970)
		return hl_fail(err, "bad week '%s' (want YYYY-Www, e.g. 2026-W44)", s);
	int64_t monday = monday_of_week1(y) + (int64_t)(w - 1) * 7;
	hl_iso_week(monday, &yy, &ww);
	if (yy != y || ww != w)
		return hl_fail(err, "%d has no week %d", y, w);
	set(p, monday, monday + 7);
	snprintf(p->label, sizeof p->label, "%04d-W%02d", y, w);
	return 0;
}

static int date(const char *s, int64_t *day, struct hl_buf *err)
{
	int y, m, d;
	if (strlen(s) != 10 || num(s, 4, &y) || s[4] != '-' || num(s + 5, 2, &m) || s[7] != '-' ||
	    num(s + 8, 2, &d) || y < 1970 || m < 1 || m > 12 || d < 1 || d > hl_days_in_month(y, m))
		return hl_fail(err, "bad date '%s' (want YYYY-MM-DD)", s);
	*day = hl_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

int hl_period_dates(const char *from, const char *to, struct hl_period *p, struct hl_buf *err)
{
	int64_t a, b;
	if (date(from, &a, err) || date(to, &b, err))
		return -1;
	if (b < a)
		return hl_fail(err, "--to %s is before --from %s", to, from);
	set(p, a, b + 1);
	snprintf(p->label, sizeof p->label, "%.10s..%.10s", from, to);
	return 0;
}

void hl_period_last_month(int64_t now, struct hl_period *p)
{
	int64_t day;
	int minute, y, m, d;
	hl_local_day(now, &day, &minute);
	hl_civil_from_days(day, &y, &m, &d);
	if (--m == 0)
		m = 12, y--;
	char s[24];
	snprintf(s, sizeof s, "%04d-%02d", y, m);
	hl_period_month(s, p, NULL);
}

void hl_period_last_week(int64_t now, struct hl_period *p)
{
	int64_t day;
	int minute, y, w;
	hl_local_day(now, &day, &minute);
	hl_iso_week(day - 7, &y, &w);
	char s[32];
	snprintf(s, sizeof s, "%04d-W%02d", y, w);
	hl_period_week(s, p, NULL);
}

void hl_period_all(int64_t now, struct hl_period *p)
{
	p->from = INT64_MIN / 2;
	p->to = now + 1;
	snprintf(p->label, sizeof p->label, "%s", _("all time"));
}
