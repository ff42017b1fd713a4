#!/usr/bin/env python3
"""Differential test of Admiral's scheduler against MPXJ's MS Project emulation (not CI).

Generates random networks (150 tasks each: every link type, working, negative and elapsed
lags, holidays, SNET/FNET/SNLT/FNLT/MSO/MFO constraints, milestones, manually scheduled
tasks), writes each as MSPDI, schedules it with MPXJ's MicrosoftScheduler (through the
oracle's mpxj_schedule_csv.py) and with Admiral (`admiral import` + `admiral schedule
--json`), and compares ES, EF, LS, LF, total and free float and the critical flag task by
task, dates as instants of working time (17:00 Friday = 08:00 Monday).

Set-up: python3 -m venv VENV && VENV/bin/pip install mpxj JPype1; cargo build -p admiral-cli
Use:    VENV/bin/python scripts/mpxj_diff.py ORACLE/mpxj_schedule_csv.py [networks] [seed] [features]
        features: a comma-separated list of what to add to each network:
          resources  five work resources, each on its own calendar (derived from Standard)
                     with vacations; about a third of the tasks get one or two of them at
                     100 %, each with the task's work: the task spans its assignments, each
                     working on its resource's calendar (MS Project's fixed units);
          progress   some of the first tasks started (actual start, 25/50 % complete with
                     actual and remaining duration) or finished (100 %, actual finish).
        MPXJ_DIFF_DUMP=FILE writes each differing task (its differences, mode, constraint,
        links in and out) as a JSON line, to classify the differences by cause.
        ADMIRAL_BIN=PATH uses that admiral binary (default target/debug/admiral).
See docs/conformance.md, "Against MPXJ on random networks", for the causes of the
differences and the decisions.
"""
import csv, datetime as dt, io, json, os, random, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADMIRAL = os.environ.get("ADMIRAL_BIN") or os.path.join(ROOT, "target", "debug", "admiral")
D = 480


class Cal:
    """MS Project's Standard calendar (08-12, 13-17, Mon-Fri) with holidays."""

    def __init__(self, holidays):
        self.holidays = set(holidays)

    def working(self, day):
        return day.weekday() < 5 and day not in self.holidays

    def next_day(self, day, step=1):
        day += dt.timedelta(days=step)
        while not self.working(day):
            day += dt.timedelta(days=step)
        return day

    def add_days(self, start_day, n):
        """Finish (17:00) of a task of n working days starting start_day 08:00."""
        day = start_day
        for _ in range(n - 1):
            day = self.next_day(day)
        return dt.datetime.combine(day, dt.time(17))

    def norm(self, t):
        """A finish at 08:00 of a working day is 17:00 of the previous one; a start at
        17:00 is 08:00 of the next one: both give the same key."""
        if t.time() == dt.time(17) :
            return dt.datetime.combine(self.next_day(t.date()), dt.time(8))
        if t.time() == dt.time(12):
            return t.replace(hour=13)
        return t


def network(rng, n, start):
    holidays = []
    day = start.date()
    for _ in range(8):
        day += dt.timedelta(days=rng.randint(5, 40))
        holidays.append(day)
    cal = Cal(holidays)
    tasks = []
    for uid in range(1, n + 1):
        milestone = rng.random() < 0.08
        days = 0 if milestone else rng.randint(1, 10)
        t = {"uid": uid, "days": days, "milestone": milestone, "preds": [], "manual": None,
             "constraint": (0, None)}
        r = rng.random()
        if r < 0.06 and not milestone:
            s = cal.next_day(start.date(), 1) if False else start.date()
            for _ in range(rng.randint(0, 60)):
                s = cal.next_day(s)
            t["manual"] = (dt.datetime.combine(s, dt.time(8)), cal.add_days(s, days))
        elif r < 0.16:
            kind = rng.choice([2, 3, 4, 5, 6, 7])
            s = start.date()
            for _ in range(rng.randint(0, 80)):
                s = cal.next_day(s)
            at = dt.datetime.combine(s, dt.time(17 if kind in (3, 6, 7) else 8))
            t["constraint"] = (kind, at)
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3]) if uid > 1 else 0):
            p = rng.randint(max(1, uid - 30), uid - 1)
            if any(x[0] == p for x in t["preds"]):
                continue
            ty = rng.choice([1, 1, 1, 1, 0, 2, 3])  # MSPDI: 0 FF, 1 FS, 2 SF, 3 SS
            lr = rng.random()
            if lr < 0.6:
                lag, fmt = 0, 7
            elif lr < 0.75:
                lag, fmt = rng.randint(1, 5) * D, 7
            elif lr < 0.85:
                lag, fmt = -rng.randint(1, 3) * D, 7
            else:
                lag, fmt = rng.randint(1, 6) * 1440, 8  # elapsed days
            t["preds"].append((p, ty, lag, fmt))
        tasks.append(t)
    return cal, tasks


def add_resources(rng, cal, tasks, start):
    """Five resources on their own calendars with vacations; assignments on about a third of
    the automatically scheduled tasks that have a duration."""
    resources = []
    for k in range(1, 6):
        vacations = []
        for _ in range(rng.randint(0, 2)):
            d = start.date()
            for _ in range(rng.randint(0, 90)):
                d = cal.next_day(d)
            vacations.append((d, d + dt.timedelta(days=rng.randint(1, 8))))
        # MS Project refuses overlapping exceptions on one calendar: merge them (the random
        # draws stay the same, so the networks do).
        merged = []
        for a, b in sorted(vacations):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        resources.append({"uid": k, "vacations": merged})
    for t in tasks:
        t["assign"] = []
        if t["manual"] or t["milestone"] or rng.random() >= 0.35:
            continue
        t["assign"] = rng.sample([r["uid"] for r in resources], rng.choice([1, 1, 2]))
    return resources


def add_progress(rng, cal, tasks, start):
    """Among the first 30 tasks, about a quarter started: 25 or 50 % complete, or finished."""
    for t in tasks[:30]:
        t["progress"] = None
        if t["manual"] or t["milestone"] or t.get("assign") or rng.random() >= 0.25:
            continue
        s = start.date()
        for _ in range(rng.randint(0, 3)):
            s = cal.next_day(s)
        pct = rng.choice([25, 50, 100])
        t["progress"] = (dt.datetime.combine(s, dt.time(8)), pct,
                         cal.add_days(s, t["days"]) if pct == 100 else None)


def mspdi(start, cal, tasks, resources=()):
    f = lambda d: d.strftime("%Y-%m-%dT%H:%M:%S")
    out = io.StringIO()
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
    w('<Project xmlns="http://schemas.microsoft.com/project"><SaveVersion>14</SaveVersion>')
    w(f"<Name>diff.xml</Name><ScheduleFromStart>1</ScheduleFromStart><StartDate>{f(start)}</StartDate>")
    w("<CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay><MinutesPerWeek>2400</MinutesPerWeek>")
    w("<DaysPerMonth>20</DaysPerMonth><DurationFormat>7</DurationFormat><HonorConstraints>1</HonorConstraints>")
    w("<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>")
    w("<BaseCalendarUID>-1</BaseCalendarUID><WeekDays>")
    for d in range(1, 8):
        if d in (1, 7):
            w(f"<WeekDay><DayType>{d}</DayType><DayWorking>0</DayWorking></WeekDay>")
        else:
            w(f"<WeekDay><DayType>{d}</DayType><DayWorking>1</DayWorking><WorkingTimes>"
              "<WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>"
              "<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime>"
              "</WorkingTimes></WeekDay>")
    w("</WeekDays><Exceptions>")
    for h in sorted(cal.holidays):
        w(f"<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>{h}T00:00:00</FromDate>"
          f"<ToDate>{h}T23:59:00</ToDate></TimePeriod><Occurrences>1</Occurrences><Name>H</Name>"
          "<Type>1</Type><DayWorking>0</DayWorking></Exception>")
    w("</Exceptions></Calendar>")
    for r in resources:
        w(f"<Calendar><UID>{10 + r['uid']}</UID><Name>R{r['uid']}</Name><IsBaseCalendar>0</IsBaseCalendar>"
          "<BaseCalendarUID>1</BaseCalendarUID><Exceptions>")
        for a, b in r["vacations"]:
            w(f"<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>{a}T00:00:00</FromDate>"
              f"<ToDate>{b}T23:59:00</ToDate></TimePeriod><Occurrences>1</Occurrences><Name>Vacation</Name>"
              "<Type>1</Type><DayWorking>0</DayWorking></Exception>")
        w("</Exceptions></Calendar>")
    w("</Calendars><Tasks>")
    w(f"<Task><UID>0</UID><ID>0</ID><Name>diff</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>")
    for t in tasks:
        u = t["uid"]
        w(f"<Task><UID>{u}</UID><ID>{u}</ID><Name>T{u}</Name><Active>1</Active>")
        w(f"<Manual>{1 if t['manual'] else 0}</Manual><Type>{0 if t.get('assign') else 1}</Type><IsNull>0</IsNull>")
        w(f"<OutlineNumber>{u}</OutlineNumber><OutlineLevel>1</OutlineLevel>")
        if t["manual"]:
            s, e = t["manual"]
            w(f"<Start>{f(s)}</Start><Finish>{f(e)}</Finish><ManualStart>{f(s)}</ManualStart>"
              f"<ManualFinish>{f(e)}</ManualFinish>")
        w(f"<Duration>PT{t['days'] * 8}H0M0S</Duration><DurationFormat>7</DurationFormat>")
        w(f"<Milestone>{1 if t['milestone'] else 0}</Milestone><Summary>0</Summary>")
        if t.get("progress"):
            at, pct, fin = t["progress"]
            done = t["days"] * 8 * pct / 100
            w(f"<ActualStart>{f(at)}</ActualStart><PercentComplete>{pct}</PercentComplete>"
              f"<ActualDuration>PT{int(done)}H{int(done * 60) % 60}M0S</ActualDuration>"
              f"<RemainingDuration>PT{int(t['days'] * 8 - done)}H{int((t['days'] * 8 - done) * 60) % 60}M0S</RemainingDuration>")
            if fin:
                w(f"<ActualFinish>{f(fin)}</ActualFinish>")
        kind, at = t["constraint"]
        w(f"<ConstraintType>{kind}</ConstraintType>")
        if at:
            w(f"<ConstraintDate>{f(at)}</ConstraintDate>")
        w("<CalendarUID>-1</CalendarUID>")
        for p, ty, lag, fmt in t["preds"]:
            w(f"<PredecessorLink><PredecessorUID>{p}</PredecessorUID><Type>{ty}</Type>"
              f"<CrossProject>0</CrossProject><LinkLag>{lag * 10}</LinkLag><LagFormat>{fmt}</LagFormat></PredecessorLink>")
        w("</Task>")
    w("</Tasks>")
    if resources:
        w("<Resources>")
        for r in resources:
            w(f"<Resource><UID>{r['uid']}</UID><ID>{r['uid']}</ID><Name>R{r['uid']}</Name><Type>1</Type>"
              f"<MaxUnits>1</MaxUnits><CalendarUID>{10 + r['uid']}</CalendarUID></Resource>")
        w("</Resources><Assignments>")
        n = 0
        for t in tasks:
            for r in t.get("assign", []):
                n += 1
                work = f"PT{t['days'] * 8}H0M0S"
                w(f"<Assignment><UID>{n}</UID><TaskUID>{t['uid']}</TaskUID><ResourceUID>{r}</ResourceUID>"
                  f"<Units>1</Units><Work>{work}</Work><ActualWork>PT0H0M0S</ActualWork>"
                  f"<RemainingWork>{work}</RemainingWork></Assignment>")
        w("</Assignments>")
    w("</Project>\n")
    return out.getvalue()


def features(tasks, uid):
    """What a task is, to classify a difference by cause: its mode, constraint and links
    (MSPDI types 0 FF, 1 FS, 2 SF, 3 SS; lag format 7 working, 8 elapsed)."""
    t = tasks[uid - 1]
    succs = [(s["uid"], ty, lag, fmt) for s in tasks for (p, ty, lag, fmt) in s["preds"] if p == uid]
    return {"manual": bool(t["manual"]), "milestone": t["milestone"], "days": t["days"],
            "assign": t.get("assign", []), "progress": t.get("progress"),
            "constraint": t["constraint"][0], "preds": t["preds"], "succs": succs,
            "manual_preds": [p for (p, *_ ) in t["preds"] if tasks[p - 1]["manual"]],
            "manual_succs": [s for (s, *_ ) in succs if tasks[s - 1]["manual"]]}


def parse(s):
    s = s.strip()
    for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"):
        try:
            return dt.datetime.strptime(s, fmt)
        except ValueError:
            pass
    raise ValueError(s)


def main():
    oracle = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    feats = set(filter(None, (sys.argv[4] if len(sys.argv) > 4 else "").split(",")))
    if feats - {"resources", "progress"}:
        sys.exit(f"unknown features: {', '.join(sorted(feats - {'resources', 'progress'}))}")
    start = dt.datetime(2027, 1, 4, 8)
    total = exact = 0
    per_field = {}
    examples = []
    dump = open(os.environ["MPXJ_DIFF_DUMP"], "w") if os.environ.get("MPXJ_DIFF_DUMP") else None
    for k in range(count):
        rng = random.Random(seed * 1000 + k)
        cal, tasks = network(rng, 150, start)
        resources = add_resources(rng, cal, tasks, start) if "resources" in feats else []
        if "progress" in feats:
            add_progress(rng, cal, tasks, start)
        with tempfile.TemporaryDirectory() as d:
            xml = os.path.join(d, "n.xml")
            open(xml, "w").write(mspdi(start, cal, tasks, resources))
            if os.environ.get("MPXJ_DIFF_KEEP"):
                import shutil
                shutil.copy(xml, f"{os.environ['MPXJ_DIFF_KEEP']}-{k}.xml")
            m = subprocess.run([sys.executable, oracle, xml], capture_output=True, text=True)
            if m.returncode != 0:
                print(f"network {k}: MPXJ failed: {m.stderr.strip().splitlines()[-1:]}")
                continue
            mp = {int(r["uid"]): r for r in csv.DictReader(io.StringIO(m.stdout))}
            plan = os.path.join(d, "n.admiral")
            subprocess.run([ADMIRAL, "import", xml, "--into", plan], check=True, capture_output=True)
            a = json.loads(subprocess.run([ADMIRAL, "schedule", plan, "--json"], check=True,
                                          capture_output=True, text=True).stdout)
        ad = {int(t["key"]): t for t in a["tasks"]}
        for uid, r in mp.items():
            if uid not in ad:
                continue
            t = ad[uid]
            total += 1
            diffs = []
            for f_m, f_a in [("early_start", "early_start"), ("early_finish", "early_finish"),
                             ("late_start", "late_start"), ("late_finish", "late_finish")]:
                if cal.norm(parse(r[f_m])) != cal.norm(parse(t[f_a])):
                    diffs.append((f_m, r[f_m], t[f_a]))
            for f_m, f_a in [("total_slack_min", "total_float_min"), ("free_slack_min", "free_float_min")]:
                if round(float(r[f_m] or 0)) != t[f_a]:
                    diffs.append((f_m, r[f_m], t[f_a]))
            if (r["critical"] == "1") != t["critical"]:
                diffs.append(("critical", r["critical"], t["critical"]))
            if not diffs:
                exact += 1
            for f_, want, got in diffs:
                per_field[f_] = per_field.get(f_, 0) + 1
            if diffs and len(examples) < 15:
                examples.append((k, uid, diffs[:2]))
            if dump is not None and diffs:
                dump.write(json.dumps({"network": k, "uid": uid, "diffs": diffs,
                                       "task": features(tasks, uid)}, default=str) + "\n")
        print(f"network {k}: {total} tasks so far, {exact} exact", flush=True)
    print(f"\n{exact} of {total} tasks exact on all seven values")
    print("differences by field:", per_field)
    for e in examples:
        print("  network %d task %d: %s" % e)


if __name__ == "__main__":
    main()
