/* words.c - the journal's words in the reports' language: one table a
 * vocabulary, in the order of its values, each word in its context */
#include <string.h>

#include "hl/i18n.h"
#include "model/words.h"

static const char *const categories[] = {
	"", NC_("category", "consult"), NC_("category", "complaint"), NC_("category", "suggestion"),
	NC_("category", "booking"), NC_("category", "emergency"), NC_("category", "help"),
	NC_("category", "repair"), NC_("category", "report"), NC_("category", "praise"),
	NC_("category", "other"),
};
static const char *const channels[] = {
	"", NC_("channel", "phone"), NC_("channel", "hotline400"), NC_("channel", "visit"),
	NC_("channel", "letter"), NC_("channel", "email"), NC_("channel", "web"),
	NC_("channel", "wechat"), NC_("channel", "weibo"), NC_("channel", "sms"),
};
static const char *const priorities[] = {
	"", NC_("priority", "low"), NC_("priority", "normal"), NC_("priority", "high"),
	NC_("priority", "urgent"), NC_("priority", "critical"),
};
static const char *const verdicts[] = {
	"", NC_("verdict", "valid"), NC_("verdict", "invalid"), NC_("verdict", "adopted"),
	NC_("verdict", "declined"),
};
static const char *const outcomes[] = {
	"", NC_("outcome", "answered"), NC_("outcome", "abandoned"), NC_("outcome", "timeout"),
	NC_("outcome", "noagent"), NC_("outcome", "exitkey"), NC_("outcome", "rerouted"),
};
static const char *const states[] = {
	[HL_ST_NONE] = "", [HL_ST_OPEN] = NC_("state", "open"),
	[HL_ST_ASSIGNED] = NC_("state", "assigned"), [HL_ST_ACKED] = NC_("state", "acked"),
	[HL_ST_RESOLVED] = NC_("state", "resolved"), [HL_ST_CLOSED] = NC_("state", "closed"),
	[HL_ST_MISSED] = NC_("state", "missed"), [HL_ST_CALLED_BACK] = NC_("state", "called-back"),
	[HL_ST_VOID] = NC_("state", "void"),
	[HL_ST_LINKED] = NC_("state", "linked"),
};
static const char *const clocks[HL_NCLOCKS] = {
	NC_("clock", "assign"), NC_("clock", "ack"), NC_("clock", "reply"), NC_("clock", "arrive"),
	NC_("clock", "update"), NC_("clock", "resolve"), NC_("clock", "followup"),
	NC_("clock", "callback"), NC_("clock", "supervise"),
};

#define N(a) (sizeof a / sizeof a[0])

const char *hl_word_msgid(const struct hl_vocab *v, int value)
{
	static const struct {
		const struct hl_vocab *v;
		const char *const *w;
		size_t n;
	} tables[] = {
		{&hl_categories, categories, N(categories)}, {&hl_channels, channels, N(channels)},
		{&hl_priorities, priorities, N(priorities)}, {&hl_verdicts, verdicts, N(verdicts)},
		{&hl_outcomes, outcomes, N(outcomes)},
	};
	for (size_t i = 0; i < N(tables); i++)
		if (tables[i].v == v)
			return value > 0 && (size_t)value < tables[i].n ? tables[i].w[value] : NULL;
	return NULL;
}

const char *hl_word_label(const struct hl_vocab *v, int value)
{
	const char *id = hl_word_msgid(v, value);
	return id ? hl_tr(id) : "";
}

const char *hl_state_label(enum hl_state s)
{
	return (size_t)s < N(states) && *states[s] ? hl_tr(states[s]) : "";
}

const char *hl_clock_label(int clock)
{
	return clock >= 0 && clock < HL_NCLOCKS ? hl_tr(clocks[clock]) : "";
}
