"""Training slices: folders of .npy slices and the one rule that fits a slice to the model input size."""

import logging
import os

import numpy as np

log = logging.getLogger(__name__)


def fit_offsets(n, size):
    """Where a line of n pixels goes in a line of `size`: (source start, target start, length).

    Centred, with the odd pixel AFTER the content: padding puts floor((size - n) / 2) zeros before the slice
    and the rest after it; cropping keeps source pixels floor((n - size) / 2) .. +size. 181 -> 256: 37 zeros
    before, 38 after; 217 -> 256: 19 before, 20 after; 300 -> 256: source 22..277.
    """
    if n <= size:
        return 0, (size - n) // 2, n
    return (n - size) // 2, 0, size


def fit_to_size(image, size):
    """A 2D slice zero-padded and/or centre-cropped (each axis on its own) to float32 [size, size]."""
    image = np.asarray(image)
    if image.ndim != 2:
        raise ValueError(f"a slice must be 2D [rows, cols], got shape {image.shape}")
    out = np.zeros((size, size), dtype=np.float32)
    rs, rt, rn = fit_offsets(image.shape[0], size)
    cs, ct, cn = fit_offsets(image.shape[1], size)
    out[rt:rt + rn, ct:ct + cn] = image[rs:rs + rn, cs:cs + cn]
    return out


def find_slice_files(folder):
    """The .npy files a training folder contributes, sorted.

    If any file under `folder` (searched recursively) is named image.npy, only those count: that is the
    ingest-service's layout (experiments/<id>/slices/axis2-0080/image.npy), where residuals, reconstructions
    and anomalous variants are .npy files too. Otherwise every *.npy counts.
    """
    images, others = [], []
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".npy"):
                (images if name == "image.npy" else others).append(os.path.join(root, name))
    return sorted(images) if images else sorted(others)


def load_slice_folder(folder):
    """(slices, paths): every 2D float32 array of find_slice_files(folder); other arrays are skipped."""
    slices, paths = [], []
    for path in find_slice_files(folder):
        array = np.load(path, allow_pickle=False)
        if array.ndim != 2 or array.dtype != np.float32:
            log.warning("skipping %s: %s %s is not a 2D float32 slice", path, array.dtype, array.shape)
            continue
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{path} has non-finite values")
        slices.append(array)
        paths.append(path)
    if not slices:
        raise ValueError(f"no 2D float32 .npy slice under {folder}")
    return slices, paths


def stack_slices(slices, size):
    """Slices fitted to the input size, as one float32 batch [n, 1, size, size]."""
    return np.stack([fit_to_size(s, size) for s in slices])[:, None, :, :]
