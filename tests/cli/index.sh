# index.sh - the ticket index beside the journal (hotline.csv.index): a
# step on a ticket settled long ago and an export of a few tickets read
# their records through it, and what hl-log says, writes and exports is
# what it says, writes and exports from a read of the whole journal; the
# index is made anew when deleted, truncated, garbage, of a journal since
# replaced, or pointing at a record that is not its ticket's
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
GEN="$(cd "$(dirname "$0")/../../bench" && pwd)/genjournal.c"
. "$(dirname "$0")/../lib.sh"
export HL_NOW=2028-01-01T00:00:00+08:00
${CC:-cc} -O2 -o genjournal "$GEN" || { fail "bench/genjournal builds"; done_testing; exit; }
cp "$EXAMPLES/property/hotline.yaml" .
export HL_CONFIG="$T/hotline.yaml"
./genjournal 4000 5 > all.csv

# a.csv has its index; b.csv cannot have one (a directory at its name),
# so hl-log reads the whole of it: the reference
fresh() {
	rm -rf a.csv* b.csv*
	cp "${1:-all.csv}" a.csv
	cp "${1:-all.csv}" b.csv
	mkdir b.csv.index
	"$HL_BIN/hl-route" a.csv > /dev/null 2>&1  # the cron run: cache and index
	"$HL_BIN/hl-route" b.csv > /dev/null 2>&1
}
# both J ARGS...: hl-log on both journals; what differs, if anything
both() {
	"$HL_LOG" -f a.csv "$@" > a.out 2> a.err; ra=$?
	"$HL_LOG" -f b.csv "$@" > b.out 2> b.err; rb=$?
	sed 's/b\.csv/a.csv/g' b.err > b.err2
	[ "$ra" = "$rb" ] || echo "$*: exit $ra, a full read $rb"
	cmp -s a.out b.out || echo "$*: stdout $(diff b.out a.out | head -n 4)"
	cmp -s a.err b.err2 || echo "$*: stderr $(diff b.err2 a.err | head -n 4)"
}
# export of the tickets named, against the journal's own lines of them
exported() {
	"$HL_LOG" -f a.csv export "$@" > got 2> got.err || echo "export $*: exit $?"
	ids=" $* "
	awk -F, -v ids="$ids" 'NR == 1 || index(ids, " " $2 " ")' a.csv > want
	cmp -s got want || echo "export $*: $(diff want got | head -n 4)"
	[ -s got.err ] && echo "export $*: $(cat got.err)"
}
# the tickets: closed ones (the oldest first), resolved and followed up,
# a missed call called back, one never seen
closed=$(awk -F, '$3 == "close" { print $2 }' all.csv | head -n 3 | tr '\n' ' ')
first=$(sed -n 2p all.csv | cut -d, -f2)
followed=$(awk -F, '$3 == "followup" { print $2 }' all.csv | sed -n 5p)
called=$(awk -F, '$3 == "callback" { print $2 }' all.csv | head -n 1)
late=$(awk -F, 'NR > 3000 && $3 == "open" { print $2 }' all.csv | head -n 1)
steps() {
	for id in $closed $first $followed $called HL-20250101-9999; do
		both note "$id" "a remark, long after"
		both followup "$id" --score 5
		both reopen "$id" "not done"
		both ack "$id"
		both callback "$id"
		both resolve "$id" "done again"
		both close "$id"
	done
	both assign "$late" -d 工程部
	cmp -s a.csv b.csv || echo "journals differ: $(diff b.csv a.csv | head -n 4)"
	exported $first
	exported $closed $called
	exported $late HL-20250101-9999
}

fresh
is "the cron run made the index" "$([ -s a.csv.index ] && stat -c %a a.csv.index)" "600"
is "steps on old tickets: the same as from a full read" "$(steps)" ""
is "the index kept up with hl-log's entries" "$(exported $first $closed)" ""

fresh
rm a.csv.index
is "deleted: made anew" "$(steps)" ""
is "deleted: there again" "$([ -s a.csv.index ] && echo yes)" "yes"

fresh
size=$(wc -c < a.csv.index)
head -c $((size / 2)) a.csv.index > half
cat half > a.csv.index
is "truncated: made anew" "$(steps)" ""
is "truncated: whole again" "$([ "$(wc -c < a.csv.index)" -ge "$size" ] && echo yes)" "yes"

fresh
head -c "$size" /dev/urandom > junk
cat junk > a.csv.index
is "garbage: made anew" "$(steps)" ""

# the journal replaced by another (a restore, a rotation): a new inode
fresh
./genjournal 3000 9 > other.csv
cp other.csv a.csv.new && mv a.csv.new a.csv
cp other.csv b.csv.new && mv b.csv.new b.csv
closed=$(awk -F, '$3 == "close" { print $2 }' other.csv | head -n 3 | tr '\n' ' ')
first=$(sed -n 2p other.csv | cut -d, -f2)
is "of a journal since replaced: made anew" "$(steps)" ""

# the same length, a ticket's record now another's (an edit in place
# before the last 64 KiB the index checks)
fresh
victim=$(sed -n 2p all.csv | cut -d, -f2)
other=$(awk -F, -v v="$victim" 'NR > 1 && $2 != v && length($2) == length(v) { print $2; exit }' all.csv)
for j in a.csv b.csv; do
	sed "2s/$victim/$other/" all.csv > edit && cat edit > $j
done
closed="$other"
first=$victim
# (an edit that moves no byte is seen when a record read is not the
# ticket's: the other's entries alone do not tell)
is "a record no longer the ticket's: made anew" "$(exported "$victim")" ""
is "the record is in the other's export" "$(exported "$other")" ""
is "steps on both, as from a full read" "$(steps)" ""

done_testing
