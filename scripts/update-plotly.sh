#!/usr/bin/env bash
# Re-fetches the plotly.js bundle that reports and notebooks inline (from the npm registry) and stores it gzipped
# as an embedded resource of the library. Usage: scripts/update-plotly.sh [VERSION]   (default 2.28.0)
set -euo pipefail
version=${1:-2.28.0}
here=$(cd "$(dirname "$0")/.." && pwd)
assets="$here/lib/MultiLabel/Viz/Assets"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-dist-min@$version" >/dev/null && tar xzf "plotly.js-dist-min-$version.tgz")
rm -f "$assets"/plotly-*.min.js.gz
gzip -9 -n -c "$work/package/plotly.min.js" > "$assets/plotly-$version.min.js.gz"
cp "$work/package/LICENSE" "$assets/plotly.LICENSE.txt"
echo "plotly.js $version: $(sha256sum "$work/package/plotly.min.js" | cut -d' ' -f1) (sha256 of plotly.min.js)"
echo "update PlotlyJs.Version in lib/MultiLabel/Viz/PlotlyJs.cs if the version changed"
