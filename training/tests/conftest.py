import os
import sys

import numpy as np
import pytest
import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "ch2bet.nii.gz")

# Small enough for 2 shared cores: every family at input 64 (bottleneck 2x2) and width 4.
SIZE = 64
WIDTH = 4


@pytest.fixture(autouse=True)
def seeded():
    torch.manual_seed(0)


@pytest.fixture
def slice_folder(tmp_path):
    """The ingest-service's layout: slices/axis2-ZZZZ/image.npy, plus a residual that must not count."""
    rng = np.random.default_rng(0)
    root = tmp_path / "experiments" / "e1" / "slices"
    for z in range(6):
        folder = root / f"axis2-{z:04d}"
        (folder / "rec").mkdir(parents=True)
        np.save(folder / "image.npy", rng.random((50, 70), dtype=np.float32))
        np.save(folder / "rec" / "0000.npy", rng.random((50, 70), dtype=np.float32))
    return tmp_path
