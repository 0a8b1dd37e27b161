/* hl-route - dispatch open tickets by rules, rosters and fair rotation */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "hl/config.h"
#include "hl/i18n.h"
#include "hl/journalfile.h"
#include "hl/phone.h"
#include "hl/route.h"
#include "hl/version.h"
#include "hl/writer.h"

static void usage(FILE *fp)
{
	fprintf(fp, "usage: hl-route [-C CONFIG] [--now TIME] [--explain] [--lang zh|en] [-o csv|yaml] [FILE ...]\n");
}

static int emit(const struct hl_record *r, void *arg)
{
	return hl_writer_put(arg, r);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'C'}, {"now", required_argument, NULL, 'n'},
		{"explain", no_argument, NULL, 'x'},      {"output", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'L'},   {"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	const char *config = NULL, *now_arg = NULL, *lang = NULL;
	int explain = 0, fmt = HL_FMT_CSV, c;
	hl_setup("hl-route");
	setlocale(LC_CTYPE, "C.UTF-8"); /* globs match characters, not bytes */
	while ((c = getopt_long(argc, argv, "C:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': config = optarg; break;
		case 'n': now_arg = optarg; break;
		case 'x': explain = 1; break;
		case 'L': lang = optarg; break;
		case 'o':
			if ((fmt = hl_format_parse(optarg)) < 0)
				hl_errx(HL_EXIT_ERROR, "unknown output format '%s' (csv or yaml)", optarg);
			break;
		case 'h': usage(stdout); return hl_close_stdout() ? 2 : 0;
		case 'v': puts("hl-route " HL_VERSION "\n" HL_COPYRIGHT); return hl_close_stdout() ? 2 : 0;
		default: usage(stderr); return HL_EXIT_ERROR;
		}
	}
	struct hl_buf err = {0}, ex = {0};
	struct hl_config cfg;
	struct hl_time now;
	if (lang && !hl_streq(lang, "zh") && !hl_streq(lang, "en"))
		hl_errx(HL_EXIT_ERROR, "unknown language '%s' (zh or en)", hl_shown(lang, &err));
	if (hl_config_load_at(config, now_arg, &cfg, &now, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	/* --explain's labels in the user's language (--lang, else the
	 * environment's); the records keep the journal's words */
	if (explain)
		hl_i18n_init(lang, &err);
	if (hl_journal_none_yet(argv + optind, argc - optind)) {
		/* a fresh directory: nothing to route yet, and nothing for a
		 * cron job to mail */
		hl_config_free(&cfg);
		return HL_EXIT_NONE;
	}
	if (!cfg.routes || !cfg.routes->n)
		hl_warnx("%s has no routes: only reopened tickets go back to their department",
			 cfg.source);
	struct hl_router *rt = hl_router_new(&cfg, now);
	struct hl_writer w;
	hl_writer_init(&w, stdout, (enum hl_format)fmt);
	long routed = -1;
	if (hl_router_read(rt, argv + optind, argc - optind, &err) == 0) {
		routed = hl_router_run(rt, emit, &w, explain ? &ex : NULL);
		if (routed < 0)
			hl_fail(&err, "write error on standard output");
	}
	if (ex.len) {
		fflush(stdout);
		fputs(ex.s, stderr);
	}
	if (routed < 0)
		hl_warnx("%s", err.s);
	hl_writer_free(&w);
	hl_router_free(rt);
	hl_config_free(&cfg);
	hl_buf_free(&err);
	hl_buf_free(&ex);
	if (hl_close_stdout() || routed < 0)
		return HL_EXIT_ERROR;
	return routed ? HL_EXIT_OK : HL_EXIT_NONE;
}
