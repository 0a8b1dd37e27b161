/* test_time.c - ISO 8601 parsing and printing, civil dates, durations */
#include <stdlib.h>
#include <time.h>

#include "hl/time.h"
#include "tap.h"

static void parse_ok(const char *in, long long t, int off, const char *out)
{
	struct hl_time tm;
	struct hl_buf err = {0}, b = {0};
	int rc = hl_time_parse(in, &tm, &err);
	ok(rc == 0, "parse %s%s%s", in, rc ? ": " : "", rc ? err.s : "");
	if (rc == 0) {
		is_int(tm.t, t, "%s epoch", in);
		is_int(tm.off, off, "%s offset", in);
		hl_time_format(tm, &b);
		is_str(b.s, out, "%s prints back", in);
	}
	hl_buf_free(&err);
	hl_buf_free(&b);
}

static void parse_bad(const char *in, const char *msg)
{
	struct hl_time tm;
	struct hl_buf err = {0};
	int rc = hl_time_parse(in, &tm, &err);
	ok(rc < 0, "refuses '%s'", in);
	is_str(err.s, msg, "message for '%s'", in);
	hl_buf_free(&err);
}

static void dur(const char *in, int unit, long long amount, const char *back)
{
	struct hl_duration d;
	struct hl_buf err = {0}, b = {0};
	int rc = hl_duration_parse(in, &d, &err);
	ok(rc == 0, "duration %s", in);
	if (rc == 0) {
		is_int(d.unit, unit, "%s unit", in);
		is_int(d.amount, amount, "%s amount", in);
		hl_duration_format(d, &b);
		is_str(b.s, back, "%s formats", in);
	}
	hl_buf_free(&err);
	hl_buf_free(&b);
}

static void dur_bad(const char *in, const char *msg)
{
	struct hl_duration d;
	struct hl_buf err = {0};
	ok(hl_duration_parse(in, &d, &err) < 0, "refuses duration '%s'", in);
	is_str(err.s, msg, "message for duration '%s'", in);
	hl_buf_free(&err);
}

int main(void)
{
	parse_ok("2026-11-03T09:14:00+08:00", 1793668440LL, 480, "2026-11-03T09:14:00+08:00");
	parse_ok("2026-11-03T01:14:00Z", 1793668440LL, 0, "2026-11-03T01:14:00+00:00");
	parse_ok("2026-11-03 09:14+0800", 1793668440LL, 480, "2026-11-03T09:14:00+08:00");
	parse_bad("2026-11-03T09:14:00.250+08",
		  "fractional seconds in '2026-11-03T09:14:00.250+08' (hl keeps whole seconds: drop the fraction)");
	parse_bad("2026-11-03T09:14:00,5+08:00",
		  "fractional seconds in '2026-11-03T09:14:00,5+08:00' (hl keeps whole seconds: drop the fraction)");
	parse_ok("2024-02-29T23:59:59-05:30", 1709270999LL, -330, "2024-02-29T23:59:59-05:30");
	parse_ok("1970-01-01T00:00:00+00:00", 0, 0, "1970-01-01T00:00:00+00:00");
	parse_bad("2026-02-30T10:00:00+08:00", "impossible date or time '2026-02-30T10:00:00+08:00'");
	parse_bad("2025-02-29T10:00:00+08:00", "impossible date or time '2025-02-29T10:00:00+08:00'");
	parse_bad("2026-11-03T24:00:00+08:00", "impossible date or time '2026-11-03T24:00:00+08:00'");
	parse_bad("2026-11-03T09:14:00", "time '2026-11-03T09:14:00' has no UTC offset (want e.g. +08:00)");
	parse_bad("2026-11-3T09:14:00+08:00", "bad time '2026-11-3T09:14:00+08:00' (want 2026-11-03T09:14:00+08:00)");
	parse_bad("yesterday", "bad time 'yesterday' (want 2026-11-03T09:14:00+08:00)");
	parse_bad("2026-11-03T09:14:00+08:00x", "bad time '2026-11-03T09:14:00+08:00x' (want 2026-11-03T09:14:00+08:00)");
	parse_bad("", "bad time '' (want 2026-11-03T09:14:00+08:00)");
	/* the journal's form is read by position, its day kept from the time
	 * before: another day, and back, and a wrong one after a right one */
	parse_ok("2026-11-04T09:14:00+08:00", 1793668440LL + 86400, 480, "2026-11-04T09:14:00+08:00");
	parse_ok("2026-11-03T09:14:00+08:00", 1793668440LL, 480, "2026-11-03T09:14:00+08:00");
	parse_bad("2026-11-03T09:14:60+08:00",
		  "leap second in '2026-11-03T09:14:60+08:00' (hl counts POSIX seconds: write :59)");
	parse_bad("2016-12-31T23:59:60Z", "leap second in '2016-12-31T23:59:60Z' (hl counts POSIX seconds: write :59)");
	parse_ok("2026-11-03T01:14:00-00:00", 1793668440LL, 0, "2026-11-03T01:14:00+00:00");
	parse_bad("2026-11-03T09:14:61+08:00", "impossible date or time '2026-11-03T09:14:61+08:00'");
	parse_bad("2026-11-03T09:14:00+24:00", "bad time '2026-11-03T09:14:00+24:00' (want 2026-11-03T09:14:00+08:00)");
	parse_bad("2026-11-0xT09:14:00+08:00", "bad time '2026-11-0xT09:14:00+08:00' (want 2026-11-03T09:14:00+08:00)");
	parse_bad("2026-11-31T09:14:00+08:00", "impossible date or time '2026-11-31T09:14:00+08:00'");
	parse_bad("1969-12-31T23:59:59+00:00", "impossible date or time '1969-12-31T23:59:59+00:00'");

	/* user times: local zone, and HH:MM meaning today */
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	struct hl_time u;
	struct hl_buf err = {0}, b = {0};
	ok(hl_time_parse_user("2026-11-03 09:14", 0, &u, &err) == 0, "local time without offset");
	hl_time_format(u, &b);
	is_str(b.s, "2026-11-03T09:14:00+08:00", "takes the zone's offset");
	hl_buf_clear(&b);
	ok(hl_time_parse_user("07:30", 1793668440LL, &u, &err) == 0, "bare HH:MM");
	hl_time_format(u, &b);
	is_str(b.s, "2026-11-03T07:30:00+08:00", "HH:MM is today in the local zone");
	hl_buf_clear(&b);
	ok(hl_time_parse_user("2026-11-03 23:59:60", 0, &u, &err) < 0, "--at refuses a leap second");
	is_str(err.s, "leap second in '2026-11-03 23:59:60' (hl counts POSIX seconds: write :59)", "and says so");
	ok(hl_time_parse_user("2026-11-03 09:14:05.5", 0, &u, &err) < 0, "--at refuses a fraction");
	is_str(err.s, "fractional seconds in '2026-11-03 09:14:05.5' (hl keeps whole seconds: drop the fraction)",
	       "and says so");
	setenv("TZ", "America/New_York", 1);
	tzset();
	ok(hl_time_parse_user("2026-07-01 12:00", 0, &u, &err) == 0, "summer time");
	is_int(u.off, -240, "daylight saving offset from TZ");
	ok(hl_time_parse_user("2026-12-01 12:00", 0, &u, &err) == 0, "winter time");
	is_int(u.off, -300, "standard offset from TZ");

	/* civil calendar round trip over four centuries of days */
	int good = 1;
	for (int64_t z = -1000; z < 146097 + 1000 && good; z++) {
		int y, m, d;
		hl_civil_from_days(z, &y, &m, &d);
		good = hl_days_from_civil(y, (unsigned)m, (unsigned)d) == z && d <= hl_days_in_month(y, m);
	}
	ok(good, "civil_from_days and days_from_civil agree over 400 years");

	dur("30m", HL_DUR_CLOCK, 1800, "30m");
	dur("24h", HL_DUR_CLOCK, 86400, "1d");
	dur("7d", HL_DUR_CLOCK, 604800, "7d");
	dur("1h30m", HL_DUR_CLOCK, 5400, "1h30m");
	dur("0m", HL_DUR_CLOCK, 0, "0m");
	dur("90s", HL_DUR_CLOCK, 90, "1m30s");
	dur("2w", HL_DUR_CLOCK, 1209600, "14d");
	dur("8bh", HL_DUR_BMIN, 480, "8bh");
	dur("1bh30bm", HL_DUR_BMIN, 90, "1bh30bm");
	dur("45bm", HL_DUR_BMIN, 45, "45bm");
	dur("2bd", HL_DUR_BDAY, 2, "2bd");
	dur_bad("-5m", "negative duration '-5m'");
	dur_bad("", "empty duration");
	dur_bad("5", "bad duration '5' (units: s m h d w, business bm bh bd)");
	dur_bad("5x", "bad duration '5x' (units: s m h d w, business bm bh bd)");
	dur_bad("m", "bad duration 'm' (want e.g. 30m, 24h, 8bh, 2bd)");
	dur_bad("1h2bh", "duration '1h2bh' mixes units that cannot be added");
	dur_bad("1bd2bd", "duration '1bd2bd' mixes units that cannot be added");
	dur_bad("99999999999d", "duration '99999999999d' is too long");
	hl_buf_free(&err);
	hl_buf_free(&b);
	return tap_done();
}
