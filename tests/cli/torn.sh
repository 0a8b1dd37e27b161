# torn.sh - a writer killed mid-line: readers warn and skip, the next
# append closes the torn line and loses no complete record
. "$(dirname "$0")/../lib.sh"

"$HL_LOG" open -c help 一 >/dev/null
"$HL_LOG" open -c help 二 >/dev/null
good=$(cat hotline.csv)
# what a writer killed inside write(2) would leave
printf '2026-11-03T10:00:00+08:00,HL-20261103-0003,open,王芳,help,,,,,,,,,,,,,,,半截' >> hotline.csv

run "$HL_LOG" export
is_status "reader with a torn last line" 0
is_err "torn line reported with file:line" "hl-log: hotline.csv:4: torn last line (an interrupted write), skipped"
is "complete records all read" "$(cat "$T/out")" "$good"

run "$HL_LOG" open -c help 三
is_status "append after a torn line" 0
is_out "the torn open's id is not given again (its writer may have died after handing it out)" "HL-20261103-0004"
is_err "the writer warns too" "hl-log: hotline.csv:4: torn last line (an interrupted write), skipped"
is "every complete record intact, the new one on its own line" \
	"$(grep -c '^2026' hotline.csv) $(tail -n 1 hotline.csv | cut -d, -f2,25)" "4 HL-20261103-0004,三"
run "$HL_LOG" export
is_err "the closed torn line is still reported" \
	"hl-log: hotline.csv:4: torn line (an interrupted write, closed by a later one), skipped"
is "three records survive, the torn one does not" "$(tail -n +2 "$T/out" | cut -d, -f25 | tr '\n' ' ')" "一 二 三 "
run "$HL_LOG" export HL-20261103-0003
is_status "the torn ticket never became one" 1

# a header torn before its newline holds no record: the journal starts over
printf 'time,ticket,ev' > torn-header.csv
run "$HL_LOG" -f torn-header.csv open -c help x
is_status "torn header" 0
is "header rewritten" "$(head -n 1 torn-header.csv | cut -d, -f1-3)" "time,ticket,event"
done_testing
