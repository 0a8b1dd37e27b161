/* utf8.h - validation and terminal display width of UTF-8 text */
#ifndef HL_UTF8_H
#define HL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes, or 0 if the sequence is invalid (overlong, surrogate, truncated). */
size_t hl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* The Chinese fast case, the one definition of it: the first byte of a
 * three-byte character that any two continuation bytes (0x80-0xbf) make
 * valid, 0xe1-0xef but 0xed (U+1000-U+FFFF: no overlong form; 0xed would
 * begin a surrogate). Chinese text and its full-width punctuation are all
 * such, so a check of them needs no decoding (with the split vouching for
 * them from its blocks: 388 M -> 308 M instructions, bench/README.md). */
#define HL_LEAD3_MIN 0xe1
#define HL_LEAD3_MAX 0xef
#define HL_LEAD3_SURROGATE 0xed
static inline int hl_utf8_lead3(unsigned char c)
{
	return c >= HL_LEAD3_MIN && c <= HL_LEAD3_MAX && c != HL_LEAD3_SURROGATE;
}
/* 1 when all n bytes are valid UTF-8, else 0 and *bad is the offset of the
 * first bad byte. */
int hl_utf8_valid(const char *s, size_t n, size_t *bad);
/* Columns a code point takes in a terminal: 2 for East Asian wide and
 * fullwidth, 0 for combining marks and controls, else 1. */
int hl_cp_width(uint32_t cp);
/* Text the journal accepts: at most HL_MAX_FIELD bytes (record.h), valid
 * UTF-8, no control characters but tab and line breaks (a NUL or a
 * terminal escape is corruption or mischief). The message names the
 * field. */
struct hl_buf;
/* 1 when the text is what hl_text_check accepts, but for its length
 * (fast: a whole line at once); 0 says nothing about where or why. */
int hl_text_clean(const char *s, size_t n);
int hl_text_check(const char *v, size_t len, const char *field, struct hl_buf *msg);
/* Columns of a valid UTF-8 string. */
size_t hl_utf8_width(const char *s);

/* Text shown to people on a terminal or handed on one record a line
 * (text reports, notify lines, --explain, error messages): the n bytes of
 * s appended to b with every character a terminal would act on, or a
 * line-based reader split at, shown as an escape of printable ASCII --
 * line feed \n, carriage return \r, tab \t, other C0 controls and DEL
 * \xHH, C1 controls (U+0080-U+009F), the line and paragraph separators
 * (U+2028, U+2029) and the bidi embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069) \uHHHH, and a byte that is not UTF-8
 * \xHH (hex in lower case). A backslash stays as it is: the escapes are
 * for reading, not for decoding (the data itself is unchanged, and CSV,
 * YAML and HTML quote it their own ways). The result is one line, its
 * display width that of its characters (hl_utf8_width). */
void hl_buf_add_visible(struct hl_buf *b, const char *s, size_t n);
/* A field of a notify line (who, phone, email, message): s shown
 * visibly, nothing when NULL, then end (a tab or the line feed). */
void hl_buf_add_field(struct hl_buf *b, const char *s, char end);
/* One line for people: formatted, made visible whole (the format's own
 * text is one line of plain text), then a line feed. */
void hl_buf_line(struct hl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s shown visibly (hl_buf_add_visible) and, when wider than width
 * columns, cut to width with an ellipsis (U+2026, one column) last. */
void hl_buf_add_cut(struct hl_buf *b, const char *s, size_t width);

/* A glob of * (any text) and ? (one character) over UTF-8 text. */
int hl_glob_match(const char *pat, const char *s);
/* Whether needle is in hay, ASCII letters in any case. */
int hl_text_has(const char *hay, const char *needle);
/* A fullwidth form at p (U+FF01-U+FF5E, typed by a Chinese input
 * method) as the ASCII character it stands for: its length in bytes (3),
 * or 0 when p is not one. p is NUL-terminated. Inline: a report
 * normalizes every record's phone through it (1 % of its instructions
 * as a call). */
static inline int hl_fullwidth_ascii(const char *s, char *ascii)
{
	/* EF BC 80+x or EF BD 80+x stand for 0x20+x or 0x60+x */
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] != 0xEF || (p[1] != 0xBC && p[1] != 0xBD) || p[2] < 0x80 || p[2] > 0xBF ||
	    (p[1] == 0xBC && p[2] == 0x80) || (p[1] == 0xBD && p[2] > 0x9E))
		return 0;
	*ascii = (char)((p[1] == 0xBC ? 0x20 : 0x60) + (p[2] - 0x80));
	return 3;
}
/* The key that tells whether two people typed the same short text (a
 * place): s appended to out without white space (ASCII's and the
 * ideographic space U+3000), each fullwidth form as its ASCII character,
 * ASCII letters in lower case; nothing else changed. "3栋 2单元",
 * "3栋２单元" and "3栋2单元" have one key. */
void hl_text_key(const char *s, struct hl_buf *out);

#endif
