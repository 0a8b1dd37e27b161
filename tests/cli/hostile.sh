# hostile.sh - hostile text stays data: ticket ids held to one form in
# every input, and what a terminal or a line reader would act on (line
# breaks, CR, tabs, C1 controls, bidi overrides) shown as escapes in text
# reports, notify lines, --explain and messages, never as rows or fields
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
. "$(dirname "$0")/../lib.sh"
HL_ESC="$HL_BIN/hl-escalate"
HL_REP="$HL_BIN/hl-report"
HL_ROUTE="$HL_BIN/hl-route"

NL='
'
TAB=$(printf '\t')
CR=$(printf '\r')
CSI=$(printf '\302\233')      # U+009B, a CSI on many terminals
RLO=$(printf '\342\200\256')  # U+202E RIGHT-TO-LEFT OVERRIDE
FORM="1 to 64 letters, digits, '-', '_' and '.', the first a letter or digit"
# lines of a file, and of them those holding a byte a terminal acts on
lines() { wc -l < "$1" | tr -d ' '; }
raw_controls() { LC_ALL=C grep -c "$CR\|$TAB\|$CSI\|$RLO\|$(printf '\033')" "$1"; }

cat > hotline.yaml <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李, leader: 陈总}
staff:
  - {name: 王芳, dept: 工程部, phone: "13800000001", email: wf@example.org}
  - {name: 老李, dept: 工程部, email: ll@example.org}
  - {name: 陈总, dept: 工程部, phone: "13800000009"}
escalation:
  manager: {name: 总经理, phone: "13900000000"}
YAML
export HL_NOW="2026-11-03T09:00:00+08:00"
"$HL_LOG" open -c repair -p urgent -l 3栋 暖气管爆了 >/dev/null

# ---- ticket ids: one form in every input ----
printf 'ticket,event,category,text\nHL-X\\n\tevil@attacker.example,open,repair,hi\n' > id.csv
refuse "append CSV: an id with a line break and a tab" 2 \
	"hl-log: id.csv:2: bad ticket id 'HL-X\\n\\tevil@attacker.example' ($FORM)" \
	"$HL_LOG" append id.csv
cat > id.yaml <<'YAML'
- {ticket: HL-1, event: open, category: repair, text: a}
- {ticket: "HL-Y\n\tevil", event: open, category: repair, text: b}
YAML
refuse "append YAML: an id with a line break and a tab" 2 \
	"hl-log: id.yaml:2: bad ticket id 'HL-Y\\n\\tevil' ($FORM)" \
	"$HL_LOG" append id.yaml
refuse "a verb: an id with a line break and a tab" 2 \
	"hl-log: bad ticket id 'HL-Z\\n\\tevil' ($FORM)" \
	"$HL_LOG" note "HL-Z$NL${TAB}evil" 有人来电
refuse "a verb: an id starting with a dot" 2 "hl-log: bad ticket id '.hidden' ($FORM)" \
	"$HL_LOG" close .hidden
L64=x234567890123456789012345678901234567890123456789012345678901234
printf 'ticket,event,category,text\n%s5,open,repair,hi\n' "$L64" > long.csv
refuse "an id of 65 bytes" 2 "hl-log: long.csv:2: ticket id longer than 64 bytes" \
	"$HL_LOG" append long.csv
printf 'ticket,event,category,text\nlegacy_42.a,open,repair,hi\n%s,open,repair,hi\n' "$L64" > ok.csv
run "$HL_LOG" append ok.csv
is "ids of the form (64 bytes, '_' and '.') are taken" \
	"$rc $(cut -d, -f2 hotline.csv | tail -n 2 | tr '\n' ' ')" "0 legacy_42.a $L64 "

# a new id starts with the prefix: an empty one would make "-20261103-0001"
mkdir noprefix
printf 'ticket: {prefix: ""}\n' > noprefix/hotline.yaml
run sh -c "cd noprefix && '$HL_LOG' open -c repair 漏水"
is "an empty ticket prefix is refused" "$rc $(cat "$T/err")" \
	"2 hl-log: hotline.yaml:1:18: ticket prefix is empty"

# A journal written before the rule (or by hand) with such an id: the
# line is damaged, reported and skipped like any other.
HEAD=time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,level,clock,notify,score,verdict,rule,call,queue,outcome,wait,talk,text
# record ID DEPT: an open record of 王芳's at 09:00, as a journal line
record() { printf '2026-11-03T09:00:00+08:00,%s,open,王芳,repair,urgent,,,,,%s,,,,,,,,,,,,,,hi\n' "$1" "$2"; }
EVIL="HL-X\\na${TAB}b${TAB}evil@attacker.example${TAB}z"
{ echo "$HEAD"; record HL-20261103-0001 ""; record "$EVIL" ""; } > bad.csv
run "$HL_REP" tickets bad.csv
like "reading: a bad id is reported" "$(cat "$T/err")" \
	"^hl-report: bad.csv:3: bad ticket id 'HL-X\\\\na\\\\tb\\\\tevil@attacker.example\\\\tz' \(.*\) \(record ignored\)$"
is "reading: and skipped, the rest read (title, blank, header, a row)" "$rc $(lines "$T/out")" "0 4"

# ---- notify lines: one record a line, four fields ----
# A journal with a bad id, a ticket taken by someone whose name holds
# tabs, and one of 王芳's (whose head, 老李, has an address but no phone).
export HL_JOURNAL=notify.csv
{ echo "$HEAD"; record "$EVIL" ""; } > notify.csv
export HL_NOW="2026-11-03T09:01:00+08:00"
"$HL_LOG" open -c repair -p urgent 停电 >/dev/null 2>&1
HL_ACTOR="mallory$TAB${TAB}evil2@attacker.example${TAB}x" "$HL_LOG" open -c repair -p urgent 漏水 \
	>/dev/null 2>&1
export HL_NOW="2026-11-03T09:13:00+08:00"
run "$HL_ESC" -o notify
awk -F '\t' 'NF != 4 { bad++ } END { print NR, bad + 0 }' "$T/out" > fields
is "notify: a line a person, four fields each" "$rc $(cat fields)" "0 2 0"
like "notify: a tab in a name is shown, not a field" "$(cat "$T/out")" \
	"^mallory\\\\t\\\\tevil2@attacker.example\\\\tx$TAB$TAB$TAB\[hl\] "

# notify-mail against a mail(1) that records whom it mails and what
mkdir fake
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >> "%s/mail.args"\ncat >> "%s/mail.body"\n' "$T" "$T" > fake/mail
chmod +x fake/mail
: > mail.args
: > mail.body
run env PATH="$T/fake:$HL_BIN:$PATH" sh "$EXAMPLES/notify-mail"
is "notify-mail at the warning: runs" "$rc" 0
run env PATH="$T/fake:$HL_BIN:$PATH" HL_NOW="2026-11-03T09:20:00+08:00" sh "$EXAMPLES/notify-mail"
is "notify-mail when overdue: runs" "$rc" 0
is "notify-mail: no address from a ticket's data" "$(grep -c attacker mail.args)" 0
like "notify-mail: the head, who has no phone, is mailed at his address" "$(cat mail.args)" \
	"^ll@example.org$"
# where departments are not configured, a department is any words
mkdir free
cat > free/hotline.yaml <<'YAML'
timezone: Asia/Shanghai
escalation:
  manager: {name: 总经理, phone: "13900000000", email: gm@example.org}
YAML
(cd free && HL_JOURNAL=hotline.csv HL_NOW="2026-11-03T09:00:00+08:00" \
	"$HL_LOG" open -c repair -p urgent -d '工程部;~!touch pwned' 漏水 >/dev/null)
: > mail.body
run sh -c "cd free && HL_JOURNAL=hotline.csv HL_NOW=2026-11-03T09:20:00+08:00 PATH='$T/fake:$HL_BIN:$PATH' sh '$EXAMPLES/notify-mail'"
is "notify-mail, free departments: runs" "$rc" 0
like "notify-mail: the department's words are in the message" "$(cat mail.body)" 'touch pwned'
is "notify-mail: no line of a message starts a tilde command" "$(grep -c '^~' mail.body)" 0

# ---- text reports: no fake rows, no terminal controls ----
export HL_NOW="2026-11-03T10:00:00+08:00" HL_JOURNAL=report.csv
"$HL_LOG" open -c repair -l 3栋 漏水 >/dev/null
P="3栋${NL}HL-20261103-9999  2026-11-03 09:00  repair"
"$HL_LOG" open -c consult -t 13700000002 -l "$P" "问路${CR}已办结 ${CSI}2J ${RLO}txet" >/dev/null
"$HL_LOG" open -c consult -t 13700000002 -l "一号${RLO}楼" "a${NL}b" >/dev/null
run "$HL_REP" tickets
is "tickets: one line a ticket (title, blank, header, 3 rows)" "$rc $(lines "$T/out")" "0 6"
is "tickets: no raw CR, tab, C1 or bidi override" "$(raw_controls "$T/out")" 0
like "tickets: the place shown escaped" "$(cat "$T/out")" '3栋\\nHL-20261103-9999  2026-11-03 09:00  repair'
like "tickets: U+202E shown escaped" "$(cat "$T/out")" '一号\\u202e楼'
run "$HL_REP" caller 13700000002
is "caller: one line a ticket" "$rc $(lines "$T/out")" "0 5"
is "caller: no raw CR, C1 or bidi override" "$(raw_controls "$T/out")" 0
like "caller: the text shown escaped" "$(cat "$T/out")" '问路\\r已办结 \\u009b2J \\u202etxet'
run "$HL_REP" monthly --month 2026-11 --by place
like "monthly --by place: the place is one row" "$(cat "$T/out")" '3栋\\nHL-20261103-9999'
is "monthly --by place: no raw control" "$(raw_controls "$T/out")" 0
is "monthly --by place: no row from inside a place" "$(grep -c '^HL-20261103-9999' "$T/out")" 0
run "$HL_REP" tickets -o csv
# records: lines joined while a quote is open
awk '{ q += gsub(/"/, "&") } q % 2 == 0 { n++ } END { print n }' "$T/out" > records
is "csv: a line break stays inside its quoted cell (header, 3 rows)" "$(cat records)" 4
run "$HL_REP" tickets -o yaml
is "yaml: a row a line" "$rc $(lines "$T/out")" "0 3"
"$HL_LOG" open -c consult -l '<script>alert(1)</script>' 问路 >/dev/null
run "$HL_REP" tickets -o html
is "html: markup in a place is text" "$(grep -c '<script' "$T/out") $(grep -c '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/out")" "0 1"

# hl-escalate -o text: a name with a line break is one row
export HL_NOW="2026-11-03T09:00:00+08:00" HL_JOURNAL=escalate.csv
HL_ACTOR="mallory${NL}overdue  HL-20261103-0009" "$HL_LOG" open -c repair -p urgent 漏水 >/dev/null
run env HL_NOW="2026-11-03T09:13:00+08:00" "$HL_ESC" -o text
is "escalate text: a header and one row" "$rc $(lines "$T/out")" "0 2"
like "escalate text: the name shown escaped" "$(cat "$T/out")" 'mallory\\noverdue  HL-20261103-0009'

# ---- --explain and messages ----
export HL_NOW="2026-11-03T10:00:00+08:00" HL_JOURNAL=route.csv
"$HL_LOG" open -c repair -l "3栋${NL}HL-20261103-0042 repair 3栋" 漏水 >/dev/null
run "$HL_ROUTE" --explain
is "route --explain: one ticket line" "$(grep -c '^HL-' "$T/err")" 1
is "route --explain: every other line indented under it" \
	"$(grep -v '^hl-route: ' "$T/err" | grep -vc '^HL-\|^  ')" 0
like "route --explain: the place shown escaped" "$(cat "$T/err")" '3栋\\nHL-20261103-0042 repair'
run "$HL_LOG" assign HL-20261103-0001 -d "财务部${NL}hl-log: committed${CR}"
is "an error message is one line" "$rc $(lines "$T/err")" "2 1"
is "an error message shows what it echoes" "$(cat "$T/err")" \
	"hl-log: unknown department '财务部\\nhl-log: committed\\r'"
run "$HL_ESC" --explain "HL-1${RLO}"
is "escalate --explain: an unknown id echoed visibly" "$(cat "$T/err")" \
	"hl-escalate: HL-1\\u202e: no ticket of that id"

done_testing
