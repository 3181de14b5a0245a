#!/usr/bin/env python3
"""Reference values for MultiLabel.Metrics, computed with scikit-learn (1.2 or later).

Run from anywhere:  python3 make_fixtures.py      (Debian: apt-get install -y python3-sklearn)
It rewrites the *.json files beside it. The C# tests read those files; they never need Python.

Scores are float32 values (stored as the float64 number of each float32), so the C# side gets the very same
numbers whether it builds a float32 or a float64 tensor. Logit fixtures give scikit-learn the float64 sigmoid of
the logits, the probabilities a model would report.

Where scikit-learn has no value (it raises, or warns and returns a number that means nothing) the project defines
one, and this script applies the same rule:
  * per-label AP of a label with no positive sample: null; map_macro averages the labels with a positive;
    map_micro is null when no cell is positive;
  * per-label ROC AUC of a label with a single class (roc_auc_score raises): null; roc_auc_macro averages the
    labels with both classes (null if none); roc_auc_micro is null when all cells have one class.
Everything else is scikit-learn's own output with its default zero_division (ill-defined ratios are 0).
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    coverage_error,
    f1_score,
    hamming_loss,
    jaccard_score,
    label_ranking_average_precision_score,
    label_ranking_loss,
    multilabel_confusion_matrix,
    precision_recall_curve,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
    roc_auc_score,
)

HERE = os.path.dirname(os.path.abspath(__file__))
SWEEP_GRID = [round(i / 20, 2) for i in range(21)]  # 0.00, 0.05, ..., 1.00


def probabilities(scores, kind):
    """What scikit-learn sees: the scores, or the float64 sigmoid of logits."""
    return scores if kind == "probabilities" else 1.0 / (1.0 + np.exp(-scores))


def sklearn_reference(y, scores, thresholds, kind, names):
    """Every metric of MultiLabel.Metrics for targets y (N x L of 0/1) and scores (N x L float64)."""
    p = probabilities(scores, kind)
    pred = (p >= np.asarray(thresholds)[None, :]).astype(np.int64)
    out = {}
    for avg in ("micro", "macro", "weighted", "samples"):
        prec, rec, f1, _ = precision_recall_fscore_support(y, pred, average=avg, zero_division=0)
        out["precision_" + avg] = float(prec)
        out["recall_" + avg] = float(rec)
        out["f1_" + avg] = float(f1)
        out["jaccard_" + avg] = float(jaccard_score(y, pred, average=avg, zero_division=0))
    out["hamming_loss"] = float(hamming_loss(y, pred))
    out["subset_accuracy"] = float(accuracy_score(y, pred))
    out["lrap"] = float(label_ranking_average_precision_score(y, p))
    out["coverage_error"] = float(coverage_error(y, p))
    out["ranking_loss"] = float(label_ranking_loss(y, p))

    n_labels = y.shape[1]
    has_pos = [bool(y[:, c].any()) for c in range(n_labels)]
    both = [bool(y[:, c].any() and not y[:, c].all()) for c in range(n_labels)]
    ap = [float(average_precision_score(y[:, c], p[:, c])) if has_pos[c] else None for c in range(n_labels)]
    auc = [float(roc_auc_score(y[:, c], p[:, c])) if both[c] else None for c in range(n_labels)]
    out["map_macro"] = float(np.mean([a for a in ap if a is not None])) if any(has_pos) else None
    out["map_micro"] = float(average_precision_score(y, p, average="micro")) if y.any() else None
    out["roc_auc_macro"] = float(np.mean([a for a in auc if a is not None])) if any(both) else None
    out["roc_auc_micro"] = float(roc_auc_score(y, p, average="micro")) if y.any() and not y.all() else None

    prec, rec, f1, support = precision_recall_fscore_support(y, pred, average=None, zero_division=0)
    jac = jaccard_score(y, pred, average=None, zero_division=0)
    mcm = multilabel_confusion_matrix(y, pred)
    out["per_label"] = [
        {
            "label": names[c],
            "precision": float(prec[c]),
            "recall": float(rec[c]),
            "f1": float(f1[c]),
            "support": int(support[c]),
            "jaccard": float(jac[c]),
            "ap": ap[c],
            "roc_auc": auc[c],
            "tp": int(mcm[c, 1, 1]),
            "fp": int(mcm[c, 0, 1]),
            "fn": int(mcm[c, 1, 0]),
            "tn": int(mcm[c, 0, 0]),
        }
        for c in range(n_labels)
    ]
    return out


def sweep_reference(y, scores, kind):
    """Micro precision, recall, F1 and macro F1 when every label uses the same threshold t, for t on the grid."""
    p = probabilities(scores, kind)
    rows = {"thresholds": SWEEP_GRID, "precision_micro": [], "recall_micro": [], "f1_micro": [], "f1_macro": []}
    for t in SWEEP_GRID:
        pred = (p >= t).astype(np.int64)
        rows["precision_micro"].append(float(precision_score(y, pred, average="micro", zero_division=0)))
        rows["recall_micro"].append(float(recall_score(y, pred, average="micro", zero_division=0)))
        rows["f1_micro"].append(float(f1_score(y, pred, average="micro", zero_division=0)))
        rows["f1_macro"].append(float(f1_score(y, pred, average="macro", zero_division=0)))
    return rows


def tuning_reference(y, scores, kind):
    """The best F1 reachable by thresholding, by brute force over every distinct score.

    best_f1_micro_global: one threshold for all labels, maximising micro-F1.
    best_f1_per_label: each label its own threshold, maximising that label's F1 (0 for a label with no positive).
    """
    p = probabilities(scores, kind)
    best_global = max(f1_score(y, (p >= t).astype(np.int64), average="micro", zero_division=0) for t in np.unique(p))
    per_label = []
    for c in range(y.shape[1]):
        per_label.append(max(f1_score(y[:, c], (p[:, c] >= t).astype(np.int64), zero_division=0) for t in np.unique(p[:, c])))
    return {"best_f1_micro_global": float(best_global), "best_f1_per_label": [float(v) for v in per_label]}


def pr_curve_reference(y, scores, kind, label):
    p = probabilities(scores, kind)
    precision, recall, thresholds = precision_recall_curve(y[:, label], p[:, label])
    return {"label": label, "precision": precision.tolist(), "recall": recall.tolist(), "thresholds": thresholds.tolist()}


def as_float32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def write(name, description, y, scores, kind, thresholds, per_label_thresholds=False):
    y = np.asarray(y, dtype=np.int64)
    scores = as_float32(scores)
    n_labels = y.shape[1]
    names = ["label_%d" % c for c in range(n_labels)]
    thresholds = [float(t) for t in (thresholds if per_label_thresholds else [thresholds] * n_labels)]
    curve_label = next((c for c in range(n_labels) if y[:, c].any()), 0)
    doc = {
        "name": name,
        "description": description,
        "sklearn_version": sklearn.__version__,
        "score_kind": kind,
        "labels": names,
        "thresholds": thresholds if per_label_thresholds else thresholds[0],
        "y_true": y.tolist(),
        "scores": scores.tolist(),
        "expected": sklearn_reference(y, scores, thresholds, kind, names),
        "sweep": sweep_reference(y, scores, kind),
        "tuning": tuning_reference(y, scores, kind),
        "pr_curve": pr_curve_reference(y, scores, kind, curve_label),
    }
    # One line per top-level key: readable diffs without one line per number.
    text = "{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in doc.items()) + "\n}\n"
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote", name + ".json", y.shape)


def main():
    if tuple(int(v) for v in sklearn.__version__.split(".")[:2]) < (1, 2):
        sys.exit("scikit-learn 1.2 or later is needed, found " + sklearn.__version__)
    rng = np.random.default_rng(20240501)

    # Random imbalanced labels; scores correlated with the labels so the metrics are far from trivial.
    y = (rng.random((120, 7)) < np.linspace(0.05, 0.6, 7)).astype(np.int64)
    s = np.clip(0.35 * y + rng.random((120, 7)) * 0.7, 0, 1)
    write("random", "120 x 7 random imbalanced labels, continuous scores, threshold 0.5", y, s, "probabilities", 0.5)

    # Scores on a 0.1 grid: many ties, within a label, within a sample and exactly at the threshold.
    y = (rng.random((80, 5)) < 0.4).astype(np.int64)
    s = np.round(np.clip(0.3 * y + rng.random((80, 5)) * 0.8, 0, 1), 1)
    write("ties", "80 x 5, scores rounded to 0.1 (ties everywhere, also at the threshold 0.5)", y, s, "probabilities", 0.5)

    # Label 1 never present, label 3 always present; a few samples without any label.
    y = (rng.random((60, 5)) < 0.45).astype(np.int64)
    y[[4, 17, 30], :] = 0
    y[:, 1] = 0
    y[:, 3] = 1
    s = np.clip(0.3 * y + rng.random((60, 5)) * 0.75, 0, 1)
    s[[2, 9], 1] = 0.9  # false positives on the label with no positive sample
    write("degenerate_labels", "60 x 5: label_1 has no positive, label_3 no negative, samples 4, 17, 30 carry label_3 only",
          y, s, "probabilities", 0.5)

    # Samples with no labels, predicted empty or not, plus samples with every label.
    y = (rng.random((50, 4)) < 0.5).astype(np.int64)
    y[0:8, :] = 0
    y[8:12, :] = 1
    s = rng.random((50, 4)) * 0.9 + 0.05
    s[0:4, :] = 0.1  # empty and predicted empty
    write("empty_samples", "50 x 4: samples 0-7 have no label (0-3 also predicted empty), samples 8-11 have all labels",
          y, s, "probabilities", 0.5)

    # Nothing reaches the threshold: every precision is ill-defined.
    y = (rng.random((40, 4)) < 0.4).astype(np.int64)
    s = rng.random((40, 4)) * 0.45
    write("all_zero_predictions", "40 x 4, all scores below the threshold 0.5: no label is ever predicted",
          y, s, "probabilities", 0.5)

    # One threshold per label, some of them exactly equal to scores.
    y = (rng.random((100, 6)) < np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])).astype(np.int64)
    s = np.round(np.clip(0.3 * y + rng.random((100, 6)) * 0.75, 0, 1), 2)
    thresholds = [0.25, 0.4, 0.5, 0.55, 0.7, 0.75]
    for c, t in enumerate(thresholds):
        s[3 * c:3 * c + 3, c] = t  # scores equal to the threshold (float32(0.7) is just below 0.7: not predicted)
    write("per_label_thresholds", "100 x 6, per-label thresholds, scores on a 0.01 grid, three of each label equal to its threshold",
          y, s, "probabilities", thresholds, per_label_thresholds=True)

    # Raw logits: scikit-learn gets their sigmoid; thresholds are probabilities.
    y = (rng.random((90, 6)) < 0.35).astype(np.int64)
    z = rng.normal(0, 2.5, (90, 6)) + 2.0 * y
    write("logits", "90 x 6 raw logits (scikit-learn sees their sigmoid), per-label probability thresholds",
          y, z, "logits", [0.3, 0.5, 0.5, 0.6, 0.7, 0.45], per_label_thresholds=True)

    # Larger and wider, to cross the C# chunk boundaries the tests force.
    y = (rng.random((240, 17)) < rng.random(17) * 0.5).astype(np.int64)
    s = np.clip(0.25 * y + rng.random((240, 17)) * 0.8, 0, 1)
    s[::7] = np.round(s[::7], 2)
    write("wide", "240 x 17 random labels with some rounded (tied) rows, threshold 0.4", y, s, "probabilities", 0.4)


if __name__ == "__main__":
    main()
