/* hl-escalate - SLA clocks on a business calendar, warnings and an
 * escalation ladder, for cron */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "hl/config.h"
#include "hl/escalate.h"
#include "hl/i18n.h"
#include "hl/phone.h"
#include "hl/journalfile.h"
#include "hl/version.h"
#include "hl/writer.h"

enum { OUT_CSV, OUT_YAML, OUT_TEXT, OUT_NOTIFY, OUT_XLSX };

static void usage(FILE *fp)
{
	fprintf(fp, "usage: hl-escalate [-C CONFIG] [--now TIME] [-o csv|yaml|text|notify|xlsx] [--lang zh|en] [FILE ...]\n"
		    "       hl-escalate [-C CONFIG] [--now TIME] --explain TICKET ... [FILE ...]\n");
}

static int output_format(const char *s)
{
	static const char *const names[] = {"csv", "yaml", "text", "notify", "xlsx"};
	for (int i = 0; i < 5; i++)
		if (hl_streq(s, names[i]))
			return i;
	hl_errx(HL_EXIT_ERROR, "unknown output format '%s' (csv, yaml, text, notify or xlsx)", s);
}

/* The notices as a workbook; -1 with a message on an error. */
static int write_xlsx(const struct hl_alert *a, size_t n, int64_t now, const struct hl_config *cfg)
{
	struct hl_doc doc = {0};
	struct hl_buf err = {0};
	hl_alerts_doc(a, n, now, cfg->organisation, cfg->unit, &doc);
	int rc = hl_doc_xlsx(&doc, stdout, &err);
	if (rc)
		hl_warnx("%s", err.s);
	hl_doc_free(&doc);
	hl_buf_free(&err);
	return rc;
}

static int write_records(const struct hl_alert *a, size_t n, struct hl_time now, int yaml)
{
	struct hl_writer w;
	struct hl_record r = {0};
	int rc = 0;
	hl_writer_init(&w, stdout, yaml ? HL_FMT_YAML : HL_FMT_CSV);
	for (size_t i = 0; i < n && rc == 0; i++) {
		hl_alert_record(&a[i], now, &r);
		rc = hl_writer_put(&w, &r);
	}
	hl_record_free(&r);
	hl_writer_free(&w);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'C'}, {"now", required_argument, NULL, 'n'},
		{"explain", required_argument, NULL, 'x'}, {"output", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'L'},    {"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	const char *config = NULL, *now_arg = NULL, *lang = NULL;
	/* each --explain in turn: at most one per argument */
	const char **explain = hl_xreallocarray(NULL, (size_t)argc, sizeof *explain);
	size_t nexplain = 0;
	int out = OUT_CSV, c;
	hl_setup("hl-escalate");
	while ((c = getopt_long(argc, argv, "C:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': config = optarg; break;
		case 'n': now_arg = optarg; break;
		case 'x': explain[nexplain++] = optarg; break;
		case 'o': out = output_format(optarg); break;
		case 'L': lang = optarg; break;
		case 'h': free(explain); usage(stdout); return hl_close_stdout() ? 2 : 0;
		case 'v':
			free(explain);
			puts("hl-escalate " HL_VERSION "\n" HL_COPYRIGHT);
			return hl_close_stdout() ? 2 : 0;
		default: free(explain); usage(stderr); return HL_EXIT_ERROR;
		}
	}
	struct hl_buf err = {0}, ex = {0};
	struct hl_config cfg;
	/* the tables people read (text, xlsx) in their language; the
	 * records (csv, yaml, notify) keep the journal's words */
	if (lang && !hl_streq(lang, "zh") && !hl_streq(lang, "en"))
		hl_errx(HL_EXIT_ERROR, "unknown language '%s' (zh or en)", hl_shown(lang, &err));
	if (hl_i18n_init(out == OUT_TEXT || out == OUT_XLSX ? lang : "en", &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	if (out == OUT_XLSX && !nexplain && hl_xlsx_refuse_tty(stdout, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	struct hl_time now;
	if (hl_config_load_at(config, now_arg, &cfg, &now, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	if (!nexplain && hl_journal_none_yet(argv + optind, argc - optind)) {
		/* a fresh directory: nothing late yet, nothing to mail */
		hl_config_free(&cfg);
		free(explain);
		return HL_EXIT_NONE;
	}
	struct hl_escalator *e = hl_escalator_new(&cfg, now);
	int rc = HL_EXIT_ERROR;
	if (hl_escalator_read(e, argv + optind, argc - optind, &err)) {
		hl_warnx("%s", err.s);
	} else if (nexplain) {
		/* every ticket asked for, open from the state, the others
		 * from the whole journal; one unknown makes it an error */
		rc = HL_EXIT_OK;
		for (size_t i = 0; i < nexplain; i++) {
			int found = 0;
			hl_buf_clear(&ex);
			if (!hl_escalator_explain(e, explain[i], &ex))
				found = 1;
			else if ((found = hl_explain_read(&cfg, argv + optind, argc - optind, explain[i],
							  now.t, &ex, &err)) < 0) {
				hl_warnx("%s", err.s);
				rc = HL_EXIT_ERROR;
				break;
			} else
				found = !found;
			if (!found) {
				hl_warnx("%s: no ticket of that id", explain[i]);
				rc = HL_EXIT_ERROR;
			} else if (fputs(ex.s, stdout) < 0) {
				rc = HL_EXIT_ERROR;
				break;
			}
		}
	} else {
		const struct hl_alert *a;
		size_t held, n = hl_escalator_run(e, &a, &held);
		int bad = out == OUT_TEXT ? hl_alerts_text(a, n, now.t, hl_term_width(STDOUT_FILENO),
							   hl_term_colour(STDOUT_FILENO), stdout)
			  : out == OUT_NOTIFY ? hl_alerts_notify(a, n, now.t, stdout)
			  : out == OUT_XLSX   ? write_xlsx(a, n, now.t, &cfg)
					      : write_records(a, n, now, out == OUT_YAML);
		if (held)
			hl_warnx("%zu notice%s held for the end of the quiet hours", held,
				 held == 1 ? "" : "s");
		rc = bad ? HL_EXIT_ERROR : n ? HL_EXIT_OK : HL_EXIT_NONE;
	}
	hl_escalator_free(e);
	hl_config_free(&cfg);
	hl_buf_free(&err);
	hl_buf_free(&ex);
	free(explain);
	if (hl_close_stdout())
		return HL_EXIT_ERROR;
	return rc;
}
