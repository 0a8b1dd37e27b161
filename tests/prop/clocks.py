#!/usr/bin/env python3
# clocks.py BIN - a property test: a slow reference of the clock arithmetic
# of hl-escalate(1), written from the man page's definitions, against
# hl-escalate --explain and its notices, over random calendars (1-3 spans
# a day, holidays, make-up days, zones with DST) and random ticket
# histories. Prints TAP. Bounded by HL_PROP_SECONDS (default 25) and
# HL_PROP_CASES; HL_PROP_JOBS workers (default: the CPUs, at most 4) each
# take every JOBSth calendar. Calendar i of seed S is drawn from its own
# generator: HL_PROP_SEED=S HL_PROP_WORLD=i replays that calendar alone.
import csv
import multiprocessing
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
import zoneinfo

BIN = sys.argv[1]
BUDGET = float(os.environ.get("HL_PROP_SECONDS", "25"))
MAX_CASES = int(os.environ.get("HL_PROP_CASES", "100000"))
SEED = int(os.environ.get("HL_PROP_SEED", str(int(time.time()))))
WORLD = os.environ.get("HL_PROP_WORLD")
JOBS = int(os.environ.get("HL_PROP_JOBS", str(min(os.cpu_count() or 1, 4))))
rng = random.Random(SEED)
world_no = 0
ZONES = ["Asia/Shanghai", "Europe/Berlin", "America/New_York"]
# windows holding a DST change (none in Shanghai)
WINDOWS = [dt.date(2026, 3, 1), dt.date(2026, 3, 20), dt.date(2026, 10, 18),
           dt.date(2026, 10, 26), dt.date(2026, 6, 1)]
CLOCKS = ["assign", "ack", "reply", "arrive", "update", "resolve", "followup"]
WD = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

# ---- the reference, from hl-escalate(1) ----


class Cal:
    def __init__(self, zone, hours, makeup, holidays, workdays):
        self.z = zoneinfo.ZoneInfo(zone)
        self.hours = hours          # weekday (0 = Sunday) -> [(from, to)] minutes
        self.makeup = makeup
        self.holidays = holidays    # set of dates
        self.workdays = workdays    # set of dates

    def spans(self, d):
        if d in self.workdays:
            return self.makeup
        if d in self.holidays:
            return []
        return self.hours[(d.weekday() + 1) % 7]

    def epoch(self, d, minute):
        # a local time; one that does not exist is moved later by the gap
        return int(dt.datetime(d.year, d.month, d.day, minute // 60, minute % 60,
                               tzinfo=self.z).timestamp())

    def local(self, t):
        return dt.datetime.fromtimestamp(t, self.z)

    def day_spans(self, d):
        return [(self.epoch(d, a), self.epoch(d, b)) for a, b in self.spans(d)]

    def work(self, a, b):
        """Working seconds in [a, b)."""
        if b <= a:
            return 0
        n, d = 0, self.local(a).date()
        while d <= self.local(b).date():
            for s, e in self.day_spans(d):
                n += max(0, min(e, b) - max(s, a))
            d += dt.timedelta(days=1)
        return n

    def walk(self, t, secs):
        """The first instant at which the working time from t reaches
        secs; 0: the next working moment."""
        d = self.local(t).date()
        for _ in range(4000):
            for s, e in self.day_spans(d):
                if e <= t:
                    continue
                s = max(s, t)
                if secs <= e - s:
                    return s + secs
                secs -= e - s
            d += dt.timedelta(days=1)
        return None

    def add_days(self, t, n):
        w = self.walk(t, 0)
        lw = self.local(w)
        d, minute, sec = lw.date(), lw.hour * 60 + lw.minute, lw.second
        while n > 0:
            d += dt.timedelta(days=1)
            if self.spans(d):
                n -= 1
        sp = self.spans(d)
        if minute >= sp[-1][1]:
            minute, sec = sp[-1][1], 0
        if minute < sp[0][0]:
            minute, sec = sp[0][0], 0
        return self.epoch(d, minute) + sec


def dur_add(cal, t, dur):
    n, unit = dur
    if unit == "m":
        return t + n * 60
    if unit == "h":
        return t + n * 3600
    if unit == "d":
        return t + n * 86400
    if unit == "bm":
        return cal.walk(t, n * 60)
    if unit == "bh":
        return cal.walk(t, n * 3600)
    return cal.add_days(t, n)


def business(dur):
    return dur[1].startswith("b")


def counted(cal, biz, a, b):
    return cal.work(a, b) if biz else max(0, b - a)


def advance(cal, biz, t, secs):
    if secs <= 0:
        return t
    return cal.walk(t, secs) if biz else t + secs


def deadline(cal, dur, warn_pct, start, until, holds, exts=()):
    """(due, warn) of a clock as the man page defines them; exts: the
    extensions approved for it, (asked, duration), each asked since its
    start moving the deadline on by its duration before the holds do."""
    biz = business(dur)
    due = dur_add(cal, start, dur)
    for asked, more in exts:
        if asked >= start:
            due = dur_add(cal, due, more)
    allowed = counted(cal, biz, start, due)
    share = allowed * warn_pct // 100
    warn = advance(cal, biz, start, share) if share > 0 else None
    for f, to in holds:
        f = max(f, start)
        to = min(to if to else until, until)
        if to <= f or f >= due:
            continue
        n = counted(cal, biz, f, to)
        if warn is not None and f < warn:
            warn = advance(cal, biz, warn, n)
        due = advance(cal, biz, due, n)
    return due, warn


def approved(h):
    """The resolve clock's extensions approved in a history: (asked,
    duration) of each extend an approve followed."""
    out, asked = [], None
    for k, t in h["events"]:
        if k == "extend":
            asked = (t, h.get("ext_dur", {})[t])
        elif k in ("approve", "refuse", "resolve"):
            # a resolve lets an extension still waiting lapse
            if k == "approve" and asked:
                out.append(asked)
            asked = None
    return out


def bounds(h):
    """Start, stop (None: running), and how each clock stands, from a
    history: what starts and ends each clock (hl-escalate(1))."""
    ev = h["events"]
    reopens = [t for k, t in ev if k == "reopen"]
    opened = ev[0][1]
    since = reopens[-1] if reopens else opened
    state = h["state"]
    resolved_now = state in ("resolved", "closed")

    def first(kind, after=None):
        xs = [t for k, t in ev if k in kind and (after is None or t >= after)]
        return xs[0] if xs else None

    def last(kind):
        xs = [t for k, t in ev if k in kind]
        return xs[-1] if xs else None
    out = {}
    for c in ("assign", "reply", "arrive"):
        if reopens:
            out[c] = ("before_reopen",)
            continue
        own = {"assign": ("assign",), "reply": ("reply",), "arrive": ("arrive",)}[c]
        stops = [x for x in (first(own), first(("resolve",))) if x is not None]
        out[c] = ("runs", opened, min(stops) if stops else None)
    # ack: the latest dispatch after the latest reopen
    disp = [t for k, t in ev if k == "assign" and t >= since] if reopens else \
        [t for k, t in ev if k == "assign"]
    # a dispatch at the reopen's instant but before it in the journal
    if reopens:
        idx = max(i for i, (k, t) in enumerate(ev) if k == "reopen")
        disp = [t for k, t in ev[idx:] if k == "assign"]
    if disp:
        a = disp[-1]
        i = max(i for i, (k, t) in enumerate(ev) if k == "assign")
        stops = [t for k, t in ev[i:] if k in ("ack", "resolve")]
        out["ack"] = ("runs", a, stops[0] if stops else None)
    else:
        out["ack"] = ("no",)
    if not resolved_now:
        prog = last(("reply", "arrive", "update"))
        out["update"] = ("runs", max(prog or 0, since), None)
    else:
        out["update"] = ("no",)
    out["resolve"] = ("runs", since, last(("resolve",)) if resolved_now else None)
    if resolved_now:
        r = last(("resolve",))
        f = last(("followup",))
        out["followup"] = ("runs", r, f if f is not None and f >= r else None)
    else:
        out["followup"] = ("no",)
    return out


# ---- random worlds ----

def rand_spans():
    n = rng.choice([1, 1, 2, 2, 3])
    cuts = sorted(rng.sample(range(20, 96), 2 * n))  # quarter hours, 05:00 on
    return [(cuts[2 * i] * 15, cuts[2 * i + 1] * 15) for i in range(n)]


def rand_dur():
    unit = rng.choice(["m", "h", "d", "bm", "bh", "bd"])
    n = {"m": rng.randint(0, 300), "h": rng.randint(1, 48), "d": rng.randint(1, 5),
         "bm": rng.randint(0, 900), "bh": rng.randint(1, 30), "bd": rng.randint(0, 4)}[unit]
    return (n, unit)


def fmt_dur(d):
    return "%d%s" % d


def rand_world():
    zone = rng.choice(ZONES)
    start = rng.choice(WINDOWS)
    hours = {}
    for wd in range(7):
        if wd in (0, 6) and rng.random() < 0.7 or rng.random() < 0.1:
            hours[wd] = []
        else:
            hours[wd] = rand_spans()
    if not any(hours.values()):
        hours[1] = rand_spans()
    makeup = rand_spans()
    days = [start + dt.timedelta(days=i) for i in range(40)]
    holidays = set(rng.sample(days, rng.randint(0, 4)))
    workdays = set(d for d in rng.sample(days, rng.randint(0, 3)) if d not in holidays)
    cal = Cal(zone, hours, makeup, holidays, workdays)
    durs = {c: rand_dur() for c in CLOCKS + ["callback"]}
    day = rng.choice([None, rand_dur()])
    a, b = sorted(rng.sample(range(16, 96), 2))
    warn = rng.choice([0, 50, 75, 80, 90, 99])
    # quiet hours: none, or a span of the day, over midnight or not
    quiet = None
    if rng.random() < 0.5:
        qa, qb = rng.sample(range(0, 96), 2)
        quiet = (qa * 15, qb * 15)
    return {"zone": zone, "start": start, "cal": cal, "durs": durs, "warn": warn, "quiet": quiet,
            "callback_day": day, "daytime": (a * 15, b * 15), "name_daytime": rng.random() < 0.5}


def yaml_of(w):
    cal = w["cal"]
    lines = ["timezone: %s" % w["zone"], "calendar:", "  hours:"]
    for wd in range(7):
        lines.append('    %s: [%s]' % (WD[wd], ", ".join(
            '"%02d:%02d-%02d:%02d"' % (a // 60, a % 60, b // 60, b % 60) for a, b in cal.hours[wd])))
    lines.append("  workday_hours: [%s]" % ", ".join(
        '"%02d:%02d-%02d:%02d"' % (a // 60, a % 60, b // 60, b % 60) for a, b in cal.makeup))
    lines.append("  holidays: [%s]" % ", ".join(str(d) for d in sorted(cal.holidays)))
    lines.append("  workdays: [%s]" % ", ".join(str(d) for d in sorted(cal.workdays)))
    # every ticket stays live however long ago it was resolved: the model
    # explains each one, settled or not (settling: tests/cli/settle.sh)
    lines += ["followup:", "  autoclose: 0"]
    lines += ["departments:", "  - {name: D1, head: H1, leader: L1}",
              "staff:", "  - {name: P1, dept: D1}", "  - {name: H1, dept: D1}",
              "  - {name: L1, dept: D1}", "  - {name: O1, dept: D1, roles: [approver]}",
              "escalation:", "  warn: %d%%" % w["warn"], "  leader_after: 2h",
              "  manager_after: 1bd", "  manager: {name: M1}", "  repeat: 30d",
              "sla:", "  - name: all", "    match: {}"]
    if w["quiet"]:
        a, b = w["quiet"]
        lines.insert(lines.index("sla:"),
                     '  quiet: "%02d:%02d-%02d:%02d"' % (a // 60, a % 60, b // 60, b % 60))
    for c in CLOCKS + ["callback"]:
        lines.append("    %s: %s" % (c, fmt_dur(w["durs"][c])))
    if w["callback_day"]:
        lines.append("    callback_day: %s" % fmt_dur(w["callback_day"]))
        if w["name_daytime"]:
            a, b = w["daytime"]
            lines.append('    daytime: "%02d:%02d-%02d:%02d"' % (a // 60, a % 60, b // 60, b % 60))
    return "\n".join(lines) + "\n"


def ok_time(w, t):
    # nothing between 00:00 and 04:00 local: DST changes happen there, and
    # the C library and the reference may read an ambiguous hour apart
    return w["cal"].local(t).hour >= 4


def rand_history(w, t0):
    """Random steps of one ticket, each allowed by the lifecycle."""
    ev, state, held = [("open", t0)], "open", False
    asking, napproved, ext_dur = False, 0, {}
    t = t0
    for _ in range(rng.randint(0, 12)):
        gap = rng.choice([rng.randint(1, 600), rng.randint(60, 7200), rng.randint(3600, 3 * 86400)])
        t += gap
        while not ok_time(w, t):
            t += 3600
        active = state in ("open", "assigned", "acked")
        choices = []
        if active:
            choices += ["assign", "reply", "arrive", "update", "resolve"]
            choices += ["resume"] if held else ["hold"]
            if state == "assigned":
                choices.append("ack")
            # 延期 of the resolve clock: one waits at a time, two at most
            if not asking and napproved < 2:
                choices.append("extend")
        if asking:
            choices += ["approve", "refuse"]
        if state == "resolved":
            choices += ["followup", "reopen", "followup", "close"]
        if state == "closed":
            choices += ["followup", "reopen"]
        if not choices:
            break
        k = rng.choice(choices)
        if k in ("resolve",) and held:
            held = False  # a resolve ends a hold
        if k == "assign":
            state = "assigned"
        elif k == "ack":
            state = "acked"
        elif k == "hold":
            held = True
        elif k == "resume":
            held = False
        elif k == "resolve":
            state = "resolved"
            asking = False
        elif k == "reopen":
            state = "open"
        elif k == "close":
            state = "closed"
        elif k == "extend":
            if t in ext_dur:
                continue  # one extend an instant: it names its duration
            n, unit = rand_dur()
            ext_dur[t] = (max(n, 1), unit)
            asking = True
        elif k in ("approve", "refuse"):
            asking = False
            napproved += k == "approve"
        ev.append((k, t))
    out = summary(ev)
    out["ext_dur"] = ext_dur
    return out


def summary(ev):
    """A history's state, holds and last step, from its steps."""
    state, held, holds, cur = None, False, [], None
    after = {"open": "open", "assign": "assigned", "ack": "acked", "resolve": "resolved",
             "reopen": "open", "close": "closed", "missed": "missed",
             "callback": "called-back"}
    for k, x in ev:
        state = after.get(k, state)
        if k == "hold":
            cur = [x, 0]
            holds.append(cur)
            held = True
        elif k in ("resume", "resolve") and cur and not cur[1]:
            cur[1] = x
            cur = None
            held = False
    return {"events": ev, "state": state, "held": held, "holds": holds,
            "last": ev[-1][1], "missed": ev[0][0] == "missed"}


def as_of(h, q):
    """The history as it stood at q: its steps dated up to q (hl-escalate
    with --now in the past does not read the rest); None before it began."""
    ev = [(k, t) for k, t in h["events"] if t <= q]
    if not ev:
        return None
    out = dict(h)
    out.update(summary(ev))
    return out


def rand_missed(w, t0):
    ev = [("missed", t0)]
    t = t0
    if rng.random() < 0.7:
        t += rng.choice([rng.randint(1, 7200), rng.randint(3600, 2 * 86400)])
        while not ok_time(w, t):
            t += 3600
        ev.append(("callback", t))
    return summary(ev)


def held_at(h, t):
    """On hold at t: a hold began at or before t and was not resumed by
    then (the journal may hold its resume already); no notice is sent."""
    return any(f <= t and (not to or to > t) for f, to in h["holds"])


def callback_clock(w, h):
    """The callback clock's duration: the sooner of callback and, missed
    within the daytime, callback_day."""
    t0 = h["events"][0][1]
    due = dur_add(w["cal"], t0, w["durs"]["callback"])
    dur = w["durs"]["callback"]
    if w["callback_day"]:
        a, b = w["daytime"] if w["name_daytime"] else (8 * 60, 20 * 60)
        lt = w["cal"].local(t0)
        m = lt.hour * 60 + lt.minute
        if a <= m < b:
            sooner = dur_add(w["cal"], t0, w["callback_day"])
            if sooner < due:
                dur = w["callback_day"]
    return dur


def iso(w, t):
    return w["cal"].local(t).isoformat()


def short(w, t):
    return w["cal"].local(t).strftime("%m-%d %H:%M")


# ---- the tools ----

def run(args, env):
    p = subprocess.run(args, env=env, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def explain_lines(out):
    lines = {}
    for line in out.splitlines()[1:]:
        if line.startswith(" "):
            continue
        name, rest = line[:9].strip(), line[9:]
        lines[name] = rest
    return lines


def parse_clock(rest):
    if rest.startswith("does not run"):
        return ("no",)
    if rest.startswith("ended before the reopen"):
        return ("before_reopen",)
    frm = rest.split(" from ", 1)[1][:11]
    due = rest.split("-> due ", 1)[1][:11]
    warn = rest.split("; warn ", 1)[1][:11] if "; warn " in rest else None
    return ("runs", frm, due, warn)


failures = []
checks = 0


kinds = {}


def check(name, got, want, ctx):
    global checks
    checks += 1
    kind = name.split(" at ")[0].split(" ", 1)[-1]
    kinds[kind] = kinds.get(kind, 0) + 1
    if got != want:
        failures.append("%s: got %r, want %r\n#   %s" % (name, got, want, ctx))


def one_world(tmp):
    w = rand_world()
    cfg = os.path.join(tmp, "hotline.yaml")
    with open(cfg, "w") as f:
        f.write(yaml_of(w))
    journal = os.path.join(tmp, "j.csv")
    for p in (journal, journal + ".state"):
        if os.path.exists(p):
            os.remove(p)
    base = int(dt.datetime(w["start"].year, w["start"].month, w["start"].day, 4,
                           tzinfo=w["cal"].z).timestamp())
    tickets = []
    rows = []
    for i in range(rng.randint(3, 8)):
        t0 = base + rng.randint(0, 20 * 86400)
        while not ok_time(w, t0):
            t0 += 3600
        h = rand_missed(w, t0) if rng.random() < 0.25 else rand_history(w, t0)
        h["id"] = "HL-20260101-%04d" % (i + 1)
        h["no"] = i
        # a repair, an emergency (critical or not), or a complaint from one
        # of two phones, so that some are repeats
        h["category"], h["priority"], h["phone"] = "repair", "normal", ""
        if not h.get("missed"):
            r = rng.random()
            if r < 0.2:
                h["category"] = "emergency"
                h["priority"] = rng.choice(["normal", "urgent", "critical"])
            elif r < 0.45:
                h["category"] = "complaint"
                h["phone"] = rng.choice(["13700000001", "13700000002"])
        tickets.append(h)
        # late entries: a note written after the fact, in the journal
        # before a step that happened earlier
        evs = h["events"]
        for j in range(1, len(evs)):
            if rng.random() < 0.2:
                nt = evs[j][1] + rng.randint(1, 3600)
                rows.append({"time": iso(w, nt), "ticket": h["id"], "event": "note",
                             "actor": "O1", "text": "n", "pos": evs[j][1] - 0.5})
        for k, t in h["events"]:
            row = {"time": iso(w, t), "ticket": h["id"], "event": k, "actor": "O1", "pos": t}
            if k == "open":
                row["category"] = h["category"]
                row["priority"] = h["priority"]
                row["phone"] = h["phone"]
                row["text"] = "x"
            if k == "missed":
                row["phone"] = "13700000000"
            if k == "assign":
                row.update(dept="D1", assignee="P1")
            if k == "reopen":
                # where the ticket stood, as hl-log writes it into a reopen
                row.update(category=h["category"], priority=h["priority"], phone=h["phone"])
                if any(x == "assign" for x, _ in h["events"]):
                    row.update(dept="D1", assignee="P1")
            if k == "followup":
                row["score"] = "5"
            if k == "extend":
                row.update(clock="resolve", due=fmt_dur(h["ext_dur"][t]), text="x")
            rows.append(row)
    rows.sort(key=lambda r: r.pop("pos"))
    with open(journal, "w", newline="") as f:
        wr = csv.DictWriter(f, ["time", "ticket", "event", "actor", "category", "priority", "phone", "dept",
                                "assignee", "score", "clock", "due", "text"], lineterminator="\n")
        wr.writeheader()
        wr.writerows(rows)
    env = dict(os.environ, TZ=w["zone"])
    env.pop("HL_NOW", None)
    last = max(h["last"] for h in tickets)
    # every ticket explained by one run, as at one instant
    now = last + rng.choice([0, rng.randint(1, 3 * 86400)])
    while not ok_time(w, now):
        now += 3600
    args = [os.path.join(BIN, "hl-escalate"), "-C", cfg, "--now", iso(w, now)]
    for h in tickets:
        args += ["--explain", h["id"]]
    rc, out, err = run(args + [journal], env)
    blocks, cur = {}, None
    for line in out.splitlines(keepends=True):
        if line.startswith("HL-"):
            cur = line.split(" ", 1)[0]
            blocks[cur] = ""
        if cur:
            blocks[cur] += line
    closed = [h for h in tickets if h["state"] == "closed"]
    ctx0 = "seed %d world %d zone %s now %s" % (SEED, world_no, w["zone"], iso(w, now))
    # closed ones too: from the whole journal, as of their close
    check("explain runs", (rc, len(err.splitlines())), (0, 0), ctx0 + "\n#   " + err)
    boundaries = []
    for h in tickets:
        ctx = "seed %d world %d zone %s ticket %s now %s history %s" % (
            SEED, world_no, w["zone"], h["id"], iso(w, now),
            [(k, iso(w, t)) for k, t in h["events"]])
        if h["state"] == "closed":
            # not followed by the state: explained from the whole journal
            # as of its close (its clocks as then judged)
            closed_at = min(max(t for k, t in h["events"] if k == "close"), now)
            head = blocks.get(h["id"], "").split("\n", 1)[0]
            check("closed: as of its close", " closed" in head and head.endswith("; as of " + iso(w, closed_at)),
                  True, ctx + "\n#   " + head)
            continue
        out = blocks.get(h["id"], "")
        got = explain_lines(out)
        ref, durs = ref_of(w, h)
        for c in CLOCKS + ["callback"]:
            b = ref[c]
            if b[0] != "runs":
                check(c + " stands", parse_clock(got.get(c, ""))[:1], b[:1], ctx)
                continue
            start, stop = b[1], b[2]
            until = stop if stop is not None and stop < now else now
            holds = [(f, to) for f, to in h["holds"]]
            due, warn = deadline(w["cal"], durs[c], w["warn"], start, until, holds,
                                 approved(h) if c == "resolve" else ())
            want = ("runs", short(w, start), short(w, due),
                    short(w, warn) if warn is not None and stop is None else None)
            check(c + " deadline", parse_clock(got.get(c, "")), want, ctx + "\n#   " + out.replace("\n", "\n#   "))
            if stop is None and not h["held"]:
                for t in rungs(w, h, due, warn).values():
                    if ok_time(w, t) and ok_time(w, t - 60):
                        boundaries.append(t)
    # the ladder: at a rung's instant of one running clock and a minute
    # before, every ticket's notices are the reference's
    if not boundaries:
        return
    at = rng.choice(boundaries)
    for when in (at, at - 60):
        rc, out2, err2 = run([os.path.join(BIN, "hl-escalate"), "-C", cfg, "--now",
                              iso(w, when), "-o", "csv", journal], env)
        found = {}
        for r in csv.DictReader(out2.splitlines()):
            found.setdefault(r.get("ticket"), set()).add((r.get("clock"), int(r.get("level"))))
        for h in tickets:
            want = expected_notices(w, h, when, tickets)
            ctx = "seed %d world %d zone %s ticket %s history %s" % (
                SEED, world_no, w["zone"], h["id"], [(k, iso(w, t)) for k, t in h["events"]])
            check("rungs at %s" % iso(w, when), sorted(found.get(h["id"], set())), sorted(want), ctx)


def ref_of(w, h):
    """Each clock's bounds and the durations of a history."""
    durs = dict(w["durs"])
    if h.get("missed"):
        ref = {c: ("no",) for c in CLOCKS}
        cb = h["events"][1][1] if len(h["events"]) > 1 else None
        ref["callback"] = ("runs", h["events"][0][1], cb)
        durs["callback"] = callback_clock(w, h)
    else:
        ref = bounds(h)
        ref["callback"] = ("no",)
    return ref, durs


def rungs(w, h, due, warn):
    """When each rung of a running clock is reached (hl-escalate(1)): the
    warning, the head at the deadline, the leader leader_after (2h) later,
    the manager manager_after (1bd) after the leader. Emergencies: the
    head and the leader at the deadline, the manager 1bd later (critical
    ones at once)."""
    emergency = h.get("category") == "emergency"
    leader = due if emergency else due + 2 * 3600
    manager = due if emergency and h["priority"] == "critical" else w["cal"].add_days(leader, 1)
    at = {1: due, 2: leader, 3: manager}
    if warn is not None and warn < due:
        at[0] = warn
    return at


def quiet_at(w, q):
    """Whether q is within the quiet hours (local times of day)."""
    if not w["quiet"]:
        return False
    a, b = w["quiet"]
    lt = w["cal"].local(q)
    m = lt.hour * 60 + lt.minute
    return a <= m < b if b > a else m >= a or m < b


def repeat(h, tickets):
    """A complaint whose phone complained in the 30 days before it (the
    same second: earlier in the journal) starts a rung higher."""
    if h["category"] != "complaint":
        return 0
    t = h["events"][0][1]
    for o in tickets:
        if o is h or o["category"] != "complaint" or o["phone"] != h["phone"]:
            continue
        u = o["events"][0][1]
        if t - u <= 30 * 86400 and (u < t or (u == t and o["no"] < h["no"])):
            return 1
    return 0


def expected_notices(w, h, q, tickets):
    """The (clock, level) of every notice the ticket gets at q, none
    written before, from its history as of q: nothing for a ticket closed
    by then, one not yet opened or one on hold at q, nor in the quiet
    hours but for an emergency; for each clock running at q, the rungs
    reached (one higher for a repeat complaint, the manager's the
    highest), the warning only before the deadline."""
    h = as_of(h, q)
    if h is None or h["state"] == "closed" or held_at(h, q):
        return set()
    if quiet_at(w, q) and h["category"] != "emergency":
        return set()
    up = repeat(h, tickets)
    ref, durs = ref_of(w, h)
    out = set()
    for c in CLOCKS + ["callback"]:
        b = ref[c]
        if b[0] != "runs" or b[2] is not None:
            continue
        due, warn = deadline(w["cal"], durs[c], w["warn"], b[1], q, h["holds"],
                             approved(h) if c == "resolve" else ())
        for lvl, t in rungs(w, h, due, warn).items():
            if q >= t and not (lvl == 0 and q >= due):
                out.add((c, min(lvl + up, 3)))
    return out


def worker(first, step, t_end, q):
    """Calendars first, first + step, ... until the time is up; puts its
    failures and counts on q."""
    global rng, world_no
    worlds = 0
    with tempfile.TemporaryDirectory() as tmp:
        i = first
        while time.time() < t_end and i < MAX_CASES and len(failures) <= 20:
            rng = random.Random("%d:%d" % (SEED, i))
            world_no = i
            one_world(tmp)
            worlds += 1
            i += step
    q.put((failures, checks, kinds, worlds))


def main():
    t_end = time.time() + BUDGET
    if WORLD is not None:
        first, step, jobs = int(WORLD), MAX_CASES, 1
    else:
        first, step, jobs = 0, JOBS, JOBS
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=worker, args=(first + k, step, t_end, q))
             for k in range(jobs)]
    for p in procs:
        p.start()
    worlds = 0
    for _ in procs:
        f, c, k, n = q.get()
        failures.extend(f)
        worlds += n
        global checks
        checks += c
        for kind, m in k.items():
            kinds[kind] = kinds.get(kind, 0) + m
    for p in procs:
        p.join()
    n = 0
    for f in failures[:20]:
        n += 1
        print("not ok %d - %s" % (n, f))
    n += 1
    print("%s %d - %d checks over %d calendars agree with the reference (seed %d)" % (
        "ok" if not failures else "not ok", n, checks, worlds, SEED))
    n += 1
    print("%s %d - enough cases in the time given" % ("ok" if worlds >= (1 if WORLD is not None else 3) else "not ok", n))
    print("# " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    print("1..%d" % n)
    return 1 if failures else 0


sys.exit(main())
