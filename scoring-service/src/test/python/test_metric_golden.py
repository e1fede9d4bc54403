"""The golden file of the metric kernels is what metric_golden.py computes with this machine's reference
libraries: recomputed here and compared value by value (the Java side, MetricGoldenTest, compares the kernels
with the file). Run by `./blindspot test` (needs Debian's python3-sklearn, python3-skimage, python3-scipy,
python3-pytest)."""

import json
import math
import os

import metric_golden

TOLERANCE = 1e-12


def compare(expected, actual, path="$"):
    if isinstance(expected, dict):
        assert isinstance(actual, dict) and expected.keys() == actual.keys(), path
        for k in expected:
            compare(expected[k], actual[k], path + "." + k)
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(expected) == len(actual), path
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, "%s[%d]" % (path, i))
    elif isinstance(expected, float) and not isinstance(actual, str):
        assert actual is not None and math.isclose(expected, actual, rel_tol=0, abs_tol=TOLERANCE), \
            "%s: file %r, recomputed %r" % (path, expected, actual)
    else:
        assert expected == actual, "%s: file %r, recomputed %r" % (path, expected, actual)


def test_golden_file_is_what_the_reference_libraries_compute():
    with open(metric_golden.OUT) as f:
        stored = json.load(f)
    recomputed = json.loads(json.dumps(metric_golden.compute()))
    del stored["versions"], recomputed["versions"]     # the values decide, not the version strings
    compare(stored, recomputed)


def test_golden_file_stays_small():
    assert os.path.getsize(metric_golden.OUT) < 1_000_000


def test_vectorised_references_equal_brute_force_on_a_tie_heavy_map():
    import numpy as np
    rng = np.random.default_rng(3)
    label = np.zeros((9, 11), bool)
    label[1:4, 1:3] = label[6, 6] = label[7, 7] = label[2, 9] = True
    scores = np.round(rng.random((9, 11)) * 5) / 5
    assert metric_golden.best_dice(scores.ravel(), label.ravel()) == \
        metric_golden.best_dice_brute(scores.ravel(), label.ravel())
    assert abs(metric_golden.aupro(scores, label) - metric_golden.aupro_brute(scores, label)) < 1e-12
