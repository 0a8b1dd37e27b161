# calls.sh - the phone system's calls: hl-log import (Asterisk queue_log,
# a CSV export of call records) and hl-report calls, on hand-written
# samples of the documented formats
DATA=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/../lib.sh"
HL_REPORT="$HL_BIN/hl-report"
export HL_CONFIG="$DATA/calls.yaml" HL_NOW=2026-11-03T10:30:00+08:00 HL_ACTOR=asterisk
QL="$DATA/queue_log"
incomplete="hl-log: $QL:31: incomplete last line (still being written?), left for the next import"

run "$HL_LOG" import --asterisk "$QL"
is_status "import a queue_log" 0
is_out "the missed calls' new tickets" "HL-20261103-0001
HL-20261103-0002
HL-20261103-0003"
is_err "the call still being written is left" "$incomplete"
is "one record per finished call, in the order they came" \
	"$(tail -n +2 hotline.csv | cut -d, -f2-4,8,9,20-24)" \
",call,王芳,张三,13800138000,1793667600.1,hotline,answered,12,180
HL-20261103-0001,missed,asterisk,李四,13911112222,1793667600.2,hotline,abandoned,45,
,call,SIP/8002,,13700001111,1793667600.3,hotline,answered,30,120
,call,asterisk,,,1793667600.4,hotline,abandoned,3,
HL-20261103-0002,missed,asterisk,,13622223333,1793667600.5,hotline,timeout,120,
HL-20261103-0003,missed,asterisk,,13533334444,1793667600.6,hotline,exitkey,20,
,call,asterisk,,13444445555,1793667600.7,hotline,rerouted,60,
,call,李强,,13444445555,1793667600.7,overflow,answered,10,240"
is "an unanswered call without a number says so" "$(grep -c ',1793667600.4,hotline,abandoned,3,,missed: no number to call back (caller id .anonymous.),$' hotline.csv)" 1
is "times are when the call reached the queue, channel from the configuration" \
	"$(sed -n 3p hotline.csv | cut -d, -f1,7)" "2026-11-03T09:05:00+08:00,hotline400"
is "a missed call that rang a person is theirs to call back (the 400-line rules)" \
	"$(grep ,missed, hotline.csv | cut -d, -f2,11,12 | tr '\n' ' ')" \
	"HL-20261103-0001,客服部,王芳 HL-20261103-0002,客服部,李强 HL-20261103-0003,, "

before=$(sum hotline.csv)
run "$HL_LOG" import --asterisk "$QL"
is_status "the same file again" 0
is_out "adds no ticket" ""
is "adds nothing" "$(sum hotline.csv)" "$before"

# the file grew: the half-written line completed, one more call
{ cat "$QL"; printf 'LLER|5|115|1\n1793671300|1793667600.9|hotline|NONE|ENTERQUEUE||13211112222|1\n1793671330|1793667600.9|hotline|NONE|ABANDON|1|1|30\n'; } > longer
run "$HL_LOG" import --asterisk longer
is_status "a longer version of the file" 0
is_out "only the new missed call gets a ticket" "HL-20261103-0004"
is "only the two calls that ended since are added" "$(tail -n +10 hotline.csv | cut -d, -f2,3,20,22-24)" \
",call,1793667600.8,answered,5,115
HL-20261103-0004,missed,1793667600.9,abandoned,30,"
run "$HL_LOG" import --asterisk "$QL" longer - < /dev/null
is "the old and the new file together, stdin empty: still nothing twice" "$(wc -l < hotline.csv | tr -d ' ')" "11"

# cron jobs that overlap: each import runs under the journal's lock and
# sees what the others wrote
for i in 1 2 3 4; do "$HL_LOG" -f race.csv import --asterisk "$QL" > "race.$i" 2>/dev/null & done
wait
is "four imports at once: every call once" \
	"$(tail -n +2 race.csv | cut -d, -f20,21 | sort | uniq -d | wc -l | tr -d ' ') $(($(wc -l < race.csv) - 1))" "0 8"
is "and three tickets in all" "$(cat race.1 race.2 race.3 race.4 | sort -u | wc -l | tr -d ' ')" "3"

# line ends: LF, CRLF, a CR alone (an old Mac tool's), or a mix; each
# imports as the LF file does (a CR-only file once imported nothing, exit 0)
mkdir ends && cd ends || exit 2
head -n 30 "$QL" > lf.log
"$HL_LOG" -f lf.csv import --asterisk lf.log > lf.ids
for kind in crlf cr mixed; do
	case $kind in
	crlf) sed 's/$/\r/' lf.log ;;
	cr) tr '\n' '\r' < lf.log ;;
	mixed) awk '{ printf "%s%s", $0, NR % 3 == 0 ? "\r\n" : NR % 3 == 1 ? "\r" : "\n" }' lf.log ;;
	esac > $kind.log
	run "$HL_LOG" -f $kind.csv import --asterisk $kind.log
	is "$kind line ends: exit 0, no warning" "$rc $(cat "$T/err")" "0 "
	is "$kind line ends: the same tickets" "$(cat "$T/out")" "$(cat lf.ids)"
	is "$kind line ends: the same journal" "$(cksum < $kind.csv)" "$(cksum < lf.csv)"
done
printf '1793667600|c1|q|NONE|ENTERQUEUE||13800001111|1\r1793667630|c1|q|NONE|ABANDON|1|1|30\r1793667640|c2|q' > torn.log
run "$HL_LOG" -f torn.csv import --asterisk torn.log
is "CR line ends, the last one unfinished: the finished lines go in" "$rc $(cat "$T/out")" "0 HL-20261103-0001"
is_err "and the unfinished one is left" \
	"hl-log: torn.log:3: incomplete last line (still being written?), left for the next import"
cd .. || exit 2

# caller ids as phone systems write them: a URI, fullwidth digits, spaces,
# 0086; each a missed call owed a call-back. One that is no number at all
# stays a call record that says so, and the report counts it.
mkdir cid && cd cid || exit 2
n=0
for cid in '"王五" <tel:+8613700000004>' '１３７０００００００５' '+86 137 0000 0006' \
	'0086-137-0000-0007' 'sip:13700000008@pbx.example.com' '（１３７）0000.0009' \
	'anonymous' '' 'Restricted <sip:anonymous@anonymous.invalid>'; do
	n=$((n + 1))
	printf '%s|c%s|hotline|NONE|ENTERQUEUE||%s|1\n%s|c%s|hotline|NONE|ABANDON|1|1|30\n' \
		$((1793667600 + n * 60)) $n "$cid" $((1793667630 + n * 60)) $n
done > cid.log
run "$HL_LOG" import --asterisk cid.log
is "caller ids: imported" "$rc $(cat "$T/err")" "0 "
is "every number a missed call with its phone" "$(grep ,missed, hotline.csv | cut -d, -f9 | tr '\n' ' ')" \
	"13700000004 13700000005 13700000006 13700000007 13700000008 13700000009 "
is "the rest: calls that say why nobody can be called back" "$(tail -n +2 hotline.csv | grep ,call, | cut -d, -f9,25 | tr '\n' ' ')" \
	",missed: no number to call back (caller id 'anonymous') ,missed: no number to call back (no caller id) ,missed: no number to call back (caller id 'sip:anonymous@anonymous.invalid') "
run "$HL_REPORT" calls --from 2026-11-03 --to 2026-11-03 -o csv
is "hl-report calls counts them: missed_no_number" \
	"$(sed -n '/^队列,/,/^合计/p' "$T/out" | tr -d '\r' | cut -d, -f14,19 | tr '\n' ' ')" \
	"未接工单,未接无号码 6,3 6,3 "
cd .. || exit 2

# the missed calls are tickets with call-back deadlines
HL_NOW=2026-11-03T10:45:00+08:00 run "$HL_LOG" callback HL-20261103-0001 已回电
is_status "a missed call called back" 0
HL_NOW=2026-11-03T12:00:00+08:00 run "$HL_BIN/hl-escalate" -o text --lang en
is_err "escalate reads call records without a word" ""
like "a missed call not returned in 2 hours: its owner's head is told" "$(cat "$T/out")" \
	"overdue +HL-20261103-0002 +callback +11-03 11:30 +30m +客服部/李强 +赵主管 \(head\)"
is "the one called back in time is not" "$(grep -c HL-20261103-0001 "$T/out")" "0"
run "$HL_BIN/hl-route"
is_err "route reads call records without a word" \
	"hl-route: $DATA/calls.yaml has no routes: only reopened tickets go back to their department"

# ---- the report ----
run "$HL_REPORT" calls --from 2026-11-03 --to 2026-11-03 -o csv --no-bom
is_status "calls report" 0
is "per queue: offered, answered, abandoned, speed of answer, service level, call-backs" \
	"$(sed -n '/^队列,/,/^合计/p' "$T/out" | tr -d '\r')" \
"队列,呼入,接通,放弃,短时放弃,其他未接,放弃率%,呼损率%,平均应答秒,平均通话秒,服务水平%,服务水平(含放弃)%,等待未知,未接工单,及时回拨,超时回拨,待回拨,及时回拨率%,未接无号码,短时放弃未建单
hotline,8,3,2,1,3,25.0,62.5,15.7,138.3,66.7,25.0,0,4,1,3,0,25.0,1,0
overflow,1,1,0,0,0,0.0,0.0,10.0,240.0,100.0,100.0,0,0,0,0,0,,0,0
合计,8,4,2,1,2,25.0,50.0,14.2,163.8,75.0,37.5,0,4,1,3,0,25.0,1,0"
is "per hour of day" "$(sed -n '/^时段,/,/^合计/p' "$T/out" | tr -d '\r')" \
"时段,呼入,接通,放弃,短时放弃,其他未接,放弃率%,呼损率%,平均应答秒,平均通话秒,服务水平%,服务水平(含放弃)%,等待未知
\"	09:00\",7,4,1,1,2,14.3,42.9,14.2,163.8,75.0,42.9,0
\"	10:00\",1,0,1,0,0,100.0,100.0,,,,0.0,0
合计,8,4,2,1,2,25.0,50.0,14.2,163.8,75.0,37.5,0"
is "per agent" "$(sed -n '/^坐席,/,/^合计/p' "$T/out" | tr -d '\r')" \
"坐席,接通,占比%,平均应答秒,通话分钟,平均通话秒
SIP/8002,1,25.0,30.0,2.0,120.0
李强,1,25.0,10.0,4.0,240.0
王芳,2,50.0,8.5,4.9,147.5
合计,4,100.0,14.2,10.9,163.8"
run "$HL_REPORT" weekly --week 2026-W45
like "the weekly report has the queue too" "$(cat "$T/out")" "呼叫队列"
run "$HL_REPORT" calls --from 2026-11-03 --to 2026-11-03
like "aligned text with Chinese headers" "$(sed -n 4p "$T/out")" "^队列 +呼入 +接通 +放弃"
run "$HL_REPORT" calls --from 2026-11-04 --to 2026-11-04 -o csv --no-bom
is "a day without calls: zero offered" "$(sed -n '/^合计/p' "$T/out" | head -n 1 | tr -d '\r' | cut -d, -f1-3)" "合计,0,0"

# ---- bad input: a clear message and nothing written ----
printf '1793667600|c1|q|NONE|ENTERQUEUE||138|1\nhello world\n' > bad.log
refuse "not a queue_log line" 2 \
	"hl-log: bad.log:2: not a queue_log line (want epoch|callid|queue|agent|event|data...)" \
	"$HL_LOG" import --asterisk bad.log
printf 'yesterday|c1|q|NONE|ABANDON|1|1|30\n' > bad.log
refuse "a bad time" 2 "hl-log: bad.log:1: bad time 'yesterday' (want seconds since 1970, a date after 2000)" \
	"$HL_LOG" import --asterisk bad.log
printf '1793667600|c1|q\377|NONE|ABANDON|1|1|30\n' > bad.log
refuse "not UTF-8" 2 "hl-log: bad.log:1: invalid UTF-8 in field 'queue'" \
	"$HL_LOG" import --asterisk bad.log
printf '1893667600|c1|q|NONE|ENTERQUEUE||13800001111|1\n1893667630|c1|q|NONE|ABANDON|1|1|30\n' > bad.log
refuse "calls from the future" 2 "hl-log: bad.log:2: time 2030-01-03T18:46:40+08:00 is in the future" \
	"$HL_LOG" import --asterisk bad.log
refuse "a missing file" 2 "hl-log: nosuch.log: No such file or directory" \
	"$HL_LOG" import --asterisk nosuch.log
refuse "which kind of log" 2 "hl-log: import needs --asterisk (a queue_log) or --cdr (a CSV export)
usage: hl-log [options] import --asterisk|--cdr [--encoding NAME] [FILE ...]" "$HL_LOG" import "$QL"
refuse "one kind at a time" 2 "hl-log: import reads one kind of log: --asterisk or --cdr
usage: hl-log [options] import --asterisk|--cdr [--encoding NAME] [FILE ...]" "$HL_LOG" import --asterisk --cdr "$QL"
refuse "--at is for single entries" 2 "hl-log: --at is for single entries; calls carry their own time" \
	"$HL_LOG" --at 09:00 import --asterisk "$QL"

# ---- a CSV export (400-number provider): Chinese columns, BOM, CRLF ----
mkdir cdr && cd cdr || exit 2
run "$HL_LOG" import --cdr "$DATA/cdr.csv"
is_status "import call records" 0
is_out "the missed call's ticket" "HL-20261103-0001"
is "mapped through the configuration: Excel's dates and durations understood" \
	"$(tail -n +2 hotline.csv | cut -d, -f1-4,9,20-24)" \
"2026-11-03T09:02:00+08:00,,call,王芳,13800138000,A001,客服,answered,8,195
2026-11-03T09:15:30+08:00,HL-20261103-0001,missed,asterisk,13911112222,A002,客服,abandoned,45,
2026-11-03T09:20:00+08:00,,call,asterisk,,A003,客服,abandoned,2,
2026-11-03T10:05:00+08:00,,call,8002,02165551234,A004,客服,answered,15,95"
before=$(sum hotline.csv)
run "$HL_LOG" import --cdr "$DATA/cdr.csv"
is "imported again: nothing twice" "$(sum hotline.csv) $(cat "$T/out")" "$before "
printf '话单编号,呼入时间,主叫号码,坐席,技能组,排队时长,通话时长\nA9,2026-11-03 09:00,1,2,3,4,5\n' > short.csv
refuse "a mapped column missing" 2 \
	"hl-log: short.csv: no column '呼叫结果' (the calls section's cdr mapping names it)" \
	"$HL_LOG" import --cdr short.csv
printf '话单编号,呼入时间,主叫号码,坐席,技能组,排队时长,通话时长,呼叫结果\nA9,3 Nov 09:00,1,2,3,4,5,已接听\n' > bad.csv
refuse "a time it cannot read" 2 "hl-log: bad.csv:2: bad time '3 Nov 09:00' (want 2026-11-03 09:14:05)" \
	"$HL_LOG" import --cdr bad.csv
printf '话单编号,呼入时间,主叫号码,坐席,技能组,排队时长,通话时长,呼叫结果\nA9,2026-11-03 09:00,1,2,3,4,5分,已接听\n' > bad.csv
refuse "a duration it cannot read" 2 "hl-log: bad.csv:2: bad 通话时长 '5分' (want seconds, M:SS or H:MM:SS)" \
	"$HL_LOG" import --cdr bad.csv
printf '\273\260\265\245,time\n1,2\n' > gbk.csv
refuse "a GBK export" 2 \
	"hl-log: gbk.csv:1: column names are not UTF-8 (a GBK export? --encoding gb18030 reads it)" \
	"$HL_LOG" import --cdr gbk.csv
printf 'calls:\n  cdr: {id: id, time: start, caller: from, talk: billsec}\n' > epoch.yaml
printf 'id,start,from,billsec\nB1,1793667600,13800138000,61\nB2,1793667660,13800138001,0\n' > epoch.csv
HL_CONFIG=epoch.yaml run "$HL_LOG" -f epoch-journal.csv import --cdr epoch.csv
is "epoch seconds; no result column: answered when it has talk time" \
	"$(tail -n +2 epoch-journal.csv | cut -d, -f1,3,9,22,24 | tr '\n' ' ')" \
	"2026-11-03T09:00:00+08:00,call,13800138000,answered,61 2026-11-03T09:01:00+08:00,missed,13800138001,abandoned, "
printf 'id,start,from,billsec\nM1,2026-11-03 09:00:00.999,13800138000,61\nM2,2026-11-03 09:02:59,13800138001,0\n' > ms.csv
HL_CONFIG=epoch.yaml run "$HL_LOG" -f ms-journal.csv import --cdr ms.csv
is "an export's milliseconds are dropped, as documented (calls count whole seconds)" \
	"$rc $(tail -n +2 ms-journal.csv | cut -d, -f1 | tr '\n' ' ')" "0 2026-11-03T09:00:00+08:00 2026-11-03T09:02:59+08:00 "
printf 'id,start,from,billsec\nL1,2016-12-31 23:59:60,13800138000,61\n' > leap.csv
HL_CONFIG=epoch.yaml refuse "an export's leap second" 2 \
	"hl-log: leap.csv:2: bad time '2016-12-31 23:59:60' (want 2026-11-03 09:14:05)" \
	"$HL_LOG" import --cdr leap.csv
HL_CONFIG=/dev/null refuse "no mapping configured" 2 \
	"hl-log: no cdr columns in the configuration (calls: cdr: format: or id:, time:, ...)" \
	"$HL_LOG" import --cdr "$DATA/cdr.csv"
cd .. || exit 2

# ---- a journal made before hl-log knew calls ----
mkdir old && cd old || exit 2
printf 'time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,level,clock,notify,score,verdict,rule,text\n2026-11-03T08:00:00+08:00,HL-20261103-0001,open,王芳,consult,,,,,,,,,,,,,,,问路\n' > hotline.csv
chmod 600 hotline.csv   # a journal of callers is private (else a warning)
head -n 30 "$QL" > whole.log
refuse "an old journal has no call columns" 2 \
	"hl-log: whole.log:7: column 'call' is not in the journal's header (a journal older than the column: carry it over, see hl-journal(5))" \
	"$HL_LOG" import --asterisk whole.log
"$HL_LOG" -f hotline.csv export | "$HL_LOG" -f new.csv append > /dev/null
run "$HL_LOG" -f new.csv import --asterisk whole.log
is_status "carried over to a new journal, the import goes in" 0
is "the old tickets kept their ids, the new ones follow" "$(cut -d, -f2 new.csv | grep . | tail -n 4 | tr '\n' ' ')" \
	"HL-20261103-0001 HL-20261103-0002 HL-20261103-0003 HL-20261103-0004 "
done_testing
