/* i18n.c - the reports' language through GNU gettext, each label looked
 * up once */
#include <libintl.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "hl/i18n.h"

#ifndef HL_LOCALEDIR
#define HL_LOCALEDIR "/usr/local/share/locale"
#endif

static int chinese;

/* Labels already looked up, by the address of their msgid. */
#define SLOTS 1024
static struct {
	const char *id, *text;
} cache[SLOTS];
static size_t cached;

static int c_locale(const char *loc)
{
	return !strcmp(loc, "C") || !strcmp(loc, "POSIX") || !strncmp(loc, "C.", 2);
}

/* The language the environment asks for, as gettext would read it. */
static int env_wants_chinese(void)
{
	const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *loc = NULL, *language = getenv("LANGUAGE");
	for (size_t i = 0; i < 3 && !loc; i++)
		if ((loc = getenv(names[i])) && !*loc)
			loc = NULL;
	if (!loc || c_locale(loc))
		return 0; /* gettext too ignores LANGUAGE in the C locale */
	for (const char *p = language; p && *p; p += strcspn(p, ":"), p += *p == ':') {
		if (!strncmp(p, "zh", 2))
			return 1;
		if (!strncmp(p, "en", 2))
			return 0;
	}
	return !strncmp(loc, "zh", 2);
}

static int has_catalogue(const char *dir)
{
	struct hl_buf path = {0};
	struct stat st;
	hl_buf_printf(&path, "%s/zh_CN/LC_MESSAGES/" HL_TEXTDOMAIN ".mo", dir);
	int yes = stat(path.s, &st) == 0;
	hl_buf_free(&path);
	return yes;
}

/* $HL_LOCALEDIR, else ../locale beside the program when it has the
 * catalogue (build/bin/hl-report and build/locale), else the installed
 * one. */
static void locale_dir(struct hl_buf *out)
{
	const char *env = getenv("HL_LOCALEDIR");
	char exe[4096];
	ssize_t n;
	if (env && *env) {
		hl_buf_adds(out, env);
		return;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			hl_buf_printf(out, "%s/../locale", exe);
			if (has_catalogue(out->s))
				return;
			hl_buf_clear(out);
		}
	}
	hl_buf_adds(out, HL_LOCALEDIR);
}

/* The locale LC_MESSAGES is set to while a label is looked up: gettext
 * translates only outside the C locale, and only into a locale the
 * system has; when zh_CN.UTF-8 is not installed, a UTF-8 C locale lets
 * LANGUAGE name the catalogue. Between look-ups LC_MESSAGES is C again,
 * so that the C library's own messages (strerror) stay as hl's are. */
static char *messages;

static int find_messages_locale(void)
{
	static const char *const fallback[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	const char *got = setlocale(LC_MESSAGES, "");
	if (!got || !strcmp(got, "C") || !strcmp(got, "POSIX"))
		for (size_t i = 0; i < 3 && !(got = setlocale(LC_MESSAGES, fallback[i])); i++)
			;
	free(messages);
	messages = got ? hl_xstrdup(got) : NULL;
	setlocale(LC_MESSAGES, "C");
	return got ? 0 : -1;
}

/* msgid in the catalogue, the environment as it was before and after. */
static const char *lookup(const char *msgid)
{
	const char *was = getenv("LANGUAGE");
	char *language = was ? hl_xstrdup(was) : NULL;
	const char *text = msgid;
	if (setlocale(LC_MESSAGES, messages) && setenv("LANGUAGE", "zh_CN", 1) == 0)
		text = dgettext(HL_TEXTDOMAIN, msgid);
	if (language)
		setenv("LANGUAGE", language, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, "C");
	free(language);
	return text;
}

int hl_i18n_init(const char *lang, struct hl_buf *err)
{
	struct hl_buf dir = {0};
	if (lang && !hl_streq(lang, "zh") && !hl_streq(lang, "en"))
		return hl_fail(err, "unknown language (zh or en)");
	chinese = lang ? hl_streq(lang, "zh") : env_wants_chinese();
	memset(cache, 0, sizeof cache);
	cached = 0;
	if (!chinese)
		return 0;
	locale_dir(&dir);
	if (find_messages_locale() || !bindtextdomain(HL_TEXTDOMAIN, dir.s) ||
	    !bind_textdomain_codeset(HL_TEXTDOMAIN, "UTF-8")) {
		hl_warnx("cannot select the Chinese message catalogue: English reports");
		chinese = 0;
	} else if (!strcmp(lookup("Total"), "Total")) {
		hl_warnx("no Chinese message catalogue in %s (zh_CN/LC_MESSAGES/%s.mo): English reports",
			 dir.s, HL_TEXTDOMAIN);
		chinese = 0;
	}
	hl_buf_free(&dir);
	return 0;
}

const char *hl_i18n_lang(void)
{
	return chinese ? "zh" : "en";
}

static size_t slot_of(const char *id)
{
	uint64_t h = (uint64_t)(uintptr_t)id * 0x9E3779B97F4A7C15u;
	return (size_t)(h >> 54) % SLOTS;
}

const char *hl_tr(const char *msgid)
{
	size_t at = slot_of(msgid);
	while (cache[at].id && cache[at].id != msgid)
		at = (at + 1) % SLOTS;
	if (cache[at].id)
		return cache[at].text;
	const char *text = chinese ? lookup(msgid) : msgid;
	if (text == msgid) { /* untranslated: the English, without its context */
		const char *eot = strchr(msgid, '\004');
		text = eot ? eot + 1 : msgid;
	}
	if (cached + 1 < SLOTS / 2) { /* more labels than that: looked up each time */
		cache[at].id = msgid, cache[at].text = text;
		cached++;
	}
	return text;
}
