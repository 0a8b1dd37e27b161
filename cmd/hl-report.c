/* hl-report - the hotline's reports, for terminals, spreadsheets and print */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hl/config.h"
#include "hl/i18n.h"
#include "hl/fold.h"
#include "hl/phone.h"
#include "hl/fold.h"
#include "hl/report.h"
#include "hl/version.h"
#include "hl/categories.h"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: hl-report REPORT [--month YYYY-MM | --week YYYY-Www | --from DATE --to DATE] [--by KEYS] [-o text|csv|yaml|html|xlsx] [--columns KEYS] [--lang zh|en] [--no-bom] [--reveal-phones] [-C CONFIG] [FILE ...]\n"
		"       hl-report tickets [--open] [--dept DEPT] [--category CATEGORY] [--assignee PERSON] [--state STATE] [--place GLOB] [--grep TEXT] [--caller NAME] [--phone DIGITS] [options] [FILE ...]\n"
		"       hl-report caller PHONE [options] [FILE ...]\n"
		"       hl-report todo [--by PERSON | --dept DEPT] [-o text|csv|yaml|html|xlsx|notify] [options] [FILE ...]\n");
}

struct args {
	const char *config, *month, *week, *from, *to, *now, *by, *category, *lang, *state, *phone;
	const char *columns;
	int fmt, bom, notify;
	struct hl_report_opts o;
};

static void parse_args(int argc, char **argv, struct args *a)
{
	static const struct option longopts[] = {
		{"month", required_argument, NULL, 'M'}, {"week", required_argument, NULL, 'W'},
		{"from", required_argument, NULL, 'F'},  {"to", required_argument, NULL, 'T'},
		{"by", required_argument, NULL, 'b'},    {"output", required_argument, NULL, 'o'},
		{"bom", no_argument, NULL, 'B'},         {"no-bom", no_argument, NULL, 'N'},
		{"reveal-phones", no_argument, NULL, 'R'},
		{"config", required_argument, NULL, 'C'}, {"open", no_argument, NULL, 'O'},
		{"dept", required_argument, NULL, 'd'},  {"category", required_argument, NULL, 'c'},
		{"now", required_argument, NULL, 'n'},   {"help", no_argument, NULL, 'h'},
		{"assignee", required_argument, NULL, 'a'}, {"place", required_argument, NULL, 'p'},
		{"grep", required_argument, NULL, 'g'},  {"caller", required_argument, NULL, 'k'},
		{"phone", required_argument, NULL, 'P'}, {"state", required_argument, NULL, 's'},
		{"columns", required_argument, NULL, 'K'}, {"lang", required_argument, NULL, 'L'},
		{"version", no_argument, NULL, 'v'},     {NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "o:C:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'M': a->month = optarg; break;
		case 'W': a->week = optarg; break;
		case 'F': a->from = optarg; break;
		case 'T': a->to = optarg; break;
		case 'b': a->by = optarg; break;
		case 'o':
			a->notify = hl_streq(optarg, "notify");
			if (!a->notify && (a->fmt = hl_doc_format_parse(optarg)) < 0)
				hl_errx(HL_EXIT_ERROR, "unknown output format '%s' (text, csv, yaml, html, xlsx; notify for todo)", optarg);
			break;
		case 'a': a->o.assignee = optarg; break;
		case 'p': a->o.place = optarg; break;
		case 'g': a->o.grep = optarg; break;
		case 'k': a->o.caller = optarg; break;
		case 'P': a->phone = optarg; break;
		case 's': a->state = optarg; break;
		case 'K': a->columns = optarg; break;
		case 'B': a->bom = 1; break;
		case 'N': a->bom = 0; break;
		case 'R': a->o.reveal_phones = 1; break;
		case 'C': a->config = optarg; break;
		case 'O': a->o.open_only = 1; break;
		case 'd': a->o.dept = optarg; break;
		case 'c': a->category = optarg; break;
		case 'n': a->now = optarg; break;
		case 'L': a->lang = optarg; break;
		case 'h': usage(stdout); exit(hl_close_stdout() ? 2 : 0);
		case 'v': puts("hl-report " HL_VERSION "\n" HL_COPYRIGHT); exit(hl_close_stdout() ? 2 : 0);
		default: usage(stderr); exit(HL_EXIT_ERROR);
		}
	}
}

/* The period: what was asked, else the report's natural one. */
static int period(struct args *a, struct hl_time now, struct hl_buf *err)
{
	struct hl_period *p = &a->o.period;
	int given = !!a->month + !!a->week + !!(a->from || a->to);
	if (given > 1)
		return hl_fail(err, "give one of --month, --week, or --from and --to");
	if (a->month)
		return hl_period_month(a->month, p, err);
	if (a->week)
		return hl_period_week(a->week, p, err);
	if (a->from || a->to) {
		if (!a->from || !a->to)
			return hl_fail(err, "--from and --to go together");
		return hl_period_dates(a->from, a->to, p, err);
	}
	if (a->o.kind == HL_REP_TODO && given)
		return hl_fail(err, "todo is the work as of now: no period");
	if (a->o.kind == HL_REP_MONTHLY || a->o.kind == HL_REP_STAFF)
		hl_period_last_month(now.t, p);
	else if (a->o.kind == HL_REP_WEEKLY || a->o.kind == HL_REP_CALLS)
		hl_period_last_week(now.t, p);
	else
		hl_period_all(now.t, p);
	return 0;
}

/* The names a filter gives, checked against the configuration: a name
 * it does not know selects nothing, surely a typing error. */
static int search(struct args *a, const struct hl_config *cfg, struct hl_buf *norm,
		  struct hl_buf *err)
{
	struct hl_buf known = {0};
	int rc = 0;
	a->o.state = -1;
	if (a->o.kind == HL_REP_TODO) {
		a->o.person = a->by;
		if (!a->o.person && !a->o.dept && (a->o.person = getenv("HL_ACTOR")) && !*a->o.person)
			a->o.person = NULL;
		if (a->by && a->o.dept)
			rc = hl_fail(err, "todo: --by or --dept, not both");
		else if (!a->o.person && !a->o.dept)
			rc = hl_fail(err, "todo: whose? (--by PERSON, --dept DEPT or HL_ACTOR)");
	}
	const char *who[] = {a->o.person, a->o.assignee};
	for (int i = 0; i < 2 && !rc; i++) {
		hl_buf_clear(&known);
		if (who[i] && !hl_config_knows_person(cfg, who[i], &known))
			rc = hl_fail(err, "unknown person '%s' (%s)", hl_shown(who[i], norm), known.s);
	}
	hl_buf_clear(&known);
	if (!rc && a->o.dept && !hl_config_knows_dept(cfg, a->o.dept, &known))
		rc = hl_fail(err, "unknown department '%s' (%s)", hl_shown(a->o.dept, norm), known.s);
	if (!rc && a->state) {
		hl_buf_clear(&known);
		for (int st = HL_ST_OPEN; st <= HL_ST_LINKED; st++) {
			const char *name = hl_state_name((enum hl_state)st);
			hl_buf_printf(&known, "%s%s", known.len ? ", " : "", name);
			if (hl_streq(a->state, name))
				a->o.state = st;
		}
		if (a->o.state < 0)
			rc = hl_fail(err, "unknown state '%s' (%s)", hl_shown(a->state, norm), known.s);
	}
	if (!rc && a->phone) {
		/* digits as a phone is written: spaces, dashes, a + dropped */
		hl_buf_clear(norm);
		for (const char *p = a->phone; *p; p++)
			if (*p >= '0' && *p <= '9')
				hl_buf_addc(norm, *p);
			else if (!strchr(" -()+", *p))
				rc = hl_fail(err, "--phone: '%s' is not part of a phone number", a->phone);
		if (!rc && !norm->len)
			rc = hl_fail(err, "--phone: which digits?");
		a->o.phone_part = hl_buf_str(norm);
	}
	hl_buf_free(&known);
	return rc;
}

/* --category: a first level (all its second levels), or one second
 * level as hl-log takes it (complaint/noise, 投诉/噪音, a code). */
static int category(struct args *a, const struct hl_config *cfg, struct hl_buf *cat2,
		    struct hl_buf *err)
{
	const char *slash;
	if ((a->o.category = hl_vocab_parse(&hl_categories, a->category)) > 0)
		return 0;
	if (hl_config_category(cfg, a->category, cat2, err))
		return -1;
	slash = strchr(cat2->s, '/');
	a->o.category2 = slash + 1;
	cat2->s[slash - cat2->s] = '\0';
	a->o.category = hl_vocab_parse(&hl_categories, cat2->s);
	return 0;
}

/* The period before (month-on-month, week-on-week), built the same way
 * for the page's comparison; a journal on standard input is read once. */
static void previous(const struct args *a, const struct hl_config *cfg, char *const *files,
		     int nfiles, struct hl_doc *doc)
{
	struct hl_report_opts o = a->o;
	const struct hl_period *p = &a->o.period;
	struct hl_buf err = {0};
	for (int i = 0; i < nfiles; i++)
		if (hl_streq(files[i], "-"))
			return;
	if (a->week || (!a->month && !a->from && a->o.kind == HL_REP_WEEKLY)) {
		hl_period_last_week(p->from, &o.period);
	} else if (a->month || !a->from) {
		hl_period_last_month(p->from, &o.period);
	} else {
		o.period.from = p->from - (p->to - p->from);
		o.period.to = p->from;
		snprintf(o.period.label, sizeof o.period.label, "%s", _("the period before"));
	}
	o.explain = 0;
	struct hl_reporter *r = hl_reporter_new(cfg, &o);
	struct hl_doc *prev = hl_xcalloc(1, sizeof *prev);
	if (hl_reporter_read(r, files, nfiles, &err) == 0) {
		hl_reporter_build(r, prev);
		doc->previous = prev;
	} else {
		free(prev);
	}
	hl_reporter_free(r);
	hl_buf_free(&err);
}

int main(int argc, char **argv)
{
	struct args a = {0};
	struct hl_buf err = {0}, norm = {0}, cat2 = {0};
	struct hl_config cfg;
	struct hl_time now;
	hl_setup("hl-report");
	a.o.by[0] = -1;
	/* a CSV for a file or a pipe goes to a spreadsheet, which needs the
	 * BOM to know it is UTF-8; on a terminal it would only be noise */
	a.bom = !isatty(STDOUT_FILENO);
	parse_args(argc, argv, &a);
	if (a.lang && !hl_streq(a.lang, "zh") && !hl_streq(a.lang, "en"))
		hl_errx(HL_EXIT_ERROR, "unknown language '%s' (zh or en)", hl_shown(a.lang, &err));
	/* YAML is for programs: the journal's English words, unless asked */
	if (hl_i18n_init(a.lang ? a.lang : a.fmt == HL_DOC_YAML ? "en" : NULL, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	if (a.fmt == HL_DOC_XLSX && hl_xlsx_refuse_tty(stdout, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	argc -= optind, argv += optind;
	if (argc < 1 || (a.o.kind = hl_report_kind_parse(argv[0])) == (enum hl_report_kind)-1) {
		if (argc >= 1)
			hl_warnx("unknown report '%s' (monthly, weekly, calls, staff, tickets, caller, todo)",
				 hl_shown(argv[0], &err));
		hl_buf_free(&err);
		usage(stderr);
		return HL_EXIT_ERROR;
	}
	argc--, argv++;
	if (a.o.kind == HL_REP_CALLER) {
		if (argc < 1 || hl_phone_normalize(argv[0], &norm, &err))
			hl_errx(HL_EXIT_ERROR, "caller: %s", argc < 1 ? "which phone?" : err.s);
		a.o.phone = norm.s;
		argc--, argv++;
	}
	if (a.notify && a.o.kind != HL_REP_TODO)
		hl_errx(HL_EXIT_ERROR, "-o notify is for todo");
	if (hl_config_load_at(a.config, a.now, &cfg, &now, &err) ||
	    (a.category && category(&a, &cfg, &cat2, &err)) || period(&a, now, &err) ||
	    (a.by && a.o.kind != HL_REP_TODO && hl_report_by_parse(a.by, a.o.by, &err)) ||
	    search(&a, &cfg, &norm, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	a.o.now = now.t;
	a.o.explain = a.fmt == HL_DOC_HTML;
	struct hl_reporter *r = hl_reporter_new(&cfg, &a.o);
	struct hl_doc doc = {0};
	int rc = HL_EXIT_OK;
	if (hl_reporter_read(r, argv, argc, &err)) {
		hl_warnx("%s", err.s);
		rc = HL_EXIT_ERROR;
	} else {
		hl_reporter_build(r, &doc);
		hl_buf_clear(&err);
		if (a.fmt == HL_DOC_HTML && doc.signatures)
			previous(&a, &cfg, argv, argc, &doc);
		/* like grep: 1 when the report selected nothing */
		int none = hl_doc_empty(&doc);
		doc.width = hl_term_width(STDOUT_FILENO);
		doc.colour = hl_term_colour(STDOUT_FILENO);
		if (a.columns && hl_doc_select(&doc, a.columns, &err)) {
			hl_warnx("%s", err.s);
			rc = HL_EXIT_ERROR;
		} else if (a.notify ? hl_todo_notify(r, stdout)
			   : hl_doc_print(&doc, (enum hl_doc_format)a.fmt, a.bom, stdout, &err)) {
			if (err.len)
				hl_warnx("%s", err.s);
			rc = HL_EXIT_ERROR;
		} else if (none) {
			rc = HL_EXIT_NONE;
		}
	}
	hl_doc_free(&doc);
	hl_reporter_free(r);
	hl_config_free(&cfg);
	hl_buf_free(&err);
	hl_buf_free(&norm);
	hl_buf_free(&cat2);
	if (hl_close_stdout())
		return HL_EXIT_ERROR;
	return rc;
}
