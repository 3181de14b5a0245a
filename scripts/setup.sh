#!/usr/bin/env bash
# MultiLabelCourse machine set-up. Idempotent: on a machine that is already fine it prints one line and exits
# in well under a second.
#
# What it does:
#   1. Native runtime: TorchSharp 0.107.0 (libtorch 2.10.0) needs a libstdc++ that exports GLIBCXX_3.4.32.
#      Debian 12 ships 3.4.30 and Ubuntu 22.04 3.4.30: there it installs a newer libstdc++6
#      (Debian: from trixie with a low apt pin; Ubuntu: from the ubuntu-toolchain-r/test PPA).
#   2. With --jupyter: the dotnet-interactive local tool, Jupyter's nbconvert and the .net-csharp kernel spec
#      (only needed to run notebooks in Jupyter or the CI notebook check). With --user-kernel the kernel spec also
#      goes into your user's Jupyter kernels folder, where VS Code's Jupyter extension finds it (no Polyglot needed).
#   3. With --tests: what the test suite uses besides .NET: headless Chromium (a test draws the evaluation report in
#      it, offline).
#
# Usage: scripts/setup.sh [--check] [--jupyter] [--user-kernel] [--tests]
#   --check    only report; exit 1 when something is missing, install nothing.
# Windows: scripts/setup.ps1 does the same in PowerShell 7 (a test keeps the two in step).
set -euo pipefail

REQUIRED=GLIBCXX_3.4.32
check_only=0; jupyter=0; user_kernel=0; tests=0
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    --jupyter) jupyter=1 ;;
    --user-kernel) jupyter=1; user_kernel=1 ;;
    --tests) tests=1 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg' (use --check, --jupyter, --user-kernel, --tests)" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }

# Prints the path of the libstdc++.so.6 the dynamic loader would pick, or nothing.
find_libstdcxx() {
  local p
  # MLC_LIBSTDCXX overrides the search (the tests use it to check the diagnosis against a fake library).
  if [ -n "${MLC_LIBSTDCXX:-}" ]; then readlink -f "$MLC_LIBSTDCXX"; return; fi
  p=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; exit}')
  if [ -z "$p" ]; then
    for p in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
      [ -e "$p" ] && break
      p=""
    done
  fi
  [ -n "$p" ] && readlink -f "$p"
}

# Highest GLIBCXX_3.4.N exported by the library (no binutils needed: grep the binary).
glibcxx_max() {
  grep -aoE 'GLIBCXX_3\.4(\.[0-9]+)?' "$1" | sort -u -t. -k3,3n | tail -n1
}

has_required() {
  grep -aq "$REQUIRED" "$1"
}

sudo_cmd() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "needs root to run: $*"; exit 1
  fi
}

install_libstdcxx() {
  local id="" version=""
  if [ -r /etc/os-release ]; then . /etc/os-release; id=${ID:-}; version=${VERSION_ID:-}; fi
  export DEBIAN_FRONTEND=noninteractive
  case "$id:$version" in
    debian:12)
      say "Debian 12: installing libstdc++6 from trixie (apt pin priority 100, nothing else is upgraded by default)"
      echo 'deb http://deb.debian.org/debian trixie main' | sudo_cmd tee /etc/apt/sources.list.d/mlc-trixie.list >/dev/null
      printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' | sudo_cmd tee /etc/apt/preferences.d/mlc-trixie-low >/dev/null
      sudo_cmd apt-get update -qq
      sudo_cmd apt-get install -y -qq -t trixie libstdc++6 >/dev/null
      ;;
    ubuntu:22.04)
      say "Ubuntu 22.04: installing libstdc++6 from ppa:ubuntu-toolchain-r/test"
      sudo_cmd apt-get update -qq
      sudo_cmd apt-get install -y -qq software-properties-common >/dev/null
      sudo_cmd add-apt-repository -y ppa:ubuntu-toolchain-r/test
      sudo_cmd apt-get update -qq
      sudo_cmd apt-get install -y -qq libstdc++6 >/dev/null
      ;;
    *)
      say "cannot install $REQUIRED automatically on '${PRETTY_NAME:-$id $version}'."
      say "Install a libstdc++ from GCC 13 or newer (Ubuntu 24.04+, Debian 13+ have it), then run this again."
      exit 1
      ;;
  esac
}

check_native() {
  [ "$(uname -s)" = Linux ] || { say "native runtime: $(uname -s) needs no libstdc++ set-up"; return 0; }
  local lib; lib=$(find_libstdcxx || true)
  if [ -z "$lib" ]; then
    say "libstdc++.so.6 not found"
    [ $check_only -eq 1 ] && return 1
    install_libstdcxx
    lib=$(find_libstdcxx)
  elif ! has_required "$lib"; then
    say "native runtime: $lib exports up to $(glibcxx_max "$lib"); TorchSharp 0.107.0 needs $REQUIRED"
    [ $check_only -eq 1 ] && return 1
    install_libstdcxx
    lib=$(find_libstdcxx)
  fi
  if has_required "$lib"; then
    say "native runtime ok ($lib has $REQUIRED)"
  else
    say "native runtime: $lib still lacks $REQUIRED after the install"; return 1
  fi
}

setup_jupyter() {
  local here; here=$(cd "$(dirname "$0")/.." && pwd)
  local specdir="$here/.jupyter/kernels/.net-csharp"
  if [ $check_only -eq 1 ]; then
    local ok=0
    command -v jupyter-nbconvert >/dev/null 2>&1 || { say "jupyter nbconvert missing"; ok=1; }
    [ -f "$specdir/kernel.json" ] || { say "kernel spec $specdir missing"; ok=1; }
    if [ $user_kernel -eq 1 ]; then [ -f "$(user_kernels)/.net-csharp/kernel.json" ] || { say "kernel spec $(user_kernels)/.net-csharp missing"; ok=1; }; fi
    (cd "$here" && dotnet tool run dotnet-interactive -- --version >/dev/null 2>&1) || { say "dotnet-interactive local tool not restored"; ok=1; }
    [ $ok -eq 0 ] && say "jupyter ok (nbconvert, dotnet-interactive, $specdir)"
    return $ok
  fi
  if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
    say "installing Jupyter nbconvert and the Python kernel client (Debian packages)"
    sudo_cmd apt-get update -qq
    sudo_cmd apt-get install -y -qq jupyter-nbconvert python3-nbclient python3-ipykernel >/dev/null
  fi
  (cd "$here" && dotnet tool restore >/dev/null)
  say "dotnet-interactive $(cd "$here" && dotnet tool run dotnet-interactive -- --version 2>/dev/null | head -n1) restored as a local tool"
  # Kernel spec that starts the pinned local tool with --http-local-only (its HTTP API never listens on all
  # interfaces). `dotnet tool run` finds .config/dotnet-tools.json from the kernel's working folder, which Jupyter
  # sets to the notebook's folder: notebooks inside this repository. Select it with JUPYTER_PATH=$here/.jupyter.
  write_spec "$specdir"
  say "kernel spec .net-csharp written to $specdir (use JUPYTER_PATH=$here/.jupyter)"
  if [ $user_kernel -eq 1 ]; then
    write_spec "$(user_kernels)/.net-csharp"
    say "kernel spec .net-csharp written to $(user_kernels)/.net-csharp (VS Code's Jupyter extension lists it)"
  fi
}

# The user's Jupyter kernels folder (what Jupyter and VS Code's Jupyter extension search without JUPYTER_PATH).
user_kernels() {
  if [ "$(uname -s)" = Darwin ]; then echo "$HOME/Library/Jupyter/kernels"
  else echo "${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels"; fi
}

write_spec() {
  mkdir -p "$1"
  cat > "$1/kernel.json.tmp" <<JSON
{
  "argv": ["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp",
           "--http-local-only", "--http-port-range", "2048-3000", "{connection_file}"],
  "display_name": ".NET (C#)",
  "language": "C#",
  "env": { "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1" }
}
JSON
  mv -f "$1/kernel.json.tmp" "$1/kernel.json"
}

# Debian packages the tests use: chromium (a test draws the evaluation report in it, offline).
has_chromium() { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; }
setup_tests() {
  if has_chromium; then
    say "test tools ok (chromium)"
    return 0
  fi
  if [ $check_only -eq 1 ]; then say "test tools missing: chromium"; return 1; fi
  say "installing test tools: chromium (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  # Judge by the result, not apt's exit code: in containers a post-install service step may fail harmlessly.
  sudo_cmd apt-get install -y -qq chromium >/dev/null 2>&1 || true
  has_chromium || { sudo_cmd apt-get update -qq && sudo_cmd apt-get install -y -qq chromium >/dev/null 2>&1 || true; }
  if has_chromium; then
    say "test tools ok (chromium)"
  else
    say "could not install chromium; run 'apt-get install chromium' to see why"
    return 1
  fi
}

status=0
check_native || status=1
if [ $jupyter -eq 1 ]; then setup_jupyter || status=1; fi
if [ $tests -eq 1 ]; then setup_tests || status=1; fi
exit $status
