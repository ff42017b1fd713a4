# shellcheck shell=bash
# Sourced by scripts/setup.sh and scripts/desktop.sh (from the repository's root): the tools
# they share, and the PATH that finds the project's own Node (.tools/node) and rustup's cargo.

step() { printf '\n==> %s\n' "$*"; }
die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# Root runs apt-get itself; anyone else goes through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "installing packages needs root: run as root or install sudo"
  fi
}

APT_UPDATED=""
# apt-get install of the packages in "$@" that are not installed yet.
apt_install() {
  local p missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  step "apt-get install ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# "$1" >= "$2" for dotted versions (1.95.0 >= 1.88).
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# The project's own Node, where setup installed one (scripts/desktop.sh install_node).
# A function, because a child script (desktop.sh install) may install it after this file was
# sourced: the parent calls use_project_node again, else its own steps run the system's Node.
NODE_DIR="$PWD/.tools/node"
use_project_node() {
  if [ -x "$NODE_DIR/node_modules/.bin/node" ]; then
    case ":$PATH:" in
      *":$NODE_DIR/node_modules/.bin:"*) ;;
      *) export PATH="$NODE_DIR/node_modules/.bin:$PATH" && hash -r ;;
    esac
  fi
}
use_project_node
# rustup's cargo before any distribution's (Debian's cargo is too old).
if [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
