#!/usr/bin/python3
"""Golden values of the image-level metrics auroc-image and ap-image (issue 14), computed with numpy and
scikit-learn (Debian's numpy 1.24, scipy 1.10, scikit-learn 1.2), for scoring-service's ImageLevelGoldenTest and
launcher's ImageMetricsEndToEndTest (1e-9).

    /usr/bin/python3 scoring-service/src/test/python/image_metric_golden.py   # rewrites ../resources/golden/image-metrics.json

References, each independent of the Java code:
  slice scores     numpy on the float32 residual map as float64: mean(), max(), mean of the k largest
                   (np.sort), k = ceil(pixels / 100)
  auroc-image      sklearn.metrics.roc_auc_score over slices (anomalous = 1, lesion-free copy = 0)
  ap-image         sklearn.metrics.average_precision_score, the same slices
  lesion-free set  n = floor(N f / (1 - f) + 0.5), at most N; the first n of a Fisher-Yates shuffle of the N
                   slices (volume-major) driven by SplitMix64(seed): for i = N-1 .. 1, j = (z * (i + 1)) >> 64
  float16          scores.astype(float32).astype(float16) (pooled-float16)

Cases:
  "ch2bet"     shared/golden's experiment (4 slices of ch2bet, disk radius 20 at the golden centres, intensities
               0..1 by 0.2, sigmas 0, 0.5, 1, 2, 5, normal-rec Gaussian blur): the lesion-free copy is the normal
               slice itself, residual |normal - blur(normal)|. normal-fraction 0.5 (all four copies, the end-to-end
               test's spec) and 0.2 (one copy, seed 0).
  "synthetic"  two volumes of three small slices with tie-heavy scores: every aggregation (slice-mean, pooled,
               pooled-float16, volume-mean) and image score, normal-fraction 0.4 (n = 4 of 6, seed 5).
Slice scores are also written, so the Java test pins its ranking and selection apart from the residuals.
"""

import base64
import json
import math
import os
import zlib

import numpy as np
import scipy
import scipy.ndimage
import sklearn
from sklearn.metrics import average_precision_score, roc_auc_score

import metric_golden

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "golden", "image-metrics.json")
SIGMAS = [0.0, 0.5, 1.0, 2.0, 5.0]
SCORES = ["mean", "max", "top-k"]
MASK64 = (1 << 64) - 1


def top_k(pixels):
    return max(1, -(-pixels // 100))


def slice_scores(residual):
    r = np.asarray(residual, dtype=np.float32).astype(np.float64).ravel()
    k = top_k(r.size)
    return {"mean": float(r.mean()), "max": float(r.max()), "top-k": float(np.sort(r)[::-1][:k].mean())}


def lesion_free_count(slices, fraction):
    return min(slices, max(0, int(math.floor(slices * fraction / (1.0 - fraction) + 0.5))))


def lesion_free(slices, n, seed):
    rng = metric_golden.SplitMix64(seed)
    order = list(range(slices))
    for i in range(slices - 1, 0, -1):
        j = (rng.next() * (i + 1)) >> 64
        order[i], order[j] = order[j], order[i]
    chosen = [False] * slices
    for u in order[:n]:
        chosen[u] = True
    return chosen


def image_metrics(positives, negatives, float16=False):
    scores = np.asarray(list(positives) + list(negatives), dtype=np.float64)
    if float16:
        scores = scores.astype(np.float32).astype(np.float16).astype(np.float64)
    y = np.r_[np.ones(len(positives), bool), np.zeros(len(negatives), bool)]
    auroc = float(roc_auc_score(y, scores)) if y.any() and not y.all() else None
    ap = float(average_precision_score(y, scores)) if y.any() else 0.0
    return {"auroc-image": auroc, "ap-image": ap}


def cells(units, per_volume, variants, sigmas, scores, chosen, aggregation):
    """scores[unit][sigma]["variants"][v][score] / ["lesion_free"][score] -> {score: [[{metric: value}]]}"""
    out = {}
    for name in SCORES:
        grid = []
        for v in range(variants):
            row = []
            for s in range(sigmas):
                if aggregation == "volume-mean":
                    values = {"auroc-image": [], "ap-image": []}
                    for vol in range(units // per_volume):
                        us = range(vol * per_volume, (vol + 1) * per_volume)
                        pos = [scores[u][s]["variants"][v][name] for u in us]
                        neg = [scores[u][s]["lesion_free"][name] for u in us if chosen[u]]
                        if pos and neg:
                            m = image_metrics(pos, neg)
                            for k in values:
                                values[k].append(m[k])
                    cell = {}
                    for k, vals in values.items():
                        arr = np.asarray(vals, dtype=np.float64)
                        cell[k] = float(arr.mean())
                        cell[k + "_std"] = float(arr.std(ddof=1)) if arr.size >= 2 else None
                    cell["n"] = len(values["ap-image"])
                else:
                    pos = [scores[u][s]["variants"][v][name] for u in range(units)]
                    neg = [scores[u][s]["lesion_free"][name] for u in range(units) if chosen[u]]
                    cell = image_metrics(pos, neg, float16=aggregation == "pooled-float16")
                    cell["n"] = len(pos) + len(neg)
                row.append(cell)
            grid.append(row)
        out[name] = grid
    return out


def ch2bet():
    golden = json.load(open(metric_golden.GOLDEN))
    nifti = metric_golden.load_nifti_module()
    volume = nifti.normalise_by_maximum(nifti.read_nifti(metric_golden.NIFTI))
    intensities = golden["intensities"]
    scores = []
    for s, z in enumerate(golden["slices_z"]):
        normal = np.ascontiguousarray(volume[:, :, z], dtype=np.float32)
        row, col = golden["positions"][s]
        per_sigma = []
        for sigma in SIGMAS:
            rec = scipy.ndimage.gaussian_filter(normal, sigma)
            variants = []
            for intensity in intensities:
                anomalous, _ = metric_golden.anomalous_slice(normal, row, col, golden["radius"], intensity)
                variants.append(slice_scores(np.abs(rec - anomalous)))
            per_sigma.append({"variants": variants, "lesion_free": slice_scores(np.abs(rec - normal))})
        scores.append(per_sigma)
    n_slices = len(golden["slices_z"])
    out = {"slices": golden["slices_z"], "positions": golden["positions"], "radius": golden["radius"],
           "intensities": intensities, "sigmas": SIGMAS, "top_k": top_k(181 * 217), "scores": scores,
           "fractions": []}
    for fraction, seed in ((0.5, 0), (0.2, 0)):
        n = lesion_free_count(n_slices, fraction)
        chosen = lesion_free(n_slices, n, seed)
        out["fractions"].append({"normal_fraction": fraction, "seed": seed, "lesion_free_count": n,
                                 "chosen": chosen,
                                 "cells": cells(n_slices, n_slices, len(intensities), len(SIGMAS), scores, chosen,
                                                "slice-mean")})
    return out


def synthetic():
    """Two volumes x three slices, two variants, two sigmas: scores on a coarse grid (ties across classes)."""
    rng = np.random.default_rng(140)
    volumes, per_volume, variants, sigmas = 2, 3, 2, 2
    units = volumes * per_volume
    scores = []
    for u in range(units):
        per_sigma = []
        for s in range(sigmas):
            per_sigma.append({
                "variants": [{name: float(np.round(rng.random() * 4 + v, 0) / 4 + (0.5 if name == "max" else 0))
                              for name in SCORES} for v in range(variants)],
                "lesion_free": {name: float(np.round(rng.random() * 4, 0) / 4 + (0.5 if name == "max" else 0))
                                for name in SCORES}})
        scores.append(per_sigma)
    # A score that float16 rounds onto another: 1 + 2^-12 ties with 1.0 in half precision.
    scores[0][0]["variants"][0]["mean"] = 1.0 + 2.0 ** -12
    scores[1][0]["lesion_free"]["mean"] = 1.0
    fraction, seed = 0.4, 5
    n = lesion_free_count(units, fraction)
    chosen = lesion_free(units, n, seed)
    return {"volumes": volumes, "slices_per_volume": per_volume, "variants": variants, "sigmas": sigmas,
            "normal_fraction": fraction, "seed": seed, "lesion_free_count": n, "chosen": chosen, "scores": scores,
            "aggregations": {a: cells(units, per_volume, variants, sigmas, scores, chosen, a)
                             for a in ("slice-mean", "pooled", "pooled-float16", "volume-mean")}}


def residual_maps():
    """Slice scores of small residual maps (ties, a tiny map below 100 pixels) against SliceScores in Java."""
    rng = np.random.default_rng(141)
    out = []
    for rows, cols in ((12, 17), (5, 7), (30, 40)):
        normal = (np.round(rng.random((rows, cols)) * 16) / 16).astype(np.float32)
        rec = scipy.ndimage.gaussian_filter(normal, 1.0)
        label = np.zeros((rows, cols), np.float32)
        label[rows // 3: rows // 3 + 3, cols // 3: cols // 3 + 4] = 1
        mask = (normal > 0).astype(np.float32)
        label *= mask
        variants = []
        for intensity in (0.0, 0.5, 1.0):
            anomalous = np.where(label > 0, np.float32(intensity), normal) * mask
            variants.append({"anomalous": metric_golden.enc(anomalous, "<f4"),
                             "scores": slice_scores(np.abs(rec - anomalous))})
        out.append({"rows": rows, "cols": cols, "top_k": top_k(rows * cols),
                    "normal": metric_golden.enc(normal, "<f4"), "reconstruction": metric_golden.enc(rec, "<f4"),
                    "label": metric_golden.enc(label, "<f4"), "variants": variants,
                    "lesion_free": slice_scores(np.abs(rec - normal))})
    return out


def compute():
    return {
        "what": "auroc-image / ap-image (issue 14) computed by scoring-service/src/test/python/image_metric_golden.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
        "residual_maps": residual_maps(),
        "synthetic": synthetic(),
        "ch2bet": ch2bet(),
    }


def main():
    out = compute()
    with open(OUT, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.relpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
