# concurrent.sh - 8 writers x 150 opens at once: 1200 well-formed records,
# 1200 distinct ids, nothing lost or glued together
. "$(dirname "$0")/../lib.sh"

writers=8 each=150
for w in $(seq 1 $writers); do
	(
		for i in $(seq 1 $each); do
			"$HL_LOG" --wait -1 --by "writer$w" open -c help -t 1380000$(printf %04d "$i") "写入者 $w, 第 $i 条" || echo FAIL
		done > "ids.$w" 2> "err.$w"
	) &
done
wait
is "no writer failed" "$(cat err.* | wc -l | tr -d ' ') $(cat ids.* | grep -c FAIL)" "0 0"
is "every writer got its ids" "$(cat ids.* | grep -c '^HL-20261103-')" "$((writers * each))"
is "ids are distinct" "$(cat ids.* | sort -u | wc -l | tr -d ' ')" "$((writers * each))"
is "journal: header plus one line per record" "$(wc -l < hotline.csv | tr -d ' ')" "$((writers * each + 1))"
is "every line is one whole record" "$(tail -n +2 hotline.csv | grep -Evc \
	'^2026-11-03T10:00:00\+08:00,HL-20261103-[0-9]{4},open,writer[1-8],help,,,,1380000[0-9]{4},,,,,,,,,,,,,,,,"写入者 [1-8], 第 [0-9]+ 条",$')" "0"
is "ids in the journal are distinct" "$(tail -n +2 hotline.csv | cut -d, -f2 | sort -u | wc -l | tr -d ' ')" \
	"$((writers * each))"
is "printed ids are the journal's ids" "$(cat ids.* | sort | cksum)" "$(tail -n +2 hotline.csv | cut -d, -f2 | sort | cksum)"
for w in $(seq 1 $writers); do
	n=$(grep -c ",writer$w," hotline.csv)
	[ "$n" -eq "$each" ] || fail "writer$w has $n records"
done
pass "each writer's records all there"
run "$HL_LOG" export
is "readers see no bad line" "$(cat "$T/err")" ""

# 16 writers with the default wait, each batch holding the lock a while
# (a large one among them): writers queue for the lock, none gives up
awk 'BEGIN { print "event,category,text"; for (i = 1; i <= 2000; i++) printf "open,help,大批 %d\n", i }' > big.csv
for w in $(seq 1 16); do
	(
		for i in 1 2; do
			if [ "$w" -eq 1 ]; then
				"$HL_LOG" -f queue.csv append big.csv > /dev/null || echo FAIL
			else
				"$HL_LOG" -f queue.csv --by "w$w" open -c help "$w-$i" > /dev/null || echo FAIL
			fi
		done > "qfail.$w" 2>&1
	) &
done
wait
is "16 writers with the default --wait: none gave up" "$(cat qfail.* | sort -u | tr '\n' ' ')" ""
is "every record there" "$(($(wc -l < queue.csv) - 1))" "$((2 * 2000 + 15 * 2))"
done_testing
