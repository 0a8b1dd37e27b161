# clockprop.sh - hl-escalate's clocks against a slow reference written
# from hl-escalate(1) (tests/prop/clocks.py), over random calendars and
# ticket histories for about 25 seconds (HL_PROP_SECONDS, HL_PROP_SEED)
PROP=$(cd "$(dirname "$0")/../prop" && pwd)
. "$(dirname "$0")/../lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
	echo "ok 1 # skip no python3"
	echo "1..1"
	exit 0
fi
python3 "$PROP/clocks.py" "$HL_BIN"
