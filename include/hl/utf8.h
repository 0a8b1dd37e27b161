/* utf8.h - validation and terminal display width of UTF-8 text */
#ifndef HL_UTF8_H
#define HL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes, or 0 if the sequence is invalid (overlong, surrogate, truncated). */
size_t hl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* 1 when all n bytes are valid UTF-8, else 0 and *bad is the offset of the
 * first bad byte. */
int hl_utf8_valid(const char *s, size_t n, size_t *bad);
/* Columns a code point takes in a terminal: 2 for East Asian wide and
 * fullwidth, 0 for combining marks and controls, else 1. */
int hl_cp_width(uint32_t cp);
/* Longest field: a caller's words fit many times over; a 10 MB field is
 * an accident or an attack. */
#define HL_MAX_FIELD (64 * 1024)

/* Text the journal accepts: at most HL_MAX_FIELD bytes, valid UTF-8, no control characters but tab
 * and line breaks (a NUL or a terminal escape is corruption or mischief).
 * The message names the field. */
struct hl_buf;
/* 1 when the text is what hl_text_check accepts, but for its length
 * (fast: a whole line at once); 0 says nothing about where or why. */
int hl_text_clean(const char *s, size_t n);
int hl_text_check(const char *v, size_t len, const char *field, struct hl_buf *msg);
/* Columns of a valid UTF-8 string. */
size_t hl_utf8_width(const char *s);

#endif
