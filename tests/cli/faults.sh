# faults.sh - honest results when the disk, the limits or the output fail,
# and no path an attacker plants is followed: an I/O error says exactly
# what is in the journal, output lost after a commit says so (exit 3), a
# file size limit is an error and leaves no temporary file, the files hl
# writes beside the journal are never opened through a symbolic link
. "$(dirname "$0")/../lib.sh"
FAULT="$HL_HELPERS/fault.so"
# the tools are built with AddressSanitizer, whose runtime wants to be
# first; the fault library only passes calls on
faulty() { # faulty SPEC CMD...: CMD with the calls SPEC names failing
	spec=$1; shift
	env HL_FAULT="$spec" LD_PRELOAD="$FAULT" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" "$@"
}

"$HL_LOG" open -c help 一 > /dev/null
awk 'BEGIN { print "event,category,text"; for (i = 1; i <= 200; i++) printf "open,help,批%d\n", i }' > batch.csv

# the batch reaches the file, then fsync fails (a filesystem shut down)
before=$(sum hotline.csv)
run faulty fsync:1 "$HL_LOG" append batch.csv
is_status "fsync fails after the write" 2
is_err "it says nothing is committed" "hl-log: hotline.csv: write failed, nothing committed: Input/output error"
is "and nothing is: the journal as it was" "$(sum hotline.csv)" "$before"
run "$HL_LOG" export
is "readers see none of it" "$(grep -c '批' "$T/out")" "0"

# the write itself fails halfway
run faulty writev:1 "$HL_LOG" append batch.csv
is "a write failing halfway" "$rc $(cat "$T/err")" \
	"2 hl-log: hotline.csv: write failed, nothing committed: Input/output error"
is "leaves the journal as it was" "$(sum hotline.csv)" "$before"

# the batch is written and synced, the commit record's sync fails: readers
# already see the batch, so it is committed, not known to be on disk
run faulty fdatasync:1 "$HL_LOG" open -c help 二
is_status "the commit record's sync fails" 3
is_err "it says the batch is committed but not known to be on disk" \
	"hl-log: hotline.csv.commit: committed, but not known to be on disk: Input/output error"
is "the id is printed, and it is in the journal" "$(cat "$T/out")" "$(tail -n 1 hotline.csv | cut -d, -f2)"

# the ids cannot be printed after the commit
run sh -c "exec '$HL_LOG' open -c help 三 > /dev/full"
is_status "standard output full after the commit" 3
is_err "it says the batch is committed" \
	"hl-log: committed; the new ids could not be printed: No space left on device (send nothing again: find them with hl-log export)"
is "and it is" "$(grep -c ',三,$' hotline.csv)" "1"
run sh -c "exec '$HL_LOG' open -c help 四 >&-"
is "standard output closed" "$rc $(grep -c ',四,$' hotline.csv)" "3 1"
# a reader gone from the pipe: not a silent SIGPIPE (141)
run sh -c "'$HL_LOG' append batch.csv | (exec 0<&-; sleep 0.2)"
is "a closed pipe after the commit is the same" "$(grep -c '批' hotline.csv)" "200"

# a file size limit between the journal's size and the cache's
"$HL_LOG" append batch.csv > /dev/null
rm -f hotline.csv.state
for tool in hl-route hl-escalate; do
	run sh -c "ulimit -f 1; exec '$HL_BIN/$tool' -o yaml"
	is "$tool under ulimit -f is not killed by SIGXFSZ" "$([ "$rc" -le 2 ] && echo ok || echo "rc $rc")" "ok"
done
run sh -c "ulimit -f 1; exec '$HL_LOG' open -c help 五"
is "hl-log under ulimit -f" "$rc $(cat "$T/err")" "2 hl-log: hotline.csv: write failed, nothing committed: File too large"
is "no temporary file is left behind" "$(ls | grep -c 'state\.')" "0"

# a link planted where hl writes beside the journal is never followed
echo 'do not touch' > victim
sh -c "ln -s '$T/victim' hotline.csv.state.\$\$; exec '$HL_BIN/hl-route' -o yaml > /dev/null 2>&1"
is "a link at the state cache's temporary name (the writer's pid)" "$(cat victim)" "do not touch"
rm -f hotline.csv.state.*
mv hotline.csv.state state.kept
ln -s "$T/victim" hotline.csv.state
"$HL_BIN/hl-route" -o yaml > /dev/null 2>&1
is "a link at the state cache's name is replaced, not written through" \
	"$(cat victim) $([ -L hotline.csv.state ] && echo link || echo file)" "do not touch file"
mv hotline.csv.commit commit.kept
ln -s "$T/victim" hotline.csv.commit
run "$HL_LOG" open -c help 六
is "a link at the commit record's name is refused" "$rc $(cat victim)" "2 do not touch"
rm hotline.csv.commit
mv commit.kept hotline.csv.commit

# modes: a new journal is 0600 whatever the umask; an open one is warned of
run sh -c "umask 277; exec '$HL_LOG' -f strict.csv open -c help 七"
is "a journal made under umask 277" "$rc $(stat -c %a strict.csv)" "0 600"
run sh -c "umask 277; exec '$HL_LOG' -f strict.csv open -c help 八"
is "can be appended to later" "$rc" "0"
chmod 644 strict.csv
run "$HL_LOG" -f strict.csv open -c help 九
is_err "a journal others can read is warned of" \
	"hl-log: strict.csv: readable or writable by others (mode 0644), with callers' numbers and words in it: chmod 600 it"
done_testing
