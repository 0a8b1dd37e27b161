# page.sh - the HTML pages worth filing: whose (organisation and unit
# from the configuration), when made, what each figure means, the period
# before beside this one, n= under every rate and bar, axes with values,
# lines to sign, tables that fit A4 landscape; late clocks linked to how
# they were judged
DATA=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/../lib.sh"
HL_REPORT="$HL_BIN/hl-report"
export HL_NOW=2026-12-01T00:00:00+08:00
{ printf 'organisation: 某某市物业管理有限公司\nunit: 客户服务中心\n'; cat "$DATA/report.yaml"; } > org.yaml
export HL_CONFIG="$T/org.yaml"
"$HL_LOG" append "$DATA/report-journal.csv" > /dev/null

run "$HL_REPORT" monthly --month 2026-11 -o html
is_status "monthly page" 0
page=$(cat "$T/out")
like "whose: the organisation and its unit head the page" "$page" '<h1>某某市物业管理有限公司 客户服务中心 热线工作分析表</h1>'
like "and the title" "$page" '<title>某某市物业管理有限公司 客户服务中心 热线工作分析表'
like "when it was made" "$page" '<p class="period">2026-11 · 生成于 2026-12-01 00:00</p>'
like "what 按时率 means" "$page" '<dt>按时率%</dt><dd>[^<]*按时 ÷（按时 \+ 超时）'
like "what 满意率 means" "$page" '<dt>满意率%</dt><dd>（满意 \+ 基本满意）÷ 回访'
is "every figure of the table defined" \
	"$(printf '%s' "$page" | grep -o '<th>[^<]*</th>' | sort -u | sed 's/<th>\(.*\)<\/th>/\1/' | grep -v '^部门$\|^指标$\|^变化$\|^2026-1[01]$' | while read -r l; do
		printf '%s' "$page" | grep -qF "<dt>$l</dt>" || case $l in 咨询|投诉|建议|预定|突发|求助|报修|签收按时%|答复按时%|跟进按时%|办结按时%) ;; *) echo "$l" ;; esac; done)" ""
like "lines to sign" "$page" '<span>制表：</span><span>审核：</span><span>日期：</span>'
like "the month before beside this one" "$page" '<th>指标</th><th>2026-10</th><th>2026-11</th><th>变化</th>'
like "and the change of a count" "$page" '<tr><td>受理</td><td class="n">2</td><td class="n">3</td><td class="n">\+1</td></tr>'
like "and of a rate, in points" "$page" '<tr><td>按时率%</td><td class="n">75.0</td><td class="n">50.0</td><td class="n">-25.0</td></tr>'
like "n= under a rate" "$page" '<td class="n">100.0<small>n=1</small></td>'
like "the satisfaction of one follow-up says so" "$page" '<tr><td>客服部</td>.*<td class="n">100.0<small>n=1</small></td>'
like "n= beside a bar" "$page" '>100.0% \(n=1\)</text>'
like "an axis with its values" "$page" '<text x="[0-9]+" y="[0-9]+" font-size="10" text-anchor="middle">50%</text>'
is "a count's axis in whole numbers" "$(printf '%s' "$page" | grep -c 'text-anchor="middle">[0-9]*\.[0-9]')" "0"
like "A4 landscape" "$page" '@page\{size:A4 landscape'
like "a print stylesheet" "$page" '@media print\{'
like "headers never broken" "$page" 'th\{[^}]*white-space:nowrap'
is "no table wider than 13 columns: a wide one continues below, its key repeated" \
	"$(printf '%s' "$page" | awk '/<thead>/ { n = gsub(/<th>/, "") ; if (n > m) m = n } END { print m }')" "13"
is "the key heads each part" "$(printf '%s' "$page" | grep -c '<thead><tr><th>部门</th>')" "2"
is "no scripts, no external resources" \
	"$(printf '%s' "$page" | grep -Eic '<script|<link|<img|src=|href="[^#]|url\(|@import')" "0"

for rep in "weekly --week 2026-W45" "staff --month 2026-11"; do
	# shellcheck disable=SC2086
	run "$HL_REPORT" $rep -o html
	page=$(cat "$T/out")
	like "$rep: whose" "$page" '<h1>某某市物业管理有限公司 客户服务中心 '
	like "$rep: lines to sign" "$page" '<span>制表：</span>'
	like "$rep: definitions" "$page" '<h2>指标说明</h2>'
	like "$rep: the period before" "$page" '<th>变化</th>'
done
like "weekly: the week before" "$(HL_NOW=2026-12-01T00:00:00+08:00 "$HL_REPORT" weekly --week 2026-W45 -o html)" '<th>2026-W44</th><th>2026-W45</th>'
like "staff: 扣罚 defined" "$("$HL_REPORT" staff --month 2026-11 -o html)" '<dt>扣罚\(元\)</dt>'
run "$HL_REPORT" monthly --month 2026-11 -o html - < hotline.csv
is "a journal on standard input is read once: no period before" "$(grep -c '<th>变化</th>' "$T/out")" "0"
HL_CONFIG="$DATA/report.yaml" run "$HL_REPORT" monthly --month 2026-11 -o html
like "no organisation configured: the title alone" "$(cat "$T/out")" "<h1>热线工作分析表</h1>"
printf 'organisation: {name: x}\n' > bad.yaml
run "$HL_REPORT" monthly -C bad.yaml
is_status "organisation must be a string" 2

# ---- a late clock links to its explanation ----
run "$HL_REPORT" tickets -o html
page=$(cat "$T/out")
like "a late clock is a link" "$page" '<td class="late"><a href="#explain-HL-20261030-0001">超时 2天1小时</a></td>'
like "to the explanation" "$page" '<pre class="explain" id="explain-HL-20261030-0001">HL-20261030-0001 报修、一般、已办结；截至 2026-12-01T00:00:00\+08:00'
like "which says why" "$page" '办结 +[^<]*完成时超时 2天1小时'
is "every link has its explanation" \
	"$(printf '%s' "$page" | grep -o 'href="#explain-[^"]*"' | sed 's/href="#//; s/"//' | sort -u | while read -r id; do
		printf '%s' "$page" | grep -q "id=\"$id\"" || echo "$id"; done)" ""
is "a ticket without a late clock: none" "$(printf '%s' "$page" | grep -c 'id="explain-HL-20261102-0002"')" "0"
run "$HL_REPORT" caller 13900000002 -o html
like "the caller's history links too" "$(cat "$T/out")" 'id="explain-HL-20261102-0001"'
# a closed ticket: as of its close
printf '%s\n' 'time,ticket,event,actor,text' '2026-11-03T12:00:00+08:00,HL-20261102-0002,close,王芳,' |
	HL_NOW=2026-11-03T12:00:00+08:00 "$HL_LOG" append > /dev/null
printf '%s\n' 'time,ticket,event,actor,dept,assignee,text' \
	'2026-11-04T09:00:00+08:00,HL-20261030-0001,close,王芳,,,' |
	HL_NOW=2026-11-04T09:00:00+08:00 "$HL_LOG" append > /dev/null
run "$HL_REPORT" tickets -o html
like "a closed ticket explained as of its close" "$(cat "$T/out")" \
	'id="explain-HL-20261030-0001">HL-20261030-0001 报修、一般、已关闭；截至 2026-11-04T09:00:00\+08:00'
done_testing
