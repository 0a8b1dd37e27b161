# lib.sh - helpers for the black-box tests: each test runs the real
# binaries in a scratch directory and prints TAP lines.
set -u
HL_LOG="$HL_BIN/hl-log"
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
# reproducible: a fixed clock, zone and operator; no stray configuration;
# the journal named, so that the first write makes it (hl-log(1), init)
export HL_NOW="2026-11-03T10:00:00+08:00" TZ="Asia/Shanghai" HL_ACTOR="王芳"
export HL_JOURNAL=hotline.csv
unset HL_CONFIG
# the reports' labels in Chinese (hl-report(1) LANGUAGE): only messages,
# so that sort and grep behave alike on every machine
export LC_MESSAGES=zh_CN.UTF-8
unset LC_ALL LANGUAGE
tap_n=0
tap_failed=0

pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
fail() {
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"; shift
	for l in "$@"; do printf '#   %s\n' "$l"; done
}
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }

# run CMD...: status in $rc, output in $T/out and $T/err
run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }

is() { # is NAME GOT WANT
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:  $2" "want: $3"; fi
}
is_status() { is "$1: exit status" "$rc" "$2"; }
is_out() { is "$1: stdout" "$(cat "$T/out")" "$2"; }
is_err() { is "$1: stderr" "$(cat "$T/err")" "$2"; }
like() { # like NAME GOT PATTERN (grep -E)
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then pass "$1"; else fail "$1" "got:  $2" "want: /$3/"; fi
}

sum() { if [ -e "$1" ]; then cksum < "$1"; else echo absent; fi; }

# refuse NAME STATUS MESSAGE CMD...: the command fails with that one-line
# message and status, and the journal (./hotline.csv) is byte for byte as
# before
refuse() {
	name=$1 want_rc=$2 want_err=$3; shift 3
	before=$(sum hotline.csv)
	run "$@"
	is_status "$name" "$want_rc"
	is_err "$name" "$want_err"
	is "$name: journal unchanged" "$(sum hotline.csv)" "$before"
}

# width: the display width of each line of stdin, as a terminal shows it
# (a CJK character two columns; wc -L counts so only in a UTF-8 locale)
width() {
	python3 -c 'import sys, unicodedata as u
for l in sys.stdin.read().splitlines(): print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in l))'
}
