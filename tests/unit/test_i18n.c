/* test_i18n.c - the reports' labels: each word of the journal's
 * vocabularies has its label, in English as the journal writes it and
 * in Chinese from the catalogue the build made (build/locale) */
#include <stdlib.h>
#include <string.h>

#include "io/doc_priv.h"
#include "hl/i18n.h"
#include "model/words.h"
#include "tap.h"

/* The label without its context: what English shows. */
static const char *bare(const char *msgid)
{
	const char *eot = msgid ? strchr(msgid, '\004') : NULL;
	return eot ? eot + 1 : msgid;
}

static void vocabulary(const struct hl_vocab *v)
{
	int good = 1;
	for (size_t i = 0; i < v->nwords; i++) {
		int value = v->words[i].value;
		const char *name = hl_vocab_name(v, value);
		if (!hl_word_msgid(v, value) || strcmp(bare(hl_word_msgid(v, value)), name)) {
			printf("# %s %d: label %s, word %s\n", v->what, value,
			       bare(hl_word_msgid(v, value)) ? bare(hl_word_msgid(v, value)) : "(none)", name);
			good = 0;
		}
	}
	ok(good, "every %s has its label, the journal's word", v->what);
}

int main(void)
{
	struct hl_buf err = {0}, b = {0};
	ok(hl_i18n_init("en", &err) == 0 && !strcmp(hl_i18n_lang(), "en"), "--lang en");
	vocabulary(&hl_categories);
	vocabulary(&hl_channels);
	vocabulary(&hl_priorities);
	vocabulary(&hl_verdicts);
	vocabulary(&hl_outcomes);
	int good = 1;
	for (int s = HL_ST_OPEN; s <= HL_ST_CALLED_BACK; s++)
		good &= !strcmp(hl_state_label((enum hl_state)s), hl_state_name((enum hl_state)s));
	ok(good, "every state has its label, the journal's word");
	good = 1;
	for (int c = 0; c < HL_NCLOCKS; c++)
		good &= !strcmp(hl_clock_label(c), hl_clock_names[c]);
	ok(good, "every clock has its label, the journal's word");
	is_str(hl_word_label(&hl_channels, 0), "", "no channel: no label");
	is_str(_(NC_("category", "repair")), "repair", "English: the context dropped");
	hl_span_show(97200 + 60, &b);
	is_str(hl_buf_str(&b), "1d3h1m", "English: a span");

	ok(hl_i18n_init("fr", &err) == -1, "an unknown language refused");
	unsetenv("LANGUAGE");
	ok(hl_i18n_init("zh", &err) == 0 && !strcmp(hl_i18n_lang(), "zh"),
	   "--lang zh: the catalogue found beside the build, with or without a zh_CN locale");
	is_str(_(NC_("category", "repair")), "报修", "Chinese: a category");
	is_str(hl_state_label(HL_ST_ACKED), "已签收", "Chinese: a state");
	is_str(hl_clock_label(HL_CLK_CALLBACK), "回拨", "Chinese: a clock");
	is_str(_("Total"), "合计", "Chinese: the totals row");
	const char *first = _("Total");
	ok(_("Total") == first, "a label looked up once, then kept");
	hl_buf_clear(&b);
	hl_span_show(97200 + 60, &b);
	is_str(hl_buf_str(&b), "1天3小时1分", "Chinese: a span");
	hl_buf_clear(&b);
	hl_cell_show(HL_CELL_CLOCK, "due 2026-11-05 09:00", &b);
	is_str(hl_buf_str(&b), "到期 11-05 09:00", "Chinese: a deadline to come");

	setenv("HL_LOCALEDIR", "/nonexistent", 1);
	ok(hl_i18n_init("zh", &err) == 0 && !strcmp(hl_i18n_lang(), "en"),
	   "no catalogue: English, with a warning");
	is_str(_("Total"), "Total", "and English labels");
	unsetenv("HL_LOCALEDIR");

	/* the environment, as gettext reads it */
	const char *envs[] = {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"};
	struct {
		const char *v[4], *want, *name;
	} cases[] = {
		{{NULL, NULL, "zh_CN.UTF-8", NULL}, "zh", "LANG=zh_CN.UTF-8"},
		{{NULL, "zh_CN.UTF-8", "C", NULL}, "zh", "LC_MESSAGES before LANG"},
		{{"C", "zh_CN.UTF-8", NULL, NULL}, "en", "LC_ALL before LC_MESSAGES"},
		{{NULL, NULL, "C.UTF-8", "zh_CN"}, "en", "LANGUAGE ignored in the C locale"},
		{{NULL, NULL, "en_US.UTF-8", "zh_CN:en"}, "zh", "LANGUAGE before LANG"},
		{{NULL, NULL, NULL, NULL}, "en", "nothing set: English"},
		{{NULL, NULL, "zh_TW.UTF-8", NULL}, "zh", "any Chinese: the catalogue there is"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (int k = 0; k < 4; k++)
			if (cases[i].v[k])
				setenv(envs[k], cases[i].v[k], 1);
			else
				unsetenv(envs[k]);
		hl_i18n_init(NULL, &err);
		is_str(hl_i18n_lang(), cases[i].want, "%s", cases[i].name);
	}
	hl_buf_free(&err);
	hl_buf_free(&b);
	return tap_done();
}
