#!/usr/bin/env bash
# Checks the README's promise on a fresh machine: a minimal root made with debootstrap, the
# repository cloned into it with git, then `bash scripts/setup.sh test` and
# `bash scripts/setup.sh run` as a new user would type them (run under Xvfb, with a
# screenshot of the window). Not part of CI: a cold run takes 30 minutes or more on 2 cores.
#
#   sudo bash scripts/fresh-machine.sh [--suite bookworm|trixie|noble] [--only install|test|run]
#                                      [--host-rust] [--ref REV] [--work DIR] [--logs DIR]
#
#   --suite      bookworm (Debian 12, default), trixie (Debian 13) or noble (Ubuntu 24.04;
#                needs the Ubuntu archive and its keyring: see docs/fresh-machine.md)
#   --only       install: stop after `setup.sh install` (apt packages, Rust, Node, npm ci, UI)
#                test / run: run only that README command (default: test, then run)
#   --host-rust  copy this machine's rustup and the pinned toolchain into the root instead of
#                letting setup.sh download them (for hosts that cannot reach rustup's server);
#                the root then no longer starts without Rust, so say so when you report
#   --preinstall "PKG …"  Debian packages to install first, as a machine that already had
#                them would (e.g. "cargo nodejs npm": Debian 12's too-old cargo 1.63 and Node 18)
#   --ref        the commit to check (default: HEAD of this repository)
#   --work       where the roots are kept (default /var/tmp/admiral-fresh); the bare
#                debootstrap root is made once per suite and copied for each run
#   --logs       where the logs and the screenshot go (default artifacts/fresh-machine/SUITE-TIME)
#   --display    the Xvfb display number for the run (default 93; the E2E run inside the root
#                uses this + 100, and WebDriver port 4400 + twice this)
#   --keep       keep the root after the run (it is deleted otherwise)
#   --reuse ROOT a root that an earlier run kept: no new copy; its clone is moved to the
#                commit to check (as a `git pull` would) and the README commands run again
#   --user NAME  the README's other case: a user with sudo, not root. The root gets sudo and
#                the user NAME (password-less sudo, as a desktop's first user has); the clone
#                goes to /home/NAME/admiral and the README commands run as NAME
set -euo pipefail
# All in one block, read whole before it runs: editing this file during a run is harmless.
{
repo="$(cd "$(dirname "$0")/.." && pwd)"
suite=bookworm only="" host_rust="" preinstall="" reuse="" ref=HEAD work=/var/tmp/admiral-fresh logs="" display=93 keep="" user=""
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) suite="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --host-rust) host_rust=1; shift ;;
    --preinstall) preinstall="$2"; shift 2 ;;
    --ref) ref="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --logs) logs="$2"; shift 2 ;;
    --display) display="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --reuse) reuse="$2"; keep=1; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    *) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
case "$only" in "" | install | test | run) ;; *) echo "--only install|test|run" >&2; exit 2 ;; esac
[ "$(id -u)" = 0 ] || { echo "fresh-machine.sh: debootstrap and chroot need root" >&2; exit 1; }

case "$suite" in
  bookworm | trixie) mirror=http://deb.debian.org/debian script="$suite" keyring=/usr/share/keyrings/debian-archive-keyring.gpg ;;
  noble) mirror=http://archive.ubuntu.com/ubuntu script=gutsy keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg ;;
  *) echo "fresh-machine.sh: --suite bookworm, trixie or noble" >&2; exit 2 ;;
esac

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
logs="${logs:-$repo/artifacts/fresh-machine/$suite-$stamp}"
mkdir -p "$logs" "$work"
logs="$(cd "$logs" && pwd)"
say() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$logs/summary.log"; }

# --- the host's tools --------------------------------------------------------
need=()
for p in debootstrap xvfb x11-apps imagemagick git; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# Ubuntu's archive keyring: the host's ubuntu-keyring package where its distribution has one;
# Debian 12's archive has none, so then the package itself comes from Ubuntu's archive over
# HTTPS (trust on first use: TLS is all that vouches for it; debootstrap then checks every
# Release file and package of the root against it).
if [ "$suite" = noble ] && [ ! -f "$keyring" ]; then
  apt-get install -y -qq --no-install-recommends ubuntu-keyring >/dev/null 2>&1 || true
  if [ ! -f "$keyring" ]; then
    deb="$work/ubuntu-keyring_2023.11.28.1_all.deb"
    curl -fsS -o "$deb" https://archive.ubuntu.com/ubuntu/pool/main/u/ubuntu-keyring/ubuntu-keyring_2023.11.28.1_all.deb
    # The SHA-256 that noble's Packages index gives for it.
    echo "36de43b15853ccae0028e9a767613770c704833f82586f28eb262f0311adb8a8  $deb" | sha256sum -c --quiet
    rm -rf "$work/ubuntu-keyring" && dpkg-deb -x "$deb" "$work/ubuntu-keyring"
    keyring="$work/ubuntu-keyring/usr/share/keyrings/ubuntu-archive-keyring.gpg"
  fi
fi

# --- a bare root, made once per suite ---------------------------------------------
base="$work/base-$suite"
if [ -n "$reuse" ]; then
  root="$(cd "$reuse" && pwd)"
  say "reusing the root $root"
else
  if [ ! -f "$base/.admiral-bootstrapped" ]; then
    rm -rf "$base"
    say "debootstrap $suite into $base (log: debootstrap.log)"
    t0=$SECONDS
    debootstrap --keyring="$keyring" "$suite" "$base" "$mirror" "/usr/share/debootstrap/scripts/$script" \
      >"$logs/debootstrap.log" 2>&1 || { say "debootstrap failed: see $logs/debootstrap.log"; exit 1; }
    touch "$base/.admiral-bootstrapped"
    say "debootstrap done in $((SECONDS - t0)) s"
  fi
  root="$work/$suite-$stamp"
  say "copying the bare root to $root"
  cp -a "$base" "$root"
  rm -f "$root/.admiral-bootstrapped"
  if [ "$suite" = noble ]; then
    # debootstrap leaves Ubuntu with `noble main` alone; an installed Ubuntu 24.04 (server,
    # desktop, or the ubuntu:24.04 image) has these sources, universe among them (Xvfb and
    # WebKit's WebDriver live there). The root gets what a fresh Ubuntu has, no more.
    rm -f "$root/etc/apt/sources.list"
    cat >"$root/etc/apt/sources.list.d/ubuntu.sources" <<'SOURCES'
Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main restricted universe multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
SOURCES
    say "the root has an installed Ubuntu 24.04's apt sources (main, restricted, universe, multiverse; updates, backports, security)"
  fi
fi

xvfb_pid="" app_pid=""
mounts=()
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  set +e
  [ -z "$app_pid" ] || kill -- -"$app_pid" 2>/dev/null
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null
  sleep 1
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null; done
  if [ -z "$keep" ]; then rm -rf --one-file-system "$root"; else say "the root is kept in $root"; fi
}
trap cleanup EXIT
mnt() { mount "$@" && mounts+=("${*: -1}"); }
mnt -t proc proc "$root/proc"
mnt -t sysfs sys "$root/sys"
mnt --rbind /dev "$root/dev"
# The host's network set-up, so that the root reaches what the host reaches: its name service,
# the CA certificates it added (a network that inspects TLS has one), and the variables that
# point TLS clients at the system's store. On an ordinary machine the last two are empty.
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp /etc/hosts "$root/etc/hosts"
tls_env=()
for v in SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE NODE_EXTRA_CA_CERTS GIT_SSL_CAINFO; do
  [ -z "${!v:-}" ] || tls_env+=("$v=${!v}")
done
local_cas=(/usr/local/share/ca-certificates/*.crt)
if [ -e "${local_cas[0]}" ]; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp "${local_cas[@]}" "$root/usr/local/share/ca-certificates/"
  chroot "$root" sh -c 'command -v update-ca-certificates >/dev/null && update-ca-certificates >/dev/null' || true
  say "the root trusts the host's own CA certificates: ${local_cas[*]##*/}"
fi
# What the new user's shell has: root's login environment, no variables of this host. The
# root shares the host's network, X's abstract sockets included: the E2E run's Xvfb and
# WebDriver ports are moved off the usual ones, so as not to meet the host's.
in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    ADMIRAL_XVFB_DISPLAY="$((display + 100))" ADMIRAL_E2E_PORT="$((4400 + display * 2))" \
    "${tls_env[@]}" "$@"
}
# The README commands run as the new user: root itself, or the --user with sudo.
home=/root
[ -z "$user" ] || home="/home/$user"
clone="$home/admiral"
as_user() {
  if [ -z "$user" ]; then
    in_root "$@"
  else
    in_root runuser -u "$user" -- env HOME="$home" USER="$user" LOGNAME="$user" "$@"
  fi
}

# --- what the README says: git, clone, the two commands ------------------------------
rev="$(git -C "$repo" rev-parse --verify "$ref^{commit}")"
if [ -n "$reuse" ]; then
  git -C "$root/srv/admiral.git" fetch -q "$repo" "+$rev:refs/heads/checked"
  as_user git -C "$clone" pull -q --ff-only >>"$logs/git.log" 2>&1 ||
    as_user git -C "$clone" reset -q --hard origin/checked >>"$logs/git.log" 2>&1
else
  say "cloning $rev into $clone (the root has no git: apt-get install git first, as the README says)"
  git clone -q --bare "$repo" "$root/srv/admiral.git"
  git -C "$root/srv/admiral.git" update-ref refs/heads/checked "$rev"
  in_root bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq git' >"$logs/git.log" 2>&1
  if [ -n "$user" ]; then
    say "a user $user with sudo (password-less), who runs the README commands"
    in_root bash -c 'export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq sudo' >>"$logs/git.log" 2>&1
    in_root useradd -m -s /bin/bash "$user"
    echo "$user ALL=(ALL) NOPASSWD:ALL" >"$root/etc/sudoers.d/$user"
    chmod 440 "$root/etc/sudoers.d/$user"
    # git refuses a repository that another user owns; the staging copy is the user's.
    in_root chown -R "$user:$user" /srv/admiral.git
  fi
  as_user git clone -q --branch checked /srv/admiral.git "$clone" >>"$logs/git.log" 2>&1
fi
say "$(in_root cat /etc/os-release | sed -n 's/^PRETTY_NAME=//p' | tr -d '"'), commit $(as_user git -C "$clone" log -1 --format='%h %s')"

if [ -n "$preinstall" ]; then
  say "--preinstall: apt-get install $preinstall (log: git.log)"
  # shellcheck disable=SC2086  # a list of package names
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $preinstall >>"$logs/git.log" 2>&1
  # shellcheck disable=SC2016  # expanded in the root
  say "$(in_root sh -c 'echo "before setup.sh: cargo $(cargo --version 2>/dev/null | cut -d" " -f2), node $(node -v 2>/dev/null)"')"
fi

if [ -n "$host_rust" ]; then
  pinned="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$repo/rust-toolchain.toml")"
  tc="$(rustup toolchain list | sed -n "s/^\($pinned-[^ ]*\).*/\1/p" | head -n1)"
  [ -n "$tc" ] || { say "--host-rust: this host has no Rust $pinned toolchain"; exit 1; }
  say "--host-rust: copying this host's rustup and $tc into the root"
  mkdir -p "$root/root/.cargo/bin" "$root/root/.rustup/toolchains"
  cp -aL "${RUSTUP_HOME:-$HOME/.rustup}/toolchains/$tc" "$root/root/.rustup/toolchains/$tc"
  cp "$(command -v rustup)" "$root/root/.cargo/bin/rustup"
  for b in cargo rustc rustdoc cargo-fmt rustfmt cargo-clippy clippy-driver; do
    ln -sf rustup "$root/root/.cargo/bin/$b"
  done
  printf 'version = "12"\ndefault_toolchain = "%s"\nprofile = "minimal"\n' "$tc" >"$root/root/.rustup/settings.toml"
fi

# Runs one README command in the root, its output in $logs/NAME.log; returns its exit code.
readme() {
  local name="$1" t0=$SECONDS rc=0
  shift
  say "bash scripts/setup.sh $* (log: $name.log)"
  as_user bash -c "cd $clone && nice -n 19 bash scripts/setup.sh $*" >"$logs/$name.log" 2>&1 || rc=$?
  say "setup.sh $* exited $rc after $((SECONDS - t0)) s"
  # The README promises a test run leaves the clone as it was cloned.
  local dirty
  dirty="$(as_user git -C "$clone" status --porcelain 2>&1 | head -n 20)"
  say "the clone after setup.sh $*: ${dirty:-clean (git status shows nothing)}"
  return "$rc"
}

status=0
if [ "$only" = install ]; then
  readme install install || status=$?
fi
if [ -z "$only" ] || [ "$only" = test ]; then
  readme test test || status=$?
fi
if { [ -z "$only" ] || [ "$only" = run ]; } && [ "$status" = 0 ]; then
  Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 1
  say "bash scripts/setup.sh run on Xvfb :$display (log: run.log)"
  t0=$SECONDS
  # The host's Xvfb: the root reaches it through X's abstract socket.
  # A process group of its own (job control), so that the app and its build stop together.
  set -m
  as_user DISPLAY=":$display" bash -c "cd $clone && exec nice -n 19 bash scripts/setup.sh run" >"$logs/run.log" 2>&1 &
  app_pid=$!
  set +m
  # The window is up once its title names the demo plan; then let it paint.
  until DISPLAY=":$display" xwininfo -root -tree 2>/dev/null | grep -q 'demo\.admiral'; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      wait "$app_pid" || status=$?
      say "setup.sh run ended before a window showed the demo plan (exit $status): see run.log"
      status=${status/#0/1}
      break
    fi
    sleep 5
  done
  if [ "$status" = 0 ]; then
    say "the demo plan's window is up after $((SECONDS - t0)) s"
    sleep 15
    xwd -root -silent -display ":$display" | convert xwd:- "$logs/run.png"
    say "screenshot: $logs/run.png"
    DISPLAY=":$display" xwininfo -root -tree | grep -i 'admiral' >>"$logs/summary.log" || true
  fi
fi
say "done: exit $status; logs in $logs"
exit "$status"
}
