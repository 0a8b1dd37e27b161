# life.sh - the rest of a ticket's life (issue: checks that save a bad
# day, operators' comforts, void, ...): each step's rules and refusals,
# its trail, and what the reports and clocks make of it
. "$(dirname "$0")/../lib.sh"
HL_ROUTE="$HL_BIN/hl-route" HL_ESC="$HL_BIN/hl-escalate" HL_REP="$HL_BIN/hl-report"
HEADER=time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,level,clock,notify,score,verdict,rule,call,queue,outcome,wait,talk,text,master

# ---- a fresh directory: no journal made by mistake, cron quiet ----
mkdir fresh && cd fresh || exit 2
unset HL_JOURNAL
run "$HL_ROUTE"
is_status "hl-route with no journal yet: nothing to do" 1
is "hl-route with no journal yet: says nothing for cron to mail" "$(cat "$T/out" "$T/err")" ""
run "$HL_ESC"
is_status "hl-escalate with no journal yet: nothing to do" 1
is "hl-escalate with no journal yet: says nothing" "$(cat "$T/out" "$T/err")" ""
refuse "a first write with no journal named" 2 \
	"hl-log: no journal here (hotline.csv): hl-log init makes one, or name it with -f or HL_JOURNAL" \
	"$HL_LOG" open -c repair 漏水
is "... and no file made" "$(ls)" ""
printf 'event,category,text\nopen,repair,漏水\n' > in.csv
run "$HL_LOG" append in.csv
is "append with no journal named: refused too" "$rc $(ls)" "2 in.csv"
run sh -c ": | '$HL_LOG' append"
is "an empty pipeline with no journal: nothing, no error" "$rc $(cat "$T/err") $(ls)" "0  in.csv"
run "$HL_LOG" -f nope.csv ack HL-20261103-0001
is_status "-f of a journal that does not exist" 2
is_err "... is no such journal, not an unknown ticket" "hl-log: nope.csv: no such journal"
run env HL_JOURNAL=nope.csv "$HL_LOG" resolve HL-20261103-0001
is_err "HL_JOURNAL of one that does not exist: the same" "hl-log: nope.csv: no such journal"
is "... and no file made" "$(ls)" "in.csv"
run "$HL_LOG" init
is "init makes the journal: its header, committed" "$rc $(cat hotline.csv)" "0 $HEADER"
run "$HL_LOG" init
is "init of one that exists: nothing (exit 1)" "$rc $(cat "$T/err")" \
	"1 hl-log: hotline.csv: the journal exists already"
is "... left as it was" "$(cat hotline.csv)" "$HEADER"
run "$HL_ROUTE"
is "hl-route on a new journal: nothing yet" "$rc $(cat "$T/out")" "1 "
run "$HL_LOG" open -c repair 漏水
is "after init a plain open writes" "$rc $(cat "$T/out")" "0 HL-20261103-0001"
run "$HL_ESC" --explain HL-20261103-0001
is "the cron tools read it on from their cache (kept at the header's end)" "$rc" 0
run "$HL_LOG" -f named.csv open -c repair 漏水
is "-f names a new journal: the first write makes it" "$rc $(cat "$T/out")" "0 HL-20261103-0001"
cd .. && export HL_JOURNAL=hotline.csv

# a journal of its header alone, cached by a cron run, then written to:
# the next run resumes at the header's end (it once could not seek there)
mkdir hdr && cd hdr || exit 2
printf 'departments: [{name: 工程部}]\nroutes: [{name: all, dept: 工程部}]\n' > hotline.yaml
echo "$HEADER" > hotline.csv && chmod 600 hotline.csv
run "$HL_ROUTE"
is "header-only journal: nothing to route" "$rc" 1
"$HL_LOG" open -c repair 漏水 > /dev/null
run "$HL_ROUTE"
is "... then one ticket: routed, read on from the cache" "$rc $(cut -d, -f2,3 "$T/out" | sed 1d)" "0 HL-20261103-0001,route"
is "... no error" "$(cat "$T/err")" ""
cd ..

# ---- assign: the person checked against departments, leave and duty ----
cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李}
  - {name: 客服部, head: 周敏, leader: 陈总}
staff:
  - {name: 老李, dept: 工程部}
  - {name: 张伟, dept: 工程部}
  - {name: 陈刚, dept: 工程部}
  - {name: 李强, dept: 工程部}
  - {name: 周敏, dept: 客服部}
  - {name: 王芳, dept: 客服部}
  - {name: 陈总, dept: 客服部}
roster:
  - {name: 工程白班, time: "08:00-17:30", people: [张伟, 陈刚, 李强]}
leave:
  - {person: 陈刚, from: 2026-11-02, to: 2026-11-04, delegate: 李强}
  - {person: 张伟, from: 2026-11-10, to: 2026-11-10}
YAML
T1=$("$HL_LOG" open -c repair -l 3栋 漏水)
refuse "assign to a person of another department" 2 \
	"hl-log: 张伟 is in 工程部, not 客服部 (--force to assign anyway)" \
	"$HL_LOG" assign "$T1" -d 客服部 -a 张伟
refuse "assign to a person on leave: the delegate named" 2 \
	"hl-log: 陈刚 is on leave until 2026-11-05T00:00:00+08:00: the delegate is 李强 (--force to assign anyway)" \
	"$HL_LOG" assign "$T1" -d 工程部 -a 陈刚
refuse "assign to a person off duty (--at before the shift)" 2 \
	"hl-log: 李强 is off duty at 2026-11-03T07:30:00+08:00 (--force to assign anyway)" \
	"$HL_LOG" --at 07:30 assign "$T1" -d 工程部 -a 李强
refuse "assign: --force is for assign" 2 \
	"hl-log: ack does not take --force
usage: hl-log [options] ack TICKET [TEXT]" \
	"$HL_LOG" ack "$T1" --force
run "$HL_LOG" assign "$T1" -d 工程部 -a 陈刚 --force 李强病了, 陈刚在家远程指导
is "--force assigns all the same" "$rc $(grep -c ",assign,.*,陈刚," hotline.csv)" "0 1"
run "$HL_LOG" assign "$T1" -d 工程部 -a 李强
is "an engineer on duty in his department: no question" "$rc $(cat "$T/err")" "0 "
run "$HL_LOG" assign "$T1" -d 工程部 -a 老李
is "a person on no shift is reachable any time" "$rc $(cat "$T/err")" "0 "

# ---- --by someone not on the staff list warns, and writes ----
run "$HL_LOG" --by 小赵 note "$T1" 电话打不通
is "--by a stranger: a warning" "$rc $(cat "$T/err")" \
	"0 hl-log: warning: --by 小赵: not on the staff list of hotline.yaml"
is "... and the note is written" "$(tail -n 1 hotline.csv | cut -d, -f3,4)" "note,小赵"
run "$HL_LOG" --by 周敏 note "$T1" 已联系
is "--by one of the staff: no warning" "$rc $(cat "$T/err")" "0 "

# ---- heads and leaders must be on the staff list ----
sed 's/head: 老李/head: 老王/' hotline.yaml > head.yaml
refuse "a head not on the staff list: a configuration error" 2 \
	"hl-log: head.yaml:3:5: head '老王' of 工程部 is not on the staff list" \
	"$HL_LOG" -C head.yaml note "$T1" x
sed 's/leader: 陈总/leader: 陈董/' hotline.yaml > leader.yaml
run "$HL_ESC" -C leader.yaml
is "a leader not on the staff list: every tool says so" "$rc $(cat "$T/err")" \
	"2 hl-escalate: leader.yaml:4:5: leader '陈董' of 客服部 is not on the staff list"

# ---- operators' comforts ----
mkdir comfort && cd comfort || exit 2
export HL_NOW=2026-11-03T10:00:00+08:00
for i in 1 2 3; do "$HL_LOG" --at 09:00 open -c repair -l "${i}栋" 漏水 > /dev/null; done
run "$HL_LOG" ack 3
is "today's number alone is refused where the ticket is not dispatched (the id found)" \
	"$rc $(cat "$T/err")" "2 hl-log: HL-20261103-0003: ticket is not assigned to anyone yet"
run "$HL_LOG" assign 0002 -d 工程部 --at 09:30
is "today's short id, and an option after the verb (--at)" "$rc $(tail -n 1 hotline.csv | cut -d, -f1-3)" \
	"0 2026-11-03T09:30:00+08:00,HL-20261103-0002,assign"
run "$HL_LOG" ack hl-20261103-2 --by 张伟
is "an id in lower case, its number unpadded; --by after the verb" \
	"$rc $(tail -n 1 hotline.csv | cut -d, -f2-4)" "0 HL-20261103-0002,ack,张伟"
run env HL_NOW=2026-11-04T08:00:00+08:00 "$HL_LOG" resolve 2
is "a short id is of today: yesterday's 2 is not today's" "$rc $(cat "$T/err")" \
	"2 hl-log: HL-20261104-0002: unknown ticket"
run "$HL_LOG" note 13800001111 x
is "a phone is no short id (and is masked)" "$rc $(cat "$T/err")" "2 hl-log: 138****1111: unknown ticket"
refuse "a second ticket id is refused, not taken as text" 2 \
	"hl-log: HL-20261103-0003: a second ticket id; an entry is about one ticket (quote a text that starts with one)" \
	"$HL_LOG" resolve HL-20261103-0002 HL-20261103-0003
refuse "... in any case" 2 \
	"hl-log: hl-20261103-3: a second ticket id; an entry is about one ticket (quote a text that starts with one)" \
	"$HL_LOG" resolve 2 hl-20261103-3
run "$HL_LOG" note 2 "HL-20261103-0003 同一处漏水"
is "a text that mentions one, quoted, is a text" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,25)" \
	"0 note,HL-20261103-0003 同一处漏水"
refuse "a mistyped verb: the nearest one" 2 "hl-log: unknown verb 'resovle' (did you mean resolve?)" \
	"$HL_LOG" resovle 2
refuse "a mistyped option: the nearest one the verb takes" 2 \
	"hl-log: unknown option '--scroe' (did you mean --score?)
usage: hl-log [options] followup TICKET --score 1..5 | --result 满意|基本满意|不满意 [TEXT]" "$HL_LOG" followup 2 --scroe 5
refuse "a mistyped global option" 2 \
	"hl-log: unknown option '--wiat=5' (did you mean --wait?)
$("$HL_LOG" --help)" "$HL_LOG" --wiat=5 ack 2
refuse "an option without its value" 2 "hl-log: --at wants a value
usage: hl-log [options] ack TICKET [TEXT]" "$HL_LOG" ack 2 --at
refuse "nothing near: no guess" 2 "hl-log: unknown option '--colour'
usage: hl-log [options] ack TICKET [TEXT]" "$HL_LOG" ack 2 --colour
run "$HL_LOG" resolve --help
is "VERB --help: its synopsis and what it records" "$rc $(cat "$T/out")" \
	"0 usage: hl-log [options] resolve TICKET [--verdict VERDICT] [TEXT]
resolve: done (a verdict for complaints and suggestions)"
run "$HL_LOG" -f other.csv open -c help 问路 -f hotline.csv
is "-f after the verb wins" "$rc $(test -e other.csv && echo made) $(grep -c 问路 hotline.csv)" "0  1"
run "$HL_LOG" export -o yaml 3 hl-20261103-1
is "export takes short ids too" "$rc $(cut -d, -f2 "$T/out" | tr '\n' ' ')" \
	"0  ticket: HL-20261103-0001  ticket: HL-20261103-0003 "
for v in export import init append; do
	run "$HL_LOG" $v --help
	like "$v --help: its synopsis and what it does" "$rc $(cat "$T/out")" "^0 usage: hl-log \[options\] $v.*
$v: [a-z]"
done
refuse "export: a mistyped option, the nearest one" 2 "hl-log: unknown option '--outptu' (did you mean --output?)
usage: hl-log [options] export [-o csv|yaml|xlsx] [--spreadsheet] [--no-bom] [TICKET ...]" \
	"$HL_LOG" export --outptu yaml
refuse "import: the same" 2 "hl-log: unknown option '--asterisks' (did you mean --asterisk?)
usage: hl-log [options] import --asterisk|--cdr [--encoding NAME] [FILE ...]" \
	"$HL_LOG" import --asterisks
cd ..

# ---- void: a ticket opened by mistake leaves every count and clock ----
mkdir void && cd void || exit 2
"$HL_LOG" --at 09:00 open -c repair -l 3栋 漏水 > /dev/null
"$HL_LOG" --at 09:01 open -c repair -l 3栋 楼上漏水 > /dev/null
"$HL_LOG" --at 09:02 open -c complaint -t 13700000001 测试 > /dev/null
"$HL_LOG" --at 09:10 assign 1 -d 工程部 > /dev/null
"$HL_LOG" --at 09:12 assign 2 -d 工程部 > /dev/null
refuse "void needs a reason" 2 "hl-log: void needs --reason (a mistake, a test call, a duplicate, spam...)" \
	"$HL_LOG" void 2
run "$HL_LOG" --at 09:20 void 2 --reason 重复 与 0001 同一处
is "void with a reason: the reason, then the text" "$rc $(tail -n 1 hotline.csv | cut -d, -f2-4,25)" \
	"0 HL-20261103-0002,void,王芳,重复: 与 0001 同一处"
run "$HL_LOG" --at 09:21 void 3 --reason 测试电话
is "void of an open ticket" "$rc" 0
refuse "void twice" 2 "hl-log: HL-20261103-0003: ticket is already void" "$HL_LOG" void 3 --reason x
refuse "a void ticket takes no step" 2 "hl-log: HL-20261103-0002: ticket is void" "$HL_LOG" ack 2
refuse "... nor a resolve" 2 "hl-log: HL-20261103-0002: ticket is void" "$HL_LOG" resolve 2
refuse "void of an unknown ticket" 2 "hl-log: HL-20261103-0009: unknown ticket" "$HL_LOG" void 9 --reason x
run "$HL_LOG" note 2 业主又来电
is "a note is always taken" "$rc" 0
printf 'event,ticket,text\nvoid,HL-20261103-0001,\n' > v.csv
refuse "append: a void record without its reason" 2 "hl-log: v.csv:2: void record without text (the reason)" \
	"$HL_LOG" append v.csv
refuse "the reason option is void's" 2 "hl-log: ack does not take --reason
usage: hl-log [options] ack TICKET [TEXT]" "$HL_LOG" ack 1 --reason x
# 0001 alone is counted: one received (工程部, repair). Of its five clocks
# due in November (assign 1d, ack 30m from the dispatch, arrive 1h,
# update 7d, resolve 1d) only the dispatch was in time: 1/5 = 20.0%. With
# the void 0002 (dispatched in time as well) it would be 2/10 and 2
# received.
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: a void ticket is not received, in no department" \
	"$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1-2,9,15 | tr '\n' ' ')" "工程部,1,1,20.0 合计,1,1,20.0 "
run "$HL_REP" weekly --from 2026-11-03 --to 2026-11-03 -o csv
is "weekly: received 1; no complaint (the void one was a test)" \
	"$(tr -d '\r' < "$T/out" | grep -E '^(2026-11-03|合计),' | cut -d, -f1,2 | tr '\n' ' ')" \
	"2026-11-03,1 合计,1 合计,0 "
# by the day's end 0001's ack (09:40) and arrive (10:00) are late: two
# breaches; the void 0002's (09:42, 10:01) would make four
run "$HL_REP" staff --from 2026-11-03 --to 2026-11-03 -o csv
is "staff: one first contact, 0001's two breaches, none of the void ones" \
	"$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1-4 | tr '\n' ' ')" "王芳,1,0,2 合计,1,0,2 "
run "$HL_REP" tickets --from 2026-11-03 --to 2026-11-03 -o csv
is "tickets: the void ones are not listed" "$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1 | tr '\n' ' ')" \
	"HL-20261103-0001 "
run "$HL_REP" tickets --state void --from 2026-11-03 --to 2026-11-03 -o csv
is "tickets --state void lists them" \
	"$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1 | tr '\n' ' ')" "HL-20261103-0002 HL-20261103-0003 "
run "$HL_REP" tickets --state gone
is "tickets --state: an unknown state" "$rc $(cat "$T/err")" \
	"2 hl-report: unknown state 'gone' (open, assigned, acked, resolved, closed, missed, called-back, void, linked)"
run "$HL_ESC" -o csv
is "hl-escalate: the void ticket's clocks do not run" "$(cut -d, -f2,15 "$T/out" | sed 1d | sort -u | tr '\n' ' ')" \
	"HL-20261103-0001,ack HL-20261103-0001,arrive "
run "$HL_ESC" --lang en --explain HL-20261103-0002
is "--explain: a void ticket, no clock runs" "$rc $(sed -n 1p "$T/out" | cut -d';' -f1) $(grep -c 'does not run' "$T/out")" \
	"0 HL-20261103-0002 repair, normal, void 9"
run "$HL_ROUTE"
is "hl-route: nothing to route" "$rc" 1
# YAML round trip: the void records read back as they were written
"$HL_LOG" export -o yaml > all.yaml
run "$HL_LOG" -f copy.csv append all.yaml
is "export -o yaml | append: the void records go back in" "$rc $("$HL_LOG" -f copy.csv export | cut -d, -f3 | grep -c void)" "0 2"
is "... the journal the same, record for record" "$("$HL_LOG" -f copy.csv export -o yaml | cut -d, -f2-)" "$(cut -d, -f2- all.yaml)"
# un-void: a reopen sends it back to dispatch, counted again
run "$HL_LOG" --at 09:40 reopen 3 不是测试, 是真投诉
is "reopen undoes a void" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,5,9)" "0 reopen,complaint,13700000001"
run "$HL_ESC" --explain HL-20261103-0003
like "... open again, waiting for dispatch" "$(head -n 1 "$T/out")" "^HL-20261103-0003 complaint, normal, open"
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: counted again (客服 none yet: no department)" \
	"$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1,2,4 | tr '\n' ' ')" "工程部,1,0 未派单,1,1 合计,2,1 "
cd ..

# ---- amend: a correction, the new values from then on ----
mkdir amend && cd amend || exit 2
"$HL_LOG" --at 09:00 open -c repair -t 13700000001 -l 3栋 邻居太吵 > /dev/null
"$HL_LOG" --at 09:05 open -c consult 问停水 > /dev/null
run "$HL_ESC" -o csv
is "as a repair: on site within the hour, late at 10:00" \
	"$(cut -d, -f2,15 "$T/out" | grep 0001 | tr '\n' ' ')" "HL-20261103-0001,arrive "
refuse "amend needs a field" 2 \
	"hl-log: amend record without a field to correct (category, priority, channel, caller, phone, place or text)" \
	"$HL_LOG" amend 1
refuse "amend: the vocabulary holds" 2 \
	"hl-log: unknown category 'noise' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" amend 1 -c noise
refuse "amend of an unknown ticket" 2 "hl-log: HL-20261103-0009: unknown ticket" "$HL_LOG" amend 9 -c complaint
refuse "amend: not the department (that is assign)" 2 "hl-log: amend does not take --dept
usage: hl-log [options] amend TICKET [-c CATEGORY] [-p PRIORITY] [-m CHANNEL] [-n CALLER] [-t PHONE] [-l PLACE] [TEXT]" \
	"$HL_LOG" amend 1 -d 工程部
run "$HL_LOG" --at 09:30 amend 1 -c 投诉 -t 137-0000-0002 -l 5栋 邻居装修太吵
is "amend: canonical words, the phone normalized" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,5,9,10,25)" \
	"0 amend,complaint,13700000002,5栋,邻居装修太吵"
run "$HL_ESC" -o csv
is "as a complaint from the start: no arrive clock, nothing late at 10:00" \
	"$(cut -d, -f2,15 "$T/out" | grep -c 0001)" "0"
run "$HL_ESC" --explain HL-20261103-0001
is "--explain: the complaint's rules, from the ticket's start" \
	"$(sed -n '1p;2p;/^resolve/p' "$T/out")" \
	"HL-20261103-0001 complaint, normal, open; as of 2026-11-03T10:00:00+08:00
assign   1bd from 11-03 09:00 (rule complaint) -> due 11-04 09:00; running, 23h left; warn 11-03 16:12
resolve  2bd from 11-03 09:00 (rule complaint) -> due 11-05 09:00; running, 1d23h left; warn 11-04 14:24"
"$HL_LOG" --at 09:40 resolve 2 > /dev/null
"$HL_LOG" --at 09:41 close 2 > /dev/null
run "$HL_LOG" --at 09:50 amend 2 -c help
is "a closed ticket may be corrected (the figures are)" "$rc" 0
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly counts the corrected values: a complaint and a help, no repair, no consult" \
	"$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1-9 | tr '\n' ' ')" "未派单,2,0,1,0,0,0,1,0 合计,2,0,1,0,0,0,1,0 "
run "$HL_REP" weekly --from 2026-11-03 --to 2026-11-03 -o csv
is "weekly: the corrected complaint in the complaints table" \
	"$(tr -d '\r' < "$T/out" | sed -n '/^部门,投诉/,$p' | sed 1d | cut -d, -f1,2 | tr '\n' ' ')" "未派单,1 合计,1 "
run "$HL_REP" caller 13700000002 -o csv
is "the caller's history under the corrected phone" "$(tr -d '\r' < "$T/out" | sed 1d | cut -d, -f1 | tr '\n' ' ')" \
	"HL-20261103-0001 "
run "$HL_LOG" export -o yaml HL-20261103-0001
is "export: the trail keeps both" "$(cut -d, -f3,5,7 "$T/out")" \
	" event: open, category: repair, place: \"3栋\"
 event: amend, category: complaint, place: \"5栋\""
"$HL_LOG" export > all.csv
run "$HL_LOG" -f copy.csv append all.csv
is "CSV round trip: the amends go back in as they were" "$rc $("$HL_LOG" -f copy.csv export | cut -d, -f2-)" \
	"0 $(cut -d, -f2- all.csv)"
cd ..

# ---- satisfaction in words (满意 / 基本满意 / 不满意) ----
mkdir words && cd words || exit 2
# total LABEL: the 合计 row's value of the monthly column LABEL
total() { tr -d '\r' < "$T/out" | awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i }
	$1 == "合计" { print $c }'; }
for i in 1 2 3 4; do
	"$HL_LOG" --at 09:0$i open -c consult -t 1370000000$i 问 > /dev/null
	"$HL_LOG" --at 09:1$i resolve $i > /dev/null
done
run "$HL_LOG" --at 09:30 followup 1 --result 满意 谢谢
is "--result 满意: the word kept, the score 5" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,17,18,25)" \
	"0 followup,5,satisfied,谢谢"
run "$HL_LOG" --at 09:31 followup 2 --result 基本满意
is "--result 基本满意: the score fair_at gives (4)" "$rc $(tail -n 1 hotline.csv | cut -d, -f3,17,18)" \
	"0 followup,4,fair"
run "$HL_LOG" --at 09:32 followup 3 --result unsatisfied
is "--result 不满意: score 1, and back to the department" "$rc $(tail -n 2 hotline.csv | cut -d, -f3,17,18,25 | tr '\n' ' ')" \
	"0 followup,1,unsatisfied, reopen,,,回访不满意 (score 1) "
run "$HL_LOG" --at 09:33 followup 4 --score 3
is "--score 3 still works (不满意 by the default words)" "$rc" 0
refuse "--score and --result together" 2 "hl-log: followup takes --score or --result, not both" \
	"$HL_LOG" followup 1 --score 5 --result 满意
refuse "an unknown result" 2 "hl-log: unknown result '还行' (one of: satisfied, fair, unsatisfied)" \
	"$HL_LOG" followup 1 --result 还行
printf 'event,ticket,verdict\nresolve,HL-20261103-0003,满意\n' > r.csv
refuse "a result is no verdict of a resolve" 2 \
	"hl-log: r.csv:2: unknown verdict '满意' (one of: valid, invalid, adopted, declined)" "$HL_LOG" append r.csv
printf 'event,ticket,score,verdict\nfollowup,HL-20261103-0001,5,valid\n' > f.csv
refuse "a verdict is no result of a followup" 2 \
	"hl-log: f.csv:2: unknown result 'valid' (one of: satisfied, fair, unsatisfied)" "$HL_LOG" append f.csv
run "$HL_ESC" --explain HL-20261103-0003
like "--explain: the unsatisfied ticket is open again" "$(head -n 1 "$T/out")" "consult, normal, open \(reopened\)"
# four 回访: 满意, 基本满意, 不满意, score 3 (不满意): 满意率 = (1 + 1) / 4,
# the plain 满意 share 1 / 4
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: 回访 4, 满意率 50.0, 满意 25.0" "$(total 回访) $(total 满意率%) $(total 满意%)" "4 50.0 25.0"
# satisfied from 4, fair from 3: the score 3 is 基本满意; the words as said
printf 'followup: {satisfied_at: 4, fair_at: 3}\n' > words.yaml
run "$HL_REP" -C words.yaml monthly --month 2026-11 -o csv
is "configured words: 满意率 75.0 (score 3 基本满意), 满意 25.0" "$(total 满意率%) $(total 满意%)" "75.0 25.0"
run "$HL_LOG" -C words.yaml --at 09:40 followup 1 --result 基本满意
is "... and 基本满意 is written as fair_at's score (3)" "$(tail -n 1 hotline.csv | cut -d, -f17,18)" "3,fair"
printf 'followup: {satisfied_at: 4, fair_at: 4}\n' > bad.yaml
refuse "fair_at must be below satisfied_at" 2 "hl-log: bad.yaml:1:11: fair_at (4) must be below satisfied_at (4)" \
	"$HL_LOG" -C bad.yaml note 1 x
"$HL_LOG" export -o yaml > all.yaml
run "$HL_LOG" -f copy.csv append all.yaml
is "YAML round trip: the words go back in" "$rc $("$HL_LOG" -f copy.csv export | cut -d, -f2-)" "0 $("$HL_LOG" export | cut -d, -f2-)"
cd ..

# ---- the 12345 rules' categories: 举报, 表扬, 其他 ----
mkdir cats && cd cats || exit 2
printf '%s\n' 'departments: [{name: 监察室}, {name: 客服部}]' \
	'routes: [{name: reports, match: {category: report}, dept: 监察室}, {name: rest, dept: 客服部}]' > hotline.yaml
"$HL_LOG" --at 09:00 open -c 举报 -l 2栋 楼道堆放易燃物 > /dev/null
"$HL_LOG" --at 09:01 open -c 表扬 保安很负责 > /dev/null
"$HL_LOG" --at 09:02 open -c praise 保洁很好 > /dev/null
"$HL_LOG" --at 09:03 open -c 咨询 问停车 > /dev/null
is "the Chinese words written as report, praise" "$(cut -d, -f5 hotline.csv | sed 1d | tr '\n' ' ')" \
	"report praise praise consult "
run "$HL_ROUTE" -o csv
is "a route matches category report" "$(cut -d, -f2,11 "$T/out" | sed 1d | tr '\n' ' ')" \
	"HL-20261103-0001,监察室 HL-20261103-0002,客服部 HL-20261103-0003,客服部 HL-20261103-0004,客服部 "
"$HL_ROUTE" | "$HL_LOG" append
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: a column for each category received, 其他 none (left out)" \
	"$(tr -d '\r' < "$T/out" | cut -d, -f1-2,10-12 | tr '\n' ' ')" \
	"部门,受理,举报,表扬,有效投诉 客服部,3,0,2,0 监察室,1,1,0,0 合计,4,1,2,0 "
run "$HL_REP" monthly --month 2026-11 --by category -o csv
is "--by category" "$(tr -d '\r' < "$T/out" | cut -d, -f1,2 | sed 1d | tr '\n' ' ')" \
	"举报,1 咨询,1 表扬,2 合计,4 "
refuse "an unknown category lists the ten" 2 \
	"hl-log: unknown category 'noise' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" open -c noise x
cd ..

done_testing
