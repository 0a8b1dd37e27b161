/* hl-log - intake and the only writer of the journal */
#include <getopt.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hl/batch.h"
#include "hl/callimport.h"
#include "hl/complete.h"
#include "hl/config.h"
#include "hl/entry.h"
#include "hl/export.h"
#include "hl/i18n.h"
#include "hl/journalfile.h"
#include "hl/phone.h"
#include "hl/version.h"

/* The verbs of whole files and batches, beside the entries of hl_verbs:
 * their synopsis (usage, --help, the SYNOPSIS) and what each does. */
static const struct {
	const char *name, *synopsis, *what;
} batch_verbs[] = {
	{"init", "init", "a new journal, empty"},
	{"append", "append [FILE]", "a batch of records (a file, or standard input), all or none"},
	{"export", "export [-o csv|yaml|xlsx] [--spreadsheet] [--no-bom] [TICKET ...]",
	 "the records of every ticket, or of those named"},
	{"import", "import --asterisk|--cdr [--encoding NAME] [FILE ...]",
	 "the calls of the phone system's log, each once"},
};

/* A batch verb's usage line to fp; with what, its line of --help too. */
static void batch_usage(const char *name, FILE *fp, int what)
{
	for (size_t i = 0; i < nitems(batch_verbs); i++)
		if (hl_streq(batch_verbs[i].name, name)) {
			fprintf(fp, "usage: hl-log [options] %s\n", batch_verbs[i].synopsis);
			if (what)
				fprintf(fp, "%s: %s\n", name, batch_verbs[i].what);
		}
}

static void usage(FILE *fp)
{
	fprintf(fp, "usage: hl-log [-f JOURNAL] [-C CONFIG] [--by ACTOR] [--at TIME] [--wait SECONDS] VERB ...\n");
	for (size_t i = 0; i < nitems(batch_verbs); i++)
		fprintf(fp, "       hl-log [options] %s\n", batch_verbs[i].synopsis);
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

/* The options before the verb, which may also come after it. */
static const char *journal, *config, *at, *actor;
static long wait_for = 60;
static int named, by;

/* An option that takes none of a verb's letters: a global one. */
enum { OPT_AT = 256, OPT_BY, OPT_WAIT, OPT_HELP };

static const struct option verb_longopts[] = {
	{"category", required_argument, NULL, 'c'}, {"priority", required_argument, NULL, 'p'},
	{"channel", required_argument, NULL, 'm'},  {"caller", required_argument, NULL, 'n'},
	{"phone", required_argument, NULL, 't'},    {"place", required_argument, NULL, 'l'},
	{"dept", required_argument, NULL, 'd'},     {"assignee", required_argument, NULL, 'a'},
	{"done", no_argument, NULL, 'D'},           {"verdict", required_argument, NULL, 'V'},
	{"score", required_argument, NULL, 'S'},    {"force", no_argument, NULL, 'F'},
	{"reason", required_argument, NULL, 'R'},  {"result", required_argument, NULL, 'Q'},
	{"clock", required_argument, NULL, 'K'},   {"accept", no_argument, NULL, 'Y'},
	{"reject", no_argument, NULL, 'X'},  {"to", required_argument, NULL, 'L'},
	{"file", required_argument, NULL, 'f'},     {"config", required_argument, NULL, 'C'},
	{"at", required_argument, NULL, OPT_AT},    {"by", required_argument, NULL, OPT_BY},
	{"wait", required_argument, NULL, OPT_WAIT}, {"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static const char *long_name(int c)
{
	for (const struct option *o = verb_longopts; o->name; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

static void set_wait(const char *s)
{
	if (hl_parse_long(s, -1, 86400, &wait_for))
		hl_errx(HL_EXIT_ERROR, "--wait wants seconds (-1: for ever), not '%s'", s);
}

/* An option getopt did not take (opterr off): said once, with the
 * nearest known one. */
static void bad_option(int c, const char *typed, int optc, const struct option *known)
{
	struct hl_buf m = {0};
	const char *names[64];
	size_t n = 0;
	if (!(typed[0] == '-' && typed[1] == '-')) {
		if (c == ':')
			hl_warnx("option -%c wants a value", optc);
		else
			hl_warnx("unknown option -%c", optc);
		return;
	}
	const char *eq = strchr(typed, '=');
	size_t len = eq ? (size_t)(eq - typed) : strlen(typed);
	char *name = hl_xstrndup(typed + 2, len - 2);
	for (const struct option *o = known; o->name && n + 1 < sizeof names / sizeof names[0]; o++) {
		if (hl_streq(o->name, name) && o->has_arg == required_argument) {
			hl_warnx("--%s wants a value", name);
			free(name);
			return;
		}
		names[n++] = o->name;
	}
	names[n] = NULL;
	const char *near = hl_did_you_mean(name, names);
	const char *shown = hl_shown(typed, &m);
	if (near)
		hl_warnx("unknown option '%s' (did you mean --%s?)", shown, near);
	else
		hl_warnx("unknown option '%s'", shown);
	hl_buf_free(&m);
	free(name);
}

static void verb_usage(const struct hl_verb *v, FILE *fp)
{
	fprintf(fp, "usage: hl-log [options] %s\n", v->synopsis);
}

/* Verb options into e, and the global ones wherever they come (open
 * ... --at 09:00); exits 2 on misuse, 0 after VERB --help. */
static void parse_verb(const struct hl_verb *v, int argc, char **argv, struct hl_entry *e)
{
	int c;
	optind = 0; /* glibc: start afresh, permuting options after operands */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:p:m:n:t:l:d:a:f:C:", verb_longopts, NULL)) != -1) {
		switch (c) {
		case 'f': journal = optarg, named = 1; continue;
		case 'C': config = optarg; continue;
		case OPT_AT: at = optarg; continue;
		case OPT_BY:
			/* after extend's ticket, --by is the time asked for */
			if (v->kind == HL_EV_EXTEND)
				e->more = optarg;
			else
				actor = optarg, by = 1;
			continue;
		case OPT_WAIT: set_wait(optarg); continue;
		case OPT_HELP:
			verb_usage(v, stdout);
			printf("%s: %s\n", v->name, v->help);
			exit(hl_close_stdout() ? HL_EXIT_ERROR : HL_EXIT_OK);
		default: break;
		}
		if (c == '?' || c == ':' || !strchr(v->opts, c)) {
			if (c == '?' || c == ':')
				bad_option(c, argv[optind - 1], optopt, verb_longopts);
			else
				hl_warnx("%s does not take --%s", v->name, long_name(c));
			verb_usage(v, stderr);
			exit(HL_EXIT_ERROR);
		}
		const char **slot[] = {
			['c'] = &e->category, ['p'] = &e->priority, ['m'] = &e->channel,
			['n'] = &e->caller,   ['t'] = &e->phone,    ['l'] = &e->place,
			['d'] = &e->dept,     ['a'] = &e->assignee, ['V'] = &e->verdict,
			['S'] = &e->score,    ['R'] = &e->reason,   ['Q'] = &e->result,
			['K'] = &e->clock,    ['L'] = &e->master,
		};
		if (c == 'D')
			e->done = 1;
		else if (c == 'F')
			e->force = 1;
		else if (c == 'Y')
			e->accept = 1;
		else if (c == 'X')
			e->reject = 1;
		else
			*slot[c] = optarg;
	}
	argc -= optind, argv += optind;
	if (v->needs_ticket) {
		if (argc < 1) {
			hl_warnx("%s needs a ticket", v->name);
			verb_usage(v, stderr);
			exit(HL_EXIT_ERROR);
		}
		e->ticket = argv[0];
		argc--, argv++;
		e->second = argc ? argv[0] : NULL;
	}
	e->text = argc ? join_words(argc, argv) : NULL;
}

/* The records for a spreadsheet: typed cells, formulas neutralized. */
static long export_sheet(const char *path, int xlsx, int bom, char *const *ids, size_t nids,
			 struct hl_buf *err)
{
	struct hl_doc doc = {0};
	hl_i18n_init(NULL, err); /* the headers in the user's language */
	long n = hl_export_doc(path, ids, nids, &doc, err);
	if (n > 0 && hl_doc_print(&doc, xlsx ? HL_DOC_XLSX : HL_DOC_CSV, bom, stdout, err)) {
		if (!err->len)
			hl_fail(err, "write error: %s", strerror(errno));
		n = -1;
	}
	hl_doc_free(&doc);
	return n;
}

static const struct option export_opts[] = {
	{"output", required_argument, NULL, 'o'}, {"spreadsheet", no_argument, NULL, 's'},
	{"no-bom", no_argument, NULL, 'N'},       {"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* The tickets as typed (today's 15, hl-20261103-15) made whole, as the
 * verbs take them: the configuration's prefix and digits, today's date. */
static char **whole_ids(char *const *typed, size_t n)
{
	struct hl_config cfg;
	struct hl_time now;
	struct hl_buf err = {0}, id = {0};
	if (hl_config_load(config, &cfg, &err) || hl_time_now(&now, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	char **ids = hl_xcalloc(n + 1, sizeof *ids);
	for (size_t i = 0; i < n; i++) {
		hl_entry_ticket(typed[i], &cfg, &now, &id);
		ids[i] = hl_xstrdup(hl_buf_str(&id));
	}
	hl_buf_free(&id);
	hl_buf_free(&err);
	hl_config_free(&cfg);
	return ids;
}

/* export [-o FORMAT] [--spreadsheet] [TICKET ...]: exit 1 when no record matched */
static int export_cmd(const char *path, int argc, char **argv)
{
	const struct option *opts = export_opts;
	int fmt = HL_FMT_CSV, c, xlsx = 0, sheet = 0, bom = !isatty(STDOUT_FILENO);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		if (c == 'h') {
			batch_usage("export", stdout, 1); /* as VERB --help */
			return hl_close_stdout() ? HL_EXIT_ERROR : HL_EXIT_OK;
		} else if (c == '?' || c == ':') {
			bad_option(c, argv[optind - 1], optopt, opts);
			batch_usage("export", stderr, 0);
			return HL_EXIT_ERROR;
		} else if (c == 's') {
			sheet = 1;
		} else if (c == 'N') {
			bom = 0;
		} else if (c == 'o' && hl_streq(optarg, "xlsx")) {
			xlsx = 1;
		} else if (c != 'o' || (fmt = hl_format_parse(optarg)) < 0) {
			if (c == 'o')
				hl_warnx("unknown output format '%s' (csv, yaml or xlsx)", optarg);
			batch_usage("export", stderr, 0);
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
	size_t nids = (size_t)(argc - optind);
	char **ids = nids ? whole_ids(argv + optind, nids) : NULL;
	long n = sheet || xlsx ? export_sheet(path, xlsx, bom, ids, nids, &err)
			       : hl_export(path, (enum hl_format)fmt, ids, nids, stdout, &err);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	if (n < 0)
		hl_warnx("%s", err.s);
	hl_buf_free(&err);
	if (hl_close_stdout() || n < 0)
		return HL_EXIT_ERROR;
	return n ? HL_EXIT_OK : HL_EXIT_NONE;
}

/* init: a new journal, its header committed; exit 1 when there is one */
static int init_cmd(const char *path, int argc, int wait)
{
	struct hl_buf err = {0};
	if (argc > 1) {
		batch_usage("init", stderr, 0);
		return HL_EXIT_ERROR;
	}
	int rc = hl_journal_create(path, wait, &err);
	if (rc)
		hl_warnx("%s", err.s);
	hl_buf_free(&err);
	return rc < 0 ? HL_EXIT_ERROR : rc == 1 ? HL_EXIT_NONE : rc ? HL_EXIT_COMMITTED : HL_EXIT_OK;
}

/* Whether path is missing (and nothing else wrong with it). */
static int no_such_file(const char *path)
{
	struct stat st;
	return stat(path, &st) < 0 && errno == ENOENT;
}

static const struct option import_opts[] = {
	{"asterisk", no_argument, NULL, 'a'},
	{"cdr", no_argument, NULL, 'c'},
	{"encoding", required_argument, NULL, 'e'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* import --asterisk|--cdr [--encoding NAME] [FILE ...]: the source's calls into a batch */
static int import_args(int argc, char **argv, const struct hl_config *cfg, struct hl_batch *b,
		       struct hl_buf *err)
{
	const struct option *opts = import_opts;
	int src = -1, c;
	const char *encoding = NULL;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'e') {
			encoding = optarg;
			continue;
		}
		if (c == 'h') { /* as VERB --help */
			batch_usage("import", stdout, 1);
			exit(hl_close_stdout() ? HL_EXIT_ERROR : HL_EXIT_OK);
		}
		if (c == '?' || c == ':' || src >= 0) {
			if (c == '?' || c == ':')
				bad_option(c, argv[optind - 1], optopt, opts);
			else if (src >= 0)
				hl_warnx("import reads one kind of log: --asterisk or --cdr");
			batch_usage("import", stderr, 0);
			exit(HL_EXIT_ERROR);
		}
		src = c == 'a' ? HL_CALLS_ASTERISK : HL_CALLS_CDR;
	}
	if (src < 0) {
		hl_warnx("import needs --asterisk (a queue_log) or --cdr (a CSV export)");
		batch_usage("import", stderr, 0);
		exit(HL_EXIT_ERROR);
	}
	if (encoding && src != HL_CALLS_CDR) {
		hl_warnx("--encoding is for a CSV export (--cdr); a queue_log is ASCII and UTF-8");
		exit(HL_EXIT_ERROR);
	}
	return hl_calls_import((enum hl_call_source)src, argv + optind, (size_t)(argc - optind), encoding,
			       cfg, b, err);
}

/* The options before the verb; --complete is for the shells'
 * completion (hl-log(1), COMPLETION), not in the usage. */
static const struct option global_opts[] = {
	{"file", required_argument, NULL, 'f'}, {"config", required_argument, NULL, 'C'},
	{"by", required_argument, NULL, 'b'},   {"at", required_argument, NULL, 'A'},
	{"wait", required_argument, NULL, 'w'}, {"defaults", no_argument, NULL, 'P'},
	{"help", no_argument, NULL, 'h'},       {"version", no_argument, NULL, 'v'},
	{"complete", required_argument, NULL, 'K'},
	{NULL, 0, NULL, 0},
};

/* Every verb, the batch ones first, into names (NULL-ended, cap with it). */
static void verb_names(const char **names, size_t cap)
{
	size_t n = 0;
	for (; n < nitems(batch_verbs) && n + 1 < cap; n++)
		names[n] = batch_verbs[n].name;
	for (const struct hl_verb *v = hl_verbs; v->name && n + 1 < cap; v++)
		names[n++] = v->name;
	names[n] = NULL;
}

/* Prints the options of table o (those verb v takes, when given),
 * "--name" and, when shorts has its letter, "-x" too; the number printed. */
static int print_options(const struct option *o, const char *shorts, const struct hl_verb *v)
{
	int n = 0;
	for (; o->name; o++) {
		/* a verb's: its own letters and the global ones */
		if (v && o->val < 256 && o->val != 'f' && o->val != 'C' && !strchr(v->opts, o->val))
			continue;
		if (o->val == 'K')
			continue; /* --complete itself stays out of sight */
		if (o->val < 256 && o->val != ':' && strchr(shorts, o->val))
			printf("-%c\n", o->val), n++;
		printf("--%s\n", o->name), n++;
	}
	return n;
}

/* --complete WHAT [VERB]: the words a shell offers, one a line (exit 1:
 * none). The verbs and options are this file's; the rest, lib's. */
static int complete_cmd(const char *what, int argc, char **argv)
{
	int n = 0;
	if (hl_streq(what, "verbs")) {
		const char *names[64];
		verb_names(names, nitems(names));
		for (; names[n]; n++)
			printf("%s\n", names[n]);
	} else if (hl_streq(what, "options")) {
		const struct hl_verb *v = argc ? hl_verb_find(argv[0]) : NULL;
		if (!argc)
			n = print_options(global_opts, "fCh", NULL);
		else if (v)
			n = print_options(verb_longopts, "cpmntldafC", v);
		else if (hl_streq(argv[0], "export"))
			n = print_options(export_opts, "o", NULL);
		else if (hl_streq(argv[0], "import"))
			n = print_options(import_opts, "", NULL);
	} else {
		int rc = hl_complete(what, config, journal, stdout);
		if (rc < 0) {
			struct hl_buf kinds = {0}, shown = {0};
			for (size_t i = 0; hl_complete_kind(i); i++)
				hl_buf_printf(&kinds, ", %s", hl_complete_kind(i));
			hl_warnx("--complete: no words of kind '%s' (verbs, options%s)",
				 hl_shown(what, &shown), kinds.s);
			hl_buf_free(&kinds);
			hl_buf_free(&shown);
			return HL_EXIT_ERROR;
		}
		n = rc == 0;
	}
	if (hl_close_stdout())
		return HL_EXIT_ERROR;
	return n ? HL_EXIT_OK : HL_EXIT_NONE;
}

int main(int argc, char **argv)
{
	const struct option *longopts = global_opts;
	const char *complete = NULL;
	int c;
	journal = getenv("HL_JOURNAL");
	named = journal && *journal;
	actor = actor_default();
	hl_setup("hl-log");
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:f:C:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': journal = optarg, named = 1; break;
		case 'C': config = optarg; break;
		case 'b': actor = optarg, by = 1; break;
		case 'A': at = optarg; break;
		case 'w': set_wait(optarg); break;
		case 'P': fputs(hl_default_config, stdout); return hl_close_stdout() ? 2 : 0;
		case 'h': usage(stdout); return hl_close_stdout() ? 2 : 0;
		case 'v': puts("hl-log " HL_VERSION "\n" HL_COPYRIGHT); return hl_close_stdout() ? 2 : 0;
		case 'K': complete = optarg; break;
		default:
			bad_option(c, argv[optind - 1], optopt, longopts);
			usage(stderr);
			return HL_EXIT_ERROR;
		}
	}
	argc -= optind, argv += optind;
	if (complete)
		return complete_cmd(complete, argc, argv);
	if (argc < 1) {
		usage(stderr);
		return HL_EXIT_ERROR;
	}
	if (argc == 2 && hl_streq(argv[1], "--help") &&
	    (hl_streq(argv[0], "init") || hl_streq(argv[0], "append"))) {
		batch_usage(argv[0], stdout, 1); /* as VERB --help */
		return hl_close_stdout() ? HL_EXIT_ERROR : HL_EXIT_OK;
	}
	if (hl_streq(argv[0], "export"))
		return export_cmd(journal && *journal ? journal : "hotline.csv", argc, argv);

	struct hl_buf err = {0};
	struct hl_config cfg;
	struct hl_batch batch = {0};
	size_t known = 0;
	const struct hl_verb *verb = hl_verb_find(argv[0]);
	int import = hl_streq(argv[0], "import");
	if (!verb && !import && !hl_streq(argv[0], "append") && !hl_streq(argv[0], "init")) {
		const char *names[64];
		verb_names(names, nitems(names));
		const char *near = hl_did_you_mean(argv[0], names);
		if (near) {
			hl_warnx("unknown verb '%s' (did you mean %s?)", hl_shown(argv[0], &err), near);
		} else {
			hl_warnx("unknown verb '%s'", hl_shown(argv[0], &err));
			usage(stderr);
		}
		hl_buf_free(&err);
		return HL_EXIT_ERROR;
	}
	struct hl_entry e = {0};
	if (verb) {
		e.kind = verb->kind;
		parse_verb(verb, argc, argv, &e);
		e.at = at;
	}
	if (!journal || !*journal)
		journal = "hotline.csv";
	if (!*actor)
		hl_errx(HL_EXIT_ERROR, "--by wants a name");
	if (hl_streq(argv[0], "init"))
		return init_cmd(journal, argc, (int)wait_for);
	struct hl_commit commit = {.journal = journal, .actor = actor, .wait_seconds = (int)wait_for,
				  .ids_out = stdout, .must_exist = !named};
	if (hl_config_load(config, &cfg, &err) || hl_time_now(&commit.now, &err))
		hl_errx(HL_EXIT_ERROR, "%s", err.s);
	if (verb && by && cfg.nstaff && !hl_config_person(&cfg, actor))
		hl_warnx("warning: --by %s: not on the staff list of %s", hl_shown(actor, &err),
			 cfg.source);
	hl_buf_clear(&err);
	int rc;
	if (verb && verb->needs_ticket && no_such_file(journal)) {
		/* not "unknown ticket": the journal is the one wrong */
		rc = hl_fail(&err, "%s: no such journal", journal);
	} else if (verb) {
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
		rc = 0;
	}
	/* a reader gone from the pipe is an error to report, not a signal:
	 * the batch may be committed by then */
	signal(SIGPIPE, SIG_IGN);
	/* no journal made by a command typed in the wrong directory */
	if (rc == 0 && !verb && !import)
		rc = hl_batch_append(argc > 1 ? argv[1] : "-", &cfg, &commit, &err);
	else if (rc == 0)
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
