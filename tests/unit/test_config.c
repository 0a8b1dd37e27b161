/* test_config.c - defaults, sections, and every error placed at line:column */
#include <string.h>

#include "hl/config.h"
#include "tap.h"

static void bad(const char *text, const char *want)
{
	struct hl_config cfg;
	struct hl_buf err = {0};
	int rc = hl_config_load_text("h.yaml", text, strlen(text), &cfg, &err);
	ok(rc < 0, "refused: %s", want);
	is_str(err.s, want, "message");
	hl_buf_free(&err);
}

int main(void)
{
	struct hl_config cfg;
	struct hl_buf err = {0};
	ok(hl_config_load_text(NULL, NULL, 0, &cfg, &err) == 0, "defaults load: %s", hl_buf_str(&err));
	is_str(cfg.prefix, "HL", "default prefix");
	is_int(cfg.digits, 4, "default digits");
	is_int(cfg.reopen_at, 2, "default reopen threshold");
	ok(cfg.nsla >= 9, "default SLA rules");
	is_str(cfg.sla[0].name, "urgent-repair", "first rule");
	is_int(cfg.sla[0].due[HL_CLK_ARRIVE].amount, 15 * 60, "urgent repair: on site in 15m");
	ok(cfg.sla[0].kinds.categories == 1u << HL_CAT_REPAIR, "matches repairs");
	ok(cfg.sla[0].kinds.priorities == ((1u << HL_PRI_URGENT) | (1u << HL_PRI_CRITICAL)), "urgent or critical");
	int complaint = -1;
	for (size_t i = 0; i < cfg.nsla; i++)
		if (hl_streq(cfg.sla[i].name, "complaint"))
			complaint = (int)i;
	ok(complaint >= 0, "complaint rule");
	is_int(cfg.sla[complaint].due[HL_CLK_RESOLVE].unit, HL_DUR_BDAY, "complaint plan in business days");
	is_int(cfg.sla[complaint].due[HL_CLK_RESOLVE].amount, 2, "within 2 working days (004 9.3.2)");
	is_int(cfg.sla[complaint].due[HL_CLK_REPLY].amount, 86400, "reply within 24h (the sales office's rules)");
	ok(!cfg.organisation && !cfg.unit, "no organisation by default");
	hl_config_free(&cfg);

	const char *org = "organisation: 阳光物业有限公司\nunit: 客服中心\n";
	ok(hl_config_load_text("h.yaml", org, strlen(org), &cfg, &err) == 0, "organisation and unit: %s",
	   hl_buf_str(&err));
	is_str(cfg.organisation, "阳光物业有限公司", "the organisation, for report titles");
	is_str(cfg.unit, "客服中心", "and its unit");
	hl_config_free(&cfg);
	bad("organisation: [a, b]\n", "h.yaml:1:15: 'organisation' must be a value, not a list");

	const char *text =
		"timezone: Asia/Shanghai\n"
		"ticket: {prefix: BX, digits: 5}\n"
		"departments:\n"
		"  - {name: 工程部, head: 李工, phone: \"13800000001\"}\n"
		"  - name: 客服部\n"
		"    head: 王经理\n"
		"staff:\n"
		"  - {name: 张三, dept: 工程部, role: repairer}\n"
		"  - {name: 李工, dept: 工程部, role: head}\n"
		"  - {name: 王经理, dept: 客服部, role: head}\n";
	ok(hl_config_load_text("h.yaml", text, strlen(text), &cfg, &err) == 0, "file loads: %s",
	   hl_buf_str(&err));
	is_str(cfg.prefix, "BX", "prefix from the file");
	is_int(cfg.digits, 5, "digits from the file");
	is_int(cfg.ndepts, 2, "two departments");
	is_str(hl_config_dept(&cfg, "客服部")->head, "王经理", "block mapping department");
	is_str(hl_config_person(&cfg, "张三")->dept, "工程部", "staff member");
	ok(cfg.nsla >= 9, "sla section kept from the defaults");
	is_str(cfg.timezone, "Asia/Shanghai", "time zone");
	hl_config_free(&cfg);

	bad("dept_head: x\n", "h.yaml:1:1: unknown key 'dept_head'");
	bad("departments:\n  - {name: A, dept_head: x}\n", "h.yaml:2:15: unknown key 'dept_head'");
	bad("departments: {name: A}\n", "h.yaml:1:14: 'departments' must be a list, not a mapping");
	bad("departments:\n  - {head: x}\n", "h.yaml:2:5: department without name");
	bad("departments:\n  - {name: A}\n  - {name: A}\n", "h.yaml:3:5: department 'A' is listed twice");
	bad("departments:\n  - {name: A}\nstaff:\n  - {name: B, dept: C}\n",
	    "h.yaml:4:5: unknown department 'C'");
	bad("ticket:\n  digits: many\n", "h.yaml:2:11: 'digits' must be a whole number from 1 to 9");
	bad("ticket:\n  prefix: \"H L\"\n", "h.yaml:2:11: ticket prefix 'H L' must be letters and digits");
	bad("followup: {reopen_at: 7}\n", "h.yaml:1:23: 'reopen_at' must be a whole number from 0 to 5");
	bad("sla:\n  - {name: x, ack: -5m}\n", "h.yaml:2:20: negative duration '-5m'");
	bad("sla:\n  - {name: x, ack: soon}\n", "h.yaml:2:20: bad duration 'soon' (want e.g. 30m, 24h, 8bh, 2bd)");
	bad("sla:\n  - {name: x, acknowledge: 5m}\n", "h.yaml:2:15: unknown key 'acknowledge'");
	bad("sla:\n  - {name: x, match: {category: cooking}}\n", "h.yaml:2:33: unknown category 'cooking' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)");
	bad("sla:\n  - {ack: 5m}\n", "h.yaml:2:5: sla rule without name");
	bad("sla:\n  - {name: x, ack: [5m]}\n", "h.yaml:2:20: 'ack' must be a value, not a list");
	bad("timezone: Mars/Olympus\n", "h.yaml:1:11: unknown time zone 'Mars/Olympus' (want e.g. Asia/Shanghai)");
	bad("timezone: ../../etc/passwd\n", "h.yaml:1:11: unknown time zone '../../etc/passwd'");
	bad("ticket: {prefix: A}\nticket: {prefix: B}\n", "h.yaml:2:1: duplicate key 'ticket'");
	bad("a: &x [1]\nb: *x\n", "h.yaml:1:4: YAML anchors and aliases are not allowed");
	/* the calls section */
	bad("calls: {answer_within: 2bh}\n", "h.yaml:1:24: answer_within wants clock time up to an hour (\"20s\")");
	bad("calls: {short_abandon: soon}\n", "h.yaml:1:24: bad duration 'soon' (want e.g. 30m, 24h, 8bh, 2bd)");
	bad("calls: {channel: pigeon}\n", "h.yaml:1:18: unknown channel 'pigeon'");
	bad("calls: {agent: x}\n", "h.yaml:1:9: unknown key 'agent'");
	bad("calls:\n  cdr: {time: t}\n", "h.yaml:2:8: cdr needs at least the id and time columns");
	bad("calls:\n  cdr: {id: i, time: t, result: r}\n", "h.yaml:2:8: cdr: a result column wants the answered values");
	bad("calls:\n  cdr: {id: i, time: t, colour: c}\n", "h.yaml:2:25: unknown key 'colour'");
	bad("staff:\n  - {name: 王芳}\ncalls:\n  agents: {SIP/8001: 王五}\n", "h.yaml:4:22: unknown person '王五'");
	bad("ticket:\n\tprefix: A\n", "h.yaml:2:1: found character that cannot start any token while scanning for the next token");
	bad("- just\n- a list\n", "h.yaml:1:1: 'the configuration' must be a mapping, not a list");
	bad("ladder: []\n", "h.yaml:1:1: unknown key 'ladder'");
	hl_buf_free(&err);
	{
		const char *y = "calls:\n  channel: 400\n  answer_within: 30s\n  agents: {SIP/1: A}\n"
				"  cdr: {id: 编号, time: 时间, result: 结果, answered: [已接听, ANSWERED]}\n";
		ok(hl_config_load_text("h.yaml", y, strlen(y), &cfg, &err) == 0, "a calls section: %s", err.s ? err.s : "");
		is_int(cfg.calls.channel, HL_CH_HOTLINE400, "channel by its Chinese alias");
		is_int(cfg.calls.answer_within, 30, "answer_within in seconds");
		is_int(cfg.calls.short_abandon, 5, "short_abandon's default");
		is_str(hl_telephony_agent(&cfg.calls, "SIP/1"), "A", "an agent named");
		is_str(hl_telephony_agent(&cfg.calls, "SIP/2"), "SIP/2", "an agent not named stays as it is");
		is_int(cfg.calls.cdr.nanswered, 2, "answered values");
		hl_config_free(&cfg);
	}
	return tap_done();
}
