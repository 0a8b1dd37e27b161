# torture.sh - the commit protocol under fire: writers of random batch
# sizes, a writer killed with SIGKILL at random instants in large batches,
# and readers of every kind running all the while. Then: every batch
# acknowledged is there whole, exactly once; no batch is there in part; a
# killed batch is there whole or not at all; ids are unique; no reader ever
# took a batch being written for damage; the cached readers agree with a
# fresh fold; the ticket index finds tickets' records. HL_TORTURE_SECONDS
# bounds the run (default 40).
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
. "$(dirname "$0")/../lib.sh"
unset HL_NOW   # real time: the writers' clocks run
cp "$EXAMPLES/property/hotline.yaml" .
export HL_CONFIG="$T/hotline.yaml"
secs=${HL_TORTURE_SECONDS:-40}

rnd() { # rnd MAX: a number in [0, MAX)
	echo $(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1 ))
}
mkbatch() { # mkbatch TAG N: N opens, each text TAG-i
	awk -v tag="$1" -v n="$2" 'BEGIN {
		print "event,category,priority,place,text"
		for (i = 1; i <= n; i++)
			printf "open,%s,normal,%d栋,%s-%d\n", (i % 3 ? "repair" : "consult"), i % 9 + 1, tag, i
	}'
}
writer() { # writer K: batches of 1 to 400 records until told to stop
	j=0
	while [ ! -e stop ]; do
		j=$((j + 1)) n=$(($(rnd 400) + 1))
		mkbatch "w$1x$j" "$n" > "b.w$1"
		"$HL_LOG" --wait -1 --by "w$1" append "b.w$1" > "ids.w$1x$j" 2>> "err.w$1"
		rc=$?
		if [ $rc -eq 0 ]; then echo "w$1x$j $n" >> acked; else echo "w$1x$j $n $rc" >> failed; fi
	done
}
killer() { # large batches, each killed at a random instant or frozen
	j=0    # in the middle of its write, read then, and killed
	while [ ! -e stop ]; do
		j=$((j + 1)) n=$(($(rnd 20000) + 2000))
		mkbatch "kx$j" "$n" > b.k
		if [ $((j % 2)) -eq 0 ]; then
			frozen=$("$HL_HELPERS/hl-freeze" hotline.csv \
				"$HL_LOG" --wait -1 --by killer append b.k 2> /dev/null) || {
				echo "kx$j $n" >> acked; continue; }
			victim=${frozen% *}
			# committed already (the stop came after the commit)?
			seen=$("$HL_LOG" export 2> /dev/null | grep -Ec ",kx$j-1(,|\$)")
			echo "kx$j $n $seen" >> frozen
			# what every reader makes of a batch half written, the
			# cache rewritten on every run
			HL_STATE_REWRITE=0 "$HL_BIN/hl-route" -o yaml > /dev/null 2>> err.frozen
			HL_STATE_REWRITE=0 "$HL_BIN/hl-escalate" -o yaml > /dev/null 2>> err.frozen
			"$HL_LOG" export > /dev/null 2>> err.frozen
			kill -9 "$victim"
			kill -CONT "$victim"
			while kill -0 "$victim" 2> /dev/null; do sleep 0.01; done
			echo "kx$j $n" >> killed
			continue
		fi
		"$HL_LOG" --wait -1 --by killer append b.k > "ids.kx$j" 2> /dev/null &
		victim=$!
		sleep "$(($(rnd 3))).$(rnd 10)$(rnd 10)"
		kill -9 "$victim" 2> /dev/null
		{ wait "$victim"; } 2> /dev/null
		rc=$?
		if [ $rc -eq 0 ]; then echo "kx$j $n" >> acked; else echo "kx$j $n" >> killed; fi
	done
}
reader() { # every kind of reader, through the cache and not
	while [ ! -e stop ]; do
		"$HL_BIN/hl-route" -o yaml > /dev/null 2>> err.readers
		"$HL_BIN/hl-escalate" -o yaml > /dev/null 2>> err.readers
		"$HL_LOG" export > /dev/null 2>> err.readers
		"$HL_BIN/hl-report" tickets --open -o csv > /dev/null 2>> err.readers
	done
}

: > acked; : > failed; : > killed; : > err.readers; : > err.frozen; : > frozen
writer 1 & p1=$!
writer 2 & p2=$!
killer & p3=$!
reader & p4=$!
sleep "$secs"
touch stop
wait $p1 $p2 $p3 $p4

# one more writer: it finds what the last killed one left, and sets it aside
run "$HL_LOG" --by final open -c consult final-1
is_status "a writer after the kills" 0

# per tag, the records in the journal (the text column found by name)
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "text") tc = i }
	NR > 1 && $3 == "open" { t = $tc; sub(/-[0-9]+$/, "", t); n[t]++ }
	END { for (t in n) print t, n[t] }' hotline.csv | sort > present
is "no writer failed but the killed" "$(cat failed)" ""
missing=$(sort acked | join -a1 - present | awk 'NF < 3 || $2 != $3' | head -n 5)
is "every acknowledged batch is there whole, exactly once" "$missing" ""
partial=$(sort killed | join - present | awk '$2 != $3' | head -n 5)
is "a killed batch is there whole or not at all" "$partial" ""
stray=$(cat acked killed | cut -d' ' -f1 | sort | join -v2 - present | grep -v '^final ' | head -n 5)
is "no record that no writer wrote" "$stray" ""
is "ids are unique" "$(awk -F, '$3 == "open" { print $2 }' hotline.csv | sort | uniq -d | head -n 3)" ""
awk -F, '$3 == "open" { print $2 }' hotline.csv | sort > opened
is "every id a finished writer printed is in the journal" \
	"$(cut -d' ' -f1 acked | sed 's/^/ids./' | xargs cat | sort | join -v1 - opened | head -n 3)" ""
is "no reader took a batch being written for damage" \
	"$(grep -E 'torn|malformed|fields|error' err.readers | sort -u | head -n 5)" ""
is "nor one that read it while the writer was frozen in its write" \
	"$(grep -E 'torn|malformed|fields|error' err.frozen | sort -u | head -n 5)" ""
run "$HL_LOG" export
is "the journal reads clean" "$rc $(cat "$T/err")" "0 "

# the cached readers against a fresh fold, at one instant
export HL_NOW
HL_NOW=$(date -d '+1 hour' +%Y-%m-%dT%H:%M:%S+08:00)
views() {
	"$HL_BIN/hl-escalate" -o csv 2>&1; echo "rc $?"
	"$HL_BIN/hl-route" -o yaml 2>&1; echo "rc $?"
}
views > cached
rm -f hotline.csv.state
views > fresh
if cmp -s cached fresh && [ -s fresh ]; then
	pass "the cached readers agree with a fresh fold"
else
	fail "the cached readers agree with a fresh fold" "$(diff fresh cached | head -n 10)"
fi

# the ticket index the readers and writers extended all the while: the
# records of tickets through it (one in 20, the last ones among them) are
# the journal's own lines of them
"$HL_LOG" export > all.csv
awk -F, 'NR > 1 && $2 != "" { print $2 }' all.csv | sort -u | awk 'NR % 20 == 1' > tickets
awk -F, 'NR > 1 { print $2 }' all.csv | tail -n 5 >> tickets
sort -u tickets | head -n 3000 > sample
awk -F, 'NR == FNR { want[$1] = 1; next } FNR == 1 || ($2 in want)' sample all.csv > want
"$HL_LOG" export $(cat sample) > indexed 2> indexed.err
is "tickets exported through the index are the journal's lines of them" \
	"$([ -s hotline.csv.index ] && cmp want indexed 2>&1 && cat indexed.err)" ""

unseen=$(awk '$3 == 0 { print $1, $2 }' frozen | sort | join - present | head -n 3)
is "a batch frozen before its commit is not there after the kill" "$unseen" ""

kills=$(wc -l < killed | tr -d ' ')
whole=$(sort killed | join - present | wc -l | tr -d ' ')
pass "figures: $kills kills ($(wc -l < frozen | tr -d ' ') frozen mid-write, $whole after their commit), $(wc -l < acked | tr -d ' ') batches acknowledged, $(cat acked | awk '{ s += $2 } END { print s }') records; 0 lost, 0 partial"
is "the test froze writers mid-write and killed them" \
	"$([ "$kills" -gt 1 ] && [ -s frozen ] && echo yes)" "yes"
done_testing
