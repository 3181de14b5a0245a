#!/usr/bin/env bash
# Runs every lesson as a .NET file-based app (apps/NN-name.cs, written by `mlc export-apps`) in fast mode:
# 1. the committed apps equal a fresh export of the notebooks (`mlc export-apps --check`);
# 2. each committed app (the learner's copy: exercises not attempted) runs to the end with exit code 0;
# 3. the instructor's copy (`mlc export-apps --solutions`, model answers filled in) runs, and every exercise it
#    checks reports "passed": as many as the app has solution regions, none failed.
#
# Usage: scripts/run-apps.sh [NN ...]   (e.g. `scripts/run-apps.sh 03 04`; default: every lesson)
# Output: artifacts/apps/ (logs, the instructor's copy, saved charts; builds go to artifacts/apps/build/, removed after
# each run). Needs the .NET 10 SDK and the native runtime
# (`bash scripts/setup.sh`).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
out=$here/artifacts/apps
rm -rf "$out" && mkdir -p "$out/logs"
export MLC_FAST=1 MLC_PROGRESS_FILE="$out/progress.json" MLC_DISPLAY_DIR="$out/output"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "run-apps: building mlc (Release)"
dotnet build lib/MultiLabel.Cli -c Release -nologo -v q >/dev/null
mlc() { dotnet lib/MultiLabel.Cli/bin/Release/net10.0/mlc.dll "$@"; }
status=0
mlc export-apps --check >"$out/logs/export-check.txt" || { cat "$out/logs/export-check.txt"; status=1; }
mlc export-apps --solutions --out "$out/solved" >/dev/null

wanted=("$@")
selected() { [ ${#wanted[@]} -eq 0 ] && return 0; for w in "${wanted[@]}"; do [[ $1 == "$w"-* ]] && return 0; done; return 1; }
start=$(date +%s)
for app in apps/[0-9][0-9]-*.cs; do
  name=$(basename "$app" .cs)
  selected "$name" || continue
  for copy in released solved; do
    file=$app; [ "$copy" = solved ] && file=$out/solved/$name.cs
    log=$out/logs/$name.$copy.txt
    t0=$(date +%s)
    # each app builds in its own folder, removed afterwards: a build holds about 1 GB of native libraries where the
    # file system cannot hard-link them from the NuGet cache, and a clean clone's apps never reuse an earlier build
    build=$out/build/$name.$copy; mkdir -p "$build"
    if ! XDG_DATA_HOME=$build timeout 900 dotnet run "$file" >"$log" 2>&1; then
      rm -rf "$build"
      echo "FAILED  $name ($copy): exit code != 0, see $log"; tail -n 15 "$log"; status=1; continue
    fi
    rm -rf "$build"
    passed=$(grep -c '^\[passed\]' "$log" || true)
    bad=$(grep -cE '^\[(failed|error|wrong|improper)' "$log" || true)
    regions=$(grep -cE '^\s*// BEGIN SOLUTION\s*$' "$file" || true)
    if [ "$copy" = solved ] && { [ "$passed" -ne "$regions" ] || [ "$bad" -ne 0 ]; }; then
      echo "FAILED  $name ($copy): $passed of $regions exercises passed, $bad failed; see $log"
      grep -E '^\[' "$log" | grep -v '^\[passed\]' | head -n 10; status=1; continue
    fi
    echo "ok      $name ($copy) in $(( $(date +%s) - t0 )) s: $passed of $regions exercises passed"
  done
done
echo "run-apps: done in $(( $(date +%s) - start )) s (exit $status)"
exit "$status"
