# xlsx.sh - the reports as xlsx workbooks and as CSV for spreadsheets: each
# cell of its type (counts, rates and hours numbers, times date-times,
# phones, places and a caller's words text, never a formula), Chinese
# headers, a title row, the header frozen, printed landscape one page
# wide; read back from the sheet XML (tests/tools/xlsxcells)
DATA=$(cd "$(dirname "$0")/../data" && pwd)
CELLS=$(cd "$(dirname "$0")/../tools" && pwd)/xlsxcells
. "$(dirname "$0")/../lib.sh"
HL_REPORT="$HL_BIN/hl-report"
export HL_CONFIG="$DATA/report.yaml" HL_NOW=2026-12-01T00:00:00+08:00 TZ=Asia/Shanghai
"$HL_LOG" append "$DATA/report-journal.csv" > /dev/null
mkdir typed && (cd typed && "$HL_LOG" append "$DATA/spreadsheet-journal.csv" > /dev/null)

# cell FILE REF [SHEET]: "TYPE FORMAT VALUE" of one cell
cell() { python3 "$CELLS" "$1" "${3:-1}" | awk -F'\t' -v r="$2" '$1 == r { print $2 " " $3 " " $4 }'; }

run "$HL_REPORT" monthly --month 2026-11 -o xlsx
is_status "monthly -o xlsx" 0
cp "$T/out" monthly.xlsx
is "a zip with a sheet" "$(unzip -Z1 monthly.xlsx | grep -c '^xl/worksheets/sheet1.xml$')" 1
is "the title row: report, period, when made" "$(cell monthly.xlsx A1)" \
	"inlineStr General 热线工作分析表 · 2026-11 · 生成于 2026-12-01 00:00"
is "Chinese headers" "$(cell monthly.xlsx A2) $(cell monthly.xlsx B2)" "inlineStr General 部门 inlineStr General 受理"
is "a department is text" "$(cell monthly.xlsx A3)" "inlineStr @ 客服部"
is "no department: a label, not (none)" "$(cell monthly.xlsx A5)" "inlineStr @ 未派单"
is "a count is a number" "$(cell monthly.xlsx B5)" "n 0 2"
is "a rate is a fraction shown as a percentage" "$(cell monthly.xlsx O5)" "n 0.0% 0.8"
is "the duration's unit is in its header" "$(cell monthly.xlsx U2)" "inlineStr General 办结时长中位(小时)"
is "a duration is hours, a number" "$(cell monthly.xlsx U4)" "n 0.0 73"
is "the totals row" "$(cell monthly.xlsx A6) $(cell monthly.xlsx B6)" "inlineStr @ 合计 n 0 3"
sheet=$(unzip -p monthly.xlsx xl/worksheets/sheet1.xml)
like "the header rows are frozen" "$sheet" '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>'
like "printed landscape, one page wide" "$sheet" '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>'
like "fitted to the page" "$sheet" '<pageSetUpPr fitToPage="1"/>'
like "a Chinese column twice as wide as its characters" "$sheet" '<col min="1" max="1" width="8.7[0-9]*" customWidth="1"/>'
is "no formula anywhere" "$(python3 "$CELLS" monthly.xlsx | grep -c '+f')" 0

# what spreadsheets get wrong: a phone with a leading zero, a place 3/4,
# formulas in a caller's words
run "$HL_REPORT" tickets --month 2026-11 --reveal-phones -o xlsx typed/hotline.csv
cp "$T/out" tickets.xlsx
is "a ticket id is text" "$(cell tickets.xlsx A3)" "inlineStr @ HL-20261105-0001"
is "a time is a date-time" "$(cell tickets.xlsx B3)" "n yyyy-mm-dd hh:mm 46331.375"
is "a phone keeps its leading zero" "$(cell tickets.xlsx E3)" "inlineStr @ 02012345678"
is "an international phone stays text" "$(cell tickets.xlsx E4)" "inlineStr @ +442079460000"
is "a place 3/4 is no date" "$(cell tickets.xlsx G3)" "inlineStr @ 3/4"
is "a place -1+2 is no formula" "$(cell tickets.xlsx G4)" "inlineStr @ -1+2"
run "$HL_REPORT" tickets --open -o xlsx
cp "$T/out" open.xlsx
is "a deadline: its outcome, text" "$(cell open.xlsx S2) $(cell open.xlsx S3)" "inlineStr General 签收 inlineStr @ 超时"
is "and the hours late, a number" "$(cell open.xlsx T2) $(cell open.xlsx T3)" "inlineStr General 签收超时(小时) n 0.0 686.3336111111112"
is "a deadline met has no hours" "$(cell open.xlsx Q3) [$(cell open.xlsx R3)]" "inlineStr @ 按时 []"
run "$HL_REPORT" caller 02012345678 -o xlsx typed/hotline.csv
cp "$T/out" caller.xlsx
like "a caller's formula is text" "$(python3 "$CELLS" caller.xlsx)" "inlineStr	@	=HYPERLINK\(\"http://x.example/\",\"点这里\"\)"
is "no formula anywhere" "$(python3 "$CELLS" caller.xlsx | grep -c '+f')" 0

# a sheet a table
run "$HL_REPORT" calls --from 2026-11-03 --to 2026-11-03 -o xlsx "$DATA/../data/report-journal.csv"
is_status "calls -o xlsx: a workbook, though nothing was selected" 1
is "a workbook all the same" "$(head -c 2 "$T/out")" "PK"
run "$HL_REPORT" weekly --week 2026-W45 -o xlsx
cp "$T/out" weekly.xlsx
is "weekly: a sheet a table" "$(unzip -Z1 weekly.xlsx | grep -c '^xl/worksheets/sheet')" 2
like "named after it" "$(unzip -p weekly.xlsx xl/workbook.xml)" '<sheet name="客户投诉处理周报表"'
is "the second's title names the table" "$(cell weekly.xlsx A1 2)" \
	"inlineStr General 热线周报 · 客户投诉处理周报表 · 2026-W45 · 生成于 2026-12-01 00:00"
is "--by day: a day is a date" "$("$HL_REPORT" monthly --month 2026-11 --by day -o xlsx > day.xlsx && cell day.xlsx A3)" \
	"n yyyy-mm-dd 46325"
run "$HL_REPORT" staff --month 2026-11 -o xlsx
is "staff: a fine is a number" "$(cp "$T/out" staff.xlsx && cell staff.xlsx F5)" "n 0 520"

# never to a terminal
run script -qec "$HL_REPORT monthly --month 2026-11 -o xlsx" /dev/null
is_status "xlsx to a terminal" 2
like "is refused" "$(cat "$T/out")" "hl-report: an xlsx workbook is binary: redirect it to a file"

# ---- CSV for spreadsheets ----
run "$HL_REPORT" tickets --month 2026-11 --reveal-phones -o csv --no-bom typed/hotline.csv
like "CSV: a phone gets a leading tab (text in a spreadsheet)" "$(sed -n 2p "$T/out")" ',"	02012345678",'
like "and a place 3/4" "$(sed -n 2p "$T/out")" ',"	3/4",'
like "a time as it is" "$(sed -n 2p "$T/out")" '^HL-20261105-0001,2026-11-05 09:00,'
run "$HL_REPORT" caller 02012345678 -o csv --no-bom typed/hotline.csv
like "CSV: a caller's formula gets a '" "$(cat "$T/out")" "\"'=HYPERLINK\(\"\"http"
run "$HL_REPORT" monthly --month 2026-11 -o csv --no-bom typed/hotline.csv
is "CSV: a duration in hours, its unit in the header" \
	"$(tr -d '\r' < "$T/out" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "办结时长中位(小时)") c = i } NR > 1 { printf "%s ", $c }')" \
	"3.6 2.1  2.8 "

# ---- hl-escalate and hl-log ----
HL_NOW=2026-11-10T09:00:00+08:00 run "$HL_BIN/hl-escalate" -o xlsx typed/hotline.csv
is_status "hl-escalate -o xlsx" 0
cp "$T/out" esc.xlsx
is "the lateness header" "$(cell esc.xlsx E2)" "inlineStr General 超时(小时)"
like "a deadline is a date-time" "$(python3 "$CELLS" esc.xlsx | awk -F'\t' '$1 == "D3"')" "	n	yyyy-mm-dd hh:mm	"
like "a lateness is hours" "$(python3 "$CELLS" esc.xlsx | awk -F'\t' '$1 == "E3"')" "	n	0.0	[0-9.]+$"
before=$(cksum < typed/hotline.csv)
run "$HL_LOG" -f typed/hotline.csv export -o xlsx
cp "$T/out" journal.xlsx
is "hl-log export -o xlsx: a time is a date-time" "$(cell journal.xlsx A3)" "n yyyy-mm-dd hh:mm:ss 46331.375"
is "a phone is text" "$(cell journal.xlsx I3)" "inlineStr @ 02012345678"
is "a formula is text" "$(python3 "$CELLS" journal.xlsx | grep -c '+f')" 0
like "Chinese headers" "$(cell journal.xlsx Y2)" "内容"
run "$HL_LOG" -f typed/hotline.csv export --spreadsheet --no-bom
like "export --spreadsheet: formulas neutralized" "$(sed -n 2p "$T/out")" ",\"'=HYPERLINK"
like "a phone stays text" "$(sed -n 2p "$T/out")" ',"	02012345678",'
run "$HL_LOG" -f typed/hotline.csv export --spreadsheet
is "with a BOM to a file" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" "efbbbf"
run "$HL_LOG" -f typed/hotline.csv export
is "the plain export is the journal, byte for byte" "$(cat "$T/out")" "$(cat typed/hotline.csv)"
is "and the journal is untouched" "$(cksum < typed/hotline.csv)" "$before"
done_testing
