# route.sh - hl-route: rules, conditions, rosters, rotation, reopen
. "$(dirname "$0")/../lib.sh"
HL_ROUTE="$HL_BIN/hl-route"

cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李}
  - {name: 客服部, head: 周敏}
  - {name: 秩序部, head: 赵强}
staff:
  - {name: 老李, dept: 工程部}
  - {name: A, dept: 工程部}
  - {name: B, dept: 工程部}
  - {name: C, dept: 工程部}
  - {name: D, dept: 工程部}
  - {name: 夜甲, dept: 工程部}
  - {name: 夜乙, dept: 工程部}
  - {name: 周敏, dept: 客服部}
  - {name: 王芳, dept: 客服部}
  - {name: 刘洋, dept: 客服部}
  - {name: 赵强, dept: 秩序部}
  - {name: 钱军, dept: 秩序部}
roster:
  - {name: day, time: "08:00-17:00", people: [A, B, C, D, 王芳, 刘洋]}
  - {name: night, time: "22:00-06:00", rotate: [夜甲, 夜乙], from: 2026-11-01}
leave:
  - {person: B, from: 2026-11-10, to: 2026-11-12, delegate: C}
routes:
  - name: night
    match: {category: repair, time: "22:00-06:00"}
    dept: 工程部
    pool: [夜甲, 夜乙]
  - name: gas
    match: {keywords: [燃气, GAS Leak]}
    dept: 工程部
    person: 老李
    priority: critical
  - name: vip
    match: {priority: [high, critical]}
    dept: 客服部
    person: 周敏
  - name: weibo
    match: {channel: [weibo, wechat]}
    dept: 客服部
    person: 刘洋
  - name: garage
    match: {place: ["地下车库*", "?栋车位"]}
    dept: 秩序部
    person: 钱军
  - name: repeat
    match: {category: complaint, repeat: 30d}
    dept: 客服部
    person: 周敏
    priority: high
  - name: repair
    match: {category: repair}
    dept: 工程部
    pool: [A, B, C, D]
  - name: complaint
    match: {category: complaint}
    dept: 客服部
    pool: [王芳, 刘洋]
    strategy: least-open
  - name: default
    dept: 客服部
YAML

open_at() { # open_at TIME ARGS...: records a call at TIME, prints its id
	t=$1; shift
	HL_NOW=$t "$HL_LOG" open "$@"
}
route_at() { HL_NOW=$1 "$HL_ROUTE" -o yaml; }
field() { # field NAME: the value of NAME in the last YAML record of $T/out
	tail -n 1 "$T/out" | sed -n "s/.*[{ ]$1: \"\{0,1\}\([^,\"}]*\).*/\1/p"
}
# route_one TIME ARGS...: opens one call at TIME, routes it then, commits
route_one() {
	t=$1; shift
	id=$(open_at "$t" "$@")
	HL_NOW=$t run "$HL_ROUTE" -o yaml
	HL_NOW=$t "$HL_LOG" append "$T/out" > /dev/null
}

route_one 2026-11-03T10:00:00+08:00 -c repair -l 1栋 水龙头坏了
is "first matching rule wins (repair)" "$(field rule) $(field assignee) $(field dept)" "repair A 工程部"
is "the first deadline from the SLA (ack 30m)" "$(field due)" "2026-11-03T10:30:00+08:00"
route_one 2026-11-03T10:01:00+08:00 -c consult 问个事
is "the default rule catches the rest" "$(field rule) $(field dept) $(field assignee)" "default 客服部 "
route_one 2026-11-03T10:02:00+08:00 -c repair 燃气味道很重
is "Chinese keyword, priority raised" "$(field rule) $(field assignee) $(field priority)" "gas 老李 critical"
route_one 2026-11-03T10:03:00+08:00 -c help "smell of gas leak in the hall"
is "Latin keyword, any case" "$(field rule)" "gas"
route_one 2026-11-03T10:04:00+08:00 -c consult -p high 要紧事
is "priority condition" "$(field rule)" "vip"
route_one 2026-11-03T10:05:00+08:00 -c consult -m 微博 网上反映
is "channel condition" "$(field rule) $(field assignee)" "weibo 刘洋"
route_one 2026-11-03T10:06:00+08:00 -c help -l 地下车库B2 车被堵
is "place glob with *" "$(field rule)" "garage"
route_one 2026-11-03T10:07:00+08:00 -c help -l 3栋车位 车位被占
is "place glob ? matches one Chinese character" "$(field rule)" "garage"
route_one 2026-11-03T10:08:00+08:00 -c help -l 13栋车位 车位被占
is "place glob ? is one character, not two" "$(field rule)" "default"
route_one 2026-11-03T10:09:00+08:00 -c complaint -t 13900001111 第一次投诉
is "a first complaint is no repeat" "$(field rule)" "complaint"
route_one 2026-11-03T10:10:00+08:00 -c complaint -t 13900001111 又投诉
is "repeat caller within 30 days" "$(field rule) $(field assignee) $(field priority)" "repeat 周敏 high"
route_one 2026-12-20T10:10:00+08:00 -c complaint -t 13900001111 很久以后
is "a complaint 47 days later is no repeat" "$(field rule)" "complaint"
route_one 2026-11-03T23:30:00+08:00 -c repair 夜里停水
is "time of day across midnight; the night rotation" "$(field rule) $(field assignee)" "night 夜甲"
route_one 2026-11-04T02:00:00+08:00 -c repair 凌晨漏水
is "after midnight it is still the night that began the day before" "$(field assignee)" "夜甲"
route_one 2026-11-04T23:00:00+08:00 -c repair 又一夜
is "the next night the other one" "$(field assignee)" "夜乙"

# nobody on duty: the head, and the record says why
route_one 2026-11-03T19:00:00+08:00 -c repair 傍晚报修
is "nobody of the pool on duty: the head" "$(field assignee)" "老李"
like "the record says why" "$(tail -n 1 "$T/out")" "nobody on duty at 19:00; to the head, 老李"

# leave: B's turn goes to the delegate C
for i in 1 2 3 4 5; do route_one 2026-11-11T09:0$i:00+08:00 -c repair 请假期间报修 $i; done
is "B on leave: C takes B's turn and her own" \
	"$(grep '请假期间' hotline.csv | cut -d, -f2 | while read -r id; do grep ",$id,route," hotline.csv | cut -d, -f12; done | tr '\n' ' ')" "C C D A C "
run "$HL_LOG" export -o yaml
like "the leave is in the record" "$(cat "$T/out")" 'round-robin: B on leave, delegate C'

# least-open: fewest open tickets now
route_one 2026-11-13T09:00:00+08:00 -c complaint -t 13500000001 甲
first=$(field assignee)
route_one 2026-11-13T09:01:00+08:00 -c complaint -t 13500000002 乙
second=$(field assignee)
is "least-open spreads the load" "$(printf '%s\n%s\n' "$first" "$second" | sort | tr '\n' ' ')" "刘洋 王芳 "

# reopen goes back to the department and person that resolved it
id=$(open_at 2026-11-13T10:00:00+08:00 -c repair 门坏了)
HL_NOW=2026-11-13T10:01:00+08:00 "$HL_ROUTE" | HL_NOW=2026-11-13T10:01:00+08:00 "$HL_LOG" append
who=$(grep ",$id,route," hotline.csv | cut -d, -f12)
HL_NOW=2026-11-13T11:00:00+08:00 "$HL_LOG" resolve "$id" 修好了
HL_NOW=2026-11-13T15:00:00+08:00 "$HL_LOG" followup "$id" --score 1 没修好
HL_NOW=2026-11-13T15:05:00+08:00 run "$HL_ROUTE" -o yaml
is "reopened: back to who resolved it" "$(field rule) $(field dept) $(field assignee)" "reopen 工程部 $who"
HL_NOW=2026-11-13T15:05:00+08:00 "$HL_LOG" append "$T/out" >/dev/null

# idempotence: after committing, a second run writes nothing
HL_NOW=2026-11-13T15:06:00+08:00 run "$HL_ROUTE"
is_status "nothing left to route" 1
is_out "nothing written" ""
# a ticket in the future of --now is left alone
open_at 2026-11-13T16:00:00+08:00 -c consult 稍后 > /dev/null
run "$HL_ROUTE" --now 2026-11-13T15:30:00+08:00
is_status "a call after --now is not routed yet" 1

# --explain tells why
HL_NOW=2026-11-13T16:01:00+08:00 run "$HL_ROUTE" --lang en --explain
like "--explain: rules tried" "$(cat "$T/err")" 'rule night: no, category'
like "--explain: the match" "$(cat "$T/err")" 'rule default: matches'
like "--explain: the result" "$(cat "$T/err")" '-> 客服部, due'
like "CSV output has the journal's header" "$(head -n 1 "$T/out")" '^time,ticket,event,actor,'

# the rotation is fair: 1000 tickets, in one run and in 10 runs
fair() { # fair JOURNAL: spread of repair routes over A..D, as "max-min"
	grep ',route,hl-route,' "$1" | grep ',repair,' | cut -d, -f12 | sort | uniq -c |
		awk 'NR == 1 || $1 < min { min = $1 } $1 > max { max = $1 } END { print max - min, NR }'
}
export HL_JOURNAL=fair1.csv
seq 1 1000 | awk 'BEGIN { print "time,event,category,text" } { printf "2026-11-20T09:%02d:%02d+08:00,open,repair,第%d\n", int($1 / 60) % 60, $1 % 60, $1 }' > many.csv
HL_NOW=2026-11-20T10:00:00+08:00 "$HL_LOG" append many.csv > /dev/null
HL_NOW=2026-11-20T10:00:00+08:00 "$HL_ROUTE" | HL_NOW=2026-11-20T10:00:00+08:00 "$HL_LOG" append
is "1000 tickets, one run: differ by at most 1 over 4 people" "$(fair fair1.csv)" "0 4"
export HL_JOURNAL=fair10.csv
for k in 0 1 2 3 4 5 6 7 8 9; do
	sed -n "$((k * 100 + 2)),$((k * 100 + 101))p" many.csv | sed '1i time,event,category,text' > part.csv
	HL_NOW=2026-11-20T10:00:00+08:00 "$HL_LOG" append part.csv > /dev/null
	HL_NOW=2026-11-20T10:00:00+08:00 "$HL_ROUTE" | HL_NOW=2026-11-20T10:00:00+08:00 "$HL_LOG" append
done
is "1000 tickets in 10 runs: still at most 1 apart" "$(fair fair10.csv)" "0 4"
export HL_JOURNAL=hotline.csv

# configuration errors, before anything is written
bad_route() { # bad_route NAME MESSAGE YAML-ROUTES
	printf '%s\n' "departments: [{name: 工程部, head: 老李}]" "staff: [{name: A, dept: 工程部}, {name: 老李, dept: 工程部}]" "$3" > bad.yaml
	run "$HL_ROUTE" -C bad.yaml
	is_status "$1" 2
	is_err "$1" "hl-route: $2"
	is "$1: nothing written" "$(cat "$T/out")" ""
}
bad_route "unknown department" "bad.yaml:3:26: unknown department '财务部'" \
	'routes: [{name: x, dept: 财务部}]'
bad_route "unknown person" "bad.yaml:3:39: unknown person '张三'" \
	'routes: [{name: x, dept: 工程部, person: 张三}]'
bad_route "unknown pool member" "bad.yaml:3:37: unknown person 'B'" \
	'routes: [{name: x, dept: 工程部, pool: [A, B]}]'
bad_route "empty pool" "bad.yaml:3:37: empty pool" 'routes: [{name: x, dept: 工程部, pool: []}]'
bad_route "bad glob" "bad.yaml:3:35: bad glob '3栋[12' (an unclosed [ or a trailing \\)" \
	'routes: [{name: x, match: {place: "3栋[12"}, dept: 工程部}]'
bad_route "unknown strategy" "bad.yaml:3:52: unknown strategy 'random' (round-robin or least-open)" \
	'routes: [{name: x, dept: 工程部, pool: [A], strategy: random}]'
bad_route "strategy without pool" "bad.yaml:3:10: route 'x' has a strategy but no pool" \
	'routes: [{name: x, dept: 工程部, strategy: least-open}]'
bad_route "person and pool" "bad.yaml:3:10: route 'x' has both person and pool" \
	'routes: [{name: x, dept: 工程部, person: A, pool: [A]}]'
bad_route "rule after a catch-all" "bad.yaml:3:32: route 'y' can never match: 'x' before it matches everything" \
	'routes: [{name: x, dept: 工程部}, {name: y, dept: 工程部}]'
bad_route "route without dept" "bad.yaml:3:10: route 'x' without dept" 'routes: [{name: x}]'
bad_route "unknown condition" "bad.yaml:3:28: unknown key 'weather'" \
	'routes: [{name: x, match: {weather: rain}, dept: 工程部}]'
bad_route "bad time of day" "bad.yaml:3:34: bad hours '22-06' (want e.g. 08:00-17:00)" \
	'routes: [{name: x, match: {time: "22-06"}, dept: 工程部}]'
bad_route "bad repeat" "bad.yaml:3:36: repeat wants a clock duration such as 30d" \
	'routes: [{name: x, match: {repeat: 2bd}, dept: 工程部}]'
bad_route "duplicate name" "bad.yaml:3:57: route 'x' is named twice" \
	'routes: [{name: x, match: {category: help}, dept: 工程部}, {name: x, dept: 工程部}]'
bad_route "roster: unknown person" "bad.yaml:3:49: unknown person '王五'" \
	'roster: [{name: d, time: "08:00-17:00", people: [王五]}]'
bad_route "roster: overlapping shifts" "bad.yaml:3:55: shifts 'd' and 'n' overlap for A" \
	'roster: [{name: d, time: "08:00-17:00", people: [A]}, {name: n, time: "16:00-02:00", people: [A]}]'
bad_route "roster: rotation without start" "bad.yaml:3:10: shift 'n' rotates: it needs from (the first day)" \
	'roster: [{name: n, time: "22:00-06:00", rotate: [A]}]'
bad_route "leave: delegate unknown" "bad.yaml:3:65: unknown person '王五'" \
	'leave: [{person: A, from: 2026-11-01, to: 2026-11-02, delegate: 王五}]'
bad_route "leave: ends before it starts" "bad.yaml:3:9: leave of A ends before it starts" \
	'leave: [{person: A, from: 2026-11-05, to: 2026-11-02}]'
done_testing
