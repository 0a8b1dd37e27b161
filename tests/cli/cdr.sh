# cdr.sh - call records as real phone systems write them, each file
# written here in its format's documented layout: Asterisk's Master.csv
# (cdr_csv, no header), FreeSWITCH's mod_cdr_csv resaved by Excel, a
# provider's export with loose quotes, one in GB18030, and a queue_log
# with an attended transfer into a second queue. hl-report calls must
# give the figures worked out by hand beside each.
. "$(dirname "$0")/../lib.sh"
HL_REPORT="$HL_BIN/hl-report"
export HL_NOW=2026-11-03T18:00:00+08:00 HL_ACTOR=总机

staff='departments:
  - {name: 客服部, head: 赵主管}
staff:
  - {name: 王芳, dept: 客服部}
  - {name: 李强, dept: 客服部}
  - {name: 赵主管, dept: 客服部, role: head}
'
# the queue's figures of one day: the 合计 row of the queue table
# (offered .. service_level_with_abandons, wait_unknown), then the
# missed-call columns (tickets, no number, misdials without a ticket)
figures() {
	"$HL_REPORT" calls --from 2026-11-03 --to 2026-11-03 -o csv --no-bom |
		sed -n '/^队列,/,/^合计/p' | tr -d '\r' | grep "^${1:-合计}," | cut -d, -f2-13,14,19,20
}

# ---- Asterisk cdr_csv, Master.csv: no header; accountcode, src, dst,
# dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer,
# end, duration, billsec, disposition, amaflags ----
mkdir ast && cd ast || exit 2
printf '%scalls:\n  owner: 客服部\n  agents: {SIP/8001: 王芳, SIP/8003: 李强}\n  cdr: {format: asterisk-csv}\n' "$staff" > hotline.yaml
{
	# 1: Dial(SIP/8001&SIP/8003): one row a leg, 8001 did not answer, 8003 did
	echo '"","13800138000","400","from-trunk","""Zhang San"" <13800138000>","SIP/trunk-00000001","SIP/8001-00000002","Dial","SIP/8001&SIP/8003,30","2026-11-03 09:00:00","","2026-11-03 09:00:12",12,0,"NO ANSWER","DOCUMENTATION"'
	echo '"","13800138000","400","from-trunk","""Zhang San"" <13800138000>","SIP/trunk-00000001","SIP/8003-00000003","Dial","SIP/8001&SIP/8003,30","2026-11-03 09:00:00","2026-11-03 09:00:12","2026-11-03 09:03:12",192,180,"ANSWERED","DOCUMENTATION"'
	# 2: rang 8001 for 25 seconds; lastdata (nobody maps it) in Latin-1
	printf '"","13911112222","400","from-trunk","","SIP/trunk-00000004","SIP/8001-00000005","Dial","SIP/8001,30,M(caf\351)","2026-11-03 09:10:00","","2026-11-03 09:10:25",25,0,"NO ANSWER","DOCUMENTATION"\n'
	# 3: a trunk 0 before a mobile, gone in 3 seconds: a misdial
	echo '"","013700000004","400","from-trunk","","SIP/trunk-00000006","","Playback","welcome","2026-11-03 09:20:00","","2026-11-03 09:20:03",3,0,"NO ANSWER","DOCUMENTATION"'
	# 4: an agent calling out, 5: one extension calling another
	echo '"","8001","13812345678","from-internal","""Wang Fang"" <8001>","SIP/8001-00000007","SIP/trunk-00000008","Dial","SIP/trunk/13812345678","2026-11-03 09:25:00","2026-11-03 09:25:05","2026-11-03 09:27:05",125,120,"ANSWERED","DOCUMENTATION"'
	echo '"","8003","8001","from-internal","""Li Qiang"" <8003>","SIP/8003-00000009","SIP/8001-0000000a","Dial","SIP/8001","2026-11-03 09:26:00","","2026-11-03 09:26:09",9,0,"NO ANSWER","DOCUMENTATION"'
	# 6: a landline, answered by 8001 after 30 seconds
	echo '"","02165551234","400","from-trunk","","SIP/trunk-0000000b","SIP/8001-0000000c","Dial","SIP/8001,30","2026-11-03 09:30:00","2026-11-03 09:30:30","2026-11-03 09:32:30",150,120,"ANSWERED","DOCUMENTATION"'
	# 7: rang 8001 for 15 seconds, then 8003 for 20: nobody answered
	echo '"","13622223333","400","from-trunk","","SIP/trunk-0000000d","SIP/8001-0000000e","Dial","SIP/8001,15","2026-11-03 10:00:00","","2026-11-03 10:00:15",15,0,"NO ANSWER","DOCUMENTATION"'
	echo '"","13622223333","400","from-trunk","","SIP/trunk-0000000d","SIP/8003-0000000f","Dial","SIP/8003,20","2026-11-03 10:00:15","","2026-11-03 10:00:35",20,0,"NO ANSWER","DOCUMENTATION"'
} > Master.csv
run "$HL_LOG" import --cdr Master.csv
is "Master.csv without a header: imported" "$rc $(cat "$T/err")" "0 "
is_out "two missed calls, two tickets" "HL-20261103-0001
HL-20261103-0002"
is "one record a call: legs merged, outbound and internal calls left out" \
	"$(tail -n +2 hotline.csv | cut -d, -f1,3,4,8,9,11,12,20,22-24 | tr '\n' ' ')" \
	"2026-11-03T09:00:00+08:00,call,李强,Zhang San,13800138000,,,SIP/trunk-00000001@1793667600,answered,12,180 \
2026-11-03T09:10:00+08:00,missed,总机,,13911112222,客服部,王芳,SIP/trunk-00000004@1793668200,abandoned,25, \
2026-11-03T09:20:00+08:00,call,总机,,13700000004,,,SIP/trunk-00000006@1793668800,abandoned,3, \
2026-11-03T09:30:00+08:00,call,王芳,,02165551234,,,SIP/trunk-0000000b@1793669400,answered,30,120 \
2026-11-03T10:00:00+08:00,missed,总机,,13622223333,客服部,李强,SIP/trunk-0000000d@1793671200,abandoned,35, "
is "a misdial opens no ticket and says why" "$(sed -n 4p hotline.csv | cut -d, -f25)" \
	"short abandon: no call-back owed (calls.short_abandon)"
# by hand: offered 4 (calls 1, 2, 6, 7; 3 is short), answered 2, abandoned 2;
# abandon 2/4 = 50.0%, loss 50.0%; wait of the answered (12 + 30) / 2 = 21.0;
# talk (180 + 120) / 2 = 150.0; within 20s: call 1 of 2 = 50.0%; with the
# abandons (1 + 0) / 4 = 25.0%; 2 tickets, 1 misdial left without one
is "hl-report calls on Master.csv: the figures by hand" "$(figures)" \
	"4,2,2,1,0,50.0,50.0,21.0,150.0,50.0,25.0,0,2,0,1"
run "$HL_REPORT" calls --from 2026-11-03 --to 2026-11-03 -o csv --no-bom
is "no queue column: its row reads 未分队列, not (none)" "$(grep -c '^未分队列,' "$T/out") $(grep -c '(none)' "$T/out")" "1 0"

before=$(sum hotline.csv)
run "$HL_LOG" import --cdr Master.csv
is "the same file again: nothing twice" "$rc $(sum hotline.csv) $(cat "$T/out")" "0 $before "
# rotated: Master.csv.1 then Master.csv, into a journal of their own
head -n 4 Master.csv > Master.csv.1
tail -n +5 Master.csv > Master.csv.new
run "$HL_LOG" -f rotated.csv import --cdr Master.csv.1 Master.csv.new
is "rotated files read in order: the same calls" \
	"$(tail -n +2 rotated.csv | cut -d, -f2-)" "$(tail -n +2 hotline.csv | cut -d, -f2-)"
# the file grew: one more call
cp Master.csv longer.csv
echo '"","13500005555","400","from-trunk","","SIP/trunk-00000010","SIP/8001-00000011","Dial","SIP/8001,30","2026-11-03 11:00:00","","2026-11-03 11:00:40",40,0,"NO ANSWER","DOCUMENTATION"' >> longer.csv
run "$HL_LOG" import --cdr longer.csv
is "a longer file: only the new call" "$rc $(cat "$T/out") $(($(wc -l < hotline.csv) - 1))" "0 HL-20261103-0003 6"

# a mapped column with bytes that are not UTF-8: file, line and column
printf '"","13911110000","400","from-trunk","""Caf\351"" <13911110000>","SIP/trunk-00000020","","Dial","","2026-11-03 12:00:00","","2026-11-03 12:00:30",30,0,"NO ANSWER","DOCUMENTATION"\n' > badname.csv
refuse "bad bytes in a mapped column" 2 \
	"hl-log: badname.csv:1:5: bytes that are not UTF-8 in column 5 (name): another encoding? --encoding NAME reads it" \
	"$HL_LOG" import --cdr badname.csv
echo '"","13911110000","400","from-trunk"' > short.csv
refuse "a row shorter than the format" 2 \
	"hl-log: short.csv:1: 4 fields, the cdr mapping wants column 6 (id)" "$HL_LOG" import --cdr short.csv
printf '"","13911110000","400","from-trunk","x\n' > open.csv
refuse "a quote never closed" 2 "hl-log: open.csv:1: a quote opened here is never closed" \
	"$HL_LOG" import --cdr open.csv

# the same caller, however written, is one caller: hl-report caller
run "$HL_REPORT" caller '+86 139-1111-2222'
like "hl-report caller finds the missed call by +86" "$(cat "$T/out")" "HL-20261103-0001"
run "$HL_REPORT" caller 0086013911112222
is "and by 0086 with a trunk 0" "$rc" "0"

# the switchboard is not staff: missed calls that rang nobody of the
# staff (no agents mapped), late, are no fine of 总机's; calls.owner, a
# person, owns them
printf '%spenalties: {callback: [20]}\ncalls:\n  cdr: {format: asterisk-csv}\n' "$staff" > nobody.yaml
HL_CONFIG=nobody.yaml "$HL_LOG" -f nobody.csv import --cdr Master.csv > /dev/null
HL_CONFIG=nobody.yaml HL_NOW=2026-11-05T18:00:00+08:00 run "$HL_REPORT" staff nobody.csv \
	--from 2026-11-03 --to 2026-11-05 -o csv --no-bom
# no one on the staff list took a call: an empty table, exit 1 as grep's
is "hl-report staff: no row for the import's actor, no fine" "$rc $(tr -d '\r' < "$T/out" | grep -c '^总机,')" "1 0"
printf '%spenalties: {callback: [20]}\ncalls:\n  owner: 赵主管\n  cdr: {format: asterisk-csv}\n' "$staff" > owner.yaml
HL_CONFIG=owner.yaml "$HL_LOG" -f owner.csv import --cdr Master.csv > /dev/null
is "calls.owner, a person: the missed calls are theirs" "$(grep -c ',missed,总机,.*,客服部,赵主管,' owner.csv)" "2"
HL_CONFIG=owner.yaml HL_NOW=2026-11-05T18:00:00+08:00 run "$HL_REPORT" staff owner.csv \
	--from 2026-11-03 --to 2026-11-05 -o csv --no-bom
like "and theirs the late call-backs" "$(tr -d '\r' < "$T/out")" "赵主管,0,0,2,2,40"
cd .. || exit 2

# ---- Asterisk with loguniqueid and newcdrcolumns: legs by linkedid ----
mkdir ext && cd ext || exit 2
printf '%scalls:\n  agents: {PJSIP/8001: 王芳, PJSIP/8003: 李强}\n  cdr: {format: asterisk-csv-extended}\n' "$staff" > hotline.yaml
{
	# accountcode .. amaflags, uniqueid, userfield, peeraccount, linkedid, sequence
	echo '"","13800138000","400","from-trunk","","PJSIP/trunk-00000001","PJSIP/8001-00000002","Dial","PJSIP/8001,15","2026-11-03 09:00:00","","2026-11-03 09:00:15",15,0,"NO ANSWER","DOCUMENTATION","1793667600.1","","","1793667600.1",1'
	echo '"","13800138000","400","from-trunk","","Local/8003@from-queue-00000001;2","PJSIP/8003-00000004","Dial","PJSIP/8003,20","2026-11-03 09:00:15","2026-11-03 09:00:20","2026-11-03 09:02:20",125,120,"ANSWERED","DOCUMENTATION","1793667615.3","","","1793667600.1",2'
} > Master.csv
run "$HL_LOG" import --cdr Master.csv
is "legs of two channels, one linkedid: one answered call, waited 20 s" \
	"$rc $(tail -n +2 hotline.csv | cut -d, -f3,4,20,22-24 | tr '\n' ' ')" \
	"0 call,李强,1793667600.1,answered,20,120 "
cd .. || exit 2

# ---- FreeSWITCH mod_cdr_csv (caller_id_name, caller_id_number,
# destination_number, context, start_stamp, answer_stamp, end_stamp,
# duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode,
# read_codec, write_codec), opened and saved again by Excel: quotes
# gone, dates as 2026/11/3 9:05 ----
mkdir fs && cd fs || exit 2
printf 'calls:\n  cdr: {format: freeswitch-csv}\n' > hotline.yaml
printf '%s\r\n' \
	'Li Si,13911112222,4008001234,public,2026/11/3 9:05,2026/11/3 9:05,2026/11/3 9:08,200,185,NORMAL_CLEARING,a1f0c2d4-0001,b1f0c2d4-0001,,PCMA,PCMA' \
	'13700000005,13700000005,4008001234,public,2026/11/3 9:20,,2026/11/3 9:21,40,0,ORIGINATOR_CANCEL,a1f0c2d4-0002,,,PCMA,PCMA' \
	'Extension 1001,1001,13812345678,default,2026/11/3 9:30,2026/11/3 9:30,2026/11/3 9:32,95,90,NORMAL_CLEARING,a1f0c2d4-0003,b1f0c2d4-0003,,PCMA,PCMA' \
	'+8613700000006,+8613700000006,4008001234,public,2026/11/3 9:40,2026/11/3 9:40,2026/11/3 9:45,300,290,NORMAL_CLEARING,a1f0c2d4-0004,b1f0c2d4-0004,,PCMA,PCMA' \
	'13700000007,13700000007,4008001234,public,2026/11/3 9:50,,2026/11/3 9:50,2,0,ORIGINATOR_CANCEL,a1f0c2d4-0005,,,PCMA,PCMA' > Master.csv
run "$HL_LOG" import --cdr Master.csv
is "FreeSWITCH resaved by Excel: imported, the outbound call left out" \
	"$rc $(cat "$T/out") $(tail -n +2 hotline.csv | cut -d, -f1,3,8,9,20,22-24 | tr '\n' ' ')" \
	"0 HL-20261103-0001 2026-11-03T09:05:00+08:00,call,Li Si,13911112222,a1f0c2d4-0001,answered,15,185 \
2026-11-03T09:20:00+08:00,missed,,13700000005,a1f0c2d4-0002,abandoned,40, \
2026-11-03T09:40:00+08:00,call,,13700000006,a1f0c2d4-0004,answered,10,290 \
2026-11-03T09:50:00+08:00,call,,13700000007,a1f0c2d4-0005,abandoned,2, "
# by hand: offered 3, answered 2, abandoned 1, short 1; 33.3% and 33.3%;
# wait (200-185 + 300-290) / 2 = 12.5; talk (185 + 290) / 2 = 237.5;
# within 20s 2 of 2 = 100.0%; with the abandon (2 + 0) / 3 = 66.7%
is "hl-report calls on FreeSWITCH's file: the figures by hand" "$(figures)" \
	"3,2,1,1,0,33.3,33.3,12.5,237.5,100.0,66.7,0,1,0,1"
cd .. || exit 2

# ---- a provider's export: a header, quotes as its exporter writes
# them, and no wait column at all ----
mkdir quotes && cd quotes || exit 2
printf 'calls:\n  cdr: {id: id, time: start, caller: callerid, wait: wait, talk: talk, result: result, answered: [ANSWERED]}\n' > hotline.yaml
printf '%s\n' 'id,start,callerid,wait,talk,result' \
	'Q1,2026-11-03 11:00:00,""Ramana Ulsa" <13800001115>",10,60,ANSWERED' \
	'Q2,2026-11-03 11:05:00,""Wang" <13800001116>",30,0,NO ANSWER' > export.csv
run "$HL_LOG" import --cdr export.csv
is "loose quotes read as a spreadsheet reads them" \
	"$rc $(tail -n +2 hotline.csv | cut -d, -f3,8,9 | tr '\n' ' ')" \
	"0 call,Ramana Ulsa,13800001115 missed,Wang,13800001116 "
# by hand: offered 2, answered 1, abandoned 1; 50.0%, 50.0%; wait 10.0,
# talk 60.0; within 20s 1 of 1 = 100.0%; with the abandon 1 / 2 = 50.0%
is "hl-report calls on the loose export: the figures by hand" "$(figures)" \
	"2,1,1,0,0,50.0,50.0,10.0,60.0,100.0,50.0,0,1,0,0"
mkdir nowait && cd nowait || exit 2
printf 'calls:\n  cdr: {id: id, time: start, caller: from, talk: billsec}\n' > hotline.yaml
printf 'id,start,from,billsec\nU1,2026-11-03 12:00:00,13800001117,61\nU2,2026-11-03 12:05:00,13800001118,0\n' > export.csv
run "$HL_LOG" import --cdr export.csv
is "no wait column: none written" "$rc $(tail -n +2 hotline.csv | cut -d, -f3,23 | tr '\n' ' ')" "0 call, missed, "
# by hand: both offered (the unanswered one is no misdial: its wait is
# unknown), 1 answered, 1 abandoned; no speed of answer, no service level
is "hl-report calls: unknown waits give no service level" "$(figures)" \
	"2,1,1,0,0,50.0,50.0,,61.0,,,2,1,0,0"
like "and the report says why" "$("$HL_REPORT" calls --from 2026-11-03 --to 2026-11-03)" \
	"呼入 2 通中有 2 通在电话系统记录中没有等待时长.*无法给出服务水平"
cd .. || exit 2
# local times around a zone's changes of offset: each read as it is alone
# (the reader keeps an hour's offset only for an hour that has one)
printf 'timezone: Europe/Berlin\ncalls:\n  cdr: {id: id, time: start, caller: from, talk: billsec}\n' > dst.yaml
printf 'id,start,from,billsec\nD1,2026-03-29 01:10:00,13800000001,60\nD2,2026-03-29 01:59:59,13800000002,60\nD3,2026-03-29 03:00:00,13800000003,60\nD4,2026-10-25 01:59:00,13800000005,60\nD5,2026-10-25 02:30:00,13800000006,60\nD6,2026-10-25 02:45:00,13800000007,60\nD7,2026-10-25 03:10:00,13800000008,60\n' > dst.csv
HL_CONFIG=dst.yaml run "$HL_LOG" -f dst-journal.csv import --cdr dst.csv
is "local times across summer time, hour by hour" "$rc $(tail -n +2 dst-journal.csv | cut -d, -f1 | tr '\n' ' ')" \
	"0 2026-03-29T01:10:00+01:00 2026-03-29T01:59:59+01:00 2026-03-29T03:00:00+02:00 2026-10-25T01:59:00+02:00 2026-10-25T02:30:00+02:00 2026-10-25T02:45:00+02:00 2026-10-25T03:10:00+01:00 "
cd .. || exit 2

# ---- GB18030, as a Chinese PBX console exports, read with --encoding ----
mkdir gb && cd gb || exit 2
printf 'calls:\n  cdr: {id: 话单编号, time: 呼入时间, caller: 主叫号码, agent: 坐席, queue: 技能组, wait: 排队时长, talk: 通话时长, result: 呼叫结果, answered: [已接听]}\n' > hotline.yaml
printf '%s\r\n' '话单编号,呼入时间,主叫号码,坐席,技能组,排队时长,通话时长,呼叫结果' \
	'G1,2026-11-03 14:00:00,13800003333,8001,客服,6,100,已接听' \
	'G2,2026-11-03 14:10:00,13800003334,,客服,50,0,未接听' | iconv -f UTF-8 -t GB18030 > gb.csv
refuse "GB18030 without --encoding" 2 \
	"hl-log: gb.csv:1: column names are not UTF-8 (a GBK export? --encoding gb18030 reads it)" \
	"$HL_LOG" import --cdr gb.csv
refuse "an encoding iconv does not know" 2 \
	"hl-log: unknown encoding 'nosuch' (iconv -l lists those known)" \
	"$HL_LOG" import --cdr --encoding nosuch gb.csv
refuse "--encoding is for CSV exports" 2 \
	"hl-log: --encoding is for a CSV export (--cdr); a queue_log is ASCII and UTF-8" \
	"$HL_LOG" import --asterisk --encoding gb18030 gb.csv
run "$HL_LOG" import --cdr --encoding gb18030 gb.csv
is "--encoding gb18030: imported" "$rc $(cat "$T/out") $(tail -n +2 hotline.csv | cut -d, -f20,21 | tr '\n' ' ')" \
	"0 HL-20261103-0001 G1,客服 G2,客服 "
# by hand: offered 2, answered 1, abandoned 1; 50.0%, 50.0%; wait 6.0,
# talk 100.0; within 20s 1 of 1 = 100.0%; with the abandon 1 / 2 = 50.0%
is "hl-report calls on the GB18030 export: the figures by hand" "$(figures)" \
	"2,1,1,0,0,50.0,50.0,6.0,100.0,100.0,50.0,0,1,0,0"
# a file many times the reader's buffer: characters cut at its edges
awk 'BEGIN { print "话单编号,呼入时间,主叫号码,坐席,技能组,排队时长,通话时长,呼叫结果";
	for (i = 0; i < 3000; i++) printf "B%d,2026-11-03 15:%02d:%02d,138%08d,,技能组甲乙丙丁,%d,60,已接听\n", i, i / 60, i % 60, i, 1 + i % 9 }' |
	iconv -f UTF-8 -t GB18030 > big.csv
run "$HL_LOG" -f big-journal.csv import --cdr --encoding GB18030 big.csv
is "3000 calls in GB18030, read in pieces: every one, the queue whole" \
	"$rc $(grep -c ',技能组甲乙丙丁,answered,' big-journal.csv)" "0 3000"
cd .. || exit 2

# ---- queue_log: an agent of sales transfers the caller, attended, to
# support (the consulting call from extension 8001 logs the
# ATTENDEDTRANSFER; the caller CONNECTs again in support and ends
# there); 1.8's five data fields, EXITWITHKEY, EXITEMPTY, BLINDTRANSFER ----
mkdir ql && cd ql || exit 2
printf '%scalls:\n  agents: {SIP/8001: 王芳, SIP/8003: 李强}\n' "$staff" > hotline.yaml
cat > queue_log <<'EOF'
1793671200|c1|sales|NONE|ENTERQUEUE||13800002222|1
1793671210|c1|sales|SIP/8001|CONNECT|10|c1b|8
1793671300|c2|support|NONE|ENTERQUEUE||8001|1
1793671306|c2|support|SIP/8003|CONNECT|6|c2b|5
1793671330|c2|support|SIP/8003|ATTENDEDTRANSFER|BRIDGE|b2a4|6|24|1
1793671330|c1|support|SIP/8003|CONNECT|10|c1c|0
1793671500|c1|support|SIP/8003|COMPLETECALLER|10|290|1
1793671800|c3|sales|NONE|ENTERQUEUE||13800002223|1
1793671805|c3|sales|SIP/8001|CONNECT|5|c3b|4
1793671925|c3|sales|SIP/8001|COMPLETEAGENT|5|120|1
1793673600|c4|support|NONE|ENTERQUEUE||13800002224|1
1793673640|c4|support|NONE|EXITWITHKEY|1|1|1|40
1793674200|c5|sales|NONE|ENTERQUEUE||13800002225|1
1793674225|c5|sales|NONE|ABANDON|1|1|25||
1793674800|c6|support|NONE|ENTERQUEUE||13800002226|1
1793674815|c6|support|NONE|EXITEMPTY|1|1|15
1793675400|c7|sales|NONE|ENTERQUEUE||13800002227|1
1793675408|c7|sales|SIP/8001|CONNECT|8|c7b|6
1793675458|c7|sales|SIP/8001|BLINDTRANSFER|9000|from-internal|8|50|1
EOF
run "$HL_LOG" import --asterisk queue_log
is "queue_log: each call in the queue it ended in, the consulting call left out" \
	"$rc $(tail -n +2 hotline.csv | cut -d, -f3,4,20-24 | tr '\n' ' ')" \
	"0 call,李强,c1,support,answered,10,290 call,王芳,c3,sales,answered,5,120 missed,总机,c4,support,exitkey,40, \
missed,总机,c5,sales,abandoned,25, missed,总机,c6,support,noagent,15, call,王芳,c7,sales,answered,8,50 "
# by hand, sales: c3, c5, c7: offered 3, answered 2, abandoned 1; 33.3%,
# 33.3%; wait (5 + 8) / 2 = 6.5, talk (120 + 50) / 2 = 85.0; 100.0%, 2/3 = 66.7%
is "sales by hand" "$(figures sales)" "3,2,1,0,0,33.3,33.3,6.5,85.0,100.0,66.7,0,1,0,0"
# support: c1, c4, c6: offered 3, answered 1, 2 other; 0.0%, 66.7%; wait
# 10.0, talk 290.0; 100.0%; with the rest 1 / 3 = 33.3%
is "support by hand" "$(figures support)" "3,1,0,0,2,0.0,66.7,10.0,290.0,100.0,33.3,0,2,0,0"
# all: offered 6, answered 3, abandoned 1, other 2; 16.7%, 50.0%; wait
# 23 / 3 = 7.7, talk 460 / 3 = 153.3; 100.0%; 3 / 6 = 50.0%
is "both queues by hand" "$(figures)" "6,3,1,0,2,16.7,50.0,7.7,153.3,100.0,50.0,0,3,0,0"
cd .. || exit 2
# ---- a journal written before phones were canonical holds them as
# typed: a complaint now from the same phone, written another way, is a
# repeat all the same ----
mkdir rep && cd rep || exit 2
printf '%sroutes:\n  - {name: repeat, match: {category: complaint, repeat: 30d}, dept: 客服部, person: 赵主管, priority: high}\n  - {name: other, dept: 客服部}\n' "$staff" > hotline.yaml
printf 'time,ticket,event,actor,category,priority,channel,caller,phone,place,dept,assignee,due,level,clock,notify,score,verdict,rule,text\n2026-11-02T09:00:00+08:00,HL-20261102-0001,open,王芳,complaint,,,,+8613900002222,,,,,,,,,,,漏水\n' > hotline.csv
chmod 600 hotline.csv
"$HL_LOG" open -c complaint -t 013900002222 又漏水 > /dev/null
run "$HL_BIN/hl-route" -o yaml
like "+8613900002222 in the journal, 013900002222 now: a repeat" "$(tail -n 1 "$T/out")" "rule: \"?repeat"
run "$HL_REPORT" caller '+86 139 0000 2222'
is "hl-report caller: both complaints, one caller" "$(grep -c 'HL-2026110[23]-0001' "$T/out")" "2"
cd .. || exit 2
done_testing
