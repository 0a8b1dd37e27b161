# todo.sh - what an operator asks every hour: hl-report todo (one's work,
# the nearest deadline first), the tickets' search, exit statuses like
# grep's, text fitted to the terminal's width
DATA=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/../lib.sh"
HL_REPORT="$HL_BIN/hl-report"
export HL_CONFIG="$DATA/report.yaml" HL_NOW=2026-12-01T00:00:00+08:00
"$HL_LOG" append "$DATA/report-journal.csv" > /dev/null
# a burst pipe: a caller's name, a note in Latin letters, a long text
printf '%s\n' 'time,ticket,event,actor,category,caller,phone,place,dept,assignee,text' \
	'2026-11-30T20:00:00+08:00,,open,刘洋,repair,Zhang San,021-5555 0199,5栋2单元,,,水管爆了，一楼全淹了，楼下也在漏水，请马上派人来关总阀门' \
	'2026-11-30T20:05:00+08:00,HL-20261130-0001,assign,刘洋,,,,,工程部,张伟,' \
	'2026-11-30T20:30:00+08:00,HL-20261130-0001,note,刘洋,,,,,,,Valve LEAKING again' |
	HL_NOW=2026-11-30T20:30:00+08:00 "$HL_LOG" append > /dev/null

# ---- todo ----
run "$HL_REPORT" todo -o csv --no-bom
is_status "todo: HL_ACTOR's" 0
is "todo: each ticket once, its nearest deadline, the latest first" "$(tr -d '\r' < "$T/out")" \
"工单,时钟,到期时间,剩余(小时),超时(小时),地点,来电人,电话,内容
HL-20261102-0001,签收,2026-11-02 09:40,,686.3,3栋,,139****0002,又吵了
HL-20261102-0004,回拨,2026-11-03 21:00,,651.0,,,137****0004,"
run "$HL_REPORT" todo --by 张伟
is_status "todo --by" 0
is "todo --by: the running clock, time left, place, caller, words" "$(sed -n 4p "$T/out")" \
	"HL-20261130-0001  签收  2026-11-30 20:35        3小时25分  5栋2单元  Zhang San  021****0199  水管爆了，一楼全淹了，楼下也在漏水，请马上派人来关总阀门"
HL_NOW=2026-11-30T20:31:00+08:00 run "$HL_REPORT" todo --by 张伟
like "todo: before the deadline, the time left" "$(sed -n 4p "$T/out")" \
	"^HL-20261130-0001  签收  2026-11-30 20:35   4分        5栋2单元  "
run "$HL_REPORT" todo --dept 客服部 -o csv --no-bom
is "todo --dept: the department's, with whose" "$(cut -d, -f1,2,3 "$T/out" | tr -d '\r' | tr '\n' ' ')" \
	"工单,承办人,时钟 HL-20261102-0001,王芳,签收 HL-20261102-0004,王芳,回拨 HL-20261103-0001,刘洋,跟进 "
run "$HL_REPORT" todo --by 张伟 -o notify
is "todo -o notify: a line a person, what, when and where" "$(cat "$T/out")" \
	"张伟			[hl] HL-20261130-0001 ack overdue by 3h25m (due 11-30 20:35) [repair; 5栋2单元; 水管爆了，一楼全淹了，…]"
run "$HL_REPORT" todo --by 周敏
is_status "todo of someone with nothing to do" 1
HL_ACTOR= run "$HL_REPORT" todo
is_status "todo: whose?" 2
is_err "todo: whose?" "hl-report: todo: whose? (--by PERSON, --dept DEPT or HL_ACTOR)"
run "$HL_REPORT" tickets -o notify
is_err "-o notify is todo's" "hl-report: -o notify is for todo"

# ---- the search ----
found() { "$HL_REPORT" tickets "$@" -o csv --no-bom | tail -n +2 | cut -d, -f1 | tr '\n' ' '; }
is "--grep: Chinese as written" "$(found --grep 漏水)" "HL-20261130-0001 "
is "--grep: the notes too, Latin in any case" "$(found --grep 'valve leaking')" "HL-20261130-0001 "
is "--grep: the words of any event" "$(found --grep 换了)" "HL-20261030-0001 "
is "--place: a glob" "$(found --place '5栋*')" "HL-20261030-0001 HL-20261130-0001 "
is "--place: ? is one character, Chinese too" "$(found --place '?栋')" "HL-20261030-0001 HL-20261031-0001 HL-20261102-0001 "
is "--caller: part of the name, any case" "$(found --caller zhang)" "HL-20261130-0001 "
is "--phone: any part, as written" "$(found --phone '5555-01')" "HL-20261130-0001 "
is "--phone: the digits of two tickets" "$(found --phone 0002)" "HL-20261031-0001 HL-20261102-0001 "
is "--assignee" "$(found --assignee 张伟)" "HL-20261030-0001 HL-20261130-0001 "
is "--state" "$(found --state missed)" "HL-20261102-0004 "
is "--from/--to: opened within" "$(found --from 2026-11-02 --to 2026-11-02 --assignee 王芳)" "HL-20261102-0001 "
is "filters together" "$(found --state assigned --place '3*')" "HL-20261102-0001 "
run "$HL_REPORT" tickets --grep 水管 -o csv --no-bom
is "the table: caller, next deadline, the caller's words" \
	"$(tr -d '\r' < "$T/out" | sed -n 3p | cut -d, -f8,11,12,16)" "Zhang San,已派单,2026-11-30 20:35,水管爆了，一楼全淹了，楼下也在漏水，请马上派人来关总阀门"

# ---- exit statuses, like grep's ----
run "$HL_REPORT" tickets --grep 没有这回事
is_status "a search that matched nothing" 1
like "its table's header all the same" "$(sed -n 3p "$T/out")" "^工单 "
run "$HL_REPORT" caller 13011112222
is_status "an unknown phone" 1
run "$HL_REPORT" monthly --month 2025-01
is_status "an empty period" 1
run "$HL_REPORT" monthly --month 2026-11
is_status "a period with figures" 0
run "$HL_REPORT" tickets --dept 无此部门
is_status "an unknown department" 2
is_err "an unknown department: the known ones" "hl-report: unknown department '无此部门' (工程部, 客服部)"
run "$HL_REPORT" tickets --assignee 无名
is_err "an unknown person: the known ones" "hl-report: unknown person '无名' (王芳, 刘洋, 张伟, 老李, 周敏)"
run "$HL_REPORT" todo --by 无名
is_status "todo of an unknown person" 2
run "$HL_REPORT" tickets --category weather
is_status "an unknown category" 2
like "an unknown category: the known ones" "$(cat "$T/err")" "^hl-report: unknown category 'weather' \\(one of: consult, complaint, .*repair"
run "$HL_REPORT" tickets --state lost
is_err "an unknown state: the known ones" "hl-report: unknown state 'lost' (open, assigned, acked, resolved, closed, missed, called-back, void, linked)"
run "$HL_REPORT" tickets --phone 12ab
is_status "--phone: not a phone" 2

# ---- text that fits the terminal ----
widest() { width < "$1" | sort -n | tail -n 1; }
for rep in "monthly --month 2026-11" "weekly --week 2026-W45" "staff --month 2026-11" "tickets" \
	"caller 13900000002" "calls --month 2026-11" "todo --dept 客服部" "todo --by 张伟"; do
	# shellcheck disable=SC2086
	COLUMNS=80 "$HL_REPORT" $rep > "$T/fit" 2>/dev/null
	w=$(widest "$T/fit")
	is "COLUMNS=80: $rep fits" "$([ "${w:-0}" -le 80 ]; echo $?)" "0"
done
COLUMNS=80 run "$HL_REPORT" monthly --month 2026-11
is "a wide table in column groups, each with the row's key" "$(grep -c '^部门 ' "$T/out")" "4"
is "every group: a row a department" "$(grep -c '^合计 ' "$T/out")" "4"
run "$HL_REPORT" monthly --month 2026-11
is "a pipe: no limit, one table" "$(grep -c '^部门 ' "$T/out")" "1"
COLUMNS=104 run "$HL_REPORT" todo --by 张伟
like "the long text cut with an ellipsis" "$(sed -n 4p "$T/out")" "  水管爆了，…$"
is "and the row fits exactly" "$(sed -n 4p "$T/out" | width)" "104"
COLUMNS=80 run "$HL_REPORT" todo --by 张伟
is "too narrow for a cut worth reading: the text in the next group, cut there" "$(sed -n 7p "$T/out")" \
	"HL-20261130-0001  021****0199  水管爆了，一楼全淹了，楼下也在漏水，请马上派人来…"
COLUMNS=80 run "$HL_REPORT" tickets --columns ticket,state,text
is "--columns: the keys asked for, the row's key first" "$(sed -n 3p "$T/out")" "工单              状态    内容"
run "$HL_REPORT" tickets --columns ticket,weather
is_status "--columns: an unknown key" 2
like "--columns: the known ones" "$(cat "$T/err")" "^hl-report: unknown column 'weather' \\(ticket, opened, category"
run "$HL_REPORT" tickets
is "no colour for a pipe" "$(grep -c "$(printf '\033')" "$T/out")" "0"
done_testing
