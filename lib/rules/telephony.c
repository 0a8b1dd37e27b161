/* telephony.c - the calls section: agents, a CSV export's columns, the
 * thresholds the call reports judge by */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "hl/cfgparse.h"
#include "hl/telephony.h"

const char *const hl_cdr_keys[HL_CDR_NCOLS] = {
	"id", "link", "time", "answer", "end", "caller", "name", "agent", "queue",
	"wait", "duration", "talk", "result", "direction",
};

/* Callers that are extensions of the phone system: an internal call, or
 * an agent calling out, is not the hotline's. */
#define INTERNAL_DEFAULT "^[0-9]{3,4}$"

void hl_telephony_defaults(struct hl_telephony *t)
{
	memset(t, 0, sizeof *t);
	t->channel = HL_CH_PHONE;
	t->answer_within = 20;  /* the industry's 80/20 threshold */
	t->short_abandon = 5;   /* a misdial or a caller who changed their mind */
	t->cdr.header = -1;     /* the format's */
}

/* The formats hl knows: the columns each writes, by position. */
struct preset {
	const char *name;
	enum hl_cdr_format format;
	const char *col[HL_CDR_NCOLS];
	const char *answered;    /* the result meaning answered, NULL: talk time */
	const char *inbound;     /* the direction value meaning inbound */
};

/* Asterisk cdr_csv: accountcode, src, dst, dcontext, clid, channel,
 * dstchannel, lastapp, lastdata, start, answer, end, duration, billsec,
 * disposition, amaflags, then uniqueid and userfield (loguniqueid,
 * loguserfield) and peeraccount, linkedid, sequence (newcdrcolumns).
 * FreeSWITCH mod_cdr_csv: caller_id_name, caller_id_number,
 * destination_number, context, start_stamp, answer_stamp, end_stamp,
 * duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode. */
static const struct preset presets[] = {
	{"asterisk-csv", HL_CDR_ASTERISK,
	 {[HL_CDR_ID] = "6", [HL_CDR_TIME] = "10", [HL_CDR_ANSWER] = "11", [HL_CDR_END] = "12",
	  [HL_CDR_CALLER] = "2", [HL_CDR_NAME] = "5", [HL_CDR_AGENT] = "7", [HL_CDR_DURATION] = "13",
	  [HL_CDR_TALK] = "14", [HL_CDR_RESULT] = "15"},
	 "ANSWERED", NULL},
	{"asterisk-csv-extended", HL_CDR_ASTERISK_EXT,
	 {[HL_CDR_ID] = "17", [HL_CDR_LINK] = "20", [HL_CDR_TIME] = "10", [HL_CDR_ANSWER] = "11",
	  [HL_CDR_END] = "12", [HL_CDR_CALLER] = "2", [HL_CDR_NAME] = "5", [HL_CDR_AGENT] = "7",
	  [HL_CDR_DURATION] = "13", [HL_CDR_TALK] = "14", [HL_CDR_RESULT] = "15"},
	 "ANSWERED", NULL},
	{"freeswitch-csv", HL_CDR_FREESWITCH,
	 {[HL_CDR_ID] = "11", [HL_CDR_TIME] = "5", [HL_CDR_ANSWER] = "6", [HL_CDR_END] = "7",
	  [HL_CDR_CALLER] = "2", [HL_CDR_NAME] = "1", [HL_CDR_DURATION] = "8", [HL_CDR_TALK] = "9",
	  [HL_CDR_DIRECTION] = "4"},
	 NULL, "public"},
};

static const struct preset *find_preset(enum hl_cdr_format f)
{
	for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
		if (presets[i].format == f)
			return &presets[i];
	return NULL;
}

/* A threshold in clock time: "20s", "1m". */
static int clock_seconds(struct hl_cfgctx *c, const char *key, const struct hl_node *v, long *out)
{
	struct hl_duration d;
	if (hl_cfg_duration(c, key, v, &d))
		return -1;
	if (d.unit != HL_DUR_CLOCK || d.amount > 3600)
		return hl_cfg_fail(c, v, "%s wants clock time up to an hour (\"20s\")", key);
	*out = (long)d.amount;
	return 0;
}

static int agent_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		     const struct hl_node *v, void *obj)
{
	struct hl_telephony *t = obj;
	char *name = NULL;
	(void)k;
	if (hl_cfg_str(c, key, v, &name))
		return -1;
	t->agent_ids = hl_xreallocarray(t->agent_ids, t->nagents + 1, sizeof *t->agent_ids);
	t->agent_names = hl_xreallocarray(t->agent_names, t->nagents + 1, sizeof *t->agent_names);
	t->agent_ids[t->nagents] = hl_xstrdup(key);
	t->agent_names[t->nagents++] = name;
	return 0;
}

/* yes/no, true/false */
static int cfg_bool(struct hl_cfgctx *c, const char *key, const struct hl_node *v, int *out)
{
	if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
		return -1;
	if (hl_streq(v->value, "yes") || hl_streq(v->value, "true"))
		return *out = 1, 0;
	if (hl_streq(v->value, "no") || hl_streq(v->value, "false"))
		return *out = 0, 0;
	return hl_cfg_fail(c, v, "%s wants yes or no", key);
}

/* A column: a name of the header, or a position "10" or "$10". */
static int column(struct hl_cfgctx *c, const char *key, const struct hl_node *v, char **slot)
{
	if (hl_cfg_str(c, key, v, slot))
		return -1;
	const char *p = *slot + (**slot == '$');
	long pos;
	if (strspn(p, "0123456789") == strlen(p) && *p && (hl_parse_long(p, 1, 1000, &pos)))
		return hl_cfg_fail(c, v, "%s: a column position is from 1 to 1000", key);
	if (**slot == '$' && !*p)
		return hl_cfg_fail(c, v, "%s: '$' wants a column position ($10)", key);
	if (!**slot)
		return hl_cfg_fail(c, v, "%s: an empty column name", key);
	return 0;
}

static int cdr_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		   const struct hl_node *v, void *obj)
{
	struct hl_cdr_map *m = obj;
	for (size_t i = 0; i < HL_CDR_NCOLS; i++)
		if (hl_streq(key, hl_cdr_keys[i]))
			return column(c, key, v, &m->col[i]);
	if (hl_streq(key, "format")) {
		if (hl_cfg_want(c, v, HL_NODE_SCALAR, key))
			return -1;
		if (hl_streq(v->value, "mapped"))
			return m->format = HL_CDR_MAPPED, 0;
		for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
			if (hl_streq(v->value, presets[i].name))
				return m->format = presets[i].format, 0;
		return hl_cfg_fail(c, v, "unknown cdr format '%s' (asterisk-csv, asterisk-csv-extended, "
					 "freeswitch-csv or mapped)", v->value);
	}
	if (hl_streq(key, "header"))
		return cfg_bool(c, key, v, &m->header);
	if (hl_streq(key, "answered")) {
		hl_cfg_free_strs(m->answered, m->nanswered);
		return hl_cfg_strs(c, key, v, &m->answered, &m->nanswered);
	}
	if (hl_streq(key, "inbound")) {
		hl_cfg_free_strs(m->inbound, m->ninbound);
		return hl_cfg_strs(c, key, v, &m->inbound, &m->ninbound);
	}
	return hl_cfg_unknown(c, k);
}

static int calls_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		     const struct hl_node *v, void *obj)
{
	struct hl_telephony *t = obj;
	if (hl_streq(key, "channel")) {
		int x;
		if (hl_cfg_vocab(c, key, v, &hl_channels, &x))
			return -1;
		t->channel = (enum hl_channel)x;
		return 0;
	}
	if (hl_streq(key, "answer_within"))
		return clock_seconds(c, key, v, &t->answer_within);
	if (hl_streq(key, "short_abandon"))
		return clock_seconds(c, key, v, &t->short_abandon);
	if (hl_streq(key, "agents"))
		return hl_cfg_each_key(c, v, key, agent_key, t);
	if (hl_streq(key, "misdial_tickets"))
		return cfg_bool(c, key, v, &t->misdial_tickets);
	if (hl_streq(key, "owner"))
		return hl_cfg_str(c, key, v, &t->owner);
	if (hl_streq(key, "internal")) {
		if (v->type == HL_NODE_SCALAR && (v->is_null || !*v->value)) {
			free(t->internal);
			t->internal = hl_xstrdup("");
			return 0;
		}
		if (hl_cfg_str(c, key, v, &t->internal))
			return -1;
		regex_t re;
		if (regcomp(&re, t->internal, REG_EXTENDED | REG_NOSUB))
			return hl_cfg_fail(c, v, "internal: not an extended regular expression");
		regfree(&re);
		return 0;
	}
	if (hl_streq(key, "cdr")) {
		t->cdr.configured = 1;
		return hl_cfg_each_key(c, v, key, cdr_key, &t->cdr);
	}
	return hl_cfg_unknown(c, k);
}

static void strs_one(char ***v, size_t *n, const char *s)
{
	*v = hl_xcalloc(1, sizeof **v);
	(*v)[0] = hl_xstrdup(s);
	*n = 1;
}

/* A preset's columns where the configuration names none. */
static void apply_preset(struct hl_cdr_map *m)
{
	const struct preset *p = find_preset(m->format);
	if (m->header < 0)
		m->header = !p;
	if (!p)
		return;
	for (size_t i = 0; i < HL_CDR_NCOLS; i++)
		if (!m->col[i] && p->col[i])
			m->col[i] = hl_xstrdup(p->col[i]);
	if (p->answered && !m->nanswered && m->col[HL_CDR_RESULT])
		strs_one(&m->answered, &m->nanswered, p->answered);
	if (p->inbound && !m->ninbound && m->col[HL_CDR_DIRECTION])
		strs_one(&m->inbound, &m->ninbound, p->inbound);
}

static int check_cdr(struct hl_cfgctx *c, const struct hl_node *v, struct hl_cdr_map *m)
{
	const struct hl_node *at = hl_cfg_child(v, "cdr");
	if (at == v)
		return 0; /* no export described */
	apply_preset(m);
	if (!m->col[HL_CDR_ID] || !m->col[HL_CDR_TIME])
		return hl_cfg_fail(c, at, "cdr needs at least the id and time columns");
	if (m->nanswered && !m->col[HL_CDR_RESULT])
		return hl_cfg_fail(c, at, "cdr: answered values without a result column");
	if (m->col[HL_CDR_RESULT] && !m->nanswered)
		return hl_cfg_fail(c, at, "cdr: a result column wants the answered values");
	if (m->ninbound && !m->col[HL_CDR_DIRECTION])
		return hl_cfg_fail(c, at, "cdr: inbound values without a direction column");
	if (m->col[HL_CDR_DIRECTION] && !m->ninbound)
		return hl_cfg_fail(c, at, "cdr: a direction column wants the inbound values");
	return 0;
}

int hl_telephony_parse(struct hl_cfgctx *c, const struct hl_node *v, struct hl_telephony *t)
{
	hl_telephony_free(t);
	hl_telephony_defaults(t);
	if (hl_cfg_each_key(c, v, "calls", calls_key, t))
		return -1;
	return check_cdr(c, v, &t->cdr);
}

void hl_telephony_free(struct hl_telephony *t)
{
	struct hl_cdr_map *m = &t->cdr;
	for (size_t i = 0; i < HL_CDR_NCOLS; i++)
		free(m->col[i]);
	hl_cfg_free_strs(m->answered, m->nanswered);
	hl_cfg_free_strs(m->inbound, m->ninbound);
	free(t->owner);
	free(t->internal);
	hl_cfg_free_strs(t->agent_ids, t->nagents);
	hl_cfg_free_strs(t->agent_names, t->nagents);
	hl_telephony_defaults(t);
}

const char *hl_telephony_internal(const struct hl_telephony *t)
{
	const char *re = t->internal ? t->internal : INTERNAL_DEFAULT;
	return *re ? re : NULL;
}

int hl_internal_init(struct hl_internal *in, const struct hl_telephony *t)
{
	const char *re = hl_telephony_internal(t);
	in->mode = !re ? 0 : hl_streq(re, INTERNAL_DEFAULT) ? 1 : 2;
	if (in->mode == 2 && regcomp(&in->re, re, REG_EXTENDED | REG_NOSUB)) {
		in->mode = 0;
		return -1;
	}
	return 0;
}

int hl_internal_match(const struct hl_internal *in, const char *number)
{
	size_t n;
	switch (in->mode) {
	case 1:
		n = strlen(number);
		return (n == 3 || n == 4) && strspn(number, "0123456789") == n;
	case 2:
		return !regexec(&in->re, number, 0, NULL, 0);
	default:
		return 0;
	}
}

void hl_internal_free(struct hl_internal *in)
{
	if (in->mode == 2)
		regfree(&in->re);
	in->mode = 0;
}

const char *hl_telephony_agent(const struct hl_telephony *t, const char *agent)
{
	for (size_t i = 0; i < t->nagents; i++)
		if (hl_streq(t->agent_ids[i], agent))
			return t->agent_names[i];
	return agent;
}
