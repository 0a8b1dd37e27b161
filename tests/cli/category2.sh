# category2.sh - second levels of the categories (the categories section):
# input forms, refusals, routes and SLA rules by second level, the state
# cache, reports grouped by them, export and import, config errors
. "$(dirname "$0")/../lib.sh"
HL_ROUTE="$HL_BIN/hl-route"
HL_ESC="$HL_BIN/hl-escalate"
HL_REPORT="$HL_BIN/hl-report"
# the state cache rewritten on every run: the cron tools read it back
export HL_STATE_REWRITE=0

cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 客服部}
  - {name: 环保科}
  - {name: 工程部}
categories:
  complaint:
    - {name: noise, label: 噪音, code: "0301"}
    - {name: fee, label: 物业收费, code: "0302"}
  报修:
    - {name: water, label: 水电, code: "0701"}
    - lift
routes:
  - name: noise
    match: {category: complaint/noise}
    dept: 环保科
  - name: complaint
    match: {category: 投诉}
    dept: 客服部
  - name: water
    match: {category: "0701"}
    dept: 工程部
  - name: rest
    dept: 客服部
sla:
  - name: noise-fast
    match: {category: 投诉/噪音}
    ack: 10m
    resolve: 1d
  - name: complaints
    match: {category: complaint}
    ack: 30m
    resolve: 3d
  - name: other
    ack: 1h
    resolve: 5d
YAML
"$HL_LOG" init

# ---- input: the name, the Chinese words, a code, Latin in any case ----
"$HL_LOG" --at 09:00 open -c 投诉/噪音 -l 3栋 楼上装修噪音 > /dev/null
"$HL_LOG" --at 09:05 open -c 0301 -l 5栋 夜里广场舞 > /dev/null
"$HL_LOG" --at 09:10 open -c complaint/fee 物业费多收 > /dev/null
"$HL_LOG" --at 09:15 open -c 报修/水电 -l 2栋 停水 > /dev/null
"$HL_LOG" --at 09:20 open -c repair/LIFT -l 1栋 电梯停了 > /dev/null
"$HL_LOG" --at 09:25 open -c 咨询 --done 问停水时间 > /dev/null
is "the journal keeps first/second in the category column" \
	"$(sed 1d hotline.csv | cut -d, -f3,5 | tr '\n' ' ')" \
	"open,complaint/noise open,complaint/noise open,complaint/fee open,repair/water open,repair/lift open,consult resolve, "

# ---- refusals: one line, status 2, the journal as it was ----
refuse "a first level with a list needs its second" 2 \
	"hl-log: category complaint needs a second level (one of: noise, fee)" \
	"$HL_LOG" open -c complaint 吵
refuse "a second level alone: did you mean" 2 \
	"hl-log: unknown category '噪音' (did you mean complaint/noise?)" \
	"$HL_LOG" open -c 噪音 吵
refuse "an unknown second level: the list" 2 \
	"hl-log: unknown second level 'nois' of complaint (one of: noise, fee)" \
	"$HL_LOG" open -c complaint/nois 吵
refuse "a second level of a first level without a list" 2 \
	"hl-log: category praise has no second levels (see categories in hotline.yaml)" \
	"$HL_LOG" open -c praise/good 好
refuse "an unknown code" 2 \
	"hl-log: unknown category or code '9999' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" open -c 9999 吵
refuse "an unknown first level before the slash" 2 \
	"hl-log: unknown category or code 'cooking' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" open -c cooking/soup 汤
refuse "an amend to a second level alone" 2 \
	"hl-log: unknown category '物业收费' (did you mean complaint/fee?)" \
	"$HL_LOG" amend 3 -c 物业收费
printf 'event,category,text\nopen,consult,好\nopen,complaint/loud,吵\n' > batch.csv
refuse "a batch with an unknown second level: whole or nothing" 2 \
	"hl-log: batch.csv:3: unknown second level 'loud' of complaint (one of: noise, fee)" \
	"$HL_LOG" append batch.csv

# ---- the state cache keeps the second level: routes match it ----
run "$HL_ESC"
like "the cache is of this version" "$(head -1 hotline.csv.state)" "^hl-state 8$"
like "and holds the second level" "$(grep -c '=noise' hotline.csv.state)" "^2$"
run "$HL_ROUTE" --lang en --explain
is_status "--explain from the cache" 0
is "--explain: a second level matches its own rule" \
	"$(sed -n '/^HL-20261103-0001 /,/->/p' "$T/err")" \
	"HL-20261103-0001 complaint/noise 3栋 2026-11-03T09:00:00+08:00
  rule noise: matches
  -> 环保科, due 2026-11-03T10:10:00+08:00"
is "--explain: another second level passes it, the first level's rule takes it" \
	"$(sed -n '/^HL-20261103-0003 /,/->/p' "$T/err")" \
	"HL-20261103-0003 complaint/fee 2026-11-03T09:10:00+08:00
  rule noise: no, category
  rule complaint: matches
  -> 客服部, due 2026-11-03T10:30:00+08:00"
is "--explain: a rule matching a code" \
	"$(sed -n '/^HL-20261103-0004 /,/->/p' "$T/err" | tail -2)" \
	"  rule water: matches
  -> 工程部, due 2026-11-03T11:00:00+08:00"
"$HL_ROUTE" | "$HL_LOG" append
is "each dispatched by its rule" \
	"$(grep ',route,' hotline.csv | cut -d, -f2,11,19 | tr '\n' ' ')" \
	"HL-20261103-0001,环保科,noise HL-20261103-0002,环保科,noise HL-20261103-0003,客服部,complaint HL-20261103-0004,工程部,water HL-20261103-0005,客服部,rest "

# ---- SLA rules: the second level's first, then the first level's ----
ack() { "$HL_ESC" --explain "$1" | grep -e '^HL' -e '^ack'; }
is "clock of complaint/noise: its own rule" "$(ack HL-20261103-0001)" \
	"HL-20261103-0001 complaint/noise, normal, assigned; as of 2026-11-03T10:00:00+08:00
ack      10m from 11-03 10:00 (rule noise-fast) -> due 11-03 10:10; running, 10m left; warn 11-03 10:08"
is "clock of complaint/fee: the first level's rule" "$(ack HL-20261103-0003)" \
	"HL-20261103-0003 complaint/fee, normal, assigned; as of 2026-11-03T10:00:00+08:00
ack      30m from 11-03 10:00 (rule complaints) -> due 11-03 10:30; running, 30m left; warn 11-03 10:24"
is "clock of repair/lift: the rule for the rest" "$(ack HL-20261103-0005 | tail -1)" \
	"ack      1h from 11-03 10:00 (rule other) -> due 11-03 11:00; running, 1h left; warn 11-03 10:48"

# ---- amend: the second level corrected, its rules as from the start ----
"$HL_LOG" amend 3 -c 0301
is "the amend writes first/second" "$(tail -1 hotline.csv | cut -d, -f3,5)" "amend,complaint/noise"
is "and the clock takes the second level's rule" "$(ack HL-20261103-0003 | tail -1)" \
	"ack      10m from 11-03 10:00 (rule noise-fast) -> due 11-03 10:10; running, 10m left; warn 11-03 10:08"
"$HL_LOG" amend 3 -c 投诉/物业收费
is "amended back" "$(ack HL-20261103-0003 | head -1)" \
	"HL-20261103-0003 complaint/fee, normal, assigned; as of 2026-11-03T10:00:00+08:00"

"$HL_LOG" --at 09:50 resolve 1 已协调
"$HL_LOG" --at 09:55 resolve 4 已修复

# ---- reports ----
csv() { tr -d '\r' < "$T/out"; } # CSV lines end in CRLF
# by hand: 噪音 0001 (resolved) 0002; 物业收费 0003; 水电 0004 (resolved);
# lift 0005 (no label: its name); 咨询 0006 (resolved on the spot)
run "$HL_REPORT" monthly --month 2026-11 --by category2 -o csv --no-bom \
	--columns category2,received,consult,complaint,repair,resolved,open_at_end
is "monthly --by category2" "$(csv)" \
"二级类别,受理,咨询,投诉,报修,办结,期末未结
咨询,1,1,0,0,1,0
投诉/噪音,2,0,2,0,1,1
投诉/物业收费,1,0,1,0,0,1
报修/lift,1,0,0,1,0,1
报修/水电,1,0,0,1,1,0
合计,6,1,3,2,3,3"
run "$HL_REPORT" monthly --month 2026-11 --by category -o csv --no-bom \
	--columns category,received,resolved,open_at_end
is "monthly --by category: the first levels still" "$(csv)" \
"类别,受理,办结,期末未结
咨询,1,1,0
投诉,3,1,2
报修,2,1,1
合计,6,3,3"
run "$HL_REPORT" monthly --month 2026-11 --by dept,category2 --lang en -o csv --no-bom \
	--columns dept,category2,received,resolved
is "monthly --by dept,category2 in English: the names" "$(csv)" \
"Department,Category (second level),Received,Resolved
(not dispatched),consult,1,1
客服部,complaint/fee,1,0
客服部,repair/lift,1,0
工程部,repair/water,1,1
环保科,complaint/noise,2,1
Total,,6,3"
run "$HL_REPORT" weekly --week 2026-W45 --by category2 -o csv --no-bom \
	--columns category2,received,first_contact_resolution
is "weekly --by category2: first contact resolution 1 of 6" "$(csv | sed -n '2,8p')" \
"二级类别,受理,首问解决率%
咨询,1,100.0
投诉/噪音,2,0.0
投诉/物业收费,1,0.0
报修/lift,1,0.0
报修/水电,1,0.0
合计,6,16.7"
run "$HL_REPORT" tickets --month 2026-11 --category 投诉/噪音 --columns ticket,category,dept
is "tickets --category with a second level" "$(sed 1,2d "$T/out")" \
"工单              类别       部门
HL-20261103-0001  投诉/噪音  环保科
HL-20261103-0002  投诉/噪音  环保科"
run "$HL_REPORT" tickets --month 2026-11 --category complaint -o csv --no-bom --columns ticket,category
is "tickets --category of a first level: all its second levels" "$(csv)" \
"工单,类别
HL-20261103-0001,投诉/噪音
HL-20261103-0002,投诉/噪音
HL-20261103-0003,投诉/物业收费"
run "$HL_REPORT" tickets --month 2026-11 --category 0701 -o yaml --columns ticket,category
is "tickets --category by code, YAML in English" "$(cat "$T/out")" \
"- {table: Tickets, ticket: HL-20261103-0004, category: repair/water}"
run "$HL_REPORT" tickets --category 噪音
is_status "tickets --category: a second level alone" 2
is_err "tickets --category: a second level alone" \
	"hl-report: unknown category '噪音' (did you mean complaint/noise?)"
run "$HL_REPORT" monthly --month 2026-11 --by category2 -o csv --no-bom --columns category2,received -C /dev/null
is "a second level no longer configured: as the journal has it" "$(csv)" \
"二级类别,受理
咨询,1
投诉/fee,1
投诉/noise,2
报修/lift,1
报修/water,1
合计,6"
run "$HL_REPORT" monthly --month 2026-11 --by category3
is_err "an unknown --by key names category2" \
	"hl-report: unknown --by key 'category3' (dept, category, category2, channel, assignee, place, day, week, month)"

# ---- export and import: YAML and CSV, the journal as it was ----
for fmt in yaml csv; do
	"$HL_LOG" export -o $fmt > all.$fmt
	"$HL_LOG" -f copy-$fmt.csv append all.$fmt
	is "$fmt round trip: every record as it was" "$("$HL_LOG" -f copy-$fmt.csv export -o csv)" \
		"$("$HL_LOG" export -o csv)"
done
like "the YAML export writes first/second" "$(grep -c 'category: complaint/noise' all.yaml)" "^3$"

# ---- completion: the second levels as -c takes them ----
is "--complete categories: the configured second levels after the words" \
	"$("$HL_LOG" --complete categories | sed -n '/\//p' | tr '\n' ' ')" \
	"complaint/noise 投诉/噪音 complaint/fee 投诉/物业收费 repair/water 报修/水电 repair/lift "
is "and the codes" "$("$HL_LOG" --complete categories | grep -c '^0[37]0[12]$')" "3"

# ---- configuration errors: placed at line:column ----
cfg_err() { # NAME CONFIG MESSAGE
	printf '%s\n' "$2" > bad.yaml
	refuse "$1" 2 "$3" "$HL_LOG" -C bad.yaml open -c consult 问
}
cfg_err "a code twice" 'categories:
  complaint:
    - {name: noise, code: "0301"}
    - {name: fee, code: "0301"}' "hl-log: bad.yaml:4:25: code '0301' is already complaint/noise"
cfg_err "second levels under an unknown category" 'categories:
  cooking:
    - soup' "hl-log: bad.yaml:2:3: unknown category 'cooking'"
cfg_err "a first level twice, in two languages" 'categories:
  complaint: [noise]
  投诉: [fee]' "hl-log: bad.yaml:3:3: category complaint is listed twice"
cfg_err "a name twice, in any case" 'categories:
  complaint:
    - noise
    - {name: NOISE}' "hl-log: bad.yaml:4:7: second level 'NOISE' of complaint is listed twice"
cfg_err "a label twice" 'categories:
  complaint:
    - {name: noise, label: 噪音}
    - {name: loud, label: 噪音}' "hl-log: bad.yaml:4:27: label '噪音' of complaint/loud is already complaint/noise's"
cfg_err "a name that is no word" 'categories:
  complaint:
    - {name: "no ise"}' "hl-log: bad.yaml:3:14: bad second level of a category 'no ise' (1 to 32 letters, digits, '-' and '_', the first a letter or digit)"
cfg_err "a label with the slash" 'categories:
  complaint:
    - {name: noise, label: 噪/音}' "hl-log: bad.yaml:3:28: label '噪/音' has a slash (it separates the levels)"
cfg_err "a code that is a category" 'categories:
  complaint:
    - {name: noise, code: other}' "hl-log: bad.yaml:3:27: code 'other' is a category's name"
cfg_err "an empty list" 'categories:
  complaint: []' "hl-log: bad.yaml:2:14: category complaint has an empty list"
cfg_err "a route for an unknown second level" 'departments: [{name: 客服部}]
categories:
  complaint: [noise]
routes:
  - name: n
    match: {category: [complaint/nois]}
    dept: 客服部' "hl-log: bad.yaml:6:24: unknown second level 'nois' of complaint (one of: noise)"
cfg_err "an SLA rule for a second level not configured" 'sla:
  - name: n
    match: {category: complaint/noise}
    ack: 10m' "hl-log: bad.yaml:3:23: category complaint has no second levels (see categories in hotline.yaml)"

done_testing
