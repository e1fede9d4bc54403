import json
import os

import numpy as np
import pytest
import torch

from blindspot_training import train
from blindspot_training.models import FAMILIES, build_model
from conftest import SAMPLE, SIZE, WIDTH


def random_images(n=6):
    return np.random.default_rng(0).random((n, 1, SIZE, SIZE), dtype=np.float32)


@pytest.mark.parametrize("family", FAMILIES)
def test_three_steps_of_every_family_give_finite_losses(family):
    model = build_model(family, SIZE, WIDTH)
    history, seconds = train.train(model, random_images(), steps=3, batch=4, lr=1e-3, weight_decay=0.02,
                                   seed=0, log_every=1)
    assert [step for step, _ in history] == [1, 2, 3]
    assert all(np.isfinite(loss) for _, loss in history)
    assert np.isfinite(train.evaluate_l1(model, random_images()))
    assert not model.training  # evaluate_l1 switches to inference mode


def test_training_is_reproducible_with_the_same_seed():
    runs = []
    for _ in range(2):
        torch.manual_seed(0)
        model = build_model("ae", SIZE, WIDTH)
        runs.append(train.train(model, random_images(), 3, 4, 1e-3, 0.02, 0, 1)[0])
    assert runs[0] == runs[1]


def test_defaults_are_the_papers():
    args = train.parse_args(["--family", "ae", "--data", "d", "--out", "o"])
    assert (args.steps, args.batch, args.lr, args.weight_decay, args.seed, args.input_size, args.width) == \
        (10_000, 128, 1e-3, 0.02, 0, 256, 32)


def test_vqvae_refuses_a_latent_argument():
    with pytest.raises(SystemExit):
        train.parse_args(["--family", "vqvae", "--latent", "8", "--data", "d", "--out", "o"])


def test_command_trains_exports_and_writes_the_parity_case(slice_folder, tmp_path):
    out = tmp_path / "out"
    record = train.main(["--family", "ae", "--latent", "16", "--data", str(slice_folder), "--out", str(out),
                         "--steps", "3", "--batch", "4", "--input-size", str(SIZE), "--width", str(WIDTH),
                         "--log-every", "2"])
    assert record["name"] == "ae-latent16"
    assert sorted(os.listdir(out)) == ["ae-latent16.json", "ae-latent16.onnx", "ae-latent16.parity-input.npy",
                                       "ae-latent16.parity-output.npy"]
    meta = record["metadata"]
    assert (meta["family"], meta["input_size"], meta["latent"], meta["steps"]) == ("ae", "64", "16", "3")
    assert meta["training_data"] == "folder " + os.path.basename(str(slice_folder)) + ": 6 slices"
    assert float(meta["final_loss"]) == pytest.approx(record["final_loss"], rel=1e-5)
    assert [s for s, _ in record["loss_log"]] == [2, 3]
    x = np.load(out / "ae-latent16.parity-input.npy")
    y = np.load(out / "ae-latent16.parity-output.npy")
    assert x.shape == y.shape == (2, 1, SIZE, SIZE) and x.dtype == y.dtype == np.float32
    with open(out / "ae-latent16.json") as f:
        assert json.load(f)["files"][0] == "ae-latent16.onnx"


def test_command_trains_on_held_out_slices_of_the_bundled_brain(tmp_path):
    record = train.main(["--family", "spatial-ae", "--latent", "2", "--nifti", SAMPLE, "--slices", "40:42",
                         "--out", str(tmp_path), "--steps", "2", "--batch", "2", "--input-size", str(SIZE),
                         "--width", str(WIDTH)])
    assert record["name"] == "spatial-ae-2x2x2"
    assert record["metadata"]["training_data"].startswith("ch2bet.nii.gz axis 2 slices 40:42 (2 slices)")
    assert record["metadata"]["latent"] == "2x2x2"
