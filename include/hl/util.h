/* util.h - allocation, dynamic strings and diagnostics shared by every module */
#ifndef HL_UTIL_H
#define HL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The name diagnostics start with; set once by each command's main. */
extern const char *hl_progname;
/* What every tool does first: its name for diagnostics, and a file size
 * limit (ulimit -f) made an error that is checked, not a signal that
 * kills the tool halfway through a write (SIGXFSZ ignored). */
void hl_setup(const char *progname);

/* Allocation that cannot fail: on exhaustion print a message and exit 2,
 * because no hl tool can do anything useful half-allocated. */
void *hl_xmalloc(size_t n);
void *hl_xcalloc(size_t n, size_t size);
/* Zeroed, aligned to a 64-byte cache line: what two threads share. */
void *hl_xcalloc_lines(size_t size);
void *hl_xrealloc(void *p, size_t n);
void *hl_xreallocarray(void *p, size_t n, size_t size);
char *hl_xstrdup(const char *s);
/* A copy, or NULL for NULL. */
char *hl_xstrdup_opt(const char *s);
char *hl_xstrndup(const char *s, size_t n);

/* A growable byte string, always NUL-terminated once anything was added. */
struct hl_buf {
	char *s;
	size_t len, cap;
};

void hl_buf_reserve(struct hl_buf *b, size_t extra);
void hl_buf_add(struct hl_buf *b, const void *p, size_t n);
/* inline: writers add a byte at a time */
static inline void hl_buf_addc(struct hl_buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		hl_buf_add(b, &c, 1);
	}
}
/* v in decimal, zero-padded to width digits */
void hl_buf_add_number(struct hl_buf *b, unsigned long long v, int width);
void hl_buf_adds(struct hl_buf *b, const char *s);
void hl_buf_printf(struct hl_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void hl_buf_vprintf(struct hl_buf *b, const char *fmt, va_list ap);
void hl_buf_clear(struct hl_buf *b);
void hl_buf_free(struct hl_buf *b);
/* The contents as a C string ("" when empty, never NULL). */
const char *hl_buf_str(const struct hl_buf *b);

/* Replace the contents of err with a formatted message; returns -1 so that
 * "return hl_fail(err, ...)" reads naturally. */
int hl_fail(struct hl_buf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "hl-log: message" on stderr. */
void hl_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, then exit(status). */
void hl_errx(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Exit statuses shared by every tool: grep's convention; and hl-log's
 * own: the batch was committed, but what came after (its ids printed,
 * the commit made durable) failed, so it must not be sent again. */
enum { HL_EXIT_OK = 0, HL_EXIT_NONE = 1, HL_EXIT_ERROR = 2, HL_EXIT_COMMITTED = 3 };

/* Flush stdout and fail loudly if the write failed (full disk, closed pipe),
 * so a pipeline never mistakes lost output for success. */
int hl_close_stdout(void);

/* The hash of a C string, eight bytes a step: ids and names, no
 * adversary who gains by collisions. */
size_t hl_hash_str(const char *s);
/* FNV-1a over n bytes, continuing from h (HL_FNV_START to begin): the
 * configuration's fingerprint. */
#define HL_FNV_START 14695981039346656037ULL
uint64_t hl_fnv(uint64_t h, const void *p, size_t n);
/* A checksum of n bytes, eight at a time (the state cache's). */
uint64_t hl_sum64(const void *p, size_t n);

/* The number of elements of an array (as in BSD's <sys/param.h>). */
#ifndef nitems
#define nitems(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* String helpers */
int hl_streq(const char *a, const char *b);
int hl_strcaseeq(const char *a, const char *b);
/* Whole-string decimal integer in [min, max] (digits, optionally after a
 * minus sign: no space, no plus); returns 0 on success. */
int hl_parse_llong(const char *s, long long min, long long max, long long *out);
int hl_parse_long(const char *s, long min, long max, long *out);

#endif
