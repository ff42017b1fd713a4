#!/usr/bin/env python3
"""Writes one generated task network in two formats, for scripts/bench.sh (not CI):
MS Project XML (MSPDI, read by Admiral and MPXJ) and a TaskJuggler project (tj3).

Use: python3 scripts/bench_plans.py TASKS SEED OUT_PREFIX
writes OUT_PREFIX.xml and OUT_PREFIX.tjp.

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


def mspdi(tasks):
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
    w("</WeekDays></Calendar></Calendars><Tasks>")
    w("<Task><UID>0</UID><ID>0</ID><Name>bench</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>")
    for t in tasks:
        u = t["uid"]
        w(f"<Task><UID>{u}</UID><ID>{u}</ID><Name>T{u}</Name><Active>1</Active><Manual>0</Manual>")
        w(f"<Type>1</Type><IsNull>0</IsNull><OutlineNumber>{u}</OutlineNumber><OutlineLevel>1</OutlineLevel>")
        w(f"<Duration>PT{t['days'] * 8}H0M0S</Duration><DurationFormat>7</DurationFormat>")
        w(f"<Milestone>{1 if t['milestone'] else 0}</Milestone><Summary>0</Summary>")
        w("<ConstraintType>0</ConstraintType><CalendarUID>-1</CalendarUID>")
        for p, lag in t["preds"]:
            w(f"<PredecessorLink><PredecessorUID>{p}</PredecessorUID><Type>1</Type>"
              f"<CrossProject>0</CrossProject><LinkLag>{lag * 4800}</LinkLag>"
              "<LagFormat>7</LagFormat></PredecessorLink>")
        w("</Task>")
    w("</Tasks></Project>\n")
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
    tasks = network(n, seed)
    with open(prefix + ".xml", "w") as f:
        f.write(mspdi(tasks))
    with open(prefix + ".tjp", "w") as f:
        f.write(tjp(tasks))


if __name__ == "__main__":
    main()
