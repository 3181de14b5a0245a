#!/usr/bin/env python3
"""scikit-learn's side of `mlc bench evaluate`: what a Python user runs to evaluate two CSV files.

Usage: python3 scripts/bench_evaluate_sklearn.py LABELS.csv SCORES.csv
Both files have a header row of label names, then one row per image (0/1 labels; probabilities). Parses them with
numpy.loadtxt and computes every metric of `mlc evaluate` (threshold 0.5) with the fixtures' reference
(tests/MultiLabel.Tests/Metrics/Fixtures/make_fixtures.py). Prints one JSON object: {"sklearn_version",
"parse_seconds", "seconds", "metrics"}; `mlc bench evaluate` times the whole process (start-up included).
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
    start = time.perf_counter()
    with open(sys.argv[1]) as f:
        names = f.readline().strip().split(",")
    y = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
    scores = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    parsed = time.perf_counter()
    metrics = sklearn_reference(y, scores, np.full(y.shape[1], 0.5), "probabilities", names)
    seconds = time.perf_counter() - start
    json.dump({"sklearn_version": sklearn.__version__, "parse_seconds": parsed - start, "seconds": seconds, "metrics": metrics}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
