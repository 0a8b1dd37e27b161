# settle.sh - the live state keeps the live work: settled tickets (followed
# up content, or resolved longer ago than followup.autoclose) and
# complaints outside the repeat
# window leave it, and what hl-route and hl-escalate write from it, a
# state cache resumed at many points, is what they write from a fold of
# the whole journal (standard input: no cache), over generated journals
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
GEN="$(cd "$(dirname "$0")/../../bench" && pwd)/genjournal.c"
. "$(dirname "$0")/../lib.sh"
export HL_NOW=2028-01-01T00:00:00+08:00 HL_STATE_REWRITE=0
${CC:-cc} -O2 -o genjournal "$GEN" || { fail "bench/genjournal builds"; done_testing; exit; }
cp "$EXAMPLES/property/hotline.yaml" week.yaml
# a short autoclose: tickets settle, then are followed up, reopened, closed
sed 's/^followup:$/followup:\n  autoclose: 2h/' week.yaml > hour.yaml
sed 's/^followup:$/followup:\n  autoclose: 0/' week.yaml > never.yaml
grep -q 'autoclose: 2h' hour.yaml || fail "the test's configuration"

# same CFG JOURNAL: the tools through the cache, resumed at every tenth
# of the journal, against the same tools over the whole of it
same() {
	cfg=$1 all=$2
	n=$(wc -l < "$all")
	rm -f j.csv j.csv.state
	head -n 1 "$all" > j.csv
	step=$((n / 10 + 1)) at=2
	while [ "$at" -le "$n" ]; do
		sed -n "${at},$((at + step - 1))p" "$all" >> j.csv
		HL_CONFIG=$cfg "$HL_BIN/hl-escalate" j.csv > /dev/null 2>&1
		HL_CONFIG=$cfg "$HL_BIN/hl-route" j.csv > /dev/null 2>&1
		at=$((at + step))
	done
	cmp -s j.csv "$all" || echo "journal rebuilt wrong"
	for tool in hl-escalate hl-route; do
		HL_CONFIG=$cfg "$HL_BIN/$tool" j.csv > cached.out 2> /dev/null
		HL_CONFIG=$cfg "$HL_BIN/$tool" - < "$all" > full.out 2> /dev/null
		cmp -s cached.out full.out || echo "$tool differs: $(diff full.out cached.out | head -n 3)"
		[ -s full.out ] || echo "$tool wrote nothing"
	done
}

for seed in 1 2 3; do
	./genjournal 6000 "$seed" > all.csv
	for cfg in week hour; do
		is "seed $seed, autoclose of $cfg.yaml: cached = full fold" "$(same "$cfg.yaml" all.csv)" ""
	done
done
# tickets nobody closes
grep -v ',close,' all.csv > open.csv
is "no close written: cached = full fold" "$(same hour.yaml open.csv)" ""

# what the cache keeps where nobody closes: far fewer tickets than with
# autoclose 0, none of them settled as the journal ends
./genjournal 20000 7 | grep -v ',close,' > all.csv
cp all.csv j.csv
rm -f j.csv.state
HL_CONFIG=never.yaml "$HL_BIN/hl-escalate" j.csv > /dev/null 2>&1
never=$(grep -c '^T' j.csv.state)
rm -f j.csv.state
HL_CONFIG=week.yaml "$HL_BIN/hl-escalate" j.csv > /dev/null 2>&1
week=$(grep -c '^T' j.csv.state)
is "autoclose 7d keeps a fraction of the tickets autoclose 0 keeps" \
	"$([ "$week" -gt 0 ] && [ $((week * 4)) -lt "$never" ] && echo yes)" "yes"
# a ticket line: T, id, the numbers (the state first: 4 is resolved), the
# strings (a link's two last), then times as pairs
is "no ticket kept was resolved 7 days before the journal's latest time" \
	"$(awk -F'\t' '$1 == "I" { last = $2 } $1 == "T" && $3 == 4 && last - $30 >= 7 * 86400' j.csv.state | wc -l | tr -d ' ')" "0"
is "some resolved within them are" \
	"$(awk -F'\t' '$1 == "T" && $3 == 4' j.csv.state | wc -l | awk '{ print ($1 > 0) }')" "1"
is "no ticket kept was followed up content after its resolve" \
	"$(awk -F'\t' '$1 == "T" && $3 == 4 && $8 > 2 && $42 >= $30 && $42 > 0' j.csv.state | wc -l | tr -d ' ')" "0"

# the complaints kept for repeats: a phone's whose last complaint is
# inside the longest repeat window (30d) as of the journal's latest time,
# or a live ticket's however old; not those of a settled ticket long ago
export HL_JOURNAL=p.csv HL_NOW=2027-01-04T09:00:00+08:00
"$HL_LOG" init > /dev/null
"$HL_LOG" open -c complaint -t 13800000001 物业不作为 > /dev/null
done=$("$HL_LOG" open -c complaint -t 13800000002 噪音)
"$HL_LOG" assign "$done" -d 工程部 > /dev/null
"$HL_LOG" resolve "$done" 已处理
"$HL_LOG" followup "$done" --score 5
HL_NOW=2027-04-14T09:00:00+08:00 "$HL_LOG" open -c complaint -t 13800000003 停车 > /dev/null
HL_NOW=2027-04-14T10:00:00+08:00 HL_STATE_REWRITE=0 "$HL_BIN/hl-route" -C week.yaml p.csv > /dev/null 2>&1
is "phones kept: the live ticket's and the recent one's" \
	"$(awk -F'\t' '$1 == "P" { print $2 }' p.csv.state | tr '\n' ' ')" "=13800000001 =13800000003 "
export HL_NOW=2027-04-14T10:10:00+08:00
for p in 13800000001 13800000002 13800000003; do
	"$HL_LOG" open -c complaint -t $p 又来了 > /dev/null
done
run "$HL_BIN/hl-route" -C week.yaml -o csv --lang en --explain p.csv
"$HL_BIN/hl-route" -C week.yaml -o csv --lang en --explain - < p.csv > full.out 2>&1
is "the cached route's explanations = the full fold's" "$(cat "$T/out" "$T/err")" "$(cat full.out)"
like "a repeat inside the window is seen" "$(cat full.out)" "rule repeat-complaint: matches"
is "none outside it" "$(grep -c 'rule repeat-complaint: matches' full.out)" "1"
export HL_NOW=2028-01-01T00:00:00+08:00

# time moves on: tickets the cache holds that have settled since leave
# it at the next run, not a MiB of journal later
(
	unset HL_STATE_REWRITE
	export HL_JOURNAL=w.csv HL_CONFIG=week.yaml HL_NOW=2027-03-01T09:00:00+08:00
	"$HL_LOG" init > /dev/null
	i=0
	while [ $i -lt 40 ]; do
		id=$("$HL_LOG" open -c repair -l "${i}栋" 漏水)
		"$HL_LOG" assign "$id" -d 工程部 > /dev/null
		"$HL_LOG" resolve "$id" 修好了
		i=$((i + 1))
	done
	HL_STATE_REWRITE=0 "$HL_BIN/hl-route" w.csv > /dev/null 2>&1
	echo "$(grep -c '^T' w.csv.state)"
	HL_NOW=2027-03-10T09:00:00+08:00 "$HL_LOG" open -c consult 问停水 > /dev/null
	HL_NOW=2027-03-10T09:05:00+08:00 "$HL_BIN/hl-route" w.csv > /dev/null 2>&1
	echo "$(grep -c '^T' w.csv.state)"
) > kept
is "a cache of 40 resolved tickets, 9 days on: rewritten with the one live" \
	"$(tr '\n' ' ' < kept)" "40 1 "

# a ticket followed up content settles at once; one the score reopens
# does not; a reopen after the follow-up brings it back to its department
export HL_JOURNAL=f.csv
"$HL_LOG" init > /dev/null
ok=$("$HL_LOG" open -c repair -l 3栋 漏水)
bad=$("$HL_LOG" open -c repair -l 4栋 漏水)
for id in $ok $bad; do
	"$HL_LOG" assign "$id" -d 工程部 > /dev/null
	"$HL_LOG" resolve "$id" 修好了
done
"$HL_LOG" followup "$ok" --score 5
"$HL_LOG" followup "$bad" --score 1
HL_STATE_REWRITE=0 "$HL_BIN/hl-route" -C week.yaml f.csv > /dev/null 2>&1
is "followed up content: not in the state cache" "$(grep -c "$ok" f.csv.state)" "0"
is "followed up and reopened by the score: in it" "$(grep -c "$bad" f.csv.state)" "1"
"$HL_LOG" reopen "$ok" 又漏了
run "$HL_BIN/hl-route" -C week.yaml -o csv f.csv
like "reopened after it: routed back to its department" "$(cat "$T/out")" "$ok,.*工程部"
done_testing
