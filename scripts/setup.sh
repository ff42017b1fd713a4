#!/usr/bin/env bash
# Admiral's one entry point for a fresh Debian 12 machine (run as root):
#   bash scripts/setup.sh run    install everything, build, and open the demo plan
#   bash scripts/setup.sh test   install the same, then run every test and check
# Both are idempotent: a second run skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
case "$mode" in run | test) ;; *)
  echo "usage: bash scripts/setup.sh run|test" >&2
  exit 2
  ;;
esac

step() { printf '\n==> %s\n' "$*"; }

# --- system packages -------------------------------------------------------
APT_PACKAGES=(build-essential pkg-config ca-certificates curl poppler-utils)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Rust toolchain -------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  step "installing the Rust toolchain with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# --- desktop: WebKitGTK, Node packages, the built UI -------------------------
bash scripts/desktop.sh install

if [ "$mode" = run ]; then
  step "building admiral (CLI) and admiral-desktop"
  cargo build -p admiral-cli -p admiral-desktop
  plan="${ADMIRAL_DEMO:-$PWD/demo.admiral}"
  if [ ! -f "$plan" ]; then
    step "writing the demo plan to $plan"
    ./target/debug/admiral demo "$plan"
  fi
  step "opening $plan in Admiral"
  exec bash scripts/desktop.sh run "$plan"
fi

# --- test -----------------------------------------------------------------
# One debug build serves every test below; see [profile.dev] in Cargo.toml.
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
