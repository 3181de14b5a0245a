#!/usr/bin/env bash
# Executes the lessons (notebooks/NN-*.ipynb) in Jupyter with the real dotnet-interactive kernel, in fast mode
# (MLC_FAST=1), and checks the executed copies: no error outputs, every exercise reports a result, and every cell
# that shows a chart, table, image or exercise result produced HTML or PNG output (scripts/check-notebooks.py).
#
# Needs `bash scripts/setup.sh --jupyter` first (nbconvert and the .net-csharp kernel spec, which starts the pinned
# local dotnet-interactive tool with --http-local-only). Builds the library in Release first (the notebooks load it).
#
# Usage: scripts/run-notebooks.sh [--html] [--browser] [NOTEBOOK.ipynb ...]
#   --html      also export every executed notebook to HTML (self-contained: plotly.js is in the outputs)
#   --browser   open the exported HTML of the first notebook with charts in headless Chromium without network and
#               check that its charts drew (implies --html; skipped with a message when chromium is missing)
# Output: artifacts/notebooks/ (override with MLC_NOTEBOOK_OUT).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
html=0; browser=0; notebooks=()
for arg in "$@"; do
  case "$arg" in
    --html) html=1 ;;
    --browser) html=1; browser=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "run-notebooks.sh: unknown option '$arg' (use --html, --browser)" >&2; exit 2 ;;
    *) notebooks+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
  esac
done
cd "$here"
if [ ${#notebooks[@]} -eq 0 ]; then
  for nb in notebooks/[0-9][0-9]-*.ipynb; do notebooks+=("$here/$nb"); done
fi
out=${MLC_NOTEBOOK_OUT:-$here/artifacts/notebooks}
mkdir -p "$out"
# Exercise checks record their results: into this run's output folder, not the user's progress file.
export MLC_PROGRESS_FILE="$out/progress.json"
rm -f "$MLC_PROGRESS_FILE"
export MLC_FAST=1 JUPYTER_PATH="$here/.jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1

if [ ! -f "$here/.jupyter/kernels/.net-csharp/kernel.json" ] || ! command -v jupyter-nbconvert >/dev/null 2>&1; then
  echo "run-notebooks: Jupyter or the .net-csharp kernel spec is missing: run 'bash scripts/setup.sh --jupyter' first." >&2
  exit 2
fi

echo "run-notebooks: building the library (Release), as the README's notebook step does"
dotnet build lib/MultiLabel -c Release -nologo -v q >/dev/null

start=$(date +%s)
for nb in "${notebooks[@]}"; do
  t0=$(date +%s)
  # --allow-errors: keep going so the checker can name every failing cell, not only the first.
  jupyter nbconvert --to notebook --execute --allow-errors \
    --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=600 \
    --ExecutePreprocessor.startup_timeout=180 --output-dir "$out" "$nb" >"$out/$(basename "$nb" .ipynb).log" 2>&1 \
    || { echo "run-notebooks: nbconvert failed on $nb:" >&2; tail -n 20 "$out/$(basename "$nb" .ipynb).log" >&2; exit 1; }
  echo "run-notebooks: executed $(basename "$nb") in $(( $(date +%s) - t0 )) s"
done
echo "run-notebooks: ${#notebooks[@]} notebooks executed in $(( $(date +%s) - start )) s (fast mode)"

executed=()
for nb in "${notebooks[@]}"; do executed+=("$out/$(basename "$nb")"); done
python3 "$here/scripts/check-notebooks.py" "${executed[@]}"

if [ $html -eq 1 ]; then
  for nb in "${executed[@]}"; do
    jupyter nbconvert --to html --output-dir "$out" "$nb" 2>/dev/null
  done
  echo "run-notebooks: HTML exports in $out"
fi

if [ $browser -eq 1 ]; then
  page=""
  for nb in "${executed[@]}"; do
    candidate="$out/$(basename "$nb" .ipynb).html"
    if grep -q 'class=\\"mlc-figure\\"\|class="mlc-figure"' "$candidate"; then page=$candidate; break; fi
  done
  chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  if [ -z "$chrome" ]; then
    echo "run-notebooks: browser check skipped: no chromium installed (apt-get install chromium)"
  elif [ -z "$page" ]; then
    echo "run-notebooks: browser check skipped: no executed notebook has a chart"
  else
    # No network at all when unshare works (root): the page must draw from what it contains.
    isolate=(); if unshare -n true 2>/dev/null; then isolate=(unshare -n); fi
    charts=$(grep -o 'class="mlc-figure"' "$page" | wc -l)
    timeout 180 "${isolate[@]}" "$chrome" --headless=new --no-sandbox --disable-gpu --virtual-time-budget=10000 \
      --dump-dom "file://$page" 2>/dev/null > "$out/browser-dom.html" || true
    drawn=$(grep -o 'class="main-svg"' "$out/browser-dom.html" | wc -l)
    waiting=$(grep -c 'chart not drawn yet' "$out/browser-dom.html" || true)
    echo "run-notebooks: browser check of $(basename "$page") (${isolate[*]:-network not isolated}): $charts charts, $drawn plotly SVG layers, $waiting not drawn"
    if [ "$drawn" -lt "$charts" ] || [ "$waiting" -ne 0 ]; then
      echo "run-notebooks: charts did not draw in headless Chromium" >&2; exit 1
    fi
  fi
fi
