#!/usr/bin/env python3
"""scikit-learn's side of `mlc bench metrics`: times every metric on the benchmark's own data.

Usage: python3 scripts/bench_metrics_sklearn.py DIR
DIR holds y_true.npy (uint8, N x L), scores.npy (float32, N x L) and thresholds.npy (float64, L), written by
`mlc bench metrics`. Prints one JSON object: {"sklearn_version", "seconds", "metrics"}, where metrics has the same
layout as the fixtures' "expected" (tests/MultiLabel.Tests/Metrics/Fixtures/make_fixtures.py, which defines the
reference computation used here).
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "MultiLabel.Tests", "Metrics", "Fixtures"))
import sklearn  # noqa: E402
from make_fixtures import sklearn_reference  # noqa: E402


def main():
    folder = sys.argv[1]
    y = np.load(os.path.join(folder, "y_true.npy")).astype(np.int64)
    scores = np.load(os.path.join(folder, "scores.npy")).astype(np.float64)
    thresholds = np.load(os.path.join(folder, "thresholds.npy"))
    names = ["label_%d" % c for c in range(y.shape[1])]
    start = time.perf_counter()
    metrics = sklearn_reference(y, scores, thresholds, "probabilities", names)
    seconds = time.perf_counter() - start
    json.dump({"sklearn_version": sklearn.__version__, "seconds": seconds, "metrics": metrics}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
