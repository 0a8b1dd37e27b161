# log.sh - hl-log's verbs on a real journal
LICENSE="$(cd "$(dirname "$0")/../.." && pwd)/LICENSE"
. "$(dirname "$0")/../lib.sh"

run "$HL_LOG" open -c 投诉 -m 微信 -n 张先生 -t "138 0013 8000" -l "3栋201" "楼上漏水, 说了\"三次\""
is_status "open" 0
is_out "open prints the new id" "HL-20261103-0001"
is "journal created mode 0600" "$(stat -c %a hotline.csv)" "600"
is "header and record" "$(cat hotline.csv)" \
'time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,level,clock,notify,score,verdict,rule,call,queue,outcome,wait,talk,text,master
2026-11-03T10:00:00+08:00,HL-20261103-0001,open,王芳,complaint,,wechat,张先生,13800138000,3栋201,,,,,,,,,,,,,,,"楼上漏水, 说了""三次""",'

run "$HL_LOG" open -c repair -p 急修 -t 13900001111 "暖气
不热"
is_out "second id" "HL-20261103-0002"
is "line break escaped: one record per line" "$(wc -l < hotline.csv | tr -d ' ')" "3"

T1=HL-20261103-0001
run "$HL_LOG" --by 李主管 assign $T1 -d 工程部 -a 李工 转工程部
is_status "assign" 0
is_out "assign is silent" ""
for v in ack reply arrive update; do
	run "$HL_LOG" $v $T1 "$v text"
	is_status "$v" 0
done
run "$HL_LOG" hold $T1 等配件; is_status "hold" 0
run "$HL_LOG" resume $T1; is_status "resume" 0
run "$HL_LOG" resolve $T1 --verdict 有责 已修好; is_status "resolve with Chinese verdict" 0
run "$HL_LOG" followup $T1 --score 2 还是漏
is_status "low followup" 0
is "a low score also writes a reopen" "$(tail -n 2 hotline.csv | cut -d, -f3,17,25)" \
"followup,2,还是漏
reopen,,回访不满意 (score 2)"
run "$HL_LOG" assign $T1 -d 工程部 -a 李工; is_status "assigned again" 0
run "$HL_LOG" ack $T1; run "$HL_LOG" resolve $T1 --verdict valid
run "$HL_LOG" followup $T1 --score 5 满意
is "a good score does not reopen" "$(tail -n 1 hotline.csv | cut -d, -f3,17)" "followup,5"
run "$HL_LOG" close $T1; is_status "close" 0
run "$HL_LOG" note $T1 归档; is_status "note on a closed ticket" 0
is "actor from --by" "$(grep ',assign,' hotline.csv | head -1 | cut -d, -f4)" "李主管"
is "actor from HL_ACTOR" "$(grep ',ack,' hotline.csv | head -1 | cut -d, -f4)" "王芳"

run "$HL_LOG" open -c consult --done 问物业费怎么交
is_out "first-contact resolution" "HL-20261103-0003"
is "--done resolves at once" "$(tail -n 2 hotline.csv | cut -d, -f2,3)" \
"HL-20261103-0003,open
HL-20261103-0003,resolve"

run "$HL_LOG" missed -t 021-5555-1234
is_out "missed call gets an id" "HL-20261103-0004"
run "$HL_LOG" callback HL-20261103-0004 已回拨
is_status "callback" 0
run "$HL_LOG" close HL-20261103-0004
is_status "close a returned call" 0

run "$HL_LOG" --at "2026-11-03 08:15" open -c help 补记: 电梯困人
is_status "late entry" 0
is "late entry keeps the call's time" "$(tail -n 1 hotline.csv | cut -d, -f1,2)" \
"2026-11-03T08:15:00+08:00,HL-20261103-0005"
run "$HL_LOG" --at 09:30 note HL-20261103-0005 bare clock time
is "--at HH:MM is today" "$(tail -n 1 hotline.csv | cut -d, -f1)" "2026-11-03T09:30:00+08:00"

HL_NOW="2026-11-04T08:00:00+08:00" run "$HL_LOG" open -c booking 订会议室
is_out "a new day starts the sequence again" "HL-20261104-0001"

run "$HL_LOG" -f other.csv open -c help x
is "-f names the journal" "$(wc -l < other.csv | tr -d ' ')" "2"
HL_JOURNAL=env.csv run "$HL_LOG" open -c help x
is "HL_JOURNAL names the journal" "$(wc -l < env.csv | tr -d ' ')" "2"

cat > hotline.yaml <<'YAML'
ticket: {prefix: BX, digits: 3}
departments:
  - {name: 工程部, head: 李工}
staff:
  - {name: 张三, dept: 工程部}
  - {name: 李工, dept: 工程部}
YAML
run "$HL_LOG" -f cfg.csv open -c help 配置
is_out "./hotline.yaml is read" "BX-20261103-001"
run "$HL_LOG" -f cfg.csv assign BX-20261103-001 -d 工程部 -a 张三
is_status "known department and person" 0
mv hotline.yaml elsewhere.yaml
HL_CONFIG=elsewhere.yaml run "$HL_LOG" -f cfg.csv open -c help 配置
is_out "HL_CONFIG names the configuration" "BX-20261103-002"
run "$HL_LOG" -C elsewhere.yaml -f cfg.csv open -c help 配置
is_out "-C names the configuration" "BX-20261103-003"

run "$HL_LOG" --version
like "--version" "$(head -n 1 "$T/out")" '^hl-log [0-9]+\.[0-9]+\.[0-9]+$'
# the copyright line of LICENSE, in every tool's --version
for tool in "$HL_LOG" "$HL_BIN/hl-route" "$HL_BIN/hl-escalate" "$HL_BIN/hl-report"; do
	run "$tool" --version
	is "--version of ${tool##*/}: the licence's copyright line" "$(sed -n 2p "$T/out")" \
	   "$(head -n 1 "$LICENSE") (ISC licence)"
done
run "$HL_LOG" --help
is_status "--help" 0
like "--help shows the synopsis" "$(cat "$T/out")" '^usage: hl-log \[-f JOURNAL\]'
run "$HL_LOG" --defaults
like "--defaults prints the built-in configuration" "$(cat "$T/out")" 'name: urgent-repair'

run "$HL_LOG" export HL-20261103-0003
is_status "export" 0
is "export one ticket as CSV" "$(cat "$T/out")" \
'time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,level,clock,notify,score,verdict,rule,call,queue,outcome,wait,talk,text,master
2026-11-03T10:00:00+08:00,HL-20261103-0003,open,王芳,consult,,,,,,,,,,,,,,,,,,,,问物业费怎么交,
2026-11-03T10:00:00+08:00,HL-20261103-0003,resolve,王芳,,,,,,,,,,,,,,,,,,,,,answered on first contact,'
run "$HL_LOG" export -o yaml HL-20261103-0004
is "export as YAML" "$(cat "$T/out")" \
'- {time: "2026-11-03T10:00:00+08:00", ticket: HL-20261103-0004, event: missed, actor: 王芳, phone: "02155551234"}
- {time: "2026-11-03T10:00:00+08:00", ticket: HL-20261103-0004, event: callback, actor: 王芳, text: 已回拨}
- {time: "2026-11-03T10:00:00+08:00", ticket: HL-20261103-0004, event: close, actor: 王芳}'
run "$HL_LOG" export NOPE
is_status "export of nothing" 1
done_testing
