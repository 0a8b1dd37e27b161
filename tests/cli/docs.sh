# docs.sh - every binary's --help matches its man page's synopsis
MAN=$(cd "$(dirname "$0")/../../man" && pwd)
. "$(dirname "$0")/../lib.sh"
for bin in "$HL_BIN"/hl-*; do
	name=$(basename "$bin")
	page="$MAN/$name.1"
	if [ ! -f "$page" ]; then
		fail "$name has a man page"
		continue
	fi
	synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.fi/p' "$page" | grep -v '^\.\(SH\|nf\|fi\)' |
		sed 's/^\.B //; s/\\-/-/g')
	run "$bin" --help
	is "$name --help: exit status and stderr" "$rc $(cat "$T/err")" "0 "
	help=$(sed 's/^usage: //; s/^ *//' "$T/out")
	is "$name --help matches the synopsis of $name(1)" "$help" "$synopsis"
	run "$bin" --version
	is "$name --version: exit status and stderr" "$rc $(cat "$T/err")" "0 "
	like "$name --version: its name and version" "$(head -n 1 "$T/out")" "^$name [0-9]"
done
if command -v man >/dev/null 2>&1; then
	for page in "$MAN"/*.[15]; do
		warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		is "$(basename "$page") renders without warnings" "$warnings" ""
	done
fi
done_testing
