# crash.sh - writers killed with SIGKILL at random points, 200 times, while
# others write: every record a writer reported written is there exactly
# once, ids stay unique, readers pass, a torn line is only ever the last
. "$(dirname "$0")/../lib.sh"
unset HL_NOW   # real time: the writers' clocks run
kills=${HL_CRASH_KILLS:-200}

awk 'BEGIN { print "event,category,text"; for (i = 1; i <= 150; i++) printf "open,help,\"批量 %d, 一行一条\"\n", i }' > batch.csv
writer() { # writer NAME: opens tickets until told to stop
	while [ ! -e stop ]; do
		"$HL_LOG" --wait -1 --by "$1" open -c repair "$1 的报修" >> "ids.$1" 2>> "err.$1" || echo FAIL >> "err.$1"
	done
}
writer w1 & p1=$!
writer w2 & p2=$!
i=0
while [ $i -lt "$kills" ]; do
	i=$((i + 1))
	"$HL_LOG" --wait -1 --by killer append batch.csv > "kill.$i" 2>/dev/null &
	victim=$!
	# somewhere between starting, scanning, writing and syncing
	sleep "0.0$(awk -v s="$i" 'BEGIN { srand(s); printf "%02d", int(rand() * 60) }')"
	kill -9 "$victim" 2>/dev/null
	wait "$victim" 2>/dev/null
	# a torn line may exist now, never two: the tail is complete or is the only torn line
	torn=$(tail -c 1 hotline.csv | od -An -c | tr -d ' ')
	[ "$torn" = '\n' ] || tail -n 2 hotline.csv | head -n 1 | grep -q "$(printf '\030')$\|^2" ||
		fail "a second torn line after kill $i"
done
touch stop
wait "$p1" "$p2"

is "the other writers never failed" "$(cat err.w1 err.w2 | grep -v 'torn' | wc -l | tr -d ' ')" "0"
reported=$(cat ids.w1 ids.w2 kill.* | sort)
is "every reported id is in the journal exactly once" \
	"$(printf '%s\n' "$reported" | while read -r id; do grep -c "^[^,]*,$id,open," hotline.csv; done | sort -u | tr '\n' ' ')" "1 "
is "ids are unique" "$(grep ',open,' hotline.csv | cut -d, -f2 | sort | uniq -d | wc -l | tr -d ' ')" "0"
run "$HL_LOG" export
is "readers pass: every line but the torn ones is a record" \
	"$(grep -v 'torn' "$T/err" | wc -l | tr -d ' ')" "0"
is "every complete line was read" \
	"$(($(wc -l < hotline.csv) - $(grep -c "$(printf '\030')" hotline.csv)))" "$(wc -l < "$T/out" | tr -d ' ')"
pass "$kills kills, $(ls kill.* | xargs cat | wc -l | tr -d ' ') records from batches that finished, $(grep -c "$(printf '\030')" hotline.csv) torn lines closed"
done_testing
