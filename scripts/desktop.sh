#!/usr/bin/env bash
# The desktop app's own steps, called from scripts/setup.sh (as root, or with sudo):
#   bash scripts/desktop.sh install   apt packages for Tauri and the E2E run, Node, npm ci, the UI
#   bash scripts/desktop.sh build     the debug build that `cargo test --workspace` makes too
#   bash scripts/desktop.sh e2e       that build's E2E suite under Xvfb
#   bash scripts/desktop.sh e2e-release  the same suites against the release build (issue 20's
#                                     speed goals are for it): ADMIRAL_E2E_SUITES=speed,speed100k
#   bash scripts/desktop.sh run PLAN  launch the debug app on PLAN (or on the start screen)
# Idempotent. svelte-check and vitest are run by `setup.sh test`, once.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/common.sh
. scripts/common.sh

# Vite 7 needs Node 20.19 or later.
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null
}

# A supported Node without asking: the distribution's where it is new enough (Debian 13's
# is 20.19), else the npm registry's `node` package (a Node 22 binary) in .tools/node, which
# scripts/common.sh puts first on PATH. Debian 12 and Ubuntu 24.04 ship Node 18.
install_node() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  if node_ok; then
    echo "Node.js: $(node -v) ($(command -v node))"
    return
  fi
  local old
  old="$(node -v 2>/dev/null || echo none)"
  step "installing Node.js 22 from the npm registry into .tools/node (the system's is $old; Vite needs 20.19 or newer)"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error node@22
  export PATH="$NODE_DIR/node_modules/.bin:$PATH"
  hash -r
  node_ok || die "Node.js from the npm registry's node package did not install (node -v: $(node -v 2>&1))"
  echo "Node.js: installed $(node -v) in .tools/node (the npm registry's node package); the system's is $old"
}

# `npm ci` in "$1", skipped when node_modules was installed from this very lock file.
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ -z "$(find "$dir/package-lock.json" "$dir/package.json" -newer "$stamp" -print -quit)" ]; then
    return
  fi
  step "npm ci ($dir)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}

install() {
  # sqlite3: the E2E reliability suite writes a cycle into a plan file behind the app's back.
  apt_install libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb xauth sqlite3
  install_node
  npm_ci ui
  # tauri-driver's optional packages for macOS and Windows are in the lock file without a
  # tarball (the registry here does not serve them); npm ci skips them on Linux, so the lock
  # file is used as it is and never rewritten.
  npm_ci tests/e2e
  build_ui_if_stale
}

# tauri's build script embeds ui/dist, so the UI is built before any cargo build of the app.
build_ui() {
  step "building the UI (ui/dist)"
  (cd ui && npm run build --silent)
}

# Rebuilding an unchanged UI would make cargo rebuild the app; skip it when dist is fresh.
build_ui_if_stale() {
  if [ ! -f ui/dist/index.html ] ||
    [ -n "$(find ui/src ui/public ui/index.html ui/package.json ui/package-lock.json ui/vite.config.ts ui/svelte.config.js -newer ui/dist/index.html -print -quit)" ]; then
    build_ui
  fi
}

# The same build `cargo test --workspace` makes (same packages, features and profile, so
# nothing is built twice): it leaves target/debug/admiral-desktop and target/debug/admiral
# behind for the E2E run and for `setup.sh run`. A `cargo build -p …` would not: the tests'
# dev-dependencies (tauri's "test" feature among them) change the features that the
# libraries are built with, so each would rebuild the other's tree.
build_app() {
  build_ui_if_stale
  step "cargo test --workspace --no-run (the one debug build, shared with the tests)"
  cargo test --workspace --no-run --quiet
}

e2e() {
  build_app
  run_e2e
}

# The release build a user gets (the UI embedded as in the debug build), and the E2E suites
# against it; not part of `setup.sh test` (a second build of the app).
e2e_release() {
  build_ui_if_stale
  step "cargo build --release -p admiral-desktop; cargo build --release -p admiral-cli"
  # Two builds, so that the CLI is the one scripts/bench.sh builds (one build of both would
  # unify their features and rebuild the CLI's crates each time the other script runs).
  cargo build --release -p admiral-desktop --quiet
  cargo build --release -p admiral-cli --quiet
  ADMIRAL_APP="$PWD/target/release/admiral-desktop" ADMIRAL_CLI="$PWD/target/release/admiral" run_e2e
}

# The E2E suites (ADMIRAL_E2E_SUITES picks some) on the binaries ADMIRAL_APP and ADMIRAL_CLI
# name (the debug build's by default), under Xvfb unless DISPLAY is set.
run_e2e() {
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
  build_app
  exec ./target/debug/admiral-desktop "$@"
}

case "${1:-}" in
  install) install ;;
  build) build_app ;;
  e2e) e2e ;;
  e2e-release) e2e_release ;;
  run) shift; run_app "$@" ;;
  *)
    echo "usage: bash scripts/desktop.sh install|build|e2e|e2e-release|run [PLAN]" >&2
    exit 2
    ;;
esac
