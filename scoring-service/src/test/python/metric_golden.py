#!/usr/bin/python3
"""Golden values of issue 14's metrics, computed with the field's reference libraries (Debian's numpy 1.24,
scikit-learn 1.2, scikit-image 0.19, scipy 1.10), for scoring-service's MetricGoldenTest (1e-9).

    /usr/bin/python3 scoring-service/src/test/python/metric_golden.py   # rewrites ../resources/golden/metrics.json

References, each independent of the Java kernels:
  ap, pooled ap        sklearn.metrics.average_precision_score (pooled: on the concatenated pixels)
  auroc                sklearn.metrics.roc_auc_score
  regions              skimage.measure.label (default connectivity: 8-connected in 2D)
  best dice, aupro     plain numpy from the definition (checked here against a brute-force loop on small maps)
  normal quantile      np.quantile(float64 values, 0.99)  (numpy's default 'linear')
  float16              arr.astype(np.float16) (IEEE half, round half to even)
  bootstrap            SplitMix64 written out in Python ints, percentiles by np.quantile

Inputs: shared/golden's case (4 slices of ch2bet, disk radius 20 at the golden centres), intensities
0, 0.2, ..., 1 and sigmas 0 and 2 in normal-rec (two sigmas keep the file under 1 MB), plus small synthetic maps (ties, constant residual, tiny and
multiple regions, all-normal, all-anomal). Every input is written into the JSON (maps as base64 of zlib'd
little-endian float32 / uint8), so the Java test reads exactly what was scored here.
"""

import base64
import importlib.util
import json
import os
import sys
import zlib

import numpy as np
import scipy
import scipy.ndimage
import skimage
import skimage.draw
import skimage.measure
import sklearn
from sklearn.metrics import average_precision_score, roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
OUT = os.path.join(HERE, "..", "resources", "golden", "metrics.json")
GOLDEN = os.path.join(REPO, "launcher", "src", "main", "resources", "golden", "exp1-ch2bet-small.json")
NIFTI = os.path.join(REPO, "samples", "ch2bet.nii.gz")
NIFTI_PY = os.path.join(REPO, "training", "blindspot_training", "nifti.py")

INTENSITIES = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
SIGMAS = [0.0, 2.0]
MAX_FPR = 0.3
TOP_K = 100
RESAMPLES = 1000
MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------- references written from the definitions
def threshold_table(scores, label):
    """Distinct scores descending, with tp and fp of the prediction score >= t (sklearn's _binary_clf_curve)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(label, dtype=bool)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    last = np.r_[np.nonzero(np.diff(s))[0], s.size - 1]
    tp = np.cumsum(y)[last]
    fp = np.cumsum(~y)[last]
    return s[last], tp, fp


def best_dice(scores, label):
    """max over thresholds t of 2 tp / (tp + fp + P), prediction score >= t; ties: highest t."""
    p = int(np.sum(label))
    if p == 0:
        return None, None
    thr, tp, fp = threshold_table(scores, label)
    dice = 2.0 * tp / (tp + fp + p)
    i = int(np.argmax(dice))          # first maximum = highest threshold
    return float(dice[i]), float(thr[i])


def best_dice_brute(scores, label):
    p = int(np.sum(label))
    best, best_t = -1.0, None
    for t in sorted(set(np.asarray(scores, dtype=np.float64).tolist()), reverse=True):
        pred = scores >= t
        tp = int(np.sum(pred & label))
        fp = int(np.sum(pred & ~label))
        fn = p - tp
        d = 2.0 * tp / (2 * tp + fp + fn)
        if d > best:
            best, best_t = d, t
    return best, best_t


def dice_at(scores, label, threshold):
    p = int(np.sum(label))
    if p == 0:
        return None
    pred = scores > threshold
    tp = int(np.sum(pred & label))
    fp = int(np.sum(pred & ~label))
    return 2.0 * tp / (tp + fp + p)


def trapezoid_to(x, y, x_max):
    """MVTec AD's trapezoid(x, y, x_max): cut at x_max, y linearly interpolated there."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    correction = 0.0
    if x_max not in x:
        ins = int(np.searchsorted(x, x_max, side="right"))
        y_interp = y[ins - 1] + (y[ins] - y[ins - 1]) * (x_max - x[ins - 1]) / (x[ins] - x[ins - 1])
        correction = 0.5 * (y_interp + y[ins - 1]) * (x_max - x[ins - 1])
    mask = x <= x_max
    x, y = x[mask], y[mask]
    return float(np.sum(0.5 * (y[1:] + y[:-1]) * (x[1:] - x[:-1])) + correction)


def aupro(scores2d, label2d, max_fpr=MAX_FPR):
    """Area under PRO(FPR) from (0,0), prediction score >= t for every distinct t, cut at max_fpr, / max_fpr."""
    regions = skimage.measure.label(label2d)
    r = int(regions.max())
    neg = ~label2d.astype(bool)
    n = int(neg.sum())
    if r == 0 or n == 0:
        return None
    s = scores2d.astype(np.float64).ravel()
    reg = regions.ravel()
    sizes = np.bincount(reg)
    weight = np.where(reg > 0, 1.0 / sizes[reg], 0.0)   # each region pixel adds 1/|r| to Σ overlap
    order = np.argsort(-s, kind="mergesort")
    s, w, ng = s[order], weight[order], neg.ravel()[order]
    last = np.r_[np.nonzero(np.diff(s))[0], s.size - 1]
    fpr = np.cumsum(ng)[last] / n
    pro = np.cumsum(w)[last] / r
    return trapezoid_to(np.r_[0.0, fpr], np.r_[0.0, pro], max_fpr) / max_fpr


def aupro_brute(scores2d, label2d, max_fpr=MAX_FPR):
    regions = skimage.measure.label(label2d)
    r = int(regions.max())
    neg = ~label2d.astype(bool)
    xs, ys = [0.0], [0.0]
    for t in sorted(set(scores2d.astype(np.float64).ravel().tolist()), reverse=True):
        pred = scores2d >= t
        xs.append(np.sum(pred & neg) / neg.sum())
        ys.append(np.mean([np.sum(pred & (regions == i)) / np.sum(regions == i) for i in range(1, r + 1)]))
    return trapezoid_to(xs, ys, max_fpr) / max_fpr


def auroc(scores, label):
    y = np.asarray(label, dtype=bool)
    if y.all() or not y.any():
        return None                    # sklearn raises: only one class present
    return float(roc_auc_score(y, scores))


def ap(scores, label):
    y = np.asarray(label, dtype=bool)
    if not y.any():
        return 0.0                     # sklearn warns and returns 0 (golden rule 6)
    return float(average_precision_score(y, scores))


def slice_scores(r):
    r64 = np.asarray(r, dtype=np.float64).ravel()
    return {"mean": float(r64.mean()), "max": float(r64.max()),
            "top_k_mean": float(np.sort(r64)[::-1][:TOP_K].mean())}


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def index(self, n):
        return (self.next() * n) >> 64


def resamples(units, b, seed):
    rng = SplitMix64(seed)
    return [[rng.index(units) for _ in range(units)] for _ in range(b)]


def bootstrap(units, statistic, b=RESAMPLES, seed=0):
    values = np.array([statistic(draw) for draw in resamples(units, b, seed)], dtype=np.float64)
    lo, hi = np.quantile(values, [0.025, 0.975])
    return [float(lo), float(hi)]


def t_interval(values):
    v = np.asarray(values, dtype=np.float64)
    n = v.size
    mean = float(v.mean())
    s = float(v.std(ddof=1))
    lo, hi = scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=s / np.sqrt(n))
    return [float(lo), float(hi)]


# ---------------------------------------------------------------- encoding
def enc(array, dtype):
    return base64.b64encode(zlib.compress(np.ascontiguousarray(array, dtype=dtype).tobytes(), 9)).decode()


def none_if_nan(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else x


def map_metrics(residual, label, normal_residual=None):
    """Every per-map metric of one residual map (2D float32) and label (2D bool)."""
    flat, y = residual.ravel(), label.ravel()
    d, t = best_dice(flat, y)
    out = {"ap": ap(flat, y), "auroc": auroc(flat, y), "dice_best": d, "dice_best_threshold": t,
           "aupro": aupro(residual, label), "prevalence": float(y.mean())}
    p = out["prevalence"]
    out["ap_normalised"] = None if p == 1.0 else (out["ap"] - p) / (1 - p)
    if normal_residual is not None:
        q = float(np.quantile(normal_residual.astype(np.float64).ravel(), 0.99))
        out["normal_q99"] = q
        out["dice_at_normal_q99"] = dice_at(flat, y, q)
    return out


# ---------------------------------------------------------------- synthetic cases
def synthetic():
    rng = np.random.default_rng(14)
    cases = []

    def add(name, residual, label, normal=None):
        residual = np.asarray(residual, dtype=np.float32)
        label = np.asarray(label, dtype=bool)
        m = map_metrics(residual, label, normal)
        if residual.size <= 400:        # the vectorised references against brute force
            if label.any():
                bd = best_dice_brute(residual.ravel().astype(np.float64), label.ravel())
                assert bd == (m["dice_best"], m["dice_best_threshold"]), (name, bd, m)
                if not label.all():
                    assert abs(aupro_brute(residual, label) - m["aupro"]) < 1e-12, name
        regions = skimage.measure.label(label)
        case = {"name": name, "rows": residual.shape[0], "cols": residual.shape[1],
                "residual": enc(residual, "<f4"), "label": enc(label, "u1"),
                "regions": enc(regions, "<i4"), "region_count": int(regions.max()), "metrics": m}
        if normal is not None:
            case["normal"] = enc(normal, "<f4")
        cases.append(case)

    # Ties: values on a coarse grid, lesion a bit higher, two regions (one touching the other by a corner only).
    lab = np.zeros((12, 14), bool)
    lab[2:5, 2:5] = True
    lab[5, 5] = True                      # corner contact: same 8-connected region
    lab[8:11, 9:13] = True
    res = np.round(rng.random((12, 14)) * 4) / 4
    res[lab] = np.round(res[lab] + rng.random(lab.sum()) * 0.5, 1)
    add("ties-two-regions", res, lab, normal=np.round(rng.random((12, 14)) * 4) / 4)
    # Tiny regions: single pixels and a 2-pixel diagonal, continuous scores.
    lab = np.zeros((15, 15), bool)
    lab[1, 1] = lab[3, 7] = lab[4, 8] = lab[10, 12] = lab[13, 2] = True
    res = rng.random((15, 15)).astype(np.float32)
    res[lab] += 0.3
    add("tiny-regions", res, lab, normal=rng.random((15, 15)).astype(np.float32))
    # Many regions, some perfectly found, one missed entirely.
    lab = np.zeros((20, 20), bool)
    lab[0:3, 0:3] = lab[0:2, 10:18] = lab[7:12, 4:9] = lab[15:19, 15:19] = lab[18, 0] = True
    res = rng.random((20, 20)).astype(np.float32) * 0.5
    res[0:3, 0:3] = 0.9
    res[15:19, 15:19] = 0.05
    res[7:12, 4:9] += 0.4
    add("multiple-regions", res, lab, normal=(rng.random((20, 20)) * 0.5).astype(np.float32))
    # Constant residual: every score tied.
    lab = np.zeros((8, 8), bool)
    lab[3:5, 3:6] = True
    add("constant-residual", np.full((8, 8), 0.25), lab, normal=np.full((8, 8), 0.25, np.float32))
    # All normal: no lesion pixel.
    add("all-normal", rng.random((9, 9)), np.zeros((9, 9), bool), normal=rng.random((9, 9)).astype(np.float32))
    # All anomalous: no normal pixel.
    add("all-anomal", rng.random((6, 7)), np.ones((6, 7), bool), normal=rng.random((6, 7)).astype(np.float32))
    # A perfect separation and a reversed one.
    lab = np.zeros((10, 10), bool)
    lab[4:7, 4:7] = True
    res = np.where(lab, 0.8, 0.1) + rng.random((10, 10)) * 0.05
    add("perfect", res, lab)
    add("reversed", 1 - res, lab)
    # Zeros in the background (as a brain slice's), with lesion values tied to background values.
    lab = np.zeros((16, 16), bool)
    lab[5:11, 6:12] = True
    res = np.zeros((16, 16))
    res[3:13, 3:13] = np.round(rng.random((10, 10)) * 8) / 8
    res[lab] = np.round(rng.random(lab.sum()) * 8 + 2) / 8
    add("zeros-and-ties", res, lab, normal=res * (~lab))
    return cases


def pooled_cases(cases):
    """Pooled AP / AUROC and volume-mean over the synthetic maps, and the bootstrap intervals."""
    maps = [c for c in cases if c["name"] in ("ties-two-regions", "tiny-regions", "multiple-regions",
                                              "zeros-and-ties", "perfect", "reversed")]
    res = [np.frombuffer(zlib.decompress(base64.b64decode(c["residual"])), "<f4") for c in maps]
    lab = [np.frombuffer(zlib.decompress(base64.b64decode(c["label"])), "u1").astype(bool) for c in maps]
    allr, ally = np.concatenate(res), np.concatenate(lab)
    f16 = np.concatenate(res).astype(np.float16).astype(np.float64)
    volumes = [[0, 1], [2, 3], [4, 5]]
    per_volume = [ap(np.concatenate([res[i] for i in v]), np.concatenate([lab[i] for i in v])) for v in volumes]
    per_slice = [ap(r, y) for r, y in zip(res, lab)]

    def pooled_ap(draw):
        return ap(np.concatenate([res[i] for i in draw]), np.concatenate([lab[i] for i in draw]))

    return {"maps": [c["name"] for c in maps], "volumes": volumes,
            "pooled_ap": ap(allr, ally), "pooled_ap_float16": ap(f16, ally), "pooled_auroc": auroc(allr, ally),
            "per_slice_ap": per_slice, "slice_mean_ap": float(np.mean(per_slice)),
            "per_volume_ap": per_volume, "volume_mean_ap": float(np.mean(per_volume)),
            "bootstrap_slice_mean_ap": bootstrap(len(per_slice), lambda d: float(np.mean([per_slice[i] for i in d]))),
            "bootstrap_pooled_ap_200": bootstrap(len(maps), pooled_ap, b=200, seed=7),
            "t_interval_slice_mean_ap": t_interval(per_slice)}


# ---------------------------------------------------------------- ch2bet (shared/golden's slices)
def load_nifti_module():
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location("blindspot_nifti", NIFTI_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def anomalous_slice(normal, row, col, radius, intensity):
    rr, cc = skimage.draw.disk((row, col), radius)
    rr = np.clip(rr, 0, normal.shape[0] - 1)
    cc = np.clip(cc, 0, normal.shape[1] - 1)
    mask = (normal > 0).astype(np.float32)
    anomalous = normal.copy()
    anomalous[rr, cc] = intensity
    label = np.zeros_like(normal)
    label[rr, cc] = 1
    return anomalous * mask, label * mask


def ch2bet():
    golden = json.load(open(GOLDEN))
    nifti = load_nifti_module()
    volume = nifti.normalise_by_maximum(nifti.read_nifti(NIFTI))
    slices = []
    pooled = {}
    normals = {}
    for s, z in enumerate(golden["slices_z"]):
        normal = np.ascontiguousarray(volume[:, :, z], dtype=np.float32)
        row, col = golden["positions"][s]
        per_sigma = []
        for sigma in SIGMAS:
            rec = scipy.ndimage.gaussian_filter(normal, sigma)
            normal_residual = np.abs(rec - normal)
            label = None
            cells = []
            for intensity in INTENSITIES:
                anomalous, lab = anomalous_slice(normal, row, col, golden["radius"], intensity)
                label = lab.astype(bool)
                residual = np.abs(rec - anomalous)
                m = map_metrics(residual, label, normal_residual)
                m["slice_scores"] = slice_scores(residual)
                cells.append(m)
                pooled.setdefault((sigma, intensity), []).append((residual.ravel(), label.ravel()))
                normals.setdefault((sigma, intensity), []).append(normal_residual.ravel())
            label_pixels = np.flatnonzero(label.ravel())
            reference = np.abs(rec - anomalous_slice(normal, row, col, golden["radius"], 0.0)[0])
            per_sigma.append({"sigma": sigma, "reference_residual": enc(reference, "<f4"),
                              "rec_on_label": enc(rec.ravel()[label_pixels], "<f4"),
                              "normal_on_label": enc(normal.ravel()[label_pixels], "<f4"),
                              "normal_slice_scores": slice_scores(normal_residual),
                              "cells": cells})
        regions = skimage.measure.label(label)
        slices.append({"z": z, "rows": normal.shape[0], "cols": normal.shape[1], "label": enc(label, "u1"),
                       "region_count": int(regions.max()),
                       "region_sizes": np.bincount(regions.ravel())[1:].tolist(), "sigmas": per_sigma})
    pooled_out = []
    for (sigma, intensity), parts in pooled.items():
        r = np.concatenate([p[0] for p in parts])
        y = np.concatenate([p[1] for p in parts])
        pooled_out.append({"sigma": sigma, "intensity": intensity, "ap": ap(r, y),
                           "ap_float16": ap(r.astype(np.float16).astype(np.float64), y), "auroc": auroc(r, y),
                           "dice_at_normal_q99": dice_at_normal_q99(parts, normals[(sigma, intensity)])})
    # the aggregation stage's values of one cell (sigma 2, intensity 0.6; the bootstrap is the costly part)
    stage = {"sigma": 2.0, "intensity": 0.6, "values": cross_slice(pooled[(2.0, 0.6)])}
    stage["values"]["dice_at_normal_q99"] = dice_at_normal_q99_stage(pooled[(2.0, 0.6)], normals[(2.0, 0.6)])
    return {"slices": slices, "pooled": pooled_out, "cross_slice": stage}


def dice_best_or_none(scores, label):
    y = np.asarray(label, dtype=bool)
    return best_dice(scores, y)[0] if y.any() else None


def normalised(ap_value, label):
    p = float(np.asarray(label, dtype=bool).mean())
    return (ap_value - p) / (1 - p)


def cross_slice(parts):
    """The aggregation stage's values of one cell (scoring's CrossSliceAggregates) from its slices' (residual,
    label): pooled and pooled-float16 of ap, ap-normalised, auroc, dice-best; volume-mean with the four slices as two
    volumes (0, 1 | 2, 3): per-volume values, mean, t-interval, bootstrap over volumes (1,000, seed 0); the pooled
    bootstrap over slices (200 resamples, seed 7) of ap and auroc."""
    def metrics(r, y, f16=False):
        r = r.astype(np.float16).astype(np.float64) if f16 else r
        a = ap(r, y)
        return {"ap": a, "ap-normalised": normalised(a, y), "auroc": auroc(r, y),
                "dice-best": dice_best_or_none(r, y)}

    def cat(idx):
        return (np.concatenate([parts[i][0] for i in idx]), np.concatenate([parts[i][1] for i in idx]))

    r, y = cat(range(len(parts)))
    volumes = [[0, 1], [2, 3]]
    per_volume = [metrics(*cat(v)) for v in volumes]
    volume_mean = {}
    for m in ("ap", "ap-normalised", "auroc", "dice-best"):
        values = [pv[m] for pv in per_volume]
        volume_mean[m] = {"per_volume": values, "mean": float(np.mean(values)),
                          "std": float(np.std(values, ddof=1)), "t_interval": t_interval(values),
                          "bootstrap": bootstrap(2, lambda d: float(np.mean([values[i] for i in d])))}
    return {"pooled": metrics(r, y), "pooled_float16": metrics(r, y, True), "volume_mean": volume_mean,
            "bootstrap_pooled_200_seed7": {
                m: bootstrap(len(parts), lambda d: metrics(*cat(d))[m], b=200, seed=7) for m in ("ap", "auroc")}}


def dice_at_normal_q99(parts, normal_residuals, f16=False):
    """dice-at-normal-q99 of one cell over its slices: the threshold is np.quantile (linear) of every pixel of every
    slice's normal residual |rec - normal| (the same reconstructor and sigma), as float64; then per slice Dice of
    score > threshold, its mean over slices (slice-mean), and Dice of the summed counts (pooled). With f16 the normal
    residuals and the scores are rounded to float16 first (MOOD's reading)."""
    def rounded(a):
        return a.astype(np.float16).astype(np.float64) if f16 else a.astype(np.float64)

    threshold = float(np.quantile(np.concatenate([rounded(n) for n in normal_residuals]), 0.99))
    per_slice = [dice_at(rounded(r), y, threshold) for r, y in parts]
    r = np.concatenate([rounded(p[0]) for p in parts])
    y = np.concatenate([p[1] for p in parts])
    out = {"threshold": threshold, "per_slice": per_slice, "slice_mean": float(np.mean(per_slice)),
           "pooled": dice_at(r, y, threshold)}
    if not f16:
        out["float16"] = dice_at_normal_q99(parts, normal_residuals, True)
    return out


def dice_at_normal_q99_stage(parts, normal_residuals):
    """dice-at-normal-q99 with the four slices as two volumes (0, 1 | 2, 3), the threshold over all four: each
    volume's pooled Dice, their mean, t-interval, bootstrap over volumes (1,000, seed 0); the pooled bootstrap over
    slices (200, seed 7) and the slice-mean bootstrap over slices (1,000, seed 0), the threshold fixed."""
    base = dice_at_normal_q99(parts, normal_residuals)
    threshold = base["threshold"]

    def pooled(idx):
        r = np.concatenate([parts[i][0] for i in idx]).astype(np.float64)
        y = np.concatenate([parts[i][1] for i in idx])
        return dice_at(r, y, threshold)

    per_volume = [pooled(v) for v in ([0, 1], [2, 3])]
    return {"threshold": threshold,
            "volume_mean": {"per_volume": per_volume, "mean": float(np.mean(per_volume)),
                            "std": float(np.std(per_volume, ddof=1)), "t_interval": t_interval(per_volume),
                            "bootstrap": bootstrap(2, lambda d: float(np.mean([per_volume[i] for i in d])))},
            "bootstrap_pooled_200_seed7": bootstrap(len(parts), pooled, b=200, seed=7),
            "slice_mean_bootstrap": bootstrap(len(parts),
                                              lambda d: float(np.mean([base["per_slice"][i] for i in d])))}


def compute():
    """Every golden value, as the JSON file holds it."""
    cases = synthetic()
    return {
        "what": "issue 14's metrics on shared/golden's slices and on synthetic maps, computed with the reference "
                "libraries by scoring-service/src/test/python/metric_golden.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
                     "scikit-image": skimage.__version__},
        "conventions": {
            "residual": "float32 abs(rec - anomalous); maps base64(zlib(little-endian float32)), labels uint8",
            "ap": "sklearn average_precision_score; no positive: 0.0",
            "auroc": "sklearn roc_auc_score; one class only: null (sklearn raises)",
            "dice_best": "max over distinct t of 2tp/(tp+fp+P), prediction score >= t; ties: highest t",
            "dice_at_normal_q99": "2tp/(tp+fp+P) of score > np.quantile(normal residual as float64, 0.99); "
                                  "cells: the normal residuals of every slice of the sigma pooled for the threshold",
            "aupro": "PRO over FPR from (0,0), every distinct t, trapezoid cut at 0.3 (interpolated) / 0.3; "
                     "regions skimage.measure.label (8-connected)",
            "slice_scores": "mean, max, mean of the %d largest, in float64" % TOP_K,
            "bootstrap": "SplitMix64(seed), index (z*n)>>64, n draws per resample, np.quantile 0.025/0.975",
        },
        "intensities": INTENSITIES, "sigmas": SIGMAS, "max_fpr": MAX_FPR, "top_k": TOP_K,
        "synthetic": cases,
        "pooled_synthetic": pooled_cases(cases),
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
