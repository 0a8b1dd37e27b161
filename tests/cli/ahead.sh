# ahead.sh - a journal large enough for a second thread to read ahead:
# every tool gives what it gives reading in one thread (HL_READ_AHEAD=0)
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
GEN="$(cd "$(dirname "$0")/../../bench" && pwd)/genjournal.c"
. "$(dirname "$0")/../lib.sh"
cp "$EXAMPLES/property/hotline.yaml" .
export HL_NOW=2028-01-01T00:00:00+08:00
${CC:-cc} -O2 -o genjournal "$GEN" || { fail "bench/genjournal builds"; done_testing; exit; }
./genjournal 60000 > hotline.csv
like "the journal is past the 4 MiB that starts a second thread" "$(wc -c < hotline.csv)" '^[5-9][0-9]{6}$'

both() { # both NAME CMD...: the same output and status either way
	name=$1; shift  # (standard input from $IN)
	"$@" < "${IN:-/dev/null}" > one.out 2> one.err; one=$?
	HL_READ_AHEAD=0 "$@" < "${IN:-/dev/null}" > single.out 2> single.err; single=$?
	if [ "$one" = "$single" ] && cmp -s one.out single.out && cmp -s one.err single.err && [ -s single.out ]; then
		pass "$name"
	else
		fail "$name" "status $one / $single" "$(diff single.out one.out | head -n 5)"
	fi
}
both "hl-report monthly" "$HL_BIN/hl-report" monthly --month 2025-03 hotline.csv
both "hl-report tickets" "$HL_BIN/hl-report" tickets -o csv --month 2025-02 hotline.csv
both "hl-report staff" "$HL_BIN/hl-report" staff -o yaml --month 2025-03 hotline.csv
both "hl-report calls" "$HL_BIN/hl-report" calls --month 2025-03 hotline.csv
IN=hotline.csv both "hl-escalate, reading all" "$HL_BIN/hl-escalate" -o csv -
IN=hotline.csv both "hl-route, reading all" "$HL_BIN/hl-route" -o yaml -
both "hl-log export" "$HL_LOG" -f hotline.csv export

# a bad line and a torn one in the middle, records that do not parse (the
# report parses them in the thread that reads ahead), a torn last line:
# said the same
awk 'NR == 20000 { print "not,a,record" } NR == 40000 { printf "%s\x18\n", substr($0, 1, 30); next }
     NR == 5000 { sub(/,[a-z]+,/, ",opne,") } NR == 50000 { sub(/^[0-9]+-[0-9]+-/, "2025-13-") }
     { print }' hotline.csv > damaged.csv
printf '2027-01-01T00:00:00+08:00,HL-x,no' >> damaged.csv
both "hl-report over bad and torn lines" "$HL_BIN/hl-report" monthly --month 2025-03 damaged.csv
like "which it warns about" "$(cat one.err)" 'damaged.csv:40001: torn line'
like "and the records it could not parse" "$(cat one.err)" "damaged.csv:5000: unknown event 'opne'"
like "whatever their time" "$(cat one.err)" "damaged.csv:50001: impossible date or time '2025-13-"

# the state cache built by a run that read ahead is the one built without
rm -f hotline.csv.state
"$HL_BIN/hl-escalate" hotline.csv > /dev/null 2>&1
mv hotline.csv.state ahead.state
HL_READ_AHEAD=0 "$HL_BIN/hl-escalate" hotline.csv > /dev/null 2>&1
is "the state cache is byte for byte the same" "$(cmp ahead.state hotline.csv.state && echo same)" "same"

done_testing
