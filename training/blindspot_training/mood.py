"""A MOOD-style folder of brain volumes, split as the paper's code splits MOOD (paper.md, "Data").

- The volumes are the folder's `*.nii` and `*.nii.gz` files (not searched recursively), sorted by file name.
- The first 60 % are the training volumes, the rest the test volumes: the paper's `int(len(files) * 0.6)`
  (truncation), computed in integers as `(3 * n) // 5`, which gives the same count for every n (checked up to
  200,000; tests up to 5,000), and the same as the launcher's MoodFolder (n = 5 -> 3, n = 7 -> 4).
- Of the training volumes, the FIRST `floor(0.05 * n_train)` = `n_train // 20` are validation volumes (the
  paper's code: `split_idx = int(len(files) * 0.05)`, `val = files[:split_idx]`, `train = files[split_idx:]`);
  the model trains on the others. With fewer than 20 training volumes there is no validation volume.
  Blindspot does not validate during training (training/README.md); the validation volumes are only
  kept out of training and listed, so a later validation can use them.
- Training slices: `volume[:, :, z]` for z in 120..139 (the paper's `slice_range=(120, 140)`), each volume
  normalised by its own maximum as a float32 division, like the ingest-service (MOOD volumes are already in
  [0, 1], so this is about the identity there).
"""

import os

from . import nifti

MOOD_SLICES = "120:140"


def list_volumes(folder):
    """The NIfTI files directly in `folder`, sorted by file name."""
    if not os.path.isdir(folder):
        raise ValueError(f"--mood-folder {folder} is not a folder")
    names = sorted(n for n in os.listdir(folder)
                   if (n.endswith(".nii") or n.endswith(".nii.gz")) and os.path.isfile(os.path.join(folder, n)))
    if not names:
        raise ValueError(f"no .nii or .nii.gz file in {folder}")
    return [os.path.join(folder, n) for n in names]


def split(files):
    """(train, validation, test) of sorted files: first 60 % train+validation (the first 5 % of those
    validation), the rest test. Floors, in integers."""
    n_train = (3 * len(files)) // 5
    n_val = n_train // 20
    return files[n_val:n_train], files[:n_val], files[n_train:]


def training_slices(files, z_indices):
    """Normalised axis-2 slices z of every file, volume by volume, in file order then z order."""
    slices = []
    for path in files:
        volume = nifti.normalise_by_maximum(nifti.read_nifti(path))
        nz = volume.shape[2]
        bad = [z for z in z_indices if not 0 <= z < nz]
        if bad:
            raise ValueError(f"{os.path.basename(path)} has {nz} slices along axis 2; slices {bad} do not exist "
                             f"(choose --slices inside 0..{nz - 1})")
        slices.extend(volume[:, :, z].copy() for z in z_indices)
    return slices
