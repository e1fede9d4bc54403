#!/usr/bin/python3
"""The paper's method for experiment 1 (Meissen et al., MIDL 2022), timed per (slice, cell): the baseline of the
benchmark. It calls the paper's own libraries the way the paper's code does, one cell at a time:

    anomalous = slice with a disk of `intensity` (skimage.draw.disk, coordinates clipped to the image),
                image and label multiplied by the brain mask (original slice > 0)
    normal-rec = scipy.ndimage.gaussian_filter(slice, sigma)          (the reconstruction of the NORMAL slice)
    residual  = abs(normal-rec - anomalous)                           (float32, every pixel)
    ap        = sklearn.metrics.average_precision_score(label.ravel(), residual.ravel())

Each cell is timed from the disk to the AP (`seconds`); `ap_seconds` is the average_precision_score call alone.
Nothing is cached between cells: that is the cost the benchmark compares Blindspot against.

Input: one JSON file (argument 1, or '-' for stdin):
    {"nifti": "samples/ch2bet.nii.gz", "radius": 20,
     "slices": [{"z": 80, "position": [136, 49]}, ...],
     "intensities": [0.0, 0.333...], "sigmas": [0.0, 1.0101...]}
Every (slice, intensity, sigma) of the cross product is one cell. Intensities and sigmas are taken as given
(the caller passes numpy's linspace values as full-precision doubles). Output (stdout, JSON):
    {"cells": [{"slice", "intensity", "sigma", "ap", "seconds", "ap_seconds"}], "mean_seconds_per_cell",
     "mean_ap_seconds_per_cell", "versions": {...}}

Reading and normalising the volume follow golden/README.md rules 1-2 (training/blindspot_training/nifti.py,
loaded by path so that this script needs nothing installed but Debian's numpy, scipy, scikit-image, sklearn).
"""

import importlib.util
import json
import os
import sys
import time
import warnings

import numpy as np
import scipy
import scipy.ndimage
import skimage
import skimage.draw
import sklearn
from sklearn.metrics import average_precision_score

HERE = os.path.dirname(os.path.abspath(__file__))
NIFTI_PY = os.path.join(HERE, "..", "..", "training", "blindspot_training", "nifti.py")


def load_nifti_module():
    """training/blindspot_training/nifti.py by path: importing the package would pull in torch. No bytecode is
    written, so the benchmark leaves no __pycache__ in training/."""
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location("blindspot_nifti", NIFTI_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def anomalous_slice(normal, row, col, radius, intensity):
    """The paper's disk anomaly: skimage disk without a shape, coordinates clipped to the image (golden rule 3:
    clamped, not dropped), pixels set to the intensity (a Python float into a float32 array), then image and label
    multiplied by the brain mask of the original slice."""
    rr, cc = skimage.draw.disk((row, col), radius)
    rr = np.clip(rr, 0, normal.shape[0] - 1)
    cc = np.clip(cc, 0, normal.shape[1] - 1)
    mask = (normal > 0).astype(np.float32)
    anomalous = normal.copy()
    anomalous[rr, cc] = intensity
    label = np.zeros_like(normal)
    label[rr, cc] = 1
    return anomalous * mask, label * mask


def cell(normal, row, col, radius, intensity, sigma):
    """One (slice, intensity, sigma) cell: (ap, seconds, ap_seconds)."""
    t0 = time.perf_counter()
    anomalous, label = anomalous_slice(normal, row, col, radius, intensity)
    reconstruction = scipy.ndimage.gaussian_filter(normal, sigma)
    residual = np.abs(reconstruction - anomalous)
    t1 = time.perf_counter()
    ap = average_precision_score(label.ravel(), residual.ravel())
    t2 = time.perf_counter()
    return float(ap), t2 - t0, t2 - t1


def run(spec):
    nifti = load_nifti_module()
    volume = nifti.normalise_by_maximum(nifti.read_nifti(spec["nifti"]))
    radius = int(spec["radius"])
    cells = []
    with warnings.catch_warnings():
        # A label without positives makes sklearn warn and return 0, as the paper's runs did; keep stdout clean.
        warnings.simplefilter("ignore")
        for s in spec["slices"]:
            z = int(s["z"])
            row, col = (int(v) for v in s["position"])
            normal = np.ascontiguousarray(volume[:, :, z])
            for intensity in spec["intensities"]:
                for sigma in spec["sigmas"]:
                    ap, seconds, ap_seconds = cell(normal, row, col, radius, float(intensity), float(sigma))
                    cells.append({"slice": z, "intensity": float(intensity), "sigma": float(sigma), "ap": ap,
                                  "seconds": seconds, "ap_seconds": ap_seconds})
    n = max(len(cells), 1)
    return {
        "cells": cells,
        "mean_seconds_per_cell": sum(c["seconds"] for c in cells) / n,
        "mean_ap_seconds_per_cell": sum(c["ap_seconds"] for c in cells) / n,
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-image": skimage.__version__, "scikit-learn": sklearn.__version__},
    }


def main(argv):
    if len(argv) != 2:
        print("usage: paper_reference.py INPUT.json|-", file=sys.stderr)
        return 2
    if argv[1] == "-":
        spec = json.load(sys.stdin)
    else:
        with open(argv[1]) as f:
            spec = json.load(f)
    # repr of a Python float is the shortest round-trip text, so the APs reach Java bit for bit.
    json.dump(run(spec), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
