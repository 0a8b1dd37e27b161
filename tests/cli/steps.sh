# steps.sh - the steps that act on a ticket's clocks: return (退单),
# extend with approve or refuse (延期), supervise (督办), review (审核):
# each step's rules and refusals, its trail, its round trip, and what
# --explain and the reports make of it
. "$(dirname "$0")/../lib.sh"
HL_ROUTE="$HL_BIN/hl-route" HL_ESC="$HL_BIN/hl-escalate" HL_REP="$HL_BIN/hl-report"

cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李}
  - {name: 客服部, head: 周敏}
staff:
  - {name: 老李, dept: 工程部}
  - {name: 张伟, dept: 工程部}
  - {name: 周敏, dept: 客服部, roles: [值班长]}
  - {name: 王芳, dept: 客服部}
routes:
  - {name: repair, match: {category: repair}, dept: 工程部}
  - {name: front, dept: 客服部}
escalation:
  manager: {name: 周敏}
extension: {approver: 值班长, max: 2}
review: [complaint]
sla:
  - name: complaint
    match: {category: complaint}
    resolve: 2h
  - name: all
    match: {}
    assign: 15m
    ack: 30m
    resolve: 2bd
    followup: 3d
    supervise: 2h
YAML

# cols TITLE HEADER...: the table of that title (-: the first, whose
# title is shown only beside others), those columns (by their Chinese
# header) of each row joined by commas, the rows by spaces
cols() {
	title=$1; shift
	tr -d '\r' < "$T/out" | awk -F, -v title="$title" -v want="$*" '
		at == 0 && title == "-" && NR == 1 && index($0, ",") == 0 { next }
		at == 0 && ($0 == title || (title == "-" && index($0, ","))) { at = 1; if (title != "-") next }
		at == 1 { n = split(want, w, " "); for (i = 1; i <= n; i++) for (k = 1; k <= NF; k++) if ($k == w[i]) c[i] = k; at = 2; next }
		at == 2 && $0 == "" { exit }
		at == 2 { line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? "," : "") $c[i]; printf "%s ", line }'
}
# a journal's round trip through YAML: the same records back
round_trip() {
	"$HL_LOG" export -o yaml > all.yaml
	run "$HL_LOG" -f copy.csv append all.yaml
	is "$1: export -o yaml | append takes them back" "$rc" 0
	is "$1: ... record for record" "$("$HL_LOG" -f copy.csv export)" "$("$HL_LOG" export)"
}
at() { HL_NOW="2026-11-0${2:-3}T$1:00+08:00"; export HL_NOW; }
MONTHLY=-

# ---- return (退单): back to dispatch, the dispatch's error ----
mkdir ret && cd ret && cp ../hotline.yaml . || exit 2
at 09:00
"$HL_LOG" open -c repair -t 13700000001 楼上漏水 > /dev/null
refuse "return of a ticket not dispatched" 2 "hl-log: HL-20261103-0001: ticket is not dispatched" \
	"$HL_LOG" return 1 --reason 非本部门
at 09:05
"$HL_ROUTE" | "$HL_LOG" append
refuse "return needs a reason" 2 "hl-log: return needs --reason (why the ticket is not this department's)" \
	"$HL_LOG" return 1
printf 'event,ticket\nreturn,HL-20261103-0001\n' > r.csv
refuse "append: a return record without its reason" 2 "hl-log: r.csv:2: return record without text (the reason)" \
	"$HL_LOG" append r.csv
at 09:10
run "$HL_LOG" --by 老李 return 1 --reason 非本部门 漏水在公共区域
is "return: who sent it back, whose dispatch (department, rule), the reason" \
	"$rc $(tail -n 1 hotline.csv | cut -d, -f3,4,11,19,25)" "0 return,老李,工程部,repair,非本部门: 漏水在公共区域"
refuse "a returned ticket waits for dispatch: no second return" 2 \
	"hl-log: HL-20261103-0001: ticket is not dispatched" "$HL_LOG" return 1 --reason x
run "$HL_ROUTE" --lang en --explain
like "hl-route: not back to the department that sent it back" "$(cat "$T/err")" "rule repair: no, returned by that department"
at 09:20
"$HL_ROUTE" | "$HL_LOG" append
is "... the next rule's department" "$(tail -n 1 hotline.csv | cut -d, -f3,11,19)" "route,客服部,front"
# the return counts against the dispatch: the assign clock (15m from
# 09:00) ran on to the dispatch after the return (09:20), 5m late; the
# ack clock waits for that dispatch: 30m from 09:20, not from 09:05
run "$HL_ESC" --explain HL-20261103-0001
is "--explain: the return in the trail, the assign clock to the new dispatch, the ack from it" \
	"$(sed -n '2,4p' "$T/out")" "returned 1 time
assign   15m from 11-03 09:00 (rule all) -> due 11-03 09:15; done late by 5m
ack      30m from 11-03 09:20 (rule all) -> due 11-03 09:50; running, 30m left; warn 11-03 09:44"
at 09:30
"$HL_LOG" --by 王芳 return 1 --reason 不归客服部
run "$HL_ROUTE" --lang en --explain
like "returned twice: to the hotline's head (the escalation manager)" "$(cat "$T/err")" \
	"returned 2 times: to the hotline's head, 周敏"
"$HL_ROUTE" | "$HL_LOG" append
is "... routed to the head, by the rule 'returned'" "$(tail -n 1 hotline.csv | cut -d, -f3,11,12,19)" \
	"route,客服部,周敏,returned"
at 09:40
"$HL_LOG" --by 周敏 ack 1
at 10:00
"$HL_LOG" --by 周敏 resolve 1 已修好
at 10:30
"$HL_LOG" followup 1 --score 5
round_trip "return"
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
# one ticket, in the department it ended in (客服部). Its clocks: assign
# late (due 09:15, dispatched for good 09:30), ack met (09:30 -> 09:40,
# due 10:00), resolve met (due 11-05 09:00), followup met (due 11-06
# 10:00, 10:30): 3 of 4 = 75.0%, assign 0 of 1 = 0.0%
is "monthly: the returned ticket once, its assign clock late" \
	"$(cols $MONTHLY 部门 受理 按时率% 派单按时% 签收按时%)" "客服部,1,75.0,0.0,100.0 合计,1,75.0,0.0,100.0 "
# the two returns: 工程部's of rule repair, 客服部's of rule front
# (sorted by their bytes: 客 E5 AE before 工 E5 B7); 1 + 1 = 2
is "monthly: returns by department and rule" "$(cols 退单 部门 派单规则 退单数)" \
	"客服部,front,1 工程部,repair,1 合计,,2 "
run "$HL_REP" monthly --month 2026-10 -o csv --no-bom
is "monthly: no returns table for a month without returns" "$(grep -c 退单 "$T/out")" 0
run "$HL_REP" weekly --from 2026-11-03 --to 2026-11-03 -o csv
is "weekly: received once however often returned" \
	"$(tr -d '\r' < "$T/out" | grep -E '^2026-11-03,' | cut -d, -f1,2)" "2026-11-03,1"
# the day's clocks: assign (late, due 09:15) and ack (met, due 10:00);
# the assignee 周敏 has the late one: the dispatch's, not 工程部's
run "$HL_REP" staff --from 2026-11-03 --to 2026-11-03 -o csv
is "staff: the late dispatch is the head's who took it, no one's in 工程部" \
	"$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1-4 | tr '\n' ' ')" "周敏,0,1,1 王芳,1,0,0 合计,1,1,1 "
cd ..

# a ticket returned twice with no manager on the staff: left for a person
mkdir ret2 && cd ret2 && grep -v -e '^escalation:' -e 'manager:' ../hotline.yaml > hotline.yaml || exit 2
at 09:00
"$HL_LOG" open -c repair 漏水 > /dev/null
at 09:05
"$HL_ROUTE" | "$HL_LOG" append
"$HL_LOG" return 1 --reason 非本部门
"$HL_ROUTE" | "$HL_LOG" append
"$HL_LOG" return 1 --reason 也不是
run "$HL_ROUTE" --lang en --explain
is "returned twice, no manager: nothing routed" "$rc" 1
like "... said why" "$(cat "$T/err")" "returned 2 times: left for the hotline's head to assign"
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: its two returns" "$(cols 退单 部门 派单规则 退单数)" "客服部,front,1 工程部,repair,1 合计,,2 "
"$HL_LOG" void 1 --reason 测试
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: a void ticket's returns are in no count" "$(grep -c 退单 "$T/out")" 0
cd ..

# ---- extend (延期): asked, approved or refused, at most max ----
mkdir ext && cd ext && cp ../hotline.yaml . || exit 2
at 09:00
"$HL_LOG" open -c help -t 13700000002 独居老人求助 > /dev/null
at 09:05
"$HL_LOG" assign 1 -d 工程部 -a 张伟
at 09:10
"$HL_LOG" --by 张伟 ack 1
CLOCKS="assign, ack, reply, arrive, update, resolve, followup, callback, supervise"
run "$HL_LOG" extend --help
is "extend --help: its usage, what it records" "$rc $(cat "$T/out")" \
	"0 usage: hl-log [options] extend TICKET --clock CLOCK --by DURATION --reason REASON [TEXT]
extend: 延期: more time asked for one clock (approve or refuse decides)"
refuse "--clock is extend's" 2 "hl-log: ack does not take --clock
usage: hl-log [options] ack TICKET [TEXT]" "$HL_LOG" ack 1 --clock resolve
refuse "extend needs --clock" 2 "hl-log: extend needs --clock (one of: $CLOCKS)" \
	"$HL_LOG" extend 1 --by 2bd --reason 等配件
refuse "extend: an unknown clock" 2 "hl-log: unknown clock 'fix' (one of: $CLOCKS)" \
	"$HL_LOG" extend 1 --clock fix --by 2bd --reason 等配件
refuse "extend needs --by" 2 "hl-log: extend needs --by DURATION (the time asked for: 2bd, 24h)" \
	"$HL_LOG" extend 1 --clock resolve --reason 等配件
refuse "extend: --by is a duration" 2 "hl-log: extend --by wants a duration such as 2bd or 24h, not 'soon'" \
	"$HL_LOG" extend 1 --clock resolve --by soon --reason 等配件
refuse "extend needs a reason" 2 "hl-log: extend needs --reason (why more time)" \
	"$HL_LOG" extend 1 --clock resolve --by 2bd
refuse "extend of a clock the ticket does not run" 2 \
	"hl-log: HL-20261103-0001: the reply clock does not run for this ticket" \
	"$HL_LOG" extend 1 --clock reply --by 2bd --reason x
refuse "extend of a clock that has stopped" 2 "hl-log: HL-20261103-0001: the ack clock has stopped" \
	"$HL_LOG" extend 1 --clock ack --by 1h --reason x
refuse "approve with nothing asked" 2 "hl-log: HL-20261103-0001: no extension waits for approval" \
	"$HL_LOG" --by 周敏 approve 1
printf 'event,ticket,clock,due,text\nextend,HL-20261103-0001,resolve,tomorrow,x\n' > e.csv
refuse "append: an extension's due is a duration" 2 \
	"hl-log: e.csv:2: bad due 'tomorrow' (an extension wants a duration: 2bd, 24h)" "$HL_LOG" append e.csv
at 09:20
run "$HL_LOG" --by 张伟 extend 1 --clock resolve --by 2bd --reason 等配件
is "extend: the clock, the time asked for (in due), the reason" \
	"$rc $(tail -n 1 hotline.csv | cut -d, -f3,4,13,15,25)" "0 extend,张伟,2bd,resolve,等配件"
refuse "one extension waits at a time" 2 "hl-log: HL-20261103-0001: an extension already waits for approval" \
	"$HL_LOG" --by 张伟 extend 1 --clock resolve --by 1bd --reason 再等
refuse "approve takes the configured role" 2 \
	"hl-log: HL-20261103-0001: 王芳 cannot approve an extension (it takes the role '值班长' on the staff list)" \
	"$HL_LOG" --by 王芳 approve 1
run "$HL_ESC" --explain HL-20261103-0001
is "--explain: the extension waiting" "$(sed -n 2p "$T/out")" "extension asked: resolve +2bd, waits for approval"
at 09:30
"$HL_LOG" --by 周敏 approve 1 同意
# 2bd from Tue 11-03 09:00 is Thu 11-05 09:00; 2bd more, over the
# weekend, Mon 11-09 09:00
run "$HL_ESC" --explain HL-20261103-0001
like "--explain: the deadline moved by the extension approved" "$(grep '^resolve' "$T/out")" \
	"^resolve  2bd from 11-03 09:00 \(rule all\) \+ 2bd extended \(approved 11-03 09:30\) -> due 11-09 09:00; running"
at 09:40
"$HL_LOG" --by 张伟 extend 1 --clock resolve --by 1bd --reason 再等
at 09:45
run "$HL_LOG" --by 周敏 refuse 1 --reason 不再延期
is "refuse: taken, its reason" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,4,25)" "0 refuse,周敏,不再延期"
run "$HL_ESC" --explain HL-20261103-0001
like "... a refused extension moves nothing" "$(grep '^resolve' "$T/out")" "-> due 11-09 09:00;"
at 09:50
"$HL_LOG" --by 张伟 extend 1 --clock resolve --by 1d --reason 配件缺货
"$HL_LOG" --by 周敏 approve 1
run "$HL_ESC" --explain HL-20261103-0001
like "a second extension adds on: 1d more, 11-10 09:00" "$(grep '^resolve' "$T/out")" \
	"\+ 2bd extended \(approved 11-03 09:30\) \+ 1d extended \(approved 11-03 09:50\) -> due 11-10 09:00"
refuse "at most extension: max (2) a ticket" 2 \
	"hl-log: HL-20261103-0001: at most 2 extensions a ticket (extension: max in the configuration)" \
	"$HL_LOG" --by 张伟 extend 1 --clock resolve --by 1bd --reason 还要
# on 11-05 10:00 the deadline before the extensions has passed: no notice
at 10:00 5
run "$HL_ESC" -o csv
is "hl-escalate: no breach of the extended deadline" "$(cut -d, -f15 "$T/out" | grep -c resolve)" 0
at 10:00 6
"$HL_LOG" --by 张伟 resolve HL-20261103-0001 已上门
at 10:30 6
"$HL_LOG" followup HL-20261103-0001 --score 5
round_trip "extend"
# its clocks: assign met (09:05 < 09:15), ack met (09:10 < 09:35),
# resolve met (11-06 10:00 < 11-10 09:00; late by the 2bd alone), followup
# met: 4 of 4; one clock extended
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: on time with the extension, one clock extended" \
	"$(cols $MONTHLY 部门 受理 按时率% 办结按时% 延期)" "工程部,1,100.0,100.0,1 合计,1,100.0,100.0,1 "
# the month's deadlines: none late; the resolve extended, 张伟's
run "$HL_REP" staff --month 2026-11 -o csv --no-bom
is "staff: extended beside the breaches" "$(tr -d '\r' < "$T/out" | sed 1d | tr '\n' ' ')" \
	"张伟,0,1,0,0,1 王芳,1,0,0,0,0 合计,1,1,0,0,1 "
run "$HL_REP" monthly --month 2026-10 -o csv --no-bom
is "monthly: no extended column in a month without" "$(grep -c 延期 "$T/out")" 0
cd ..

# with no staff list, anyone approves
mkdir ext2 && cd ext2 && grep -v -e '^staff:' -e '^  - {name: .*dept' -e '^escalation:' -e 'manager:' \
	../hotline.yaml > hotline.yaml || exit 2
at 09:00
"$HL_LOG" open -c help 求助 > /dev/null
"$HL_LOG" extend 1 --clock resolve --by 1bd --reason 等
run "$HL_LOG" approve 1
is "no staff list: anyone approves" "$rc" 0
cd ..

# ---- supervise (督办): a notice with a deadline of its own ----
mkdir sup && cd sup && cp ../hotline.yaml . || exit 2
at 09:00
"$HL_LOG" open -c help -t 13700000003 路灯不亮 > /dev/null
"$HL_LOG" open -c help -t 13700000004 井盖松动 > /dev/null
"$HL_LOG" open -c help -t 13700000005 树枝挡路 > /dev/null
refuse "supervise of a ticket not dispatched" 2 "hl-log: HL-20261103-0003: ticket is not dispatched" \
	"$HL_LOG" supervise 3 请尽快派单
at 09:05
"$HL_LOG" assign 1 -d 工程部
"$HL_LOG" assign 2 -d 工程部
at 09:10
"$HL_LOG" --by 老李 ack 1
"$HL_LOG" --by 老李 ack 2
refuse "supervise needs a text" 2 "hl-log: supervise needs a text (the notice)" "$HL_LOG" supervise 1
printf 'event,ticket\nsupervise,HL-20261103-0001\n' > s.csv
refuse "append: a supervise record without its notice" 2 \
	"hl-log: s.csv:2: supervise record without text (the notice)" "$HL_LOG" append s.csv
at 10:00
run "$HL_LOG" --by 周敏 supervise 1 请今天内答复
is "supervise: the centre's notice" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,4,25)" "0 supervise,周敏,请今天内答复"
"$HL_LOG" --by 周敏 supervise 2 请今天内答复
run "$HL_ESC" --explain HL-20261103-0001
is "--explain: the notice, its clock (supervise: 2h)" "$(sed -n 2p "$T/out"; grep '^supervise ' "$T/out")" \
	"supervised 1 time, last 11-03 10:00
supervise 2h from 11-03 10:00 (rule all) -> due 11-03 12:00; running, 2h left; warn 11-03 11:36"
at 11:00
"$HL_LOG" --by 老李 update 2 已派人
at 12:30
run "$HL_ESC" -o csv
is "hl-escalate: the unanswered notice escalated like any clock, to the department's head" \
	"$(tr -d '\r' < "$T/out" | awk -F, '$15 == "supervise" { print $2, $16 }')" "HL-20261103-0001 老李"
at 13:00
"$HL_LOG" --by 老李 update 1 已安排
run "$HL_ESC" --explain HL-20261103-0001
like "--explain: the department's next step answers it" "$(grep '^supervise ' "$T/out")" "done late by 1h$"
round_trip "supervise"
# two tickets supervised (0001, 0002; 0003 never dispatched): 0002's
# notice answered at 11:00 (due 12:00), 0001's at 13:00: 1 of 2 = 50.0
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: supervised tickets, the notices answered on time" \
	"$(cols $MONTHLY 部门 受理 督办按时回复% 督办)" "工程部,2,50.0,2 未派单,1,,0 合计,3,50.0,2 "
# the day's deadlines: assign 09:15 met twice, 0003's missed; ack 09:35
# met twice; supervise 0001 late, 0002 met: 0003's and 0001's breaches,
# the opener's (no assignee)
run "$HL_REP" staff --from 2026-11-03 --to 2026-11-03 -o csv
is "staff: the late answer a breach" "$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1-4 | tr '\n' ' ')" \
	"王芳,3,0,2 合计,3,0,2 "
cd ..

# ---- review (审核): a resolve waits for the centre's review ----
mkdir rev && cd rev && cp ../hotline.yaml . || exit 2
at 09:00
"$HL_LOG" open -c complaint -t 13700000006 楼下噪音 > /dev/null
"$HL_LOG" open -c help -t 13700000007 求助 > /dev/null
at 09:05
"$HL_LOG" assign 1 -d 工程部
"$HL_LOG" assign 2 -d 工程部
at 09:10
"$HL_LOG" --by 老李 ack 1
"$HL_LOG" --by 老李 ack 2
refuse "review of a ticket not resolved" 2 "hl-log: HL-20261103-0001: ticket is not resolved" \
	"$HL_LOG" --by 周敏 review 1 --accept
at 10:00
"$HL_LOG" --by 老李 resolve 1 --verdict valid 已沟通
"$HL_LOG" --by 老李 resolve 2
refuse "review takes --accept or --reject" 2 "hl-log: review takes --accept or --reject" \
	"$HL_LOG" --by 周敏 review 1
refuse "... not both" 2 "hl-log: review takes --accept or --reject" \
	"$HL_LOG" --by 周敏 review 1 --accept --reject
refuse "review of a category not reviewed" 2 \
	"hl-log: HL-20261103-0002: help tickets are not reviewed (review in the configuration)" \
	"$HL_LOG" --by 周敏 review 2 --accept
refuse "followup waits for the review" 2 \
	"hl-log: HL-20261103-0001: the resolve waits for its review (review --accept)" \
	"$HL_LOG" followup 1 --score 5
refuse "close waits for it too" 2 \
	"hl-log: HL-20261103-0001: the resolve waits for its review (review --accept)" "$HL_LOG" close 1
printf 'event,ticket\nreview,HL-20261103-0001\n' > v.csv
refuse "append: a review record without its verdict" 2 \
	"hl-log: v.csv:2: review record without verdict (accepted or rejected)" "$HL_LOG" append v.csv
at 10:30
run "$HL_LOG" --by 周敏 review 1 --reject 未回复业主
is "review --reject: the verdict rejected" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,4,18,25)" \
	"0 review,周敏,rejected,未回复业主"
run "$HL_ESC" --explain HL-20261103-0001
like "... back to the department, its resolve clock running" "$( (head -n 1 "$T/out"; grep '^resolve' "$T/out") | tr '\n' ' ')" \
	"complaint, normal, acked.*resolve  2h from 11-03 09:00 \(rule complaint\) -> due 11-03 11:00; running"
at 11:00
"$HL_LOG" --by 老李 resolve 1 --verdict valid 已回复业主
at 11:30
run "$HL_LOG" --by 周敏 review 1 --accept
is "review --accept" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,18)" "0 review,accepted"
refuse "a resolve is reviewed once" 2 "hl-log: HL-20261103-0001: the resolve is already reviewed" \
	"$HL_LOG" --by 周敏 review 1 --accept
# the resolve clock stops at the accepted review (11:30), not at the
# resolve (11:00, on the dot): late by 30m; the followup counts from it
# (3d, its warning at 80%: 57h36m on, 11-05 21:06)
run "$HL_ESC" --explain HL-20261103-0001
is "--explain: the resolve clock stopped at the review, the followup from it" \
	"$(grep -e '^resolve' -e '^followup' "$T/out")" \
	"resolve  2h from 11-03 09:00 (rule complaint) -> due 11-03 11:00; done late by 30m
followup 3d from 11-03 11:30 (rule all) -> due 11-06 11:30; running, 3d left; warn 11-05 21:06"
at 12:00
run "$HL_LOG" followup 1 --score 5
is "followup after the review" "$rc" 0
round_trip "review"
# 0001: resolve late (above); 0002: resolve met (10:00, due 11-05
# 09:00): 1 of 2 = 50.0; one resolve rejected in review
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: the reviewed resolve late, one rejected" \
	"$(cols $MONTHLY 部门 受理 有效投诉 办结按时% 审核驳回)" "工程部,2,1,50.0,1 合计,2,1,50.0,1 "
# the day's deadlines: assign and ack met for both, 0001's resolve late
run "$HL_REP" staff --from 2026-11-03 --to 2026-11-03 -o csv
is "staff: the late resolve a breach" "$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1-4 | tr '\n' ' ')" \
	"王芳,2,0,1 合计,2,0,1 "
run "$HL_REP" weekly --from 2026-11-03 --to 2026-11-03 -o csv
is "weekly: the complaint resolved once, valid" \
	"$(tr -d '\r' < "$T/out" | grep -E '^工程部,' | tail -n 1)" "工程部,1,1,0,0,1,0"
cd ..

done_testing
