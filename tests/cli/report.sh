# report.sh - hl-report on a small journal with hand-computed figures:
# month and year boundaries, a ticket opened in one month and resolved in
# the next, several journals, masking, CSV injection, CJK alignment
DATA=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/../lib.sh"
HL_REPORT="$HL_BIN/hl-report"
export HL_CONFIG="$DATA/report.yaml" HL_NOW=2026-12-01T00:00:00+08:00
"$HL_LOG" append "$DATA/report-journal.csv" > /dev/null

run "$HL_REPORT" monthly --month 2026-11 -o csv --no-bom
is_status "monthly" 0
is "monthly, November: every figure" "$(cat "$T/out" | tr -d '\r')" \
"部门,受理,咨询,投诉,建议,预定,突发,求助,报修,有效投诉,无效投诉,建议采纳,办结,期末未结,按时率%,派单按时%,签收按时%,答复按时%,跟进按时%,办结按时%,办结时长中位(小时),回访,满意率%,满意%,重复投诉
客服部,1,0,1,0,0,0,0,0,0,0,0,1,1,20.0,100.0,0.0,0.0,0.0,0.0,10.2,1,100.0,100.0,1
工程部,0,0,0,0,0,0,0,0,0,0,0,1,0,,,,,,,73.0,0,,,0
未派单,2,1,0,1,0,0,0,0,0,0,1,2,1,80.0,100.0,,100.0,0.0,,0.5,1,0.0,0.0,0
合计,3,1,1,1,0,0,0,0,0,0,1,4,2,50.0,100.0,0.0,66.7,0.0,0.0,5.6,2,50.0,50.0,1"
# the October ticket resolved in November counts in October as open, in
# November as resolved; the complaint of 23:50 on 31 October is October's
run "$HL_REPORT" monthly --month 2026-10 -o csv --no-bom
is "monthly, October: as it stood at the month's end" "$(cat "$T/out" | tr -d '\r')" \
"部门,受理,咨询,投诉,建议,预定,突发,求助,报修,有效投诉,无效投诉,建议采纳,办结,期末未结,按时率%,派单按时%,签收按时%,到场按时%,办结按时%,办结时长中位(小时),回访,满意率%,满意%,重复投诉
工程部,1,0,0,0,0,0,0,1,0,0,0,0,1,75.0,100.0,100.0,100.0,0.0,,0,,,0
未派单,1,0,1,0,0,0,0,0,0,0,0,0,1,,,,,,,0,,,0
合计,2,0,1,0,0,0,0,1,0,0,0,0,2,75.0,100.0,100.0,100.0,0.0,,0,,,0"
run "$HL_REPORT" monthly --month 2026-12 -o csv --no-bom
is "a month with nothing received: the backlog is still open" "$(tail -n 1 "$T/out" | tr -d '\r' | cut -d, -f1,2,14)" "合计,0,2"
run "$HL_REPORT" monthly --from 2026-10-31 --to 2026-11-01 -o csv --no-bom
is "a date range across the month boundary" "$(tail -n 1 "$T/out" | tr -d '\r' | cut -d, -f1-4,13)" "合计,1,0,1,1"
HL_NOW=2026-12-15T10:00:00+08:00 run "$HL_REPORT" monthly -o csv --no-bom
is "monthly defaults to the last full month" "$(tail -n 1 "$T/out" | tr -d '\r' | cut -d, -f1,2,13)" "合计,3,4"

run "$HL_REPORT" weekly --week 2026-W45
is "weekly: calls by day and the complaint table" "$(cat "$T/out")" \
"热线周报  2026-W45

来电统计
日期        受理  接听来电  未接  呼损率%  及时回拨  及时回拨率%  首问解决率%
2026-11-02     2         2     2     50.0         1         50.0         50.0
2026-11-03     1         0     0                  0                       0.0
合计           3         2     2     50.0         1         50.0         33.3

客户投诉处理周报表
部门    投诉  有效  无效  重复投诉  办结  期末未结
客服部     1     0     0         1     0         1
合计       1     0     0         1     0         1"
run "$HL_REPORT" weekly --week 2025-W53
is_err "a year without week 53" "hl-report: 2025 has no week 53"
run "$HL_REPORT" weekly --week 2026-W53 -o csv --no-bom
is "2026 has a week 53, into 2027" "$(tail -n 1 "$T/out" | tr -d '\r' | cut -d, -f1)" "合计"
run "$HL_REPORT" weekly --week 2026-W45 --month 2026-11
is_err "one period only" "hl-report: give one of --month, --week, or --from and --to"

run "$HL_REPORT" staff --month 2026-11
is "staff: first contacts, work, breaches, fines in order (20 for a call-back; 100, then 200 doubled for a repeat)" \
"$(cat "$T/out")" \
"人员统计  2026-11

人员  首问受理  办结  超时  回拨超时  扣罚(元)
刘洋         1     0     1         0       100
张伟         0     1     0         0         0
王芳         2     1     6         1       520
合计         3     2     7         1       620"

run "$HL_REPORT" tickets --open -o csv --no-bom
is "tickets --open: state and every clock, phones masked, formulas neutralized" "$(cat "$T/out" | tr -d '\r')" \
"工单,受理时间,类别,优先级,电话,渠道,地点,来电人,部门,承办人,状态,下一期限,办结时间,结论,满意度,内容,派单,派单超时(小时),签收,签收超时(小时),答复,答复超时(小时),跟进,跟进超时(小时),办结,办结超时(小时),回拨,回拨超时(小时)
HL-20261102-0001,2026-11-02 09:00,投诉,一般,139****0002,电话,3栋,,客服部,王芳,已派单,2026-11-02 09:40,,,,又吵了,按时,,超时,686.3,超时,663.0,超时,519.0,超时,639.0,,
HL-20261102-0004,2026-11-02 21:00,未接来电,一般,137****0004,,,,,,未接,2026-11-03 21:00,,,,,,,,,,,,,,,超时,651.0
HL-20261103-0001,2026-11-03 09:00,建议,一般,,网站,\"'=1+2\",,,,待派单,2026-11-10 15:00,,采纳,2,加装路灯,按时,,,,按时,,超时,489.0,,,,"
run "$HL_REPORT" tickets --open
like "tickets text: Chinese clock names" "$(sed -n 3p "$T/out")" "满意度  内容 +派单  签收 +答复"
like "tickets text: a deadline late by days and hours" "$(sed -n 4p "$T/out")" " 按时  超时 28天14小时20分  超时 27天15小时 "
like "tickets text: a deadline not yet come" "$(HL_NOW=2026-11-02T09:30:00+08:00 "$HL_REPORT" tickets --open)" "到期 11-0[0-9] [0-9][0-9]:[0-9][0-9]"
run "$HL_REPORT" tickets --month 2026-11 --category consult -o csv --no-bom
like "tickets: a neutralized @" "$(tail -n 1 "$T/out")" ",\"'@SUM\\(A1\\)\","
run "$HL_REPORT" tickets --dept 工程部 --reveal-phones -o csv --no-bom
like "tickets --reveal-phones: a phone stays text (a leading tab)" "$(tail -n 1 "$T/out")" ',"	13800000001",'
run "$HL_REPORT" caller "139 0000 0002"
is "caller: the history of one phone, masked" "$(cat "$T/out")" \
"客户档案 139****0002  全部

工单              受理时间          类别  渠道  地点  部门    承办人  状态    办结时间          结论  满意度  内容
HL-20261031-0001  2026-10-31 23:50  投诉  电话  3栋   客服部  王芳    已办结  2026-11-01 10:00  有效       5  深夜噪音
HL-20261102-0001  2026-11-02 09:00  投诉  电话  3栋   客服部  王芳    已派单                                  又吵了"

# several journals: October's and November's files read as one
head -n 6 hotline.csv > a.csv
{ head -n 1 hotline.csv; tail -n +7 hotline.csv; } > b.csv
run "$HL_REPORT" monthly --month 2026-11 -o csv --no-bom a.csv b.csv
one=$("$HL_REPORT" monthly --month 2026-11 -o csv --no-bom)
is "two journals give what one does" "$(cat "$T/out")" "$one"

run "$HL_REPORT" monthly --month 2026-11 --by category,channel -o csv --no-bom
is "--by category,channel" "$(cut -d, -f1-3 "$T/out" | tr -d '\r' | tr '\n' ' ')" \
	"类别,渠道,受理 咨询,未填写,1 建议,网站,1 投诉,电话,1 报修,电话,0 合计,,3 "
run "$HL_REPORT" weekly --week 2026-W45 --by channel -o csv --no-bom
like "--by regroups the weekly calls" "$(head -n 3 "$T/out" | tr -d '\r' | tr '\n' ' ')" '^来电统计 渠道,受理'
run "$HL_REPORT" monthly --month 2026-11 --by weather
is_err "unknown --by key" "hl-report: unknown --by key 'weather' (dept, category, category2, channel, assignee, place, day, week, month)"

run "$HL_REPORT" monthly --month 2026-11 -o csv --bom
is "--bom: a UTF-8 byte order mark first" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" "efbbbf"
run "$HL_REPORT" monthly --month 2026-11 -o csv
is "a CSV to a file has the BOM by default" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" "efbbbf"
is "and to a pipe" "$("$HL_REPORT" monthly --month 2026-11 -o csv | head -c 3 | od -An -tx1 | tr -d ' ')" "efbbbf"
run "$HL_REPORT" monthly --month 2026-11 -o csv --no-bom
is "--no-bom drops it" "$(head -c 6 "$T/out")" "部门"
run "$HL_REPORT" monthly --month 2026-11 -o text
is "text has no BOM" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" "$(printf '热' | od -An -tx1 | tr -d ' ')"
run "$HL_REPORT" monthly --month 2026-11
like "text: a duration as people read it" "$(grep '^合计' "$T/out")" ' 5小时35分 '
run "$HL_REPORT" monthly --month 2026-11 -o html
like "html: a duration as people read it" "$(cat "$T/out")" '<td class="n">10小时10分</td>'
run "$HL_REPORT" monthly --month 2026-11 -o yaml
is "yaml: one mapping a row, numbers plain" "$(sed -n 2p "$T/out")" \
	"- {table: Hotline work analysis, dept: 客服部, received: 1, consult: 0, complaint: 1, suggestion: 0, booking: 0, emergency: 0, help: 0, repair: 0, valid: 0, invalid: 0, adopted: 0, resolved: 1, open_at_end: 1, sla_met: 20.0, assign_met: 100.0, ack_met: 0.0, reply_met: 0.0, update_met: 0.0, resolve_met: 0.0, median_resolve_hours: 10.2, followups: 1, satisfaction: 100.0, satisfied: 100.0, repeat_complaints: 1}"
run "$HL_REPORT" monthly --month 2026-11 -o html
html=$(cat "$T/out")
like "html: a page" "$html" '^<!DOCTYPE html>'
like "html: SVG charts" "$html" '<svg xmlns="http://www.w3.org/2000/svg"'
like "html: prints on A4" "$html" '@page\{size:A4'
is "html: no scripts, no external resources" \
	"$(printf '%s' "$html" | grep -Eic '<script|<link|<img|src=|href=|url\(|@import')" "0"
like "html: the totals row" "$html" '<tr class="total"><td>合计</td>'
run "$HL_REPORT" caller 13900000002 -o html
like "html escapes text" "$(cat "$T/out")" '客户档案 139\*\*\*\*0002'

# the year's end: a call at 23:30 on 31 December belongs to December, to
# ISO week 2026-W53, and not to January
printf 'time,ticket,event,category,text\n2026-12-31T23:30:00+08:00,HL-Y1,open,help,跨年\n2027-01-01T00:10:00+08:00,HL-Y2,open,help,新年\n' |
	HL_NOW=2027-01-02T00:00:00+08:00 "$HL_LOG" -f year.csv append
received() { "$HL_REPORT" "$@" -o csv --no-bom year.csv | grep '^合计' | head -n 1 | tr -d '\r' | cut -d, -f2; }
is "year boundary: December" "$(HL_NOW=2027-01-02T00:00:00+08:00 received monthly --month 2026-12)" "1"
is "year boundary: January" "$(HL_NOW=2027-01-02T00:00:00+08:00 received monthly --month 2027-01)" "1"
is "year boundary: week 53 spans both" "$(HL_NOW=2027-01-05T00:00:00+08:00 received weekly --week 2026-W53)" "2"
is "last month from January is December" \
	"$(HL_NOW=2027-01-15T00:00:00+08:00 "$HL_REPORT" monthly year.csv | head -n 1)" "热线工作分析表  2026-12"

# a damaged record after the period is outside the report (read no further
# than its time); one within it is reported and left out
rest=,,,,,,,,,,,,,,,,,,,,,,,
printf '2026-12-31T23:40:00+08:00,HL-Y1,frobnicate%s\n2027-01-01T00:20:00+08:00,HL-Y2,frobnicate%s\n' "$rest" "$rest" >> year.csv
printf '2026-12-31T23:50:00+08:00,HL-Y3,note\n2027-01-01T00:30:00+08:00,HL-Y4,note\n' >> year.csv
# after the end too, though its date, far west, is the period's last
printf '2026-12-31T09:00:00-08:00,HL-Y5,note\n' >> year.csv
# (damage inside what is committed: bytes changed on the disk, say)
"$HL_HELPERS/hl-commit" year.csv
HL_NOW=2027-01-02T00:00:00+08:00 run "$HL_REPORT" monthly --month 2026-12 -o csv --no-bom year.csv
is "damaged records: the figures" "$(grep '^合计' "$T/out" | tr -d '\r' | cut -d, -f2)" "1"
is_err "damaged records: only those within the period reported" \
	"hl-report: year.csv:4: unknown event 'frobnicate' (record ignored)
hl-report: year.csv:6: 3 fields where the header has 26"

run "$HL_REPORT" monthly --month 2026-13
is_err "bad month" "hl-report: bad month '2026-13' (want YYYY-MM)"
run "$HL_REPORT" yearly
is_status "unknown report" 2
like "unknown report" "$(head -n 1 "$T/err")" "^hl-report: unknown report 'yearly'"
run "$HL_REPORT" caller
is_err "caller without a phone" "hl-report: caller: which phone?"
run "$HL_REPORT" monthly -o pdf
is_err "unknown format" "hl-report: unknown output format 'pdf' (text, csv, yaml, html, xlsx; notify for todo)"
done_testing
