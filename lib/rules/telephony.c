/* telephony.c - the calls section: agents, a CSV export's columns, the
 * thresholds the call reports judge by */
#include <stdlib.h>
#include <string.h>

#include "hl/cfgparse.h"
#include "hl/telephony.h"

void hl_telephony_defaults(struct hl_telephony *t)
{
	memset(t, 0, sizeof *t);
	t->channel = HL_CH_PHONE;
	t->answer_within = 20;  /* the industry's 80/20 threshold */
	t->short_abandon = 5;   /* a misdial or a caller who changed their mind */
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

static int cdr_key(struct hl_cfgctx *c, const char *key, const struct hl_node *k,
		   const struct hl_node *v, void *obj)
{
	struct hl_cdr_map *m = obj;
	struct {
		const char *name;
		char **slot;
	} cols[] = {
		{"id", &m->id},       {"time", &m->time},   {"caller", &m->caller},
		{"agent", &m->agent}, {"queue", &m->queue}, {"wait", &m->wait},
		{"talk", &m->talk},   {"result", &m->result},
	};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (hl_streq(key, cols[i].name))
			return hl_cfg_str(c, key, v, cols[i].slot);
	if (hl_streq(key, "answered")) {
		hl_cfg_free_strs(m->answered, m->nanswered);
		return hl_cfg_strs(c, key, v, &m->answered, &m->nanswered);
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
	if (hl_streq(key, "cdr"))
		return hl_cfg_each_key(c, v, key, cdr_key, &t->cdr);
	return hl_cfg_unknown(c, k);
}

static int check_cdr(struct hl_cfgctx *c, const struct hl_node *v, const struct hl_cdr_map *m)
{
	const struct hl_node *at = hl_cfg_child(v, "cdr");
	if (at == v)
		return 0; /* no export described */
	if (!m->id || !m->time)
		return hl_cfg_fail(c, at, "cdr needs at least the id and time columns");
	if (m->nanswered && !m->result)
		return hl_cfg_fail(c, at, "cdr: answered values without a result column");
	if (m->result && !m->nanswered)
		return hl_cfg_fail(c, at, "cdr: a result column wants the answered values");
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
	char *cols[] = {m->id, m->time, m->caller, m->agent, m->queue, m->wait, m->talk, m->result};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		free(cols[i]);
	hl_cfg_free_strs(m->answered, m->nanswered);
	hl_cfg_free_strs(t->agent_ids, t->nagents);
	hl_cfg_free_strs(t->agent_names, t->nagents);
	hl_telephony_defaults(t);
}

const char *hl_telephony_agent(const struct hl_telephony *t, const char *agent)
{
	for (size_t i = 0; i < t->nagents; i++)
		if (hl_streq(t->agent_ids[i], agent))
			return t->agent_names[i];
	return agent;
}
