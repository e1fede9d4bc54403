"""The golden file of the image-level metrics is what image_metric_golden.py computes with this machine's numpy
and scikit-learn: recomputed here and compared value by value (the Java side, ImageLevelGoldenTest and
ImageMetricsEndToEndTest, compares scoring with the file). Run by `./blindspot test`."""

import json
import os

import image_metric_golden
from test_metric_golden import compare


def test_image_golden_file_is_what_the_reference_libraries_compute():
    with open(image_metric_golden.OUT) as f:
        stored = json.load(f)
    recomputed = json.loads(json.dumps(image_metric_golden.compute()))
    del stored["versions"], recomputed["versions"]
    compare(stored, recomputed)


def test_image_golden_file_stays_small():
    assert os.path.getsize(image_metric_golden.OUT) < 200_000


def test_the_shuffle_takes_every_slice_when_n_is_n_and_the_count_rule():
    assert image_metric_golden.lesion_free(7, 7, 123) == [True] * 7
    assert sum(image_metric_golden.lesion_free(30, 3, 9)) == 3
    assert [image_metric_golden.lesion_free_count(4, f) for f in (0.5, 0.4, 0.2)] == [4, 3, 1]
    assert image_metric_golden.lesion_free_count(1, 0.3) == 0
