# sla.sh - the clocks as hl-escalate(1) defines them: what starts, stops,
# pauses and moves each one, when warnings and rungs come, who hears
. "$(dirname "$0")/../lib.sh"
HL_ESC="$HL_BIN/hl-escalate"
HL_REPORT="$HL_BIN/hl-report"

at() { HL_NOW="$1"; export HL_NOW; }
new() { "$HL_LOG" open "$@"; }
# line TICKET CLOCK: that clock's line of --explain
line() { "$HL_ESC" --explain "$1" | grep "^$2 "; }
due() { line "$1" "$2" | sed -n 's/.*-> due \([0-9-]* [0-9:]*\).*/\1/p'; }
commit() { "$HL_ESC" 2>/dev/null | "$HL_LOG" append; }
# notices TICKET CLOCK: level,notify of each escalate record of the last run
notices() { grep ",$1,escalate," "$T/out" | grep ",$2," | cut -d, -f14,16 | tr '\n' ' '; }

cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李, leader: 陈总, phone: "010-12345"}
  - {name: 客服部, head: 周敏, leader: 陈总}
  - {name: 保洁部}
staff:
  - {name: 王芳, dept: 客服部, phone: "13800000001", email: wf@example.org}
  - {name: 张伟, dept: 工程部, phone: "13800000002"}
  - {name: 老李, dept: 工程部}
  - {name: 周敏, dept: 客服部}
  - {name: 陈总, dept: 客服部, phone: "13800000009"}
  - {name: 赵姐, dept: 保洁部}
escalation:
  manager: {name: 总经理, phone: "13900000000"}
YAML

# ---- 1: a breach nobody hears (built-in defaults: no departments, no manager) ----
mkdir bare && cd bare || exit 2
export HL_JOURNAL=bare.csv
at 2026-11-03T10:00:00+08:00
X=$("$HL_LOG" missed -t 13700000009)
at 2026-11-03T11:40:00+08:00
run "$HL_ESC"
is "1: the warning to the first-contact owner" "$(notices "$X" callback)" "0,王芳 "
"$HL_ESC" 2>/dev/null | "$HL_LOG" append
at 2026-11-03T12:01:00+08:00
run "$HL_ESC"
is_status "1: a breach is news" 0
is "1: nobody at any rung: the first-contact owner hears of the breach" "$(notices "$X" callback)" "1,王芳 "
"$HL_ESC" 2>/dev/null | "$HL_LOG" append
at 2026-11-03T14:01:00+08:00
run "$HL_ESC"
is_status "1: the leader's rung falls to the same person: nothing new" 1
at 2026-11-03T09:00:00+08:00
Y=$(new -c consult 问事)
"$HL_LOG" assign "$Y" -d 保洁部 -a 赵姐
at 2026-11-03T10:01:00+08:00
run "$HL_ESC"
is "1: the first-contact owner and the assignee" "$(notices "$Y" reply)" "1,王芳 1,赵姐 "
"$HL_ESC" 2>/dev/null | "$HL_LOG" append
is "1: both notices are committed" "$(grep -c ",$Y,escalate,.*,reply," bare.csv)" "2"
at 2026-11-03T12:01:00+08:00
run "$HL_ESC"
is "1: and not told again at the next rung" "$(notices "$Y" reply)" ""
export HL_JOURNAL=hotline.csv
cd "$T" || exit 2

# ---- 3: a hold after a clock finished does not rewrite it ----
export HL_JOURNAL=finished.csv
at 2026-11-03T08:00:00+08:00
R=$(new -c repair 灯不亮)
"$HL_LOG" assign "$R" -d 工程部 -a 张伟
"$HL_LOG" ack "$R"
at 2026-11-03T10:00:00+08:00
"$HL_LOG" arrive "$R"
"$HL_LOG" hold "$R" 等配件
at 2026-11-03T20:00:00+08:00
"$HL_LOG" resume "$R"
like "3: arrived an hour late stays an hour late" "$(line "$R" arrive)" 'due 11-03 09:00; done late by 1h$'
is "3: the hold moves the clocks running meanwhile" "$(due "$R" resolve)" "11-04 18:00"
HL_NOW=2026-11-30T00:00:00+08:00 run "$HL_REPORT" monthly --month 2026-11
is "3: the monthly on-time rate counts it late" \
	"$(awk '/按时/ { for (i = 1; i <= NF; i++) if ($i == "到场按时%") c = i } $1 == "工程部" { print $c }' "$T/out")" "0.0"
export HL_JOURNAL=hotline.csv

# ---- 4: a resolve ends the ack clock ----
export HL_JOURNAL=ack.csv
at 2026-11-03T09:00:00+08:00
A=$(new -c repair 水龙头坏)
at 2026-11-03T09:05:00+08:00
"$HL_LOG" assign "$A" -d 工程部 -a 张伟
at 2026-11-03T09:15:00+08:00
"$HL_LOG" arrive "$A"
at 2026-11-03T09:20:00+08:00
"$HL_LOG" resolve "$A"
at 2026-11-03T10:00:00+08:00
like "4: resolved before the ack was due: done in time" "$(line "$A" ack)" 'due 11-03 09:35; done in time'
run "$HL_ESC"
is "4: no ack breach" "$(notices "$A" ack)" ""
export HL_JOURNAL=hotline.csv

# ---- 12: hold time on a business clock counts working time ----
export HL_JOURNAL=bizhold.csv
at 2026-11-06T10:00:00+08:00   # a Friday
B=$(new -c complaint -t 13700000001 噪音)
at 2026-11-06T17:00:00+08:00
"$HL_LOG" hold "$B" 等业主
at 2026-11-09T08:00:00+08:00
"$HL_LOG" resume "$B"
at 2026-11-09T09:00:00+08:00
is "12: held over a weekend off hours: 2bd still due Tuesday 10:00" "$(due "$B" resolve)" "11-10 10:00"
export HL_JOURNAL=hotline.csv
export HL_JOURNAL=bizhold2.csv
at 2026-11-06T10:00:00+08:00
B2=$(new -c complaint -t 13700000002 漏水)
at 2026-11-06T16:00:00+08:00
"$HL_LOG" hold "$B2"
at 2026-11-09T09:00:00+08:00
"$HL_LOG" resume "$B2"
like "12: moved by the two working hours held" "$(line "$B2" resolve)" 'due 11-10 12:00.*2h of working time on hold added'
export HL_JOURNAL=hotline.csv

# ---- a hold that ends later: on hold at --now, nothing is sent ----
# 1bd from Monday night is due Wednesday 09:00; held from Tuesday 18:00
# (no working time left before the deadline) to Thursday 08:00. As at
# Wednesday noon the hold still runs: the deadline counted so far lands
# at now, yet the ticket is on hold, so no notice; after the resume the
# deadline (moved by Wednesday's eight working hours) has passed.
cat > held.yaml <<'YAML'
timezone: Asia/Shanghai
calendar:
  hours:
    mon-fri: ["09:00-17:00"]
departments:
  - {name: 客服部, head: 周敏}
staff:
  - {name: 王芳, dept: 客服部}
  - {name: 周敏, dept: 客服部}
sla:
  - {name: all, match: {}, assign: 5d, ack: 5d, reply: 5d, arrive: 5d, update: 5d, resolve: 1bd}
YAML
export HL_JOURNAL=heldlater.csv HL_CONFIG=held.yaml
at 2026-11-02T20:00:00+08:00   # a Monday
H=$(new -c complaint -t 13700000006 楼道灯)
at 2026-11-03T18:00:00+08:00
"$HL_LOG" hold "$H"
at 2026-11-05T08:00:00+08:00
"$HL_LOG" resume "$H"
at 2026-11-04T12:00:00+08:00
run "$HL_ESC"
is "hold: on hold at --now, the resume recorded later: nothing sent" "$(grep -c ",$H,escalate," "$T/out")" "0"
is_status "hold: on hold at --now: nothing is due" 1
like "hold: --explain says it is on hold" "$(line "$H" resolve)" 'on hold \(the clock stands still\)'
at 2026-11-05T08:00:00+08:00
run "$HL_ESC"
# (and, 15 hours late, the leader's rung: no leader, no manager, so the
# first-contact owner)
is "hold: resumed after its moved deadline: the head" "$(notices "$H" resolve)" "1,周敏 2,王芳 "
like "hold: ... due Wednesday 17:00" "$(cat "$T/out")" 'resolve overdue by 15h \(due 11-04 17:00\)'
export HL_JOURNAL=hotline.csv; unset HL_CONFIG

# ---- 10: a warning after a hold counts the time not on hold ----
export HL_JOURNAL=warnhold.csv
at 2026-11-03T09:00:00+08:00
W=$(new -c consult 问路)
at 2026-11-03T09:10:00+08:00
"$HL_LOG" hold "$W"
at 2026-11-03T09:40:00+08:00
"$HL_LOG" resume "$W"
is "10: due moved by the half hour held" "$(due "$W" reply)" "11-03 10:30"
at 2026-11-03T10:17:00+08:00
run "$HL_ESC"
is "10: not at 80% of 90 minutes" "$(notices "$W" reply)" ""
at 2026-11-03T10:18:00+08:00
run "$HL_ESC"
is "10: after 48 minutes not on hold" "$(notices "$W" reply)" "0,王芳 "
export HL_JOURNAL=hotline.csv

# ---- 8: an emergency reaches the general manager ----
export HL_JOURNAL=emergency.csv
at 2026-11-03T10:00:00+08:00
E=$(new -c emergency 电梯困人)
commit
at 2026-11-04T09:59:00+08:00
run "$HL_ESC"
is "8: not before manager_after" "$(notices "$E" assign)" ""
at 2026-11-04T10:00:00+08:00
run "$HL_ESC"
is "8: a working day after the leader: the manager" "$(notices "$E" assign)" "3,总经理 "
export HL_JOURNAL=hotline.csv

# ---- 9: a reopened closed ticket runs as one reopened before its close ----
export HL_JOURNAL=reopen.csv
at 2026-11-03T09:00:00+08:00
P1=$(new -c repair 门坏了)
P2=$(new -c repair 门坏了)
"$HL_LOG" assign "$P1" -d 工程部 -a 张伟
"$HL_LOG" assign "$P2" -d 工程部 -a 张伟
at 2026-11-03T09:10:00+08:00
"$HL_LOG" resolve "$P1"
"$HL_LOG" resolve "$P2"
at 2026-11-03T09:20:00+08:00
"$HL_LOG" close "$P1"
at 2026-11-03T09:30:00+08:00
"$HL_LOG" reopen "$P1"
"$HL_LOG" reopen "$P2"
at 2026-11-03T10:00:00+08:00
run "$HL_ESC" --explain "$P1"
is_status "9: a reopened closed ticket is open" 0
is "9: the same clocks from either state" "$("$HL_ESC" --explain "$P1" | sed 1d)" \
	"$("$HL_ESC" --explain "$P2" | sed 1d)"
is "9: the resolve clock from the reopen" "$(due "$P1" resolve)" "11-04 09:30"
at 2026-11-04T09:30:00+08:00
run "$HL_ESC"
is "9: and it is escalated" "$(notices "$P1" resolve)" "$(notices "$P2" resolve)"
like "9: ... by the head" "$(notices "$P1" resolve)" '^1,'
export HL_JOURNAL=hotline.csv
export HL_JOURNAL=reopen2.csv
at 2026-11-03T09:00:00+08:00
P3=$(new -c repair 窗坏了)
"$HL_LOG" resolve "$P3"
"$HL_LOG" close "$P3"
"$HL_LOG" --by 周敏 reopen "$P3"
at 2026-11-04T10:00:00+08:00
run "$HL_ESC"
is "9: never dispatched: the reopener's department hears" "$(notices "$P3" resolve)" "1,周敏 "
export HL_JOURNAL=hotline.csv

# ---- 7: a caller's history keeps only that caller's tickets ----
export HL_JOURNAL=caller.csv
at 2026-11-03T09:00:00+08:00
C1=$(new -c repair -t 13711110001 甲)
C2=$(new -c repair -t 13722220002 乙)
"$HL_LOG" assign "$C2" -d 工程部
"$HL_LOG" resolve "$C2"
"$HL_LOG" close "$C2"
at 2026-11-03T09:30:00+08:00
"$HL_LOG" reopen "$C2"
run "$HL_REPORT" caller 13711110001 --reveal-phones
like "7: the caller's own ticket" "$(cat "$T/out")" "$C1"
is "7: not another caller's reopened one" "$(grep -c "$C2" "$T/out")" "0"
export HL_JOURNAL=hotline.csv

# ---- 6: two roles, one person: her contacts, one notice ----
cat > boss.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 保洁部}
staff:
  - {name: 赵姐, dept: 保洁部}
  - {name: 陈总, phone: "13800000009", email: chen@example.org}
escalation:
  manager: {name: 陈总}
YAML
export HL_JOURNAL=boss.csv
at 2026-11-03T09:00:00+08:00
S=$("$HL_LOG" -C boss.yaml open -c consult 垃圾没清)
"$HL_LOG" -C boss.yaml assign "$S" -d 保洁部 -a 赵姐
at 2026-11-03T10:00:00+08:00
run "$HL_ESC" -C boss.yaml -o notify
is "6: the manager's phone and e-mail from the staff list" "$(cut -f1-3 "$T/out" | grep 陈总)" "陈总	13800000009	chen@example.org"
"$HL_ESC" -C boss.yaml 2>/dev/null | "$HL_LOG" -C boss.yaml append
at 2026-11-03T12:00:00+08:00
run "$HL_ESC" -C boss.yaml
is "6: the leader's rung falls to her too: no second notice" "$(notices "$S" reply)" ""
is_status "6: nothing new" 1
at 2026-11-04T12:00:00+08:00
run "$HL_ESC" -C boss.yaml
is "6: nor at her own rung" "$(notices "$S" reply)" ""
export HL_JOURNAL=hotline.csv

# ---- 2: the warning of a business-time clock: a share of the working time ----
cat > biz.yaml <<'YAML'
timezone: Asia/Shanghai
calendar:
  hours:
    mon-fri: ["08:00-12:00", "13:00-17:00"]
  holidays: [2026-11-09]
  workdays: [2026-11-07]
departments:
  - {name: 客服部, head: 周敏}
staff:
  - {name: 王芳, dept: 客服部}
  - {name: 周敏, dept: 客服部}
sla:
  - {name: complaint, match: {category: complaint}, resolve: 2bd}
YAML
export HL_JOURNAL=biz.csv
at 2026-11-06T16:30:00+08:00   # a Friday; Saturday is worked, Monday is not
K=$("$HL_LOG" -C biz.yaml open -c complaint -t 13700000003 投诉)
at 2026-11-10T08:30:00+08:00
is "2: 2bd from Friday 16:30 is Tuesday 16:30" \
	"$("$HL_ESC" -C biz.yaml --explain "$K" | sed -n 's/^resolve .*-> due \([0-9-]* [0-9:]*\).*/\1/p')" "11-10 16:30"
run "$HL_ESC" -C biz.yaml
is "2: 9 of 16 working hours used: no warning yet" "$(notices "$K" resolve)" ""
at 2026-11-10T13:17:00+08:00
run "$HL_ESC" -C biz.yaml
is "2: not before 80% of the working time" "$(notices "$K" resolve)" ""
at 2026-11-10T13:18:00+08:00
run "$HL_ESC" -C biz.yaml
is "2: at 80% of the working time" "$(notices "$K" resolve)" "0,王芳 "
like "2: the notice says the working time left" "$(cat "$T/out")" 'resolve due 11-10 16:30, 3h12m of working time left'
export HL_JOURNAL=hotline.csv

# ---- 11: business days keep the start's seconds; daytime has its default ----
export HL_JOURNAL=secs.csv
at 2026-11-03T10:00:30+08:00
Q=$(new -c complaint -t 13700000004 秒)
at 2026-11-04T10:00:15+08:00
run "$HL_ESC"
is "11: 1bd from 10:00:30 is not due at 10:00:15" "$(notices "$Q" assign | grep -o '1,[^ ]*')" ""
at 2026-11-04T10:00:30+08:00
run "$HL_ESC" -o yaml
like "11: due at 10:00:30 the next working day" "$(grep 'clock: assign' "$T/out")" 'due: "2026-11-04T10:00:30\+08:00"'
export HL_JOURNAL=hotline.csv
cat > day.yaml <<'YAML'
timezone: Asia/Shanghai
sla:
  - {name: calls, match: {}, callback: 24h, callback_day: 2h}
YAML
export HL_JOURNAL=day.csv
at 2026-11-03T09:00:00+08:00
run "$HL_LOG" -C day.yaml missed -t 13700000005
is_status "11: callback_day without daytime is accepted" 0
M=$(cat "$T/out")
like "11: ... and daytime is 08:00-20:00" "$("$HL_ESC" -C day.yaml --explain "$M" | grep '^callback')" \
	'missed in the daytime 08:00-20:00.*due 11-03 11:00'
printf 'calendar:\n  hours: {}\n  holidays: [2026-11-09]\n' > nohours.yaml
run "$HL_ESC" -C nohours.yaml
is_status "a calendar with no working hours" 2
like "a calendar with no working hours: said" "$(cat "$T/err")" 'no working hours'
export HL_JOURNAL=hotline.csv

# ---- 5: a late entry may precede the tools' records, not a person's step ----
export HL_JOURNAL=late.csv
at 2026-11-03T23:00:00+08:00
L=$(new -c repair -p urgent 暖气漏水)
"$HL_LOG" assign "$L" -d 工程部 -a 张伟
at 2026-11-03T23:50:00+08:00
commit
like "5: escalations are in the journal" "$(grep -c ",$L,escalate," late.csv)" "^[1-9]"
"$HL_LOG" note "$L" 已电话催促
at 2026-11-04T08:00:00+08:00
run "$HL_LOG" --at "2026-11-03 23:40" arrive "$L" 到场
is_status "5: the night repairer's arrival entered after the escalation" 0
like "5: the figures keep the true time" "$(line "$L" arrive)" 'due 11-03 23:15; done late by 25m'
run "$HL_LOG" --at "2026-11-03 23:35" resolve "$L"
is_status "5: still not before a person's step" 2
is_err "5: said" "hl-log: $L: resolve at 2026-11-03T23:35:00+08:00 is before the ticket's previous step at 2026-11-03T23:40:00+08:00"
export HL_JOURNAL=hotline.csv

# ---- a reopen keeps the first round's verdicts ----
export HL_JOURNAL=round.csv
at 2026-11-05T09:00:00+08:00
F=$(new -c consult 问电费)
at 2026-11-05T09:30:00+08:00
"$HL_LOG" resolve "$F" 当场答复
at 2026-11-05T12:00:00+08:00
"$HL_LOG" reopen "$F" 还有疑问
at 2026-11-05T13:00:00+08:00
"$HL_LOG" resolve "$F" 再次答复
HL_NOW=2026-12-01T09:00:00+08:00 run "$HL_REPORT" monthly --month 2026-11 -o csv
is "round: the reply ended at the first resolve, in time, not at the reopen" \
	"$(tr -d '\r' < "$T/out" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "答复按时%") k = i } $1 == "合计" { print $k }')" "100.0"
# a step the journal holds after now has not happened yet
G=$(HL_NOW=2026-11-06T09:00:00+08:00 new -c consult 问水费)
HL_NOW=2026-11-06T09:50:00+08:00 "$HL_LOG" reply "$G" 已答复
like "now: a reply after --now does not end the clock" \
	"$("$HL_ESC" --now 2026-11-06T09:40:00+08:00 --explain "$G" | grep '^reply ')" 'running, 20m left'
like "now: and ends it once now is past it" \
	"$("$HL_ESC" --now 2026-11-06T10:00:00+08:00 --explain "$G" | grep '^reply ')" 'done in time'
unset HL_JOURNAL

# ---- a closed complaint reopened is not a repeat of a later one ----
export HL_JOURNAL=revive.csv
at 2026-11-02T09:00:00+08:00
A=$(new -c complaint -t 13700000077 楼上噪音)
at 2026-11-02T10:00:00+08:00
"$HL_LOG" resolve "$A" --verdict valid
"$HL_LOG" close "$A"
at 2026-11-03T09:00:00+08:00
B=$(new -c complaint -t 13700000077 又是噪音)
at 2026-11-04T09:00:00+08:00
"$HL_LOG" reopen "$A" 仍然吵
at 2026-11-06T12:00:00+08:00
run "$HL_ESC" -o csv
is "revive: the first complaint, reopened, is no repeat: head, then leader" "$(notices "$A" resolve)" "1,周敏 2,陈总 "
is "revive: the later one is the repeat: a rung higher" "$(notices "$B" resolve)" "2,陈总 3,总经理 "
unset HL_JOURNAL

# ---- a calendar of holidays alone keeps the office hours ----
mkdir hols && cd hols || exit 2
cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
calendar:
  holidays: [2026-11-09]
  workdays: [2026-11-07]
sla:
  - {name: repair, match: {category: repair}, resolve: 2bd}
YAML
export HL_JOURNAL=h.csv
H=$(HL_NOW=2026-11-06T16:30:00+08:00 new -c repair 水管漏)
at 2026-11-10T08:30:00+08:00
like "calendar: holidays alone, Monday to Friday 08:00-17:00 and Monday's for the make-up day" \
	"$(line "$H" resolve)" 'due 11-10 16:30; running, 8h left; warn 11-10 12:54$'
unset HL_JOURNAL
cd .. || exit 2

# ---- a hand-built month: on-time rates, breaches and fines by hand ----
cat > month.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李, leader: 陈总}
  - {name: 客服部, head: 周敏, leader: 陈总}
staff:
  - {name: 王芳, dept: 客服部}
  - {name: 张伟, dept: 工程部}
  - {name: 周敏, dept: 客服部}
  - {name: 老李, dept: 工程部}
  - {name: 陈总, dept: 客服部}
penalties: {callback: [20, 50, 100], ticket: [100, 200], repeat_factor: 2}
YAML
export HL_JOURNAL=month.csv HL_CONFIG=month.yaml
# step DDTHH:MM VERB ...: hl-log at that time of November
step() { w=$1; shift; HL_NOW="2026-11-${w}:00+08:00" "$HL_LOG" "$@"; }
# repairs for 张伟: R1 all in time; R2 on site 30m late, then held (the
# hold moves nothing that ended); R3 resolved before it was signed for
R1=$(step 03T09:00 open -c repair 灯不亮)
step 03T09:05 assign "$R1" -d 工程部 -a 张伟; step 03T09:10 ack "$R1"
step 03T09:50 arrive "$R1"; step 03T15:00 resolve "$R1"
R2=$(step 04T09:00 open -c repair 水管漏)
step 04T09:05 assign "$R2" -d 工程部 -a 张伟; step 04T09:20 ack "$R2"
step 04T10:30 arrive "$R2"; step 04T10:30 hold "$R2"; step 04T12:30 resume "$R2"
step 05T10:00 resolve "$R2"
R3=$(step 10T09:00 open -c repair 门铃坏)
step 10T09:05 assign "$R3" -d 工程部 -a 张伟
step 10T09:20 arrive "$R3"; step 10T09:30 resolve "$R3"
# complaints for 周敏: C1 in time; C2 the same phone's repeat, answered
# an hour late; C3 held over a weekend, resolved 30 minutes late
C1=$(step 02T09:00 open -c complaint -t 13700000001 噪音)
step 02T09:30 assign "$C1" -d 客服部 -a 周敏; step 02T09:40 ack "$C1"
step 02T10:00 reply "$C1"; step 03T09:00 resolve "$C1" --verdict valid
step 04T09:00 followup "$C1" --score 5
C2=$(step 12T09:00 open -c complaint -t 13700000001 又是噪音)
step 12T09:30 assign "$C2" -d 客服部 -a 周敏; step 12T09:40 ack "$C2"
step 13T10:00 reply "$C2"; step 13T11:00 resolve "$C2" --verdict valid
step 14T09:00 followup "$C2" --score 5
C3=$(step 20T10:00 open -c complaint -t 13700000002 漏水)
step 20T10:10 assign "$C3" -d 客服部 -a 周敏; step 20T10:20 ack "$C3"
step 20T11:00 reply "$C3"; step 20T17:00 hold "$C3"; step 23T08:00 resume "$C3"
step 24T10:30 resolve "$C3" --verdict valid; step 25T09:00 followup "$C3" --score 5
# missed calls that rang 王芳: by day 2 hours, at night 24
M1=$(step 05T10:00 missed -t 13900000001); step 05T11:30 callback "$M1"
M2=$(step 06T10:00 missed -t 13900000002); step 06T13:00 callback "$M2"
M3=$(step 07T21:00 missed -t 13900000003); step 08T20:00 callback "$M3"
M4=$(step 09T09:00 missed -t 13900000004)
M5=$(step 10T09:00 missed -t 13900000005); step 10T11:00 callback "$M5"
M6=$(step 11T09:00 missed -t 13900000006); step 11T15:00 callback "$M6"
HL_NOW=2026-12-01T09:00:00+08:00 run "$HL_REPORT" monthly --month 2026-11 -o csv
# met / judged of the tickets (missed calls are the weekly's): assign
# 6/6, ack 6/6, reply 2/3, arrive 2/3, resolve 5/6, followup 3/3; 24/27
col() { tr -d '\r' < "$T/out" | awk -F, -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i } $1 == "合计" { print $k }'; }
is "month: on-time rate of every clock" \
	"$(col 按时率%) $(col 派单按时%) $(col 签收按时%) $(col 答复按时%) $(col 到场按时%) $(col 办结按时%) $(col 回访按时%)" \
	"88.9 100.0 100.0 66.7 66.7 83.3 100.0"
HL_NOW=2026-12-01T09:00:00+08:00 run "$HL_REPORT" staff --month 2026-11 -o csv
# 张伟: R2 late, the first late ticket: 100. 周敏: C2 a repeat (100 x 2),
# C3 the second (200). 王芳: three late call-backs, 20 + 50 + 100.
is "month: breaches, late call-backs and fines of each person" \
	"$(tr -d '\r' < "$T/out" | cut -d, -f1,4,5,6 | sed 1d | tr '\n' ' ')" \
	"周敏,2,0,400 张伟,1,0,100 王芳,3,3,170 合计,6,3,670 "
export HL_JOURNAL=hotline.csv; unset HL_CONFIG

done_testing
