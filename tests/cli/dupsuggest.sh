# dupsuggest.sh - hl-route suggests a master for a new ticket (the
# duplicates section): same place (spaces and fullwidth forms aside),
# enough shared words of the vocabulary, within the window, among live
# open work; the choice among several, --explain in Chinese, the
# configuration's errors, and nothing changed without the section
. "$(dirname "$0")/../lib.sh"
HL_ROUTE="$HL_BIN/hl-route"
export HL_NOW=2026-11-03T12:00:00+08:00

base() {
	cat <<'YAML'
timezone: Asia/Shanghai
departments:
  - {name: 工程部, head: 老李}
  - {name: 客服部, head: 周敏}
staff:
  - {name: 老李, dept: 工程部}
  - {name: 张伟, dept: 工程部}
  - {name: 周敏, dept: 客服部}
routes:
  - {name: lift, match: {keywords: [电梯, Lift]}, dept: 工程部, person: 张伟}
  - {name: water, match: {keywords: [漏水, 水管]}, dept: 工程部, person: 张伟}
  - {name: front, dept: 客服部}
YAML
}
base > off.yaml
{ base; echo 'duplicates: {window: 24h, words: [停电, 噪音]}'; } > hotline.yaml
{ base; echo 'duplicates: {window: 24h, keywords: 2, words: [停电, 噪音]}'; } > two.yaml

# texts: "TICKET TEXT" of each route record in $T/out (CSV), by the
# header's columns
texts() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["ticket"] " " $c["text"] }' "$T/out"
}
# text TICKET: that ticket's route text in $T/out
text() { texts | awk -v t="$1" '$1 == t { sub(/^[^ ]* /, ""); print }'; }
# ex TICKET: that ticket's duplicate line under --explain ($T/err)
ex() {
	awk -v t="$1" '/^[^ ]/ { on = $1 == t; next }
		on && /^  (可能与|无疑似重复|不提示重复|may duplicate|no likely duplicate|no duplicate suggested)/' "$T/err"
}
open_at() { # open_at TIME PLACE TEXT: the new ticket's id in $id
	id=$("$HL_LOG" --at "$1" open -c repair -t 13700000000 -l "$2" "$3") || exit 2
}
d=2026-11-03T

# ---- what is there before the run: routed by an earlier one ----
open_at ${d}08:00 7栋 电梯停在3楼不动;         A=$id
open_at 2026-11-02T09:00+08:00 9栋 水管漏水;   OLD=$id
open_at ${d}08:00 10栋 停电了;                 VOID=$id
open_at ${d}08:00 11栋 楼上噪音扰民;           M=$id
open_at ${d}08:30 11栋1单元 楼上噪音;          DUP=$id
open_at ${d}07:00 12栋 又停电了;               SHUT=$id
open_at ${d}07:30 12栋 停电;                   RES=$id
open_at ${d}07:00 5栋 水管爆裂漏水;            X1=$id
open_at ${d}08:00 5栋 漏水,水管;               X3=$id
open_at ${d}08:00 5栋 水管也漏水;              X4=$id
open_at ${d}09:00 5栋 水管坏;                  X2=$id
open_at ${d}09:30 6栋 电梯不动;                LATE=$id
"$HL_ROUTE" | "$HL_LOG" append
"$HL_LOG" void $VOID --reason 测试
"$HL_LOG" link $DUP --to $M --reason 同一户
"$HL_LOG" --by 张伟 resolve $SHUT 已修
"$HL_LOG" followup $SHUT --score 3 一般
"$HL_LOG" close $SHUT
"$HL_LOG" --by 张伟 resolve $RES 已修
run "$HL_ROUTE" --explain
is "nothing waits, nothing suggested" "$rc $(cat "$T/out")" "1 "

# ---- the new tickets, one cron run ----
open_at ${d}09:00 '7 栋' 电梯坏了有人被困;     N1=$id
open_at ${d}09:10 ８栋 '电梯坏了 lift';       N2=$id
open_at ${d}09:20 8栋 'LIFT 电梯异响';         N3=$id
open_at ${d}09:40 7栋 门禁坏了;                N4=$id
open_at ${d}09:01 9栋 水管又漏水了;            N5=$id
open_at ${d}09:00 10栋 又停电了;               N6=$id
open_at ${d}11:00 11栋1单元 噪音还在;          N7=$id
open_at ${d}10:00 12栋 停电;                   N8=$id
open_at ${d}10:00 5栋 水管漏水严重;            N9=$id
open_at ${d}09:00 6栋 电梯坏了;                N10=$id
open_at ${d}11:30 5栋 楼道噪音;                N11=$id
open_at ${d}11:40 5栋 '噪音 水管';             N12=$id
cp hotline.csv before.csv

run "$HL_ROUTE" --explain
is "a run: all routed" "$rc $(texts | wc -l)" "0 12"
is "the same place as written otherwise: suggested, last in the text" "$(text $N1)" \
	"person: 张伟; first deadline: arrive; may duplicate $A"
is "--explain: candidate, place, shared words, time apart" "$(ex $N1)" \
	"  可能与 $A 重复：同一地点 7 栋，共同词 电梯，早 1小时 受理"
is "another place: none" "$(text $N2)" "person: 张伟; first deadline: arrive"
is "--explain: none at that place" "$(ex $N2)" "  无疑似重复：1天 内同一地点的在办工单 0 张；需要共同词 1 个"
is "fullwidth digits are the same place; a ticket of the same run" "$(text $N3)" \
	"person: 张伟; first deadline: arrive; may duplicate $N2"
is "--explain: each shared word once, in the vocabulary's order" "$(ex $N3)" \
	"  可能与 $N2 重复：同一地点 8栋，共同词 电梯、lift，早 10分 受理"
is "no shared word: none" "$(text $N4)" "to the department; first deadline: arrive"
is "--explain: the text has none of the words" "$(ex $N4)" "  无疑似重复：内容含词表中的词 0 个；需要 1 个"
is "outside the window (24h1m): none" "$(text $N5)" "person: 张伟; first deadline: arrive"
is "--explain: nobody within the window" "$(ex $N5)" "  无疑似重复：1天 内同一地点的在办工单 0 张；需要共同词 1 个"
is "a void ticket: none" "$(text $N6)" "to the department; first deadline: arrive"
is "a linked duplicate matched: its master suggested" "$(text $N7)" \
	"to the department; first deadline: arrive; may duplicate $M"
is "--explain: the master through its duplicate" "$(ex $N7)" \
	"  可能与 $M 重复（$DUP 的主单）：同一地点 11栋1单元，共同词 噪音，早 2小时30分 受理"
is "closed and resolved tickets: none" "$(text $N8)" "to the department; first deadline: arrive"
is "several: most shared words, then the nearest, then the lowest id" "$(text $N9)" \
	"person: 张伟; first deadline: arrive; may duplicate $X3"
is "--explain: the words shared" "$(ex $N9)" "  可能与 $X3 重复：同一地点 5栋，共同词 漏水、水管，早 2小时 受理"
is "a ticket opened later is not the master of one entered late" "$(text $N10)" \
	"person: 张伟; first deadline: arrive"
is "words shared with nobody at the place: none" "$(text $N11)" "to the department; first deadline: ack"
is "--explain: how many were looked at" "$(ex $N11)" "  无疑似重复：1天 内同一地点的在办工单 5 张；需要共同词 1 个"
is "as many words shared: the nearest" "$(text $N12)" "person: 张伟; first deadline: ack; may duplicate $N11"
is "hl-route suggests, never writes" "$(sum hotline.csv)" "$(sum before.csv)"

# the suggestion committed is a route record's text like any other
"$HL_ROUTE" | "$HL_LOG" append
run "$HL_LOG" export -o yaml $N1
like "committed: the route record says it" "$(cat "$T/out")" "text: \"person: 张伟; first deadline: arrive; may duplicate $A\"}"
run "$HL_ROUTE"
is "committed: nothing waits" "$rc" 1
# a script picks the suggestions out of the records
tail -n +$(($(wc -l < before.csv) + 1)) hotline.csv |
	awk -F, '$3 == "route" && match($0, /may duplicate [^;",]*/) { print $2, substr($0, RSTART + 14, RLENGTH - 14) }' > sugg
is "a script reads them" "$(cat sugg | tr '\n' ' ')" "$N1 $A $N3 $N2 $N9 $X3 $N7 $M $N12 $N11 "

# ---- keywords: 2 ----
cp before.csv hotline.csv
rm -f hotline.csv.state
run "$HL_ROUTE" -C two.yaml --explain
is "keywords 2: one shared word is too few" "$(text $N1)" "person: 张伟; first deadline: arrive"
is "keywords 2: --explain" "$(ex $N1)" "  无疑似重复：内容含词表中的词 1 个；需要 2 个"
is "keywords 2: two shared words, Latin letters in any case" "$(text $N3)" \
	"person: 张伟; first deadline: arrive; may duplicate $N2"
is "keywords 2: the best with two" "$(text $N9)" "person: 张伟; first deadline: arrive; may duplicate $X3"
is "keywords 2: none at the place with two" "$(ex $N12)" \
	"  无疑似重复：1天 内同一地点的在办工单 6 张；需要共同词 2 个"

# ---- off without the section: the records and --explain as before ----
run "$HL_ROUTE" -C off.yaml --explain
cp "$T/out" off.out
grep -v '^  无疑似重复\|^  可能与' "$T/err" > off.err
is "off: no suggestion, no line" "$(grep -c 'may duplicate' off.out; grep -c '重复' "$T/err")" "0
0"
run "$HL_ROUTE" -C two.yaml --explain
sed 's/; may duplicate HL-[0-9-]*//' "$T/out" > two.out
grep -v '^  无疑似重复\|^  可能与' "$T/err" > two.err
is "off: the records byte for byte those with the section but no suggestion" \
	"$(cksum < off.out)" "$(cksum < two.out)"
is "off: --explain the same but for the duplicate lines" "$(cksum < off.err)" "$(cksum < two.err)"
run "$HL_ROUTE" -C off.yaml
is "off: the English records (C locale words in the journal)" "$(text $N9)" "person: 张伟; first deadline: arrive"

# ---- C locale: --explain in English ----
LC_MESSAGES=C "$HL_ROUTE" --explain 2>"$T/err" >/dev/null
is "--explain in English" "$(ex $N7)" \
	"  may duplicate $M, the master of $DUP: same place 11栋1单元, shared words 噪音, opened 2h30m before"

# ---- a reopened ticket is not looked at again; a hostile place ----
cp before.csv hotline.csv
rm -f hotline.csv.state
"$HL_LOG" --by 张伟 resolve $LATE 已修
"$HL_LOG" reopen $LATE 又不动了
"$HL_LOG" amend $N1 -l "$(printf '7\n栋')"
open_at ${d}11:50 7栋 电梯还是不动;            N13=$id
open_at ${d}11:55 7栋 电梯;                    N14=$id
"$HL_LOG" link $N14 --to $N13
run "$HL_ROUTE" --explain
is "reopened: back to its resolver, nothing suggested" "$(text $LATE)" "reopened: back to 张伟; first deadline: ack"
is "reopened: no duplicate line" "$(ex $LATE)" ""
is "a ticket with duplicates of its own: nothing suggested" "$(text $N13)" \
	"person: 张伟; first deadline: ack"
is "a ticket with duplicates of its own: --explain" "$(ex $N13)" "  不提示重复：本单已有并入的重复工单"
is "a place with a line break stays one line under --explain" "$(ex $N1)" \
	"  可能与 $A 重复：同一地点 7\\n栋，共同词 电梯，早 1小时 受理"

# ---- the configuration's errors: one line, status 2, nothing written ----
cfgerr() { # cfgerr NAME LINE WANT
	{ base; printf '%s\n' "$2"; } > hotline.yaml
	refuse "$1" 2 "hl-route: hotline.yaml:$3" "$HL_ROUTE"
}
cfgerr "window in working days" 'duplicates: {window: 2bd}' "13:22: window wants a clock duration such as 24h"
cfgerr "window zero" 'duplicates: {window: 0m}' "13:22: window wants a clock duration such as 24h"
cfgerr "keywords 0" 'duplicates: {keywords: 0}' "13:24: 'keywords' must be a whole number from 1 to 99"
cfgerr "more words needed than there are" 'duplicates: {keywords: 7}' \
	"13:24: keywords: 7 shared words needed, but the routes' keywords and words give only 4"
cfgerr "a word listed twice counts once" 'duplicates: {keywords: 6, words: [电梯, LIFT, 停电]}' \
	"13:24: keywords: 6 shared words needed, but the routes' keywords and words give only 5"
cfgerr "an unknown key" 'duplicates: {wordz: [x]}' "13:14: unknown key 'wordz'"
cfgerr "an empty word" 'duplicates: {words: [门, ""]}' "13:21: empty word in words"
cfgerr "not a mapping" 'duplicates: 24h' "13:13: 'duplicates' must be a mapping, not a single value"
done_testing
