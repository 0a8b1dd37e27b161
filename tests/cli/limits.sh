# limits.sh - bounded work on big inputs: a configuration of 100,000
# staff loads in time linear in its size (it once took over two minutes:
# every person's name was checked against every earlier one)
. "$(dirname "$0")/../lib.sh"

staff() { # staff N [EXTRA]: a configuration of N people, then EXTRA
	awk -v n="$1" -v extra="${2:-}" 'BEGIN {
		print "departments:"
		for (d = 0; d < 100; d++) printf "  - {name: dept%d, head: p%d}\n", d, d
		print "staff:"
		for (i = 0; i < n; i++)
			printf "  - {name: p%d, dept: dept%d, role: repairer, phone: \"139%08d\"}\n", i, i % 100, i
		if (extra != "") print extra
	}'
}
ms() { echo $(($(date +%s%N) / 1000000)); }
route() { printf 'routes:\n  - {name: last, match: {category: repair}, dept: dept99, pool: [p%d, p%d]}\n' $(($1 - 1)) $(($1 - 2)); }

# 20,000 and 100,000 people, each with a route whose pool names the last
# of them: five times the people must take about five times as long, not
# twenty-five (fifteen allows for noise). Under the sanitizers the large
# one takes about 5 s; the quadratic load took 49 s without them.
staff 20000 "$(route 20000)" > small.yaml
staff 100000 "$(route 100000)" > big.yaml
start=$(ms)
run timeout 120 "$HL_LOG" -C small.yaml -f small.csv open -c repair 漏水
small=$(($(ms) - start))
is "20,000 staff: loaded and used" "$rc $(cat "$T/out")" "0 HL-20261103-0001"
start=$(ms)
run timeout 120 "$HL_LOG" -C big.yaml -f big.csv open -c repair 漏水
big=$(($(ms) - start))
is "100,000 staff: loaded and used" "$rc $(cat "$T/out")" "0 HL-20261103-0001"
is "five times the staff, at most fifteen times the time (${small} ms, ${big} ms)" \
	"$([ "$big" -lt $((15 * small)) ] && echo yes)" "yes"
run "$HL_BIN/hl-route" -C small.yaml -o csv small.csv
like "the pool's last person is found" "$(cat "$T/out")" "HL-20261103-0001,route,.*,dept99,p19999"

# the checks still see everything: a name twice, far apart
staff 20000 '  - {name: p3, dept: dept1}' > twice.yaml
run "$HL_LOG" -C twice.yaml note HL-1 x
is "a person listed twice, 20,000 lines apart" "$(cat "$T/err")" \
	"hl-log: twice.yaml:$(wc -l < twice.yaml | tr -d ' '):5: 'p3' is listed twice in staff"
staff 200 "$(route 200)
  - {name: again, dept: dept1, pool: [p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p3]}" > pool.yaml
run "$HL_LOG" -C pool.yaml note HL-1 x
like "a pool member twice in a long pool" "$(cat "$T/err")" "pool.yaml:[0-9]+:[0-9]+: 'p3' is twice in the pool"
{ staff 10; echo 'calls:'; echo '  agents:'; i=0; while [ $i -lt 40 ]; do echo "    SIP/$i: p$((i % 10))"; i=$((i + 1)); done; echo '    SIP/7: p1'; } > agents.yaml
run "$HL_LOG" -C agents.yaml note HL-1 x
like "a key twice in a big mapping" "$(cat "$T/err")" "agents.yaml:[0-9]+:5: duplicate key 'SIP/7'"
done_testing
