# routelang.sh - hl-route --explain in one language: each line of a
# routed ticket's explanation in Chinese (rules, pool, round-robin,
# least-open, leave and delegate, off duty, the head, reopened, returned,
# no rule), the English word for word under --lang en, the records in
# the journal's words either way, and the Chinese lined up at 80 columns
# wherever the English is
. "$(dirname "$0")/../lib.sh"
HL_ROUTE="$HL_BIN/hl-route"

cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李}
  - {name: 客服部, head: 周敏}
staff:
  - {name: 老李, dept: 工程部}
  - {name: 张伟, dept: 工程部}
  - {name: 陈刚, dept: 工程部}
  - {name: 李强, dept: 工程部}
  - {name: 周敏, dept: 客服部}
  - {name: 王芳, dept: 客服部}
  - {name: 刘洋, dept: 客服部}
roster:
  - {name: 工程白班, time: "08:00-17:00", people: [张伟, 陈刚, 李强]}
  - {name: 客服白班, time: "08:00-20:00", people: [王芳, 刘洋]}
leave:
  - {person: 陈刚, from: 2026-11-03, to: 2026-11-04, delegate: 李强}
  - {person: 刘洋, from: 2026-11-03, to: 2026-11-04}
routes:
  - name: gas
    match: {keywords: [燃气]}
    dept: 工程部
    person: 陈刚
  - name: repair
    match: {category: repair}
    dept: 工程部
    pool: [陈刚, 张伟, 李强]
  - name: complaint
    match: {category: complaint}
    dept: 客服部
    pool: [王芳, 刘洋]
    strategy: least-open
  - name: phone
    match: {channel: phone}
    dept: 工程部
escalation:
  manager: {name: 周敏}
sla:
  - name: all
    match: {}
    ack: 30m
YAML
grep -v -e '^escalation:' -e 'manager:' hotline.yaml > nomanager.yaml

at() { HL_NOW="2026-11-03T$1:00+08:00"; export HL_NOW; }
# explain LANG...: the explanation (stderr) of a run in that language
explain() { "$HL_ROUTE" "$@" --explain 2>&1 >/dev/null; }
# indent: each line's leading spaces, a line a line
indent() { sed 's/[^ ].*//' | awk '{ print length($0) }'; }
# fits NAME EN ZH: the two explanations have their lines in the same
# places, and a Chinese line is no wider than 80 columns where the
# English line is
fits() {
	is "$1: a Chinese line for each English line, indented alike" \
		"$(printf '%s\n' "$3" | indent)" "$(printf '%s\n' "$2" | indent)"
	printf '%s\n' "$2" | width > en.w
	printf '%s\n' "$3" | width > zh.w
	over=$(paste -d' ' en.w zh.w | awk '$1 <= 80 && $2 > 80' | wc -l)
	is "$1: no Chinese line beyond 80 columns where the English fits" "$over" 0
}

at 09:00; "$HL_LOG" open -c repair -l 1栋 水管漏 > /dev/null
at 09:30; "$HL_LOG" open -c complaint -m phone -t 13800000001 噪音扰民 > /dev/null
at 10:00; "$HL_LOG" open -c consult -m wechat 问个事 > /dev/null
at 10:30; "$HL_LOG" open -c repair 燃气味道 > /dev/null
at 19:00; "$HL_LOG" open -c repair -l 2栋 停电 > /dev/null
at 20:00

# ---- a first dispatch: every kind of line ----
zh=$(explain)
is "Chinese (LC_MESSAGES): the whole explanation" "$zh" \
"HL-20261103-0001 报修 1栋 2026-11-03T09:00:00+08:00
  规则 gas：不匹配（关键词）
  规则 repair：匹配
  人员池 3 人，轮派，从 陈刚 起
    陈刚：休假，代理人 李强，值班（工程白班）
  → 工程部 / 李强，期限 2026-11-03T20:30:00+08:00
HL-20261103-0002 投诉 2026-11-03T09:30:00+08:00
  规则 gas：不匹配（关键词）
  规则 repair：不匹配（类别）
  规则 complaint：匹配
  人员池 2 人，最少在办优先
    王芳：值班（客服白班）
      在办 0 张
    刘洋：休假，无代理人
  → 客服部 / 王芳，期限 2026-11-03T20:30:00+08:00
HL-20261103-0003 咨询 2026-11-03T10:00:00+08:00
  规则 gas：不匹配（关键词）
  规则 repair：不匹配（类别）
  规则 complaint：不匹配（类别）
  规则 phone：不匹配（渠道）
  无匹配规则：留待话务员派单
HL-20261103-0004 报修 2026-11-03T10:30:00+08:00
  规则 gas：匹配
  指定人员 陈刚
    陈刚：休假，代理人 李强，值班（工程白班）
  → 工程部 / 李强，期限 2026-11-03T20:30:00+08:00
HL-20261103-0005 报修 2栋 2026-11-03T19:00:00+08:00
  规则 gas：不匹配（关键词）
  规则 repair：匹配
  人员池 3 人，轮派，从 张伟 起
    张伟：不在班
    李强：不在班
    陈刚：休假，代理人 李强，不在班
  19:00 无人值班，转部门负责人 老李
  → 工程部 / 老李，期限 2026-11-03T20:30:00+08:00"
en=$(explain --lang en)
is "--lang en: the English, word for word" "$en" \
"HL-20261103-0001 repair 1栋 2026-11-03T09:00:00+08:00
  rule gas: no, keywords
  rule repair: matches
  pool of 3, round-robin from 陈刚
    陈刚: on leave, delegate 李强: on duty (工程白班)
  -> 工程部 / 李强, due 2026-11-03T20:30:00+08:00
HL-20261103-0002 complaint 2026-11-03T09:30:00+08:00
  rule gas: no, keywords
  rule repair: no, category
  rule complaint: matches
  pool of 2, fewest open tickets
    王芳: on duty (客服白班)
      0 open
    刘洋: on leave, no delegate
  -> 客服部 / 王芳, due 2026-11-03T20:30:00+08:00
HL-20261103-0003 consult 2026-11-03T10:00:00+08:00
  rule gas: no, keywords
  rule repair: no, category
  rule complaint: no, category
  rule phone: no, channel
  no rule matches: left for an operator to assign
HL-20261103-0004 repair 2026-11-03T10:30:00+08:00
  rule gas: matches
  person 陈刚
    陈刚: on leave, delegate 李强: on duty (工程白班)
  -> 工程部 / 李强, due 2026-11-03T20:30:00+08:00
HL-20261103-0005 repair 2栋 2026-11-03T19:00:00+08:00
  rule gas: no, keywords
  rule repair: matches
  pool of 3, round-robin from 张伟
    张伟: off duty
    李强: off duty
    陈刚: on leave, delegate 李强: off duty
  nobody on duty at 19:00; to the head, 老李
  -> 工程部 / 老李, due 2026-11-03T20:30:00+08:00"
is "the C locale: English" "$(LC_MESSAGES=C explain)" "$en"
is "--lang zh in the C locale: Chinese" "$(LC_MESSAGES=C explain --lang zh)" "$zh"
fits "first dispatch" "$en" "$zh"

# the records keep the journal's words whatever the language
"$HL_ROUTE" --lang zh --explain > zh.csv 2>/dev/null
"$HL_ROUTE" --lang en --explain > en.csv 2>/dev/null
is "--lang: the records the same in either language" "$(cksum < zh.csv)" "$(cksum < en.csv)"
is "... in the journal's words" \
	"$(grep -c -e ',repair,,,,,,"round-robin: 陈刚 on leave, delegate 李强; first deadline: ack",' \
		-e ',repair,,,,,,"nobody on duty at 19:00; to the head, 老李; first deadline: ack",' zh.csv)" 2
refuse "--lang: an unknown language" 2 "hl-route: unknown language 'fr' (zh or en)" \
	"$HL_ROUTE" --lang fr --explain
refuse "--lang: the language checked without --explain too" 2 \
	"hl-route: unknown language 'de' (zh or en)" "$HL_ROUTE" --lang de
run "$HL_ROUTE" --lang zh
is "--lang zh without --explain: the records alone" "$rc $(cksum < "$T/out") $(cat "$T/err")" \
	"0 $(cksum < en.csv) "
"$HL_LOG" append zh.csv > /dev/null
# the ticket no rule takes is not the operator's worry below
"$HL_LOG" void 3 --reason 测试

# ---- reopened; returned once ----
at 20:10
"$HL_LOG" --by 李强 resolve 1 修好了
"$HL_LOG" reopen 1 又漏了
"$HL_LOG" --by 王芳 return 2 --reason 非本部门
zh=$(explain)
is "Chinese: reopened, returned once" "$zh" \
"HL-20261103-0002 投诉 2026-11-03T09:30:00+08:00（退单）
  规则 gas：不匹配（关键词）
  规则 repair：不匹配（类别）
  规则 complaint：不匹配（该部门退过此单）
  规则 phone：匹配
  → 工程部，期限 2026-11-03T20:40:00+08:00
HL-20261103-0001 报修 1栋 2026-11-03T20:10:00+08:00（重开）
  重开：交回原办理部门 工程部，原办理人 李强
    李强：不在班
  20:10 无人值班，转部门负责人 老李
  → 工程部 / 老李，期限 2026-11-03T20:40:00+08:00"
en=$(explain --lang en)
is "--lang en: reopened, returned once" "$en" \
"HL-20261103-0002 complaint 2026-11-03T09:30:00+08:00 (returned)
  rule gas: no, keywords
  rule repair: no, category
  rule complaint: no, returned by that department
  rule phone: matches
  -> 工程部, due 2026-11-03T20:40:00+08:00
HL-20261103-0001 repair 1栋 2026-11-03T20:10:00+08:00 (reopened)
  reopened: back to 工程部, 李强
    李强: off duty
  nobody on duty at 20:10; to the head, 老李
  -> 工程部 / 老李, due 2026-11-03T20:40:00+08:00"
fits "reopened, returned" "$en" "$zh"
"$HL_ROUTE" | "$HL_LOG" append

# ---- returned twice: to the hotline's head, or left for a person ----
at 20:20
"$HL_LOG" --by 老李 return 2 --reason 也不是
zh=$(explain)
is "Chinese: returned twice, to the hotline's head" "$zh" \
"HL-20261103-0002 投诉 2026-11-03T09:30:00+08:00（退单）
  退单 2 次：转热线负责人 周敏
  → 客服部 / 周敏，期限 2026-11-03T20:50:00+08:00"
en=$(explain --lang en)
is "--lang en: returned twice" "$en" \
"HL-20261103-0002 complaint 2026-11-03T09:30:00+08:00 (returned)
  returned 2 times: to the hotline's head, 周敏
  -> 客服部 / 周敏, due 2026-11-03T20:50:00+08:00"
fits "returned twice" "$en" "$zh"
zh=$(explain -C nomanager.yaml)
is "Chinese: returned twice, no manager" "$zh" \
"HL-20261103-0002 投诉 2026-11-03T09:30:00+08:00（退单）
  退单 2 次：留待热线负责人派单（未设升级负责人，或其在人员名单中没有部门）"
en=$(explain -C nomanager.yaml --lang en)
is "--lang en: returned twice, no manager" "$en" \
"HL-20261103-0002 complaint 2026-11-03T09:30:00+08:00 (returned)
  returned 2 times: left for the hotline's head to assign (no escalation manager with a department on the staff list)"
fits "returned twice, no manager" "$en" "$zh"
is "the no-manager line fits 80 columns in Chinese, the English does not" \
	"$(printf '%s\n' "$zh" | width | awk '$1 > 80' | wc -l) $(printf '%s\n' "$en" | width | awk '$1 > 80' | wc -l)" "0 1"

# ---- no roster at all: everyone reachable; no SLA: no deadline ----
cat > noroster.yaml <<'YAML'
timezone: Asia/Shanghai
departments: [{name: 工程部, head: 老李}]
staff: [{name: 老李, dept: 工程部}, {name: 张伟, dept: 工程部}]
routes: [{name: repair, dept: 工程部, pool: [张伟]}]
sla: []
YAML
export HL_JOURNAL=noroster.csv
"$HL_LOG" open -c repair 漏水 > /dev/null
is "Chinese: no roster, no deadline" "$(explain -C noroster.yaml)" \
"HL-20261103-0001 报修 2026-11-03T20:20:00+08:00
  规则 repair：匹配
  人员池 1 人，轮派，从 张伟 起
    张伟：未排班（随时可派）
  → 工程部 / 张伟，期限 无"
is "--lang en: no roster, no deadline" "$(explain -C noroster.yaml --lang en)" \
"HL-20261103-0001 repair 2026-11-03T20:20:00+08:00
  rule repair: matches
  pool of 1, round-robin from 张伟
    张伟: on no shift (always reachable)
  -> 工程部 / 张伟, due none"
done_testing
