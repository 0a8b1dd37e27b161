# complete.sh - hl-log --complete and the bash completion driven in bash
# (the zsh one: tests/clients, where zsh is installed)
SRC="$(cd "$(dirname "$0")/../.." && pwd)/completion/hl.bash"
DATA="$(cd "$(dirname "$0")/../data" && pwd)"
. "$(dirname "$0")/../lib.sh"

lines() { tr '\n' ' ' < "$T/out" | sed 's/ $//'; }

cp "$DATA/complete.yaml" hotline.yaml
cat > other.yaml <<'EOF'
departments:
  - {name: 保卫处, head: 钱军}
staff:
  - {name: 钱军, dept: 保卫处, role: head}
EOF

# ---- hl-log --complete ----
run "$HL_LOG" --complete verbs
is_status "verbs" 0
is "verbs: those of --help" "$(sort "$T/out" | tr '\n' ' ')" \
	"$("$HL_LOG" --help | sed -n 's/^ *\(usage: \)\{0,1\}hl-log \[options\] \([a-z]*\).*/\2/p' | sort | tr '\n' ' ')"

run "$HL_LOG" --complete options resolve
is "options of resolve: its own and the global ones" "$(lines)" \
	"--verdict -f --file -C --config --at --by --wait --help"
run "$HL_LOG" --complete options open
like "options of open: short and long" "$(lines)" "^-c --category -p --priority -m --channel -n --caller -t --phone -l --place -d --dept -a --assignee --done -f"
run "$HL_LOG" --complete options
is "options before a verb; --complete not among them" "$(lines)" \
	"-f --file -C --config --by --at --wait --defaults -h --help --version"
run "$HL_LOG" --complete options export
is "options of export" "$(lines)" "-o --output --spreadsheet --no-bom --help"
run "$HL_LOG" --complete options init
is "init takes none: exit 1" "$rc $(lines)" "1 "

run "$HL_LOG" --complete categories
like "categories: English names and Chinese" "$(lines)" "^consult complaint .* 咨询 投诉 .*报修"
run "$HL_LOG" --complete priorities
like "priorities" "$(lines)" "^low normal high urgent critical .*紧急"
run "$HL_LOG" --complete channels
like "channels" "$(lines)" "^phone hotline400 .*微信"
run "$HL_LOG" --complete clocks
like "clocks" "$(lines)" "^assign ack reply arrive .*supervise$"

run "$HL_LOG" --complete depts
is_status "depts" 0
is "depts of ./hotline.yaml, as written" "$(cat "$T/out")" '客服中心
工程部
$(touch pwned)'
run "$HL_LOG" --complete people
is "people" "$(lines)" "周敏 李建国 张伟"
run "$HL_LOG" -C other.yaml --complete people
is "-C names the configuration" "$(lines)" "钱军"
run env HL_CONFIG=other.yaml "$HL_LOG" --complete depts
is "so does HL_CONFIG" "$(lines)" "保卫处"
run "$HL_LOG" -C missing.yaml --complete depts
is "a missing configuration: nothing, said nowhere, exit 1" "$rc [$(lines)] [$(cat "$T/err")]" "1 [] []"
printf 'departments: [\n' > broken.yaml
run "$HL_LOG" -C broken.yaml --complete people
is "a broken one: the same" "$rc [$(lines)] [$(cat "$T/err")]" "1 [] []"

run "$HL_LOG" --complete tickets
is "no journal: nothing, said nowhere, exit 1" "$rc [$(lines)] [$(cat "$T/err")]" "1 [] []"
is "and none made" "$(ls hotline.csv* 2>/dev/null)" ""

run "$HL_LOG" --complete nonsense
is_status "an unknown kind" 2
like "is named, the kinds listed" "$(cat "$T/err")" "^hl-log: --complete: no words of kind 'nonsense' \(verbs, options, categories, .*tickets\)$"

# tickets: those not settled, from the cache or the journal, nothing written
"$HL_LOG" init
for i in 1 2 3 4; do "$HL_LOG" open -c 报修 "水管$i" > /dev/null; done
"$HL_LOG" assign 2 -d 工程部 -a 张伟 && "$HL_LOG" resolve 2 && "$HL_LOG" close 2
"$HL_LOG" void 3 --reason 测试电话
run "$HL_LOG" --complete tickets
is_status "tickets" 0
is "open tickets, not the closed or void" "$(lines)" "HL-20261103-0001 HL-20261103-0004"
rm -f hotline.csv.state hotline.csv.index
before=$(ls -l --time-style=+%s.%N hotline.csv*)
run "$HL_LOG" --complete tickets
is "without the cache: the journal read" "$(lines)" "HL-20261103-0001 HL-20261103-0004"
is "and nothing written (no cache, no index)" "$(ls -l --time-style=+%s.%N hotline.csv*)" "$before"
"$HL_LOG" open -c 投诉 噪音 > /dev/null
run "$HL_LOG" --complete tickets
is "a ticket opened since the cache: there" "$(lines)" "HL-20261103-0001 HL-20261103-0004 HL-20261103-0005"
mkdir elsewhere && (cd elsewhere && "$HL_LOG" init && "$HL_LOG" open -c 咨询 停水 > /dev/null)
run "$HL_LOG" -f elsewhere/hotline.csv --complete tickets
is "-f names the journal" "$(lines)" "HL-20261103-0001"

# ---- the bash completion, sourced and called as bash calls it ----
# comp WORD...: COMPREPLY for the words, the last the one completed
comp() {
	bash -c 'source "$1" || exit 9; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
		f=_hl_${1##*/hl-}; f=${f//-/_}; $f
		printf "%s\n" "${COMPREPLY[@]}"' _ "$SRC" "$@" > "$T/out" 2> "$T/err"
	rc=$?
}
L="$HL_BIN/hl-log"
comp "$L" ''
is "bash: a verb" "$(lines)" "$("$HL_LOG" --complete verbs | tr '\n' ' ' | sed 's/ $//')"
comp "$L" res
is "bash: a verb begun" "$(lines)" "resume resolve"
comp "$L" ack ''
is "bash: a ticket after a verb about one" "$(lines)" "HL-20261103-0001 HL-20261103-0004 HL-20261103-0005"
comp "$L" --at 09:00 --by 周敏 ack HL-20261103-000
is "bash: past global options and their values" "$(lines)" "HL-20261103-0001 HL-20261103-0004 HL-20261103-0005"
comp "$L" ack HL-20261103-0001 ''
is "bash: after the ticket, text: nothing" "$(lines)" ""
comp "$L" -f elsewhere/hotline.csv note ''
is "bash: -f on the line: that journal's tickets" "$(lines)" "HL-20261103-0001"
comp "$L" export HL-20261103-0001 ''
is "bash: export takes tickets, any number" "$(lines)" "HL-20261103-0001 HL-20261103-0004 HL-20261103-0005"
comp "$L" assign 1 -d ''
is "bash: -d: departments, a shell's word quoted" "$(cat "$T/out")" '客服中心
工程部
\$\(touch\ pwned\)'
is "bash: and not run" "$(test -e pwned && echo run)" ""
comp "$L" assign 1 --dept = 工
is "bash: --dept=工" "$(lines)" "工程部"
comp "$L" assign 1 -a ''
is "bash: -a: people" "$(lines)" "周敏 李建国 张伟"
comp "$L" -C other.yaml assign 1 --assignee ''
is "bash: -C on the line: that configuration's people" "$(lines)" "钱军"
comp "$L" open -c 投
is "bash: -c in Chinese" "$(lines)" "投诉"
comp "$L" open -p u
is "bash: -p" "$(lines)" "urgent"
comp "$L" resolve 1 --
is "bash: a verb's options" "$(lines)" "--verdict --file --config --at --by --wait --help"
comp "$L" resolve 1 --verdict ''
like "bash: --verdict" "$(lines)" "^valid invalid adopted declined"
comp "$L" extend 1 --clock re
is "bash: --clock" "$(lines)" "reply resolve"
comp "$L" extend 1 --by ''
is "bash: extend's --by is a time: nothing" "$(lines)" ""
comp "$L" export -o ''
is "bash: export -o" "$(lines)" "csv yaml xlsx"
comp "$HL_BIN/hl-report" ''
is "bash: hl-report's reports" "$(lines)" "monthly weekly staff tickets caller calls todo"
comp "$HL_BIN/hl-report" tickets --dept 客
is "bash: hl-report --dept" "$(lines)" "客服中心"
comp "$HL_BIN/hl-report" todo --by 李
is "bash: todo --by: a person" "$(lines)" "李建国"
comp "$HL_BIN/hl-report" monthly --by d
is "bash: monthly --by: keys" "$(lines)" "dept day"
comp "$HL_BIN/hl-escalate" --explain ''
is "bash: hl-escalate --explain: tickets" "$(lines)" "HL-20261103-0001 HL-20261103-0004 HL-20261103-0005"
comp "$HL_BIN/hl-route" -o ''
is "bash: hl-route -o" "$(lines)" "csv yaml"
comp "$HL_BIN/hl-route" --ex
is "bash: hl-route's options" "$(lines)" "--explain"
is "bash: nothing said on stderr" "$(cat "$T/err")" ""

done_testing
