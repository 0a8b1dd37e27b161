# link.sh - link TICKET --to MASTER: a duplicate follows its master. Its
# rules and refusals, --explain, the to-do list (each caller still
# followed up), the reports (the master counted once, figures worked out
# by hand), the unlink (reopen), the round trip, and batches
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
  - {name: 周敏, dept: 客服部}
  - {name: 王芳, dept: 客服部}
routes:
  - {name: repair, match: {category: repair}, dept: 工程部}
  - {name: front, dept: 客服部}
sla:
  - name: all
    match: {}
    assign: 15m
    ack: 30m
    resolve: 2bd
    followup: 3d
YAML
at() { HL_NOW="2026-11-0${2:-3}T$1:00+08:00"; export HL_NOW; }
# cols HEADER...: those columns (by their Chinese header) of the first
# table of $T/out, a row a line joined by commas, the rows by spaces
cols() {
	tr -d '\r' < "$T/out" | awk -F, -v want="$*" '
		!at && index($0, ",") { n = split(want, w, " "); for (i = 1; i <= n; i++) for (k = 1; k <= NF; k++) if ($k == w[i]) c[i] = k; at = 1; next }
		at && $0 == "" { exit }
		at { line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? "," : "") $c[i]; printf "%s ", line }'
}
M=HL-20261103-0001 D=HL-20261103-0002 O=HL-20261103-0003

at 09:00
"$HL_LOG" open -c repair -t 13700000001 -l 5栋 5栋水管爆裂 > /dev/null
at 09:10
"$HL_LOG" open -c repair -t 13700000002 -l 5栋 楼道里水管爆了 > /dev/null
"$HL_LOG" open -c repair -t 13700000003 -l 6栋 灯坏 > /dev/null
"$HL_LOG" open -c consult 问物业费 > /dev/null
"$HL_LOG" void 4 --reason 测试

# ---- refusals: one line, status 2, the journal unchanged ----
refuse "link needs --to" 2 "hl-log: link needs --to MASTER (the ticket it duplicates)" "$HL_LOG" link 2
refuse "link: an unknown ticket" 2 "hl-log: HL-20261103-0009: unknown ticket" "$HL_LOG" link 9 --to 1
refuse "link: an unknown master" 2 "hl-log: $D: unknown master HL-20261103-0009" "$HL_LOG" link 2 --to 9
refuse "link: to itself" 2 "hl-log: $D: a ticket cannot be linked to itself" "$HL_LOG" link 2 --to 2
refuse "link: a void ticket" 2 "hl-log: HL-20261103-0004: ticket is void" "$HL_LOG" link 4 --to 1
refuse "link: to a void master" 2 "hl-log: $D: master HL-20261103-0004 is void" "$HL_LOG" link 2 --to 4
refuse "--to is link's" 2 "hl-log: note does not take --to
usage: hl-log [options] note TICKET TEXT" "$HL_LOG" note 2 --to 1 x
printf 'event,ticket,master,text\nnote,%s,%s,x\n' $D $M > n.csv
refuse "append: master on another event" 2 "hl-log: n.csv:2: master is only for link and reopen, not note" \
	"$HL_LOG" append n.csv
printf 'event,ticket\nlink,%s\n' $D > l.csv
refuse "append: a link without its master" 2 "hl-log: l.csv:2: link record without master" "$HL_LOG" append l.csv

at 09:15
run "$HL_LOG" --by 王芳 link 2 --to 1 --reason 同一处爆管
is "link: the master in its column, the reason in the text" \
	"$rc $(tail -n 1 hotline.csv | cut -d, -f2-4,25,26)" "0 $D,link,王芳,同一处爆管,$M"
refuse "link: already linked" 2 "hl-log: $D: ticket is linked to $M: it follows its master (reopen unlinks it)" \
	"$HL_LOG" link 2 --to 3
refuse "a linked ticket takes no step of its own" 2 \
	"hl-log: $D: ticket is linked to $M: it follows its master (reopen unlinks it)" "$HL_LOG" resolve 2
refuse "link: to a duplicate, says which master" 2 \
	"hl-log: $O: $D is itself a duplicate of $M: link to $M" "$HL_LOG" link 3 --to 2
refuse "link: a ticket with duplicates of its own" 2 \
	"hl-log: $M: ticket has duplicates of its own: link them and it to one master, or link the other way" \
	"$HL_LOG" link 1 --to 3
refuse "void: a master with duplicates" 2 \
	"hl-log: $M: ticket has duplicates linked to it (reopen them first)" "$HL_LOG" void 1 --reason x
"$HL_LOG" note 2 来电人又催了一次
is "a note on a duplicate" "$?" 0

# ---- the live work: the duplicate has no clock, is not routed ----
at 09:20
"$HL_ROUTE" | "$HL_LOG" append
is "hl-route: the master and the other ticket, not the duplicate" \
	"$(grep ',route,' hotline.csv | cut -d, -f2 | tr '\n' ' ')" "$M $O "
run "$HL_ESC" --explain $D
is "--explain: linked, its clocks follow the master" "$(sed -n '1,2p;9p' "$T/out")" \
	"$D repair, normal, linked; as of 2026-11-03T09:20:00+08:00
linked to $M: a duplicate, its clocks follow its master
followup does not run for this ticket"
run "$HL_ESC" --explain $M
is "--explain: the master names its duplicates" "$(sed -n 2p "$T/out")" "master of $D"
at 12:00 4
run "$HL_ESC"
is "hl-escalate: no notice for the duplicate's own clocks" "$(grep -c "$D" "$T/out")" 0
at 09:30
"$HL_LOG" --by 张伟 ack 1
"$HL_LOG" --by 张伟 ack 3
at 11:00
"$HL_LOG" --by 张伟 resolve 1 已修好
refuse "link: to a resolved master" 2 \
	"hl-log: $O: master $M is resolved: a duplicate follows open work (answer this caller on the ticket itself, or reopen $M first)" \
	"$HL_LOG" link 3 --to 1
refuse "link: a resolved ticket (the duplicate, resolved with its master)" 2 \
	"hl-log: $D: only an open, assigned or acked ticket can be linked" "$HL_LOG" link 2 --to 3

# ---- resolved with its master: only the caller's followup is owed ----
run "$HL_ESC" --explain $D
is "--explain: resolved with the master, the followup from its resolve" \
	"$(sed -n '1,2p;9p' "$T/out")" "$D repair, normal, resolved; as of 2026-11-03T11:00:00+08:00
a duplicate of $M, resolved with it: only its followup runs
followup 3d from 11-03 11:00 (rule all) -> due 11-06 11:00; running, 3d left; warn 11-05 20:36"
run "$HL_REP" todo --dept 客服部 --now 2026-11-06T12:00 -o csv --no-bom
is "todo: the duplicate's caller to follow up, overdue (due 11-06 11:00)" \
	"$(cols 工单 承办人 时钟 到期时间)" "$D,王芳,回访,2026-11-06 11:00 "
at 12:00 6
run "$HL_ESC"
like "hl-escalate: the duplicate's followup is chased" "$(cat "$T/out")" "$D.*followup"
at 13:00
"$HL_LOG" followup 1 --score 5
# a duplicate not followed up stays resolved when its master closes
"$HL_LOG" close 1
run "$HL_REP" tickets --state linked -o csv --no-bom
is "tickets --state linked: every duplicate, here resolved with its master" "$(cols 工单 状态)" "$D,已办结 "
at 14:00
"$HL_LOG" followup 2 --score 4 师傅来得及时
# followed up and content it has settled: read back through the ticket
# index with its master's records, resolved with it, so it can be closed
run "$HL_LOG" close 2
is "close of a settled duplicate (its master's resolve read with it)" "$rc $(cat "$T/err")" "0 "
HL_NOW=2026-11-30T14:00:00+08:00; export HL_NOW
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
# Received: 1 and 3 (2 is 1's duplicate, 4 void). Clocks (sla all) as of
# the month's end: 1: assign late (due 09:15, routed 09:20), ack met
# (09:20 -> 09:30, due 09:50), resolve met (11:00, due 11-05 09:00),
# followup met (13:00, due 11-06 11:00); 3: assign met (due 09:25), ack
# met, resolve late (due 11-05 09:10, still open). 5 of 7 = 71.4%;
# assign 1/2, ack 2/2, resolve 1/2, followup 1/1; resolved 1 in 2.0
# hours; one followup (the master's: the duplicate's is in no count)
is "monthly: the master once, not its duplicate" \
	"$(cols 部门 受理 报修 办结 期末未结 按时率% 派单按时% 签收按时% 办结按时% 回访按时% '办结时长中位(小时)' 回访)" \
	"工程部,2,2,1,1,71.4,50.0,100.0,50.0,100.0,2.0,1 合计,2,2,1,1,71.4,50.0,100.0,50.0,100.0,2.0,1 "
grep -v ",$D," hotline.csv > nodup.csv
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
mv "$T/out" with.csv
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom nodup.csv
is "monthly: as if the duplicate's caller had not called" "$(cat "$T/out")" "$(cat with.csv)"
run "$HL_REP" weekly --from 2026-11-02 --to 2026-11-08 -o csv --no-bom
is "weekly: received 2 on the day (1 and 3), 2 by telephone" \
	"$(tr -d '\r' < "$T/out" | grep '^2026-11-03,' | cut -d, -f1-3)" "2026-11-03,2,2"
run "$HL_REP" staff --month 2026-11 -o csv --no-bom
# 王芳 took 1 and 3 first (the duplicate's call is not counted); the two
# late clocks (1's assign, 3's resolve) of tickets no one was assigned
is "staff: first contacts 2, not 3" "$(cols 人员 首问受理 办结 超时)" "王芳,2,0,2 合计,2,0,2 "

# ---- unlinked: reopen makes the duplicate a ticket of its own ----
at 15:00
run "$HL_LOG" reopen 2 报修人说自家水管另有问题
is "reopen of a duplicate: names the master it leaves" \
	"$rc $(tail -n 1 hotline.csv | cut -d, -f3,26)" "0 reopen,$M"
run "$HL_ESC" --explain $D
is "--explain: its own clocks again" "$(sed -n 2p "$T/out" | cut -c1-9)" "assign   "
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom
is "monthly: counted again once unlinked" "$(cols 部门 受理)" "工程部,2 未派单,1 合计,3 "
"$HL_ROUTE" | "$HL_LOG" append
is "unlinked, it is routed as any ticket" "$(tail -n 1 hotline.csv | cut -d, -f2,3)" "$D,route"

# ---- the round trip: YAML and CSV keep the links ----
"$HL_LOG" export -o yaml > all.yaml
like "export -o yaml: the master of a link" "$(grep 'event: link' all.yaml)" "master: $M"
run "$HL_LOG" -f copy.csv append all.yaml
is "YAML: append takes the links back" "$rc $("$HL_LOG" -f copy.csv export)" "0 $("$HL_LOG" export)"
"$HL_LOG" export > all.csv
run "$HL_LOG" -f copy2.csv append all.csv
is "CSV: append takes the links back" "$rc $("$HL_LOG" -f copy2.csv export)" "0 $("$HL_LOG" export)"
run "$HL_REP" monthly --month 2026-11 -o csv --no-bom copy.csv
is "... and the same figures" "$(cols 部门 受理)" "工程部,3 合计,3 "

# ---- batches: the master in the same batch, or settled ----
mkdir b && cd b && cp ../hotline.yaml . || exit 2
at 09:00 4
"$HL_LOG" init
cat > in.csv <<'CSV'
time,ticket,event,category,place,master,text
2026-11-04T08:00:00+08:00,X-1,open,repair,7栋,,电梯困人
2026-11-04T08:05:00+08:00,X-2,open,repair,7栋,,电梯停了
2026-11-04T08:06:00+08:00,X-2,link,,,X-1,同一部电梯
CSV
printf 'time,ticket,event,dept\n2026-11-04T08:30:00+08:00,X-1,assign,工程部\n2026-11-04T08:40:00+08:00,X-1,resolve,\n' > in2.csv
run "$HL_LOG" append in.csv
is "append: a link to a master opened in the same batch" "$rc $(cat "$T/err")" "0 "
"$HL_LOG" append in2.csv
run "$HL_REP" tickets --state linked -o csv --no-bom
is "... resolved with its master" "$(cols 工单 状态)" "X-2,已办结 "
"$HL_LOG" followup X-1 --score 5
"$HL_LOG" close X-1
# X-1 is settled (closed): only in the ticket index
printf 'time,ticket,event,category,master\n2026-11-04T09:00:00+08:00,X-3,open,repair,\n' > in3.csv
printf '2026-11-04T09:00:00+08:00,X-3,link,,X-1\n' >> in3.csv
refuse "append: a link to a settled master (read through the index)" 2 \
	"hl-log: in3.csv:3: X-3: master X-1 is closed: a duplicate follows open work (answer this caller on the ticket itself, or reopen X-1 first)" \
	"$HL_LOG" append in3.csv
cd ..

done_testing
