import gzip
import os
import struct

import numpy as np
import pytest

from blindspot_training import mood, train
from conftest import WIDTH


def write_nifti(path, volume):
    """A minimal single-file NIfTI-1 (float32, little endian, no scaling), voxels in Fortran order."""
    volume = np.asarray(volume, dtype="<f4")
    header = bytearray(348)
    struct.pack_into("<i", header, 0, 348)
    struct.pack_into("<8h", header, 40, 3, *volume.shape, 1, 1, 1, 1)
    struct.pack_into("<2h", header, 70, 16, 32)        # datatype float32, bitpix
    struct.pack_into("<f", header, 108, 352.0)         # vox_offset
    struct.pack_into("<2f", header, 112, 0.0, 0.0)     # scl_slope 0: no scaling
    header[344:348] = b"n+1\x00"
    raw = bytes(header) + b"\x00" * 4 + volume.tobytes(order="F")
    if str(path).endswith(".gz"):
        raw = gzip.compress(raw)
    with open(path, "wb") as f:
        f.write(raw)


def volume_of(v, shape=(6, 5, 140)):
    """Voxel (i, j, k) = v + i + 10 j + 100 k: every slice z is known exactly, maximum v + 5 + 40 + 13900."""
    i, j, k = np.indices(shape)
    return (v + i + 10 * j + 100 * k).astype(np.float32)


@pytest.fixture
def mood_folder(tmp_path):
    """Five volumes named out of order, a non-NIfTI file and a subfolder that must not count."""
    folder = tmp_path / "brain_train"
    (folder / "sub").mkdir(parents=True)
    for n, name in enumerate(["00003.nii.gz", "00001.nii", "00000.nii.gz", "00004.nii.gz", "00002.nii.gz"]):
        write_nifti(folder / name, volume_of(int(name[:5])))
    write_nifti(folder / "sub" / "00009.nii.gz", volume_of(9))
    (folder / "notes.txt").write_text("not a volume")
    return folder


@pytest.mark.parametrize("n, train_count, val_count, test_count", [
    (1, 0, 0, 1),      # floor(0.6) = 0: nothing to train on
    (5, 3, 0, 2),      # floor(3.0) = 3
    (7, 4, 0, 3),      # floor(4.2) = 4
    (10, 6, 0, 4),
    (34, 19, 1, 14),   # floor(20.4) = 20 training volumes, floor(0.05 * 20) = 1 of them validation
    (100, 57, 3, 40),  # 60 training volumes, the first 3 validation
    (800, 456, 24, 320),
])
def test_the_split_is_60_percent_train_of_which_5_percent_validation_both_floored(n, train_count, val_count,
                                                                                 test_count):
    files = [f"{i:05d}.nii.gz" for i in range(n)]
    train_files, val_files, test_files = mood.split(files)
    assert (len(train_files), len(val_files), len(test_files)) == (train_count, val_count, test_count)
    # validation = the FIRST training volumes (the paper's code), test = everything after the first 60 %
    assert val_files + train_files + test_files == files


def test_integer_counts_equal_the_papers_float_truncations():
    # the paper: int(len(files) * 0.6) training files, of those int(len(train) * 0.05) validation
    for n in range(1, 5000):
        trained, val, _ = mood.split(list(range(n)))
        assert len(trained) + len(val) == int(n * 0.6)
        assert len(val) == int(int(n * 0.6) * 0.05)


def test_volumes_are_the_folders_nifti_files_sorted_by_name(mood_folder):
    names = [os.path.basename(f) for f in mood.list_volumes(str(mood_folder))]
    assert names == ["00000.nii.gz", "00001.nii", "00002.nii.gz", "00003.nii.gz", "00004.nii.gz"]


def test_an_empty_or_missing_folder_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no .nii or .nii.gz file"):
        mood.list_volumes(str(tmp_path))
    with pytest.raises(ValueError, match="is not a folder"):
        mood.list_volumes(str(tmp_path / "nope"))


def test_training_slices_are_axis2_slices_of_each_volume_divided_by_its_maximum(mood_folder):
    files = mood.list_volumes(str(mood_folder))[:2]
    slices = mood.training_slices(files, [120, 139])
    assert len(slices) == 4 and all(s.shape == (6, 5) and s.dtype == np.float32 for s in slices)
    # volume 1: voxel (i, j, k) = 1 + i + 10 j + 100 k, maximum 1 + 5 + 40 + 13900 = 13946
    np.testing.assert_array_equal(slices[2], volume_of(1)[:, :, 120] / np.float32(13946))
    assert slices[2][0, 0] == np.float32(12001) / np.float32(13946)
    assert slices[3][5, 4] == np.float32(1.0)  # (5, 4, 139) is the maximum
    assert slices[0][0, 0] == np.float32(12000) / np.float32(13945)


def test_a_volume_without_the_slices_is_named(tmp_path):
    write_nifti(tmp_path / "short.nii.gz", volume_of(0, (4, 4, 100)))
    with pytest.raises(ValueError, match=r"short.nii.gz has 100 slices along axis 2; slices \[120, 121"):
        mood.training_slices([str(tmp_path / "short.nii.gz")], [120, 121])


def test_slices_default_to_the_papers_120_to_139_for_a_mood_folder_and_are_refused_for_data():
    assert train.parse_args(["--family", "ae", "--mood-folder", "m", "--out", "o"]).slices == "120:140"
    assert train.parse_args(["--family", "ae", "--nifti", "n", "--out", "o"]).slices == "50:80,96:126"
    with pytest.raises(SystemExit):
        train.parse_args(["--family", "ae", "--data", "d", "--slices", "1:2", "--out", "o"])
    with pytest.raises(SystemExit):
        train.parse_args(["--family", "ae", "--data", "d", "--mood-folder", "m", "--out", "o"])


def test_command_trains_on_the_first_60_percent_and_records_the_split(mood_folder, tmp_path):
    # 5 volumes: 3 train (none validation), 2 test; 20 slices each of 6 x 5 -> 60 training slices at 32 x 32.
    record = train.main(["--family", "ae", "--latent", "4", "--mood-folder", str(mood_folder),
                         "--out", str(tmp_path / "out"), "--steps", "2", "--batch", "4", "--input-size", "32",
                         "--width", str(WIDTH)])
    assert record["mood_split"] == {"volumes": 5, "train": ["00000.nii.gz", "00001.nii", "00002.nii.gz"],
                                    "validation": [], "test": ["00003.nii.gz", "00004.nii.gz"]}
    assert record["metadata"]["training_data"] == (
        "MOOD-style folder brain_train: 3 of 5 volumes (first 60 %, minus 0 validation), axis 2 slices "
        "120:140 (60 slices), each normalised by its volume maximum")
    assert record["args"]["slices"] == "120:140"
    assert np.isfinite(record["final_loss"])


def test_too_few_volumes_to_train_on_are_refused(tmp_path):
    write_nifti(tmp_path / "only.nii.gz", volume_of(0))
    with pytest.raises(ValueError, match="none left for training"):
        train.main(["--family", "ae", "--mood-folder", str(tmp_path), "--out", str(tmp_path / "o"),
                    "--steps", "1", "--batch", "1", "--input-size", "32", "--width", str(WIDTH)])
