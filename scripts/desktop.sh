#!/usr/bin/env bash
# The desktop app's own steps, called from scripts/setup.sh (run as root on Debian 12):
#   bash scripts/desktop.sh install   apt packages for Tauri and the E2E run, npm ci, build the UI
#   bash scripts/desktop.sh e2e       svelte-check + vitest, then the debug app's E2E suite under Xvfb
#   bash scripts/desktop.sh run PLAN  launch the debug app on PLAN (or on the start screen)
# Idempotent. The debug build in target/debug is the one `cargo test` uses too.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n==> %s\n' "$*"; }

APT_PACKAGES=(libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb xauth)

install() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  if ! command -v npm >/dev/null 2>&1; then
    step "apt-get install nodejs npm"
    apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  # Vite 7 needs Node 20.19 or later; Debian 12's own nodejs is 18.
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "desktop.sh: Node.js >= 20.19 is needed to build the UI (found $(node -v)); install Node 20 LTS" >&2
    exit 1
  fi
  step "npm ci (ui, tests/e2e)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  # Not `npm ci`: tauri-driver lists optional packages for macOS and Windows that the
  # registry here does not serve, so the lock file cannot hold them and `npm ci` refuses it.
  (cd tests/e2e && npm install --no-audit --no-fund --loglevel=error)
  build_ui
}

# tauri's build script embeds ui/dist, so the UI is built before any cargo build of the app.
build_ui() {
  step "building the UI (ui/dist)"
  (cd ui && npm run build --silent)
}

# Rebuilding an unchanged UI would make cargo rebuild the app; skip it when dist is fresh.
build_ui_if_stale() {
  if [ ! -f ui/dist/index.html ] ||
    [ -n "$(find ui/src ui/public ui/index.html ui/package.json -newer ui/dist/index.html -print -quit)" ]; then
    build_ui
  fi
}

# The same build `cargo test --workspace` makes (same features, so nothing is built twice):
# it leaves target/debug/admiral-desktop and target/debug/admiral behind for the E2E run.
build_app() {
  build_ui_if_stale
  step "cargo test --workspace --no-run (the debug build the tests share)"
  cargo test --workspace --no-run --quiet
}

e2e() {
  step "front-end checks: svelte-check and vitest"
  (cd ui && npm run check --silent && npm test --silent)
  build_app
  local display=":${ADMIRAL_XVFB_DISPLAY:-99}" xvfb_pid=""
  if [ -z "${DISPLAY:-}" ]; then
    step "starting Xvfb on $display"
    Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    export DISPLAY="$display"
    sleep 1
  fi
  step "E2E suite (tauri-driver + WebKitWebDriver); screenshots in artifacts/e2e/"
  local rc=0
  (cd tests/e2e && node run.mjs) || rc=$?
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  return "$rc"
}

run_app() {
  build_ui_if_stale
  cargo build -p admiral-desktop
  exec ./target/debug/admiral-desktop "$@"
}

case "${1:-}" in
  install) install ;;
  e2e) e2e ;;
  run) shift; run_app "$@" ;;
  *)
    echo "usage: bash scripts/desktop.sh install|e2e|run [PLAN]" >&2
    exit 2
    ;;
esac
