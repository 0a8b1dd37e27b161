/* hl-log - intake and the only writer of the journal */
#include <getopt.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hl/batch.h"
#include "hl/callimport.h"
#include "hl/config.h"
#include "hl/entry.h"
#include "hl/export.h"
#include "hl/phone.h"
#include "hl/version.h"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: hl-log [-f JOURNAL] [-C CONFIG] [--by ACTOR] [--at TIME] [--wait SECONDS] VERB ...\n"
		"       hl-log [options] append [FILE]\n"
		"       hl-log [options] export [-o csv|yaml|xlsx] [--spreadsheet] [--no-bom] [TICKET ...]\n"
		"       hl-log [options] import --asterisk|--cdr [--encoding NAME] [FILE ...]\n");
	for (const struct hl_verb *v = hl_verbs; v->name; v++)
		fprintf(fp, "       hl-log [options] %s\n", v->synopsis);
	fprintf(fp, "       hl-log --defaults | --version | --help\n");
}

static const char *actor_default(void)
{
	const char *s = getenv("HL_ACTOR");
	if (s && *s)
		return s;
	s = getlogin();
	if (s && *s)
		return s;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

static char *join_words(int argc, char **argv)
{
	struct hl_buf b = {0};
	for (int i = 0; i < argc; i++) {
		if (i)
			hl_buf_addc(&b, ' ');
		hl_buf_adds(&b, argv[i]);
	}
	return b.s;
}

static const struct option verb_longopts[] = {
	{"category", required_argument, NULL, 'c'}, {"priority", required_argument, NULL, 'p'},
	{"channel", required_argument, NULL, 'm'},  {"caller", required_argument, NULL, 'n'},
	{"phone", required_argument, NULL, 't'},    {"place", required_argument, NULL, 'l'},
	{"dept", required_argument, NULL, 'd'},     {"assignee", required_argument, NULL, 'a'},
	{"done", no_argument, NULL, 'D'},           {"verdict", required_argument, NULL, 'V'},
	{"score", required_argument, NULL, 'S'},    {NULL, 0, NULL, 0},
};

static const char *long_name(int c)
{
	for (const struct option *o = verb_longopts; o->name; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

/* Verb options into e; exits 2 on misuse. */
static void parse_verb(const struct hl_verb *v, int argc, char **argv, struct hl_entry *e)
{
	int c;
	optind = 0; /* glibc: start afresh, permuting options after operands */
	while ((c = getopt_long(argc, argv, "c:p:m:n:t:l:d:a:", verb_longopts, NULL)) != -1) {
		if (c == '?' || !strchr(v->opts, c)) {
			if (c != '?')
				hl_warnx("%s does not take --%s", v->name, long_name(c));
			fprintf(stderr, "usage: hl-log [options] %s\n", v->synopsis);
			exit(HL_EXIT_ERROR);
		}
		const char **slot[] = {
			['c'] = &e->category, ['p'] = &e->priority, ['m'] = &e->channel,
			['n'] = &e->caller,   ['t'] = &e->phone,    ['l'] = &e->place,
			['d'] = &e->dept,     ['a'] = &e->assignee, ['V'] = &e->verdict,
			['S'] = &e->score,
		};
		if (c == 'D')
			e->done = 1;
		else
			*slot[c] = optarg;
	}
	argc -= optind, argv += optind;
	if (v->needs_ticket) {
		if (argc < 1) {
			hl_warnx("%s needs a ticket", v->name);
			fprintf(stderr, "usage: hl-log [options] %s\n", v->synopsis);
			exit(HL_EXIT_ERROR);
		}
		e->ticket = argv[0];
		argc--, argv++;
	}
	e->text = argc ? join_words(argc, argv) : NULL;
}

/* The records for a spreadsheet: typed cells, formulas neutralized. */
static long export_sheet(const char *journal, int xlsx, int bom, char *const *ids, size_t nids,
			 struct hl_buf *err)
{
	struct hl_doc doc = {0};
	long n = hl_export_doc(journal, ids, nids, &doc, err);
	if (n > 0 && hl_doc_print(&doc, xlsx ? HL_DOC_XLSX : HL_DOC_CSV, bom, stdout, err)) {
		if (!err->len)
			hl_fail(err, "write error: %s", strerror(errno));
		n = -1;
	}
	hl_doc_free(&doc);
	return n;
}

/* export [-o FORMAT] [--spreadsheet] [TICKET ...]: exit 1 when no record matched */
static int export_cmd(const char *journal, int argc, char **argv)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
					     {"spreadsheet", no_argument, NULL, 's'},
					     {"no-bom", no_argument, NULL, 'N'},
					     {NULL, 0, NULL, 0}};
	static const char usage_line[] =
		"usage: hl-log [options] export [-o csv|yaml|xlsx] [--spreadsheet] [--no-bom] [TICKET ...]\n";
	int fmt = HL_FMT_CSV, c, xlsx = 0, sheet = 0, bom = !isatty(STDOUT_FILENO);
	optind = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 's') {
			sheet = 1;
		} else if (c == 'N') {
			bom = 0;
		} else if (c == 'o' && hl_streq(optarg, "xlsx")) {
			xlsx = 1;
		} else if (c != 'o' || (fmt = hl_format_parse(optarg)) < 0) {
			if (c == 'o')
				hl_warnx("unknown output format '%s' (csv, yaml or xlsx)", optarg);
			fputs(usage_line, stderr);
			return HL_EXIT_ERROR;
		}
	}
	if (sheet && fmt == HL_FMT_YAML && !xlsx) {
		hl_warnx("--spreadsheet is CSV or xlsx, not yaml");
		return HL_EXIT_ERROR;
	}
	struct hl_buf err = {0};
	if (xlsx && hl_xlsx_refuse_tty(stdout, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	long n = sheet || xlsx
		 ? export_sheet(journal, xlsx, bom, argv + optind, (size_t)(argc - optind), &err)
		 : hl_export(journal, (enum hl_format)fmt, argv + optind,
			     (size_t)(argc - optind), stdout, &err);
	if (n < 0)
		hl_warnx("%s", err.s);
	hl_buf_free(&err);
	if (hl_close_stdout() || n < 0)
		return HL_EXIT_ERROR;
	return n ? HL_EXIT_OK : HL_EXIT_NONE;
}

/* import --asterisk|--cdr [--encoding NAME] [FILE ...]: the source's calls into a batch */
static int import_args(int argc, char **argv, const struct hl_config *cfg, struct hl_batch *b,
		       struct hl_buf *err)
{
	static const struct option opts[] = {{"asterisk", no_argument, NULL, 'a'},
					     {"cdr", no_argument, NULL, 'c'},
					     {"encoding", required_argument, NULL, 'e'},
					     {NULL, 0, NULL, 0}};
	int src = -1, c;
	const char *encoding = NULL;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'e') {
			encoding = optarg;
			continue;
		}
		if (c == '?' || src >= 0) {
			if (src >= 0)
				hl_warnx("import reads one kind of log: --asterisk or --cdr");
			fprintf(stderr, "usage: hl-log [options] import --asterisk|--cdr [--encoding NAME] [FILE ...]\n");
			exit(HL_EXIT_ERROR);
		}
		src = c == 'a' ? HL_CALLS_ASTERISK : HL_CALLS_CDR;
	}
	if (src < 0) {
		hl_warnx("import needs --asterisk (a queue_log) or --cdr (a CSV export)");
		fprintf(stderr, "usage: hl-log [options] import --asterisk|--cdr [--encoding NAME] [FILE ...]\n");
		exit(HL_EXIT_ERROR);
	}
	if (encoding && src != HL_CALLS_CDR) {
		hl_warnx("--encoding is for a CSV export (--cdr); a queue_log is ASCII and UTF-8");
		exit(HL_EXIT_ERROR);
	}
	return hl_calls_import((enum hl_call_source)src, argv + optind, (size_t)(argc - optind), encoding,
			       cfg, b, err);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"file", required_argument, NULL, 'f'}, {"config", required_argument, NULL, 'C'},
		{"by", required_argument, NULL, 'b'},   {"at", required_argument, NULL, 'A'},
		{"wait", required_argument, NULL, 'w'}, {"defaults", no_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},       {"version", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	const char *journal = getenv("HL_JOURNAL"), *config = NULL, *at = NULL;
	const char *actor = actor_default();
	long wait = 60;
	int c;
	hl_setup("hl-log");
	while ((c = getopt_long(argc, argv, "+f:C:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': journal = optarg; break;
		case 'C': config = optarg; break;
		case 'b': actor = optarg; break;
		case 'A': at = optarg; break;
		case 'w':
			if (hl_parse_long(optarg, -1, 86400, &wait))
				hl_errx(HL_EXIT_ERROR, "--wait wants seconds (-1: for ever), not '%s'", optarg);
			break;
		case 'P': fputs(hl_default_config, stdout); return hl_close_stdout() ? 2 : 0;
		case 'h': usage(stdout); return hl_close_stdout() ? 2 : 0;
		case 'v': puts("hl-log " HL_VERSION); return hl_close_stdout() ? 2 : 0;
		default: usage(stderr); return HL_EXIT_ERROR;
		}
	}
	argc -= optind, argv += optind;
	if (argc < 1) {
		usage(stderr);
		return HL_EXIT_ERROR;
	}
	if (!journal || !*journal)
		journal = "hotline.csv";
	if (!*actor)
		hl_errx(HL_EXIT_ERROR, "--by wants a name");

	if (hl_streq(argv[0], "export"))
		return export_cmd(journal, argc, argv);

	struct hl_buf err = {0};
	struct hl_config cfg;
	struct hl_batch batch = {0};
	size_t known = 0;
	struct hl_commit commit = {journal, actor, {0, 0}, 0, (int)wait, stdout, NULL};
	const struct hl_verb *verb = hl_verb_find(argv[0]);
	int import = hl_streq(argv[0], "import");
	if (!verb && !import && !hl_streq(argv[0], "append")) {
		hl_warnx("unknown verb '%s'", hl_shown(argv[0], &err));
		hl_buf_free(&err);
		usage(stderr);
		return HL_EXIT_ERROR;
	}
	struct hl_entry e = {0};
	if (verb) {
		e.kind = verb->kind;
		e.at = at;
		parse_verb(verb, argc, argv, &e);
	}
	if (hl_config_load(config, &cfg, &err) || hl_time_now(&commit.now, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	int rc;
	if (verb) {
		rc = hl_entry_to_batch(&e, &cfg, &commit.now, &batch, &err);
	} else if (import) {
		if (at)
			hl_errx(HL_EXIT_ERROR, "--at is for single entries; calls carry their own time");
		commit.future_slack = 300;
		commit.calls_known = &known;
		rc = import_args(argc, argv, &cfg, &batch, &err);
	} else {
		if (at)
			hl_errx(HL_EXIT_ERROR, "--at is for single entries; records carry their own time");
		if (argc > 2)
			hl_errx(HL_EXIT_ERROR, "append reads one input (a file or -)");
		commit.future_slack = 300; /* clocks of other machines */
		rc = hl_batch_read(&batch, argc > 1 ? argv[1] : "-", &err);
	}
	/* a reader gone from the pipe is an error to report, not a signal:
	 * the batch may be committed by then */
	signal(SIGPIPE, SIG_IGN);
	if (rc == 0)
		rc = hl_batch_commit(&batch, &cfg, &commit, &err);
	if (rc)
		hl_warnx("%s", err.s);
	free((char *)e.text);
	hl_batch_free(&batch);
	hl_config_free(&cfg);
	hl_buf_free(&err);
	if (rc < 0)
		return hl_close_stdout(), HL_EXIT_ERROR;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		hl_warnx("committed; the new ids could not be printed: %s (send nothing again: "
			 "find them with hl-log export)", strerror(errno));
		return HL_EXIT_COMMITTED;
	}
	return rc ? HL_EXIT_COMMITTED : HL_EXIT_OK;
}
