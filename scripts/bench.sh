#!/usr/bin/env bash
# Whole-process speed of the `admiral` CLI (issue #20), measured with hyperfine on generated
# plans, side by side with MPXJ and TaskJuggler on the same MSPDI network, in one run; prints
# one table of figures, goals and ratios. Not part of CI (it takes minutes: tj3 is slow).
#
#   bash scripts/bench.sh            # release build, tools installed when missing
#   ADMIRAL_BENCH_QUICK=1 bash ...   # skip tj3 (minutes per run at 5k tasks)
#
# Installs what is missing: hyperfine and tj3 (apt), Java (apt), MPXJ + JPype in a Python
# venv under target/bench-venv. Works in target/bench (plans, outputs, hyperfine JSON).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WORK=$ROOT/target/bench
VENV=$ROOT/target/bench-venv
mkdir -p "$WORK"
export ADMIRAL_CONFIG_DIR=$WORK/config

apt_install() {
  if [ "$(id -u)" = 0 ]; then apt-get install -y "$@"; else sudo apt-get install -y "$@"; fi
}
command -v hyperfine >/dev/null || apt_install hyperfine
command -v java >/dev/null || apt_install default-jre-headless
command -v tj3 >/dev/null || apt_install tj3
[ -x /usr/bin/time ] || apt_install time
if ! "$VENV/bin/python" -c 'import mpxj, jpype' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q mpxj JPype1
fi

cargo build --release -j 2 -p admiral-cli
A=$ROOT/target/release/admiral
cd "$WORK"
rm -f ./*.admiral ./*.admiral-wal ./*.admiral-shm
# No figure of an earlier run in this one (a quick run would report its tj3 ratio).
rm -f schedule.json report.json simulate.json import.json tj3.json

echo "== plans"
"$A" demo p100k.admiral --tasks 100000
"$A" demo p1k.admiral --tasks 1000
"$A" demo p500.admiral --tasks 500
python3 "$ROOT/scripts/bench_plans.py" 5000 1 n5k
SIZE=$(stat -c %s p100k.admiral)

echo "== peak memory of schedule --json, 100k tasks"
/usr/bin/time -v "$A" schedule p100k.admiral --json 2>time.txt >/dev/null
RSS_KB=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' time.txt)

hf() { hyperfine --style basic --export-json "$1.json" "${@:2}"; }
echo "== hyperfine"
hf schedule --warmup 2 --runs 10 "$A schedule p100k.admiral --json > /dev/null"
hf report --warmup 1 --runs 10 --prepare 'rm -f r500.pdf' \
  "$A report p500.admiral --out r500.pdf --iterations 10000"
hf simulate --warmup 1 --runs 10 "$A simulate p1k.admiral --iterations 10000"
hf import --warmup 2 --runs 10 --prepare 'rm -f i5k.admiral' \
  -n admiral "$A import n5k.xml --into i5k.admiral > /dev/null && $A schedule i5k.admiral --json > /dev/null" \
  -n mpxj "$VENV/bin/python $ROOT/scripts/mpxj_schedule.py n5k.xml > /dev/null" \
  -n "admiral, no plan file" "$A schedule n5k.xml --json > /dev/null"
if [ -z "${ADMIRAL_BENCH_QUICK:-}" ]; then
  mkdir -p tj
  hf tj3 --runs 2 -n tj3 "tj3 --silent --no-color -o tj n5k.tjp > /dev/null 2>&1"
fi

python3 - "$SIZE" "$RSS_KB" <<'EOF'
import json, os, sys
size, rss_kb = int(sys.argv[1]), int(sys.argv[2])
def mean(name, i=0):
    if not os.path.exists(name + ".json"):
        return None
    return json.load(open(name + ".json"))["results"][i]["mean"]
rows = [("100k-task plan file", f"{size / 1e6:.1f} MB", "<= 40 MB"),
        ("schedule --json, 100k tasks", f"{mean('schedule'):.3f} s", "<= 0.5 s"),
        ("  peak memory", f"{rss_kb / 1024:.0f} MB", "<= 200 MB"),
        ("report, 500 tasks, all sections, MC 10k", f"{mean('report') * 1000:.0f} ms", "<= 300 ms"),
        ("simulate 1k tasks x 10k", f"{mean('simulate'):.3f} s", "<= 0.5 s")]
adm, mp, direct, tj = mean("import", 0), mean("import", 1), mean("import", 2), mean("tj3")
rows.append(("import + schedule 5k MSPDI: Admiral", f"{adm * 1000:.0f} ms", ""))
rows.append(("  MPXJ (JVM start included)", f"{mp:.2f} s = {mp / adm:.0f}x", ">= 20x"))
if tj is not None:
    rows.append(("  TaskJuggler tj3", f"{tj:.1f} s = {tj / adm:.0f}x", ">= 1000x"))
# As MPXJ and tj3 work: the file read and scheduled, no plan file made.
rows.append(("schedule n5k.xml --json (no plan file)", f"{direct * 1000:.0f} ms", ""))
rows.append(("  MPXJ", f"{mp / direct:.0f}x", ">= 20x"))
if tj is not None:
    rows.append(("  TaskJuggler tj3", f"{tj / direct:.0f}x", ">= 1000x"))
w = max(len(r[0]) for r in rows)
print(f"\n{'measure':<{w}}  {'figure':>18}  goal")
for name, fig, goal in rows:
    print(f"{name:<{w}}  {fig:>18}  {goal}")
EOF
