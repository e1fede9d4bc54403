import gzip
import struct

import numpy as np
import pytest

from blindspot_training import nifti, slices
from conftest import SAMPLE


@pytest.fixture(scope="module")
def raw():
    with gzip.open(SAMPLE) as f:
        return f.read()


@pytest.fixture(scope="module")
def volume():
    return nifti.read_nifti(SAMPLE)


def independent_voxel(raw, i, j, k):
    """uint8 voxel (i, j, k) of ch2bet straight from the bytes: vox_offset + i + nx*(j + ny*k)."""
    nx, ny = struct.unpack("<2h", raw[42:46])
    (vox_offset,) = struct.unpack("<f", raw[108:112])
    return raw[int(vox_offset) + i + nx * (j + ny * k)]


def test_ch2bet_is_181_by_217_by_181_with_maximum_133(volume):
    assert volume.shape == (181, 217, 181)
    assert volume.dtype == np.float32
    assert volume.max() == 133.0
    assert volume.min() == 0.0


def test_voxels_match_bytes_read_with_gzip_and_struct(raw, volume):
    assert independent_voxel(raw, 90, 108, 85) == 51
    assert volume[90, 108, 85] == 51.0
    rng = np.random.default_rng(1)
    for i, j, k in zip(rng.integers(0, 181, 50), rng.integers(0, 217, 50), rng.integers(0, 181, 50)):
        assert volume[i, j, k] == independent_voxel(raw, i, j, k)


def test_normalisation_is_a_float32_division_by_the_volume_maximum(volume):
    normalised = nifti.normalise_by_maximum(volume)
    assert normalised.dtype == np.float32
    assert normalised.max() == np.float32(1.0)
    assert normalised[90, 108, 85] == np.float32(51.0) / np.float32(133.0)


def test_normalisation_refuses_a_volume_without_positive_voxel():
    with pytest.raises(ValueError, match="no positive voxel"):
        nifti.normalise_by_maximum(np.zeros((2, 2, 2), np.float32))


def test_axis2_slice_is_volume_of_z_with_rows_i_and_columns_j(volume):
    (s,) = nifti.axis2_slices(SAMPLE, [85])
    assert s.shape == (181, 217)
    assert s.flags["C_CONTIGUOUS"]
    np.testing.assert_array_equal(s, volume[:, :, 85] / np.float32(133))


def test_slice_ranges_are_half_open_and_may_be_combined():
    assert nifti.parse_slice_ranges("40:70") == list(range(40, 70))
    assert nifti.parse_slice_ranges("50:80,96:126") == list(range(50, 80)) + list(range(96, 126))
    assert nifti.parse_slice_ranges("85") == [85]
    with pytest.raises(ValueError):
        nifti.parse_slice_ranges("70:40")


def test_slices_outside_the_volume_are_refused():
    with pytest.raises(ValueError, match="outside"):
        nifti.axis2_slices(SAMPLE, [181])


def test_not_a_nifti_file_is_refused(tmp_path):
    path = tmp_path / "x.nii"
    path.write_bytes(b"\0" * 400)
    with pytest.raises(nifti.NiftiError, match="sizeof_hdr"):
        nifti.read_nifti(path)


def test_slices_command_writes_the_ingest_layout(tmp_path):
    paths = slices.write_slices(SAMPLE, "40:42", str(tmp_path))
    assert [p[len(str(tmp_path)) + 1:] for p in paths] == ["axis2-0040/image.npy", "axis2-0041/image.npy"]
    image = np.load(paths[0])
    assert image.dtype == np.float32 and image.shape == (181, 217)
