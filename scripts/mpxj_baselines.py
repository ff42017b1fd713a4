#!/usr/bin/env python3
"""Prints every baseline value MPXJ reads from an MSPDI file, one line per task or resource and
baseline number: to check that a file Admiral exported carries the same baselines as the
MS Project file it imported.

Set-up: python3 -m venv VENV && VENV/bin/pip install mpxj JPype1
Use:    admiral import IN.xml --into p.admiral && admiral export p.admiral --format mspdi --out OUT.xml
        diff <(VENV/bin/python scripts/mpxj_baselines.py IN.xml) <(VENV/bin/python scripts/mpxj_baselines.py OUT.xml)
"""
import sys

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

jpype.startJVM()
from org.mpxj.reader import UniversalProjectReader
p = UniversalProjectReader().read(sys.argv[1])
for t in p.getTasks():
    if t.getUniqueID() == 0: continue
    for n in range(11):
        a = (n,) if n else ()
        vals = (t.getBaselineStart(*a), t.getBaselineFinish(*a), t.getBaselineDuration(*a), t.getBaselineWork(*a), t.getBaselineCost(*a))
        if any(v is not None for v in vals):
            print("task", t.getUniqueID(), n, *[str(v) for v in vals])
for r in p.getResources():
    for n in range(11):
        a = (n,) if n else ()
        vals = (r.getBaselineWork(*a), r.getBaselineCost(*a))
        if any(v is not None for v in vals):
            print("resource", r.getName(), n, *[str(v) for v in vals])
