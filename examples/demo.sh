#!/bin/sh
# examples/demo.sh BIN - a short tour on the shipped examples, in a scratch
# directory: intake from a batch, a ticket's life, the journal as YAML.
set -eu
BIN=$(cd "${1:-build/bin}" && pwd)
EX=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
export HL_CONFIG="$EX/hotline.yaml" HL_JOURNAL="$W/hotline.csv" HL_ACTOR=王芳
export HL_NOW=2026-11-03T10:30:00+08:00 TZ=Asia/Shanghai
PATH="$BIN:$PATH"

say() { printf '\n$ %s\n' "$*"; "$@"; }

cp "$EX/calls.csv" .
say hl-log append calls.csv
say hl-log --by 周敏 --at 08:09 assign HL-20261103-0001 -d 工程部 -a 张伟 急修
say hl-log --by 张伟 --at 08:21 ack HL-20261103-0001
say hl-log --by 张伟 --at 08:33 arrive HL-20261103-0001 已关总阀
say hl-log --by 张伟 --at 09:40 resolve HL-20261103-0001 更换爆裂水管
say hl-log followup HL-20261103-0001 --score 5 业主满意
say hl-log callback HL-20261103-0003 已回拨, 业主问停水时间
say hl-log open -c consult -t 13700007777 --done 问停水时间
say hl-log export -o yaml HL-20261103-0001
printf '\n%s records in %s\n' "$(($(wc -l < hotline.csv) - 1))" hotline.csv
