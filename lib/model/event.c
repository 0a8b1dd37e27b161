/* event.c - the journal's vocabulary and the typed reading of a record */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hl/event.h"
#include "hl/phone.h"

static const struct hl_word event_words[] = {
	{"open", HL_EV_OPEN},         {"missed", HL_EV_MISSED},
	{"callback", HL_EV_CALLBACK}, {"route", HL_EV_ROUTE},
	{"assign", HL_EV_ASSIGN},     {"ack", HL_EV_ACK},
	{"reply", HL_EV_REPLY},       {"arrive", HL_EV_ARRIVE},
	{"update", HL_EV_UPDATE},     {"hold", HL_EV_HOLD},
	{"resume", HL_EV_RESUME},     {"resolve", HL_EV_RESOLVE},
	{"followup", HL_EV_FOLLOWUP}, {"reopen", HL_EV_REOPEN},
	{"close", HL_EV_CLOSE},       {"escalate", HL_EV_ESCALATE},
	{"note", HL_EV_NOTE},         {"call", HL_EV_CALL},
	{"void", HL_EV_VOID},         {"amend", HL_EV_AMEND},
	{"return", HL_EV_RETURN},     {"extend", HL_EV_EXTEND},
	{"approve", HL_EV_APPROVE},   {"refuse", HL_EV_REFUSE},
	{"supervise", HL_EV_SUPERVISE}, {"review", HL_EV_REVIEW},
	{"link", HL_EV_LINK},
	{NULL, 0},
};

static const struct hl_word category_words[] = {
	{"consult", HL_CAT_CONSULT},       {"complaint", HL_CAT_COMPLAINT},
	{"suggestion", HL_CAT_SUGGESTION}, {"booking", HL_CAT_BOOKING},
	{"emergency", HL_CAT_EMERGENCY},   {"help", HL_CAT_HELP},
	{"repair", HL_CAT_REPAIR},         {"report", HL_CAT_REPORT},
	{"praise", HL_CAT_PRAISE},         {"other", HL_CAT_OTHER},
	{"咨询", HL_CAT_CONSULT},   {"投诉", HL_CAT_COMPLAINT},
	{"建议", HL_CAT_SUGGESTION}, {"预定", HL_CAT_BOOKING},
	{"预订", HL_CAT_BOOKING},   {"突发事件", HL_CAT_EMERGENCY},
	{"突发", HL_CAT_EMERGENCY}, {"求助", HL_CAT_HELP},
	{"报修", HL_CAT_REPAIR},    {"维修", HL_CAT_REPAIR},
	{"举报", HL_CAT_REPORT},    {"表扬", HL_CAT_PRAISE},
	{"其他", HL_CAT_OTHER},     {"其它", HL_CAT_OTHER},
	{NULL, 0},
};

static const struct hl_word channel_words[] = {
	{"phone", HL_CH_PHONE},   {"hotline400", HL_CH_HOTLINE400},
	{"visit", HL_CH_VISIT},   {"letter", HL_CH_LETTER},
	{"email", HL_CH_EMAIL},   {"web", HL_CH_WEB},
	{"wechat", HL_CH_WECHAT}, {"weibo", HL_CH_WEIBO},
	{"sms", HL_CH_SMS},
	{"电话", HL_CH_PHONE},    {"400", HL_CH_HOTLINE400},
	{"400热线", HL_CH_HOTLINE400}, {"来访", HL_CH_VISIT},
	{"来信", HL_CH_LETTER},   {"信件", HL_CH_LETTER},
	{"邮件", HL_CH_EMAIL},    {"电子邮件", HL_CH_EMAIL},
	{"网站", HL_CH_WEB},      {"网页", HL_CH_WEB},
	{"微信", HL_CH_WECHAT},   {"微博", HL_CH_WEIBO},
	{"短信", HL_CH_SMS},      {NULL, 0},
};

static const struct hl_word priority_words[] = {
	{"low", HL_PRI_LOW},       {"normal", HL_PRI_NORMAL},
	{"high", HL_PRI_HIGH},     {"urgent", HL_PRI_URGENT},
	{"critical", HL_PRI_CRITICAL},
	{"简单", HL_PRI_LOW},      {"低", HL_PRI_LOW},
	{"一般", HL_PRI_NORMAL},   {"普通", HL_PRI_NORMAL},
	{"高", HL_PRI_HIGH},       {"重要", HL_PRI_HIGH},
	{"紧急", HL_PRI_URGENT},   {"急修", HL_PRI_URGENT},
	{"严重", HL_PRI_CRITICAL}, {"重大", HL_PRI_CRITICAL},
	{NULL, 0},
};

static const struct hl_word verdict_words[] = {
	{"valid", HL_VER_VALID},     {"invalid", HL_VER_INVALID},
	{"adopted", HL_VER_ADOPTED}, {"declined", HL_VER_DECLINED},
	{"有效", HL_VER_VALID},      {"有责", HL_VER_VALID},
	{"无效", HL_VER_INVALID},    {"无责", HL_VER_INVALID},
	{"采纳", HL_VER_ADOPTED},    {"不采纳", HL_VER_DECLINED},
	{"未采纳", HL_VER_DECLINED}, {NULL, 0},
};

static const struct hl_word review_words[] = {
	{"accepted", HL_REV_ACCEPTED}, {"rejected", HL_REV_REJECTED},
	{"通过", HL_REV_ACCEPTED},     {"审核通过", HL_REV_ACCEPTED},
	{"驳回", HL_REV_REJECTED},     {"审核驳回", HL_REV_REJECTED},
	{NULL, 0},
};

static const struct hl_word result_words[] = {
	{"satisfied", HL_RES_SATISFIED}, {"fair", HL_RES_FAIR},
	{"unsatisfied", HL_RES_UNSATISFIED},
	{"满意", HL_RES_SATISFIED},      {"基本满意", HL_RES_FAIR},
	{"不满意", HL_RES_UNSATISFIED},  {NULL, 0},
};

static const struct hl_word outcome_words[] = {
	{"answered", HL_OUT_ANSWERED}, {"abandoned", HL_OUT_ABANDONED},
	{"timeout", HL_OUT_TIMEOUT},   {"noagent", HL_OUT_NOAGENT},
	{"exitkey", HL_OUT_EXITKEY},   {"rerouted", HL_OUT_REROUTED},
	{"接通", HL_OUT_ANSWERED},     {"已接听", HL_OUT_ANSWERED},
	{"放弃", HL_OUT_ABANDONED},    {"挂断", HL_OUT_ABANDONED},
	{"超时", HL_OUT_TIMEOUT},      {"无坐席", HL_OUT_NOAGENT},
	{"按键退出", HL_OUT_EXITKEY},  {"转队列", HL_OUT_REROUTED},
	{NULL, 0},
};

/* A word as it is written, as two numbers: its bytes (every word is
 * shorter than 16), zeros after. A value is then found by its hash and
 * two compares, no call. */
struct hl_word_key {
	uint64_t lo, hi;  /* lo 0: an empty slot (no word is empty) */
	int value;
};
/* Keys are found by their hash in a table of this many slots, at most
 * half of them taken. */
#define KEY_SLOTS 64

/* a vocabulary of a word table, its length known, room for its keys */
#define VOCAB(name, what, words)                                                   \
	_Static_assert(sizeof words / sizeof words[0] <= KEY_SLOTS / 2, "key room");  \
	static struct hl_word_key name##_keys[KEY_SLOTS];                             \
	const struct hl_vocab name = {what, words, sizeof words / sizeof words[0] - 1, \
				      name##_keys}

VOCAB(hl_events, "event", event_words);
VOCAB(hl_categories, "category", category_words);
VOCAB(hl_channels, "channel", channel_words);
VOCAB(hl_priorities, "priority", priority_words);
VOCAB(hl_verdicts, "verdict", verdict_words);
VOCAB(hl_outcomes, "outcome", outcome_words);
VOCAB(hl_results, "result", result_words);
VOCAB(hl_reviews, "review", review_words);

/* The key of s; -1 when it is 16 bytes or longer (no word is). Made in
 * registers: bytes stored one by one and read back as a number would
 * stall the read. */
static int text_key(const char *s, struct hl_word_key *key)
{
	uint64_t lo = 0, hi = 0;
	unsigned i = 0;
	for (; i < 8 && s[i]; i++)
		lo |= (uint64_t)(unsigned char)s[i] << 8 * i;
	for (; i >= 8 && i < 16 && s[i]; i++)
		hi |= (uint64_t)(unsigned char)s[i] << 8 * (i - 8);
	key->lo = lo, key->hi = hi;
	return i < 16 ? 0 : -1;
}

/* Why a hash of a word's bytes as two numbers: strcmp over the words took
 * 4% of a single-threaded monthly report (bench/README.md, "Smaller");
 * made once (pthread_once), by whichever reading thread asks first. */
static pthread_once_t keys_made = PTHREAD_ONCE_INIT;
static int keys_ready;

static size_t key_slot(const struct hl_word_key *key)
{
	return (size_t)(((key->lo ^ key->hi * 31) * 0x9e3779b97f4a7c15ULL) >> 58);
}

static void make_keys(void)
{
	const struct hl_vocab *all[] = {&hl_events, &hl_categories, &hl_channels,
					&hl_priorities, &hl_verdicts, &hl_outcomes, &hl_results,
					&hl_reviews};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		for (size_t k = 0; k < all[i]->nwords; k++) {
			struct hl_word_key key;
			if (text_key(all[i]->words[k].name, &key))
				continue; /* too long to be a key: found the slow way */
			key.value = all[i]->words[k].value;
			size_t at = key_slot(&key);
			while (all[i]->keys[at].lo)
				at = (at + 1) % KEY_SLOTS;
			all[i]->keys[at] = key;
		}
	}
	__atomic_store_n(&keys_ready, 1, __ATOMIC_RELEASE);
}

const char *const hl_clock_names[HL_NCLOCKS] = {
	"assign", "ack", "reply", "arrive", "update", "resolve", "followup", "callback",
	"supervise",
};

const char *const hl_columns[] = {
	"time", "ticket", "event", "actor", "category", "priority", "channel",
	"caller", "phone", "place", "dept", "assignee", "due", "level",
	"clock", "notify", "score", "verdict", "rule", "call", "queue", "outcome",
	"wait", "talk", "text", "master",
};
const size_t hl_ncolumns = sizeof hl_columns / sizeof hl_columns[0];
_Static_assert(sizeof hl_columns / sizeof hl_columns[0] == HL_NCOLUMNS, "enum hl_column is hl_columns");

int hl_is_column(const char *name)
{
	for (size_t i = 0; i < hl_ncolumns; i++)
		if (hl_streq(hl_columns[i], name))
			return 1;
	return 0;
}

int hl_vocab_parse(const struct hl_vocab *v, const char *s)
{
	/* as written in a journal: exactly a canonical word, mostly */
	struct hl_word_key key;
	if (!__atomic_load_n(&keys_ready, __ATOMIC_ACQUIRE))
		pthread_once(&keys_made, make_keys); /* once, whichever thread asks first */
	if (*s && !text_key(s, &key))
		for (size_t at = key_slot(&key); v->keys[at].lo; at = (at + 1) % KEY_SLOTS)
			if (v->keys[at].lo == key.lo && v->keys[at].hi == key.hi)
				return v->keys[at].value;
	unsigned char first = (unsigned char)s[0] | 0x20;
	for (const struct hl_word *w = v->words; w->name; w++)
		/* the first byte, folded as ASCII, rules out most words cheaply */
		if (((unsigned char)w->name[0] | 0x20) == first && hl_strcaseeq(w->name, s))
			return w->value;
	return -1;
}

const char *hl_vocab_name(const struct hl_vocab *v, int value)
{
	/* the canonical words come first, in the order of their values */
	if (value > 0 && (size_t)value <= v->nwords && v->words[value - 1].value == value)
		return v->words[value - 1].name;
	for (const struct hl_word *w = v->words; w->name; w++)
		if (w->value == value)
			return w->name;
	return "";
}

void hl_vocab_list(const struct hl_vocab *v, struct hl_buf *out)
{
	int seen = 0;
	for (const struct hl_word *w = v->words; w->name; w++) {
		/* canonical names only: the first word of each value */
		if (hl_vocab_name(v, w->value) != w->name)
			continue;
		hl_buf_printf(out, "%s%s", seen++ ? ", " : "", w->name);
	}
}

int hl_ticket_id_check(const char *id, struct hl_buf *err)
{
	size_t n = strnlen(id, HL_MAX_ID + 1);
	if (n > HL_MAX_ID) /* not echoed: it may be a whole field's 64 KiB */
		return hl_fail(err, "ticket id longer than %d bytes", HL_MAX_ID);
	if (!n)
		return hl_fail(err, "empty ticket id");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];
		int alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.')))
			return hl_fail(err, "bad ticket id '%s' (%s)", id, HL_ID_FORM);
	}
	return 0;
}

/* A message naming a field and echoing its word, masked when it is a
 * phone number typed in the wrong place. */
__attribute__((format(printf, 2, 0)))
static int bad_word(struct hl_buf *err, const char *fmt, const char *field, const char *s)
{
	struct hl_buf shown = {0};
	if (!err)
		return -1;
	hl_fail(err, fmt, field, hl_shown(s, &shown));
	hl_buf_free(&shown);
	return -1;
}

static int unknown_word(const struct hl_vocab *v, const char *s, struct hl_buf *err)
{
	struct hl_buf list = {0}, shown = {0};
	hl_vocab_list(v, &list);
	hl_fail(err, "unknown %s '%s' (one of: %s)", v->what, hl_shown(s, &shown), list.s);
	hl_buf_free(&list);
	hl_buf_free(&shown);
	return -1;
}

/* A vocabulary column's value in *out, 0 when empty (as most are: inline,
 * to cost nothing then). */
static inline int word(const char *s, const struct hl_vocab *v, int *out, struct hl_buf *err)
{
	*out = 0;
	return s && (*out = hl_vocab_parse(v, s)) < 0 ? unknown_word(v, s, err) : 0;
}

int hl_category2_check(const char *name, struct hl_buf *err)
{
	size_t n = strnlen(name, HL_MAX_CAT2 + 1);
	int ok = n >= 1 && n <= HL_MAX_CAT2;
	for (size_t i = 0; ok && i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		int alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		ok = alnum || (i > 0 && (c == '-' || c == '_'));
	}
	if (ok)
		return 0;
	if (n > HL_MAX_CAT2) /* not echoed: it may be a whole field */
		return hl_fail(err, "second level of a category longer than %d bytes", HL_MAX_CAT2);
	return bad_word(err, "bad %s '%s' (1 to 32 letters, digits, '-' and '_', the first a "
			"letter or digit)", "second level of a category", name);
}

void hl_category_format(enum hl_category cat, const char *cat2, struct hl_buf *out)
{
	hl_buf_adds(out, hl_vocab_name(&hl_categories, cat));
	if (cat && cat2)
		hl_buf_printf(out, "/%s", cat2);
}

/* The category column: a first level, or FIRST/SECOND. The slash is
 * looked for only when the value is no first level, as most are. */
static int parse_category(const char *s, struct hl_event *ev, struct hl_buf *err)
{
	char first[16]; /* every word of a vocabulary is shorter */
	const char *slash;
	int x;
	if (!s)
		return 0;
	if ((x = hl_vocab_parse(&hl_categories, s)) > 0) {
		ev->category = (enum hl_category)x;
		return 0;
	}
	if (!(slash = strchr(s, '/')) || (size_t)(slash - s) >= sizeof first)
		return unknown_word(&hl_categories, s, err);
	memcpy(first, s, (size_t)(slash - s));
	first[slash - s] = '\0';
	if ((x = hl_vocab_parse(&hl_categories, first)) <= 0)
		return unknown_word(&hl_categories, s, err);
	if (hl_category2_check(slash + 1, err))
		return -1;
	ev->category = (enum hl_category)x;
	ev->category2 = slash + 1;
	return 0;
}

static int require(const char *v, const char *col, const char *event, struct hl_buf *err)
{
	if (!v)
		return hl_fail(err, "%s record without %s", event, col);
	return 0;
}

/* Telephony fields: on call records, and on missed calls the phone
 * system reported (never answered, so never talk time). */
static int check_call_placement(const struct hl_event *ev, const char *name, struct hl_buf *err)
{
	int telephony = ev->call || ev->queue || ev->outcome || ev->wait >= 0 || ev->talk >= 0;
	if (telephony && ev->kind != HL_EV_CALL && ev->kind != HL_EV_MISSED)
		return hl_fail(err, "call, queue, outcome, wait and talk are only for call and missed, not %s", name);
	if (ev->kind == HL_EV_MISSED && (ev->outcome == HL_OUT_ANSWERED || ev->outcome == HL_OUT_REROUTED))
		return hl_fail(err, "a missed call cannot be %s", hl_vocab_name(&hl_outcomes, ev->outcome));
	if (ev->talk >= 0 && ev->outcome != HL_OUT_ANSWERED)
		return hl_fail(err, "talk time is only for answered calls");
	return 0;
}

/* Fields that belong to one event only: refused elsewhere, because the
 * reports count them. */
static int check_placement(const struct hl_event *ev, const char *name, struct hl_buf *err)
{
	if (ev->score && ev->kind != HL_EV_FOLLOWUP)
		return hl_fail(err, "score is only for followup, not %s", name);
	if (ev->verdict && ev->kind != HL_EV_RESOLVE)
		return hl_fail(err, "verdict is only for resolve, not %s", name);
	if (ev->level >= 0 && ev->kind != HL_EV_ESCALATE)
		return hl_fail(err, "level is only for escalate, not %s", name);
	if (ev->clock >= 0 && ev->kind != HL_EV_ESCALATE && ev->kind != HL_EV_EXTEND)
		return hl_fail(err, "clock is only for escalate and extend, not %s", name);
	if (ev->master && ev->kind != HL_EV_LINK && ev->kind != HL_EV_REOPEN)
		return hl_fail(err, "master is only for link and reopen, not %s", name);
	return check_call_placement(ev, name, err);
}

/* A call's wait or talk time: whole seconds, at most a day. */
static int seconds(const struct hl_cols *c, int col, long *out, struct hl_buf *err)
{
	const char *s = c->v[col];
	*out = -1;
	if (s && hl_parse_long(s, 0, 86400, out))
		return bad_word(err, "bad %s '%s' (want seconds, 0 to 86400)", hl_columns[col], s);
	return 0;
}

static int parse_numbers(const struct hl_cols *c, struct hl_event *ev, struct hl_buf *err)
{
	const char *s;
	long v;
	ev->level = -1;
	ev->score = 0;
	if ((s = c->v[HL_COL_SCORE])) {
		if (hl_parse_long(s, 1, 5, &v))
			return bad_word(err, "bad %s '%s' (want 1 to 5)", "score", s);
		ev->score = (int)v;
	}
	if ((s = c->v[HL_COL_LEVEL])) {
		if (hl_parse_long(s, 0, 99, &v))
			return bad_word(err, "bad %s '%s' (want 0 to 99)", "level", s);
		ev->level = (int)v;
	}
	return seconds(c, HL_COL_WAIT, &ev->wait, err) || seconds(c, HL_COL_TALK, &ev->talk, err);
}

static int parse_kind_requirements(struct hl_event *ev, const char *name, unsigned flags,
				   struct hl_buf *err)
{
	if (ev->kind == HL_EV_CALL) {
		if (ev->ticket)
			return hl_fail(err, "a call record has no ticket (a missed call gets one)");
		return require(ev->outcome ? "" : NULL, "outcome", name, err);
	}
	if (!(flags & HL_EV_PARTIAL) && require(ev->ticket, "ticket", name, err))
		return -1;
	switch (ev->kind) {
	case HL_EV_OPEN:
		return require(ev->category ? "" : NULL, "category", name, err);
	case HL_EV_MISSED:
		return require(ev->phone, "phone", name, err);
	case HL_EV_ROUTE:
	case HL_EV_ASSIGN:
		return require(ev->dept, "dept", name, err);
	case HL_EV_FOLLOWUP:
		return require(ev->score ? "" : NULL, "score", name, err);
	case HL_EV_VOID:
	case HL_EV_RETURN:
		return require(ev->text, "text (the reason)", name, err);
	case HL_EV_SUPERVISE:
		return require(ev->text, "text (the notice)", name, err);
	case HL_EV_EXTEND:
		if (require(ev->clock >= 0 ? "" : NULL, "clock", name, err) ||
		    require(ev->has_more ? "" : NULL, "due (the time asked for, as 2bd)", name, err))
			return -1;
		return require(ev->text, "text (the reason)", name, err);
	case HL_EV_REVIEW:
		return require(ev->review ? "" : NULL, "verdict (accepted or rejected)", name, err);
	case HL_EV_LINK:
		return require(ev->master, "master", name, err);
	case HL_EV_AMEND:
		return require(ev->category || ev->priority || ev->channel || ev->caller || ev->phone ||
				       ev->place || ev->text ? "" : NULL,
			       "a field to correct (category, priority, channel, caller, phone, "
			       "place or text)", name, err);
	case HL_EV_ESCALATE:
		if (require(ev->clock >= 0 ? "" : NULL, "clock", name, err))
			return -1;
		return require(ev->level >= 0 ? "" : NULL, "level", name, err);
	default:
		return 0;
	}
}

void hl_cols_of_record(const struct hl_record *r, struct hl_cols *c)
{
	int16_t index[HL_NCOLUMNS];
	const int16_t *pos = r->colpos;
	if (!pos) {
		/* a record built field by field: its columns found in one pass */
		hl_record_index(r, hl_columns, HL_NCOLUMNS, index);
		pos = index;
	}
	for (int k = 0; k < HL_NCOLUMNS; k++) {
		int i = pos[k];
		c->v[k] = i >= 0 && (size_t)i < r->n && r->f[i].len ? r->f[i].value : NULL;
	}
	c->line = r->line;
	c->offset = r->offset;
}

int hl_event_parse(const struct hl_record *r, unsigned flags, struct hl_event *ev,
		   struct hl_buf *err)
{
	struct hl_cols c;
	hl_cols_of_record(r, &c);
	return hl_event_parse_cols(&c, flags, ev, err);
}

static int event_parse(const struct hl_cols *c, unsigned flags, int64_t until,
		       struct hl_event *ev, struct hl_buf *err);

int hl_event_parse_cols(const struct hl_cols *c, unsigned flags, struct hl_event *ev,
			struct hl_buf *err)
{
	return event_parse(c, flags, INT64_MAX, ev, err);
}

int hl_event_parse_before(const struct hl_cols *c, int64_t until, struct hl_event *ev,
			  struct hl_buf *err)
{
	return event_parse(c, 0, until, ev, err);
}

static int event_parse(const struct hl_cols *c, unsigned flags, int64_t until,
		       struct hl_event *ev, struct hl_buf *err)
{
	const char *s, *time = c->v[HL_COL_TIME];
	int x;
	memset(ev, 0, sizeof *ev);
	/* the time first: a record after until is read no further */
	int bad_time = time && hl_time_parse(time, &ev->time, NULL);
	if (time && !bad_time && ev->time.t >= until)
		return 1;
	if (!(s = c->v[HL_COL_EVENT]))
		return hl_fail(err, "record without event");
	if ((x = hl_vocab_parse(&hl_events, s)) < 0)
		return bad_word(err, "unknown %s '%s'", "event", s);
	ev->kind = (enum hl_event_kind)x;
	const char *name = hl_vocab_name(&hl_events, x);
	if (time) {
		if (bad_time)
			return hl_time_parse(time, &ev->time, err); /* again, for its message */
	} else if (!(flags & HL_EV_PARTIAL)) {
		return hl_fail(err, "%s record without time", name);
	} else {
		ev->time.t = INT64_MIN;
	}
	if ((s = c->v[HL_COL_DUE]) && ev->kind == HL_EV_EXTEND) {
		/* an extension's due is the time asked for, not an instant */
		if (hl_duration_parse(s, &ev->more, NULL) || ev->more.amount <= 0)
			return bad_word(err, "bad %s '%s' (an extension wants a duration: 2bd, 24h)",
					"due", s);
		ev->has_more = 1;
	} else if (s) {
		if (hl_time_parse(s, &ev->due, err))
			return -1;
		ev->has_due = 1;
	}
	ev->ticket = c->v[HL_COL_TICKET];
	if (ev->ticket && hl_ticket_id_check(ev->ticket, err))
		return -1;
	ev->actor = c->v[HL_COL_ACTOR];
	if (!ev->actor && !(flags & HL_EV_PARTIAL))
		return hl_fail(err, "%s record without actor", name);
	if (parse_category(c->v[HL_COL_CATEGORY], ev, err))
		return -1;
	if (word(c->v[HL_COL_PRIORITY], &hl_priorities, &x, err))
		return -1;
	ev->priority = (enum hl_priority)x;
	if (word(c->v[HL_COL_CHANNEL], &hl_channels, &x, err))
		return -1;
	ev->channel = (enum hl_channel)x;
	/* a followup's verdict column holds its result in words */
	if (ev->kind == HL_EV_FOLLOWUP) {
		if (word(c->v[HL_COL_VERDICT], &hl_results, &x, err))
			return -1;
		ev->result = (enum hl_result)x;
	} else if (ev->kind == HL_EV_REVIEW) {
		/* a review's verdict column: accepted or rejected */
		if (word(c->v[HL_COL_VERDICT], &hl_reviews, &x, err))
			return -1;
		ev->review = (enum hl_review)x;
	} else {
		if (word(c->v[HL_COL_VERDICT], &hl_verdicts, &x, err))
			return -1;
		ev->verdict = (enum hl_verdict)x;
	}
	if (word(c->v[HL_COL_OUTCOME], &hl_outcomes, &x, err))
		return -1;
	ev->outcome = (enum hl_outcome)x;
	ev->call = c->v[HL_COL_CALL];
	ev->queue = c->v[HL_COL_QUEUE];
	ev->caller = c->v[HL_COL_CALLER];
	ev->phone = c->v[HL_COL_PHONE];
	ev->place = c->v[HL_COL_PLACE];
	ev->dept = c->v[HL_COL_DEPT];
	ev->assignee = c->v[HL_COL_ASSIGNEE];
	ev->text = c->v[HL_COL_TEXT];
	ev->rule = c->v[HL_COL_RULE];
	ev->notify = c->v[HL_COL_NOTIFY];
	/* the master of a link, or of the duplicate a reopen unlinks */
	ev->master = c->v[HL_COL_MASTER];
	if (ev->master && hl_ticket_id_check(ev->master, err))
		return -1;
	ev->clock = -1;
	if ((s = c->v[HL_COL_CLOCK])) {
		for (int k = 0; k < HL_NCLOCKS; k++)
			if (hl_streq(s, hl_clock_names[k]))
				ev->clock = k;
		if (ev->clock < 0)
			return bad_word(err, "unknown %s '%s'", "clock", s);
	}
	if (ev->phone && hl_phone_normalize(ev->phone, NULL, err))
		return -1;
	if (parse_numbers(c, ev, err) || check_placement(ev, name, err))
		return -1;
	return parse_kind_requirements(ev, name, flags, err);
}

/* Column col of r becomes v (NULL: empty): the same value leaves the
 * field as it is, and an empty one adds no field. The event's strings
 * point at their own columns' values, so that a value changed is never
 * one still to be read. */
static void put(struct hl_record *r, int16_t *pos, int col, const char *v)
{
	if (!v)
		v = "";
	if (pos[col] >= 0) {
		hl_record_set_at(r, (size_t)pos[col], v);
	} else if (*v) {
		pos[col] = (int16_t)r->n;
		hl_record_push(r, hl_columns[col], v, strlen(v));
	}
}

static void put_number(struct hl_record *r, int16_t *pos, int col, long v, struct hl_buf *b)
{
	hl_buf_clear(b);
	if (v >= 0)
		hl_buf_printf(b, "%ld", v);
	put(r, pos, col, b->len ? b->s : NULL);
}

void hl_event_store(const struct hl_event *ev, struct hl_record *r)
{
	struct hl_buf b = {0};
	int16_t pos[HL_NCOLUMNS];
	hl_record_index(r, hl_columns, HL_NCOLUMNS, pos);
	hl_time_format(ev->time, &b);
	put(r, pos, HL_COL_TIME, b.s);
	put(r, pos, HL_COL_TICKET, ev->ticket);
	put(r, pos, HL_COL_EVENT, hl_vocab_name(&hl_events, ev->kind));
	put(r, pos, HL_COL_ACTOR, ev->actor);
	hl_buf_clear(&b);
	hl_category_format(ev->category, ev->category2, &b); /* before its column changes */
	put(r, pos, HL_COL_CATEGORY, b.len ? b.s : NULL);
	put(r, pos, HL_COL_PRIORITY, hl_vocab_name(&hl_priorities, ev->priority));
	put(r, pos, HL_COL_CHANNEL, hl_vocab_name(&hl_channels, ev->channel));
	put(r, pos, HL_COL_CALLER, ev->caller);
	if (!ev->phone || hl_phone_normalize(ev->phone, &b, NULL))
		hl_buf_clear(&b);
	put(r, pos, HL_COL_PHONE, b.len ? b.s : NULL);
	put(r, pos, HL_COL_PLACE, ev->place);
	put(r, pos, HL_COL_DEPT, ev->dept);
	put(r, pos, HL_COL_ASSIGNEE, ev->assignee);
	hl_buf_clear(&b);
	if (ev->has_more)
		hl_duration_format(ev->more, &b);
	else if (ev->has_due)
		hl_time_format(ev->due, &b);
	put(r, pos, HL_COL_DUE, b.len ? b.s : NULL);
	put_number(r, pos, HL_COL_LEVEL, ev->level, &b);
	put_number(r, pos, HL_COL_SCORE, ev->score ? ev->score : -1, &b);
	put(r, pos, HL_COL_VERDICT, ev->kind == HL_EV_FOLLOWUP ? hl_vocab_name(&hl_results, ev->result)
				    : ev->kind == HL_EV_REVIEW ? hl_vocab_name(&hl_reviews, ev->review)
				    : hl_vocab_name(&hl_verdicts, ev->verdict));
	put(r, pos, HL_COL_CLOCK, ev->clock >= 0 ? hl_clock_names[ev->clock] : NULL);
	put(r, pos, HL_COL_NOTIFY, ev->notify);
	put(r, pos, HL_COL_RULE, ev->rule);
	put(r, pos, HL_COL_CALL, ev->call);
	put(r, pos, HL_COL_QUEUE, ev->queue);
	put(r, pos, HL_COL_OUTCOME, hl_vocab_name(&hl_outcomes, ev->outcome));
	put_number(r, pos, HL_COL_WAIT, ev->wait, &b);
	put_number(r, pos, HL_COL_TALK, ev->talk, &b);
	put(r, pos, HL_COL_MASTER, ev->master);
	put(r, pos, HL_COL_TEXT, ev->text);
	hl_buf_free(&b);
}
