#!/usr/bin/env bash
# MPXJ reads back what Admiral exports: every corpus file with baselines (`baselines`,
# `generated_task-baselines_*`) is imported into a new plan and exported as MSPDI, and MPXJ's
# reading of the export (scripts/mpxj_baselines.py: baselines 0–10 of tasks, assignments and
# resources, fixed cost and accrual) must equal its reading of the original, line for line.
# A development aid (it needs the JVM, which the project's own tests stay free of); the last
# run is recorded in docs/earned-value.md.
# Use: bash scripts/mpxj_baselines.sh VENV/bin/python [ADMIRAL] [CORPUS]
set -euo pipefail
py=${1:?usage: bash scripts/mpxj_baselines.sh VENV/bin/python [ADMIRAL] [CORPUS]}
here=$(cd "$(dirname "$0")" && pwd)
admiral=${2:-$here/../target/debug/admiral}
corpus=${3:-$here/../tests/fixtures/mspdi-corpus}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export ADMIRAL_CONFIG_DIR="$work/config"
rc=0
for gz in "$corpus"/baselines.xml.gz "$corpus"/generated_task-baselines_*.xml.gz; do
  name=$(basename "$gz" .xml.gz)
  gunzip -c "$gz" >"$work/$name.xml"
  "$admiral" import "$work/$name.xml" --into "$work/$name.admiral" >/dev/null
  "$admiral" export "$work/$name.admiral" --format mspdi --out "$work/$name.out.xml" >/dev/null
  "$py" "$here/mpxj_baselines.py" "$work/$name.xml" >"$work/$name.in.txt"
  "$py" "$here/mpxj_baselines.py" "$work/$name.out.xml" >"$work/$name.out.txt"
  lines=$(wc -l <"$work/$name.in.txt")
  if diff -u "$work/$name.in.txt" "$work/$name.out.txt" >"$work/$name.diff"; then
    echo "$name: the same $lines values read back"
  else
    echo "$name: MPXJ reads back different values ($lines in the original):"
    head -40 "$work/$name.diff"
    rc=1
  fi
done

# A plan of Admiral's own: the demo (resources and assignments) with fixed costs of each
# accrual, one on a summary, baseline 0 for the whole plan and baseline 4 for one release
# after a slip; MPXJ's reading of its export must equal Admiral's own values.
plan="$work/own.admiral"
"$admiral" demo "$plan" >/dev/null
"$admiral" task set "$plan" 3 --fixed-cost 1200 --accrual start >/dev/null
"$admiral" task set "$plan" 10 --fixed-cost 2500.50 >/dev/null
"$admiral" task set "$plan" 8 --fixed-cost 700 --accrual end >/dev/null
"$admiral" baseline set "$plan" --number 0 --name Commit >/dev/null
"$admiral" task set "$plan" 10 --duration 9d --fixed-cost 3000 --accrual end >/dev/null
release=$("$admiral" show "$plan" --json | "$py" -c 'import json, sys; print(json.load(sys.stdin)["releases"][0]["code"])')
"$admiral" baseline set "$plan" --number 4 --name "After the slip" --release "$release" >/dev/null
"$admiral" export "$plan" --format mspdi --out "$work/own.xml" >/dev/null
"$admiral" show "$plan" --json >"$work/own.json"
"$py" "$here/mpxj_baselines.py" --admiral "$work/own.json" >"$work/own.in.txt"
"$py" "$here/mpxj_baselines.py" --by-id "$work/own.xml" >"$work/own.out.txt"
lines=$(wc -l <"$work/own.in.txt")
if diff -u "$work/own.in.txt" "$work/own.out.txt" >"$work/own.diff"; then
  echo "demo plan with fixed costs and baselines 0 and 4: MPXJ reads Admiral's $lines values"
  grep -c '^assignment' "$work/own.in.txt" | sed 's/^/  assignment baseline values: /'
else
  echo "demo plan with fixed costs and baselines 0 and 4: MPXJ reads different values ($lines Admiral's):"
  head -60 "$work/own.diff"
  rc=1
fi
exit $rc
