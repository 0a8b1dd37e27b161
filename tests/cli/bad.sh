# bad.sh - every refusal: one clear line, exit status 2, journal untouched
. "$(dirname "$0")/../lib.sh"

"$HL_LOG" open -c complaint -t 13800138000 漏水 >/dev/null
"$HL_LOG" open -c suggestion 建议装路灯 >/dev/null
"$HL_LOG" open -c help 求助 >/dev/null
"$HL_LOG" resolve HL-20261103-0003 >/dev/null
"$HL_LOG" close HL-20261103-0003 >/dev/null
C=HL-20261103-0001 S=HL-20261103-0002 X=HL-20261103-0003

# command line
refuse "unknown verb" 2 "hl-log: unknown verb 'resolv' (did you mean resolve?)" "$HL_LOG" resolv $C
refuse "unknown ticket" 2 "hl-log: HL-20261103-0099: unknown ticket" "$HL_LOG" ack HL-20261103-0099
refuse "a phone typed where the ticket goes is not echoed whole" 2 "hl-log: 138****1111: unknown ticket" \
	"$HL_LOG" ack 13800001111
refuse "unknown category" 2 \
"hl-log: unknown category 'cooking' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" open -c cooking x
refuse "open without category" 2 "hl-log: open record without category" "$HL_LOG" open 漏水
run "$HL_LOG" -f fresh.csv ack HL-20261103-0001
is_err "refused on a journal that does not exist yet" "hl-log: fresh.csv: no such journal"
run "$HL_LOG" -f fresh.csv open -c help x
run "$HL_LOG" -f fresh.csv ack HL-20261103-0099
is_err "... once it does, an unknown ticket is one" "hl-log: HL-20261103-0099: unknown ticket"
rm -f fresh.csv*
is "a refusal creates no journal" "$(sum fresh.csv)" "absent"
refuse "unknown channel" 2 \
"hl-log: unknown channel 'pigeon' (one of: phone, hotline400, visit, letter, email, web, wechat, weibo, sms)" \
	"$HL_LOG" open -c help -m pigeon x
refuse "unknown priority" 2 \
"hl-log: unknown priority 'asap' (one of: low, normal, high, urgent, critical)" \
	"$HL_LOG" open -c repair -p asap x
refuse "bad phone" 2 "hl-log: bad phone number (only digits, a leading +, spaces, dashes, dots and parentheses)" \
	"$HL_LOG" open -c help -t 138-CALL-ME x
refuse "short phone" 2 "hl-log: bad phone number (want 3 to 20 digits)" "$HL_LOG" missed -t 12
refuse "missed without phone" 2 "hl-log: missed record without phone" "$HL_LOG" missed

# a phone number typed in the wrong place is masked in the message, as
# reports mask it; words that are no phone number are shown as typed
refuse "a phone as the category" 2 \
"hl-log: unknown category '138****1111' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" open -c 13800001111 -t 13800001111 x
refuse "a phone as the channel, with dashes" 2 \
"hl-log: unknown channel '138****1111' (one of: phone, hotline400, visit, letter, email, web, wechat, weibo, sms)" \
	"$HL_LOG" open -c help -m 138-0000-1111 x
refuse "a phone as the priority, typed fullwidth" 2 \
"hl-log: unknown priority '138****1111' (one of: low, normal, high, urgent, critical)" \
	"$HL_LOG" open -c help -p １３８００００１１１１ x
refuse "a landline as the verdict" 2 \
"hl-log: unknown verdict '057*****1000' (one of: valid, invalid, adopted, declined)" \
	"$HL_LOG" resolve $C --verdict 0571-8800-1000
refuse "a phone as the time" 2 \
"hl-log: bad time '138****1111' (want 2026-11-03T09:14:00+08:00, 2026-11-03 09:14 or 09:14)" \
	"$HL_LOG" --at +8613800001111 note $C x
refuse "a phone as the score" 2 "hl-log: bad score '138****1111' (want 1 to 5)" \
	"$HL_LOG" followup $X --score 13800001111
refuse "a phone as the verb" 2 "hl-log: unknown verb '138****1111'
$("$HL_LOG" --help 2>&1)" "$HL_LOG" 13800001111
printf 'event,ticket,clock,level,text\nescalate,%s,13800001111,1,x\n' $C > clock.csv
refuse "a phone as the clock" 2 "hl-log: clock.csv:2: unknown clock '138****1111'" "$HL_LOG" append clock.csv
refuse "a date is no phone" 2 \
"hl-log: unknown category '2026-11-03' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" open -c 2026-11-03 x
refuse "six digits are no phone" 2 \
"hl-log: unknown category '123456' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)" \
	"$HL_LOG" open -c 123456 x
run "$HL_BIN/hl-report" 13800001111
like "hl-report: a phone as the report" "$(head -n 1 "$T/err")" "^hl-report: unknown report '138\*\*\*\*1111' "
run "$HL_BIN/hl-report" monthly --category 13800001111
is_err "hl-report: a phone as the category" "hl-report: unknown category '138****1111' (one of: consult, complaint, suggestion, booking, emergency, help, repair, report, praise, other)"
refuse "resolve on a closed ticket" 2 "hl-log: $X: ticket is not open" "$HL_LOG" resolve $X
refuse "followup before resolve" 2 "hl-log: $C: followup before resolve" "$HL_LOG" followup $C --score 4
refuse "followup without score" 2 "hl-log: followup record without score" "$HL_LOG" followup $X
refuse "score out of range" 2 "hl-log: bad score '9' (want 1 to 5)" "$HL_LOG" followup $X --score 9
refuse "ack before assign" 2 "hl-log: $C: ticket is not assigned to anyone yet" "$HL_LOG" ack $C
refuse "assign without department" 2 "hl-log: assign record without dept" "$HL_LOG" assign $C
refuse "close an open ticket" 2 "hl-log: $C: ticket is not resolved" "$HL_LOG" close $C
refuse "reopen an open ticket" 2 "hl-log: $C: only a resolved, closed, void or linked ticket can be reopened" "$HL_LOG" reopen $C
refuse "callback on an ordinary ticket" 2 "hl-log: $C: not a missed call" "$HL_LOG" callback $C
refuse "resume without hold" 2 "hl-log: $C: ticket is not on hold" "$HL_LOG" resume $C
refuse "complaint verdict on a suggestion" 2 "hl-log: $S: verdict valid/invalid is for complaints" \
	"$HL_LOG" resolve $S --verdict valid
refuse "unknown verdict" 2 "hl-log: unknown verdict 'maybe' (one of: valid, invalid, adopted, declined)" \
	"$HL_LOG" resolve $C --verdict maybe
refuse "time in the future" 2 "hl-log: --at 2026-11-04 09:00 is in the future" \
	"$HL_LOG" --at "2026-11-04 09:00" note $C x
refuse "impossible date" 2 "hl-log: impossible date or time '2026-02-30 09:00'" \
	"$HL_LOG" --at "2026-02-30 09:00" note $C x
refuse "bad time" 2 "hl-log: bad time 'noon' (want 2026-11-03T09:14:00+08:00, 2026-11-03 09:14 or 09:14)" \
	"$HL_LOG" --at noon note $C x
refuse "late entry before the previous step" 2 \
"hl-log: $C: note at 2026-11-03T09:00:00+08:00 is before the ticket's previous step at 2026-11-03T10:00:00+08:00" \
	"$HL_LOG" --at 09:00 note $C x
refuse "invalid UTF-8 on the command line" 2 "hl-log: invalid UTF-8 in field 'text'" \
	"$HL_LOG" note $C "$(printf 'bad \377 byte')"
refuse "terminal escape on the command line" 2 "hl-log: control character 0x1b in field 'caller'" \
	"$HL_LOG" open -c help -n "$(printf '\033[31mred')" x
refuse "note without text" 2 "hl-log: note needs a text (what was said)" "$HL_LOG" note $C
refuse "open without text" 2 "hl-log: open needs a text (what was said)" "$HL_LOG" open -c help
refuse "verb without its ticket" 2 "hl-log: ack needs a ticket
usage: hl-log [options] ack TICKET [TEXT]" "$HL_LOG" ack
refuse "option the verb does not take" 2 "hl-log: ack does not take --score
usage: hl-log [options] ack TICKET [TEXT]" "$HL_LOG" ack $C --score 3
refuse "bad --wait" 2 "hl-log: --wait wants seconds (-1: for ever), not 'soon'" "$HL_LOG" --wait soon ack $C
refuse "append with --at" 2 "hl-log: --at is for single entries; records carry their own time" \
	"$HL_LOG" --at 09:00 append /dev/null
refuse "unknown output format" 2 "hl-log: unknown output format 'xml' (csv, yaml or xlsx)
usage: hl-log [options] export [-o csv|yaml|xlsx] [--spreadsheet] [--no-bom] [TICKET ...]" "$HL_LOG" export -o xml

# configuration
printf 'departments:\n  - {name: 工程部, dept_head: 李工}\n' > bad.yaml
refuse "config: unknown key" 2 "hl-log: bad.yaml:2:17: unknown key 'dept_head'" "$HL_LOG" -C bad.yaml ack $C
refuse "config: missing file" 2 "hl-log: nowhere.yaml: No such file or directory" "$HL_LOG" -C nowhere.yaml ack $C
printf 'departments:\n  - {name: 工程部}\n' > depts.yaml
refuse "unknown department" 2 "hl-log: unknown department '财务部'" \
	"$HL_LOG" -C depts.yaml assign $C -d 财务部
refuse "a phone as the department" 2 "hl-log: unknown department '138****1111'" \
	"$HL_LOG" -C depts.yaml assign $C -d 13800001111
printf 'departments:\n  - {name: 工程部}\nstaff:\n  - {name: 张三, dept: 工程部}\n' > staff.yaml
refuse "unknown person" 2 "hl-log: unknown person '李四'" "$HL_LOG" -C staff.yaml assign $C -d 工程部 -a 李四

# the journal itself
printf 'name,phone\nx,1\n' > notajournal.csv
before=$(sum notajournal.csv)
run "$HL_LOG" -f notajournal.csv open -c help x
is_status "not a journal" 2
is_err "not a journal" "hl-log: notajournal.csv:1: not an hl journal (no 'time' column in the header)"
is "not a journal: unchanged" "$(sum notajournal.csv)" "$before"
mkdir adir
run "$HL_LOG" -f adir open -c help x
is_err "a directory" "hl-log: adir: Is a directory"
run "$HL_LOG" -f missing/dir/j.csv open -c help x
is_err "missing directory" "hl-log: missing/dir/j.csv: No such file or directory"
is "missing directory: nothing created" "$(ls missing 2>&1 | wc -l | tr -d ' ')" "1"

# a journal held by a slow writer: wait, then give up clearly
if command -v flock >/dev/null 2>&1; then
	before=$(sum hotline.csv)
	flock hotline.csv sleep 3 &
	holder=$!
	sleep 0.5
	run "$HL_LOG" --wait 1 note $C x
	is "locked journal: exit status" "$rc" 2
	is_err "locked journal" "hl-log: hotline.csv: locked by another writer; gave up after 1 s"
	is "locked journal: unchanged" "$(sum hotline.csv)" "$before"
	wait "$holder"
fi

# a read-only journal: a read-only bind mount (root, as in CI) or a mode
mkdir ro && cp hotline.csv ro/hotline.csv
before=$(sum ro/hotline.csv)
if unshare -m true 2>/dev/null; then
	unshare -m sh -c "mount --bind ro ro && mount -o remount,ro,bind ro &&
		exec '$HL_LOG' -f ro/hotline.csv note $C x" > "$T/out" 2> "$T/err"
	rc=$?
	is "read-only journal: exit status" "$rc" 2
	is_err "read-only journal" "hl-log: ro/hotline.csv: Read-only file system"
elif [ "$(id -u)" -ne 0 ]; then
	chmod 444 ro/hotline.csv
	run "$HL_LOG" -f ro/hotline.csv note $C x
	is_err "read-only journal" "hl-log: ro/hotline.csv: Permission denied"
else
	pass "read-only journal # SKIP no mount namespace, and root ignores file modes"
fi
is "read-only journal: unchanged" "$(sum ro/hotline.csv)" "$before"

# batches: one bad record refuses the whole batch
refuse "append: unknown event, with its line" 2 "hl-log: <stdin>:3: unknown event 'resolv'" \
	sh -c "printf 'event,ticket,text\nnote,$C,fine\nresolv,$C,typo\n' | '$HL_LOG' append"
refuse "append: lifecycle error later in the batch" 2 "hl-log: <stdin>:3: $C: ticket is already resolved" \
	sh -c "printf 'event,ticket,verdict\nresolve,$C,valid\nresolve,$C,\n' | '$HL_LOG' append"
refuse "append: wrong field count" 2 "hl-log: <stdin>:2: 3 fields where the header has 2" \
	sh -c "printf 'event,ticket\nnote,$C,x\n' | '$HL_LOG' append"
refuse "append: unbalanced quote" 2 \
	"hl-log: <stdin>:2: malformed CSV (an unbalanced quote, or text after a closing quote)" \
	sh -c "printf 'event,ticket,text\nnote,$C,\"open\n' | '$HL_LOG' append"
refuse "append: invalid UTF-8" 2 "hl-log: <stdin>:2: invalid UTF-8 in field 'text'" \
	sh -c "printf 'event,ticket,text\nnote,$C,\377\n' | '$HL_LOG' append"
refuse "append: time without offset" 2 \
	"hl-log: <stdin>:2: time '2026-11-03T09:00:00' has no UTC offset (want e.g. +08:00)" \
	sh -c "printf 'time,event,ticket,text\n2026-11-03T09:00:00,note,$C,x\n' | '$HL_LOG' append"
refuse "append: far future" 2 "hl-log: <stdin>:2: time 2030-01-01T00:00:00+08:00 is in the future" \
	sh -c "printf 'time,event,ticket,text\n2030-01-01T00:00:00+08:00,note,$C,x\n' | '$HL_LOG' append"
refuse "append: a ticket that exists" 2 "hl-log: <stdin>:2: $C: ticket already exists" \
	sh -c "printf 'event,ticket,category\nopen,$C,help\n' | '$HL_LOG' append"
refuse "append: column the journal lacks" 2 "hl-log: <stdin>:2: column 'mood' is not in the journal's header" \
	sh -c "printf 'event,ticket,text,mood\nnote,$C,x,grumpy\n' | '$HL_LOG' append"
refuse "append: record without event" 2 "hl-log: <stdin>:2: record without event" \
	sh -c "printf 'ticket,text\n$C,x\n' | '$HL_LOG' append"
refuse "append: note without a ticket" 2 "hl-log: <stdin>:2: note record without ticket" \
	sh -c "printf 'event,text\nnote,x\n' | '$HL_LOG' append"
refuse "append: YAML alias" 2 "hl-log: <stdin>:1: YAML anchors and aliases are not allowed in records" \
	sh -c "printf -- '- &a {event: note, ticket: $C, text: x}\n- *a\n' | '$HL_LOG' append"
refuse "append: YAML duplicate key" 2 "hl-log: <stdin>:1: duplicate key 'text'" \
	sh -c "printf -- '- {event: note, ticket: $C, text: x, text: y}\n' | '$HL_LOG' append"
refuse "append: YAML list value" 2 \
	"hl-log: <stdin>:1: the value of 'text' must be a single value, not a list or mapping" \
	sh -c "printf -- '- {event: note, ticket: $C, text: [x, y]}\n' | '$HL_LOG' append"
refuse "append: duplicate header" 2 "hl-log: <stdin>:1: duplicate column 'text' in header" \
	sh -c "printf 'event,ticket,text,text\nnote,$C,x,y\n' | '$HL_LOG' append"
refuse "append: NUL byte" 2 "hl-log: <stdin>:2: control character 0x00 in field 'text'" \
	sh -c "printf 'event,ticket,text\nnote,$C,a\0b\n' | '$HL_LOG' append"
"$HL_LOG" assign $C -d 工程部 -a 张三 >/dev/null
refuse "append: a second route of a dispatched ticket (two routers racing)" 2 \
	"hl-log: <stdin>:2: $C: ticket is already dispatched" \
	sh -c "printf 'event,ticket,actor,dept\nroute,$C,hl-route,工程部\n' | '$HL_LOG' append"
printf 'event,ticket,actor,clock,level,due,notify\nescalate,%s,hl-escalate,ack,1,2026-11-03T10:30:00+08:00,周敏\n' "$C" > esc.csv
"$HL_LOG" append esc.csv
refuse "append: the same escalation twice (two escalators racing)" 2 \
	"hl-log: esc.csv:2: $C: this escalation was already recorded" "$HL_LOG" append esc.csv
refuse "append: two inputs" 2 "hl-log: append reads one input (a file or -)" "$HL_LOG" append a b
refuse "append: missing input" 2 "hl-log: nofile.csv: No such file or directory" "$HL_LOG" append nofile.csv
# a full disk (here the file size limit): clear error, journal unchanged
"$HL_LOG" -f small.csv open -c help 一 >/dev/null
seq 1 40 | sed 's/^/open,help,第/; 1i event,category,text' > many.csv
# too_large NAME BLOCKS INPUT: the append under a file size limit of
# BLOCKS refused, the journal unchanged, no id printed
too_large() {
	before=$(sum small.csv)
	run sh -c "ulimit -f $2; exec '$HL_LOG' -f small.csv append $3"
	is_status "$1" 2
	is_err "$1" "hl-log: small.csv: write failed, nothing committed: File too large"
	is "$1: journal unchanged" "$(sum small.csv)" "$before"
	is "$1: no id printed" "$(cat "$T/out")" ""
}
too_large "file too large" 1 many.csv
# the limit met midway through a batch of megabytes: the part written is
# cut back
awk 'BEGIN { print "event,category,text"; for (i = 0; i < 60000; i++) printf "open,help,\"第%d号 楼道灯坏了三天, 请尽快派人\"\n", i }' > big.csv
too_large "file too large midway" 4000 big.csv
run "$HL_LOG" -f small.csv append big.csv
is_status "the same batch without the limit" 0
is "every record of it written" "$(grep -c ",open," small.csv)" 60001
is "the last id printed last" "$(tail -n 1 "$T/out")" "$(tail -n 1 small.csv | cut -d, -f2)"
done_testing
