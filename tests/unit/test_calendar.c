/* test_calendar.c - business-time arithmetic on a configured calendar */
#include <string.h>

#include "hl/config.h"
#include "tap.h"

static struct hl_config cfg;

static void deadline(const char *from, const char *dur, const char *want)
{
	struct hl_time t, r;
	struct hl_duration d;
	struct hl_buf err = {0}, out = {0};
	hl_time_parse(from, &t, &err);
	hl_duration_parse(dur, &d, &err);
	int64_t due = hl_cal_add(&cfg.cal, t.t, d, NULL);
	r = hl_time_local(due);
	hl_time_format(r, &out);
	is_str(out.s, want, "%s + %s", from, dur);
	hl_buf_free(&err);
	hl_buf_free(&out);
}

static void bad(const char *text, const char *want)
{
	struct hl_config c;
	struct hl_buf err = {0};
	ok(hl_config_load_text("h.yaml", text, strlen(text), &c, &err) < 0, "refused: %s", want);
	is_str(err.s, want, "message");
	hl_buf_free(&err);
}

int main(void)
{
	const char *text =
		"timezone: Asia/Shanghai\n"
		"calendar:\n"
		"  hours:\n"
		"    mon-fri: [\"08:00-12:00\", \"13:30-17:30\"]\n"
		"  holidays: [2026-10-12, \"2026-10-01..2026-10-07\", \"01-01\"]\n"
		"  workdays: [2026-10-10]\n";
	struct hl_buf err = {0};
	ok(hl_config_load_text("h.yaml", text, strlen(text), &cfg, &err) == 0, "calendar loads %s",
	   hl_buf_str(&err));

	/* Friday 16:30 + 2 working days, across a make-up Saturday and a
	 * holiday Monday: Saturday is day 1, Tuesday day 2 */
	deadline("2026-10-09T16:30:00+08:00", "2bd", "2026-10-13T16:30:00+08:00");
	/* the same start in business hours: 1h on Friday, 7h on Saturday */
	deadline("2026-10-09T16:30:00+08:00", "8bh", "2026-10-10T16:30:00+08:00");
	deadline("2026-10-09T16:30:00+08:00", "1bd", "2026-10-10T16:30:00+08:00");
	/* the lunch break is not working time */
	deadline("2026-11-03T11:50:00+08:00", "20bm", "2026-11-03T13:40:00+08:00");
	/* outside hours: counting starts at the next opening */
	deadline("2026-11-08T10:00:00+08:00", "30bm", "2026-11-09T08:30:00+08:00");
	deadline("2026-11-06T18:00:00+08:00", "0bh", "2026-11-09T08:00:00+08:00");
	deadline("2026-11-06T18:00:00+08:00", "1bd", "2026-11-10T08:00:00+08:00");
	/* the National Day week is skipped whole */
	deadline("2026-09-30T17:00:00+08:00", "1bh", "2026-10-08T08:30:00+08:00");
	/* a yearly holiday: New Year's Day 2027 is a Friday */
	deadline("2026-12-31T17:00:00+08:00", "1bh", "2027-01-04T08:30:00+08:00");
	/* clock time ignores the calendar */
	deadline("2026-10-09T16:30:00+08:00", "24h", "2026-10-10T16:30:00+08:00");
	deadline("2026-10-09T16:30:00+08:00", "0m", "2026-10-09T16:30:00+08:00");
	/* an exact end of hours moves to the next opening */
	deadline("2026-11-03T12:00:00+08:00", "1bm", "2026-11-03T13:31:00+08:00");
	/* times given in another offset land on the same instants */
	deadline("2026-10-09T08:30:00Z", "2bd", "2026-10-13T16:30:00+08:00");

	/* business days keep the start's seconds, as business minutes do */
	deadline("2026-11-03T10:00:30+08:00", "1bd", "2026-11-04T10:00:30+08:00");
	deadline("2026-11-03T10:00:30+08:00", "10bm", "2026-11-03T10:10:30+08:00");

	struct hl_buf ex = {0};
	struct hl_time t, u;
	/* the working time of a span: Friday 1h, the make-up Saturday 8h,
	 * Tuesday 7h (the lunch break and the holiday Monday not) */
	hl_time_parse("2026-10-09T16:30:00+08:00", &t, &err);
	hl_time_parse("2026-10-13T16:30:00+08:00", &u, &err);
	is_int(hl_cal_work(&cfg.cal, t.t, u.t), 16 * 3600, "working time Friday to Tuesday");
	is_int(hl_cal_work(&cfg.cal, u.t, t.t), 0, "none backwards");
	is_int(hl_cal_walk(&cfg.cal, t.t, 0) - t.t, 0, "no time walked: where it was");
	is_int(hl_cal_walk(&cfg.cal, t.t, 16 * 3600) - u.t, 0, "walked back to Tuesday");
	hl_time_parse("2026-10-09T16:30:00+08:00", &t, &err);
	struct hl_duration d = {HL_DUR_BDAY, 2};
	hl_cal_add(&cfg.cal, t.t, d, &ex);
	is_str(ex.s, "  2026-10-11 not a working day, skipped\n  2026-10-12 holiday, skipped\n"
		     "  2026-10-13 the deadline's working day\n", "explains the walk");
	hl_buf_free(&ex);
	hl_config_free(&cfg);

	/* in another zone the same calendar means other instants */
	const char *utc = "timezone: UTC\ncalendar: {hours: {mon-fri: [\"09:00-17:00\"]}}\n";
	ok(hl_config_load_text("u.yaml", utc, strlen(utc), &cfg, &err) == 0, "UTC calendar");
	deadline("2026-11-03T16:30:00+00:00", "1bh", "2026-11-04T09:30:00+00:00");
	hl_config_free(&cfg);
	ok(hl_config_load_text(NULL, NULL, 0, &cfg, &err) == 0, "defaults");
	is_int(cfg.cal.nhours[1], 1, "default: one span on Monday");
	is_int(cfg.cal.hours[5][0].to, 17 * 60, "default: Friday until 17:00");
	is_int(cfg.cal.nhours[6], 0, "default: Saturday free");
	hl_config_free(&cfg);

	bad("calendar: {hours: {mon: [\"08:00-12:00\", \"11:00-13:00\"]}}\n",
	    "h.yaml:1:25: overlapping hours in 'mon'");
	bad("calendar: {hours: {mon: [\"17:00-08:00\"]}}\n", "h.yaml:1:26: hours '17:00-08:00' end before they start");
	bad("calendar: {hours: {mon: [\"8-12\"]}}\n", "h.yaml:1:26: bad hours '8-12' (want e.g. 08:00-17:00)");
	bad("calendar: {hours: {mon: [\"08:00-25:00\"]}}\n", "h.yaml:1:26: bad time of day '25:00' (want HH:MM)");
	bad("calendar: {hours: {monday: [\"08:00-12:00\"]}}\n",
	    "h.yaml:1:20: bad days 'monday' (want e.g. mon-fri, sat, sun)");
	bad("calendar: {hours: {mon-fri: [], fri: []}}\n", "h.yaml:1:33: hours of a weekday in 'fri' are given twice");
	bad("calendar: {holidays: [2026-02-30]}\n", "h.yaml:1:23: bad date '2026-02-30' (want YYYY-MM-DD)");
	/* found by fuzz_config: a short date read past its end */
	bad("calendar: {holidays: [-10]}\n", "h.yaml:1:23: bad date '-10' (want YYYY-MM-DD)");
	bad("calendar: {workdays: [2026-1-1]}\n", "h.yaml:1:23: bad date '2026-1-1' (want YYYY-MM-DD)");
	bad("calendar: {holidays: [\"13-01\"]}\n", "h.yaml:1:23: bad date '13-01' (want MM-DD or YYYY-MM-DD)");
	bad("calendar: {holidays: [\"2026-10-07..2026-10-01\"]}\n",
	    "h.yaml:1:23: bad date range '2026-10-07..2026-10-01'");
	bad("calendar: {hours: {sat: [\"09:00-12:00\"]}, workdays: [2026-10-10]}\n",
	    "h.yaml:1:11: make-up workdays need workday_hours (or hours on mon)");
	bad("calendar: {weekends: []}\n", "h.yaml:1:12: unknown key 'weekends'");
	bad("calendar: {hours: {}, holidays: [2026-10-01]}\n", "h.yaml:1:11: the calendar has no working hours");
	hl_buf_free(&err);
	return tap_done();
}
