/* tap.h - a minimal TAP producer for the unit tests: ok lines, a plan,
 * and a non-zero exit when anything failed */
#ifndef HL_TAP_H
#define HL_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

__attribute__((format(printf, 4, 5)))
static int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	tap_count++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!cond) {
		tap_failed++;
		printf("\n#   failed at %s:%d", file, line);
	}
	putchar('\n');
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_str(got, want, ...)                                                   \
	do {                                                                     \
		const char *g_ = (got), *w_ = (want);                            \
		if (!tap_ok(g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_, __FILE__, \
			    __LINE__, __VA_ARGS__))                              \
			printf("#   got:  '%s'\n#   want: '%s'\n", g_ ? g_ : "(null)", \
			       w_ ? w_ : "(null)");                              \
	} while (0)

#define is_int(got, want, ...)                                                    \
	do {                                                                      \
		long long g_ = (long long)(got), w_ = (long long)(want);          \
		if (!tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__))           \
			printf("#   got:  %lld\n#   want: %lld\n", g_, w_);        \
	} while (0)

static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
