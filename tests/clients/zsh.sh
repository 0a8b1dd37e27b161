# tests/clients/zsh.sh - sourced by tests/clients/run (its check, BIN,
# T, CLIENTS): the zsh completion driven by TAB in an interactive zsh
# (zcomplete.zsh), against a configuration of Chinese names and one a
# shell would run if it expanded the words it offers. Skipped, said,
# without zsh (make check does not need it).
ZC=$CLIENTS/zcomplete.zsh
COMPDIR=$(cd "$CLIENTS/../../completion" && pwd)
if command -v zsh > /dev/null; then
	mkdir "$T/z" && cd "$T/z" || exit 2
	cp "$CLIENTS/../data/complete.yaml" hotline.yaml
	printf 'staff:\n  - {name: 钱军, role: head}\n' > other.yaml
	# this directory's configuration and journal (HL_CONFIG empty: unset)
	zenv() { HL_CONFIG= HL_JOURNAL=hotline.csv LANG=C.UTF-8 "$@"; }
	zenv "$BIN/hl-log" init && zenv "$BIN/hl-log" open -c 报修 水管 > /dev/null &&
		zenv "$BIN/hl-log" open -c 投诉 噪音 > /dev/null &&
		zenv "$BIN/hl-log" open -c 咨询 停水 > /dev/null &&
		zenv "$BIN/hl-log" void 2 --reason 测试 || exit 2
	# ztab LINE WANT: the matches of LINE then TAB, on one line
	ztab() {
		got=$(zenv timeout 30 zsh -f "$ZC" "$COMPDIR" "$1" 2>&1 | tr '\n' ' ' | sed 's/ $//')
		check "zsh: '$1' TAB offers $2" $([ "$got" = "$2" ]; echo $?) "got: $got"
	}
	ztab "$BIN/hl-log res" "resume resolve"
	ztab "$BIN/hl-log ack " "HL-20261201-0001 HL-20261201-0003"
	ztab "$BIN/hl-log --at 09:00 ack HL-20261201-0001 " ""
	ztab "$BIN/hl-log assign 1 -d " "客服中心 工程部 \$(touch pwned)"
	check "zsh: a department's name not run" $([ ! -e pwned ]; echo $?)
	ztab "$BIN/hl-log assign 1 --dept=工" "工程部"
	ztab "$BIN/hl-log assign 1 -a 李" "李建国"
	ztab "$BIN/hl-log -C other.yaml assign 1 -a " "钱军"
	ztab "$BIN/hl-log open -c 投" "投诉"
	ztab "$BIN/hl-log resolve 1 --v" "--verdict"
	ztab "$BIN/hl-log export -o " "csv yaml xlsx"
	ztab "$BIN/hl-report " "monthly weekly staff tickets caller calls todo"
	ztab "$BIN/hl-report tickets --dept 工" "工程部"
	ztab "$BIN/hl-escalate --explain " "HL-20261201-0001 HL-20261201-0003"
	ztab "$BIN/hl-route -o " "csv yaml"
	cd "$T" || exit 2
else
	echo "# zsh not installed: the zsh completion not checked (apt-get install zsh)"
fi
