#!/usr/bin/env python3
"""Prints every baseline value MPXJ reads from an MSPDI file, and each task's fixed cost and
its accrual, one line per task, assignment or resource and baseline number: to check that a
file Admiral exported carries the same values as the MS Project file it imported.

Durations and work are printed in minutes and money to the cent, whatever units the file
wrote them in, so that two files that say the same thing print the same lines. Tasks are named
by UID, resources by name, assignments by task UID and resource name.

`--by-id` names tasks by their ID (row number) instead: an Admiral plan's tasks get fresh UIDs
on export. `--admiral PLAN.json` prints the same lines from `admiral show PLAN --json` (Admiral's
own values, tasks by number), without MPXJ, to compare with MPXJ's reading of that plan's export.

Set-up: python3 -m venv VENV && VENV/bin/pip install mpxj JPype1
Use:    admiral import IN.xml --into p.admiral && admiral export p.admiral --format mspdi --out OUT.xml
        diff <(VENV/bin/python scripts/mpxj_baselines.py IN.xml) <(VENV/bin/python scripts/mpxj_baselines.py OUT.xml)
or, for every corpus file with baselines and a plan of Admiral's own:
        bash scripts/mpxj_baselines.sh VENV/bin/python
"""
import json
import sys
from datetime import datetime


def money(n):
    return "-" if n is None else "%.2f" % float(n)


def admiral(path):
    """Admiral's own values, from `admiral show PLAN --json`, in the lines MPXJ's give."""
    plan = json.load(open(path))
    number = {t["id"]: t["number"] for t in plan["tasks"]}
    rname = {r["id"]: r["name"] for r in plan["resources"]}
    assigned = {a["id"]: (number[a["task_id"]], rname[a["resource_id"]]) for a in plan["assignments"]}

    def cents(c):
        return "-" if c is None else "%.2f" % (c / 100)

    def mins(m):
        return "-" if m is None else "%.1fmin" % m

    def date(d):  # as Java's LocalDateTime prints it
        if d is None:
            return "-"
        t = datetime.fromisoformat(d)
        return t.strftime("%Y-%m-%dT%H:%M") + (t.strftime(":%S") if t.second else "")

    out = []
    for t in sorted(plan["tasks"], key=lambda t: t["number"]):
        f = t.get("fixed_cost") or {"amount": 0}
        if f["amount"]:
            out.append(("task", t["number"], "fixed", cents(f["amount"]), f["accrual"].upper()))
    bs = sorted(plan.get("baselines") or [], key=lambda b: b["number"])
    for t in sorted(plan["tasks"], key=lambda t: t["number"]):
        for b in bs:
            for v in b["tasks"]:
                if v["task_id"] == t["id"]:
                    out.append(("task", t["number"], b["number"], date(v["start"]), date(v["finish"]),
                                mins(v["duration"]), mins(v["work"]), cents(v["cost"])))
    rows = []
    for b in bs:
        for v in b["assignments"]:
            tn, rn = assigned[v["assignment_id"]]
            rows.append(((tn, rn, b["number"]), ("assignment", tn, rn, b["number"], date(v["start"]),
                                                 date(v["finish"]), mins(v["work"]), cents(v["cost"]))))
    out += [r for _, r in sorted(rows, key=lambda r: r[0])]
    for r in plan["resources"]:
        for b in bs:
            for v in b["resources"]:
                if v["resource_id"] == r["id"]:
                    out.append(("resource", r["name"], b["number"], mins(v["work"]), cents(v["cost"])))
    for line in out:
        print(*line)


if sys.argv[1] == "--admiral":
    admiral(sys.argv[2])
    sys.exit(0)

by_id = sys.argv[1] == "--by-id"
import jpype  # noqa: E402
import mpxj  # noqa: E402,F401  (puts MPXJ's jars on the class path)

jpype.startJVM()
from org.mpxj import TimeUnit  # noqa: E402
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

p = UniversalProjectReader().read(sys.argv[-1])
props = p.getProjectProperties()


def key(t):
    return int(t.getID()) if by_id else int(t.getUniqueID())


def minutes(d):
    return "-" if d is None else "%.1fmin" % float(d.convertUnits(TimeUnit.MINUTES, props).getDuration())


def date(d):
    return "-" if d is None else str(d)


def arg(n):
    return (n,) if n else ()


def values(o, n, fields):
    vals = [getattr(o, "getBaseline" + f)(*arg(n)) for f, _ in fields]
    if all(v is None for v in vals):
        return None
    return [fmt(v) for v, (_, fmt) in zip(vals, fields)]


TASK = [("Start", date), ("Finish", date), ("Duration", minutes), ("Work", minutes), ("Cost", money)]
ASSIGNMENT = [("Start", date), ("Finish", date), ("Work", minutes), ("Cost", money)]
RESOURCE = [("Work", minutes), ("Cost", money)]

tasks = [t for t in p.getTasks() if t.getUniqueID() is not None and int(t.getUniqueID()) != 0]
for t in sorted(tasks, key=key):
    if t.getFixedCost() is not None and float(t.getFixedCost()) != 0:
        print("task", key(t), "fixed", money(t.getFixedCost()), t.getFixedCostAccrual())
for t in sorted(tasks, key=key):
    uid = key(t)
    for n in range(11):
        v = values(t, n, TASK)
        if v:
            print("task", uid, n, *v)
rows = []
for a in p.getResourceAssignments():
    r = a.getResource()
    if r is None or a.getTask() is None:
        continue
    for n in range(11):
        v = values(a, n, ASSIGNMENT)
        if v:
            rows.append(((key(a.getTask()), str(r.getName()), n), v))
for (tk, rn, n), v in sorted(rows, key=lambda r: r[0]):
    print("assignment", tk, rn, n, *v)
for r in p.getResources():
    if r.getName() is None:
        continue
    for n in range(11):
        v = values(r, n, RESOURCE)
        if v:
            print("resource", r.getName(), n, *v)
