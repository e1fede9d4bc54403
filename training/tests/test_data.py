import numpy as np
import pytest

from blindspot_training import data


def test_offsets_centre_with_the_odd_pixel_after():
    assert data.fit_offsets(181, 256) == (0, 37, 181)   # 37 zeros before, 38 after
    assert data.fit_offsets(217, 256) == (0, 19, 217)   # 19 before, 20 after
    assert data.fit_offsets(256, 256) == (0, 0, 256)
    assert data.fit_offsets(300, 256) == (22, 0, 256)   # crop keeps 22..277
    assert data.fit_offsets(257, 256) == (0, 0, 256)    # odd crop drops the last pixel


def test_padding_places_the_slice_in_the_centre():
    image = np.arange(181 * 217, dtype=np.float32).reshape(181, 217) + 1
    out = data.fit_to_size(image, 256)
    assert out.shape == (256, 256) and out.dtype == np.float32
    np.testing.assert_array_equal(out[37:218, 19:236], image)
    assert out[:37].sum() == 0 and out[218:].sum() == 0
    assert out[:, :19].sum() == 0 and out[:, 236:].sum() == 0


def test_each_axis_is_padded_or_cropped_on_its_own():
    image = np.arange(300 * 100, dtype=np.float32).reshape(300, 100)
    out = data.fit_to_size(image, 256)
    np.testing.assert_array_equal(out[:, 78:178], image[22:278])


def test_a_slice_of_the_input_size_is_unchanged():
    image = np.random.default_rng(0).random((64, 64), dtype=np.float32)
    np.testing.assert_array_equal(data.fit_to_size(image, 64), image)


def test_a_slice_must_be_2d():
    with pytest.raises(ValueError, match="2D"):
        data.fit_to_size(np.zeros((1, 4, 4), np.float32), 8)


def test_image_npy_files_win_over_other_arrays(slice_folder):
    files = data.find_slice_files(str(slice_folder))
    assert len(files) == 6 and all(f.endswith("image.npy") for f in files)
    assert files == sorted(files)


def test_without_image_npy_every_2d_float32_array_counts(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros((8, 8), np.float32))
    np.save(tmp_path / "b.npy", np.zeros((8, 8), np.float64))      # skipped: not float32
    np.save(tmp_path / "c.npy", np.zeros((2, 8, 8), np.float32))   # skipped: not 2D
    slices, paths = data.load_slice_folder(str(tmp_path))
    assert len(slices) == 1 and paths[0].endswith("a.npy")


def test_a_folder_without_slices_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no 2D float32"):
        data.load_slice_folder(str(tmp_path))


def test_stack_gives_a_batch_with_one_channel(slice_folder):
    slices, _ = data.load_slice_folder(str(slice_folder))
    batch = data.stack_slices(slices, 64)
    assert batch.shape == (6, 1, 64, 64) and batch.dtype == np.float32
