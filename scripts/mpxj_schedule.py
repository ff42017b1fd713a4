#!/usr/bin/env python3
"""MPXJ's side of scripts/bench.sh (not CI): read an MSPDI file with MPXJ, schedule it with
MPXJ's MicrosoftScheduler (its emulation of MS Project's CPM) and write every task's early
and late dates and floats as CSV: the work `admiral import` + `admiral schedule --json` does.

Set-up: python3 -m venv VENV && VENV/bin/pip install mpxj JPype1 (bench.sh does this).
Use:    VENV/bin/python scripts/mpxj_schedule.py PLAN.xml > schedule.csv
"""
import csv
import sys

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

jpype.startJVM()
from org.mpxj import Duration, TimeUnit  # noqa: E402
from org.mpxj.cpm import MicrosoftScheduler  # noqa: E402
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

project = UniversalProjectReader().read(sys.argv[1])
props = project.getProjectProperties()
for t in project.getTasks():  # the scheduler wants actual/remaining durations set
    if t.getDuration() is not None and t.getActualDuration() is None:
        t.setActualDuration(Duration.getInstance(0, TimeUnit.DAYS))
        t.setRemainingDuration(t.getDuration())
MicrosoftScheduler().schedule(project, props.getStartDate())

w = csv.writer(sys.stdout)
w.writerow(["uid", "early_start", "early_finish", "late_start", "late_finish", "total_slack",
            "free_slack", "critical"])
for t in project.getTasks():
    if t.getUniqueID() is None or int(t.getUniqueID()) == 0:
        continue
    w.writerow([int(t.getUniqueID()), t.getEarlyStart(), t.getEarlyFinish(), t.getLateStart(),
                t.getLateFinish(), t.getTotalSlack(), t.getFreeSlack(), int(bool(t.getCritical()))])
