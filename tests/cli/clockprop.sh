# clockprop.sh - hl-escalate's clocks against a slow reference written
# from hl-escalate(1) (tests/prop/clocks.py), over random calendars and
# ticket histories for about 25 seconds (HL_PROP_SECONDS, HL_PROP_SEED).
# The optimised tools when tests/run names them (HL_FAST_BIN, as make
# check does): a sanitizer build's start-up would cut the calendars
# covered several times over; the other tests run those builds.
PROP=$(cd "$(dirname "$0")/../prop" && pwd)
. "$(dirname "$0")/../lib.sh"
# bootstrap installs python3: without it this is a failure, not a skip
if ! command -v python3 >/dev/null 2>&1; then
	fail "python3 runs the reference model (./bootstrap installs it)"
	done_testing
	exit 1
fi
BIN=${HL_FAST_BIN:-$HL_BIN}
[ -x "$BIN/hl-escalate" ] || BIN=$HL_BIN
echo "# hl-escalate from $BIN"
python3 "$PROP/clocks.py" "$BIN"
