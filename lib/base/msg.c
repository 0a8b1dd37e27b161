/* msg.c - the tools' messages: a warning or a fatal error on standard
 * error, after the program's name; standard output closed with its
 * error reported */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "hl/util.h"

/* A message echoes what was typed or read: shown visibly, one line, so
 * that a hostile field cannot forge a second message or drive the
 * terminal. */
static void vwarnx(const char *fmt, va_list ap)
{
	struct hl_buf m = {0}, shown = {0};
	hl_buf_vprintf(&m, fmt, ap);
	hl_buf_add_visible(&shown, hl_buf_str(&m), m.len);
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", hl_progname, hl_buf_str(&shown));
	hl_buf_free(&m);
	hl_buf_free(&shown);
}

void hl_warnx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void hl_errx(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	exit(status);
}

void hl_setup(const char *progname)
{
	hl_progname = progname;
	signal(SIGXFSZ, SIG_IGN);
}

int hl_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		hl_warnx("write error on standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}
