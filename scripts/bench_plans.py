#!/usr/bin/env python3
"""Writes one generated task network in two formats, for scripts/bench.sh (not CI):
MS Project XML (MSPDI, read by Admiral and MPXJ) and a TaskJuggler project (tj3).

Use: python3 scripts/bench_plans.py TASKS SEED OUT_PREFIX [staffed]
writes OUT_PREFIX.xml and OUT_PREFIX.tjp; with `staffed`, the MSPDI file also has issue
16's resource workload: 50 people, each on a calendar of their own (Standard with two
week-long vacations), two of them on every task with a duration at 100 % with the task's
work (fixed units): each task spans its assignments on their calendars (MS Project and
Admiral only; the .tjp stays the plain network).

The network is what all three tools schedule alike: the Standard calendar (Mon-Fri
08:00-12:00, 13:00-17:00), tasks of 1-10 working days (8 % milestones), each with 0-3
finish-to-start predecessors among the 30 tasks before it, a quarter of those links with a
lag of 1-3 working days. No constraints, resources or manual tasks (tj3 models those
differently), so the three schedules are the same CPM problem.
"""
import random
import sys


def network(n, seed):
    rng = random.Random(seed)
    tasks = []
    for uid in range(1, n + 1):
        milestone = rng.random() < 0.08
        days = 0 if milestone else rng.randint(1, 10)
        preds = []
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3]) if uid > 1 else 0):
            p = rng.randint(max(1, uid - 30), uid - 1)
            if any(q == p for q, _ in preds):
                continue
            lag = rng.randint(1, 3) if rng.random() < 0.25 else 0
            preds.append((p, lag))
        tasks.append({"uid": uid, "days": days, "milestone": milestone, "preds": preds})
    return tasks


def mspdi(tasks, staffed=False):
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
    w('<Project xmlns="http://schemas.microsoft.com/project"><SaveVersion>14</SaveVersion>')
    w("<Name>bench.xml</Name><ScheduleFromStart>1</ScheduleFromStart>")
    w("<StartDate>2027-01-04T08:00:00</StartDate>")
    w("<CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay><MinutesPerWeek>2400</MinutesPerWeek>")
    w("<DaysPerMonth>20</DaysPerMonth><DurationFormat>7</DurationFormat>")
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
    w("</WeekDays></Calendar>")
    rng = random.Random(7)
    people = 50 if staffed else 0
    for r in range(1, people + 1):
        w(f"<Calendar><UID>{100 + r}</UID><Name>Person {r}</Name><IsBaseCalendar>0</IsBaseCalendar>"
          "<BaseCalendarUID>1</BaseCalendarUID><Exceptions>")
        for _ in range(2):
            day = rng.randint(0, 200)
            a = f"2027-{1 + day // 28:02d}-{1 + day % 28:02d}"
            b = f"2027-{1 + day // 28:02d}-{min(28, 5 + day % 28):02d}"
            w(f"<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>{a}T00:00:00</FromDate>"
              f"<ToDate>{b}T23:59:00</ToDate></TimePeriod><Occurrences>1</Occurrences><Name>Vacation</Name>"
              "<Type>1</Type><DayWorking>0</DayWorking></Exception>")
        w("</Exceptions></Calendar>")
    w("</Calendars><Tasks>")
    w("<Task><UID>0</UID><ID>0</ID><Name>bench</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>")
    for t in tasks:
        u = t["uid"]
        w(f"<Task><UID>{u}</UID><ID>{u}</ID><Name>T{u}</Name><Active>1</Active><Manual>0</Manual>")
        kind = 0 if staffed and t["days"] else 1
        w(f"<Type>{kind}</Type><IsNull>0</IsNull><OutlineNumber>{u}</OutlineNumber><OutlineLevel>1</OutlineLevel>")
        w(f"<Duration>PT{t['days'] * 8}H0M0S</Duration><DurationFormat>7</DurationFormat>")
        w(f"<Milestone>{1 if t['milestone'] else 0}</Milestone><Summary>0</Summary>")
        w("<ConstraintType>0</ConstraintType><CalendarUID>-1</CalendarUID>")
        for p, lag in t["preds"]:
            w(f"<PredecessorLink><PredecessorUID>{p}</PredecessorUID><Type>1</Type>"
              f"<CrossProject>0</CrossProject><LinkLag>{lag * 4800}</LinkLag>"
              "<LagFormat>7</LagFormat></PredecessorLink>")
        w("</Task>")
    w("</Tasks>")
    if people:
        w("<Resources>")
        for r in range(1, people + 1):
            w(f"<Resource><UID>{r}</UID><ID>{r}</ID><Name>Person {r}</Name><Type>1</Type>"
              f"<MaxUnits>1</MaxUnits><CalendarUID>{100 + r}</CalendarUID></Resource>")
        w("</Resources><Assignments>")
        n = 0
        for t in tasks:
            if not t["days"]:
                continue
            first = rng.randint(1, people)
            for k in range(2):
                n += 1
                work = f"PT{t['days'] * 8}H0M0S"
                w(f"<Assignment><UID>{n}</UID><TaskUID>{t['uid']}</TaskUID>"
                  f"<ResourceUID>{(first + 7 * k - 1) % people + 1}</ResourceUID><Units>1</Units>"
                  f"<Work>{work}</Work><ActualWork>PT0H0M0S</ActualWork>"
                  f"<RemainingWork>{work}</RemainingWork></Assignment>")
        w("</Assignments>")
    w("</Project>\n")
    return "".join(out)


def tjp(tasks):
    out = []
    w = out.append
    w('project bench "Bench" 2027-01-04 +40y {\n  timezone "UTC"\n  timeformat "%Y-%m-%d %H:%M"\n')
    w("  workinghours mon-fri 8:00 - 12:00, 13:00 - 17:00\n  workinghours sat, sun off\n}\n")
    w('task root "Bench" {\n  start 2027-01-04-08:00\n')
    for t in tasks:
        u = t["uid"]
        w(f'  task t{u} "T{u}" {{')
        w(" milestone" if t["milestone"] else f" length {t['days']}d")
        for p, lag in t["preds"]:
            w(f" depends root.t{p}" + (f" {{ gaplength {lag}d }}" if lag else ""))
        w(" }\n")
    w("}\n")
    w('taskreport schedule "schedule" {\n  formats csv\n  columns id, start, end\n}\n')
    return "".join(out)


def main():
    n, seed, prefix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    staffed = len(sys.argv) > 4 and sys.argv[4] == "staffed"
    tasks = network(n, seed)
    with open(prefix + ".xml", "w") as f:
        f.write(mspdi(tasks, staffed))
    with open(prefix + ".tjp", "w") as f:
        f.write(tjp(tasks))


if __name__ == "__main__":
    main()
