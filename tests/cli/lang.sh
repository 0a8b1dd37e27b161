# lang.sh - one language a report: with Chinese messages no English word
# in any report, kind by kind and format by format (text, CSV, xlsx, HTML,
# and hl-escalate's text and xlsx), but ticket ids and what users typed;
# in the C locale no Chinese but what users typed. The same journal is
# written twice, its people, departments, places and words Chinese for
# the one and ASCII for the other, so that any word left is a label.
SHOWN=$(cd "$(dirname "$0")/../tools" && pwd)/shown
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/../lib.sh"
HL_REPORT="$HL_BIN/hl-report"

# journal DIR ORG UNIT A B C D1 D2 PLACE TEXT QUEUE: a configuration and
# a journal of every category, channel, state, verdict and clock
journal() {
	mkdir "$1" && cd "$1" || exit 2
	cat > hotline.yaml <<CFG
timezone: Asia/Shanghai
organisation: $2
unit: $3
departments:
  - {name: $7, head: $6}
  - {name: $8, head: $4}
staff:
  - {name: $4, dept: $8}
  - {name: $5, dept: $8}
  - {name: $6, dept: $7}
penalties:
  callback: [20]
  ticket: [100]
CFG
	sed "s/@A/$4/g; s/@B/$5/g; s/@C/$6/g; s/@D1/$7/g; s/@D2/$8/g; s/@PL/$9/g; s/@TX/${10}/g; s/@Q/${11}/g" > in.csv <<'CSV'
time,ticket,event,actor,category,priority,channel,phone,place,dept,assignee,verdict,score,call,queue,outcome,wait,talk,text
2026-11-02T09:00:00+08:00,HL-20261102-0001,open,@A,repair,urgent,phone,13800000001,@PL,,,,,,,,,,@TX
2026-11-02T09:05:00+08:00,HL-20261102-0001,assign,@A,,,,,,@D1,@C,,,,,,,,
2026-11-02T09:10:00+08:00,HL-20261102-0001,ack,@C,,,,,,,,,,,,,,,
2026-11-02T09:30:00+08:00,HL-20261102-0001,arrive,@C,,,,,,,,,,,,,,,
2026-11-02T10:00:00+08:00,HL-20261102-0001,resolve,@C,,,,,,,,,,,,,,,@TX
2026-11-03T10:00:00+08:00,HL-20261102-0001,followup,@A,,,,,,,,,5,,,,,,@TX
2026-11-02T11:00:00+08:00,HL-20261102-0002,open,@A,complaint,,,13900000002,@PL,,,,,,,,,,@TX
2026-11-03T11:00:00+08:00,HL-20261103-0001,missed,@A,,,,13700000003,,,,,,,,,,,
2026-11-03T12:00:00+08:00,HL-20261103-0001,callback,@A,,,,,,,,,,,,,,,
2026-11-03T21:00:00+08:00,HL-20261103-0002,missed,@A,,,,13700000004,,,,,,,,,,,
2026-11-04T09:00:00+08:00,HL-20261104-0001,open,@B,complaint,normal,phone,13900000002,@PL,,,,,,,,,,@TX
2026-11-04T09:05:00+08:00,HL-20261104-0001,assign,@B,,,,,,@D2,@B,,,,,,,,
2026-11-04T12:00:00+08:00,HL-20261104-0001,resolve,@B,,,,,,,,valid,,,,,,,@TX
2026-11-05T09:00:00+08:00,HL-20261104-0001,close,@A,,,,,,,,,,,,,,,
2026-11-05T09:00:00+08:00,HL-20261105-0001,open,@A,suggestion,low,web,,,,,,,,,,,,@TX
2026-11-05T10:00:00+08:00,HL-20261105-0001,resolve,@A,,,,,,,,adopted,,,,,,,@TX
2026-11-06T09:00:00+08:00,HL-20261106-0001,open,@B,consult,high,wechat,13600000006,,,,,,,,,,,@TX
2026-11-06T09:05:00+08:00,HL-20261106-0001,assign,@B,,,,,,@D1,@C,,,,,,,,
2026-11-06T09:10:00+08:00,HL-20261106-0001,ack,@C,,,,,,,,,,,,,,,
2026-11-06T10:00:00+08:00,HL-20261106-0002,open,@A,suggestion,critical,email,,,,,,,,,,,,@TX
2026-11-06T10:00:00+08:00,HL-20261106-0002,resolve,@A,,,,,,,,declined,,,,,,,@TX
2026-11-06T11:00:00+08:00,HL-20261106-0003,open,@A,emergency,urgent,visit,,@PL,,,,,,,,,,@TX
2026-11-06T12:00:00+08:00,HL-20261106-0004,open,@A,help,normal,letter,,,,,,,,,,,,@TX
2026-11-06T13:00:00+08:00,HL-20261106-0005,open,@A,consult,normal,hotline400,,,,,,,,,,,,@TX
2026-11-06T13:10:00+08:00,HL-20261106-0006,open,@A,consult,normal,weibo,,,,,,,,,,,,@TX
2026-11-06T13:20:00+08:00,HL-20261106-0007,open,@A,consult,normal,sms,,,,,,,,,,,,@TX
2026-11-06T13:30:00+08:00,HL-20261106-0008,open,@A,booking,normal,phone,,,,,,,,,,,,@TX
2026-11-03T09:00:00+08:00,,call,@A,,,hotline400,13800000009,,,,,,c1,@Q,answered,12,180,
2026-11-03T09:10:00+08:00,,call,@B,,,hotline400,13800000008,,,,,,c2,@Q,answered,30,120,
2026-11-03T10:00:00+08:00,,call,,,,hotline400,13800000007,,,,,,c3,@Q,abandoned,40,,
CSV
	HL_NOW=2026-12-01T09:00:00+08:00 "$HL_LOG" append in.csv > /dev/null || echo "# append failed in $1" >&2
	cd .. || exit 2
}
journal zh 阳光物业 客服中心 王芳 李强 张伟 工程部 客服部 5栋 水管漏 热线
journal en "Sunny Estates" "Help desk" alice bob carol Works Service Block5 leak hotline

# every report in every format a person reads, into DIR/NAME.FORMAT
reports() {
	dir=$1; shift
	for f in text csv xlsx html; do
		"$@" monthly --month 2026-11 -o $f > "$dir/monthly.$f"
		"$@" monthly --month 2026-11 --by category,channel,assignee -o $f > "$dir/by.$f"
		"$@" monthly --month 2026-11 --by place,week -o $f > "$dir/place.$f"
		"$@" weekly --week 2026-W45 -o $f > "$dir/weekly.$f"
		"$@" staff --month 2026-11 -o $f > "$dir/staff.$f"
		"$@" tickets -o $f > "$dir/tickets.$f"
		HL_NOW=2026-11-06T12:00:00+08:00 "$@" tickets -o $f > "$dir/due.$f"
		"$@" caller 13900000002 -o $f > "$dir/caller.$f"
		"$@" calls --month 2026-11 -o $f > "$dir/calls.$f"
	done
}
escalations() {
	dir=$1; shift
	HL_NOW=2026-11-06T12:00:00+08:00 "$@" -o text > "$dir/escalate.text"
	HL_NOW=2026-11-06T12:00:00+08:00 "$@" -o xlsx > "$dir/escalate.xlsx"
}

# words NAME...: the words of the reports as shown, one a line
words() { for f in "$@"; do python3 "$SHOWN" "$f"; done; }
# cjk: the runs of Chinese characters and punctuation in the input
cjk() { python3 -c 'import re, sys; [print(m) for m in re.findall("[\u3000-\u303f\u3400-\u9fff\uff01-\uffee]+", sys.stdin.read())]'; }

mkdir out.zh out.en
(cd zh && LC_MESSAGES=zh_CN.UTF-8 reports ../out.zh "$HL_REPORT" &&
	LC_MESSAGES=zh_CN.UTF-8 escalations ../out.zh "$HL_BIN/hl-escalate")
(cd en && unset LC_MESSAGES && LANG=C reports ../out.en "$HL_REPORT" &&
	LANG=C escalations ../out.en "$HL_BIN/hl-escalate")
is "every report written" "$(ls out.zh | wc -l) $(ls out.en | wc -l)" "38 38"
for f in out.zh/* out.en/*; do
	[ -s "$f" ] || fail "$f is empty"
done

# Chinese: no word of two Latin letters or more once the ticket ids and
# the SLA rules' names (the configuration's, in explanations) are taken
# out (the users' data is Chinese, a phone digits and stars)
for fmt in text csv xlsx html; do
	left=$(words out.zh/*.$fmt | sed -E 's/HL-[0-9]{8}-[0-9]{4}//g; s/规则 [a-z0-9-]+/规则/g' | grep -oE '[A-Za-z]{2,}' | sort | uniq -c | tr '\n' ' ')
	is "LC_MESSAGES=zh_CN.UTF-8, $fmt: no English word" "$left" ""
done
like "Chinese: the labels are there" "$(words out.zh/monthly.text)" "热线工作分析表"
# C: no Chinese at all (the users' data is ASCII)
for fmt in text csv xlsx html; do
	left=$(words out.en/*.$fmt | cjk | sort | uniq -c | tr '\n' ' ')
	is "LANG=C, $fmt: no Chinese" "$left" ""
done
like "English: the labels are there" "$(words out.en/monthly.text)" "Hotline work analysis"
is "no (none) in either language" "$(words out.zh/* out.en/* | grep -c '(none)')" "0"
like "no department: 未派单" "$(grep '^未派单' out.zh/monthly.text)" "^未派单 +9 "
like "no channel: 未填写" "$(grep -cE '^(咨询|投诉) +未填写' out.zh/by.text)" "^[1-9]"
like "no department in English" "$(cat out.en/monthly.text)" "\(not dispatched\) +9 "

# the organisation and its unit head every title
is "text: the title" "$(head -n 1 out.zh/monthly.text)" "阳光物业 客服中心 热线工作分析表  2026-11"
is "text: the title in English" "$(head -n 1 out.en/staff.text)" "Sunny Estates Help desk Staff statistics  2026-11"
like "xlsx: the title row" "$(words out.zh/monthly.xlsx | head -n 1)" "^阳光物业 客服中心 热线工作分析表 · 2026-11 · 生成于 "
like "html: the heading" "$(cat out.zh/monthly.html)" "<h1>阳光物业 客服中心 热线工作分析表</h1>"
like "html: the page's language" "$(sed -n 2p out.zh/monthly.html)" '<html lang="zh-CN">'
like "html: the page's language in English" "$(sed -n 2p out.en/monthly.html)" '<html lang="en">'
like "hl-escalate -o xlsx: the title" "$(words out.zh/escalate.xlsx | head -n 1)" "^阳光物业 客服中心 超时预警 · "

# the language: LANG, LC_MESSAGES, LC_ALL, LANGUAGE as GNU tools read
# them, --lang over all of them; whether or not the zh_CN locale exists
cd zh || exit 2
first() { "$@" | head -n 1; }
is "LANG=zh_CN.UTF-8" "$(unset LC_MESSAGES; LANG=zh_CN.UTF-8 first "$HL_REPORT" staff --month 2026-11)" "阳光物业 客服中心 人员统计  2026-11"
is "LC_ALL=C wins" "$(LC_ALL=C first "$HL_REPORT" staff --month 2026-11)" "阳光物业 客服中心 Staff statistics  2026-11"
is "LANGUAGE in a C locale is not read" "$(unset LC_MESSAGES; LANG=C LANGUAGE=zh_CN first "$HL_REPORT" staff --month 2026-11)" \
	"阳光物业 客服中心 Staff statistics  2026-11"
is "LANGUAGE first otherwise" "$(unset LC_MESSAGES; LANG=en_US.UTF-8 LANGUAGE=zh_CN:en first "$HL_REPORT" staff --month 2026-11)" \
	"阳光物业 客服中心 人员统计  2026-11"
is "--lang en over the environment" "$(first "$HL_REPORT" staff --month 2026-11 --lang en)" "阳光物业 客服中心 Staff statistics  2026-11"
is "--lang zh over the environment" "$(LC_ALL=C first "$HL_REPORT" staff --month 2026-11 --lang zh)" "阳光物业 客服中心 人员统计  2026-11"
run "$HL_REPORT" staff --lang fr
is_status "--lang fr" 2
is_err "--lang fr: refused" "hl-report: unknown language 'fr' (zh or en)"
run "$HL_BIN/hl-escalate" --lang xx
is_err "hl-escalate --lang xx: refused" "hl-escalate: unknown language 'xx' (zh or en)"
is "YAML keeps the journal's words" "$("$HL_REPORT" tickets -o yaml | grep -c 'category: 报修\|合计')" "0"
like "YAML: the categories as in the journal" "$("$HL_REPORT" tickets -o yaml)" "category: repair"
is "hl-escalate's records keep the journal's words" \
	"$(HL_NOW=2026-11-06T12:00:00+08:00 "$HL_BIN/hl-escalate" -o csv --lang en)" \
	"$(HL_NOW=2026-11-06T12:00:00+08:00 "$HL_BIN/hl-escalate" -o csv --lang zh)"
run env HL_LOCALEDIR=/nonexistent "$HL_REPORT" staff --month 2026-11
is "no catalogue: English" "$(head -n 1 "$T/out")" "阳光物业 客服中心 Staff statistics  2026-11"
like "and a warning that says where it looked" "$(cat "$T/err")" "^hl-report: no Chinese message catalogue in /nonexistent"
cd .. || exit 2

# the catalogue: every label the sources mark, each translated
(cd "$ROOT" && find lib cmd -name '*.c' | sort | xargs xgettext --from-code=UTF-8 --language=C \
	--keyword=_ --keyword=N_ --keyword=NC_:1c,2 -o "$T/now.pot") 2> /dev/null
run msgcmp "$ROOT/po/zh_CN.po" "$T/now.pot"
is "po/zh_CN.po has every label of the sources" "$rc $(cat "$T/err")" "0 "
run msgfmt --check --statistics -o /dev/null "$ROOT/po/zh_CN.po"
like "and translates each" "$(cat "$T/err")" "^[0-9]+ translated messages\.$"
done_testing
