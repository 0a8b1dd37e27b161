# append.sh - batches from CSV and YAML, ids given, round trips
. "$(dirname "$0")/../lib.sh"

cat > calls.csv <<'CSV'
time,event,category,channel,caller,phone,place,text
2026-11-03T08:01:00+08:00,open,报修,电话,刘女士,13700001111,5栋1单元,"厨房水管爆了, 水""哗哗""流"
2026-11-03T08:05:00+08:00,open,咨询,400,,,,"多行
说明"
2026-11-03T08:09:00+08:00,missed,,,,13700002222,,
CSV
run "$HL_LOG" append calls.csv
is_status "append CSV" 0
is_out "new ids printed in order" "HL-20261103-0001
HL-20261103-0002
HL-20261103-0003"
is "records stored canonical" "$(cut -d, -f2,3,5,7 hotline.csv | sed -n 2,4p)" \
"HL-20261103-0001,open,repair,phone
HL-20261103-0002,open,consult,hotline400
HL-20261103-0003,missed,,"
is "actor filled in" "$(sed -n 2p hotline.csv | cut -d, -f4)" "王芳"

printf -- '- {time: "2026-11-03T09:00:00+08:00", ticket: HL-20261103-0001, event: assign, dept: 工程部, assignee: 李工}\n- {ticket: HL-20261103-0001, event: ack, actor: 李工}\n' > steps.yaml
run "$HL_LOG" append steps.yaml
is_status "append YAML" 0
is_out "no new ids" ""
is "time filled in with now" "$(tail -n 1 hotline.csv | cut -d, -f1,3,4)" "2026-11-03T10:00:00+08:00,ack,李工"

printf 'event,category,text\nopen,help,A\nopen,help,B\n' | "$HL_LOG" append > ids
is "stdin is the default input" "$(cat ids)" "HL-20261103-0004
HL-20261103-0005"

# the same records through YAML and back are the same bytes
"$HL_LOG" export -o yaml > all.yaml
run "$HL_LOG" -f copy.csv append all.yaml
is_status "YAML export appends" 0
is "CSV -> YAML -> CSV is lossless" "$(cksum < copy.csv)" "$(cksum < hotline.csv)"
"$HL_LOG" -f copy.csv export > copy-export.csv
is "export as CSV reproduces the journal" "$(cksum < copy-export.csv)" "$(cksum < hotline.csv)"
run "$HL_LOG" -f copy2.csv append copy-export.csv
is "CSV export appends to the same bytes" "$(cksum < copy2.csv)" "$(cksum < hotline.csv)"
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
	got=$(python3 -c 'import sys, yaml
d = yaml.safe_load(open("all.yaml", encoding="utf-8"))
print(len(d), d[0]["text"], d[1]["text"].replace("\n", "|"), all(isinstance(v, str) for r in d for v in r.values()))')
	is "another YAML reader agrees" "$got" '7 厨房水管爆了, 水"哗哗"流 多行|说明 True'
fi

# a new journal takes extra columns from its first batch; unknown ones stay
printf 'event,category,text,mood\nopen,help,x,grumpy\n' | "$HL_LOG" -f extra.csv append >/dev/null
is "extra column kept in a new journal" "$(head -n 1 extra.csv | tr , '\n' | tail -n 1)" "mood"
"$HL_LOG" -f extra.csv export -o yaml > extra.yaml
like "extra column exported" "$(cat extra.yaml)" 'mood: grumpy'

# an explicit id from another system
printf 'event,ticket,category,text\nopen,OLD-77,complaint,\nnote,OLD-77,,imported\n' | "$HL_LOG" append > ids
is "explicit ids are kept and not printed" "$(cat ids)" ""
is "explicit id stored" "$(grep -c OLD-77 hotline.csv)" "2"
# a batch is streamed past the committed length and cut back when a record
# is refused: a large one refused at its last record leaves the journal
# byte for byte as it was, prints no id, and leaves nothing beside it
cp hotline.csv before.csv
awk 'BEGIN { print "event,category,text"
	for (i = 1; i <= 20000; i++) printf "open,help,\"大批%d, 一段足够长的文字, 让这一批超过好几兆字节\"\n", i
	print "ack,,no ticket named" }' > big.csv
run "$HL_LOG" append big.csv
is_status "a large batch refused at its end" 2
like "the refused record named" "$(cat "$T/err")" '^hl-log: big.csv:20002: '
is_out "no id printed" ""
run cmp before.csv hotline.csv
is_status "the journal byte for byte as it was" 0
run sh -c "cat big.csv | '$HL_LOG' append"
is "the same through a pipe (spooled)" "$rc $(cmp before.csv hotline.csv && echo same)" "2 same"
like "named as standard input" "$(cat "$T/err")" '^hl-log: <stdin>:20002: '
is "no spool left beside the journal" "$(ls | grep -c spool)" "0"
"$HL_LOG" export > seen.csv
is "readers see none of it" "$(grep -c 大批 seen.csv)" "0"
sed '$d' big.csv > ok.csv
run sh -c "'$HL_LOG' append < ok.csv"
is_status "the batch without its bad record" 0
is "every id printed, in order, after the commit" "$(sed -n '1p;$p' "$T/out" | tr '\n' ' ')" \
	"HL-20261103-0006 HL-20261103-20005 "
is "and written" "$(grep -c 大批 hotline.csv)" "20000"

# a ticket's state is kept from its first record to its last, however far
# apart, and dropped after: the lifecycle is checked across the batch
awk 'BEGIN { print "event,ticket,category,text"
	print "open,FAR-1,complaint,first"
	for (i = 1; i <= 3000; i++) printf "open,,help,filler %d\n", i
	print "resolve,FAR-1,,done"
	print "resolve,FAR-1,,twice" }' > far.csv
cp hotline.csv before.csv
run "$HL_LOG" append far.csv
like "a step its ticket's state refuses, 3000 records on" "$(cat "$T/err")" '^hl-log: far.csv:3004: '
run cmp before.csv hotline.csv
is_status "refused whole" 0
sed '$d' far.csv > far2.csv
run "$HL_LOG" append far2.csv
is_status "without it, committed" 0
run "$HL_LOG" resolve FAR-1 again
is_status "the journal's state after it" 2
done_testing
