# escalate.sh - hl-escalate: the regulations' deadlines, the ladder, hold,
# reopen, repeat complaints, quiet hours, idempotence, outputs
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
. "$(dirname "$0")/../lib.sh"
HL_ESC="$HL_BIN/hl-escalate"

cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李, leader: 陈总, phone: "010-12345"}
  - {name: 客服部, head: 周敏, leader: 陈总}
staff:
  - {name: 王芳, dept: 客服部, phone: "13800000001", email: wf@example.org}
  - {name: 张伟, dept: 工程部, phone: "13800000002"}
  - {name: 老李, dept: 工程部}
  - {name: 周敏, dept: 客服部}
  - {name: 陈总, dept: 客服部, phone: "13800000009"}
escalation:
  manager: {name: 总经理, phone: "13900000000"}
  quiet: "21:00-08:00"
YAML

D=2026-11-03   # a Tuesday
at() { HL_NOW="${D}T$1:00+08:00"; export HL_NOW; }
new() { "$HL_LOG" open "$@"; }
# due TICKET CLOCK: the deadline --explain gives ("11-03 10:05")
due() { "$HL_ESC" --explain "$1" | sed -n "s/^$2 .*-> due \([0-9-]* [0-9:]*\).*/\1/p"; }
rule_of() { "$HL_ESC" --explain "$1" | sed -n "s/^$2 .*(rule \([^)]*\)).*/\1/p"; }
commit() { "$HL_ESC" 2>/dev/null | "$HL_LOG" append; }

# ---- every rule of the source regulations, with its exact deadline ----
at 09:00
U=$(new -c repair -p urgent 暖气管爆了)
G=$(new -c repair 灯不亮)
S=$(new -c repair -p low 门锁有点卡)
is "urgent repair: on site in 15 minutes (003)" "$(due "$U" arrive)" "11-03 09:15"
is "general repair: on site in 60 minutes (003)" "$(due "$G" arrive)" "11-03 10:00"
is "simple repair: on site in 20 minutes (003)" "$(due "$S" arrive)" "11-03 09:20"
is "repair slip back in 24 hours (003)" "$(due "$G" resolve)" "11-04 09:00"
at 09:10
"$HL_LOG" assign "$G" -d 工程部 -a 张伟
is "every dispatched ticket signed for in 30 minutes (001)" "$(due "$G" ack)" "11-03 09:40"
at 09:00
C=$(new -c complaint -t 13700000001 物业态度差)
is "complaint with clear facts: answer in 24 hours (000)" "$(due "$C" reply)" "11-04 09:00"
is "complaint: a plan within 2 working days (004 9.3.2)" "$(due "$C" resolve)" "11-05 09:00"
is "complaint: passed on within 1 working day (004 9.2.4)" "$(due "$C" assign)" "11-04 09:00"
W=$(new -c complaint -m wechat 微信投诉)
is "wechat complaint: written reply in 24 hours (001)" "$(due "$W" reply) $(rule_of "$W" reply)" "11-04 09:00 online-complaint"
Q=$(new -c consult 问路)
is "consultation answered within the hour (000)" "$(due "$Q" reply)" "11-03 10:00"
G2=$(new -c suggestion 建议装灯)
is "suggestion thanked within 24 hours (000)" "$(due "$G2" reply)" "11-04 09:00"
is "unresolved work followed up weekly (001)" "$(due "$G" update)" "11-10 09:00"
M=$(new -c complaint 回访测试)
at 12:00
"$HL_LOG" resolve "$M" --verdict valid
is "every resolved complaint followed up (004 9.5)" "$(due "$M" followup)" "11-06 12:00"
at 09:00
X=$("$HL_LOG" missed -t 13700000009)
is "missed by day: called back within 2 hours (001)" "$(due "$X" callback)" "11-03 11:00"
at 21:30
Y=$("$HL_LOG" missed -t 13700000008)
is "missed at night: within 24 hours (001)" "$(due "$Y" callback)" "11-04 21:30"

# ---- emergencies: head and leader at once, critical ones the manager too (000) ----
export HL_JOURNAL=emergency.csv
at 10:00
E=$(new -c emergency 电梯困人)
K=$(new -c emergency -p critical 燃气泄漏)
run "$HL_ESC"
is_status "emergency: news at once" 0
is "emergency: head and leader at once" "$(grep ",$E,escalate," "$T/out" | cut -d, -f14,16 | tr '\n' ' ')" "1,周敏 2,陈总 "
is "critical emergency: the general manager too" "$(grep ",$K,escalate," "$T/out" | cut -d, -f14,16 | tr '\n' ' ')" "1,周敏 2,陈总 3,总经理 "
export HL_JOURNAL=hotline.csv

# ---- the ladder over successive runs ----
export HL_JOURNAL=ladder.csv
at 09:00
R=$(new -c repair 卫生间漏水)
"$HL_LOG" assign "$R" -d 工程部 -a 张伟
at 09:01
"$HL_LOG" ack "$R"
arrive() { grep ",$R,escalate," "$T/out" | grep ',arrive,' | cut -d, -f14,16; }
at 09:47; run "$HL_ESC"
is "before 80% of the hour: nothing" "$(arrive)" ""
at 09:48; run "$HL_ESC"
is "at 80%: the assignee is warned" "$(arrive)" "0,张伟"
commit
run "$HL_ESC"
is_status "same time again: nothing new" 1
is_out "same time again: nothing written" ""
at 10:00; run "$HL_ESC"
is "at the deadline: the head" "$(arrive)" "1,老李"
commit
at 11:59; run "$HL_ESC"
is "before leader_after: nobody new" "$(arrive)" ""
at 12:00; run "$HL_ESC"
is "2 hours later: the leader" "$(arrive)" "2,陈总"
commit
HL_NOW=2026-11-04T11:59:00+08:00 run "$HL_ESC"
is "a working day later, not yet" "$(arrive)" ""
HL_NOW=2026-11-04T12:00:00+08:00 run "$HL_ESC"
is "a working day after the leader: the general manager" "$(arrive)" "3,总经理"
like "the record says how late" "$(grep ',arrive,' "$T/out")" 'manager: arrive overdue by 1d2h \(due 11-03 10:00\)'
HL_NOW=2026-11-04T12:00:00+08:00 commit
HL_NOW=2026-11-05T12:00:00+08:00 run "$HL_ESC"
is "the top rung is not repeated" "$(arrive)" ""
export HL_JOURNAL=hotline.csv

# ---- hold and resume: the clock stands still ----
export HL_JOURNAL=hold.csv
at 09:00
H=$(new -c repair 等配件)
"$HL_LOG" assign "$H" -d 工程部 -a 张伟
"$HL_LOG" ack "$H"
at 09:30; "$HL_LOG" hold "$H" 等配件到货
at 10:30; run "$HL_ESC"
is "on hold: no notice" "$(grep -c ",$H,escalate," "$T/out")" "0"
like "on hold: --explain says so" "$("$HL_ESC" --explain "$H" | grep '^arrive')" 'on hold'
at 11:30; "$HL_LOG" resume "$H"
is "resumed: the deadline moved by the 2 hours held" "$(due "$H" arrive)" "11-03 12:00"
like "and --explain says why" "$("$HL_ESC" --explain "$H" | grep '^arrive')" '2h on hold added'
H2=$(new -c repair 二号)
run "$HL_ESC" --explain "$H" --explain HL-00000000-0000 --explain "$H2"
is_status "several tickets explained, one unknown" 2
is "each in turn" "$(grep '^HL-' "$T/out" | cut -d' ' -f1 | tr '\n' ' ')" "$H $H2 "
is "each as alone" "$(sed -n "/^$H2 /,\$p" "$T/out")" "$("$HL_ESC" --explain "$H2")"
is_err "the unknown one is said" "hl-escalate: HL-00000000-0000: no ticket of that id"
# a closed ticket (a disputed fine): from the whole journal, as of its close
at 09:00
C=$(new -c repair 三号)
"$HL_LOG" assign "$C" -d 工程部 -a 张伟
at 13:00; "$HL_LOG" resolve "$C" 修好了
at 13:30; "$HL_LOG" followup "$C" --score 5 满意
at 13:40; "$HL_LOG" close "$C"
at 16:00
run "$HL_ESC" --explain "$C"
is_status "a closed ticket explained" 0
is "as of its close" "$(head -n 1 "$T/out")" "$C repair, normal, closed; as of 2026-11-03T13:40:00+08:00"
like "its late clock, and by how much" "$(grep '^arrive' "$T/out")" 'due 11-03 10:00; done late by 3h'
HL_NOW=2026-11-03T13:10:00+08:00 run "$HL_ESC" --explain "$C"
is "as of --now before its close: as it stood then" "$(head -n 1 "$T/out")" "$C repair, normal, resolved; as of 2026-11-03T13:10:00+08:00"
like "the late clock as judged then" "$(grep '^arrive' "$T/out")" 'done late by 3h'
unset HL_JOURNAL
export HL_JOURNAL=hotline.csv

# ---- reopen restarts the resolve clock ----
export HL_JOURNAL=reopen.csv
at 09:00
P=$(new -c complaint 噪音)
"$HL_LOG" assign "$P" -d 客服部 -a 王芳
at 10:00; "$HL_LOG" resolve "$P" --verdict valid
at 15:00; "$HL_LOG" followup "$P" --score 1 不满意
is "reopened: the resolve clock starts again" "$(due "$P" resolve)" "11-05 15:00"
export HL_JOURNAL=hotline.csv

# ---- a repeat complaint starts a rung higher (001) ----
export HL_JOURNAL=repeat.csv
at 09:00
F1=$(new -c complaint -t 13711112222 第一次)
F2=$(new -c complaint -t 13711112222 第二次)
HL_NOW=2026-11-04T08:30:00+08:00 run "$HL_ESC"
first() { grep ",$1,escalate," "$T/out" | grep ',reply,' | cut -d, -f14,16; }
is "a first complaint: the warning goes to the first-contact owner" "$(first "$F1")" "0,王芳"
is "the repeat: the warning goes to the head" "$(first "$F2")" "1,周敏"
export HL_JOURNAL=hotline.csv

# ---- quiet hours hold notices for the morning, but not emergencies ----
export HL_JOURNAL=quiet.csv
at 19:00
Z=$("$HL_LOG" missed -t 13700000007)
at 20:45
run "$HL_ESC"
is "before the quiet hours: the warning" "$(grep -c ",$Z,escalate," "$T/out")" "1"
commit
at 21:30
E2=$(new -c emergency 停电)
run "$HL_ESC"
is "in the quiet hours the breach waits" "$(grep -c ",$Z,escalate," "$T/out")" "0"
is "but an emergency does not" "$(grep -c ",$E2,escalate," "$T/out")" "2"
is_err "the held notices are counted" "hl-escalate: 1 notice held for the end of the quiet hours"
commit
HL_NOW=2026-11-04T08:00:00+08:00 run "$HL_ESC"
is "the morning digest: the held breach, and the leader's rung passed meanwhile" \
	"$(grep ",$Z,escalate," "$T/out" | cut -d, -f14,15,16 | tr '\n' ' ')" "1,callback,周敏 2,callback,陈总 "
export HL_JOURNAL=hotline.csv

# ---- output for people ----
export HL_JOURNAL=ladder.csv
export HL_JOURNAL=text.csv
at 09:00
T1=$(new -c repair 水管)
T2=$(new -c consult 问事)
"$HL_LOG" assign "$T1" -d 工程部 -a 张伟
at 10:10
run "$HL_ESC" -o text --lang en
is "text: overdue first, aligned by display width" "$(cat "$T/out")" \
"STATE    TICKET            CLOCK   DUE          LATE  DEPT/ASSIGNEE  NOTIFY       WHAT
overdue  $T1  ack     11-03 09:30   40m  工程部/张伟    老李 (head)  [repair; 水管]
overdue  $T1  arrive  11-03 10:00   10m  工程部/张伟    老李 (head)  [repair; 水管]
overdue  $T2  reply   11-03 10:00   10m  -/-            周敏 (head)  [consult; 问事]"
at 09:50
run "$HL_ESC" -o notify
is "notify: one line a person: name, phone, e-mail, every message" "$(cat "$T/out")" \
"老李	010-12345		[hl] $T1 工程部/张伟: ack overdue by 20m (due 11-03 09:30) [repair; 水管]
张伟	13800000002		[hl] $T1 工程部/张伟: arrive due 11-03 10:00, 10m left [repair; 水管]
王芳	13800000001	wf@example.org	[hl] $T2 -: reply due 11-03 10:00, 10m left [consult; 问事]"
# what and where, whatever the words hold: one line a notice still
at 09:00
T3=$(printf 'time,ticket,event,actor,category,place,text\n,,open,王芳,repair,"5栋\n2单元","水管\t爆了\n快来\r一楼全淹了，楼下也在漏水"\n' | "$HL_LOG" append)
"$HL_LOG" assign "$T3" -d 工程部 -a 张伟
at 09:50
run "$HL_ESC" -o notify
is "notify: the category, place and first words, controls shown" \
	"$(grep -Fc "[hl] $T3 工程部/张伟: ack overdue by 20m (due 11-03 09:30) [repair; 5栋\\n2单元; 水管\\t爆了\\n快来\\r一楼…]" "$T/out")" 1
is "notify: no line of its own" "$(wc -l < "$T/out" | tr -d ' ')" "3"
run "$HL_ESC" -o text
like "text: the notice's what and where" "$(grep "$T3" "$T/out" | head -n 1)" '\[报修; 5栋\\n2单元; 水管'
is "text: no line of its own, no escape" "$(grep -c "$(printf '\033')" "$T/out") $(wc -l < "$T/out" | tr -d ' ')" "0 6"
COLUMNS=80 run "$HL_ESC" -o text
is "text at 80 columns: no line wider" "$(width < "$T/out" | sort -n | tail -n 1 | awk '{ exit !($1 <= 80) }'; echo $?)" "0"
run "$HL_ESC" -o csv
like "records: the text says what and where" "$(grep "$T3" "$T/out" | head -n 1)" ',\"?[a-z ]+: [a-z]+ (due|overdue).* \[repair; 5栋\\\\n2单元; '
at 10:10
run "$HL_ESC" -o yaml
like "yaml records" "$(head -n 1 "$T/out")" '^- \{time: "2026-11-03T10:10:00\+08:00", ticket: HL-'
export HL_JOURNAL=hotline.csv

# ---- the example cron job: commit, then send, never twice ----
export HL_JOURNAL=cron.csv
at 09:00
J=$(new -c repair 漏水)
"$HL_LOG" assign "$J" -d 工程部 -a 张伟
cat > send <<'SH'
#!/bin/sh
printf '%s|%s|%s|%s\n' "$@" >> sent.txt
SH
chmod +x send
# the script asks date(1) for the time: a stand-in date gives it ours
mkdir -p fakebin
printf '#!/bin/sh\necho 2026-11-03T10:10:00+0800\n' > fakebin/date
chmod +x fakebin/date
PATH="$T/fakebin:$HL_BIN:$PATH" HL_SEND=./send run sh "$EXAMPLES/notify-mail"
is_status "notify-mail: sent" 0
is "notify-mail: one message a person" "$(cut -d'|' -f1,2 sent.txt | tr '\n' ' ')" "老李|010-12345 "
is "notify-mail: the records are committed" "$(grep -c ",$J,escalate," cron.csv)" "2"
rm sent.txt
PATH="$T/fakebin:$HL_BIN:$PATH" HL_SEND=./send run sh "$EXAMPLES/notify-mail"
is "notify-mail: nothing is sent twice" "$rc $(cat sent.txt 2>/dev/null | wc -l | tr -d ' ')" "0 0"
export HL_JOURNAL=hotline.csv

# ---- errors ----
run "$HL_ESC" -o xml
is_status "unknown output" 2
is_err "unknown output" "hl-escalate: unknown output format 'xml' (csv, yaml, text, notify or xlsx)"
run "$HL_ESC" --explain HL-00000000-0000
is_status "explain an unknown ticket" 2
printf 'escalation: {warn: 120%%}\n' > bad.yaml
run "$HL_ESC" -C bad.yaml
is_err "bad warn share" "hl-escalate: bad.yaml:1:20: 'warn' must be a share from 0% to 99%, not '120%'"
printf 'escalation: {leader_after: soon}\n' > bad.yaml
run "$HL_ESC" -C bad.yaml
is_err "bad ladder step" "hl-escalate: bad.yaml:1:28: bad duration 'soon' (want e.g. 30m, 24h, 8bh, 2bd)"
run "$HL_ESC" nosuch.csv
is_status "missing journal" 2
is_err "missing journal" "hl-escalate: nosuch.csv: No such file or directory"
done_testing
