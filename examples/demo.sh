#!/bin/sh
# examples/demo.sh BIN - a tour on the shipped examples, in a scratch
# directory: intake, automatic dispatch, a ticket's life, night duty.
set -eu
BIN=$(cd "${1:-build/bin}" && pwd)
EX=$(cd "$(dirname "$0")" && pwd)
W=${HL_DEMO_DIR:-$(mktemp -d)}
[ -n "${HL_DEMO_DIR:-}" ] || trap 'rm -rf "$W"' EXIT
cd "$W"
export HL_JOURNAL="$W/hotline.csv" TZ=Asia/Shanghai
PATH="$BIN:$PATH"

say() { printf '\n$ %s\n' "$*"; "$@"; }
# say_pipe "cmd | cmd": shown and run as one pipeline
say_pipe() { printf '\n$ %s\n' "$1"; sh -c "$1"; }
at() { export HL_NOW="$1"; printf '\n# %s\n' "$2"; }

echo "== A property company's 400 line (examples/property) =="
export HL_CONFIG="$EX/property/hotline.yaml" HL_ACTOR=王芳
cp "$EX/property/morning.csv" "$EX/property/later.csv" .

at 2026-11-03T07:41:00+08:00 "07:41 - a burst pipe, then the dispatch cron (every few minutes) runs"
say hl-log open -c 报修 -p 紧急 -m 400 -n 刘女士 -t 13700001111 -l 5栋1单元302 厨房水管爆裂, 水已漫到客厅
say_pipe "hl-route | hl-log append"
say hl-log export -o yaml HL-20261103-0001

at 2026-11-03T09:31:00+08:00 "09:31 - the rest of the morning's calls, entered as a batch"
say hl-log append morning.csv
at 2026-11-03T09:35:00+08:00 "09:35 - the cron's next run; what it writes is committed through hl-log"
say hl-route -o yaml
say_pipe "hl-route | hl-log append"
say_pipe "hl-route || echo 'nothing left to route (exit 1)'"

at 2026-11-03T09:50:00+08:00 "the burst pipe's life, as the night repairer reports it"
say hl-log --by 赵磊 --at 07:52 ack HL-20261103-0001
say hl-log --by 赵磊 --at 08:04 arrive HL-20261103-0001 已关总阀
say hl-log --by 赵磊 --at 09:40 resolve HL-20261103-0001 更换爆裂水管
say hl-log followup HL-20261103-0001 --score 5 业主满意
say hl-log callback HL-20261103-0003 已回拨, 业主问停水时间
say hl-log open -c consult -t 13700007777 --done 问停水时间
at 2026-11-03T09:55:00+08:00 "09:55 - a correction: the door is 103, not 101; the history keeps both"
say hl-log amend HL-20261103-0006 -l 7栋2单元103
say hl-log export -o yaml HL-20261103-0006
at 2026-11-03T10:05:00+08:00 "10:05 - the lock's part is out of stock: a day more to resolve (延期), approved by the head"
say hl-log --by 张伟 extend HL-20261103-0006 --clock resolve --by 1d --reason 锁芯缺货
say hl-log --by 周敏 approve HL-20261103-0006
say_pipe "hl-escalate --explain HL-20261103-0006 | grep -e '^HL' -e '^resolve'"

at 2026-11-03T21:55:00+08:00 "21:55 - the rest of the day's calls, routed: a repeat complaint, a car park, night duty"
hl-log append later.csv > /dev/null
say hl-route --explain -o yaml

hl-route | hl-log append

at 2026-11-03T22:30:00+08:00 "22:30 - the escalation cron: what is late, and who hears of it"
say hl-escalate -o text
say hl-escalate -o notify
say hl-escalate --explain HL-20261103-0002
say_pipe "hl-escalate | hl-log append"

at 2026-11-04T09:00:00+08:00 "the next morning: the evening's calls from the phone system (the import cron), then the day in figures"
cp "$EX/property/queue_log" .
say hl-log --by 总机 import --asterisk queue_log
say hl-log --by 总机 import --asterisk queue_log
say hl-report calls --from 2026-11-03 --to 2026-11-03
say hl-report weekly --from 2026-11-03 --to 2026-11-03
say hl-report staff --from 2026-11-03 --to 2026-11-03
say hl-report caller 13700002222

at 2026-11-04T09:30:00+08:00 "what the operator keeps open all day (at 80 columns), and a search"
COLUMNS=80 say hl-report todo
COLUMNS=80 say hl-report tickets --grep 水管 --columns ticket,place,caller,state,next_due,text
say hl-report todo --by 张伟 -o notify

at 2026-11-04T10:00:00+08:00 "10:00 - two neighbours call about one stuck lift: the cron suggests a link, the operator makes it"
say hl-log open -c 报修 -t 13700008888 -l 7栋 电梯停在3楼不动
say hl-log open -c 报修 -t 13700009999 -l 7栋 电梯坏了, 有人在里面吗
say hl-route -o yaml
say hl-log link HL-20261104-0005 --to HL-20261104-0004 --reason 同一部电梯
say_pipe "hl-route | hl-log append"
at 2026-11-04T10:40:00+08:00 "10:40 - the lift is freed: its duplicate is resolved with it, and its caller still called back (回访)"
say hl-log --by 张伟 resolve HL-20261104-0004 已复位
say hl-log followup HL-20261104-0005 --score 5 电梯已恢复
say hl-report tickets --state linked --columns ticket,place,state,text

echo
echo "== A campus logistics hotline (examples/campus) =="
export HL_CONFIG="$EX/campus/hotline.yaml" HL_ACTOR=小王 HL_JOURNAL="$W/campus.csv"
cp "$EX/campus/day.csv" "$EX/campus/night.csv" .
at 2026-11-03T16:50:00+08:00 "16:50 - the day's calls, dispatched"
hl-log append day.csv > /dev/null
say_pipe "hl-route | hl-log append"
at 2026-11-04T01:15:00+08:00 "01:15 - night calls go to the manager on night duty (the sales office's hotline rules: 轮流值班)"
hl-log append night.csv > /dev/null
say hl-route --explain -o yaml
printf '\n%s records in the property journal, %s in the campus one\n' \
	"$(($(wc -l < hotline.csv) - 1))" "$(($(wc -l < campus.csv) - 1))"
