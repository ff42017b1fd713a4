#!/usr/bin/env bash
# Admiral's one entry point for a fresh Debian 12 or 13 or Ubuntu 24.04 machine (as root, or
# as a user with sudo):
#   bash scripts/setup.sh run      install everything, build, and open the demo plan
#   bash scripts/setup.sh test     install the same, then run every test and check (CI)
#   bash scripts/setup.sh install  only install (what the two above start with)
# All are idempotent: a second run skips what is already installed, and `run` after `test`
# (or the other way round) reuses the one debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
case "$mode" in run | test | install) ;; *)
  echo "usage: bash scripts/setup.sh run|test|install" >&2
  exit 2
  ;;
esac
# shellcheck source=scripts/common.sh
. scripts/common.sh

# --- system packages -------------------------------------------------------
# fonts-wqy-microhei: the PDF report embeds a system font for Chinese, Japanese and Korean
# names (DejaVu Sans, which it carries, has none); the report's tests check it.
apt_install build-essential pkg-config ca-certificates curl poppler-utils fonts-wqy-microhei

# --- Rust toolchain -------------------------------------------------------
# Cargo.toml's rust-version is the oldest Rust that builds Admiral; rust-toolchain.toml pins
# the one it is tested with, which rustup installs. A cargo without rustup is used as it is
# when it is new enough (and, for `test`, has fmt and clippy).
need_rust="$(sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)"
pinned="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml | head -n1)"
cargo_version() { { cargo --version 2>/dev/null || true; } | awk '{print $2}'; }
cargo_usable() {
  local v
  v="$(cargo_version)"
  [ -n "$v" ] && version_ge "${v%%-*}" "$need_rust" || return 1
  [ "$mode" != test ] || { cargo fmt --version && cargo clippy --version; } >/dev/null 2>&1
}
if command -v rustup >/dev/null 2>&1; then
  # rustup reads rust-toolchain.toml; install the pinned toolchain only when it is missing,
  # so that a machine that has it never goes to the network.
  if ! rustup toolchain list | grep -q "^$pinned-"; then
    step "rustup toolchain install $pinned"
    rustup toolchain install "$pinned" --profile minimal -c rustfmt -c clippy
    rust_note="installed Rust $pinned with rustup (pinned by rust-toolchain.toml)"
  elif [ "$(rustup component list --installed --toolchain "$pinned" | grep -c -E '^(rustfmt|clippy)-')" != 2 ]; then
    step "rustup component add rustfmt clippy --toolchain $pinned"
    rustup component add rustfmt clippy --toolchain "$pinned"
    rust_note="added rustfmt and clippy to Rust $pinned with rustup"
  fi
elif ! cargo_usable; then
  found="$(cargo_version)"
  if [ -z "$found" ]; then
    why="there is no cargo"
  elif ! version_ge "${found%%-*}" "$need_rust"; then
    why="cargo $found is older than the $need_rust that the workspace needs"
  else
    why="cargo $found has no rustfmt or clippy"
  fi
  step "installing Rust $pinned with rustup: $why"
  # rustup's installer, from the server that also serves the toolchains (sh.rustup.rs is the
  # same script; only the package servers are reachable from some networks).
  curl --proto '=https' --tlsv1.2 -sSf https://static.rust-lang.org/rustup/rustup-init.sh |
    sh -s -- -y --profile minimal --default-toolchain "$pinned" -c rustfmt -c clippy
  export PATH="$HOME/.cargo/bin:$PATH"
  rust_note="installed Rust $pinned with rustup in ~/.cargo ($why)"
fi
[ "$mode" = test ] && with=" with rustfmt and clippy" || with=""
cargo_usable || die "cargo $(cargo_version) is not usable: Admiral needs Rust $need_rust or newer$with"
echo "Rust: ${rust_note:-cargo $(cargo_version) ($(command -v cargo)), already here}"

# --- desktop: WebKitGTK, Node and the npm packages, the built UI -------------
bash scripts/desktop.sh install
# desktop.sh may have installed Node into .tools/node just now; this shell's steps (svelte-check,
# vitest) must run that one, not Debian 12's Node 18.
use_project_node
[ "$mode" != install ] || exit 0

if [ "$mode" = run ]; then
  # The build that `test` makes too, so that neither builds the tree again after the other.
  bash scripts/desktop.sh build
  plan="${ADMIRAL_DEMO:-$PWD/demo.admiral}"
  if [ ! -f "$plan" ]; then
    step "writing the demo plan to $plan"
    ./target/debug/admiral demo "$plan"
  fi
  step "opening $plan in Admiral"
  exec ./target/debug/admiral-desktop "$plan"
fi

# --- test -----------------------------------------------------------------
# One debug build serves every test below; see [profile.dev] in Cargo.toml.
# Changes are signed with the author's key from the user's config folder; the tests (and the
# app the E2E run drives) sign with a key of this run's own, so a test run neither needs a
# home folder nor leaves a key in it.
if [ -z "${ADMIRAL_CONFIG_DIR:-}" ]; then
  ADMIRAL_CONFIG_DIR="$(mktemp -d)"
  export ADMIRAL_CONFIG_DIR
  trap 'rm -rf "$ADMIRAL_CONFIG_DIR"' EXIT
fi
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings
step "front end: svelte-check and vitest"
(cd ui && npm run check && npm test)
step "cargo test"
cargo test --workspace --no-fail-fast
step "desktop E2E in WebKit under Xvfb"
bash scripts/desktop.sh e2e
step "all checks passed"
