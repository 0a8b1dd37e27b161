# load.sh - 16 writers for 30 seconds (HL_LOAD_SECONDS) while the dispatch
# and escalation pipelines run in loops: no event lost, no ticket routed
# twice, no escalation recorded twice
. "$(dirname "$0")/../lib.sh"
unset HL_NOW
secs=${HL_LOAD_SECONDS:-30}
cat > hotline.yaml <<'YAML'
departments: [{name: 工程部, head: 老李, leader: 陈总}]
staff: [{name: A, dept: 工程部}, {name: B, dept: 工程部}, {name: 老李, dept: 工程部}, {name: 陈总, dept: 工程部}]
routes:
  - {name: repair, match: {category: repair}, dept: 工程部, pool: [A, B]}
  - {name: rest, dept: 工程部, person: 老李}
YAML
end=$(($(date +%s) + secs))
writer() {
	n=0
	while [ "$(date +%s)" -lt "$end" ]; do
		n=$((n + 1))
		# three hours ago: its clocks are already late, so escalations come
		HL_ACTOR="w$1" "$HL_LOG" --wait -1 --at "$(date -d '3 hours ago' '+%Y-%m-%d %H:%M')" \
			open -c repair "第 $1 号写入者 第 $n 条" >> "ids.$1" 2>> "err.$1" || echo "FAIL" >> "err.$1"
	done
}
pipeline() { # pipeline NAME COMMAND: a cron job run back to back
	while [ "$(date +%s)" -lt "$end" ]; do
		$2 2>/dev/null | "$HL_LOG" --wait -1 append >/dev/null 2>> "pipe.$1"
		echo run >> "runs.$1"
	done
}
for w in $(seq 1 16); do writer "$w" & done
# two of each, as two cron jobs overlapping would: they race
pipeline route1 "$HL_BIN/hl-route" &
pipeline route2 "$HL_BIN/hl-route" &
pipeline escalate1 "$HL_BIN/hl-escalate" &
pipeline escalate2 "$HL_BIN/hl-escalate" &
wait
# one last pass each, now that the writers are done
"$HL_BIN/hl-route" | "$HL_LOG" append > /dev/null
"$HL_BIN/hl-escalate" | "$HL_LOG" append > /dev/null

is "no writer failed" "$(cat err.* 2>/dev/null | wc -l | tr -d ' ')" "0"
opened=$(cat ids.* | wc -l | tr -d ' ')
is "every reported open is in the journal once" "$(cat ids.* | sort -u | wc -l | tr -d ' ') $(grep -c ',open,' hotline.csv)" "$opened $opened"
is "every ticket routed exactly once" \
	"$(grep ',route,' hotline.csv | cut -d, -f2 | sort | uniq -c | awk '{ print $1 }' | sort -u | tr '\n' ' ')" "1 "
is "every open ticket was routed" "$(grep -c ',route,' hotline.csv)" "$opened"
is "no escalation recorded twice" \
	"$(grep ',escalate,' hotline.csv | cut -d, -f2,13,14,15,16 | sort | uniq -d | wc -l | tr -d ' ')" "0"
like "escalations were written" "$(grep -c ',escalate,' hotline.csv)" '^[1-9]'
races=$(cat pipe.* 2>/dev/null | grep -c 'already')
is "pipelines that lost a race were refused whole, nothing else went wrong" \
	"$(cat pipe.* 2>/dev/null | grep -vc 'already dispatched\|already recorded')" "0"
run "$HL_LOG" export
is "readers pass" "$(cat "$T/err")" ""
pass "$opened tickets by 16 writers in ${secs}s; $(cat runs.route* | wc -l | tr -d ' ') route and $(cat runs.escalate* | wc -l | tr -d ' ') escalate runs, $races lost races"
done_testing
