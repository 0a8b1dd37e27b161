# cache.sh - the state cache beside the journal (hotline.csv.state): the
# cron tools and hl-log give exactly what a full read of the journal
# gives, after appends, truncation, rotation, a rewrite in place, a torn
# line, a corrupt cache and a changed configuration
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
. "$(dirname "$0")/../lib.sh"
cp "$EXAMPLES/property/hotline.yaml" "$EXAMPLES/property/morning.csv" "$EXAMPLES/property/later.csv" .
export HL_NOW=2026-11-03T22:30:00+08:00
"$HL_LOG" append morning.csv > /dev/null
"$HL_LOG" append later.csv > /dev/null

# what each tool prints through the cache, and from the top (standard
# input is read whole, without one); warnings about old lines are said
# once, when the cache that passes them is built
views() {
	"$HL_BIN/hl-escalate" -o csv hotline.csv 2>/dev/null; echo "rc $?"
	"$HL_BIN/hl-escalate" -o text hotline.csv 2>/dev/null
	"$HL_BIN/hl-route" -o yaml hotline.csv 2>/dev/null; echo "rc $?"
	"$HL_BIN/hl-route" -o yaml --explain hotline.csv 2>&1 >/dev/null | grep -v '^hl-route: '
}
full() {
	"$HL_BIN/hl-escalate" -o csv - < hotline.csv 2>/dev/null; echo "rc $?"
	"$HL_BIN/hl-escalate" -o text - < hotline.csv 2>/dev/null
	"$HL_BIN/hl-route" -o yaml - < hotline.csv 2>/dev/null; echo "rc $?"
	"$HL_BIN/hl-route" -o yaml --explain - < hotline.csv 2>&1 >/dev/null | grep -v '^hl-route: '
}
same() { # same NAME: the cached views equal the full read
	views > "$T/cached"; full > "$T/full"
	if cmp -s "$T/cached" "$T/full" && [ -s "$T/full" ]; then
		pass "$1"
	else
		fail "$1" "$(diff "$T/full" "$T/cached" | head -n 20)"
	fi
}
inode() { if [ -e hotline.csv.state ]; then stat -c %i hotline.csv.state; else echo none; fi; }

is "hl-log's second append built the cache" "$([ -s hotline.csv.state ] && echo yes)" "yes"
rm hotline.csv.state
same "first run: the cache is built"
is "the cache is private like the journal" "$(stat -c %a hotline.csv.state)" "600"
first=$(inode)
same "second run: from the cache"
is "a valid cache is used, not rebuilt" "$(inode)" "$first"

# cron: route, commit, escalate, commit, then a hundred new events
"$HL_BIN/hl-route" | "$HL_LOG" append > /dev/null
"$HL_BIN/hl-escalate" | "$HL_LOG" append > /dev/null
i=0
while [ $i -lt 25 ]; do
	id=$("$HL_LOG" open -c repair -t 1380000$((1000 + i)) -l "$i栋" 漏水)
	"$HL_LOG" note "$id" "第 $i 次"
	"$HL_LOG" open -c complaint -t 13700002222 "又是噪音, 第 $i 次" > /dev/null
	"$HL_LOG" missed -t 1390000$((1000 + i)) > /dev/null
	i=$((i + 1))
done
same "after 100 new events: the cache and the new lines"
is "a short tail does not rewrite the cache" "$(inode)" "$first"
ids=$("$HL_LOG" export | cut -d, -f2 | grep . | sort | uniq | wc -l | tr -d ' ')
last=$("$HL_LOG" export | cut -d, -f2 | grep '^HL-' | sort | tail -n 1)
new=$("$HL_LOG" open -c consult 问路)
is "hl-log through the cache gives the next id" "$new" \
	"HL-20261103-$(printf %04d $((1${last##*-} - 10000 + 1)))"
is "ids stay unique" "$("$HL_LOG" export | cut -d, -f2 | grep . | sort -u | wc -l | tr -d ' ')" "$((ids + 1))"

# hl-log on a ticket the cache no longer holds (closed): the whole journal
"$HL_LOG" resolve HL-20261103-0007 修好了 && "$HL_LOG" close HL-20261103-0007
run "$HL_LOG" followup HL-20261103-0007 --score 5 满意
is_status "a follow-up of a closed ticket still finds it" 0
run "$HL_LOG" reopen HL-20261103-0007 没修好
is_status "so does a reopen" 0
same "after steps on a closed ticket"

# from here every run rewrites the cache, so that it covers all
export HL_STATE_REWRITE=0
same "a cache rewritten on every run"
is "rewritten" "$([ "$(inode)" != "$first" ] && echo yes)" "yes"
first=$(inode)

# truncation: the journal lost its end (restored from a backup, say)
head -n 60 hotline.csv > cut.csv && cat cut.csv > hotline.csv
same "journal truncated below what the cache covers: rebuilt"
is "the cache was rebuilt" "$([ "$(inode)" != "$first" ] && echo yes)" "yes"

# rotation: another file under the name, even with the same bytes
views > /dev/null; second=$(inode)
cp hotline.csv rotated.csv && mv rotated.csv hotline.csv
same "another file under the journal's name (rotated): rebuilt"
is "rebuilt again" "$([ "$(inode)" != "$second" ] && echo yes)" "yes"
mv hotline.csv old.csv
"$HL_LOG" open -c repair -t 13800000000 新的一年 > /dev/null
same "a new journal after rotation"
cp old.csv hotline.csv

# the bytes the cache covers rewritten in place, same size, same file
views > /dev/null
line=$(grep -n ',HL-20261103-0002,open,' hotline.csv | cut -d: -f1)
sed "${line}s/,complaint,/,suggestion,/" hotline.csv > edited.csv
dd if=edited.csv of=hotline.csv conv=notrunc status=none
same "the covered bytes changed in place: rebuilt"

# a torn line (a write in progress, or a writer that died): not read
# the same way, then set aside by the next writer
views > /dev/null
printf '2026-11-03T22:00:00+08:00,HL-20261103-0099,open,王芳,help,,,,,,,,,,,,,,,,,,,,半截' >> hotline.csv
same "a torn last line"
"$HL_LOG" open -c help 后来的 > /dev/null 2>&1
same "the torn line set aside by the next append"

# a corrupt cache is never trusted
printf 'garbage\n' > hotline.csv.state
same "a cache of garbage: rebuilt"
views > /dev/null
sz=$(stat -c %s hotline.csv.state)
head -c $((sz / 2)) hotline.csv.state > half && cat half > hotline.csv.state
same "a half-written cache: rebuilt"
views > /dev/null
sed 's/\tT\t/\tX\t/; 0,/=王芳/s//=王方/' hotline.csv.state > flipped && cat flipped > hotline.csv.state
same "a cache with a changed byte: rebuilt"

# a crafted cache: values no fold makes, the checksum made anew (anyone
# can); a category of 1000000 once shifted a mask out of range
reseal=$HL_BIN/../tests/test_livecache
craft() { # craft NAME SED: the cache edited by SED, resealed, then compared
	views > /dev/null
	sed "$2" hotline.csv.state > crafted
	if cmp -s crafted hotline.csv.state; then
		fail "$1: the edit changed nothing"
	elif cat crafted > hotline.csv.state && [ -x "$reseal" ] &&
	    "$reseal" reseal hotline.csv.state && ! cmp -s crafted hotline.csv.state; then
		same "$1"
	else
		fail "$1: cannot reseal the cache with $reseal"
	fi
}
craft "a resealed cache of category 1000000: rebuilt" \
	'0,/^\(T\t[^\t]*\(\t[^\t]*\)\{7\}\)\t[0-9]*/s//\1\t1000000/'
craft "a resealed cache of priority -1: rebuilt" \
	'0,/^\(T\t[^\t]*\(\t[^\t]*\)\{8\}\)\t[0-9]*/s//\1\t-1/'
# (the last notice's clock: the line ends with it and the second level)
craft "a resealed cache of an escalation of clock 99: rebuilt" \
	'0,/^\(T\t.*\t[1-9][0-9]*\)\t[0-7]\t\([0-9]*\t[0-9]*\t-\{0,1\}[0-9]*\)\(\t[~=][^\t]*\)$/s//\1\t99\t\2\3/'

# the rotation of a round-robin depends on the configuration
views > /dev/null
sed 's/strategy: round-robin/strategy: least-open/' hotline.yaml > changed.yaml && cat changed.yaml > hotline.yaml
same "a changed configuration: rebuilt"

# a complaint stays open for weeks: its repeat still looks back from the
# day it came, though the cache forgets complaints nothing can ask about
HL_NOW=2026-12-01T09:00:00+08:00
a=$("$HL_LOG" open -c complaint -t 13911110000 电梯又坏了)
"$HL_LOG" resolve "$a" 修好了 && "$HL_LOG" close "$a"
HL_NOW=2026-12-20T09:00:00+08:00
"$HL_LOG" open -c complaint -t 13911110000 电梯还是坏 > /dev/null
HL_NOW=2027-02-01T09:00:00+08:00
"$HL_LOG" open -c complaint -t 13922220000 另一件事 > /dev/null
views > /dev/null
same "a long-open repeat complaint, two months on"
like "the repeat is seen (a rung higher)" "$("$HL_BIN/hl-route" --lang en --explain 2>&1 >/dev/null)" "repeat-complaint: matches"

# several journals, or standard input: read whole, no cache
rm -f hotline.csv.state
"$HL_BIN/hl-escalate" hotline.csv old.csv > /dev/null 2>&1
is "several journals: no cache written" "$(inode)" "none"
done_testing
