# torn.sh - the commit protocol, step by step: a batch half written is
# not read (nor taken for damage, nor cached), a batch written but not
# committed is set aside by the next writer, a journal older than the
# commit record is read to its last line break, and a file that is not a
# journal is never touched
. "$(dirname "$0")/../lib.sh"
COMMIT="$HL_HELPERS/hl-commit"

"$HL_LOG" open -c repair -l 1栋 一 >/dev/null
"$HL_LOG" open -c repair -l 2栋 二 >/dev/null
good=$(cat hotline.csv)
is "the first write made the commit record" "$(stat -c '%s %a' hotline.csv.commit)" "256 600"

# a batch as a reader sees it in the middle of its write: two whole lines
# and half of a third (explicit ids, so its bytes are known)
cat > b.csv <<'EOF'
time,ticket,event,category,text
2026-11-03T10:00:00+08:00,HL-20261103-0100,open,repair,甲
2026-11-03T10:00:00+08:00,HL-20261103-0101,open,repair,乙
2026-11-03T10:00:00+08:00,HL-20261103-0102,open,repair,丙
EOF
cp hotline.csv other.csv
rm -f other.csv.commit
"$HL_LOG" -f other.csv append b.csv
tail -n 3 other.csv > batch
head -c "$(($(head -n 2 batch | wc -c) + 20))" batch >> hotline.csv

views() {
	HL_STATE_REWRITE=0 "$HL_BIN/hl-escalate" -o csv 2>&1; echo "rc $?"
	HL_STATE_REWRITE=0 "$HL_BIN/hl-route" -o yaml 2>&1; echo "rc $?"
	"$HL_LOG" export 2>&1; echo "rc $?"
}
fresh() { # fresh NAME: what the cached views say is what a fold from the top says
	views > cached
	mv hotline.csv.state state.kept
	views > full
	mv state.kept hotline.csv.state
	if cmp -s cached full; then pass "$1"; else fail "$1" "$(diff full cached | head -n 10)"; fi
}
run "$HL_LOG" export
is_status "a reader while a batch is half written" 0
is_err "it reports no damage: the batch is not committed" ""
is_out "it reads what is committed, no more" "$good"
fresh "the cached readers save nothing of the half-written batch"

# the write goes on and commits
tail -c "+$(($(head -n 2 batch | wc -c) + 21))" batch >> hotline.csv
"$COMMIT" hotline.csv
run "$HL_LOG" export HL-20261103-0102
is "once committed, the batch is read whole" "$rc $(cut -d, -f2 "$T/out" | tail -n 1)" "0 HL-20261103-0102"
fresh "and the cached readers see every ticket of it"
run "$HL_LOG" open -c help 三
is_out "a fresh id follows the batch's" "HL-20261103-0103"

# a batch written but never committed: the state a writer killed after
# its write leaves (torture.sh makes it with real kills): its batch
# announced in the record, its bytes past the committed length
printf '2026-11-03T10:00:00+08:00,HL-20261103-0104,open,,help,,,,,,,,,,,,,,,,,,,,丁,\n2026-11-03T10:00:00+08:00,HL-20261103-0105,open,,help,,,,,,,,,,,,,,,,,,,,戊,\n' >> hotline.csv
"$COMMIT" -a hotline.csv
run "$HL_LOG" export
is "a batch not committed is not read" "$rc $(grep -c '丁' "$T/out") $(cat "$T/err")" "0 0 "
# the committed length: LEN of the slot with the greater SEQ
len=$(tr -d '\000' < hotline.csv.commit | awk '$1 == "hl-commit" && $3 > s { s = $3; l = $4 } END { print l }')
committed=$(head -c "$len" hotline.csv | cksum)
run "$HL_LOG" open -c help 四
is_status "the next writer" 0
like "sets the dead writer's batch aside, and says so" "$(cat "$T/err")" \
	"^hl-log: hotline.csv: [0-9]+ bytes after the last commit \(a writer stopped mid-batch\) moved to hotline.csv.uncommitted$"
is "nothing of it stays in the journal" "$(grep -c '丁\|戊' hotline.csv)" "0"
is "the committed journal before the new record is as it was" \
	"$(head -c "$(($(wc -c < hotline.csv) - $(tail -n 1 hotline.csv | wc -c)))" hotline.csv | cksum)" "$committed"
is "the set-aside bytes are kept" "$(grep -c '丁\|戊' hotline.csv.uncommitted)" "2"

# lines appended by something that does not know the protocol (an older
# hl-log, a person): not read until a writer takes them in; a torn last
# line of them is set aside
printf '2026-11-03T10:00:00+08:00,HL-20261103-0200,open,,help,,,,,,,,,,,,,,,,,,,,己,\n' >> hotline.csv
printf '2026-11-03T10:00:00+08:00,HL-20261103-0201,open,,help,,,,,,,,,,,,,,,,,,,,半' >> hotline.csv
run "$HL_LOG" export HL-20261103-0200
is "a line appended by hand is not read before a writer takes it in" "$rc" "1"
run "$HL_LOG" open -c help 五
like "the next writer takes its whole lines in" "$(cat "$T/err")" \
	"hl-log: hotline.csv: [0-9]+ bytes written after the last commit by something other than hl-log \(an older hl-log, or by hand\) taken into the journal"
run "$HL_LOG" export HL-20261103-0200
is "then it is read" "$rc $(cut -d, -f25 "$T/out" | tail -n 1)" "0 己"
is "and the torn line is set aside" "$(grep -c ',半$' hotline.csv) $(grep -c ',半$' hotline.csv.uncommitted)" "0 1"

# a journal written before the commit record: read to its last line break
cp hotline.csv legacy.csv
printf '2026-11-03T10:00:00+08:00,HL-20261103-0300,open,,,,,,,,,,,,,,,,,,,,,,半截' >> legacy.csv
run "$HL_LOG" -f legacy.csv export
is "an old journal with a torn last line" "$rc $(cat "$T/err")" "0 "
is "is read to its last line break" "$(wc -l < "$T/out" | tr -d ' ')" "$(wc -l < hotline.csv | tr -d ' ')"
run "$HL_LOG" -f legacy.csv open -c help 五
is_status "a writer on it" 0
like "sets the torn line aside" "$(cat "$T/err")" "legacy.csv: [0-9]+ bytes after the last commit .* moved to legacy.csv.uncommitted"
is "and starts the commit record" "$(stat -c %s legacy.csv.commit)" "256"
# a line closed by an older hl after a torn write is still passed over
printf '2026-11-03T10:00:00+08:00,HL-20261103-0301,open,,,,,,,,,,,,,,,,,,,,,,半截\030\n' > closed.tail
cat hotline.csv closed.tail > older.csv
run "$HL_LOG" -f older.csv export HL-20261103-0301
is_status "a torn line an older writer closed" 1
like "is reported and skipped" "$(cat "$T/err")" "older.csv:[0-9]+: torn line \(an interrupted write, closed by a later one\), skipped"

# a header torn before its newline holds no record: the journal starts over
printf 'time,ticket,ev' > torn-header.csv
run "$HL_LOG" -f torn-header.csv open -c help x
is_status "torn header" 0
is "header rewritten" "$(head -n 1 torn-header.csv | cut -d, -f1-3)" "time,ticket,event"

# a file that is not a journal is refused and left as it was
printf precious > x
run "$HL_LOG" -f x close HL-1
is "a file with one line of something else" "$rc $(cat x)" "2 precious"
is_err "is not an hl journal" "hl-log: x:1: not an hl journal (no header line)"
printf 'name,phone\n张三,13700001111\n' > people.csv
before=$(cksum < people.csv)
run "$HL_LOG" -f people.csv open -c help y
is "a CSV of something else" "$rc $(cksum < people.csv)" "2 $before"
is "leaves no commit record" "$(ls x.commit people.csv.commit 2>/dev/null)" ""
done_testing
